"""`--format junit`: JUnit XML for CI test-report widgets (GitLab, Jenkins, Azure, GitHub test reporters).

By default one test case per manifest: `fail` is a `<failure>` listing each deny that
counts, `invalid` is an `<error>` (the manifest could not be judged at all), warnings and
waived violations go to `system-out`. With `per_rule` (`--junit-cases rule`), one test
case per rule per manifest, so a dashboard tracks each rule's history: a counted deny is a
failure, a waived one is `<skipped>`, a warning passes with its text in `system-out`.
Suites and cases carry `time` (seconds spent judging).

The document validates against the Jenkins xUnit plugin's JUnit schema (tests/data/
junit-10.xsd), the strictest common reader, so Jenkins and GitLab read it. Built with
ElementTree so text and attributes are XML-escaped; characters XML 1.0 cannot carry at
all are stripped first, and what a CI runner would read as a workflow command becomes
a character reference (same content, no command).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.formats.escape import entity_defuse_ci_commands, xml_attr, xml_text
from checker.formats.interface import FunctionFormatter
from checker.model import Lang, Report, Result, RuleInfo, Text, Violation

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
    "failed": Text(
        "{verdict}: {count} violation(s) block this manifest: {rules}",
        "{verdict}: {count} pelanggaran menghalangi manifes ini: {rules}",
    ),
    "invalid_no_detail": Text(
        "invalid: the manifest could not be read or does not match the schema",
        "invalid: manifes tidak dapat dibaca atau tidak sesuai skema",
    ),
    "rule_failed": Text("{rule}: {count} violation(s)", "{rule}: {count} pelanggaran"),
    "rule_waived": Text("{rule}: waived", "{rule}: dikecualikan"),
}


def _seconds(value: float) -> str:
    return f"{max(0.0, value):.3f}"


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
    if violation.waiver_note is not None:
        lines.append("  (" + violation.waiver_note.get(lang) + ")")
    info = report.rules.get(violation.rule)
    if info is not None and info.remediation.get(lang):
        lines.append(f"  {_label('fix', lang)}: {info.remediation.get(lang)}")
    if violation.suggestions:
        reuse = "; ".join(f"{s.id} {s.name} ({s.shown_score})" for s in violation.suggestions)
        lines.append(f"  {_label('reuse', lang)}: {reuse}")
    return "\n".join(lines)


def _testcase(result: Result, report: Report, lang: Lang) -> ET.Element:
    case = ET.Element(
        "testcase",
        {
            "classname": xml_attr(result.file),
            "name": xml_attr(result.id or result.file),
            "time": _seconds(result.seconds),
        },
    )
    blocking = [v for v in result.violations if v.severity == "deny" and not v.waived]
    warnings = [v for v in result.violations if v.severity == "warn" and not v.waived]
    waived = [v for v in result.violations if v.waived]
    if result.verdict in ("fail", "invalid"):
        if blocking:
            message = _label(
                "failed",
                lang,
                verdict=result.verdict,
                count=str(len(blocking)),
                rules=", ".join(dict.fromkeys(v.rule for v in blocking)),
            )
        else:
            message = _label("invalid_no_detail", lang) if result.verdict == "invalid" else result.verdict
        tag = "error" if result.verdict == "invalid" else "failure"
        problem = ET.SubElement(case, tag, {"message": xml_attr(message), "type": result.verdict})
        problem.text = xml_text("\n\n".join(_describe(v, report, lang) for v in blocking) or message)
    out: list[str] = []
    if warnings:
        out.append(_label("warnings", lang) + ":\n" + "\n\n".join(_describe(v, report, lang) for v in warnings))
    if waived:
        out.append(_label("waived_list", lang) + ":\n" + "\n\n".join(_describe(v, report, lang) for v in waived))
    if out:
        ET.SubElement(case, "system-out").text = xml_text("\n\n".join(out))
    return case


def _rule_cases(result: Result, report: Report, rules: list[RuleInfo], lang: Lang) -> list[ET.Element]:
    """One case per rule for a judged manifest; an invalid one stays a single `<error>` (no rule ran)."""
    if result.verdict == "invalid":
        return [_testcase(result, report, lang)]
    share = result.seconds / max(1, len(rules))
    cases = []
    for info in rules:
        mine = [v for v in result.violations if v.rule == info.id]
        case = ET.Element(
            "testcase",
            {
                "classname": xml_attr(result.file),
                "name": xml_attr(f"{info.id} {info.title.get(lang)}".strip()),
                "time": _seconds(share),
            },
        )
        blocking = [v for v in mine if v.severity == "deny" and not v.waived]
        if blocking:
            failure = ET.SubElement(
                case,
                "failure",
                {
                    "message": xml_attr(_label("rule_failed", lang, rule=info.id, count=str(len(blocking)))),
                    "type": "fail",
                },
            )
            failure.text = xml_text("\n\n".join(_describe(v, report, lang) for v in blocking))
        elif mine and all(v.waived for v in mine):
            ET.SubElement(
                case, "skipped", {"message": xml_attr(_label("rule_waived", lang, rule=info.id))}
            ).text = xml_text("\n\n".join(_describe(v, report, lang) for v in mine))
        elif mine:
            ET.SubElement(case, "system-out").text = xml_text("\n\n".join(_describe(v, report, lang) for v in mine))
        cases.append(case)
    return cases


def _judged_rules(report: Report) -> list[RuleInfo]:
    """Every rule the policies define, plus any a violation names; schema rules (SCH) are one `invalid` case."""
    from checker.formats.sarif import synthesize_rule

    rules = {k: v for k, v in sorted(report.rules.items()) if v.family != "SCH"}
    for result in report.results:
        for v in result.violations:
            if v.rule not in rules and not v.rule.startswith("SPBE-SCH-") and result.verdict != "invalid":
                rules[v.rule] = synthesize_rule(v.rule, v.severity)
    return [rules[k] for k in sorted(rules)]


def junit_tree(report: Report, lang: Lang, per_rule: bool = False) -> ET.Element:
    """The `<testsuites>` element holding the one `spbe-check` suite."""
    if per_rule:
        rules = _judged_rules(report)
        cases = [case for result in report.results for case in _rule_cases(result, report, rules, lang)]
    else:
        cases = [_testcase(result, report, lang) for result in report.results]
    failures = sum(1 for c in cases if c.find("failure") is not None)
    errors = sum(1 for c in cases if c.find("error") is not None)
    skipped = sum(1 for c in cases if c.find("skipped") is not None)
    seconds = _seconds(sum(r.seconds for r in report.results))
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": SUITE_NAME, **counts, "time": seconds})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE_NAME, **counts, "skipped": str(skipped), "time": seconds})
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("toolVersion", report.tool_version),
        ("policyRevision", report.policy_revision),
        ("registryRevision", report.registry_revision),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": xml_attr(value)})
    suite.extend(cases)
    return root


def render_junit(report: Report, lang: Lang, color: bool = False, per_rule: bool = False) -> str:
    """An indented UTF-8 JUnit XML document with a trailing newline."""
    root = junit_tree(report, lang, per_rule)
    ET.indent(root)
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    return entity_defuse_ci_commands(document)


FORMATTER = FunctionFormatter("junit", render_junit)


def render_junit_per_rule(report: Report, lang: Lang, color: bool = False) -> str:
    """`--junit-cases rule`: one test case per rule per manifest."""
    return render_junit(report, lang, color, per_rule=True)
