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
    """Return freed memory to the operating system: Arrow's memory pool, then the C heap.

    After a step that built and dropped gigabytes (the streamed pass gathering
    every part's tables; a notebook cell filtering a million-row table), the
    allocators keep the freed pages, so the process stays at its peak resident
    memory while the report's other notebooks run beside it:

    * pyarrow's pool (mimalloc) caches what its arrays freed: the cells of the
      rhetoric notebook on the UN corpus left 0.6-0.8 GB there; its
      ``release_unused`` hands it back (only if pyarrow is already imported);
    * glibc keeps freed heap pages until ``malloc_trim``. Dask's workers trim
      their heap the same way.

    The report's kernels call this after every cell (:mod:`kzlib.report.display`).

    Returns
    -------
    bool
        True if the C heap was trimmed; False where there is nothing to call
        (not Linux, or a C library without ``malloc_trim``).
    """
    arrow = sys.modules.get("pyarrow")
    if arrow is not None:
        arrow.default_memory_pool().release_unused()
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return False
    return bool(trim(0))
