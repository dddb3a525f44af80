"""Speaker turns of transcripts: who holds the floor at each sentence.

Transcripts of talks, interviews and press conferences open each turn with a
speaker label followed by a colon (``SECRETARY POMPEO:``, ``QUESTION:``,
``President of Kazakhstan Kassym-Jomart Tokayev:``, ``Vladimir Putin:``). The
label attributes every sentence of the turn, which runs over the following
paragraphs until the next label. :func:`speaker_turns` reads the labels of a
sentence table and gives each sentence its turn's speaker and role.

Rules, in order (see :func:`read_label`):

1. Where: a label opens the first sentence of a paragraph, as ``LABEL:``
   followed by a space or the end of the paragraph (not ``10:30``). Inside a
   paragraph only an ALL-CAPS label with a title or role word is read
   (``... thank you. QUESTION: ...``, transcripts that lost their breaks).
   Headings are never labels, and a heading ends the current turn.
2. Shape: at most 80 characters and 10 words, no digits or quotes; every
   word capitalised or ALL CAPS (``Kassym-Jomart``, ``J.``, ``Ms.``) except the
   connectors ``of``, ``the``, ``for``, ``and``, ``on`` and name particles
   (``de``, ``van``, ``al``, ...), and the last word a capitalised one. A
   trailing parenthesis (``(via interpreter)``) is dropped. One comma is
   allowed only before an office (``Jane Doe, Foreign Minister:``). So
   ``Washington, D.C.:``, ``Dear friends:`` and ``The sides agreed on the
   following:`` are not labels.
3. Roles: a label that is (or starts with) an interviewer word (``QUESTION``,
   ``Q``, ``MODERATOR``, ``INTERVIEWER``, ``HOST``, ``REPORTER``, ``JOURNALIST``,
   ...) opens an ``interviewer`` turn, named only if a name follows it; ``A`` /
   ``ANSWER`` opens an unnamed ``speaker`` turn.
4. Titled: a label holding an office or honorific (``President``, ``Secretary``,
   ``Minister``, ``Ambassador``, ``Administrator``, ``Mr.``, ``Ms.``, ``Dr.``, ...)
   and at least one name word after it is a speaker label. ``Mr. President:``
   (no name word) is not.
5. Bare names (no title, no role): accepted only with support from the same
   document, since a lone ``ASTANA:`` dateline or a ``Kazakhstan: 45%`` list
   item has the same shape: another label must exist in the document, and a
   one-word bare label must itself open at least two paragraphs. Any word
   from a list of heading and salutation words (``Note``, ``Background``,
   ``Begin``, ``Text``, ``Summary``, ``Ladies``, ...) rules a bare label out.

The speaker name drops titles and the office phrase: the trailing run of name
words after the last title or connector; after ``of``/``for`` (``President of
Kazakhstan Kassym-Jomart Tokayev``) the run starts with the place, so only its
last two words are kept (more over middle initials). ALL-CAPS words are
title-cased (``SECRETARY POMPEO`` -> ``Pompeo``).

Examples
--------
>>> import pandas as pd
>>> s = pd.DataFrame({"doc_id": ["d"] * 3, "sent_id": [0, 1, 2], "para_id": [0, 0, 1],
...     "kind": ["body"] * 3, "start": [0, 20, 40], "end": [19, 39, 60],
...     "text": ["QUESTION: Why now?", "It is time.", "MINISTER SMITH: Because."]})
>>> speaker_turns(s)[["turn_speaker", "turn_role"]].values.tolist()
[[None, 'interviewer'], [None, 'interviewer'], ['Smith', 'speaker']]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kzlib.errors import InputError

__all__ = ["TURN_COLUMNS", "TURN_ROLES", "Label", "read_label", "speaker_turns"]

#: Columns of :func:`speaker_turns`.
TURN_COLUMNS: list[str] = ["doc_id", "sent_id", "turn_speaker", "turn_role", "label_end"]
#: Values of ``turn_role``.
TURN_ROLES: tuple[str, ...] = ("speaker", "interviewer", "none")

_MAX_CHARS = 80
_MAX_WORDS = 10
# "LABEL:" at the start of a sentence, then a space or the end (not "10:30").
_LABEL_RE = re.compile(rf"^\s*([^\W\d_][^:\n\"“”]{{0,{_MAX_CHARS - 1}}}?)\s*:(?:\s+|$)")
_PAREN_RE = re.compile(r"\s*\([^()]*\)$")
# A name-like word: capitalised or ALL CAPS, hyphens, apostrophes and initials allowed.
_NAME_WORD_RE = re.compile(r"^[^\W\d_a-z][^\W\d_]*(?:['’\-][^\W\d_]+)*\.?$|^[^\W\d_a-z]\.$")

_CONNECTORS = frozenset({"of", "the", "for", "and", "on", "to", "at", "in"})
_PARTICLES = frozenset({"de", "del", "della", "da", "di", "du", "van", "von", "der", "den",
                        "al", "el", "bin", "ibn", "ul", "la", "le"})  # fmt: skip
_INTERVIEWER = frozenset({
    "question", "q", "questioner", "interviewer", "moderator", "host", "anchor", "presenter",
    "reporter", "journalist", "correspondent", "audience",
})  # fmt: skip
_RESPONDENT = frozenset({"a", "answer", "response"})
# Offices and honorifics: a label holding one of these before a name is a speaker label.
_TITLES = frozenset({
    "president", "minister", "secretary", "ambassador", "administrator", "spokesperson",
    "spokesman", "spokeswoman", "chairman", "chairwoman", "chairperson", "chair", "director",
    "senator", "governor", "mayor", "king", "queen", "prince", "princess", "emir", "sheikh",
    "chancellor", "premier", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir",
    "madam", "dame", "lord", "lady", "hon", "rep", "representative", "commissioner", "envoy",
    "counselor", "counsellor", "adviser", "advisor", "colonel", "admiral", "general", "speaker",
    "congressman", "congresswoman", "mp", "ceo", "founder", "consul", "chargé", "charge",
    "d'affaires", "excellency", "coordinator", "undersecretary", "head",
})  # fmt: skip
# Words that qualify an office ("Deputy", "Prime", "Foreign"): part of the title phrase,
# never of the name, but not a title on their own.
_MODIFIERS = frozenset({
    "vice", "prime", "deputy", "assistant", "under", "first", "foreign", "state", "defense",
    "defence", "senior", "acting", "chief", "special", "executive", "his", "her", "principal",
    "permanent", "former",
})  # fmt: skip
# Bodies, not persons: a label whose name part holds one of these is not a speaker label.
_BODY_WORDS = frozenset({
    "ministry", "department", "office", "embassy", "government", "agency", "service",
    "committee", "council", "administration", "mission", "delegation", "affairs",
    "organisation", "organization", "union", "bank", "republic", "federation", "nations",
})  # fmt: skip
_HEADING_WORDS = frozenset({
    "note", "notes", "background", "update", "updated", "editor", "editors", "source", "sources",
    "summary", "related", "context", "excerpt", "excerpts", "transcript", "text", "begin",
    "end", "key", "points", "takeaways", "read", "more", "see", "also", "photo", "photos",
    "video", "caption", "credit", "credits", "disclaimer", "fact", "facts", "sheet", "agenda",
    "topic", "topics", "subject", "date", "time", "location", "venue", "title", "abstract",
    "conclusion", "conclusions", "introduction", "contents", "annex", "appendix", "table",
    "figure", "chart", "section", "part", "chapter", "article", "paragraph", "item", "step",
    "example", "warning", "tip", "important", "breaking", "exclusive", "opinion", "analysis",
    "comment", "commentary", "editorial", "interview", "watch", "listen", "download",
    "statement", "remarks", "readout", "release", "highlights", "outcome", "outcomes", "result",
    "results", "objective", "objectives", "goal", "goals", "priority", "priorities",
    "recommendation", "recommendations", "next", "steps", "status", "participants",
    "attendees", "keywords", "tags", "references", "posted", "published", "filed", "dateline",
    "ladies", "gentlemen", "friends", "colleagues", "excellencies", "dear", "distinguished",
    "delegates", "programme", "program", "schedule", "overview", "details", "contact",
    "media", "inquiries", "share", "email", "follow", "subscribe", "advertisement",
    "bottom", "line", "why", "what", "how", "who", "when", "where", "matters", "quote",
    "correction", "clarification", "translation", "original", "full", "website", "link",
    "links", "news", "latest", "top", "stories", "main", "additional", "reporting", "total",
    "attachment", "attachments", "tel", "fax", "phone", "address", "session",
    "theme", "purpose", "aim", "aims", "questions", "answers", "keynote", "welcome",
    # enumerations and discourse adverbs that open a list item or a point
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "firstly", "secondly", "thirdly", "lastly", "finally", "moreover", "furthermore",
    "however", "therefore", "thus", "hence", "remember", "again", "yes", "no", "indeed",
})  # fmt: skip
_QUOTE_OPEN = "\"“‘'«"


@dataclass(frozen=True)
class Label:
    """A speaker label read from the start of a sentence.

    Attributes
    ----------
    speaker : str or None
        The normalised name (None for an unnamed role such as ``QUESTION``).
    role : str
        ``speaker`` or ``interviewer``.
    strong : bool
        Holds a title or role word (needs no support from the document).
    end : int
        Characters of the sentence taken by the label, its colon and the spaces after it.
    words : int
        Words of the label.

    Examples
    --------
    >>> read_label("SECRETARY POMPEO: It's great to be here.")
    Label(speaker='Pompeo', role='speaker', strong=True, end=18, words=2)
    """

    speaker: str | None
    role: str
    strong: bool
    end: int
    words: int


def _key(word: str) -> str:
    return word.lower().rstrip(".").replace("’", "'")


def _cased(word: str) -> str:
    """``KASSYM-JOMART`` -> ``Kassym-Jomart``; mixed-case words unchanged."""
    if word.isupper() and len(word.rstrip(".")) > 1:
        return "-".join(p.capitalize() for p in word.split("-"))
    return word


def _name(words: list[str]) -> str | None:
    """The person's name at the end of a label's words (see the module docstring)."""
    run: list[str] = []
    for w in reversed(words):
        k = _key(w)
        if k in _TITLES or k in _MODIFIERS or k in _CONNECTORS:
            break
        run.insert(0, w)
    if not run or any(_key(w) in _BODY_WORDS for w in run):
        return None
    before = _key(words[len(words) - len(run) - 1]) if len(run) < len(words) else ""
    if before in ("of", "for", "the") and len(run) > 2:
        keep = 2
        while keep < len(run) and re.fullmatch(r"[^\W\d_]\.", run[-keep]):
            keep += 1  # a middle initial: "Antony J. Blinken"
        run = run[-keep:]
    return " ".join(_cased(w) for w in run[-4:])


def _shape_ok(words: list[str]) -> bool:
    if not words or len(words) > _MAX_WORDS:
        return False
    for w in words:
        k = _key(w)
        if k in _CONNECTORS or k in _PARTICLES:
            continue
        if not _NAME_WORD_RE.match(w):
            return False
    return _key(words[-1]) not in _CONNECTORS and bool(_NAME_WORD_RE.match(words[-1]))


def read_label(text: str) -> Label | None:
    """The speaker label that opens ``text``, or None (rules 2-4 of the module docstring).

    Support from the document (rule 5) is checked by :func:`speaker_turns`;
    here a bare name is returned with ``strong=False``.

    Examples
    --------
    >>> read_label("President of Kazakhstan Kassym-Jomart Tokayev: Thank you.").speaker
    'Kassym-Jomart Tokayev'
    >>> read_label("Q: And the next step?").role
    'interviewer'
    >>> read_label("Background: the talks began in 2019.") is None
    True
    """
    m = _LABEL_RE.match(text)
    if m is None:
        return None
    label = _PAREN_RE.sub("", m.group(1)).strip()
    parts = label.split(",")
    if len(parts) > 2:
        return None
    if len(parts) == 2:  # "Jane Doe, Foreign Minister": the office must follow the comma
        office = parts[1].split()
        if not office or not any(_key(w) in _TITLES for w in office) or not _shape_ok(office):
            return None
        label = parts[0].strip()
    words = label.split()
    if not _shape_ok(words):
        return None
    keys = [_key(w) for w in words]
    end, n = m.end(), len(words)
    if keys[0] in _INTERVIEWER or label.lower() in _INTERVIEWER:
        return Label(_name(words[1:]) if n > 1 else None, "interviewer", True, end, n)
    if label.lower() in _RESPONDENT:
        return Label(None, "speaker", True, end, n)
    name = _name(words)
    if name is None:
        return None
    titled = any(k in _TITLES for k in keys[: n - len(name.split())])
    if len(parts) == 2:
        titled = True
    if not titled and (
        any(k in _HEADING_WORDS or k.endswith("'s") for k in keys)
        or len(name.split()) > 4
        or text[end:].lstrip()[:1] in tuple(_QUOTE_OPEN)  # "Name: "quote"" introduces a quote
    ):
        return None
    return Label(name, "speaker", titled, end, n)


def _candidates(sentences: pd.DataFrame) -> pd.DataFrame:
    """Rows that may open a turn, with their label read (rule 1)."""
    doc = sentences["doc_id"].to_numpy()
    para = sentences["para_id"].to_numpy() if "para_id" in sentences else None
    body = (sentences["kind"] == "body").to_numpy() if "kind" in sentences else None
    first = np.ones(len(sentences), dtype=bool)
    if len(sentences) > 1:
        same_doc = doc[1:] == doc[:-1]
        same_para = same_doc if para is None else same_doc & (para[1:] == para[:-1])
        first[1:] = ~same_para
    texts = sentences["text"]
    colon = texts.astype(str).str.find(":").to_numpy()
    look = (colon > 0) & (colon <= _MAX_CHARS + 2)
    if body is not None:
        look &= body
    rows: list[tuple[int, str | None, str, bool, int, str]] = []
    for pos in np.flatnonzero(look).tolist():
        text = str(texts.iat[pos])
        label = read_label(text)
        if label is None:
            continue
        if not first[pos] and not (label.strong and text[: label.end].isupper()):
            continue
        head = text[: label.end].strip().rstrip(":").strip().lower()
        rows.append((pos, label.speaker, label.role, label.strong, label.end, head))
    return pd.DataFrame.from_records(
        rows, columns=["pos", "speaker", "role", "strong", "end", "head"]
    )


def _supported(cands: pd.DataFrame, doc: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Which candidate labels pass rule 5 (bare names need support from their document)."""
    if cands.empty:
        return np.zeros(0, dtype=bool)
    c = cands.assign(doc=doc[cands["pos"].to_numpy()])
    per_doc = c.groupby("doc", sort=False)["head"].transform("nunique").to_numpy()
    uses = c.groupby(["doc", "head"], sort=False)["pos"].transform("size").to_numpy()
    one_word = ~c["head"].str.contains(r"\s", regex=True).to_numpy()
    strong = c["strong"].to_numpy(dtype=bool)
    return strong | ((per_doc >= 2) & (~one_word | (uses >= 2)))


def speaker_turns(sentences: pd.DataFrame) -> pd.DataFrame:
    """The speaker turn of each sentence of a sentence table.

    Parameters
    ----------
    sentences : DataFrame
        ``sentences_frame(corpus)``: ``doc_id``, ``sent_id``, ``text`` and, if
        present, ``para_id`` and ``kind``; read in ``sent_id`` order within each document.

    Returns
    -------
    DataFrame
        :data:`TURN_COLUMNS`, one row per input row in input order:
        ``turn_speaker`` (normalised name, or None outside named turns),
        ``turn_role`` (``speaker``, ``interviewer`` or ``none`` outside turns)
        and ``label_end`` (characters of the sentence taken by its own label, 0
        for sentences that open no turn).

    Raises
    ------
    InputError
        If a required column is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["d", "d", "d"], "sent_id": [0, 1, 2], "para_id": [0, 1, 2],
    ...     "text": ["Note: times are local.", "Ms. Lee: We agreed.", "It was long."]})
    >>> speaker_turns(s)["turn_speaker"].tolist()
    [None, 'Lee', 'Lee']
    """
    missing = {"doc_id", "sent_id", "text"} - set(sentences.columns)
    if missing:
        raise InputError(
            f"sentence table: missing columns {sorted(missing)}; pass sentences_frame(corpus)"
        )
    n = len(sentences)
    codes = pd.factorize(sentences["doc_id"])[0]
    order = np.lexsort((sentences["sent_id"].to_numpy(), codes))  # document order
    table = sentences.iloc[order].reset_index(drop=True)
    doc = codes[order]
    cands = _candidates(table)
    cands = cands[_supported(cands, doc)]
    speaker = pd.Series([None] * n, dtype=object)
    role = pd.Series([None] * n, dtype=object)
    label_end = np.zeros(n, dtype=np.int64)
    if "kind" in table.columns:  # a heading ends the turn
        heading = np.flatnonzero((table["kind"] != "body").to_numpy())
        role.iloc[heading] = "none"
        speaker.iloc[heading] = ""
    pos = cands["pos"].to_numpy(dtype=np.int64)
    role.iloc[pos] = cands["role"].to_numpy()
    speaker.iloc[pos] = cands["speaker"].fillna("").to_numpy()
    label_end[pos] = cands["end"].to_numpy(dtype=np.int64)
    keys = pd.Series(doc)
    names = np.empty(n, dtype=object)
    names[order] = speaker.groupby(keys).ffill().to_numpy(dtype=object)
    names[pd.isna(names) | (names == "")] = None
    roles = np.empty(n, dtype=object)
    roles[order] = role.groupby(keys).ffill().fillna("none").to_numpy(dtype=object)
    ends = np.zeros(n, dtype=np.int64)
    ends[order] = label_end
    return pd.DataFrame(
        {
            "doc_id": sentences["doc_id"].to_numpy(),
            "sent_id": sentences["sent_id"].to_numpy(),
            "turn_speaker": pd.Series(names, dtype=object),
            "turn_role": pd.Series(roles, dtype=object),
            "label_end": ends,
        },
        columns=TURN_COLUMNS,
    )
