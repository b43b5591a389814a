"""`--format json`: the machine-readable report whose shape SPEC §6 fixes.

Keys named in SPEC §6 may never be removed or renamed; the extra keys here
(`title`, `remediation`, `waiver`, `expiredWaiver`, `refusedWaiver`, `waiverNote`, suggestion `url`, `why`,
`count`) only add.
The data is written faithfully (no stripping), since tools match on it.
"""

from __future__ import annotations

from typing import Any

from checker.formats.escape import json_dumps
from checker.formats.interface import FunctionFormatter
from checker.model import Lang, Report, Result, Suggestion, Violation, Waiver

TOOL_NAME = "spbe-check"


def waiver_document(waiver: Waiver) -> dict[str, str]:
    """A waiver in the same spelling as the WaiverList file it came from."""
    return {
        "manifest": waiver.manifest,
        "rule": waiver.rule,
        "reason": waiver.reason,
        "approvedBy": waiver.approved_by,
        "decree": waiver.decree,
        "expires": waiver.expires,
    } | ({"agency": waiver.agency} if waiver.agency is not None else {})


def suggestion_document(suggestion: Suggestion) -> dict[str, Any]:
    """A registry application to reuse; `url` only when the registry has one."""
    doc: dict[str, Any] = {"id": suggestion.id, "name": suggestion.name, "score": round(float(suggestion.score), 4)}
    if suggestion.url:
        doc["url"] = suggestion.url
    if suggestion.why is not None:
        doc["why"] = {"en": suggestion.why.en, "id": suggestion.why.id}
    if suggestion.count > 1:
        doc["count"] = suggestion.count
    return doc


def violation_document(violation: Violation, report: Report, lang: Lang) -> dict[str, Any]:
    """One violation: the SPEC §6 keys first, then the optional extras."""
    doc: dict[str, Any] = {
        "rule": violation.rule,
        "severity": violation.severity,
        "message": violation.message.get(lang),
        "field": violation.field,
        "line": violation.line,
        "column": violation.column,
        "waived": violation.waived,
        "suggestions": [suggestion_document(s) for s in violation.suggestions],
    }
    info = report.rules.get(violation.rule)
    if info is not None:
        doc["title"] = info.title.get(lang)
        doc["remediation"] = info.remediation.get(lang)
    if violation.waiver is not None:
        doc["waiver"] = waiver_document(violation.waiver)
    if violation.expired_waiver is not None:
        doc["expiredWaiver"] = waiver_document(violation.expired_waiver)
    if violation.refused_waiver is not None:
        doc["refusedWaiver"] = waiver_document(violation.refused_waiver)
    if violation.waiver_note is not None:
        doc["waiverNote"] = violation.waiver_note.get(lang)
    return doc


def result_document(result: Result, report: Report, lang: Lang) -> dict[str, Any]:
    """One manifest's judgement."""
    return {
        "file": result.file,
        "id": result.id,
        "verdict": result.verdict,
        "violations": [violation_document(v, report, lang) for v in result.violations],
        "closest": [suggestion_document(s) for s in result.closest],  # likeliest duplicates, best first
    }


def report_document(report: Report, lang: Lang) -> dict[str, Any]:
    """The whole SPEC §6 document as plain Python data (also handy for tests and the CI comment)."""
    return {
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "policyRevision": report.policy_revision,
        "registryRevision": report.registry_revision,
        "summary": report.summary(),
        "results": [result_document(r, report, lang) for r in report.results],
    }


def render_json(report: Report, lang: Lang, color: bool = False) -> str:
    """Indented UTF-8 JSON with a trailing newline; same report, same bytes."""
    return json_dumps(report_document(report, lang))


FORMATTER = FunctionFormatter("json", render_json)
