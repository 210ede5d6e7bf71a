"""okrctl: OKRs as code. Validate an objective cascade kept in git and publish it as a site."""

from __future__ import annotations

__version__ = "0.1.0"
