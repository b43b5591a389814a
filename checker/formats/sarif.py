"""`--format sarif`: SARIF 2.1.0 that GitHub code scanning takes as it is (and IDE viewers).

The output validates against the OASIS SARIF 2.1.0 schema (the tests check it). What code
scanning needs beyond the schema:

- `partialFingerprints.primaryLocationLineHash`, computed as GitHub's upload action
  computes it (checker/judging/fingerprints.py), so an alert keeps its identity across pushes;
  our own `spbeViolation/v1` (manifest id, rule, field) sits beside it;
- artifact URIs relative to the repository root with `uriBaseId: %SRCROOT%`, whatever
  the working directory `check` ran in;
- `runs[].automationDetails.id` = `spbe-check/<manifests folder>/`, one category per
  folder, so two folders uploaded separately do not close each other's alerts;
- rules with `name`, descriptions, `help.text`/`help.markdown` and `helpUri`
  (`SPBE_CHECK_RULE_HELP_URI`, `{rule}` replaced by the rule id; default: the README's
  rule section), and regions that end where the offending value ends.

Waived violations: GitHub's upload does not dismiss alerts from SARIF `suppressions`
(the separate advanced-security/dismiss-alerts action exists to do that through the
API), so a waived result would otherwise open as an error alert. We keep the external,
accepted suppression (SARIF viewers and that action honour it, with the decree as
justification) and lower its level to `note`, so a waived violation never trips code
scanning's failure threshold. Each manifest is also listed in `run.artifacts` with its
verdict, so a manifest that passes, or is invalid without details, is still visible.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from checker.formats.escape import json_dumps, strip_control
from checker.formats.interface import FunctionFormatter
from checker.formats.json_format import TOOL_NAME, suggestion_document, waiver_document
from checker.model import Lang, Report, Result, RuleInfo, Severity, Text, Violation

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/spbe/spbe-check"
DEFAULT_HELP_URI = INFORMATION_URI + "/blob/main/README.md#the-rules"
HELP_URI_VARIABLE = "SPBE_CHECK_RULE_HELP_URI"
SRCROOT = "%SRCROOT%"
LEVELS: dict[str, str] = {"deny": "error", "warn": "warning"}
INVALID_RULE = "SPBE-SCH-001"  # reported for an invalid manifest that carries no violation
_RULE_ID = re.compile(r"^SPBE-([A-Z]+)-\d+$")

INVALID_MESSAGE = Text(
    "The manifest is invalid; no details were reported.", "Manifes tidak sah; tidak ada rincian yang dilaporkan."
)


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


def location_uri(result: Result) -> dict[str, Any]:
    """`artifactLocation` of a manifest: repository-relative under %SRCROOT% when known."""
    uri = artifact_uri(result.uri or result.file)
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": SRCROOT}


def help_uri(rule_id: str, env: dict[str, str] | None = None) -> str:
    """Where a rule is explained: `SPBE_CHECK_RULE_HELP_URI` (an https URL, `{rule}` replaced), or the README."""
    template = (env if env is not None else os.environ).get(HELP_URI_VARIABLE, "")
    if not re.match(r"^https://[^\s<>\"'`]+$", template):
        return DEFAULT_HELP_URI
    return template.replace("{rule}", quote(rule_id, safe=""))


def rule_name(info: RuleInfo) -> str:
    """A stable PascalCase identifier from the English title (SARIF `name`), e.g. NoNewAgencyDataCentre."""
    words = re.findall(r"[A-Za-z0-9]+", info.title.en)
    name = "".join(w[:1].upper() + w[1:] for w in words)
    return name if name and not name[0].isdigit() else info.id.replace("-", "")


def category(report: Report) -> str:
    """`automationDetails.id`: `spbe-check/<folder>/`, the top folder(s) of the judged manifests."""
    tops = sorted(
        {
            (r.uri or r.file).replace("\\", "/").lstrip("./").split("/")[0]
            for r in report.results
            if "/" in (r.uri or r.file).replace("\\", "/").lstrip("./")
        }
    )
    return f"{TOOL_NAME}/{'+'.join(tops) or 'root'}/"


def synthesize_rule(rule_id: str, severity: Severity) -> RuleInfo:
    """A descriptor for a rule id seen in a violation but absent from `report.rules`."""
    match = _RULE_ID.match(rule_id)
    family = match.group(1) if match else "SPBE"
    return RuleInfo(
        id=rule_id,
        family=family,
        severity=severity,
        title=Text(rule_id, rule_id),
        description=Text(rule_id, rule_id),
        remediation=Text("", ""),
        reference="",
    )


HELP_LABELS: dict[str, Text] = {
    "fix": Text("How to comply", "Cara memenuhi"),
    "reference": Text("Reference", "Rujukan"),
    "severity": Text("Severity", "Tingkat"),
}


def _help(info: RuleInfo, lang: Lang) -> dict[str, str]:
    """The rule's page in text and Markdown; policy metadata is trusted prose, so it is not escaped."""
    title, description = _text(info.title.get(lang)) or info.id, _text(info.description.get(lang))
    remediation, reference = _text(info.remediation.get(lang)), _text(info.reference)
    label = {k: v.get(lang) for k, v in HELP_LABELS.items()}
    text = [f"{info.id}: {title}", description]
    markdown = [f"**{info.id}**: {title}", description]
    if remediation:
        text.append(f"{label['fix']}: {remediation}")
        markdown.append(f"**{label['fix']}**: {remediation}")
    if reference:
        text.append(f"{label['reference']}: {reference}")
        markdown.append(f"**{label['reference']}**: {reference}")
    text.append(f"{label['severity']}: {info.severity}")
    markdown.append(f"**{label['severity']}**: `{info.severity}`")
    return {"text": "\n\n".join(t for t in text if t), "markdown": "\n\n".join(m for m in markdown if m)}


def _descriptor(info: RuleInfo, lang: Lang) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": rule_name(info),
        "shortDescription": {"text": _text(info.title.get(lang)) or info.id},
        "fullDescription": {"text": _text(info.description.get(lang)) or _text(info.title.get(lang)) or info.id},
        "help": _help(info, lang),
        "helpUri": help_uri(info.id),
        "defaultConfiguration": {"level": LEVELS.get(info.severity, "error")},
        "properties": {"tags": ["spbe", info.family, info.severity]},
    }
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


def _region(v: Violation) -> dict[str, Any] | None:
    if v.line is None or v.line < 1:
        return None
    region: dict[str, Any] = {"startLine": v.line}
    if v.column is not None and v.column >= 1:
        region["startColumn"] = v.column
    if (
        v.end_line is not None
        and v.end_column is not None
        and v.column is not None
        and v.end_column >= 1
        and (v.end_line, v.end_column) >= (v.line, v.column)
    ):
        region["endLine"] = v.end_line
        region["endColumn"] = v.end_column
    return region


def _location(result: Result, index: int, violation: Violation | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {**location_uri(result), "index": index}}
    region = _region(violation) if violation is not None else None
    if region is not None:
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
    if violation.refused_waiver is not None:
        properties["refusedWaiver"] = waiver_document(violation.refused_waiver)
    if violation.waiver_note is not None:
        properties["waiverNote"] = violation.waiver_note.get(lang)
    fingerprints = {"spbeViolation/v1": _fingerprint(result.id or result.file, violation.rule, violation.field)}
    if violation.line_hash and "region" in _location(result, artifact, violation)["physicalLocation"]:
        fingerprints["primaryLocationLineHash"] = violation.line_hash
    doc: dict[str, Any] = {
        "ruleId": violation.rule,
        "ruleIndex": rule_index,
        "level": "note" if violation.waived else LEVELS.get(violation.severity, "error"),
        "message": {"text": _text(violation.message.get(lang)) or violation.rule},
        "locations": [_location(result, artifact, violation)],
        "partialFingerprints": fingerprints,
        "properties": properties,
    }
    if violation.waiver is not None:
        waiver = violation.waiver
        doc["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": _text(
                    f"{waiver.reason} ({waiver.decree}; {waiver.approved_by}; until {waiver.expires})"
                ),
                "properties": {"waiver": waiver_document(waiver)},
            }
        ]
    return doc


def sarif_document(report: Report, lang: Lang) -> dict[str, Any]:
    """The SARIF log as plain Python data."""
    rules = _rules(report)
    rule_index = {info.id: i for i, info in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for index, result in enumerate(report.results):
        artifacts.append(
            {
                "location": location_uri(result),
                "roles": ["analysisTarget"],
                "properties": {"file": result.file, "manifestId": result.id, "verdict": result.verdict},
            }
        )
        for violation in result.violations:
            results.append(_result(result, index, violation, rule_index[violation.rule], lang))
        if result.verdict == "invalid" and not result.violations:
            results.append(
                {
                    "ruleId": INVALID_RULE,
                    "ruleIndex": rule_index[INVALID_RULE],
                    "level": "error",
                    "message": {"text": INVALID_MESSAGE.get(lang)},
                    "locations": [_location(result, index, None)],
                    "partialFingerprints": {
                        "spbeViolation/v1": _fingerprint(result.id or result.file, INVALID_RULE, "")
                    },
                    "properties": {"manifestId": result.id, "verdict": result.verdict},
                }
            )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(info, lang) for info in rules],
            }
        },
        "automationDetails": {"id": category(report)},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The root of the repository under review."}}},
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
