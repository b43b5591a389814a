"""`--format junit`: JUnit XML for CI test-report widgets (GitLab, Jenkins, Azure, GitHub test reporters).

One test case per manifest: `fail` and `invalid` are failures listing each deny
that counts, warnings and waived violations go to `system-out`. Built with
ElementTree so text and attributes are XML-escaped; characters XML 1.0 cannot
carry at all are stripped first.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.formats.interface import FunctionFormatter
from checker.formats.escape import xml_attr, xml_text
from checker.model import Lang, Report, Result, Text, Violation

SUITE_NAME = "spbe-check"

LABELS: dict[str, Text] = {
    "line": Text("line", "baris"),
    "waived": Text("waived", "dikecualikan"),
    "until": Text("until", "berlaku s.d."),
    "expired": Text("waiver {decree} expired on {expires}", "pengecualian {decree} kedaluwarsa pada {expires}"),
    "fix": Text("Fix", "Perbaikan"),
    "reuse": Text("Reuse instead", "Gunakan ulang"),
    "warnings": Text("Warnings", "Peringatan"),
    "waived_list": Text("Waived", "Dikecualikan"),
    "failed": Text("{verdict}: {count} violation(s) block this manifest: {rules}",
                   "{verdict}: {count} pelanggaran menghalangi manifes ini: {rules}"),
    "invalid_no_detail": Text("invalid: the manifest could not be read or does not match the schema",
                              "invalid: manifes tidak dapat dibaca atau tidak sesuai skema"),
}


def _label(key: str, lang: Lang, **values: str) -> str:
    text = LABELS[key].get(lang)
    return text.format(**values) if values else text


def _describe(violation: Violation, report: Report, lang: Lang) -> str:
    """One violation as a few readable lines: where, what, how to fix, what to reuse."""
    where = violation.rule + f" [{violation.severity}]"
    if violation.line is not None:
        where += f" {_label('line', lang)} {violation.line}" + (f":{violation.column}" if violation.column else "")
    if violation.field:
        where += f" {violation.field}"
    lines = [where, "  " + violation.message.get(lang)]
    if violation.waiver is not None:
        w = violation.waiver
        lines.append(f"  ({_label('waived', lang)}: {w.decree}, {_label('until', lang)} {w.expires}: {w.reason})")
    if violation.expired_waiver is not None:
        w = violation.expired_waiver
        lines.append("  (" + _label("expired", lang, decree=w.decree, expires=w.expires) + ")")
    info = report.rules.get(violation.rule)
    if info is not None and info.remediation.get(lang):
        lines.append(f"  {_label('fix', lang)}: {info.remediation.get(lang)}")
    if violation.suggestions:
        reuse = "; ".join(f"{s.id} {s.name} ({s.score:.2f})" for s in violation.suggestions)
        lines.append(f"  {_label('reuse', lang)}: {reuse}")
    return "\n".join(lines)


def _testcase(result: Result, report: Report, lang: Lang) -> ET.Element:
    case = ET.Element("testcase", {
        "classname": xml_attr(result.file),
        "name": xml_attr(result.id or result.file),
        "file": xml_attr(result.file),
    })
    blocking = [v for v in result.violations if v.severity == "deny" and not v.waived]
    warnings = [v for v in result.violations if v.severity == "warn" and not v.waived]
    waived = [v for v in result.violations if v.waived]
    if result.verdict in ("fail", "invalid"):
        if blocking:
            message = _label("failed", lang, verdict=result.verdict, count=str(len(blocking)),
                             rules=", ".join(dict.fromkeys(v.rule for v in blocking)))
        else:
            message = _label("invalid_no_detail", lang) if result.verdict == "invalid" else result.verdict
        failure = ET.SubElement(case, "failure", {"message": xml_attr(message), "type": result.verdict})
        failure.text = xml_text("\n\n".join(_describe(v, report, lang) for v in blocking) or message)
    out: list[str] = []
    if warnings:
        out.append(_label("warnings", lang) + ":\n" + "\n\n".join(_describe(v, report, lang) for v in warnings))
    if waived:
        out.append(_label("waived_list", lang) + ":\n" + "\n\n".join(_describe(v, report, lang) for v in waived))
    if out:
        ET.SubElement(case, "system-out").text = xml_text("\n\n".join(out))
    return case


def junit_tree(report: Report, lang: Lang) -> ET.Element:
    """The `<testsuites>` element holding the one `spbe-check` suite."""
    tests = str(len(report.results))
    failures = str(sum(1 for r in report.results if r.verdict in ("fail", "invalid")))
    counts = {"tests": tests, "failures": failures, "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": SUITE_NAME, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE_NAME, **counts})
    properties = ET.SubElement(suite, "properties")
    for name, value in (("toolVersion", report.tool_version), ("policyRevision", report.policy_revision),
                        ("registryRevision", report.registry_revision)):
        ET.SubElement(properties, "property", {"name": name, "value": xml_attr(value)})
    for result in report.results:
        suite.append(_testcase(result, report, lang))
    return root


def render_junit(report: Report, lang: Lang, color: bool = False) -> str:
    """An indented UTF-8 JUnit XML document with a trailing newline."""
    root = junit_tree(report, lang)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FORMATTER = FunctionFormatter("junit", render_junit)
