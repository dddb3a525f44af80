"""Check-worthiness scoring speed, old against new, with identical output (issue 14).

Usage::

    .venv/bin/python bench/checkworthiness_speed.py [--sentences 8000] [--repeat 5]
        [--baseline 46f2e58]

Texts: the first ``--sentences`` sentences of the UN General Debate dev
speeches (``kzlib.corpus.split_sentences``), then every sentence of the seed
articles and the ClaimBuster training texts. The old
``kzlib/claims/checkworthiness.py`` is read from git at ``--baseline`` and
imported beside the current one; both run :func:`checkworthiness_frame`
alternately ``--repeat`` times. The script prints CPU seconds (median) and
sentences per second for each, the speed-up, and checks that scores are
bit-identical (``np.array_equal``) and ``cw_why`` and ``is_claim`` equal;
it exits 1 when they differ.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd

from kzlib.claims import checkworthiness as new
from kzlib.corpus.sentences import split_sentences
from kzlib.paths import DEV_DIR, resolve_path

DEV = DEV_DIR
ROOT = Path(__file__).resolve().parent.parent


def load_baseline(commit: str) -> ModuleType:
    """The module ``kzlib.claims.checkworthiness`` as it was at ``commit``."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{commit}:kzlib/claims/checkworthiness.py"],
        check=True, capture_output=True, text=True).stdout
    folder = Path(tempfile.mkdtemp(prefix="cw_old_"))
    path = folder / "checkworthiness_old.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("checkworthiness_old", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["checkworthiness_old"] = module
    spec.loader.exec_module(module)
    return module


def texts(n_un: int) -> list[str]:
    """UN speech sentences (first ``n_un``), seed sentences, ClaimBuster train texts."""
    un: list[str] = []
    for text in pd.read_parquet(DEV / "ungd" / "ungd_dev.parquet")["text"]:
        un.extend(split_sentences(str(text)))
        if len(un) >= n_un:
            break
    seeds: list[str] = []
    for path in sorted(resolve_path("seeds").glob("*.txt")):
        seeds.extend(split_sentences(path.read_text(encoding="utf-8")))
    train = json.loads((DEV / "claimbuster" / "train.json").read_text(encoding="utf-8"))
    return un[:n_un] + seeds + [str(r["text"]) for r in train]


def cpu(fn: Callable[[], pd.DataFrame]) -> tuple[float, pd.DataFrame]:
    c0 = time.process_time()
    out = fn()
    return time.process_time() - c0, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=8000, help="UN sentences to take")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each (median printed)")
    parser.add_argument("--baseline", default="46f2e58", help="git commit of the old module")
    args = parser.parse_args(argv)
    old = load_baseline(args.baseline)
    rows = texts(args.sentences)
    old.load_model(), new.load_model()  # loading is not scoring
    times: dict[str, list[float]] = {"old": [], "new": []}
    frames: dict[str, pd.DataFrame] = {}
    for _ in range(max(1, args.repeat)):
        for name, module in (("old", old), ("new", new)):
            t, frames[name] = cpu(lambda m=module: m.checkworthiness_frame(rows))
            times[name].append(t)
    a, b = frames["old"], frames["new"]
    same_score = bool(np.array_equal(a["checkworthiness"].to_numpy(),
                                     b["checkworthiness"].to_numpy()))
    same_why = a["cw_why"].tolist() == b["cw_why"].tolist()
    same_claim = a["is_claim"].tolist() == b["is_claim"].tolist()
    print(f"{len(rows)} sentences ({args.sentences} UN + seeds + ClaimBuster train)")
    med = {k: statistics.median(v) for k, v in times.items()}
    for name in ("old", "new"):
        runs = " ".join(f"{t:.2f}" for t in times[name])
        print(f"{name}: CPU median {med[name]:.3f} s ({runs}), "
              f"{len(rows) / med[name]:,.0f} sentences/s")
    print(f"speed-up: {med['old'] / med['new']:.2f}x")
    print(f"scores bit-identical: {same_score}; cw_why equal: {same_why}; "
          f"is_claim equal: {same_claim}")
    return 0 if same_score and same_why and same_claim else 1


if __name__ == "__main__":
    sys.exit(main())
