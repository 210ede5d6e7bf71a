"""The closed word classes and patterns that a key result's title is read by: grammar words,
the verbs of a change in magnitude, the verbs of what others do, nouns of an audience, and the
patterns of a measure. They are general English, small and closed; the open classes (which words
are verbs, of which lemma a form is) come from the English lexicon (`okrctl.checks.lexicon`)."""

from __future__ import annotations

import re


def _set(words: str) -> frozenset[str]:
    """A closed class written as one string of words separated by spaces."""
    return frozenset(words.split())


CHANGE_VERBS = _set(
    "increase decrease reduce grow cut raise lower double triple quadruple halve reach achieve "
    "attain hit exceed surpass beat maintain keep sustain retain boost lift drop shrink minimise "
    "minimize maximise maximize eliminate gain win earn drive convert save rise fall "
    "decline expand accelerate shorten overtake outperform attract average stay remain get "
    "improve mitigate lessen diminish"
)
"""Verbs of a change in magnitude or of attaining and holding a level: what a measure does."""
CAPACITY_VERBS = _set("support handle serve sustain process")
"""Verbs that, before a number, state a capacity ("Support > 2000 comments"): a level."""
MAINTAIN_VERBS = _set("maintain keep stay remain sustain")
"""Verbs of holding a level: an outcome only with the level to hold ("Maintain 30 seconds or
less"); after "and" they name upkeep ("rebuild the handbook and keep it up to date")."""
RECEPTION_VERBS = _set(
    "use adopt accept cite mention join subscribe download install view read watch listen star "
    "like love recommend endorse rate buy purchase pay renew return engage attend choose prefer "
    "trust rely deem consider praise quote understand recognize recognise know feel believe "
    "agree enjoy appreciate perceive notice report"
)
"""What others do with the work or feel about it (adoption, reception, understanding): an
effect, not a delivery."""
RECEPTION_PLAIN = _set(
    "use adopt rely understand recognize recognise know trust prefer choose love enjoy "
    "believe subscribe join attend cite mention recommend endorse accept buy purchase pay renew "
    "engage"
)
"""The verbs of `RECEPTION_VERBS` that are seldom nouns: after a subject they are its verb
("Open source projects use X")."""
AUDIENCE = re.compile(
    r"(?i)\b(?:users?|customers?|clients?|subscribers?|followers?|downloads?|installs?|"
    r"sign-?ups?|(?:page)?views|visits|visitors?|readers?|reads|listens?|listeners?|"
    r"viewers?|mentions?|citations?|stars|contributors?|contributions|attendees|participants|"
    r"adopters|regulars|interactions|impressions|sessions|leads|sqls|mqls|deals|logos|"
    r"accounts|companies|partners|organi[sz]ations|audiences?|people|traffic|revenue|sales|"
    r"retention|conversions?|churn|engagement|satisfaction|nps|csat|adoption|usage)\b"
)
"""Nouns of an audience, adoption or money: counting them measures an effect."""
PEOPLE = re.compile(
    r"(?i)^(?:users?|customers?|clients?|people|members|developers|devs|everyone|anyone|"
    r"visitors|readers|leadership|candidates|partners|teammates|engineers|employees|staff|"
    r"admins|administrators|analysts|researchers|press|media|community|influencers)$"
)
"""Nouns of people, whose doing and feeling is an effect ("Users understand ...")."""
DELIVERED_STATES = frozenset(
    ("available", "ready", "complete", "done", "active", "operational", "in place")
)
"""Adjectives that say a thing was delivered ("is available", "service active on the
servers")."""
AUXILIARY = _set(
    "is are was were be been am will shall should must can could would may might has have had "
    "does do did gets get got"
)
CLAUSE_MARKS = _set(
    "that which who whom whose where when while because so if unless until once as before after "
    "since , ; : — – than whether how what"
)
DETERMINERS = _set("the a an our all every each its their your my this these those any some no")
PREPOSITIONS = _set(
    "of for with in on at by from to into onto over under about around across through per "
    "via within without between among toward towards"
)
ADVERB = re.compile(r"(?i)^(?:\w+ly|better|also|then|further|fully|well)$")
COMPARATIVES = _set("more less fewer higher lower faster better bigger smaller")
"""A comparison after a verb or at the start ("Generate more awareness", "More contributors"):
a change in magnitude."""
QUALITY_ENDINGS = re.compile(r"(?:ity|ness|cy|ance|ence)$")
"""The endings of nouns of a quality (accuracy, scalability, stickiness, latency)."""

MEASURE = re.compile(
    r"(?ix)(?=[\d$€£¥+<>≤≥~-]|\b[a-z])(?:"  # where a measure can start: tried first, fast
    r"(?P<percent>\d+(?:\.\d+)?\s?%)"
    r"|(?P<money>[$€£¥]\s?(?:\d|[A-Z]\b)|\b\d[\d,.]*\s?(?:k|m|bn)?\s?(?:usd|eur|gbp|dollars|"
    r"euros)\b|\b(?:i?arr|mrr|rr)\b)"
    r"|(?P<rate>\b(?:qoq|yoy|mom|wow)\b|\b(?:quarter|year|month|week)\s+over\s+(?:quarter|year"
    r"|month|week)\b)"
    r"|(?P<percentile>\bp\d\d\b|\b\d\d(?:\.\d+)?th\s+percentile\b)"
    r"|(?P<multiple>\b\d+(?:\.\d+)?x\b)"
    r"|(?P<change>\bfrom\s+[^.;]{0,12}?\d[^.;]{0,12}?\s+to\s+\S*\d|(?<![\w/])[+-]\d+(?:\.\d+)?\s?%)"
    r"|(?P<time>(?:[<>≤≥~]=?|\bunder|\bbelow|\bwithin|\bin|\bless\s+than|\bmore\s+than"
    r"|\bat\s+(?:most|least)|\bno\s+more\s+than|\bfor|\btakes?|\bup\s+to)\s*(?:[<>≤≥]\s*)?"
    r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s*-?\s*"
    r"(?:consecutive\s+|business\s+|working\s+)?"
    r"(?:ms|s|secs?|seconds?|minutes?|mins?|m|hours?|hrs?|h|days?|business\s+days?|weeks?"
    r"|months?)\b|\d+\s*(?:ms|s|secs?|seconds?|minutes?|mins?|hours?|days?)\s+or\s+(?:less|fewer|"
    r"more|better|faster)\b|\bwithin\s+(?:\d+|one|two|three|a|an)\s+\w+|\bwithin\s+(?:minutes|hours"
    r"|seconds|days)\b|\bon\s+time\b)"
    r"|(?P<level>(?:[<>≤≥]=?|\bat\s+(?:least|most)|\bmore\s+than|\bless\s+than|\babove|\bbelow"
    r"|\bno\s+more\s+than|\bunder)\s*\d+(?:[.,]\d+)?(?![\d.,]*\s*\+?\s*[a-z])"
    r"|\b(?:level|score|rating|index|grade)\s+(?:of\s+)?\d"
    r"|\b(?:meets?|met|hits?|exceeds?|exceeded)\s+(?:the\s+|its\s+|their\s+|our\s+)?"
    r"(?:\w+\s+)?(?:targets?|goals?|objectives?|quotas?|thresholds?|slas?|slos?|expectations)))"
)
"""What measures an effect: a percentage, money, a growth rate, a percentile, a multiple, a
change from one number to another, a time bound, a level with a comparison ("ratio > 1.8"; "at
least 500 entries" counts things instead)."""


def measures(text: str) -> set[str]:
    """The kinds of measure `text` states: `percent`, `money`, `time`..."""
    return {found.lastgroup for found in MEASURE.finditer(text) if found.lastgroup}
