"""kzlib.pipeline on a Dask cluster that dies mid-run: one clear error, soon, nothing left behind.

Issue 17 item 6: when every worker died, the run waited for ever and left its
temporary output file. The workers here are real processes, killed with SIGKILL.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kzlib.paths import SEEDS_DIR
from kzlib.pipeline import cluster, run_pipeline
from kzlib.pipeline.cluster import ClusterLostError

distributed = pytest.importorskip("distributed")


def _start(module: str, *args: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", f"distributed.cli.{module}", *args]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _start_workers(address: str, n: int, scratch: Path) -> list[subprocess.Popen[bytes]]:
    """``n`` worker processes without a nanny (nothing restarts them once killed)."""
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_worker",
                address,
                "--no-nanny",
                "--nthreads",
                "1",
                "--local-directory",
                str(scratch),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(n)
    ]


def test_a_run_whose_workers_all_die_stops_soon_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "LOST_AFTER", 3.0)
    out = tmp_path / "out" / "sentences.csv"
    with distributed.LocalCluster(
        n_workers=0,
        processes=False,
        protocol="tcp://",  # reachable from the worker processes
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as scheduler:
        workers = _start_workers(scheduler.scheduler_address, 2, tmp_path / "scratch")
        try:
            with distributed.Client(scheduler) as client:
                client.wait_for_workers(2, timeout=120)
            parts: list[int] = []

            def kill_the_workers(result: Any) -> None:
                # The results of the other parts live on the workers: they die with them.
                parts.append(result.n_docs)
                if len(parts) == 1:
                    for worker in workers:
                        worker.kill()
                        worker.wait()

            started = time.monotonic()
            with pytest.raises(ClusterLostError) as caught:
                run_pipeline(
                    SEEDS_DIR,
                    outputs={"sentences": out},
                    engine="dask",
                    scheduler=scheduler.scheduler_address,
                    batch_size=1,
                    progress=None,
                    on_part=kill_the_workers,
                )
            waited = time.monotonic() - started
        finally:
            for worker in workers:
                worker.kill()
                worker.wait()
    message = str(caught.value)
    assert parts == [1]  # it stopped after the first of the four parts
    assert waited < 60
    assert "no worker for 3 s" in message and "part 2 of" in message
    assert "\n" not in message
    assert list(out.parent.iterdir()) == []  # no temporary file, no partial table


def test_a_part_that_kills_its_worker_stops_the_run(tmp_path: Path) -> None:
    import dask

    from kzlib.corpus import plan_source
    from kzlib.pipeline import map_parts

    def die(part: object) -> Any:  # nested: pickled by value for the worker
        import os

        os._exit(1)  # kills the worker process, as the kernel's OOM killer would

    parts = plan_source(SEEDS_DIR, batch_size=2).parts
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
            local_directory=str(tmp_path / "scratch"),
        ) as local,
    ):
        started = time.monotonic()
        with pytest.raises(ClusterLostError) as caught:
            list(map_parts(parts, die, engine="dask", scheduler=local.scheduler_address))
        waited = time.monotonic() - started
    assert waited < 60
    message = str(caught.value)
    assert "the Dask workers running part 1 of" in message and "died (tried 1 time;" in message
    assert "\n" not in message


def test_a_run_whose_scheduler_dies_stops_with_one_line(tmp_path: Path) -> None:
    import json

    address_file = tmp_path / "scheduler.json"
    scheduler = _start(
        "dask_scheduler",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--no-dashboard",
        "--scheduler-file",
        str(address_file),
    )
    workers: list[subprocess.Popen[bytes]] = []
    out = tmp_path / "out" / "sentences.parquet"
    try:
        deadline = time.monotonic() + 120
        while not address_file.exists() or not address_file.read_text().strip():
            assert time.monotonic() < deadline and scheduler.poll() is None
            time.sleep(0.2)
        address = json.loads(address_file.read_text())["address"]
        workers = _start_workers(address, 1, tmp_path / "scratch")
        with distributed.Client(address, timeout="60s") as client:
            client.wait_for_workers(1, timeout=120)

        def kill_the_scheduler(result: Any) -> None:
            if scheduler.poll() is None:
                scheduler.kill()
                scheduler.wait()

        started = time.monotonic()
        with pytest.raises(ClusterLostError) as caught:
            run_pipeline(
                SEEDS_DIR,
                outputs={"sentences": out},
                engine="dask",
                scheduler=address,
                batch_size=1,
                progress=None,
                on_part=kill_the_scheduler,
            )
        waited = time.monotonic() - started
    finally:
        for process in [scheduler, *workers]:
            process.kill()
            process.wait()
    message = str(caught.value)
    assert waited < 60
    assert f"lost the connection to the Dask scheduler {address}" in message
    assert "\n" not in message
    assert list(out.parent.iterdir()) == []
