"""Who a name on a page is: a role (`CEO`, `VP Eng`, `SDR lead`), a person (`Anna Keller`,
`@alanshaw`) or a team (`Platform`, `Customer Success`, `Sales (Closing Deals)`).

A role or a person owns what it holds; a team is a unit. The page itself decides first: a name it
uses for a person (a `@handle`, an `Owner:` label, a heading `Name (@handle)`) is a person, a name
it uses for a team (`Ops KR:`, a heading marked as a team) is a team. Otherwise the words decide:
role words make a role, two or three capitalised words that are not team words make a person,
and anything else is a team. Lists of owners ("Martin and Bedeho equally", "skobes, ymalik")
are split into their names.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Kind = Literal["role", "person", "team"]

_ROLE_WORDS = {
    "vp", "svp", "evp", "avp", "head", "director", "dir", "lead", "manager", "mgr", "architect",
    "controller", "chief", "president", "founder", "cofounder", "co-founder", "officer", "owner",
    "principal", "chair", "chairman", "chairwoman", "coordinator", "captain", "pm", "em", "tpm",
    "ceo", "cto", "cfo", "coo", "cmo", "cro", "cpo", "cio", "ciso", "cso", "cdo", "chro",
}  # fmt: skip
_C_LEVEL = re.compile(r"^C[A-Z]{1,3}O$")
_TEAM_WORDS = {
    "team", "teams", "squad", "department", "dept", "group", "tribe", "guild", "chapter", "unit",
    "division", "org", "organisation", "organization", "office", "sales", "marketing",
    "engineering", "eng", "product", "prod", "design", "support", "success", "ops", "operations",
    "finance", "legal", "people", "hr", "security", "data", "analytics", "research", "platform",
    "infrastructure", "infra", "frontend", "backend", "mobile", "web", "devops", "sre", "qa", "ux",
    "ui", "growth", "community", "partnerships", "services", "writing", "documentation", "docs",
    "customer", "customers", "business", "company", "core", "production", "database", "delivery",
    "development", "dev", "tools", "tooling", "release", "quality", "content", "brand", "revenue",
    "accounting", "recruiting", "talent", "enablement", "relations", "alliances", "federal",
    "distribution", "intel", "management", "admin", "administration", "ai", "ml", "app", "apps",
    "api", "cloud", "network", "networking", "hardware", "software", "systems",
}  # fmt: skip
_PERSON = re.compile(r"[A-Z][a-z'’\-]+(?:\s+(?:[A-Z][a-z'’\-]+|van|von|de|der|da|di|le|la)){1,3}")
_HANDLE = re.compile(r"@([A-Za-z0-9][\w.\-]{0,38})")
_SPLIT = re.compile(r"\s*(?:,|;|&|\+|/|\band\b)\s*")
_ABBREVIATION = re.compile(r"(?:[a-z]\.){2,}[a-z]?\.?", re.I)
"""A dotted abbreviation ("u.n.o." for unless noted otherwise, "e.g."): no name."""
_FILLER = {"equally", "jointly", "together", "both", "all", "etc", "and", "tbd", "tbc"}


class Holder(NamedTuple):
    """What a name is, with the person and the team it names (either may be None)."""

    kind: Kind
    person: str | None = None
    team: str | None = None
    handle: str | None = None
    stated: bool = False
    """The page says so (a handle, a name it uses for a person or a team elsewhere)."""


def is_role(name: str) -> bool:
    words = [w.strip(".,") for w in re.split(r"[\s/]+", name) if w]
    named = any(w.lower() in _ROLE_WORDS or _C_LEVEL.match(w) for w in words)
    return named and len(words) <= 5


def looks_like_person(name: str) -> bool:
    """Two to four capitalised words, none of them a team word ("Anna Keller", not
    "Customer Success")."""
    if _PERSON.fullmatch(name.strip()) is None:
        return False
    return not any(w.lower() in _TEAM_WORDS for w in name.split())


def classify(name: str, people: set[str], teams: set[str], single: Kind = "person") -> Holder:
    """What `name` is on a page that uses `people` (lowercase names) for people and `teams` for
    teams. `single`: what a single word that is neither a role nor a team word is (on a page
    whose holders include roles, the others are teams: `Platform`, `Gitaly`)."""
    text = " ".join(name.split()).strip(" :")
    handle = _HANDLE.fullmatch(text)
    if handle is not None:
        return Holder("person", handle[1], None, handle[1], True)
    lower = text.lower()
    if lower in people:
        return Holder("person", text, stated=True)
    if lower in teams:
        return Holder("team", None, text, stated=True)
    paren = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text)
    if paren is not None:
        outer, inner = paren[1].strip(), paren[2].strip()
        if outer.lower() in people or is_role(outer) or looks_like_person(outer):
            kind: Kind = "role" if is_role(outer) else "person"
            return Holder(kind, outer, inner)
        return Holder("team", None, text)
    if is_role(text):
        return Holder("role", text)
    if looks_like_person(text):
        return Holder("person", text)
    one = re.fullmatch(r"[A-Z][a-z'’\-]+", text)
    if one is not None and single == "person" and lower not in _TEAM_WORDS:
        return Holder("person", text)
    return Holder("team", None, text)


def names(text: str) -> list[str]:
    """The names of a list of owners: "Martin and Bedeho equally" -> Martin, Bedeho."""
    found = []
    for part in _SPLIT.split(text):
        words = [
            w
            for w in part.split()
            if w.lower().strip(".") not in _FILLER and not _ABBREVIATION.fullmatch(w)
        ]
        name = " ".join(words).strip(" .()")
        if name and len(name) <= 60:
            found.append(name.lstrip("@") if _HANDLE.fullmatch(name) else name)
    return found


def handle_of(text: str) -> tuple[str, str] | None:
    """(name, handle) from "Bedeho (@bedeho)" or "@bedeho"; None when no handle is named."""
    found = re.fullmatch(r"\s*([^()@]*?)\s*\(?@([A-Za-z0-9][\w.\-]{0,38})\)?\s*", text)
    if found is None:
        return None
    return (found[1].strip() or found[2]), found[2]


def are_names(text: str) -> bool:
    """`text` lists people or roles ("Martin, Bedeho and Mokhtar", "@alanshaw"), not a sentence."""
    found = names(text)
    return bool(found) and all(
        _HANDLE.fullmatch("@" + n) or re.fullmatch(r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,2}", n)
        for n in found
    )
