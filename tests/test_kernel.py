"""Tests for kzlib.report.kernel: kernels forked from a pre-imported server process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from kzlib.report.kernel import KernelForkServer, modules_imported_by
from kzlib.report.runner import KERNEL_ENV, kernel_python

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def test_modules_imported_by_reads_cells_with_magics() -> None:
    cells = [
        "%matplotlib inline\nimport pandas as pd\nfrom kzlib import rhetoric\n!ls",
        "%%time\nimport timed",  # a cell magic over Python: read
        "%%bash\nfor f in *; do echo $f; done",  # not Python: skipped
        "from . import relative\nimport a.b, c",
    ]
    expected = ["pandas", "kzlib", "kzlib.rhetoric", "timed", "a.b", "c"]
    assert modules_imported_by(cells) == expected


def _manager(server: KernelForkServer, folder: Path) -> KernelManager:
    spec_dir = folder / "kernels" / "kzfork"
    spec_dir.mkdir(parents=True)
    spec = {"argv": server.kernel_argv(), "display_name": "fork", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec))
    specs = KernelSpecManager(kernel_dirs=[str(folder / "kernels")])
    return KernelManager(
        kernel_name="kzfork",
        kernel_spec_manager=specs,
        transport="ipc",
        ip=str(folder / "kernel-ipc"),
    )


def _run(kc: BlockingKernelClient, code: str) -> str:
    out: list[str] = []

    def keep(msg: dict[str, Any]) -> None:
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    reply = kc.execute_interactive(code, timeout=60, output_hook=keep)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(out)


@pytest.fixture
def server() -> Iterator[KernelForkServer]:
    with KernelForkServer(python=kernel_python(), preload=["json", "pandas"], env=KERNEL_ENV) as s:
        yield s


def test_forked_kernel_is_a_fresh_process_in_its_own_folder(
    server: KernelForkServer, tmp_path: Path
) -> None:
    km = _manager(server, tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    km.start_kernel(cwd=str(work), env={**os.environ, "KZ_TEST": "yes"})
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        code = (
            "import os, sys\n"
            "print(os.getcwd(), os.environ.get('KZ_TEST'), hash('kzlib'),\n"
            "      'pandas' in sys.modules, sys.executable, os.getpid(), sep='|')"
        )
        cwd, env, hashed, preloaded, exe, pid = _run(kc, code).strip().split("|")
        assert cwd == str(work) and env == "yes"
        fixed = subprocess.run(
            [sys.executable, "-c", "print(hash('kzlib'))"],
            env={**os.environ, "PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert hashed == fixed  # the server's PYTHONHASHSEED=0 holds in its forks
        assert preloaded == "True"  # imported by the server before the fork
        assert exe == str(kernel_python())
        assert int(pid) not in {os.getpid(), km.provisioner.pid}  # type: ignore[union-attr]
        assert _run(kc, "x = 41\nprint(x + 1)").strip() == "42"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    assert not km.is_alive()


def test_kernel_dies_with_its_stand_in(server: KernelForkServer, tmp_path: Path) -> None:
    km = _manager(server, tmp_path)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    pid = int(_run(kc, "import os; print(os.getpid())"))
    kc.stop_channels()
    stand_in = km.provisioner.pid  # type: ignore[union-attr]
    os.kill(stand_in, signal.SIGKILL)  # not its group: the kernel must notice by itself
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the forked kernel outlived its stand-in")
    km.shutdown_kernel(now=True)


def test_without_a_server_the_stand_in_becomes_an_ordinary_kernel(tmp_path: Path) -> None:
    server = KernelForkServer(python=kernel_python(), preload=[])
    server.start()
    assert server._proc is not None
    deadline = time.monotonic() + 30
    while not server.socket_path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    server._proc.kill()  # the socket file stays, nobody listens
    server._proc.wait()
    km = _manager(server, tmp_path)
    try:
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        assert _run(kc, "print(6 * 7)").strip() == "42"
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    finally:
        server.close()


def test_server_exits_when_closed() -> None:
    server = KernelForkServer(python=sys.executable, preload=[])
    server.start()
    assert server.running
    proc = server._proc
    server.close()
    assert not server.running and proc is not None and proc.poll() is not None
