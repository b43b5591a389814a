"""The output formats of `spbe-check check --format NAME`, one module per format.

Every format is a pure function of a `Report` (see `interface.Formatter`), so the
CLI picks one by name and writes what it returns.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from checker.formats.interface import Formatter
from checker.model import Lang, Report
from checker.plumbing.secrets import scrub

# Format name -> module; a module is imported only when its format is used, so a
# `--format json` run does not pay for Jinja2 (start-up time is part of the budget).
_MODULES: dict[str, str] = {
    "text": "checker.formats.text",
    "json": "checker.formats.json_format",
    "sarif": "checker.formats.sarif",
    "junit": "checker.formats.junit",
    "markdown": "checker.formats.markdown",
    "github": "checker.formats.github",
    "gitlab": "checker.formats.codequality",
}
NAMES: tuple[str, ...] = tuple(_MODULES)


class _LazyFormats(Mapping[str, Formatter]):
    def __getitem__(self, name: str) -> Formatter:
        formatter: Formatter = importlib.import_module(_MODULES[name]).FORMATTER
        return formatter

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATS: Mapping[str, Formatter] = _LazyFormats()


def render(name: str, report: Report, lang: Lang, color: bool = False) -> str:
    """Render `report` in the format called `name`; `color` only affects `text`.

    Raises ValueError for an unknown name (the CLI restricts choices to NAMES).
    """
    try:
        formatter = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose one of: {', '.join(NAMES)}") from None
    return scrub(formatter.render(report, lang, color=color))  # no credential in any report, whatever it came from


__all__ = ["FORMATS", "NAMES", "Formatter", "render"]
