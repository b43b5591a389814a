"""`--format sarif`: SARIF 2.1.0 for code-scanning UIs (GitHub code scanning, IDE viewers).

The output validates against the OASIS SARIF 2.1.0 schema (the tests check it).
Waived violations are reported with an external suppression rather than dropped,
so a code-scanning UI shows them as dismissed with the decree as justification.
Each manifest is also listed in `run.artifacts` with its verdict, so a manifest
that passes, or is invalid without details, is still visible.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from checker.formats.interface import FunctionFormatter
from checker.formats.escape import json_dumps, strip_control
from checker.formats.json_format import TOOL_NAME, suggestion_document, waiver_document
from checker.model import Lang, Report, Result, RuleInfo, Severity, Text, Violation

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/spbe/spbe-check"
LEVELS: dict[str, str] = {"deny": "error", "warn": "warning"}
INVALID_RULE = "SPBE-SCH-001"  # reported for an invalid manifest that carries no violation
_RULE_ID = re.compile(r"^SPBE-([A-Z]+)-\d+$")

INVALID_MESSAGE = Text("The manifest is invalid; no details were reported.",
                       "Manifes tidak sah; tidak ada rincian yang dilaporkan.")


def _text(value: Any) -> str:
    """Manifest-derived prose for SARIF viewers: keep line breaks, drop control characters."""
    return strip_control(value, keep_newlines=True)


def artifact_uri(file: str) -> str:
    """The SARIF `uri` of a manifest: a relative URI reference with forward slashes
    (what code scanning expects), or a `file:` URI for an absolute path."""
    path = file.replace("\\", "/")
    if re.match(r"^[A-Za-z]:/", path):
        return PureWindowsPath(path).as_uri()
    if path.startswith("/"):
        return PurePosixPath(path).as_uri()
    while path.startswith("./"):
        path = path[2:]
    return quote(path, safe="/-._~!$&'()*+,;=@")


def synthesize_rule(rule_id: str, severity: Severity) -> RuleInfo:
    """A descriptor for a rule id seen in a violation but absent from `report.rules`."""
    match = _RULE_ID.match(rule_id)
    family = match.group(1) if match else "SPBE"
    return RuleInfo(id=rule_id, family=family, severity=severity, title=Text(rule_id, rule_id),
                    description=Text(rule_id, rule_id), remediation=Text("", ""), reference="")


def _descriptor(info: RuleInfo, lang: Lang) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": info.id,
        "shortDescription": {"text": _text(info.title.get(lang)) or info.id},
        "fullDescription": {"text": _text(info.description.get(lang)) or info.id},
        "defaultConfiguration": {"level": LEVELS.get(info.severity, "error")},
        "properties": {"tags": [info.family]},
    }
    remediation = _text(info.remediation.get(lang))
    if remediation:
        descriptor["help"] = {"text": remediation}
    if info.reference:
        descriptor["properties"]["reference"] = _text(info.reference)
    return descriptor


def _rules(report: Report) -> list[RuleInfo]:
    """Every rule in report.rules, then any other rule id a violation names, in a stable order."""
    rules: dict[str, RuleInfo] = dict(sorted(report.rules.items()))
    extra: dict[str, RuleInfo] = {}
    for result in report.results:
        for violation in result.violations:
            if violation.rule not in rules and violation.rule not in extra:
                extra[violation.rule] = synthesize_rule(violation.rule, violation.severity)
        if result.verdict == "invalid" and not result.violations and INVALID_RULE not in rules:
            extra.setdefault(INVALID_RULE, synthesize_rule(INVALID_RULE, "deny"))
    return list(rules.values()) + [extra[k] for k in sorted(extra)]


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _location(result: Result, index: int, violation: Violation | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(result.file), "index": index}}
    if violation is not None and violation.line is not None and violation.line >= 1:
        region: dict[str, Any] = {"startLine": violation.line}
        if violation.column is not None and violation.column >= 1:
            region["startColumn"] = violation.column
        physical["region"] = region
    return {"physicalLocation": physical}


def _result(result: Result, artifact: int, violation: Violation, rule_index: int, lang: Lang) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "severity": violation.severity,
        "field": violation.field,
        "manifestId": result.id,
        "verdict": result.verdict,
        "suggestions": [suggestion_document(s) for s in violation.suggestions],
    }
    if violation.expired_waiver is not None:
        properties["expiredWaiver"] = waiver_document(violation.expired_waiver)
    doc: dict[str, Any] = {
        "ruleId": violation.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(violation.severity, "error"),
        "message": {"text": _text(violation.message.get(lang)) or violation.rule},
        "locations": [_location(result, artifact, violation)],
        "partialFingerprints": {
            "spbeViolation/v1": _fingerprint(result.id or result.file, violation.rule, violation.field),
        },
        "properties": properties,
    }
    if violation.waiver is not None:
        waiver = violation.waiver
        doc["suppressions"] = [{
            "kind": "external",
            "status": "accepted",
            "justification": _text(f"{waiver.reason} ({waiver.decree}; {waiver.approved_by}; until {waiver.expires})"),
            "properties": {"waiver": waiver_document(waiver)},
        }]
    return doc


def sarif_document(report: Report, lang: Lang) -> dict[str, Any]:
    """The SARIF log as plain Python data."""
    rules = _rules(report)
    rule_index = {info.id: i for i, info in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for index, result in enumerate(report.results):
        artifacts.append({
            "location": {"uri": artifact_uri(result.file)},
            "roles": ["analysisTarget"],
            "properties": {"file": result.file, "manifestId": result.id, "verdict": result.verdict},
        })
        for violation in result.violations:
            results.append(_result(result, index, violation, rule_index[violation.rule], lang))
        if result.verdict == "invalid" and not result.violations:
            results.append({
                "ruleId": INVALID_RULE,
                "ruleIndex": rule_index[INVALID_RULE],
                "level": "error",
                "message": {"text": INVALID_MESSAGE.get(lang)},
                "locations": [_location(result, index, None)],
                "partialFingerprints": {"spbeViolation/v1": _fingerprint(result.id or result.file, INVALID_RULE, "")},
                "properties": {"manifestId": result.id, "verdict": result.verdict},
            })
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": TOOL_NAME,
            "version": report.tool_version,
            "informationUri": INFORMATION_URI,
            "rules": [_descriptor(info, lang) for info in rules],
        }},
        "invocations": [{"executionSuccessful": True, "exitCode": report.exit_code}],
        "language": "id-ID" if lang == "id" else "en-US",
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
        "properties": {
            "policyRevision": report.policy_revision,
            "registryRevision": report.registry_revision,
            "summary": report.summary(),
        },
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: Report, lang: Lang, color: bool = False) -> str:
    """SARIF 2.1.0 JSON with a trailing newline; deterministic."""
    return json_dumps(sarif_document(report, lang))


FORMATTER = FunctionFormatter("sarif", render_sarif)
