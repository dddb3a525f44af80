"""Execute every notebook and publish a browsable, self-contained report.

:func:`report` runs each ``notebooks/NN_name.ipynb`` in numeric order with
papermill, renders the executed copies to HTML in-process, and writes::

    DIR/index.html          the page to open first: status, duration, parameters,
                            links, corpus summary, tables, provenance
    DIR/run.json            the same record, machine-readable
    DIR/notebooks/*.ipynb   executed notebooks (outputs up to the error if one fails)
    DIR/html/*.html         self-contained pages (see :mod:`kzlib.report.html`)
    DIR/tables/*            every table the notebooks write

Parameters
    Every notebook gets ``corpus`` (absolute path), ``tables_dir``
    (``DIR/tables``) and ``seed``. A YAML file (``--params``) overrides the
    notebooks' defaults: a top-level key that names a notebook (``01_topics``
    or ``topics``) holds values for that notebook only; any other top-level key
    applies to every selected notebook::

        seed: 1
        topics:
          n_topics: 6

    A value a notebook does not declare, or whose type differs from the type
    of the declared default (an ``int`` where a ``str`` is declared; an ``int``
    is accepted for a ``float``), is refused with one line before anything runs.

Kernel
    Notebooks store the kernelspec ``python3`` so that they open anywhere. The
    report does not use an installed kernelspec: it starts each kernel from a
    spec built in memory whose interpreter is the project's ``.venv/bin/python``
    when that exists (else the interpreter running the command, e.g. a conda
    environment), so the kernel is the project's environment whichever Python
    started ``kzlib report``, and nothing is registered globally. Kernels get
    ``PYTHONHASHSEED=0`` and single-threaded BLAS/OpenMP, so that set order and
    float reductions, hence the tables, are the same on every run, and start
    with matplotlib's inline backend (as ``%matplotlib inline``), so that every
    figure is embedded. Where the system can fork, each kernel is forked from one
    process that has already imported what the notebooks import
    (:mod:`kzlib.report.kernel`): still one fresh process per notebook, without paying
    the imports once per notebook; ``fork_kernels=False`` starts them afresh
    (a test checks that both give the same tables).

Parallelism
    Notebooks depend only on the corpus, so ``jobs`` of them run at once (threads
    in this process, each driving its own kernel process). One HTML exporter,
    built while the first kernels start, renders each notebook as it finishes.
    Notebooks start in numeric order, except that when ``DIR`` holds a previous
    report and several run at once, the ones that took longest start first.
    ``bench/report.py`` times the whole report against one papermill run.

Atomicity
    Everything is built in a hidden folder beside ``DIR`` and swapped into place
    at the end, so ``DIR`` is never half-written. An existing ``DIR`` is only
    replaced if it is empty or a previous report (holds ``run.json``).

Examples
--------
>>> import tempfile, pathlib
>>> from kzlib.paths import SEEDS_DIR
>>> out = pathlib.Path(tempfile.mkdtemp()) / "report"
>>> result = report(out, corpus=SEEDS_DIR, progress=None)  # doctest: +SKIP
>>> result.ok, (out / "index.html").exists()  # doctest: +SKIP
(True, True)
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kzlib.errors import InputError
from kzlib.paths import DATA_DIR, MANIFEST_NAME, NOTEBOOKS_DIR, SEEDS_DIR, VENV_PYTHON
from kzlib.report.kernel import KernelForkServer, modules_imported_by
from kzlib.report.provenance import collect_provenance, display_path, file_sha256

__all__ = [
    "KERNEL_ARGS",
    "KERNEL_ENV",
    "NotebookRun",
    "RunResult",
    "declared_parameters",
    "find_notebooks",
    "kernel_python",
    "plan_parameters",
    "read_params",
    "report",
]

#: Parameters every notebook declares (CONTRIBUTING.md) and the report sets.
CONTRACT_PARAMETERS: tuple[str, ...] = ("corpus", "tables_dir", "seed")
#: Set by the report itself; a parameter file may not override them.
RUNNER_PARAMETERS: tuple[str, ...] = ("corpus", "tables_dir")
#: Environment of every kernel: reproducible hashing and float reductions, quiet debugger.
KERNEL_ENV: dict[str, str] = {
    "PYTHONHASHSEED": "0",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
#: Kernel options: matplotlib's inline backend from the start, as ``%matplotlib inline``
#: would, so every figure a notebook returns is embedded as an image in the HTML; and no
#: IPython history, which parallel kernels would all write to one SQLite file in ~/.ipython.
KERNEL_ARGS: tuple[str, ...] = (
    "--IPKernelApp.matplotlib=inline",
    "--HistoryManager.enabled=False",
)
_KERNEL_NAME = "kzlib"
_NOTEBOOK_RE = re.compile(r"^(\d+)_(\w+)\.ipynb$")

Progress = Callable[[str], None]


# ---------------------------------------------------------------------------
# records


@dataclass(frozen=True)
class NotebookRun:
    """What happened to one notebook.

    Attributes
    ----------
    name : str
        Notebook stem, e.g. ``01_topics``.
    source : Path
        The notebook executed.
    parameters : dict
        Parameters injected.
    status : str
        ``ok`` or ``failed``.
    error : str
        Last line of the error (``""`` when ok).
    seconds : float
        Wall time of execution and rendering.

    Examples
    --------
    >>> NotebookRun("01_t", Path("01_t.ipynb"), {}, "ok", "", 1.0).ok
    True
    """

    name: str
    source: Path
    parameters: dict[str, Any]
    status: str
    error: str
    seconds: float

    @property
    def ok(self) -> bool:
        """Whether the notebook ran and rendered without error."""
        return self.status == "ok"


@dataclass(frozen=True)
class RunResult:
    """The outcome of :func:`report`.

    Attributes
    ----------
    out : Path
        The report folder.
    runs : tuple of NotebookRun
        One per notebook, in numeric order.
    record : dict
        The run record written to ``run.json``.

    Examples
    --------
    >>> RunResult(Path("r"), (), {}).ok
    True
    """

    out: Path
    runs: tuple[NotebookRun, ...]
    record: dict[str, Any] = field(repr=False)

    @property
    def ok(self) -> bool:
        """Whether every notebook succeeded."""
        return all(run.ok for run in self.runs)


# ---------------------------------------------------------------------------
# notebooks and parameters


def _skip_slow_optional_imports() -> None:
    # jsonschema (imported by nbformat) imports rfc3987_syntax when installed, only to
    # check the "iri" string format; that import compiles a lark grammar and costs ~1 s.
    # Notebook schemas never use the format, so make the optional import fail fast.
    if "rfc3987_syntax" not in sys.modules and "jsonschema" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]


def find_notebooks(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The ``NN_name.ipynb`` notebooks of a folder, in numeric order.

    Parameters
    ----------
    notebooks_dir : Path
        Folder to look in (not recursive).

    Returns
    -------
    list of Path
        Sorted by the number, then the name.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for n in ["10_b.ipynb", "2_a.ipynb", "notes.ipynb"]:
    ...     _ = (d / n).write_text("{}")
    >>> [p.name for p in find_notebooks(d)]
    ['2_a.ipynb', '10_b.ipynb']
    """
    found = []
    for path in notebooks_dir.glob("*.ipynb"):
        match = _NOTEBOOK_RE.match(path.name)
        if match:
            found.append((int(match.group(1)), path.name, path))
    return [path for _, _, path in sorted(found)]


def _short_name(stem: str) -> str:
    match = re.match(r"^\d+_(.+)$", stem)
    return match.group(1) if match else stem


_TYPE_NAMES = {"int", "float", "str", "bool", "list", "dict", "tuple"}


def declared_parameters(notebook: Path) -> dict[str, str | None]:
    """The parameters a notebook declares and the type of each.

    The type is the annotation when there is one, else the type of the default
    literal; ``None`` when neither says (a ``None`` default accepts anything).

    Parameters
    ----------
    notebook : Path
        An ``.ipynb`` file whose first ``parameters``-tagged cell declares them.

    Returns
    -------
    dict
        Parameter name to type name (``int``, ``float``, ``str``, ``bool``,
        ``list``, ``dict``) or ``None``.

    Raises
    ------
    InputError
        If the notebook cannot be read.

    Examples
    --------
    >>> import nbformat, tempfile, pathlib
    >>> cell = nbformat.v4.new_code_cell("seed = 0  # random seed\\nname = 'x'  # a name")
    >>> cell.metadata["tags"] = ["parameters"]
    >>> nb = nbformat.v4.new_notebook(cells=[cell])
    >>> nb.metadata["kernelspec"] = {"name": "python3", "language": "python"}
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "01_x.ipynb"
    >>> nbformat.write(nb, p)
    >>> declared_parameters(p)
    {'seed': 'int', 'name': 'str'}
    """
    _skip_slow_optional_imports()
    from papermill.inspection import inspect_notebook

    try:
        inspected = inspect_notebook(str(notebook))
    except Exception as exc:  # papermill raises many kinds for unreadable notebooks
        raise InputError(
            f"{display_path(notebook)}: cannot read the notebook's parameters ({exc}); "
            "fix the notebook's JSON or its 'parameters' cell"
        ) from None
    declared: dict[str, str | None] = {}
    for name, info in inspected.items():
        annotated = str(info.get("inferred_type_name") or "None")
        type_name: str | None = annotated if annotated in _TYPE_NAMES else None
        if type_name is None:
            try:
                value = ast.literal_eval(str(info.get("default", "")))
            except (ValueError, SyntaxError):
                value = None
            type_name = None if value is None else type(value).__name__
            if type_name not in _TYPE_NAMES:
                type_name = None
        declared[name] = type_name
    return declared


def _type_ok(value: object, type_name: str | None) -> bool:
    if type_name is None:
        return True
    if type_name == "bool":
        return isinstance(value, bool)
    if type_name == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if type_name == "str":
        return isinstance(value, str)
    if type_name in {"list", "tuple"}:
        return isinstance(value, list | tuple)
    if type_name == "dict":
        return isinstance(value, dict)
    return True


def read_params(path: Path) -> dict[str, Any]:
    """Read a YAML parameter file into a mapping (empty file: no values).

    Parameters
    ----------
    path : Path
        The YAML file.

    Returns
    -------
    dict
        Its top-level mapping.

    Raises
    ------
    InputError
        If the file is missing, not YAML, or not a mapping at the top.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "p.yaml"
    >>> _ = p.write_text("seed: 3\\ntopics:\\n  n_topics: 5\\n")
    >>> read_params(p)
    {'seed': 3, 'topics': {'n_topics': 5}}
    """
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{path}: cannot read the parameter file ({exc}); check the path"
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(f"{path}{where}: {problem}; fix the YAML syntax") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(
            f"{path}: the top level must be a mapping of parameter names (or notebook names) "
            "to values"
        )
    return {str(k): v for k, v in data.items()}


def plan_parameters(
    notebooks: Sequence[Path],
    *,
    corpus: Path,
    tables_dir: Path,
    params: Mapping[str, Any] | None = None,
    params_name: str = "parameters",
    declared: Mapping[Path, Mapping[str, str | None]] | None = None,
) -> dict[Path, dict[str, Any]]:
    """The parameters to inject into each notebook, checked against its declarations.

    Parameters
    ----------
    notebooks : sequence of Path
        The notebooks to run.
    corpus : Path
        Corpus folder, injected as an absolute path.
    tables_dir : Path
        Folder the notebooks write tables into, injected as an absolute path.
    params : mapping, optional
        Values from the parameter file (see the module docstring for its shape).
    params_name : str
        Name of the parameter file, for messages.
    declared : mapping, optional
        Declared parameters per notebook (default: read with
        :func:`declared_parameters`).

    Returns
    -------
    dict
        Notebook path to the parameters to inject (contract parameters first).

    Raises
    ------
    InputError
        If a value is not declared by a notebook it would go to, has the wrong
        type, sets ``corpus`` or ``tables_dir``, or a notebook lacks one of the
        contract parameters.

    Examples
    --------
    >>> nb = Path("01_topics.ipynb")
    >>> decl = {nb: {"corpus": "str", "tables_dir": "str", "seed": "int", "k": "int"}}
    >>> plan_parameters([nb], corpus=Path("/c"), tables_dir=Path("/t"),
    ...                 params={"topics": {"k": 4}}, declared=decl)[nb]
    {'corpus': '/c', 'tables_dir': '/t', 'seed': 0, 'k': 4}
    """
    params = dict(params or {})
    by_name: dict[str, Path] = {}
    for nb in notebooks:
        by_name[nb.stem] = nb
        by_name.setdefault(_short_name(nb.stem), nb)
    if declared is None:
        declared = {nb: declared_parameters(nb) for nb in notebooks}

    common: dict[str, Any] = {}
    specific: dict[Path, dict[str, Any]] = {nb: {} for nb in notebooks}
    for key, value in params.items():
        if key in RUNNER_PARAMETERS:
            option = "--corpus" if key == "corpus" else "--out"
            raise InputError(
                f"{params_name}: '{key}' is set by kzlib report; remove it and use {option}"
            )
        if key in by_name and isinstance(value, dict):
            for name, val in value.items():
                specific[by_name[key]][str(name)] = val
        elif key in by_name:
            raise InputError(
                f"{params_name}: '{key}' names a notebook, so its value must be a mapping "
                f"of parameter names to values, not {type(value).__name__}"
            )
        elif isinstance(value, dict) and not any(key in declared[nb] for nb in notebooks):
            names = ", ".join(nb.stem for nb in notebooks) or "none"
            raise InputError(
                f"{params_name}: '{key}' is neither a notebook (have: {names}; the part after "
                "the number also works) nor a parameter; fix the name"
            )
        else:
            common[key] = value

    plan: dict[Path, dict[str, Any]] = {}
    for nb in notebooks:
        decl = declared[nb]
        shown = display_path(nb)
        missing = [p for p in CONTRACT_PARAMETERS if p not in decl]
        if missing:
            raise InputError(
                f"{shown}: the 'parameters' cell does not declare {', '.join(missing)}; "
                "add them (see CONTRIBUTING.md, Notebooks)"
            )
        values: dict[str, Any] = {
            "corpus": str(corpus.resolve()),
            "tables_dir": str(tables_dir.resolve()),
            "seed": 0,
        }
        for source, given in (("", common), (f"{nb.stem}.", specific[nb])):
            for name, value in given.items():
                if name in RUNNER_PARAMETERS:
                    raise InputError(
                        f"{params_name}: '{source}{name}' is set by kzlib report; remove it"
                    )
                if name not in decl:
                    known = ", ".join(sorted(decl))
                    raise InputError(
                        f"{params_name}: '{source}{name}' is not a parameter of {shown} "
                        f"(it declares: {known}); remove it or fix its name"
                    )
                if not _type_ok(value, decl[name]):
                    raise InputError(
                        f"{params_name}: '{source}{name}' must be {decl[name]} as declared in "
                        f"{shown}, got {type(value).__name__} {value!r}; give a value of that type"
                    )
                values[name] = value
        plan[nb] = values
    return plan


# ---------------------------------------------------------------------------
# kernel


def kernel_python() -> Path:
    """The interpreter notebook kernels run with.

    Returns
    -------
    Path
        ``.venv/bin/python`` of the project when it exists, else the running
        interpreter.

    Examples
    --------
    >>> kernel_python().name.startswith("python")
    True
    """
    return VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable)


def _start_fork_server(notebooks: Sequence[Path], *, python: Path) -> KernelForkServer:
    sources: list[str] = []
    for nb in notebooks:
        try:
            cells = json.loads(nb.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue  # reported when the notebook is read for its parameters
        for cell in cells:
            if cell.get("cell_type") == "code":
                src = cell.get("source", "")
                sources.append(src if isinstance(src, str) else "".join(src))
    server = KernelForkServer(python=python, preload=modules_imported_by(sources), env=KERNEL_ENV)
    server.start()
    return server


def _kernel_manager_class(python: Path, *, argv: list[str] | None = None) -> type[Any]:
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    spec = KernelSpec(
        argv=argv
        or [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}", *KERNEL_ARGS],
        display_name=f"kzlib ({python})",
        language="python",
        env=dict(KERNEL_ENV),
    )

    class _SpecManager(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return spec

    class _KernelManager(AsyncKernelManager):
        # Local sockets, not TCP: nothing listens on the network (and no warning about it).
        @default("transport")
        def _default_transport(self) -> str:
            return "ipc" if os.name == "posix" else "tcp"  # no IPC sockets on Windows

        @default("ip")
        def _default_ip(self) -> str:
            if self.transport != "ipc":
                return "127.0.0.1"
            # An absolute socket path prefix: kernel and client have different working folders.
            return os.path.join(tempfile.gettempdir(), f"kzlib-{uuid.uuid4().hex[:12]}")

        async def _async_interrupt_kernel(self) -> None:
            # jupyter_client interrupts before every shutdown, and the kernel then logs
            # "KeyboardInterrupt caught" to the terminal; a finished notebook needs none.
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

        @default("kernel_spec_manager")
        def _default_spec_manager(self) -> KernelSpecManager:
            return _SpecManager()

    return _KernelManager


# ---------------------------------------------------------------------------
# running


def _last_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _default_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _prepare_out(out: Path) -> Path:
    """Check that ``out`` may be (re)placed; return a fresh build folder beside it."""
    out = out.resolve()
    if out.exists():
        if not out.is_dir():
            raise InputError(f"{out}: exists and is not a folder; choose another --out")
        if any(out.iterdir()) and not (out / "run.json").is_file():
            raise InputError(
                f"{out}: folder exists and is not a kzlib report (no run.json); "
                "choose another --out or empty it"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))


def _swap_into_place(build: Path, out: Path) -> None:
    old: Path | None = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        os.replace(out, old)
    os.replace(build, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _corpus_inputs(corpus: Path) -> list[Path]:
    return sorted(
        p
        for p in corpus.iterdir()
        if p.is_file() and (p.suffix.lower() == ".txt" or p.name == MANIFEST_NAME)
    )


def _data_inputs() -> list[Path]:
    if not DATA_DIR.is_dir():
        return []
    return sorted(
        p
        for p in DATA_DIR.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(DATA_DIR).parts)
    )


def _close_thread_loop() -> None:
    # nbclient runs each notebook on an event loop it creates for the calling thread and
    # never closes; close it so that no "unclosed event loop" warning reaches the user.
    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    if not loop.is_running():
        loop.close()


def _show_final_paths(nb: Any, *, build: Path, out: Path) -> bool:
    # The injected tables_dir points into the build folder, which becomes ``out`` when the
    # run ends; show readers the folder where the tables are, in that cell and in the
    # parameters papermill records in the notebook's metadata.
    changed = False
    recorded = nb.metadata.get("papermill", {}).get("parameters", {})
    for name, value in recorded.items():
        if isinstance(value, str) and str(build) in value:
            recorded[name] = value.replace(str(build), str(out))
            changed = True
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []) and str(build) in cell.source:
            cell.source = cell.source.replace(str(build), str(out))
            changed = True
    return changed


def _run_one(
    nb: Path,
    params: dict[str, Any],
    *,
    build: Path,
    out: Path,
    kernel_manager: type[Any],
    renderer: Future[Any],
    progress: Progress,
    label: str,
) -> NotebookRun:
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    executed = build / "notebooks" / nb.name
    page = build / "html" / f"{nb.stem}.html"
    progress(f"kzlib report: {label} {nb.stem}: running")
    start = time.perf_counter()
    error = ""
    try:
        papermill.execute_notebook(
            str(nb),
            str(executed),
            parameters=params,
            kernel_name=_KERNEL_NAME,
            kernel_manager_class=kernel_manager,
            resources={"metadata": {"path": str(build)}},
            progress_bar=False,
            request_save_on_cell_execute=True,  # a kernel that dies keeps what it printed
        )
    except PapermillExecutionError as exc:
        error = f"{exc.ename}: {_last_line(exc.evalue)}".rstrip(": ")
    except Exception as exc:  # a kernel that dies or never starts: record, keep the others
        error = _last_line(f"{type(exc).__name__}: {exc}") or type(exc).__name__
    finally:
        _close_thread_loop()
    try:
        if executed.exists():
            nb_node = nbformat.read(executed, as_version=4)  # type: ignore[no-untyped-call]
            if _show_final_paths(nb_node, build=build, out=out):
                nbformat.write(nb_node, executed)  # type: ignore[no-untyped-call]
        else:  # execution never started: publish the notebook as it was given
            nb_node = nbformat.read(nb, as_version=4)  # type: ignore[no-untyped-call]
            nbformat.write(nb_node, executed)  # type: ignore[no-untyped-call]
        page.write_text(renderer.result().render(nb_node, title=nb.stem), encoding="utf-8")
    except Exception as exc:
        error = error or _last_line(f"rendering failed: {type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - start
    status = "failed" if error else "ok"
    suffix = f": {error}" if error else ""
    state = "FAILED" if error else "done"
    progress(f"kzlib report: {label} {nb.stem}: {state} in {seconds:.1f} s{suffix}")
    return NotebookRun(nb.stem, nb, params, status, error, seconds)


def _start_order(notebooks: list[Path], *, previous: Path, jobs: int) -> list[Path]:
    """Numeric order; with several jobs and a previous run, the longest notebooks first.

    Starting the longest first keeps a short one from ending the run alone on one
    core (longest-processing-time scheduling). Results do not depend on it.
    """
    if jobs < 2 or not previous.is_file():
        return list(notebooks)
    try:
        runs = json.loads(previous.read_text(encoding="utf-8"))["notebooks"]
        seconds = {str(r["name"]): float(r["seconds"]) for r in runs}
    except (OSError, ValueError, KeyError, TypeError):
        return list(notebooks)
    unknown = float("inf")  # new notebooks first: they may be long
    return sorted(notebooks, key=lambda nb: -seconds.get(nb.stem, unknown))


def _select(notebooks: list[Path], only: Iterable[str], notebooks_dir: Path) -> list[Path]:
    wanted = [name.removesuffix(".ipynb") for name in only]
    if not wanted:
        return notebooks
    chosen: list[Path] = []
    for name in wanted:
        hits = [nb for nb in notebooks if name in {nb.stem, _short_name(nb.stem)}]
        if not hits:
            have = ", ".join(nb.stem for nb in notebooks) or "none"
            raise InputError(
                f"--only {name}: no such notebook in {display_path(notebooks_dir)} "
                f"(have: {have}); give a name like 01_topics or topics"
            )
        chosen.extend(h for h in hits if h not in chosen)
    return [nb for nb in notebooks if nb in chosen]


def report(
    out: Path,
    *,
    corpus: Path = SEEDS_DIR,
    params: Path | None = None,
    jobs: int | None = None,
    only: Sequence[str] = (),
    no_input: bool = False,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    progress: Progress | None = _default_progress,
    fork_kernels: bool | None = None,
) -> RunResult:
    """Execute the notebooks and write the report folder ``out``.

    Parameters
    ----------
    out : Path
        Report folder; replaced as a whole at the end of the run.
    corpus : Path
        Folder of ``.txt`` articles (a manifest is optional).
    params : Path, optional
        YAML parameter file (see the module docstring).
    jobs : int, optional
        Notebooks run at once (default: the number of CPU cores).
    only : sequence of str
        Run only these notebooks (``01_topics`` or ``topics``).
    no_input : bool
        Hide code cells in the HTML.
    notebooks_dir : Path
        Where the notebooks are (tests use their own).
    progress : callable, optional
        Called with one line per event (default: print to stderr); ``None`` is quiet.
    fork_kernels : bool, optional
        Fork each kernel from one pre-imported process (:mod:`kzlib.report.kernel`)
        rather than start a fresh interpreter per notebook (default: where the
        system can fork).

    Returns
    -------
    RunResult
        Per-notebook outcomes and the run record; ``result.ok`` is False if any
        notebook failed (the report is written all the same).

    Raises
    ------
    InputError
        Bad corpus, parameter file, parameter, ``--only`` name or ``out``, all
        detected before any notebook runs.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "r"
    >>> report(out, notebooks_dir=pathlib.Path(tempfile.mkdtemp()), progress=None).runs
    ()
    """
    say: Progress = progress or (lambda _message: None)
    started, t0 = _now(), time.perf_counter()
    _skip_slow_optional_imports()
    out = Path(out).resolve()
    corpus = Path(corpus).resolve()
    if not corpus.is_dir():
        raise InputError(f"{corpus}: corpus folder not found; give --corpus a folder of .txt files")

    every_notebook = find_notebooks(notebooks_dir)
    notebooks = _select(every_notebook, only, notebooks_dir)
    python = kernel_python()
    fork = hasattr(os, "fork") if fork_kernels is None else fork_kernels
    # Start the kernel fork server first: it imports while we validate and import.
    server = _start_fork_server(notebooks, python=python) if fork and notebooks else None
    try:
        param_values = read_params(params) if params is not None else {}
        params_name = str(params) if params is not None else "parameters"
        # Validate everything before running anything.
        from kzlib.corpus.document import load_corpus

        loaded = load_corpus(corpus)
        frame = loaded.to_frame()
        # Checked against every notebook, so that --only does not make a file invalid.
        plan = plan_parameters(
            every_notebook,
            corpus=corpus,
            tables_dir=out / "tables",
            params=param_values,
            params_name=params_name,
        )
        build = _prepare_out(out)
        # Notebooks write into the build folder; the record shows the final location.
        run_plan = {nb: {**plan[nb], "tables_dir": str(build / "tables")} for nb in notebooks}
        try:
            for sub in ("notebooks", "html", "tables"):
                (build / sub).mkdir()
            manager = _kernel_manager_class(
                python, argv=None if server is None else server.kernel_argv(kernel_args=KERNEL_ARGS)
            )
            n_jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
            say(
                f"kzlib report: {len(notebooks)} notebooks, {len(loaded)} documents from "
                f"{display_path(corpus)}, {n_jobs} at a time"
            )
            from kzlib.report.html import NotebookRenderer

            runs: list[NotebookRun] = []
            with (
                ThreadPoolExecutor(max_workers=1) as side,
                ThreadPoolExecutor(max_workers=n_jobs) as pool,
            ):
                renderer: Future[Any] = side.submit(NotebookRenderer, no_input=no_input)
                label = {nb: f"[{i}/{len(notebooks)}]" for i, nb in enumerate(notebooks, 1)}
                submitted = {
                    nb: pool.submit(
                        _run_one,
                        nb,
                        run_plan[nb],
                        build=build,
                        out=out,
                        kernel_manager=manager,
                        renderer=renderer,
                        progress=say,
                        label=label[nb],
                    )
                    for nb in _start_order(notebooks, previous=out / "run.json", jobs=n_jobs)
                }
                futures = [submitted[nb] for nb in notebooks]
                try:
                    for nb, future in zip(notebooks, futures, strict=True):
                        run = future.result()
                        runs.append(
                            NotebookRun(
                                run.name, run.source, plan[nb], run.status, run.error, run.seconds
                            )
                        )
                except KeyboardInterrupt:
                    for future in futures:  # queued notebooks do not start
                        future.cancel()
                    say(f"kzlib report: interrupted; {out} is left as it was")
                    raise

            tables = [
                {
                    "path": p.relative_to(build).as_posix(),
                    "sha256": file_sha256(p),
                    "bytes": p.stat().st_size,
                }
                for p in sorted((build / "tables").rglob("*"))
                if p.is_file() and not p.name.startswith(".")
            ]
            inputs = [*_corpus_inputs(corpus), *notebooks, *_data_inputs()]
            if params is not None:
                inputs.append(Path(params))
            ended = _now()
            record: dict[str, Any] = {
                "status": "ok" if all(r.ok for r in runs) else "failed",
                "started": started,
                "ended": ended,
                "seconds": round(time.perf_counter() - t0, 3),
                "out": str(out),
                "corpus": {
                    "path": display_path(corpus),
                    "documents": len(loaded),
                    "words": int(frame["n_words"].sum()) if len(frame) else 0,
                    "manifest": (corpus / MANIFEST_NAME).is_file(),
                },
                "options": {
                    "params": None if params is None else display_path(Path(params)),
                    "jobs": n_jobs,
                    "only": list(only),
                    "no_input": no_input,
                },
                "notebooks": [
                    {
                        "name": r.name,
                        "source": display_path(r.source),
                        "status": r.status,
                        "error": r.error,
                        "seconds": round(r.seconds, 3),
                        "parameters": r.parameters,
                        "html": f"html/{r.name}.html",
                        "notebook": f"notebooks/{r.source.name}",
                    }
                    for r in runs
                ],
                "tables": tables,
                "provenance": collect_provenance(inputs=inputs, kernel_python=python),
            }
            from kzlib.report.html import index_page

            rows = [
                {str(k): (None if v is None or v != v else v) for k, v in row.items()}
                for row in frame.to_dict("records")
            ]
            (build / "index.html").write_text(
                index_page(record, corpus_rows=rows), encoding="utf-8"
            )
            (build / "run.json").write_text(
                json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            _swap_into_place(build, out)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
    finally:
        if server is not None:
            server.close()
    failed = [r for r in runs if not r.ok]
    say(
        f"kzlib report: {len(runs) - len(failed)} ok, {len(failed)} failed in "
        f"{time.perf_counter() - t0:.1f} s -> {out / 'index.html'}"
    )
    return RunResult(out, tuple(runs), record)
