"""Errors a user can fix by changing how okrctl is called or configured (exit code 2)."""

from __future__ import annotations


class UsageError(Exception):
    """A usage or configuration problem; the message says what to change."""
