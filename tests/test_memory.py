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
