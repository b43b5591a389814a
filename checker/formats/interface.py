"""What every output format provides: a pure function from a Report to text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from checker.model import Lang, Report


class Formatter(Protocol):
    """One output format. `color` is only honoured by terminal formats."""

    name: str

    def render(self, report: Report, lang: Lang, color: bool = False) -> str: ...


@dataclass(frozen=True)
class FunctionFormatter:
    """A Formatter made of a name and a pure render function: what every format module exports."""

    name: str
    function: Callable[[Report, Lang, bool], str]
    # True only for a format whose lines are meant to be run as CI workflow commands
    # (`github`): stdout lets its annotation lines through, and defuses everything else.
    workflow_commands: bool = False

    def render(self, report: Report, lang: Lang, color: bool = False) -> str:
        return self.function(report, lang, color)
