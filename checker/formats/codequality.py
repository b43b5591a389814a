"""`--format gitlab`: a GitLab Code Quality report, for the merge-request widget.

GitLab reads it from a job's `artifacts:reports:codequality` and shows, in the merge
request, which problems are new and which are fixed compared with the target branch. It
matches issues across the two by `fingerprint`, so ours leaves out line numbers (editing
above a problem does not make it "new"): a SHA-256 of the manifest id, rule, field and
English message, with a counter when two are otherwise identical. Paths are relative to
the repository root, as GitLab needs them, whatever the working directory.

Severity: a counted deny is `critical`, an invalid manifest `blocker`, a warning `minor`,
a waived violation `info`. Text from manifests reaches GitLab only as JSON strings with
control characters, escape sequences and bidi overrides removed; GitLab shows them as
plain text.
"""

from __future__ import annotations

import hashlib
from typing import Any

from checker.formats.escape import json_dumps, strip_control
from checker.formats.interface import FunctionFormatter
from checker.formats.json_format import TOOL_NAME
from checker.formats.sarif import INVALID_MESSAGE, INVALID_RULE
from checker.model import Lang, Report, Result, Text, Violation

ENGINE = TOOL_NAME
WAIVED = Text("waived: {decree}, until {expires}", "dikecualikan: {decree}, berlaku s.d. {expires}")


def _path(result: Result) -> str:
    """Repository-relative when known, else the name as given with forward slashes."""
    path = (result.uri or result.file).replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return strip_control(path)


def _severity(result: Result, violation: Violation | None) -> str:
    if violation is None or result.verdict == "invalid":
        return "blocker"
    if violation.waived:
        return "info"
    return "critical" if violation.severity == "deny" else "minor"


def codequality_document(report: Report, lang: Lang) -> list[dict[str, Any]]:
    """The Code Quality issues as plain data, in report order."""
    issues: list[dict[str, Any]] = []
    seen: dict[str, int] = {}

    def add(result: Result, violation: Violation | None) -> None:
        rule = violation.rule if violation else INVALID_RULE
        message = violation.message if violation else INVALID_MESSAGE
        key = "\x00".join((result.id or result.file, rule, violation.field if violation else "", message.en))
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        seen[digest] = seen.get(digest, 0) + 1
        if seen[digest] > 1:
            digest = hashlib.sha256(f"{digest}:{seen[digest]}".encode()).hexdigest()
        info = report.rules.get(rule)
        text = strip_control(message.get(lang)) or rule
        if violation is not None and violation.waived and violation.waiver is not None:
            text += strip_control(
                " (" + WAIVED.get(lang).format(decree=violation.waiver.decree, expires=violation.waiver.expires) + ")"
            )
        line = violation.line if violation is not None and violation.line else 1
        issue: dict[str, Any] = {
            "type": "issue",
            "engine_name": ENGINE,
            "check_name": rule,
            "description": f"{rule}: {text}",
            "categories": ["Compliance"],
            "severity": _severity(result, violation),
            "fingerprint": digest,
            "location": {"path": _path(result), "lines": {"begin": line}},
        }
        if info is not None and info.remediation.get(lang):
            issue["content"] = {"body": strip_control(info.remediation.get(lang), keep_newlines=True)}
        issues.append(issue)

    for result in report.results:
        for violation in result.violations:
            add(result, violation)
        if result.verdict == "invalid" and not result.violations:
            add(result, None)
    return issues


def render_codequality(report: Report, lang: Lang, color: bool = False) -> str:
    """GitLab Code Quality JSON with a trailing newline; deterministic."""
    return json_dumps(codequality_document(report, lang))


FORMATTER = FunctionFormatter("gitlab", render_codequality)
