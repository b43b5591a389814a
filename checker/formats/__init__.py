"""The output formats of `spbe-check check --format NAME`, one module per format.

Every format is a pure function of a `Report` (see `interface.Formatter`), so the
CLI picks one by name and writes what it returns.
"""
from __future__ import annotations

from checker.formats.github import FORMATTER as _GITHUB
from checker.formats.interface import Formatter
from checker.formats.json_format import FORMATTER as _JSON
from checker.formats.junit import FORMATTER as _JUNIT
from checker.formats.markdown import FORMATTER as _MARKDOWN
from checker.formats.sarif import FORMATTER as _SARIF
from checker.formats.text import FORMATTER as _TEXT
from checker.model import Lang, Report

NAMES: tuple[str, ...] = ("text", "json", "sarif", "junit", "markdown", "github")

FORMATS: dict[str, Formatter] = {f.name: f for f in (_TEXT, _JSON, _SARIF, _JUNIT, _MARKDOWN, _GITHUB)}


def render(name: str, report: Report, lang: Lang, color: bool = False) -> str:
    """Render `report` in the format called `name`; `color` only affects `text`.

    Raises ValueError for an unknown name (the CLI restricts choices to NAMES).
    """
    try:
        formatter = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose one of: {', '.join(NAMES)}") from None
    return formatter.render(report, lang, color=color)


__all__ = ["FORMATS", "NAMES", "Formatter", "render"]
