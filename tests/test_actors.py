"""kzlib.rhetoric.actors: the gazetteer, its validation, and mentions in text and in the seeds."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kzlib.errors import InputError
from kzlib.rhetoric.actors import ACTORS_FILE, actor_types, load_actors, mentions


def _sents(*texts: str, doc_id: str = "t") -> pd.DataFrame:
    return pd.DataFrame(
        {"doc_id": doc_id, "sent_id": range(len(texts)), "start": 0, "text": list(texts)}
    )


def _actors(*texts: str) -> list[str]:
    return mentions(_sents(*texts))["actor"].tolist()


def test_shipped_gazetteer_covers_the_issue_list() -> None:
    gaz = load_actors()
    for actor in [
        "Kazakhstan",
        "Russia",
        "China",
        "United States",
        "European Union",
        "United Nations",
        "Turkey",
        "Uzbekistan",
        "Armenia",
        "Azerbaijan",
        "Georgia",
        "South Caucasus",
        "Ukraine",
        "Central Asia",
    ]:
        assert actor in gaz.categories
    russia = set(gaz.terms.loc[gaz.terms["category"] == "Russia", "term"])
    assert {"Moscow", "Kremlin", "Putin", "Lavrov", "Peskov"} <= russia
    assert actor_types(gaz)["Russia"] == "state"


def test_the_kremlin_counts_as_russia() -> None:
    assert _actors("The Kremlin welcomed the talks.") == ["Russia"]


def test_possessive_and_multi_word_forms() -> None:
    found = mentions(_sents("Russia's envoy met Vladimir Putin and the United States' team."))
    assert found["actor"].tolist() == ["Russia", "Russia", "United States"]
    assert found["alias"].tolist() == ["Russia", "Vladimir Putin", "United States"]


def test_case_sensitive_us() -> None:
    assert _actors("Let us talk about the US.") == ["United States"]


def test_offsets_point_into_the_document() -> None:
    sents = pd.DataFrame(
        {"doc_id": ["d"], "sent_id": [4], "start": [100], "text": ["Then Astana spoke."]}
    )
    row = mentions(sents).iloc[0]
    assert (row["start"], row["end"], row["match"]) == (105, 111, "Astana")


def test_seed_002_counts_kremlin_peskov_and_lavrov_as_russia(seed_sentences: pd.DataFrame) -> None:
    body = seed_sentences[seed_sentences["kind"] == "body"]
    found = mentions(body[body["doc_id"].str.startswith("002_")])
    russia = set(found.loc[found["actor"] == "Russia", "match"])
    assert {"Kremlin", "Dmitry Peskov", "Sergey Lavrov", "Vladimir Putin", "Moscow"} <= russia
    peskov = found[found["match"] == "Dmitry Peskov"]
    assert len(peskov) == 1  # one mention, not "Peskov" again inside it


def test_seed_000_names_judo_article_powers(seed_sentences: pd.DataFrame) -> None:
    body = seed_sentences[seed_sentences["kind"] == "body"]
    found = mentions(body[body["doc_id"].str.startswith("000_")])
    # "Russia, China, the U.S., and Turkey become not rivals, but nodes in a broader network."
    row = found[found["match"] == "Turkey"]
    assert set(found[found["sent_id"].isin(row["sent_id"])]["actor"]) >= {
        "Russia",
        "China",
        "United States",
        "Turkey",
    }


def _gazetteer(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "actors.csv"
    path.write_text("actor,alias,type,note\n" + rows, encoding="utf-8")
    return path


def test_alias_given_to_two_actors_is_an_error(tmp_path: Path) -> None:
    path = _gazetteer(tmp_path, "Russia,Moscow,state,\nUSSR,Moscow,state,\n")
    with pytest.raises(InputError, match=r"actors.csv:3: alias 'Moscow' .* \(line 2\)"):
        load_actors(path)


def test_actor_with_two_types_is_an_error(tmp_path: Path) -> None:
    path = _gazetteer(tmp_path, "EU,EU,organisation,\nEU,Brussels,bloc,\n")
    with pytest.raises(InputError, match=r"actors.csv:3: 'EU' has type 'bloc'"):
        load_actors(path)


def test_edited_gazetteer_is_used(tmp_path: Path) -> None:
    path = _gazetteer(tmp_path, "Mongolia,Mongolia,state,\nMongolia,Ulaanbaatar,state,\n")
    found = mentions(_sents("Ulaanbaatar and Astana."), gazetteer=load_actors(path))
    assert found["actor"].tolist() == ["Mongolia"]
    assert ACTORS_FILE.name == "actors.csv"
