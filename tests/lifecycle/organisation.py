"""A small organisation written by the tests of `remind`, `digest` and the issue-form check-in:
objective files from dictionaries, and git commits made on chosen days."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

D = dt.date

ORG: dict[str, Any] = {
    "apiVersion": "okrctl/v1",
    "kind": "Organization",
    "name": "Acme Kits",
    "units": [
        {"id": "company", "name": "Acme Kits", "lead": "ana", "headcount": 20},
        {"id": "sales", "name": "Sales", "parent": "company", "lead": "ben", "headcount": 8},
        {
            "id": "marketing",
            "name": "Marketing",
            "parent": "company",
            "lead": "cai",
            "headcount": 4,
        },
        {
            "id": "engineering",
            "name": "Engineering",
            "parent": "company",
            "lead": "dev",
            "headcount": 6,
        },
    ],
    "people": [
        {"id": "ana", "name": "Ana Lopez", "unit": "company", "github": "ana-gh"},
        {"id": "ben", "name": "Ben Okafor", "unit": "sales", "github": "Ben-GH"},
        {"id": "cai", "name": "Cai Wen", "unit": "marketing", "github": "cai-gh"},
        {"id": "dev", "name": "Dev Patel", "unit": "engineering", "github": "dev-gh"},
        {"id": "eve", "name": "Eve <b>@ana-gh</b>", "unit": "sales"},
    ],
    "periods": [
        {"id": "2026-Q3", "start": D(2026, 7, 1), "end": D(2026, 9, 30)},
        {"id": "2026-Q4", "start": D(2026, 10, 1), "end": D(2026, 12, 31)},
    ],
}


def numeric(
    kr_id: str, checkins: list[tuple[dt.date, float]], target: float = 100, **more: Any
) -> dict[str, Any]:
    """A numeric key result from 0 to `target` with check-ins (day, value)."""
    return {
        "id": kr_id,
        "title": f"{kr_id.replace('-', ' ').capitalize()} reach {target:g}",
        "metric": kr_id,
        "unit": "count",
        "baseline": 0,
        "target": target,
        **more,
        "checkins": [{"date": day, "value": value} for day, value in checkins],
    }


def objective(
    objective_id: str,
    unit: str,
    owner: str,
    key_results: list[dict[str, Any]],
    period: str = "2026-Q4",
    **more: Any,
) -> dict[str, Any]:
    return {
        "apiVersion": "okrctl/v1",
        "kind": "Objective",
        "id": objective_id,
        "title": f"{objective_id.replace('-', ' ').capitalize()} goes well",
        "level": "strategic",
        "type": "aspirational",
        "unit": unit,
        "owner": owner,
        "period": period,
        **more,
        "key_results": key_results,
    }


class _Dumper(yaml.SafeDumper):
    """YAML without anchors: OKR files refuse them (a date used twice would get one)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def text(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def write(root: Path, data: dict[str, Any]) -> str:
    """Write an objective (or, with kind Organization, the organisation) where it belongs."""
    if data["kind"] == "Organization":
        name = "okrs/org.yaml"
    else:
        name = f"okrs/{data['period']}/{data['unit']}/{data['id']}.yaml"
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text(data), encoding="utf-8")
    return name


def git(root: Path, *args: str, day: dt.date | None = None) -> str:
    """git in `root` with a fixed identity; `day`: the commit's date (noon UTC)."""
    env = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "PATH": "/usr/bin:/bin",
        "HOME": str(root),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
    }
    if day is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day.isoformat()}T12:00:00+00:00"
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit(root: Path, message: str, day: dt.date) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message, day=day)


def init(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")


def shift_dates(root: Path, days: int) -> None:
    """Move every date of the OKR files by `days`: the workflows run okrctl for the real today."""

    def shift(match: re.Match[str]) -> str:
        return (dt.date.fromisoformat(match.group()) + dt.timedelta(days=days)).isoformat()

    for path in (root / "okrs").rglob("*.yaml"):
        path.write_text(re.sub(r"\b\d{4}-\d{2}-\d{2}\b", shift, path.read_text("utf-8")), "utf-8")
