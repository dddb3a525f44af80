"""How the report's kernels display things: an IPython extension loaded at start-up.

``kzlib report`` starts every kernel with
``--IPKernelApp.extensions=kzlib.report.display``. The extension

* describes every matplotlib figure a notebook shows: its PNG output carries
  an alt text built from the figure's titles (:func:`kzlib.figure.load_ipython_extension`);
  the page puts it on the image and under it as a caption;
* lets pandas show whole cells (``display.max_colwidth = None``): a report's
  tables are read, and a title or sentence cut at 50 characters cannot be; the
  page wraps long text instead;
* shows tables of up to :data:`MAX_ROWS` rows whole (pandas cuts at 60 with a
  ``...`` row); the notebooks sample larger tables (``max_docs_shown``);
* gives the memory a cell freed back to the system after every cell
  (:func:`kzlib.memory.release_memory`): two notebooks run side by side, and a
  kernel that kept its last cell's peak made their sum the report's peak.

Nothing is added to the notebook's namespace and no output changes but the
display of figures and tables; opened in JupyterLab the notebooks show what
pandas and matplotlib show by default.

Examples
--------
>>> from IPython.core.interactiveshell import InteractiveShell
>>> load_ipython_extension(InteractiveShell.instance())
>>> import pandas as pd
>>> pd.get_option("display.max_colwidth") is None
True
>>> pd.get_option("display.max_rows") == MAX_ROWS
True
>>> _release in InteractiveShell.instance().events.callbacks["post_run_cell"]
True
>>> pd.reset_option("display.max_colwidth"); pd.reset_option("display.max_rows")
"""

from __future__ import annotations

__all__ = ["MAX_ROWS", "load_ipython_extension"]

#: Tables up to this many rows are shown whole in the report's pages.
MAX_ROWS: int = 250


def load_ipython_extension(ipython: object) -> None:
    """Describe figures and show whole table cells in this kernel (see module docstring)."""
    import pandas as pd

    from kzlib.figure import load_ipython_extension as describe_figures

    describe_figures(ipython)
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", MAX_ROWS)
    events = getattr(ipython, "events", None)
    if events is not None and _release not in events.callbacks["post_run_cell"]:
        events.register("post_run_cell", _release)


def _release(result: object) -> None:
    """After each cell: return what it freed to the operating system."""
    from kzlib.memory import release_memory

    release_memory()
