"""The report: papermill runs the notebooks, nbconvert renders HTML, an index links them.

Public names load on first use (:mod:`kzlib.lazy`).

Examples
--------
>>> from kzlib.report import report
>>> callable(report)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzlib.lazy import attach

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.report.html import SELF_CONTAINED_TEMPLATE, NotebookRenderer, index_page
    from kzlib.report.kernel import (
        FORK_SAFE_ENV,
        KERNEL_MODULES,
        KernelForkServer,
        modules_imported_by,
    )
    from kzlib.report.provenance import (
        collect_provenance,
        display_path,
        file_sha256,
        git_state,
        package_versions,
    )
    from kzlib.report.runner import (
        KERNEL_ARGS,
        KERNEL_ENV,
        NotebookRun,
        RunResult,
        declared_parameters,
        find_notebooks,
        kernel_python,
        plan_parameters,
        read_params,
        report,
    )

_NAMES: dict[str, str] = {
    "FORK_SAFE_ENV": "kzlib.report.kernel",
    "KERNEL_ARGS": "kzlib.report.runner",
    "KERNEL_ENV": "kzlib.report.runner",
    "KERNEL_MODULES": "kzlib.report.kernel",
    "KernelForkServer": "kzlib.report.kernel",
    "NotebookRenderer": "kzlib.report.html",
    "NotebookRun": "kzlib.report.runner",
    "RunResult": "kzlib.report.runner",
    "SELF_CONTAINED_TEMPLATE": "kzlib.report.html",
    "collect_provenance": "kzlib.report.provenance",
    "declared_parameters": "kzlib.report.runner",
    "display_path": "kzlib.report.provenance",
    "file_sha256": "kzlib.report.provenance",
    "find_notebooks": "kzlib.report.runner",
    "git_state": "kzlib.report.provenance",
    "index_page": "kzlib.report.html",
    "kernel_python": "kzlib.report.runner",
    "modules_imported_by": "kzlib.report.kernel",
    "package_versions": "kzlib.report.provenance",
    "plan_parameters": "kzlib.report.runner",
    "read_params": "kzlib.report.runner",
    "report": "kzlib.report.runner",
}

__all__ = [
    "FORK_SAFE_ENV",
    "KERNEL_ARGS",
    "KERNEL_ENV",
    "KERNEL_MODULES",
    "SELF_CONTAINED_TEMPLATE",
    "KernelForkServer",
    "NotebookRenderer",
    "NotebookRun",
    "RunResult",
    "collect_provenance",
    "declared_parameters",
    "display_path",
    "file_sha256",
    "find_notebooks",
    "git_state",
    "index_page",
    "kernel_python",
    "modules_imported_by",
    "package_versions",
    "plan_parameters",
    "read_params",
    "report",
]

__getattr__, __dir__ = attach(__name__, _NAMES)
