"""Which article stands out on each measure, and whether its interval clears the next.

Examples
--------
>>> t = pd.DataFrame({"doc_id": ["a", "b"], "measure": ["m", "m"], "value": [9.0, 2.0],
...                   "ci_low": [7.0, 1.0], "ci_high": [11.0, 3.0]})
>>> contrasts(t)["doc_id"].tolist()
['a']
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Sequence

import pandas as pd

__all__ = ["contrasts", "summarise_contrasts"]


def contrasts(table: pd.DataFrame, *, include: Sequence[str] = ("*",)) -> pd.DataFrame:
    """Which article stands out on each measure, and whether its interval clears the next.

    For every measure with intervals, the article with the highest value is
    compared with the runner-up. ``score`` is the gap between them divided
    by the facing half-widths of their intervals (the top article's lower
    half plus the runner-up's upper half): above 1, the intervals do not
    overlap (``separated``). Rows are sorted by ``score``, most distinctive
    first. Intervals are over sentences within each article: they show how
    much a value depends on which sentences the article happens to contain,
    not whether the lexicon measures the right thing.

    Parameters
    ----------
    table : DataFrame
        :func:`measures`.
    include : sequence of str
        Measure names or shell patterns to compare (default all with
        intervals); patterns that match nothing are ignored.

    Returns
    -------
    DataFrame
        ``measure, doc_id, value, ci_low, ci_high, runner_up, runner_up_value,
        runner_up_ci_high, gap, score, separated``.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "measure": ["m", "m"], "value": [9.0, 2.0],
    ...                   "ci_low": [7.0, 1.0], "ci_high": [11.0, 3.0]})
    >>> contrasts(t)[["measure", "doc_id", "runner_up", "score", "separated"]].round(2)
      measure doc_id runner_up  score  separated
    0       m      a         b   2.33       True
    """
    cols = [
        "measure",
        "doc_id",
        "value",
        "ci_low",
        "ci_high",
        "runner_up",
        "runner_up_value",
        "runner_up_ci_high",
        "gap",
        "score",
        "separated",
    ]
    data = table.dropna(subset=["value", "ci_low", "ci_high"])
    present = list(dict.fromkeys(data["measure"]))
    patterns = [include] if isinstance(include, str) else list(include)
    wanted = [m for m in present if any(fnmatch.fnmatchcase(m, p) for p in patterns)]
    rows: list[dict[str, object]] = []
    for measure, group in data[data["measure"].isin(wanted)].groupby("measure", sort=False):
        if len(group) < 2:
            continue
        ranked = group.sort_values(["value", "doc_id"], ascending=[False, True], kind="stable")
        top, run = ranked.iloc[0], ranked.iloc[1]
        gap = float(top["value"] - run["value"])
        spread = float(top["value"] - top["ci_low"]) + float(run["ci_high"] - run["value"])
        score = gap / spread if spread > 0 else (math.inf if gap > 0 else 0.0)
        rows.append(
            {
                "measure": measure,
                "doc_id": top["doc_id"],
                "value": top["value"],
                "ci_low": top["ci_low"],
                "ci_high": top["ci_high"],
                "runner_up": run["doc_id"],
                "runner_up_value": run["value"],
                "runner_up_ci_high": run["ci_high"],
                "gap": gap,
                "score": round(score, 6),
                "separated": bool(top["ci_low"] > run["ci_high"]),
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(
        ["score", "measure"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def summarise_contrasts(table: pd.DataFrame, *, top: int = 8) -> str:
    """A few Markdown lines saying which article stands out where, and how surely.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "measure": ["m", "m"], "value": [9.0, 2.0],
    ...                   "ci_low": [7.0, 1.0], "ci_high": [11.0, 3.0]})
    >>> print(summarise_contrasts(t))
    - **m**: `a` is highest (9, interval 7-11), clearly above `b` (2, up to 3).
    """
    found = contrasts(table)
    found = found[found["gap"] > 0].head(top)
    if found.empty:
        return "No measure separates one article from the others."
    lines = []
    for row in found.to_dict("records"):
        score = float(row["score"])
        verdict = (
            "clearly above"
            if row["separated"]
            else ("probably above" if score > 0.5 else "not clearly different from")
        )
        lines.append(
            f"- **{row['measure']}**: `{row['doc_id']}` is highest ({row['value']:.3g}, interval "
            f"{row['ci_low']:.3g}-{row['ci_high']:.3g}), {verdict} `{row['runner_up']}` "
            f"({row['runner_up_value']:.3g}, up to {row['runner_up_ci_high']:.3g})."
        )
    return "\n".join(lines)
