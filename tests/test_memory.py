"""kzlib.memory: freed heap pages go back to the operating system."""

from __future__ import annotations

import os
import sys

import pytest

from kzlib.memory import release_memory


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc_trim")
def test_freed_small_objects_leave_the_process() -> None:
    # 200,000 objects of 1 kB: malloc'd one by one (above pymalloc's limit), freed together
    # while a later allocation pins the top of the heap, so only a trim gives them back
    blocks = [bytes(1000) + bytes([k % 256]) for k in range(200_000)]
    pin = bytes(1000) + b"pin"
    before = _rss_bytes()
    del blocks
    freed = _rss_bytes()
    assert release_memory() is True
    after = _rss_bytes()
    assert after < freed - 100_000_000, (before, freed, after)
    assert pin.endswith(b"pin")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="resident memory from /proc")
def test_what_arrow_arrays_freed_leaves_the_process() -> None:
    # pyarrow's pool keeps the pages of freed arrays for reuse: a kernel that
    # filtered a million-row table stayed gigabytes above what it held
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    base = pa.array(np.arange(20_000_000, dtype=np.int64))
    results = [pc.add(base, k) for k in range(3)]  # 480 MB in the pool
    del base, results
    held = _rss_bytes()
    release_memory()
    assert _rss_bytes() < held - 300_000_000


def test_report_kernels_release_memory_after_every_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    import kzlib.memory
    from kzlib.report import display

    calls: list[int] = []
    monkeypatch.setattr(kzlib.memory, "release_memory", lambda: calls.append(1) or True)
    shell = InteractiveShell.instance()
    try:
        display.load_ipython_extension(shell)
        display.load_ipython_extension(shell)  # loaded twice: registered once
        assert shell.events.callbacks["post_run_cell"].count(display._release) == 1
        shell.run_cell("x = 1")
        shell.run_cell("y = 2")
    finally:
        shell.events.unregister("post_run_cell", display._release)
    assert calls == [1, 1]
