"""The verdict data model shared by evaluation and every output format.

Kept free of I/O so formats are pure functions of a `Report`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["deny", "warn"]
Verdict = Literal["pass", "warn", "fail", "invalid"]
Lang = Literal["en", "id"]
FailOn = Literal["deny", "warn"]

VERDICTS: tuple[Verdict, ...] = ("pass", "warn", "fail", "invalid")


@dataclass(frozen=True)
class Text:
    """A message in both languages the verdicts are read in."""

    en: str
    id: str

    def get(self, lang: Lang) -> str:
        return self.id if lang == "id" else self.en


@dataclass(frozen=True)
class Suggestion:
    """A registry application to reuse instead of building, best first."""

    id: str
    name: str
    score: float
    url: str | None = None
    why: Text | None = None  # what joined it to the proposal (shared words, acronym), en/id
    count: int = 1  # active apps carrying this name (one template rebuilt by many agencies)

    @property
    def shown_score(self) -> str:
        """The score as reports print it: two decimals, a half rounded up, as the policies round the
        percentage in their messages (Rego's `round`), so "74% similar" is never shown beside "(0.73)"."""
        return f"{math.floor(self.score * 100 + 0.5) / 100:.2f}"


@dataclass(frozen=True)
class Waiver:
    manifest: str
    rule: str
    reason: str
    approved_by: str
    decree: str
    expires: str  # ISO date, inclusive, Asia/Jakarta
    agency: str | None = None  # agency code of the manifest it binds to; None in files written before SPEC §4 bound it
    approved: str | None = None  # ISO date the waiver was granted; its length is measured from it


@dataclass(frozen=True)
class Violation:
    rule: str
    severity: Severity
    message: Text
    field: str
    line: int | None = None
    column: int | None = None
    suggestions: tuple[Suggestion, ...] = ()
    waiver: Waiver | None = None  # the waiver that covers it, if valid today
    expired_waiver: Waiver | None = None  # a matching waiver that has expired
    end_line: int | None = None  # where the offending value ends (1-based; column exclusive, as SARIF counts)
    end_column: int | None = None
    line_hash: str | None = None  # GitHub's primaryLocationLineHash of `line` (checker/judging/fingerprints.py)
    refused_waiver: Waiver | None = None  # a waiver for this manifest id and rule that was not applied
    waiver_note: Text | None = None  # why `refused_waiver` was not applied, or a caveat about `waiver`

    @property
    def waived(self) -> bool:
        return self.waiver is not None


@dataclass(frozen=True)
class Result:
    """The judgement of one manifest file."""

    file: str
    id: str | None
    verdict: Verdict
    violations: tuple[Violation, ...] = ()
    uri: str | None = None  # posix path relative to the repository root, whatever the working directory
    seconds: float = field(default=0.0, compare=False)  # time spent judging it (JUnit `time`)
    closest: tuple[Suggestion, ...] = ()  # the apps it most likely duplicates, best first (judging/closest.py)


@dataclass(frozen=True)
class RuleInfo:
    """A rule's metadata, read from the `# METADATA` block of its policy."""

    id: str
    family: str
    severity: Severity
    title: Text
    description: Text
    remediation: Text
    reference: str
    package: str = ""
    source: str = ""  # policy file, relative to the policies root
    waivable: bool = True  # METADATA custom.waivable: false for obligations no decree can suspend
    max_waiver_days: int | None = None  # METADATA custom.maxWaiverDays: the longest waiver allowed


@dataclass(frozen=True)
class Report:
    tool_version: str
    policy_revision: str
    registry_revision: str
    results: tuple[Result, ...]
    rules: dict[str, RuleInfo] = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = {v: 0 for v in VERDICTS}
        for result in self.results:
            counts[result.verdict] += 1
        return counts

    @property
    def exit_code(self) -> int:
        """SPEC §5: 1 when anything fails or is invalid, else 0."""
        return 1 if any(r.verdict in ("fail", "invalid") for r in self.results) else 0

    def exit_code_for(self, fail_on: FailOn = "deny") -> int:
        """SPEC §5 `--fail-on`: with `warn`, a team that wants a clean merge also blocks on warnings."""
        blocking = ("fail", "invalid", "warn") if fail_on == "warn" else ("fail", "invalid")
        return 1 if any(r.verdict in blocking for r in self.results) else 0


_REGION_PROVINCE = re.compile(r"^\d{2}$")
_REGION_REGENCY = re.compile(r"^\d{2}\.\d{2}$")


def agency_level(code: str) -> str:
    """Kemendagri region codes: "32" is a province, "32.15" a regency or city; anything else is central."""
    if _REGION_PROVINCE.match(code):
        return "province"
    if _REGION_REGENCY.match(code):
        return "regency"
    return "central"
