"""Tests for kzlib.report.html: self-contained notebook pages and the index page."""

from __future__ import annotations

import base64
import re
from typing import Any

import nbformat

from kzlib.report.html import NotebookRenderer, index_page

# A 1x1 PNG, as matplotlib's inline backend would put in a display_data output.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
).decode()


def _notebook() -> Any:
    code = nbformat.v4.new_code_cell("show()  # the-code", execution_count=1)
    code.outputs = [nbformat.v4.new_output("display_data", data={"image/png": PNG})]
    md = nbformat.v4.new_markdown_cell("# Title\n\nSome $x^2$ maths and ```mermaid\ngraph TD\n```")
    return nbformat.v4.new_notebook(cells=[md, code])


def test_page_fetches_nothing_and_embeds_figures() -> None:
    page = NotebookRenderer().render(_notebook(), title="t")
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page, flags=re.I)
    assert [t for t in tags if re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", t)] == []
    assert "cdnjs" not in page and "require.js" not in page and "mathjax" not in page.lower()
    assert f'src="data:image/png;base64,{PNG}"' in page
    assert "the-code" in page


def test_no_input_hides_code_keeps_outputs() -> None:
    page = NotebookRenderer(no_input=True).render(_notebook(), title="t")
    assert "the-code" not in page and "In&nbsp;[1]" not in page
    assert f'src="data:image/png;base64,{PNG}"' in page and "Title" in page


def test_renderer_is_reused_across_notebooks() -> None:
    renderer = NotebookRenderer()
    first = renderer.render(_notebook(), title="one")
    second = renderer.render(_notebook(), title="two")
    assert "<title>one</title>" in first and "<title>two</title>" in second


def _run(**changes: Any) -> dict[str, Any]:
    run: dict[str, Any] = {
        "status": "failed",
        "started": "2026-01-01T00:00:00+00:00",
        "ended": "2026-01-01T00:00:09+00:00",
        "seconds": 9.0,
        "corpus": {"path": "seeds", "documents": 3, "words": 300},
        "notebooks": [
            {
                "name": "01_x",
                "source": "notebooks/01_x.ipynb",
                "status": "failed",
                "error": "ValueError: <bad> & worse",
                "seconds": 2.5,
                "parameters": {"seed": 0, "corpus": "/c"},
                "html": "html/01_x.html",
                "notebook": "notebooks/01_x.ipynb",
            }
        ],
        "tables": [{"path": "tables/a.csv", "bytes": 10, "sha256": "ab" * 32}],
        "provenance": {
            "kzlib_version": "0.1.0",
            "git": {"commit": "c0ffee", "dirty": True},
            "python": {"version": "3.11.7"},
            "kernel_python": "/p/.venv/bin/python",
            "platform": "Linux",
            "packages": {"pandas": "3.1.1"},
            "inputs": [{"path": "seeds/a.txt", "bytes": 5, "sha256": "cd" * 32}],
        },
    }
    run.update(changes)
    return run


def test_index_shows_status_error_parameters_and_provenance() -> None:
    page = index_page(
        _run(), corpus_rows=[{"doc_id": "a", "title": "A & B", "n_words": 3, "article": "A & B"}]
    )
    assert "1 of 1 notebooks failed: 01_x" in page
    assert "ValueError: &lt;bad&gt; &amp; worse" in page  # escaped
    assert "seed = 0" in page and "2.5 s" in page
    assert "c0ffee (with uncommitted changes)" in page
    assert "cd" * 32 in page and "pandas" in page and "A &amp; B" in page
    assert "<script" not in page


def test_index_lists_a_large_corpus_briefly() -> None:
    rows = [{"doc_id": f"doc{i:04d}"} for i in range(1000)]
    page = index_page(_run(), corpus_rows=rows, max_documents=10)
    assert page.count('title="doc_id doc0') == 10
    assert "and 990 more" in page


def test_index_folds_the_inputs_of_a_large_corpus() -> None:
    def inputs(n: int) -> list[dict[str, Any]]:
        return [{"path": f"c/{i}.txt", "bytes": 1, "sha256": "ef" * 32} for i in range(n)]

    small, large = _run(), _run()
    small["provenance"] = {**small["provenance"], "inputs": inputs(3)}
    large["provenance"] = {**large["provenance"], "inputs": inputs(10_000)}
    assert "<details open><summary>Input files" in index_page(small, corpus_rows=[])
    page = index_page(large, corpus_rows=[])
    assert "<details><summary>Input files and their SHA-256 (10000)" in page
    assert page.count("ef" * 32) == 10_000  # folded, not dropped


def test_index_marks_inferred_metadata() -> None:
    rows = [
        {"doc_id": "a", "title": "Mr. President, it is an honour", "title_from": "inferred",
         "date": "1963-09-23", "date_from": "inferred", "n_words": 9},
        {"doc_id": "b", "title": "Astana Hosts the Summit", "title_from": "text",
         "date": "2024-06-01", "date_from": "manifest", "n_words": 5},
    ]  # fmt: skip
    page = index_page(_run(), corpus_rows=rows)
    assert '">Mr. President, it is an honour</em></td>' in page
    assert '">1963-09-23</em></td>' in page
    assert "<td>Astana Hosts the Summit</td>" in page and "<td>2024-06-01</td>" in page
    assert "in <em>italics</em> was inferred" in page
    given = index_page(_run(), corpus_rows=rows[1:])
    assert "<em>italics</em>" not in given
