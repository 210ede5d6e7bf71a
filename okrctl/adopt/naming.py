"""The organisation's name from a page's title, and the report line that says how it was chosen.

A title names the organisation when it holds a word that is not the vocabulary of OKR pages
("Acme OKRs", "GitLab OKRs 2017 Q3", "Layout Team OKRs"): the name is the title without its
period and filler words. A title made only of that vocabulary and a period ("Strategic Goals",
"Quarterly OKRs", "Objectives and Key Results", "Company OKRs 2019", "Q3 goals") names no
organisation, which is then "Our Organisation" unless `--name` says otherwise. The report says
which way the name was chosen and how to set it.
"""

from __future__ import annotations

import re

from okrctl.adopt.periods import find_period
from okrctl.adopt.records import Category, Note, Source

DEFAULT_NAME = "Our Organisation"
TOPIC = "org-name"
"""The report's topic of the naming line (the summary repeats it)."""
GENERIC = re.compile(
    r"(?i)^(?:okrs?|objectives?|goals?|key|results?|and|&|for|the|of|in|on|to|our|my|plans?|"
    r"period|calendar|fiscal|year|yearly|annual|half|quarter|quarterly|monthly|weekly|archive|"
    r"company-wide|strategic|strategy|strategies|priorities|targets?|roadmap|planning|tracking|"
    r"tracker|review|summary|report|execution|status|progress|current|draft|overview|wip|home|"
    r"page|index|template|sheet|table|list|okr\.md|readme|cy|fy|h[12]|q[1-4]|set|"
    r"[-–—:|/()#*&]+)$"
)
"""Words of a page of OKRs, its period and its kind, that name no one."""
KINDS = re.compile(
    r"(?i)^(?:company|corporate|organi[sz]ation(?:al)?|team|teams|department|project)$"
)
"""Words that complete a name ("Data Team", "Acme Company") but name no one alone ("Company
OKRs 2019", "Team OKRs")."""


def name_of(text: str) -> str | None:
    """An organisation's name from a title: the title without its period and the words of OKR
    pages around the name ("TerraLogic — Objectives & Key Results" names "TerraLogic", "IPFS in
    web browsers" itself); None when nothing else is left ("Strategic Goals")."""
    found = find_period(text)
    rest = found.rest if found else text
    words = re.findall(r"[^\s,]+", rest)
    while words and _generic(words[0]):
        words.pop(0)
    while words and _generic(words[-1]):
        words.pop()
    if all(KINDS.match(w.strip(".'\"()[]*_`")) or not re.search(r"\w", w) for w in words):
        return None
    return " ".join(words).strip(" -–—:,&") or None


def _generic(word: str) -> bool:
    bare = word.strip(".'\"()[]*_`")
    return not bare or bare.isdigit() or GENERIC.match(bare) is not None


def naming_note(
    titles: list[tuple[str, str, int]], chosen: str | None, given: str | None, file: str
) -> Note:
    """The report line on the organisation's name: `titles` are the pages' titles as written
    (file, title, line), `chosen` the name a title gave, `given` the `--name` option, `file`
    the first source's."""
    file, title, line = titles[0] if titles else (file, "", 1)
    if given:
        return Note(file, line, Category.MAPPED, f"organisation named {given!r} (--name)", TOPIC)
    if chosen:
        source = next(((f, t, n) for f, t, n in titles if name_of(t) == chosen), None)
        file, title, line = source or (file, title, line)
        return Note(
            file,
            line,
            Category.GUESSED,
            f"organisation named {chosen!r} after the title {title!r}; --name NAME sets another",
            TOPIC,
        )
    if not titles:
        return Note(
            file,
            line,
            Category.GUESSED,
            f"no title names the organisation: named {DEFAULT_NAME!r}; --name NAME sets the name",
            TOPIC,
        )
    return Note(
        file,
        line,
        Category.GUESSED,
        f"the title {title!r} names no organisation (words of OKR pages and a period only): "
        f"named {DEFAULT_NAME!r}; --name NAME sets the name",
        TOPIC,
    )


def naming_notes(
    sources: list[Source], notes: list[Note], chosen: str | None, given: str | None
) -> list[Note]:
    """The report line on a new repository's name, for sources that read something (a source
    that failed to read has its error, not a guess); none when no file is known (a table's
    source names its file in its notes only)."""
    first = next((s.file for s in sources if s.file), None) or next((n.file for n in notes), None)
    if not first:
        return []
    titles = [(s.file or first, text, line) for s in sources for text, line in s.titles]
    return [naming_note(titles, chosen, given, first)]
