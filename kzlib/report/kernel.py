"""Notebook kernels forked from one pre-warmed process, for ``kzlib report``.

Measured on the seeds, most of a notebook's run is not its analysis: starting
a Python kernel and importing pandas, scikit-learn, matplotlib and kzlib
costs about two seconds of CPU for every notebook. :class:`KernelForkServer`
pays it once: a server process (the project's interpreter) imports
ipykernel and the modules the notebooks import, then forks one fresh kernel
per notebook. Each kernel is still a separate process with its own
namespace, started from the same clean state (nothing has been executed in
it but those imports), so notebooks stay as isolated as with ordinary
kernels.

How it plugs into Jupyter: the kernel spec's command is this file run as a
script with stdlib only (``python kernel.py connect SOCKET -f CONN``), a
small stand-in that asks the server to fork a kernel for ``CONN`` in its
own working folder and environment, forwards interrupt and terminate
signals to it, and exits when it exits. If the stand-in is killed, the
kernel notices the closed socket and exits too; if the process that started
the server dies, the server exits.

This module imports only the standard library at the top so that the
stand-in starts in milliseconds.

Examples
--------
>>> import sys
>>> with KernelForkServer(python=sys.executable, preload=["json"]) as server:
...     server.kernel_argv()[3]
'connect'
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = ["FORK_SAFE_ENV", "KERNEL_MODULES", "KernelForkServer", "modules_imported_by"]

_FILE = Path(__file__).resolve()
#: Imported by the server before anything else: what every kernel imports while it starts
#: (its shell, the debugger support, the history database), measured at ~0.2 s a kernel.
KERNEL_MODULES: tuple[str, ...] = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",
    "sqlite3",
)
#: Environment of the server that keeps it single-threaded, so that forking is clean:
#: pyarrow's bundled jemalloc otherwise starts a background thread when pandas is imported.
FORK_SAFE_ENV: dict[str, str] = {"JE_ARROW_MALLOC_CONF": "background_thread:false"}


def modules_imported_by(sources: Iterable[str]) -> list[str]:
    """The modules that code imports at top level of its cells, in first-seen order.

    Parameters
    ----------
    sources : iterable of str
        Python source, e.g. the code cells of notebooks. IPython magics and
        shell escapes (lines starting ``%`` or ``!``) are ignored; cells that
        still do not parse (e.g. a ``%%bash`` cell) are skipped.

    Returns
    -------
    list of str
        Dotted module names (``from a.b import c`` gives ``a.b`` and ``a.b.c``,
        which may or may not be a module; relative imports are left out).

    Examples
    --------
    >>> modules_imported_by(["%matplotlib inline\\nimport pandas as pd", "from a.b import c"])
    ['pandas', 'a.b', 'a.b.c']
    """
    import ast

    seen: dict[str, None] = {}
    for source in sources:
        lines = source.splitlines()
        code = "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in lines)
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    seen.setdefault(alias.name, None)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                seen.setdefault(node.module, None)
                for alias in node.names:  # ``from kzlib import rhetoric``: maybe a module
                    if alias.name != "*":
                        seen.setdefault(f"{node.module}.{alias.name}", None)
    return list(seen)


class KernelForkServer:
    """A process that forks ready-imported Jupyter kernels on request.

    Parameters
    ----------
    python : str or Path
        Interpreter of the server and hence of every kernel.
    preload : iterable of str
        Modules to import before forking (failures are ignored: a notebook
        that needs a missing module reports it itself).
    env : mapping, optional
        Extra environment for the server (e.g. ``PYTHONHASHSEED``, which must
        be fixed when the interpreter starts).

    Examples
    --------
    >>> import sys
    >>> server = KernelForkServer(python=sys.executable, preload=[])
    >>> server.start(); server.running
    True
    >>> server.close(); server.running
    False
    """

    def __init__(
        self,
        *,
        python: str | Path,
        preload: Iterable[str] = (),
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.python = str(python)
        self.preload = list(preload)
        self.env = dict(env or {})
        self._dir: Path | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def socket_path(self) -> Path:
        """Unix socket the stand-ins connect to."""
        if self._dir is None:
            raise RuntimeError("the kernel fork server is not started")
        return self._dir / "fork.sock"

    @property
    def running(self) -> bool:
        """Whether the server process is alive."""
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        """Start the server; it imports the preload modules in the background."""
        self._dir = Path(tempfile.mkdtemp(prefix="kzlib-fork-"))
        env = {**os.environ, **FORK_SAFE_ENV, **self.env}
        self._proc = subprocess.Popen(
            [self.python, "-P", str(_FILE), "serve", str(self.socket_path), *self.preload],
            stdin=subprocess.PIPE,  # closed by us (or by our death): the server exits
            env=env,
        )

    def kernel_argv(self, *, kernel_args: Iterable[str] = ()) -> list[str]:
        """The kernel spec command that gets a kernel from this server.

        Parameters
        ----------
        kernel_args : iterable of str
            Further ``IPKernelApp`` arguments for every kernel, e.g.
            ``--IPKernelApp.matplotlib=inline``.

        Returns
        -------
        list of str
            ``argv`` of a Jupyter kernel spec (with ``{connection_file}``).

        Examples
        --------
        >>> import sys
        >>> with KernelForkServer(python=sys.executable) as server:
        ...     server.kernel_argv(kernel_args=["--x"])[-2:]
        ['{connection_file}', '--x']
        """
        # -P: do not put kzlib/ on sys.path (kzlib/report/html.py would shadow the stdlib's html).
        return [
            self.python,
            "-P",
            str(_FILE),
            "connect",
            str(self.socket_path),
            "{connection_file}",
            *kernel_args,
        ]

    def close(self) -> None:
        """Stop the server; it collects the kernels it forked that have exited."""
        if self._proc is not None:
            if self._proc.stdin is not None:
                self._proc.stdin.close()
            self._proc.terminate()
            self._proc.wait()
            self._proc = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> KernelForkServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# ---------------------------------------------------------------------------
# the server (runs as ``python kernel.py serve SOCKET MODULE...``)


def _reap(*, wait: float = 0.0) -> None:
    # Collect exited kernels (their CPU time then counts as the server's children's, and
    # so as the report's). With ``wait``, give running ones that long to exit.
    deadline = time.monotonic() + wait
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:  # no children left
            return
        if pid == 0:
            if time.monotonic() >= deadline:
                return
            time.sleep(0.01)


def _stop(_signum: int, _frame: object) -> None:
    raise SystemExit(0)


def _serve(socket_path: str, preload: list[str]) -> None:
    # Ctrl-C in the terminal reaches the whole process group: the report handles it, and
    # the server is stopped by the report (SIGTERM, or its stdin closing), quietly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    try:
        _accept_forever(socket_path, preload)
    finally:
        # leaving: a SIGTERM now (the report stopping us as we exit) must not raise
        # SystemExit inside the interpreter's shutdown, which prints a traceback
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        _reap(wait=2.0)


def _accept_forever(socket_path: str, preload: list[str]) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    listener.listen(64)  # stand-ins may queue while the imports below run
    import importlib

    # What ipykernel sets before any user code, so a preloaded matplotlib draws inline.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for name in [*KERNEL_MODULES, *preload]:
        if name.startswith("matplotlib_inline"):
            # Imported without a shell it would skip its IPython set-up (figures would show
            # as text); pyplot imports it on first use, in the kernel, as usual.
            continue
        try:
            importlib.import_module(name)
        except Exception:  # the notebook that imports it will report the error
            continue
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    selector.register(sys.stdin.fileno(), selectors.EVENT_READ)
    while True:
        events = selector.select(timeout=1.0)
        _reap()
        for key, _ in events:
            if key.fileobj != listener:  # stdin closed: our parent is done or dead
                return
            conn, _ = listener.accept()
            request = json.loads(conn.makefile("rb").readline())
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the kernel process
                selector.close()
                listener.close()
                _run_kernel(conn, request)
            conn.sendall(f"{pid}\n".encode())
            conn.close()


def _run_kernel(conn: socket.socket, request: dict[str, Any]) -> None:  # pragma: no cover
    status = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])  # the kernel's own working folder, as a spawned process gets

        def watch() -> None:  # the stand-in died (killed): die with it
            try:
                conn.recv(1)
            finally:
                os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
        from ipykernel.kernelapp import IPKernelApp

        sys.argv = ["ipykernel_launcher", "-f", request["connection_file"], *request["args"]]
        parent = request["env"].get("JPY_PARENT_PID")
        if parent:  # read from the environment at import time, i.e. before the fork
            sys.argv.append(f"--IPKernelApp.parent_handle={int(parent)}")
        IPKernelApp.launch_instance(argv=sys.argv[1:])
        status = 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


# ---------------------------------------------------------------------------
# the stand-in (runs as ``python kernel.py connect SOCKET CONNECTION_FILE``)


def _fresh_kernel(connection_file: str, args: list[str], why: str) -> int:  # pragma: no cover
    # No server to fork from: become an ordinary kernel, slower but the same.
    print(f"kzlib kernel: {why}; starting a fresh kernel instead", file=sys.stderr)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", connection_file, *args]
    os.execv(sys.executable, argv)


def _connect(socket_path: str, connection_file: str, args: list[str]) -> int:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.connect(socket_path)
            break
        except FileNotFoundError:  # the server has not bound its socket yet
            if time.monotonic() > deadline:
                return _fresh_kernel(connection_file, args, f"no fork server at {socket_path}")
            time.sleep(0.01)
        except ConnectionRefusedError:  # bound, but nobody listens: it has exited
            return _fresh_kernel(connection_file, args, "the fork server has exited")
    request = {
        "connection_file": connection_file,
        "args": args,
        "cwd": os.getcwd(),
        "env": dict(os.environ),
    }
    client.sendall(json.dumps(request).encode() + b"\n")
    reply = client.makefile("rb").readline()
    if not reply:
        return _fresh_kernel(connection_file, args, "the fork server did not answer")
    pid = int(reply)

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT, signal.SIGHUP):
        signal.signal(signum, forward)
    while True:  # the kernel holds the other end: EOF means it has exited
        try:
            if not client.recv(1):
                return 0
        except InterruptedError:  # pragma: no cover - retried by Python itself
            continue


if __name__ == "__main__":  # pragma: no cover
    if sys.argv[1] == "serve":
        _serve(sys.argv[2], sys.argv[3:])
    elif sys.argv[1] == "connect":
        raise SystemExit(_connect(sys.argv[2], sys.argv[3], sys.argv[4:]))
