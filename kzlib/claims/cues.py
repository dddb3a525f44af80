"""The cue lexicons of claim typing: general English words and patterns, compiled once.

Event and speech verbs, event nouns, cues of the future, of checkable states
and of evaluation, hedges, and the named-entity pattern. No string here is
specific to an article. Word lexicons are matched against lower-cased word
tokens (a set lookup per word); the pattern cues are :class:`_CuePattern`
alternations tried only where their words occur (:mod:`kzlib.claims.guards`).

Examples
--------
>>> "visited" in _EVENT_VERBS, "perhaps" in _HEDGE_WORDS
(True, True)
>>> _FUTURE.search("They will meet.", "they will meet.", frozenset({"they", "will", "meet"}))
True
"""

from __future__ import annotations

import re

from kzlib.claims.guards import _cue, _CuePattern, _word_set

__all__: list[str] = []

# Word lexicons are matched against lower-cased word tokens (a set lookup per
# word, far faster than one large alternation regex per sentence).
_WORD_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_EVENT_VERBS = _word_set(
    """visited visits arrived travelled traveled toured met meets held hosted hosts attended
    participated signed signs ratified adopted approved announced agreed concluded launched
    opened inaugurated elected appointed resigned discussed negotiated addressed ended began
    started completed delivered purchased bought sold invested sanctioned imposed lifted
    withdrew deployed attacked released published joined received welcomed congratulated
    engaged expanded coordinated facilitated culminated elevated telephoned phoned convened
    chaired co-chaired established founded created unveiled awarded granted suspended
    cancelled canceled postponed ruled voted enacted implemented allocated exported imported
    shipped clinched secured offered proposed"""
)
# Speech acts are events only when a named speaker performs them (not "I argued").
_SPEECH_VERBS = _word_set(
    """said told stated declared warned praised pledged reaffirmed echoed
    described commented argued suggested spoke reported highlighted confirmed
    denied urged stressed noted promised vowed criticized criticised condemned"""
)
#: A verb after these words is a participle or adjective ("can be described", "his proposed").
_NOT_EVENT_BEFORE = _word_set(
    "be been being the a an his her its their our this that these those newly once"
)
_EVENT_NOUNS = _word_set(
    """visit visits summit summits meeting meetings talks signing speech speeches address deal
    deals agreement agreements declaration call conversation election conference forum treaty
    announcement sanctions contract memorandum negotiations session trip tour ceremony vote
    referendum appearance bilateral"""
)


#: Events named by a light verb and an event noun ("took part", "held talks", "gave an
#: interview", "made a state visit") or a visit referred to ("this visit", "on a state visit").
_LIGHT_EVENT = _CuePattern(
    (
        _cue(
            r"\b(?:took|take|takes|taking)\s+(?:part|place)\b",
            "took take takes taking",
            "part place",
        ),
        _cue(
            r"\b(?:held|hold|holds|holding)\s+(?:(?:a|an|the)\s+)?(?:\w+\s+)?"
            r"(?:talks|meeting|meetings|consultations|negotiations|conversation|summit)\b",
            "held hold holds holding",
            "talks meeting meetings consultations negotiations conversation summit",
        ),
        _cue(
            r"\b(?:gave|give|gives|giving|made|make|makes|making|paid|pay|pays|paying|delivered)\s+"
            r"(?:(?:a|an|the|his|her|their|my|our)\s+)?(?:(?:first|official|state|working|"
            r"regular|joint|brief|short|press)\s+)*(?:interview|speech|address|statements?|"
            r"visit|trip|remarks)\b",
            "gave give gives giving made make makes making paid pay pays paying delivered",
            "interview speech address statement statements visit trip remarks",
        ),
        # performative speech acts of a transcript: thanking, an honour had or felt
        _cue(
            r"\b(?:thank|thanked|thanking)\s+(?:you|all|everyone|both|the|our|my|his|her|"
            r"their|him|them)\b",
            "thank thanked thanking",
        ),
        _cue(
            r"(?<!n['’]t\s)(?<!\bnot\s)\bhad\s+the\s+(?:great\s+)?(?:honou?r|pleasure|privilege|"
            r"opportunity)\s+(?:of|to)\s+[a-z]+",
            "had",
            "honor honour pleasure privilege opportunity",
        ),
        _cue(
            r"\b(?:honou?red|pleased|delighted|glad|happy|proud)\s+to\s+(?:be\s+here|welcome|"
            r"host|celebrate|announce|open|present|join)\b",
            "honored honoured pleased delighted glad happy proud",
            "here welcome host celebrate announce open present join",
        ),
        _cue(
            r"\b(?:issued|issues|released|releases|adopted|adopts)\s+(?:(?:a|an|the|its|their)\s+)?"
            r"(?:joint\s+)?(?:statement|communiqu[eé]|declaration|decree|resolution)\b",
            "issued issues released releases adopted adopts",
            "statement communique communiqu declaration decree resolution",
        ),
        _cue(
            r"\b(?:this|my|your|our|on\s+a|on\s+an|on\s+his|on\s+her)\s+(?:(?:first|official|"
            r"state|working|regular|historic|recent|current|short)\s+)*(?:visit|trip)\b",
            "this my your our on",
            "visit trip",
        ),
    )
)
_BE = "is are was were"
#: Cues of the future. Guard words stand between word boundaries or spaces in every match.
_FUTURE = _CuePattern(
    (
        _cue(
            r"\b(?:will|shall|won['’]t)\s+(?!power\b)(?:\w+ly\s+)?(?:not\s+)?(?!of\b|to\b)[a-z]+",
            "will shall won",
            starts="will shall won",
        ),
        _cue(r"\b\w+['’]ll\b", "ll"),
        _cue(
            r"\b(?:is|are|was|were)\s+(?:going|set|due|expected|scheduled|planned|poised|slated)\s+to\b",
            _BE,
            "going set due expected scheduled planned poised slated",
            "to",
            starts=_BE,
        ),
        _cue(
            r"\b(?:plans?|planned|intends?|aims?|pledged|promised|vowed|hopes?)\s+to\s+\w+",
            "plan plans planned intend intends aim aims pledged promised vowed hope hopes",
            "to",
            starts="plan plans planned intend intends aim aims pledged promised vowed hope hopes",
        ),
        # present-tense pledges and commitments ("we agree to", "stand ready to")
        # (a verb follows "to": lower case, not an article or possessive)
        _cue(
            r"\b(?:agree|agrees|intend|intends|(?:stand|stands|remain|remains|are|is|am|was|were)\s+"
            r"(?:fully\s+|always\s+|also\s+)?(?:ready|committed|determined|prepared)|"
            r"look\s+forward|looks\s+forward)\s+to\s+"
            r"(?!(?:the|a|an|our|their|its|his|her|your|this|that|these|those|all|both)\b)"
            r"(?-i:[a-z]+)\b",
            "agree agrees intend intends ready committed determined prepared forward",
            "to",
        ),
        _cue(
            r"\b(?:expects?|expected|forecasts?|predicts?|anticipates?)\b",
            "expect expects expected forecast forecasts predict predicts anticipate anticipates",
            starts="expect expects expected forecast forecasts predict predicts anticipate "
            "anticipates",
        ),
        _cue(r"\bthat\b[^.;]{0,60}?\bwould\s+(?!have\b)[a-z]+", "that", "would", starts="that"),
        # future in reported speech: "the ministry said the consulate would reopen"
        _cue(
            r"\b(?:said|says|told|announced|added|noted|stated|believes?|expects?|reported)\b"
            r"[^.;]{0,80}?\bwould\s+(?!have\b)[a-z]+",
            "said says told announced added noted stated believe believes expect expects reported",
            "would",
            starts="said says told announced added noted stated believe believes expect expects "
            "reported",
        ),
        _cue(
            r"\b(?:upcoming|forthcoming|next\s+(?:year|month|week|decade|summit)|in\s+(?:a\s+few|the\s+coming)\s+(?:days|weeks|months|years))\b",
            "upcoming forthcoming next few coming",
            starts="upcoming forthcoming next in",
        ),
        _cue(
            r"(?<!\bone\s)(?<!\byou\s)\b(?:could|might|may)\s+(?:\w+ly\s+)?(?:become|serve|lead|emerge|result|reach|grow|rise|fall|host|join|replace|follow|trigger|turn)\b",
            "could might may",
            "become serve lead emerge result reach grow rise fall host join replace follow "
            "trigger turn",
            starts="could might may",
        ),
    )
)
#: Cues of a checkable state of the world (stative predicates).
_FACTUAL = _CuePattern(
    (
        _cue(
            r"\b(?:remains?|is|are|was|were|became|becomes)\s+(?:still\s+)?the\s+"
            r"(?:[\w\-]+['’]s\s+)?(?:only|first|last|"
            r"largest|biggest|smallest|second|third|leading|main|sole)\b",
            "remain remains became becomes " + _BE,
            "the",
            "only first last largest biggest smallest second third leading main sole",
            starts="remain remains became becomes " + _BE,
        ),
        _cue(
            r"\b(?:is|are|was|were)\s+(?:a\s+)?(?:member|members|home|located|based|bordered|landlocked)\b",
            _BE,
            "member members home located based bordered landlocked",
            starts=_BE,
        ),
        _cue(
            r"\b(?:borders|bordering|accounts?\s+for|consists?\s+of|comprises?|includes|included|covers|"
            r"contains|hosts|carries|holds|owns|produces|ranks|outpaces?|exceeds?|surpass(?:es)?|employs|"
            r"operates|links|connects|stretches|crosses|has\s+long\s+claimed|participated\s+in|"
            r"did\s+not\s+participate|was\s+not\s+present|took\s+part|encompasses?)\b",
            "borders bordering accounts account consists consist comprises comprise includes "
            "included covers contains hosts carries holds owns produces ranks outpaces outpace "
            "exceeds exceed surpass surpasses employs operates links connects stretches crosses "
            "claimed participated participate present took encompass encompasses",
            starts="borders bordering accounts account consists consist comprises comprise "
            "includes included covers contains hosts carries holds owns produces ranks outpaces "
            "outpace exceeds exceed surpass surpasses employs operates links connects stretches "
            "crosses has participated did was took encompass encompasses",
        ),
        _cue(
            r"\b(?:since|from)\s+(?:the\s+)?(?:1[89]\d\d|20\d\d)s?\b",
            "since from",
            starts="since from",
        ),
        # a rank among others ("one of the biggest trade partners", "one of X's major ...")
        _cue(
            r"\bone\s+of\s+(?:the\s+|[\w\-]+['’]s\s+)(?:\w+\s+)?(?:largest|biggest|major|main|"
            r"leading|top|oldest|few|founding|first|largest)\b",
            "one",
            "largest biggest major main leading top oldest few founding first",
            starts="one",
        ),
        # an office or role held now, a habit ("is chairing", "meet regularly")
        _cue(
            r"\b(?:is|are)\s+(?:currently\s+|now\s+)?(?:chairing|hosting|presiding|leading)\b",
            "is are",
            "chairing hosting presiding leading",
            starts="is are",
        ),
        _cue(
            r"\b(?:regularly|routinely|annually)\b",
            "regularly routinely annually",
            starts="regularly routinely annually",
        ),
    )
)  # fmt: skip


_EVALUATIVE_WORDS = _word_set(
    """significant significantly crucial important key vital essential fundamental critical
    clear clearly remarkable remarkably successful successfully effective effectively strong
    stronger weak weaker dramatic dramatically elegant elegantly subtle subtly profound
    profoundly unprecedented historic milestone breakthrough mature maturity sincere sincerity
    wise wisely pragmatic bold boldly assertive proactive passive durable reliable credible
    genuine genuinely truly deeply merely simply mere notably uniquely unique impressive
    ambitious careful carefully delicate rational predictable transformational performative
    systemic civilizational civilisational grounded optimism optimistic pessimistic wishful
    turbulent chaotic stabilizing stabilising constructive destructive aggressive aggression
    condescension nostalgia imperial dignity moderation respect harmonization harmonisation
    harmony elegance agility flexibility gracefully graceful sophisticated nuanced shrewd
    masterful deft deftly skillful skilful savvy astute naive reckless dangerous risky
    admirable commendable regrettable unfortunate welcome troubling alarming worrying
    encouraging promising crucially essentially fundamentally arguably undoubtedly surely
    certainly obviously evidently inevitably naturally ironically paradoxically
    high-profile prominent stature prestige leverage influence credibility legitimacy
    vision philosophy ethos paradigm identity narrative art essence spirit symbol symbolic
    metaphor momentum resonance equilibrium texture textured fabric weave weaving weaves
    subjectivity sovereignty post-imperial"""
) | _word_set(
    # General polar evaluative adjectives, adverbs and nouns of English (praise, blame,
    # feeling, magnitude judged), written for the project; words that name checkable
    # states ("strategic", "major", "largest") are left out.
    """good better best great greater greatest excellent outstanding exceptional wonderful
    magnificent splendid superb fantastic terrific beautiful pleasant positive negative
    productive fruitful friendly warm warmest cordial close closest brotherly fraternal
    unwavering steadfast staunch firm trusted trustworthy trust-based mutually beneficial
    fair unfair just unjust right wrong good-neighbourly good-neighborly meaningful substantive
    valuable useful helpful worthwhile beneficial advantageous favourable favorable
    enormous tremendous immense huge vast great-power colossal considerable substantial
    bright brilliant excellent glorious proud proudly pride honored honoured honor honour
    pleasure pleased delighted glad happy grateful gratitude thankful appreciate appreciated
    appreciation admire admiration commend commended praiseworthy laudable exemplary
    complex complicated difficult challenging hard tough tense tension tensions troubled
    deteriorating deplorable unacceptable outrageous shameful disgraceful terrible awful
    bad worse worst poor disappointing disappointed concerned concern concerns worried
    threat threats threatening hostile unfriendly illegitimate illegal destabilizing
    destabilising provocative irresponsible unjustified baseless groundless absurd
    ridiculous wise wisdom far-sighted visionary farsighted skilful skillful talented
    dynamic dynamically vibrant active actively energetic tireless tirelessly
    remarkable extraordinary incredible amazing impressive inspiring special particular
    successful success achievements achievement accomplishment progress prosperous
    prosperity flourishing thriving promising hopeful hope confidence confident convinced
    sure certain indispensable invaluable irreplaceable priceless precious unparalleled
    sincerely heartfelt heartily warmly deeply highly greatly strongly firmly fully
    excellent comprehensive well-established solid robust stable stability reliable
    peaceful fruitful constructive productive trustful respectful respectfully businesslike
    business-like open openness candid frank sincere hospitality hospitable generous
    generosity kindly kind dear esteemed distinguished honourable honorable"""
)
_FRAME_VERBS = (
    "is was are were has becomes became constitutes represents reflects signifies illustrates "
    "underscores demonstrates captures embodies marks signals shows suggests means implies "
    "indicates confirms highlights aligns supports differs feeds"
)
#: Interpretive frames ("this reflects", "not only", "rather than", "must"), counted.
_EVALUATIVE_FRAME = _CuePattern(
    (
        _cue(
            r"\b(?:this|that|it|these|such)\s+(?:is|was|are|were|has\s+been|becomes|became|constitutes|"
            r"represents|reflects|signifies|illustrates|underscores|demonstrates|captures|embodies|"
            r"marks|signals|shows|suggests|means|implies|indicates|confirms|highlights|aligns|supports|"
            r"differs|feeds)\b",
            "this that it these such",
            _FRAME_VERBS,
            starts="this that it these such",
        ),
        _cue(
            r"\bnot\s+(?:only|merely|simply|just)\b",
            "not",
            "only merely simply just",
            starts="not",
        ),
        _cue(r"\bnot\s+\w+(?:\s+\w+){0,5}?,?\s+but\b", "not", "but", starts="not"),
        _cue(r"\brather\s+than\b", "rather", "than", starts="rather"),
        _cue(r"\bneither\b.{1,80}\bnor\b", "neither", "nor", starts="neither"),
        _cue(r"\bno\s+longer\b", "no", "longer", starts="no"),
        _cue(r"\bthe\s+art\s+of\b", "art", starts="the"),
        _cue(r"\bthe\s+language\s+of\b", "language", starts="the"),
        _cue(
            r"\ba\s+(?:kind|form|version|sort|matter)\s+of\b",
            "kind form version sort matter",
            starts="a",
        ),
        _cue(r"\bin\s+this\s+sense\b", "sense", starts="in"),
        _cue(
            r"\b(?:very|extremely|highly|truly|really|particularly|especially|exceptionally|"
            r"incredibly|so|quite|most)\s+(?!much\b|many\b|far\b|of\b|likely\b)[a-z]+(?:ly)?",
            "very extremely highly truly really particularly especially exceptionally "
            "incredibly so quite most",
            starts="very extremely highly truly really particularly especially exceptionally "
            "incredibly so quite most",
        ),
        _cue(r"\bone\s+(?:might|may|could|can)\s+(?:even\s+)?say\b", "one", "say", starts="one"),
        _cue(r"\bthrough\s+this\s+lens\b", "lens", starts="through"),
        _cue(r"\bin\s+\w+\s+terms\b", "terms", starts="in"),
        _cue(r"\blike\s+a\b", "like", starts="like"),
        _cue(r"\bas\s+if\b", "if", starts="as"),
        _cue(
            r"\bcan\s+(?:also\s+)?be\s+(?:described|seen|read|understood|viewed)\b",
            "can",
            "described seen read understood viewed",
            starts="can",
        ),
        _cue(
            r"\b(?:must|should|ought\s+to|need\s+to|needs\s+to)\b",
            "must should ought need needs",
            starts="must should ought need needs",
        ),
        _cue(
            r"\b(?:increasingly|growing|emerging)\b",
            "increasingly growing emerging",
            starts="increasingly growing emerging",
        ),
        _cue(
            r"\b(?:seeks?|sought|aspires?|strives?|tries|tried)\s+to\b",
            "seek seeks sought aspire aspires strive strives tries tried",
            "to",
            starts="seek seeks sought aspire aspires strive strives tries tried",
        ),
        _cue(
            r"\b(?:viewed|seen|regarded|framed)\s+as\b",
            "viewed seen regarded framed",
            "as",
            starts="viewed seen regarded framed",
        ),
    )
)  # fmt: skip
#: "may" counts only in lower case (not the month).
_HEDGE_WORDS = _word_set(
    """might may could perhaps possibly potentially arguably apparently seemingly likely
    unlikely suggest suggests suggesting appear appears appeared seem seems seemed speculation
    reportedly allegedly rumored rumoured presumably probably possible would"""
)
_QUOTED_RE = re.compile(r"[\"“][^\"“”]*[\"”]")
#: The check that no word character precedes the capital comes after it
#: (``(?<![\w'’\-].)``): a pattern that opens with a character class lets the
#: regex engine skip to the next capital instead of trying every position.
_ENTITY_RE = re.compile(
    r"[A-Z](?<![\w'’\-].)(?:[\w.'’\-]*[\w])?(?:\+\d)?(?:\s+(?:of\s+the\s+|of\s+|for\s+|and\s+)?[A-Z][\w.'’\-]*[\w])*"
)
_ENTITY_STOP = frozenset(
    """
    The A An In On At By For Of From To With As And But Or Not No This That These Those
    It Its He She His Her They Their We Our I You Today Then When While After Before
    During Since Until Under Over Between Among Although Though However Instead Likewise
    Finally Also Only Even Still Yet Thus Hence Meanwhile Moreover Furthermore
    Additionally Earlier Later Following According Unlike Like Rather Whether If Because
    Several Some Many Most All Both Each Every Other Another Such What Which Who Where
    Why How Here There Now Once Together Taken Viewed Framed Naming Timed Hosting
    Economically Politically Globally Kremlin-backed
    """.split()  # noqa: SIM905
)
_ENTITY_ALIASES: dict[str, str] = {
    "united nations": "un",
    "unga": "un general assembly",
    "united nations general assembly": "un general assembly",
    "general assembly": "un general assembly",
    "un general assembly": "un general assembly",
    "u.s.": "united states",
    "us": "united states",
    "usa": "united states",
    "america": "united states",
    "secretary-general": "un secretary-general",
}
#: (Linking) Nationality adjectives and the country (its first entity word) they name.
_DEMONYMS: dict[str, str] = {
    "kazakh": "kazakhstan", "kazakhstani": "kazakhstan", "uzbek": "uzbekistan",
    "kyrgyz": "kyrgyzstan", "tajik": "tajikistan", "turkmen": "turkmenistan",
    "afghan": "afghanistan", "russian": "russia", "chinese": "china", "american": "united",
    "turkish": "turkey", "iranian": "iran", "azerbaijani": "azerbaijan", "georgian": "georgia",
    "armenian": "armenia", "mongolian": "mongolia", "pakistani": "pakistan", "indian": "india",
    "japanese": "japan", "korean": "korea", "german": "germany", "french": "france",
    "british": "britain", "italian": "italy", "ukrainian": "ukraine", "belarusian": "belarus",
    "european": "europe", "emirati": "emirates", "qatari": "qatar", "saudi": "saudi",
}  # fmt: skip
#: (Linking) Words of events two reports of one event share, mapped to one stem.
_EVENT_STEMS: dict[str, str] = {
    "visit": "visit", "visited": "visit", "visits": "visit", "trip": "visit", "toured": "visit",
    "met": "meet", "meet": "meet", "meets": "meet", "meeting": "meet", "meetings": "meet",
    "talks": "meet", "summit": "summit", "summits": "summit", "speech": "speech",
    "address": "speech", "addressed": "speech", "addresses": "speech", "declared": "speech",
    "signed": "sign", "signing": "sign", "signs": "sign", "declaration": "declaration",
    "agreement": "agreement", "deal": "agreement", "contract": "agreement", "treaty": "agreement",
    "call": "call", "conversation": "call", "telephoned": "call", "phoned": "call",
    "election": "election", "elected": "election", "sanctions": "sanction",
    "sanctioned": "sanction", "hosted": "host", "hosts": "host", "hosting": "host",
    "invest": "invest", "invests": "invest", "invested": "invest", "investing": "invest",
    "investment": "invest", "investments": "invest", "spend": "invest", "spends": "invest",
    "spent": "invest", "spending": "invest", "allocate": "invest", "allocated": "invest",
}  # fmt: skip
