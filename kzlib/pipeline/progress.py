"""Progress lines of a pipeline run: documents, documents/s, words/s, elapsed, ETA.

Examples
--------
>>> _duration(3725)
'1h02m'
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

__all__ = []


class _Progress:
    def __init__(
        self, label: str, total: int, emit: Callable[[str], None] | None, *, every: float
    ) -> None:
        self.label, self.total, self.emit, self.every = label, total, emit, every
        self.start = time.perf_counter()
        self.last = self.start
        self.docs = 0
        self.words = 0

    def update(self, docs: int, words: int) -> None:
        self.docs += docs
        self.words += words
        now = time.perf_counter()
        if self.emit is not None and now - self.last >= self.every and self.docs < self.total:
            self.last = now
            self.emit(self.line(now))

    def line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.docs / elapsed
        left = (self.total - self.docs) / rate if rate > 0 else float("inf")
        eta = _duration(left) if left != float("inf") else "?"
        return (
            f"{self.label}: {self.docs:,}/{self.total:,} documents "
            f"({100 * self.docs / max(self.total, 1):.0f}%), {rate:,.0f} documents/s, "
            f"{self.words / elapsed:,.0f} words/s, elapsed {_duration(elapsed)}, ETA {eta}"
        )


def _duration(seconds: float) -> str:
    s = round(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
