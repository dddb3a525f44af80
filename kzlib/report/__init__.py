"""The report: papermill runs the notebooks, nbconvert renders HTML, an index links them.

Public names load on first use (:mod:`kzlib.lazy`).

Examples
--------
>>> from kzlib.report import find_notebooks
>>> [p.name for p in find_notebooks()][:2]
['00_corpus.ipynb', '01_topics.ipynb']
"""

from __future__ import annotations

# isort: skip_file
# One import per public name, read by kzlib.lazy.attach_imports at run time (the names
# load lazily) and by mypy; ``as`` marks each as this package's export.
from typing import TYPE_CHECKING

from kzlib.lazy import attach_imports

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.report.fingerprint import notebook_fingerprint as notebook_fingerprint
    from kzlib.report.fingerprint import reusable as reusable
    from kzlib.report.fingerprint import shared_inputs as shared_inputs
    from kzlib.report.html import index_page as index_page
    from kzlib.report.html import NotebookRenderer as NotebookRenderer
    from kzlib.report.html import SELF_CONTAINED_TEMPLATE as SELF_CONTAINED_TEMPLATE
    from kzlib.report.kernel import FORK_SAFE_ENV as FORK_SAFE_ENV
    from kzlib.report.kernel import KERNEL_MODULES as KERNEL_MODULES
    from kzlib.report.kernel import KernelForkServer as KernelForkServer
    from kzlib.report.kernel import modules_imported_by as modules_imported_by
    from kzlib.report.kernelspec import KERNEL_ARGS as KERNEL_ARGS
    from kzlib.report.kernelspec import KERNEL_ENV as KERNEL_ENV
    from kzlib.report.kernelspec import kernel_manager_class as kernel_manager_class
    from kzlib.report.kernelspec import KERNEL_NAME as KERNEL_NAME
    from kzlib.report.kernelspec import kernel_python as kernel_python
    from kzlib.report.kernelspec import start_fork_server as start_fork_server
    from kzlib.report.notebooks import find_notebooks as find_notebooks
    from kzlib.report.notebooks import select_notebooks as select_notebooks
    from kzlib.report.notebooks import short_name as short_name
    from kzlib.report.notebooks import start_order as start_order
    from kzlib.report.output import discard as discard
    from kzlib.report.output import exchange as exchange
    from kzlib.report.output import prepare_out as prepare_out
    from kzlib.report.output import swap_into_place as swap_into_place
    from kzlib.report.page import finish_page as finish_page
    from kzlib.report.page import reader_paths as reader_paths
    from kzlib.report.page import replace_paths as replace_paths
    from kzlib.report.page import tidy_table as tidy_table
    from kzlib.report.params import CONTRACT_PARAMETERS as CONTRACT_PARAMETERS
    from kzlib.report.params import declared_parameters as declared_parameters
    from kzlib.report.params import PARAMETER_RULES as PARAMETER_RULES
    from kzlib.report.params import plan_parameters as plan_parameters
    from kzlib.report.params import read_params as read_params
    from kzlib.report.params import Rule as Rule
    from kzlib.report.params import RUNNER_PARAMETERS as RUNNER_PARAMETERS
    from kzlib.report.provenance import collect_provenance as collect_provenance
    from kzlib.report.provenance import display_path as display_path
    from kzlib.report.provenance import file_sha256 as file_sha256
    from kzlib.report.provenance import git_state as git_state
    from kzlib.report.provenance import package_versions as package_versions
    from kzlib.report.provenance import reader_path as reader_path
    from kzlib.report.record import build_record as build_record
    from kzlib.report.record import NotebookRun as NotebookRun
    from kzlib.report.record import RunResult as RunResult
    from kzlib.report.record import table_entries as table_entries
    from kzlib.report.record import write_record as write_record
    from kzlib.report.runner import report as report

__getattr__, __dir__, __all__ = attach_imports(__name__, __file__)
