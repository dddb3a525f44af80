"""Groups of articles: manifest columns kept, group keyness, measures and topics by group."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from kzlib.cli import main
from kzlib.corpus import load_corpus, sentences_frame
from kzlib.errors import InputError
from kzlib.paths import PROJECT_ROOT
from kzlib.rhetoric import doc_groups, group_keyness, group_sentences, measures, plot_keyness
from kzlib.topics import group_topic_shares

NEWS = PROJECT_ROOT / "tests" / "fixtures" / "corpus_news"


def _sents(rows: list[tuple[str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["doc_id", "text"])
    return frame.assign(sent_id=frame.groupby("doc_id").cumcount())


def test_manifest_columns_of_ones_own_are_kept_as_groups(tmp_path: Path) -> None:
    table = load_corpus(NEWS).to_frame()
    assert table.set_index("doc_id")["publisher"].value_counts().to_dict() == {
        "state_department": 3,
        "mission": 2,
        "usaid": 1,
    }
    groups = doc_groups(table, "year")
    assert set(groups) <= {"2019", "2020", "2021", "2022"} and len(groups) == 4  # two undated
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Some text here.\n", encoding="utf-8")
    (folder / "manifest.csv").write_text("file,sha256\na.txt,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="sha256 not allowed"):
        load_corpus(folder)
    with pytest.raises(InputError, match="not a column of the corpus"):
        doc_groups(table, "country")


def test_group_keyness_counts_g2_chi2_and_both_sides() -> None:
    s = _sents(
        [("a", "rail rail rail rail port"), ("b", "rail port wheat"), ("c", "wheat wheat wheat"),
         ("d", "grain grain grain grain")]
    )
    groups = {"a": "east", "b": "east", "c": "west"}  # d has no group: left out
    k = group_keyness(s, groups, target="east", min_count=1, stop_words=None)
    rail = k.set_index("term").loc["rail"]
    assert (rail["side"], rail["count_target"], rail["count_reference"]) == ("target", 5, 0)
    # by hand: a=5 of c=8, b=0 of d=3
    e1 = 8 * 5 / 11
    assert rail["g2"] == pytest.approx(2 * 5 * math.log(5 / e1))
    n, a, b, c, d = 11, 5, 0, 8, 3
    yates = n * (abs(a * (d - b) - b * (c - a)) - n / 2) ** 2 / ((a + b) * (n - a - b) * c * d)
    assert rail["chi2"] == pytest.approx(yates)
    assert rail["log_ratio"] == pytest.approx(math.log2((5 / 8) / (0.5 / 3)))
    wheat = k.set_index("term").loc["wheat"]
    assert wheat["side"] == "reference" and wheat["chi2"] < 0 and wheat["log_ratio"] < 0
    assert "grain" not in set(k["term"])
    fig = plot_keyness(k, target="east")
    assert len(fig.axes[0].patches) == len(k)
    with pytest.raises(InputError, match="target='north'"):
        group_keyness(s, groups, target="north")


def test_measures_and_topic_shares_by_group() -> None:
    sents = sentences_frame(load_corpus(NEWS))
    groups = doc_groups(load_corpus(NEWS).to_frame(), "publisher")
    pooled = group_sentences(sents, groups)
    assert set(pooled["doc_id"]) == {"state_department", "mission", "usaid"}
    assert not pooled.duplicated(["doc_id", "sent_id"]).any()
    table = measures(pooled, include=["words", "attribution_per_1k"], n_boot=20)
    words = table[table["measure"] == "words"].set_index("doc_id")["value"]
    per_doc = measures(sents, include=["words"], n_boot=0).set_index("doc_id")["value"]
    assert words["mission"] == per_doc[groups[groups == "mission"].index].sum()
    d = pd.DataFrame({"doc_id": list("aabb"), "topic": [0, 1, 0, 1], "weight": [1, 0, 0.5, 0.5]})
    shares = group_topic_shares(d, {"a": "g", "b": "g"}, lengths={"a": 300, "b": 100})
    assert shares["share"].round(3).tolist() == [0.875, 0.125]


def test_cli_keyness_by_group(tmp_path: Path) -> None:
    out = tmp_path / "k.csv"
    args = ["keyness", "--corpus", str(NEWS), "--out", str(out), "--group", "publisher"]
    assert main([*args, "--target", "usaid", "--min-count", "2"]) == 0
    table = pd.read_csv(out)
    assert set(table["side"]) == {"target", "reference"}
    assert {"count_target", "count_reference", "g2", "chi2", "log_ratio"} <= set(table.columns)
    assert (table.loc[table["side"] == "target", "log_ratio"] > 0).all()
    assert main(args) != 0  # a group without a target
    assert main(["keyness", "--corpus", str(NEWS), "--out", str(out)]) == 0
    assert pd.read_csv(out)["doc_id"].nunique() == 6


def test_cli_keyness_by_a_parquet_column(tmp_path: Path) -> None:
    """A table corpus' own column (country) is a group on the command line too."""
    kaz = [
        "Herders crossed the steppe with their flocks in early spring.",
        "Grain from the steppe reached the ports by rail in June.",
        "Wind farms now rise on the open steppe near the lake.",
    ]
    nor = [
        "Fishermen left the harbour before dawn to reach the cod banks.",
        "The new ferry terminal in the harbour opened in May.",
        "Storms kept the trawlers in the harbour for a week.",
    ]
    rows = [
        {"doc_id": f"{c.lower()}{i}", "country": c, "year": 2020 + i, "text": text}
        for c, texts in (("KAZ", kaz), ("NOR", nor))
        for i, text in enumerate(texts)
    ]
    corpus = tmp_path / "speeches.parquet"
    pd.DataFrame(rows).to_parquet(corpus, index=False)
    out = tmp_path / "k.csv"
    args = ["keyness", "--corpus", str(corpus), "--out", str(out), "--min-count", "2"]
    assert main([*args, "--group", "country", "--target", "KAZ"]) == 0
    table = pd.read_csv(out).set_index("term")
    assert table.loc["steppe", "side"] == "target"
    assert table.loc["steppe", ["count_target", "count_reference"]].tolist() == [3, 0]
    assert table.loc["harbour", "side"] == "reference"
    assert table.loc["harbour", ["count_target", "count_reference"]].tolist() == [0, 3]
