"""What every output format provides: a pure function from a Report to text."""
from __future__ import annotations

from typing import Protocol

from checker.model import Lang, Report


class Formatter(Protocol):
    """One output format. `color` is only honoured by terminal formats."""

    name: str

    def render(self, report: Report, lang: Lang, color: bool = False) -> str: ...
