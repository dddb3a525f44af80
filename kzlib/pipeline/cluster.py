"""Waiting for a part on a Dask cluster, and giving up when the cluster is gone.

A Dask task waits for as long as it takes for a worker to run it, so a run
whose workers all died would wait for ever. The driver waits for each part
in short polls (:func:`_await_part`) and stops with :class:`ClusterLostError`,
one line, when

- the cluster has had no worker at all for :data:`LOST_AFTER` seconds
  (a worker killed under a nanny is back within seconds; every worker
  gone, or none ever started, is not),
- the part's task killed the workers that ran it, several times over
  (Dask's ``KilledWorker``: a part too large for a worker's memory), or
- the connection to the scheduler is lost.

:func:`kzlib.pipeline.run_pipeline` then deletes its temporary files, so the
run leaves nothing behind.

Examples
--------
>>> err = ClusterLostError("the Dask cluster has no worker left")
>>> isinstance(err, InputError), str(err)
(True, 'the Dask cluster has no worker left')
"""

from __future__ import annotations

import time
from typing import Any

from kzlib.corpus.sources import Part
from kzlib.errors import EXIT_UNAVAILABLE, InputError

__all__ = ["LOST_AFTER", "ClusterLostError"]

#: Seconds without any worker after which a run on Dask gives up.
LOST_AFTER: float = 60.0

#: Seconds between checks of the cluster while a part is awaited.
_POLL: float = 1.0


class ClusterLostError(InputError):
    """The Dask cluster lost its workers or its scheduler during a run.

    The command line prints it as one line, with the exit status of an
    unavailable service (69, :data:`kzlib.errors.EXIT_UNAVAILABLE`, as for a
    scheduler that cannot be reached); the message says what happened and what
    to do.
    """

    exit_status: int = EXIT_UNAVAILABLE


def _where(part: Part) -> str:
    return f"part {part.index + 1} of {part.source} (from document {part.first_row})"


def _n_workers(client: Any) -> int:
    """Workers the scheduler knows now (one small request: no per-worker details)."""
    return int(client.scheduler_info(n_workers=0).get("n_workers", 0))


def _await_part(
    distributed: Any, client: Any, future: Any, part: Part, *, lost_after: float
) -> Any:
    """The result of ``future`` (the task of ``part``), or :class:`ClusterLostError`.

    An error of the task itself (bad input in the part) is raised as it is.
    """
    alone_since: float | None = None
    while True:
        # result() with a timeout, not wait() then result(): a task can finish on a worker
        # that dies before its result is fetched, and result() would then wait forever
        try:
            return future.result(timeout=_POLL)
        except TimeoutError:
            pass
        except distributed.client.CancelledError:
            raise _lost_scheduler(client, part) from None
        except distributed.KilledWorker as exc:
            n = exc.args[2] + 1 if len(exc.args) > 2 and isinstance(exc.args[2], int) else 0
            tries = f"{n} time{'s' if n > 1 else ''}" if n else "several times"
            raise ClusterLostError(
                f"the Dask workers running {_where(part)} died (tried {tries}; out of memory?); "
                "run again with a smaller --batch-size or more memory per worker; "
                "no output was written"
            ) from None
        now = time.monotonic()
        if _n_workers(client):
            alone_since = None
        elif alone_since is None:
            alone_since = now
        elif now - alone_since >= lost_after:
            raise ClusterLostError(
                f"the Dask cluster has had no worker for {lost_after:.0f} s (every worker died "
                f"or left) while {_where(part)} was waiting; restart the workers or run again "
                "with --engine local; no output was written"
            )


def _lost_scheduler(client: Any, part: Part) -> ClusterLostError:
    address = getattr(client.scheduler, "address", None) or "the scheduler"
    return ClusterLostError(
        f"lost the connection to the Dask scheduler {address} while {_where(part)} was "
        "running; check the scheduler and run again; no output was written"
    )
