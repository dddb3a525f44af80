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
    from kzlib.report.fingerprint import (
        notebook_fingerprint,
        reusable,
        shared_inputs,
    )
    from kzlib.report.html import (
        SELF_CONTAINED_TEMPLATE,
        NotebookRenderer,
        index_page,
    )
    from kzlib.report.kernel import (
        FORK_SAFE_ENV,
        KERNEL_MODULES,
        KernelForkServer,
        modules_imported_by,
    )
    from kzlib.report.kernelspec import (
        KERNEL_ARGS,
        KERNEL_ENV,
        KERNEL_NAME,
        kernel_manager_class,
        kernel_python,
        start_fork_server,
    )
    from kzlib.report.notebooks import (
        find_notebooks,
        select_notebooks,
        short_name,
        start_order,
    )
    from kzlib.report.output import (
        discard,
        exchange,
        prepare_out,
        swap_into_place,
    )
    from kzlib.report.page import (
        finish_page,
        reader_paths,
        replace_paths,
        tidy_table,
    )
    from kzlib.report.params import (
        CONTRACT_PARAMETERS,
        PARAMETER_RULES,
        RUNNER_PARAMETERS,
        Rule,
        declared_parameters,
        plan_parameters,
        read_params,
    )
    from kzlib.report.provenance import (
        collect_provenance,
        display_path,
        file_sha256,
        git_state,
        package_versions,
        reader_path,
    )
    from kzlib.report.record import (
        NotebookRun,
        RunResult,
        build_record,
        table_entries,
        write_record,
    )
    from kzlib.report.runner import (
        report,
    )

_NAMES: dict[str, str] = {
    "CONTRACT_PARAMETERS": "kzlib.report.params",
    "FORK_SAFE_ENV": "kzlib.report.kernel",
    "KERNEL_ARGS": "kzlib.report.kernelspec",
    "KERNEL_ENV": "kzlib.report.kernelspec",
    "KERNEL_MODULES": "kzlib.report.kernel",
    "KERNEL_NAME": "kzlib.report.kernelspec",
    "PARAMETER_RULES": "kzlib.report.params",
    "RUNNER_PARAMETERS": "kzlib.report.params",
    "SELF_CONTAINED_TEMPLATE": "kzlib.report.html",
    "KernelForkServer": "kzlib.report.kernel",
    "NotebookRenderer": "kzlib.report.html",
    "NotebookRun": "kzlib.report.record",
    "Rule": "kzlib.report.params",
    "RunResult": "kzlib.report.record",
    "build_record": "kzlib.report.record",
    "collect_provenance": "kzlib.report.provenance",
    "declared_parameters": "kzlib.report.params",
    "discard": "kzlib.report.output",
    "display_path": "kzlib.report.provenance",
    "exchange": "kzlib.report.output",
    "file_sha256": "kzlib.report.provenance",
    "find_notebooks": "kzlib.report.notebooks",
    "finish_page": "kzlib.report.page",
    "git_state": "kzlib.report.provenance",
    "index_page": "kzlib.report.html",
    "kernel_manager_class": "kzlib.report.kernelspec",
    "kernel_python": "kzlib.report.kernelspec",
    "modules_imported_by": "kzlib.report.kernel",
    "notebook_fingerprint": "kzlib.report.fingerprint",
    "package_versions": "kzlib.report.provenance",
    "plan_parameters": "kzlib.report.params",
    "prepare_out": "kzlib.report.output",
    "read_params": "kzlib.report.params",
    "reader_path": "kzlib.report.provenance",
    "reader_paths": "kzlib.report.page",
    "replace_paths": "kzlib.report.page",
    "report": "kzlib.report.runner",
    "reusable": "kzlib.report.fingerprint",
    "select_notebooks": "kzlib.report.notebooks",
    "shared_inputs": "kzlib.report.fingerprint",
    "short_name": "kzlib.report.notebooks",
    "start_fork_server": "kzlib.report.kernelspec",
    "start_order": "kzlib.report.notebooks",
    "swap_into_place": "kzlib.report.output",
    "table_entries": "kzlib.report.record",
    "tidy_table": "kzlib.report.page",
    "write_record": "kzlib.report.record",
}

__all__ = [
    "CONTRACT_PARAMETERS",
    "FORK_SAFE_ENV",
    "KERNEL_ARGS",
    "KERNEL_ENV",
    "KERNEL_MODULES",
    "KERNEL_NAME",
    "PARAMETER_RULES",
    "RUNNER_PARAMETERS",
    "SELF_CONTAINED_TEMPLATE",
    "KernelForkServer",
    "NotebookRenderer",
    "NotebookRun",
    "Rule",
    "RunResult",
    "build_record",
    "collect_provenance",
    "declared_parameters",
    "discard",
    "display_path",
    "exchange",
    "file_sha256",
    "find_notebooks",
    "finish_page",
    "git_state",
    "index_page",
    "kernel_manager_class",
    "kernel_python",
    "modules_imported_by",
    "notebook_fingerprint",
    "package_versions",
    "plan_parameters",
    "prepare_out",
    "read_params",
    "reader_path",
    "reader_paths",
    "replace_paths",
    "report",
    "reusable",
    "select_notebooks",
    "shared_inputs",
    "short_name",
    "start_fork_server",
    "start_order",
    "swap_into_place",
    "table_entries",
    "tidy_table",
    "write_record",
]

__getattr__, __dir__ = attach(__name__, _NAMES)
