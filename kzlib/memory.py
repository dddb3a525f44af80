"""Giving freed memory back to the operating system after a large step.

Examples
--------
>>> isinstance(release_memory(), bool)
True
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["release_memory"]


def release_memory() -> bool:
    """Return the free pages of the C heap to the operating system (glibc ``malloc_trim``).

    After a step that built and dropped gigabytes of small objects (the
    streamed pass gathering every part's tables), glibc keeps the freed pages,
    so the process stays at its peak resident memory while the report's
    notebooks run beside it. Dask's workers trim their heap the same way.

    Returns
    -------
    bool
        True if memory was released; False where there is nothing to call
        (not Linux, or a C library without ``malloc_trim``).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return False
    return bool(trim(0))
