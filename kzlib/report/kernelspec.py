"""How the report starts a notebook's kernel: interpreter, environment, arguments, manager.

Notebooks store the kernelspec ``python3`` so that they open anywhere. The report
does not use an installed kernelspec: it starts each kernel from a spec built in
memory whose interpreter is the project's ``.venv/bin/python`` when that exists
(else the interpreter running the command), so nothing is registered globally.
Kernels get ``PYTHONHASHSEED=0`` and single-threaded BLAS/OpenMP (:data:`KERNEL_ENV`)
and matplotlib's inline backend (:data:`KERNEL_ARGS`). Where the system can fork,
kernels are forked from one pre-imported process (:mod:`kzlib.report.kernel`).

Examples
--------
>>> KERNEL_ENV["PYTHONHASHSEED"]
'0'
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kzlib.paths import VENV_PYTHON
from kzlib.report.kernel import KernelForkServer, modules_imported_by

__all__ = [
    "KERNEL_ARGS",
    "KERNEL_ENV",
    "KERNEL_NAME",
    "kernel_manager_class",
    "kernel_python",
    "start_fork_server",
]

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
#: IPython history, which parallel kernels would all write to one SQLite file in ~/.ipython;
#: and :mod:`kzlib.report.display` as an extension (figures with alt text, whole table cells).
KERNEL_ARGS: tuple[str, ...] = (
    "--IPKernelApp.matplotlib=inline",
    "--HistoryManager.enabled=False",
    "--IPKernelApp.extensions=kzlib.report.display",
)
#: Name under which papermill asks for the kernel (resolved by our own spec manager).
KERNEL_NAME: str = "kzlib"


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


def start_fork_server(notebooks: Sequence[Path], *, python: Path) -> KernelForkServer:
    """Start a fork server that has imported what the notebooks' code cells import.

    Examples
    --------
    >>> callable(start_fork_server)
    True
    """
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


def kernel_manager_class(python: Path, *, argv: list[str] | None = None) -> type[Any]:
    """A jupyter_client kernel manager class that starts kernels from our in-memory spec.

    Parameters
    ----------
    python : Path
        The kernel's interpreter.
    argv : list of str, optional
        The kernel command (default: ``python -m ipykernel_launcher`` with
        :data:`KERNEL_ARGS`; the fork server gives its own).

    Returns
    -------
    type
        A subclass of ``AsyncKernelManager``.

    Examples
    --------
    >>> kernel_manager_class(kernel_python()).__name__
    '_KernelManager'
    """
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
