"""Self-contained HTML: executed notebooks and the report's index page.

The stock nbconvert ``lab`` template loads require.js, MathJax and Mermaid
from a CDN, so a report opened offline (or archived) shows blank areas and
waits on the network. :class:`NotebookRenderer` renders through the same
template with those script blocks removed: figures are inline PNG/SVG data,
styles are inlined, and nothing is fetched. The price: LaTeX in Markdown
shows as source and Mermaid diagrams as code, which these notebooks do not
use. One renderer (one nbconvert ``HTMLExporter``) is built per run and
reused for every notebook, in-process: starting ``jupyter nbconvert`` per
notebook costs seconds of start-up each.

:func:`index_page` writes the page a reader opens first: each notebook with
its status, duration, parameters and links, a corpus summary, the tables and
the provenance of the run.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hi")])
>>> page = NotebookRenderer().render(nb, title="hi")
>>> "<script src=" in page, "Hi" in page
(False, True)
"""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from kzlib.report.page import finish_page, replace_paths

__all__ = ["SELF_CONTAINED_TEMPLATE", "NotebookRenderer", "index_page"]

#: Jinja template: nbconvert's ``lab`` page without any script fetched from the network.
SELF_CONTAINED_TEMPLATE: str = """\
{%- extends 'index.html.j2' -%}
{#- kzlib: no require.js, MathJax, Mermaid or widget manager from a CDN. -#}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{#- kzlib: code folded behind a toggle; the notebook keeps it. -#}
{% block input_group -%}
<details class="kz-code"><summary>code
{%- if cell.execution_count %} [{{ cell.execution_count }}]{% endif -%}
</summary>
{{ super() }}
</details>
{%- endblock input_group %}
{#- kzlib: a figure's alt text and caption from its output metadata (kzlib.figure). -#}
{% block data_png scoped %}
{%- set alt = output | get_metadata('alt', 'image/png') -%}
{%- set caption = output | get_metadata('caption', 'image/png') -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- if alt %} alt="{{ alt | escape_html }}"{% endif %}
{%- if caption %} data-caption="{{ caption | escape_html }}"{% endif %}
{%- set width=output | get_metadata('width', 'image/png') -%}
{%- if width is not none %} width="{{ width | escape_html }}"{% endif %}
{%- set height=output | get_metadata('height', 'image/png') -%}
{%- if height is not none %} height="{{ height | escape_html }}"{% endif %}>
</div>
{%- endblock data_png %}
"""
_TEMPLATE_NAME = "kzlib_self_contained.html.j2"
#: Input files listed unfolded in the index; more are listed in a folded section.
_MAX_OPEN_INPUTS = 50


class NotebookRenderer:
    """Render notebooks to self-contained HTML with one reused nbconvert exporter.

    Parameters
    ----------
    no_input : bool
        Hide code cells (and prompts), keeping Markdown, outputs and figures.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    >>> "1 + 1" in NotebookRenderer(no_input=True).render(nb, title="t")
    False
    """

    def __init__(self, *, no_input: bool = False) -> None:
        from jinja2 import DictLoader
        from nbconvert import HTMLExporter

        self.no_input = no_input
        self._exporter = HTMLExporter(  # type: ignore[no-untyped-call]
            template_name="lab",
            template_file=_TEMPLATE_NAME,
            extra_loaders=[DictLoader({_TEMPLATE_NAME: SELF_CONTAINED_TEMPLATE})],
            embed_images=True,
            exclude_input=no_input,
            exclude_input_prompt=no_input,
            exclude_output_prompt=no_input,
        )
        self._lock = threading.Lock()

    def render(
        self,
        nb: Any,
        *,
        title: str,
        tables: Sequence[str] = (),
        paths: Mapping[str, str] | None = None,
    ) -> str:
        """Render one notebook (an ``nbformat.NotebookNode``) to an HTML page.

        The page is finished by :func:`kzlib.report.page.finish_page`: a bar with
        links to the index and the notebook's tables and a table of contents,
        readable sortable tables, figures with alt text and captions, machine
        paths replaced by ``paths``.

        Parameters
        ----------
        nb : NotebookNode
            The notebook, usually executed.
        title : str
            Page title.
        tables : sequence of str
            Tables the notebook wrote, relative to the report (``tables/x.csv``).
        paths : mapping, optional
            Absolute paths and what to show instead (:func:`kzlib.report.page.reader_paths`).

        Returns
        -------
        str
            The HTML document.

        Examples
        --------
        >>> import nbformat
        >>> nb = nbformat.v4.new_notebook()
        >>> "<title>empty</title>" in NotebookRenderer().render(nb, title="empty")
        True
        """
        resources = {"metadata": {"name": title}}
        with self._lock:  # one exporter shared by the worker threads
            body, _ = self._exporter.from_notebook_node(nb, resources=resources)
        return finish_page(str(body), title=title, tables=tables, paths=paths)


# ---------------------------------------------------------------------------
# index page

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
       max-width: 72rem; padding: 0 1rem; color: #1f2328; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.sub { color: #59636e; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border-bottom: 1px solid #d1d9e0; padding: .35rem .5rem; text-align: left;
         vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; }
.ok { color: #1a7f37; font-weight: 600; } .failed { color: #cf222e; font-weight: 600; }
.err { color: #cf222e; font-family: ui-monospace, monospace; font-size: .85rem; }
.banner { padding: .6rem .8rem; border-radius: 6px; margin: 1rem 0; }
.banner.ok { background: #dafbe1; } .banner.failed { background: #ffebe9; }
details { margin: .5rem 0; } summary { cursor: pointer; }
.wide { overflow-x: auto; max-width: 100%; }
@media (max-width: 40rem) { body { margin: 1rem auto; padding: 0 .6rem; }
  .mono { overflow-wrap: anywhere; } table { font-size: .85rem; } }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _params_html(params: Mapping[str, Any]) -> str:
    items = "".join(
        f"<div><code>{_e(k)} = {_e(json.dumps(v, ensure_ascii=False))}</code></div>"
        for k, v in params.items()
    )
    return items or "<em>none</em>"


def index_page(
    run: Mapping[str, Any],
    *,
    corpus_rows: Sequence[Mapping[str, Any]],
    max_documents: int = 200,
    paths: Mapping[str, str] | None = None,
) -> str:
    """The report's ``index.html``: reports, corpus, tables and provenance.

    Parameters
    ----------
    run : mapping
        The run record written to ``run.json`` (see :func:`kzlib.report.report`):
        keys ``status``, ``started``, ``ended``, ``seconds``, ``corpus``,
        ``notebooks``, ``tables``, ``provenance``.
    corpus_rows : sequence of mappings
        One row per document with ``doc_id``, ``title``, ``date``, ``source``,
        ``n_words``.
    max_documents : int
        Documents listed at most; a large corpus gets a note pointing to the
        corpus table instead of a page-long list.
    paths : mapping, optional
        Machine paths and what to show instead (:func:`kzlib.report.page.reader_paths`).

    Returns
    -------
    str
        The HTML document (no scripts, no external resources).

    Examples
    --------
    >>> run = {"status": "ok", "started": "t0", "ended": "t1", "seconds": 1.0,
    ...        "corpus": {"path": "seeds", "documents": 0, "words": 0},
    ...        "notebooks": [], "tables": [], "provenance": {"inputs": [], "packages": {},
    ...        "git": {"commit": None, "dirty": None}, "python": {"version": "3.11"},
    ...        "kernel_python": "python", "kzlib_version": "0.1.0", "platform": "x"}}
    >>> "<h1>" in index_page(run, corpus_rows=[])
    True
    """
    corpus = run["corpus"]
    failed = [nb for nb in run["notebooks"] if nb["status"] != "ok"]
    status_cls = "ok" if run["status"] == "ok" else "failed"
    banner = (
        f"All {len(run['notebooks'])} notebooks ran without error."
        if not failed
        else f"{len(failed)} of {len(run['notebooks'])} notebooks failed: "
        + ", ".join(nb["name"] for nb in failed)
        + ". Their pages show the output up to the error."
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kzlib report</title>
<style>{_CSS}</style>
</head>
<body>
<h1>kzlib report</h1>
<p class="sub">Corpus <code>{_e(corpus["path"])}</code>: {corpus["documents"]:,} documents,
{corpus["words"]:,} words. Run {_e(run["started"])} to {_e(run["ended"])}
({run["seconds"]:.1f} s).</p>
<div class="banner {status_cls}">{_e(banner)}</div>

<h2>Reports</h2>
<table>
<tr><th>notebook</th><th>status</th><th>duration</th><th>parameters</th><th>open</th></tr>
{_notebook_rows(run)}
</table>

<h2>Corpus</h2>
<table>
<tr><th>article</th><th>title</th><th>date</th><th>source</th><th>words</th></tr>
{_document_rows(corpus_rows, max_documents=max_documents)}
</table>

<h2>Tables</h2>
<table>
<tr><th>file</th><th>bytes</th><th>sha256</th></tr>
{_table_rows(run)}
</table>

{_provenance_section(run)}
<p class="sub">The same record, machine-readable: <a href="run.json">run.json</a>.</p>
</body>
</html>
"""
    # each table scrolls sideways in its own box on a narrow screen, not the whole page
    page = page.replace("<table>", '<div class="wide"><table>')
    page = page.replace("</table>", "</table></div>")
    return replace_paths(page, paths) if paths else page


def _notebook_rows(run: Mapping[str, Any]) -> str:
    nb_rows = []
    for nb in run["notebooks"]:
        cls = "ok" if nb["status"] == "ok" else "failed"
        error = f'<div class="err">{_e(nb["error"])}</div>' if nb.get("error") else ""
        reused = (
            '<div class="sub" title="inputs unchanged since the previous run">reused</div>'
            if nb.get("reused")
            else ""
        )
        links = f'<a href="{_e(nb["html"])}">HTML</a> · <a href="{_e(nb["notebook"])}">notebook</a>'
        tables = " · ".join(
            f'<a href="{_e(t)}">{_e(str(t).rsplit("/", 1)[-1])}</a>' for t in nb.get("tables", [])
        )
        if tables:
            links += f'<div class="sub">tables: {tables}</div>'
        nb_rows.append(
            f'<tr><td><a href="{_e(nb["html"])}"><strong>{_e(nb["name"])}</strong></a>'
            f'<div class="mono">{_e(nb["source"])}</div></td>'
            f'<td class="{cls}">{_e(nb["status"])}{reused}{error}</td>'
            f'<td class="num">{nb["seconds"]:.1f} s</td>'
            f"<td>{_params_html(nb['parameters'])}</td><td>{links}</td></tr>"
        )
    return "".join(nb_rows)


#: What an inferred field's tooltip says (``<field>_from`` is ``inferred``).
_INFERRED = "inferred by kzlib from the text, not given by the article or a manifest"


def _field(row: Mapping[str, Any], name: str) -> str:
    """A metadata cell: the value, in italics with a tooltip when it was inferred.

    Examples
    --------
    >>> _field({"title": "Mr. President, ...", "title_from": "inferred"}, "title").startswith(
    ...     '<td><em title="title inferred by kzlib')
    True
    >>> _field({"date": "2024-09-24", "date_from": "text"}, "date")
    '<td>2024-09-24</td>'
    """
    value = _e(row.get(name) or "")
    if value and row.get(f"{name}_from") == "inferred":
        return f'<td><em title="{name} {_INFERRED}">{value}</em></td>'
    return f"<td>{value}</td>"


def _document_rows(corpus_rows: Sequence[Mapping[str, Any]], *, max_documents: int) -> str:
    shown = corpus_rows[:max_documents]
    doc_rows = "".join(
        f'<tr><td title="doc_id {_e(r["doc_id"])}">{_e(r.get("article") or r["doc_id"])}</td>'
        + "".join(_field(r, name) for name in ("title", "date", "source"))
        + f'<td class="num">{_e(r.get("n_words", ""))}</td></tr>'
        for r in shown
    )
    if any(r.get(f"{n}_from") == "inferred" for r in shown for n in ("title", "date", "source")):
        doc_rows += (
            '<tr><td colspan="5" class="sub">A title, date or source in <em>italics</em> was '
            f"{_INFERRED} (a title: the opening words; a date: the latest date the text "
            "mentions). Check it before you cite it.</td></tr>"
        )
    if len(corpus_rows) > max_documents:
        more = len(corpus_rows) - max_documents
        doc_rows += (
            f'<tr><td colspan="5"><em>… and {more} more: every document is in the corpus '
            "table (tables/corpus.csv, when the corpus notebook writes it)</em></td></tr>"
        )
    return doc_rows


def _table_rows(run: Mapping[str, Any]) -> str:
    return (
        "".join(
            f'<tr><td><a href="{_e(t["path"])}">{_e(t["path"])}</a></td>'
            f'<td class="num">{t["bytes"]}</td><td class="mono">{_e(t["sha256"][:16])}…</td></tr>'
            for t in run["tables"]
        )
        or '<tr><td colspan="3"><em>no tables were written</em></td></tr>'
    )


def _provenance_section(run: Mapping[str, Any]) -> str:
    prov = run["provenance"]
    git = prov["git"]
    commit = (
        "not a git checkout"
        if git["commit"] is None
        else f"{git['commit']}" + (" (with uncommitted changes)" if git["dirty"] else "")
    )
    packages = "".join(
        f'<tr><td>{_e(name)}</td><td class="mono">{_e(version)}</td></tr>'
        for name, version in prov["packages"].items()
    )
    # a large corpus lists thousands of files: folded, so the page opens on the reports
    inputs_open = " open" if len(prov["inputs"]) <= _MAX_OPEN_INPUTS else ""
    inputs = "".join(
        f'<tr><td class="mono">{_e(f["path"])}</td><td class="num">{f["bytes"]}</td>'
        f'<td class="mono">{_e(f["sha256"])}</td></tr>'
        for f in prov["inputs"]
    )
    return f"""<h2>Provenance</h2>
<table>
<tr><th>kzlib</th><td class="mono">{_e(prov["kzlib_version"])}</td></tr>
<tr><th>git commit</th><td class="mono">{_e(commit)}</td></tr>
<tr><th>Python</th><td class="mono">{_e(prov["python"]["version"])}</td></tr>
<tr><th>kernel interpreter</th><td class="mono">{_e(prov["kernel_python"])}</td></tr>
<tr><th>platform</th><td class="mono">{_e(prov["platform"])}</td></tr>
<tr><th>started</th><td class="mono">{_e(run["started"])}</td></tr>
<tr><th>ended</th><td class="mono">{_e(run["ended"])}</td></tr>
</table>
<details><summary>Package versions ({len(prov["packages"])})</summary>
<table><tr><th>package</th><th>version</th></tr>{packages}</table></details>
<details{inputs_open}><summary>Input files and their SHA-256 ({len(prov["inputs"])})</summary>
<table><tr><th>file</th><th>bytes</th><th>sha256</th></tr>{inputs}</table></details>"""
