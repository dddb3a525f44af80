"""Tests for the general lexicons of data/lexicons/ (frames.v2, metaphors.v2), the default."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from kzlib.corpus.document import Document
from kzlib.corpus.segment import sentences_frame
from kzlib.errors import InputError
from kzlib.paths import LEXICON_DIR
from kzlib.rhetoric.lexicon import find_all, read_lexicon
from kzlib.rhetoric.profile import load_lexicons

GENERAL = LEXICON_DIR
POLICY_FRAMES = {
    "economic",
    "capacity_resources",
    "morality",
    "fairness_equality",
    "legality",
    "policy_prescription",
    "crime_punishment",
    "security_defense",
    "health_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_reputation",
}
DOMAINS = {
    "war",
    "journey",
    "building",
    "sport_game",
    "family",
    "body_health",
    "machine",
    "nature_weather",
    "theatre",
}


def _rows(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as f:
        return [(r["term"], r["category"], r["note"]) for r in csv.DictReader(f)]


def test_frames_are_the_policy_frames() -> None:
    lex = read_lexicon(GENERAL / "frames.v2.csv")
    assert set(lex.categories) == POLICY_FRAMES
    counts = lex.terms["category"].value_counts()
    assert counts.min() >= 10


def test_metaphor_domains_extend_v1() -> None:
    lex = read_lexicon(GENERAL / "metaphors.v2.csv")
    v1 = read_lexicon(LEXICON_DIR / "metaphors.v1.csv")
    assert set(lex.categories) == DOMAINS | set(v1.categories)
    assert set(_rows(LEXICON_DIR / "metaphors.v1.csv")) <= set(_rows(GENERAL / "metaphors.v2.csv"))
    assert lex.terms["category"].value_counts()[sorted(DOMAINS)].min() >= 10


def test_same_format_as_v1() -> None:
    for name in ("frames", "metaphors"):
        with (GENERAL / f"{name}.v2.csv").open(encoding="utf-8") as f:
            v2_header = f.readline()
        with (LEXICON_DIR / f"{name}.v1.csv").open(encoding="utf-8") as f:
            assert f.readline() == v2_header


def test_default_folder_loads_v2() -> None:
    files = load_lexicons().files
    assert files["frames"] == "frames.v2.csv"
    assert files["metaphors"] == "metaphors.v2.csv"


def test_user_lexicon_extends_or_adds(tmp_path: Path) -> None:
    own = tmp_path / "frames.v3.csv"
    own.write_text("term,category,note\nsteppe,landscape,\nwheat,economic,\n", encoding="utf-8")
    new = tmp_path / "energy.v1.csv"
    new.write_text("term,category,note\npipeline,oil_gas,\n", encoding="utf-8")
    lex = load_lexicons(extra=[own, new])
    assert lex.files["frames"] == "frames.v2.csv + frames.v3.csv"
    measures = {m for m, _, _ in lex.rate_measures()}
    assert {"frame_per_1k:landscape", "frame_per_1k:economic", "energy_per_1k:oil_gas"} <= measures
    found = find_all([lex["frames"], lex["energy"]], ["The steppe pipeline carries wheat."])
    assert set(found[0]["category"]) == {"landscape", "economic"}
    assert found[1]["category"].tolist() == ["oil_gas"]
    with pytest.raises(InputError, match=r"named <name>\.v<N>\.csv"):
        load_lexicons(extra=[tmp_path / "mine.csv"])


def test_loader_picks_v2_beside_v1_by_default(tmp_path: Path) -> None:
    folder = tmp_path / "lexicons"
    folder.mkdir()
    for path in LEXICON_DIR.glob("*.v1.csv"):
        shutil.copy(path, folder)
    assert load_lexicons(folder).files["frames"] == "frames.v1.csv"
    lex = load_lexicons()
    assert lex.files["frames"] == "frames.v2.csv"
    measures = {m for m, _, _ in lex.rate_measures()}
    assert "frame_per_1k:security_defense" in measures
    assert "metaphor_per_1k:journey" in measures


@pytest.mark.parametrize(
    ("text", "lexicon", "category"),
    [
        ("Inflation and debt weigh on the budget.", "frames", "economic"),
        ("The court ruled the law unconstitutional.", "frames", "legality"),
        ("Troops crossed the border after the missile attack.", "frames", "security_defense"),
        ("The pandemic overwhelmed hospitals.", "frames", "health_safety"),
        ("We must fight against corruption.", "metaphors", "war"),
        ("This agreement is a milestone on the road to peace.", "metaphors", "journey"),
        ("Trust is the cornerstone of our partnership.", "metaphors", "building"),
        ("We need a level playing field in trade.", "metaphors", "sport_game"),
        ("Investment is the engine of growth.", "metaphors", "machine"),
        ("We must address the root causes of migration.", "metaphors", "nature_weather"),
        ("Our country has returned to the world stage.", "metaphors", "theatre"),
    ],
)
def test_terms_find_their_category(text: str, lexicon: str, category: str) -> None:
    lex = read_lexicon(GENERAL / f"{lexicon}.v2.csv")
    assert category in set(lex.find([text])["category"])


def test_general_lexicons_hit_news_more_than_v1() -> None:
    """On news not written for the project, v2 finds frames and metaphors where v1 finds few."""
    texts = [
        "The two presidents discussed trade, investment and energy security at the summit.",
        "Both sides called the agreement a milestone and a cornerstone of bilateral relations.",
        "Parliament will vote on the reform after protests in the capital.",
        "The ministers agreed to fight corruption and expand health care in rural communities.",
    ]
    sents = sentences_frame([Document.from_text("\n\n".join(texts), doc_id="n")])
    body = sents.loc[sents["kind"] == "body", "text"].tolist()
    new = [read_lexicon(GENERAL / f"{n}.v2.csv") for n in ("frames", "metaphors")]
    old = [read_lexicon(LEXICON_DIR / f"{n}.v1.csv") for n in ("frames", "metaphors")]
    found_new = find_all(new, body)
    found_old = find_all(old, body)
    assert len(found_new[0]) > len(found_old[0])
    assert len(found_new[1]) > len(found_old[1])
    assert pd.concat(found_new)["category"].nunique() >= 6


HOLSTI_ROLES = {
    "balancer",
    "regional_leader",
    "active_independent",
    "mediator",
    "bridge",
    "regional_collaborator",
    "developer",
    "faithful_ally",
    "example",
    "anti_imperialist",
}


def test_roles_are_holstis_and_loaded_by_default() -> None:
    assert {category for _, category, _ in _rows(GENERAL / "role.v1.csv")} == HOLSTI_ROLES
    loaded = load_lexicons()
    assert loaded.files["role"] == "role.v1.csv"
    assert {f"role_per_1k:{r}" for r in HOLSTI_ROLES} <= {m for m, _, _ in loaded.rate_measures()}


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "We pursue a multi-vector policy and keep equal distance from the great powers.",
            "balancer",
        ),
        ("Our country offered its good offices and will mediate between the parties.", "mediator"),
        ("The nation is a bridge between Europe and Asia.", "bridge"),
        (
            "We have put forward an initiative to convene a conference on water.",
            "active_independent",
        ),
        (
            "Good-neighbourly relations and regional integration are our priority.",
            "regional_collaborator",
        ),
        ("We will never accept hegemony or spheres of influence.", "anti_imperialist"),
    ],
)
def test_role_terms_find_their_role(text: str, role: str) -> None:
    found = read_lexicon(GENERAL / "role.v1.csv").find([text])
    assert role in set(found["category"])


def test_role_terms_do_not_fire_on_unrelated_text() -> None:
    # "for example" and "developing countries" are left out on purpose (see the codebook)
    texts = ["For example, developing countries grew by 4 per cent.", "The weather was cold."]
    assert read_lexicon(GENERAL / "role.v1.csv").find(texts).empty
