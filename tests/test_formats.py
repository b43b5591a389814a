"""Output formats: the SPEC §6 JSON shape, valid SARIF, parseable JUnit, and escaping
of hostile manifest text in every medium (Markdown/HTML, terminals, CI logs, XML)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import checker.plumbing.paths
from checker.formats import FORMATS, NAMES, render
from checker.formats.escape import (
    defuse_ci_commands,
    gh_escape_data,
    gh_escape_property,
    md_escape,
    strip_control,
)
from checker.formats.markdown import md_link, safe_url
from checker.formats.sarif import artifact_uri
from checker.model import Report, Result, RuleInfo, Suggestion, Text, Violation, Waiver

SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"  # see data/SARIF-SOURCE.md
HOSTILE_MD = "**bold** <script>alert(1)</script> @everyone [x](http://evil)"
HOSTILE_TERM = (
    "before \x1b[31;1;4mRED\x1b[0m \x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ \x1b[2J\x9b2J\x07 after"
)
OUR_SGR = re.compile(r"\x1b(?!\[(?:0|1|2|31|32|33|36)m)")

WAIVER = Waiver(
    manifest="karawang-lapor-warga",
    rule="SPBE-HST-001",
    reason="Migration to PDN scheduled for Q3 2027",
    approved_by="Deputi Bidang Kelembagaan dan Tata Laksana, KemenPANRB",
    decree="B-123/M.PANRB/2026",
    expires="2027-06-30",
)
EXPIRED = Waiver(
    manifest="karawang-lapor-warga",
    rule="SPBE-HST-002",
    reason="Old exemption",
    approved_by="Deputi",
    decree="B-9/M.PANRB/2024",
    expires="2025-01-01",
)

RULES = {
    "SPBE-MOR-002": RuleInfo(
        id="SPBE-MOR-002",
        family="MOR",
        severity="deny",
        title=Text(
            "No function already owned by a shared service", "Tidak ada fungsi yang sudah dimiliki layanan bersama"
        ),
        description=Text(
            "A new app may not rebuild a shared service.", "Aplikasi baru tidak boleh membangun ulang layanan bersama."
        ),
        remediation=Text("Use SP4N-LAPOR! instead.", "Gunakan SP4N-LAPOR!."),
        reference="Perpres 95/2018",
        package="spbe.mor",
    ),
    "SPBE-HST-001": RuleInfo(
        id="SPBE-HST-001",
        family="HST",
        severity="deny",
        title=Text("No new agency data centre", "Tanpa pusat data instansi baru"),
        description=Text("Host in PDN.", "Tempatkan di PDN."),
        remediation=Text("Move to PDN.", "Pindahkan ke PDN."),
        reference="Perpres 132/2022",
    ),
    "SPBE-MOR-005": RuleInfo(
        id="SPBE-MOR-005",
        family="MOR",
        severity="warn",
        title=Text("Near-duplicate name", "Nama hampir sama"),
        description=Text("Similar apps exist.", "Aplikasi serupa sudah ada."),
        remediation=Text("Reuse them.", "Gunakan ulang."),
        reference="",
    ),
}
# SPBE-HST-002 and SPBE-SCH-001 are deliberately absent from RULES: formats must cope.


def make_report(
    message_en: str = "Function LYN-PENGADUAN is owned by SP4N-LAPOR! – pengaduan",
    file: str = "manifests/kabupaten-karawang/lapor-warga.yaml",
) -> Report:
    """pass, warn, fail (one counted deny, one waived, one with an expired waiver), invalid with and without detail."""
    return Report(
        tool_version="0.1.0",
        policy_revision="pol-abc",
        registry_revision="2026-11-01",
        rules=RULES,
        results=(
            Result("manifests/ok.yaml", "ok-app", "pass"),
            Result(
                "manifests/warn.yaml",
                "warn-app",
                "warn",
                (
                    Violation(
                        "SPBE-MOR-005",
                        "warn",
                        Text("Name is close to APP-1", "Nama mirip APP-1"),
                        "metadata.name",
                        5,
                        7,
                        (Suggestion("APP-000001", "Sistem Informasi Parkir", 0.8712),),
                    ),
                ),
            ),
            Result(
                file,
                "karawang-lapor-warga",
                "fail",
                (
                    Violation(
                        "SPBE-MOR-002",
                        "deny",
                        Text(message_en, "Fungsi LYN-PENGADUAN dimiliki SP4N-LAPOR!"),
                        "spec.functions[0]",
                        21,
                        15,
                        (
                            Suggestion("SHARED-LAPOR", "SP4N-LAPOR!", 1.0, "https://lapor.go.id"),
                            Suggestion("APP-000009", "Lapor (lama)", 0.5),
                        ),
                    ),
                    Violation(
                        "SPBE-HST-001",
                        "deny",
                        Text("Agency data centre", "Pusat data instansi"),
                        "spec.hosting.provider",
                        40,
                        5,
                        waiver=WAIVER,
                    ),
                    Violation(
                        "SPBE-HST-002",
                        "deny",
                        Text("No recovery site", "Tanpa situs pemulihan"),
                        "spec.hosting.drSite",
                        41,
                        None,
                        expired_waiver=EXPIRED,
                    ),
                ),
            ),
            Result(
                "manifests/broken.yaml",
                None,
                "invalid",
                (Violation("SPBE-SCH-001", "deny", Text("Not valid YAML", "Bukan YAML yang sah"), ""),),
            ),
            Result("manifests/empty.yaml", None, "invalid"),
        ),
    )


VERDICTS = {
    "manifests/ok.yaml": "pass",
    "manifests/warn.yaml": "warn",
    "manifests/kabupaten-karawang/lapor-warga.yaml": "fail",
    "manifests/broken.yaml": "invalid",
    "manifests/empty.yaml": "invalid",
}


# --- registry --------------------------------------------------------------------------------


def test_registry_has_every_format_by_name() -> None:
    assert NAMES == ("text", "json", "sarif", "junit", "markdown", "github", "gitlab")
    assert set(FORMATS) == set(NAMES)
    for name, formatter in FORMATS.items():
        assert formatter.name == name
        out = render(name, make_report(), "en")
        assert isinstance(out, str) and out.endswith("\n") and not out.endswith("\n\n\n")


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render("yaml", make_report(), "en")


@pytest.mark.parametrize("name", NAMES)
def test_every_format_is_deterministic(name: str) -> None:
    assert render(name, make_report(), "en") == render(name, make_report(), "en")


# --- json ------------------------------------------------------------------------------------

SPEC_VIOLATION_KEYS = {"rule", "severity", "message", "field", "line", "column", "waived", "suggestions"}
EXTRA_VIOLATION_KEYS = {"title", "remediation", "waiver", "expiredWaiver"}
WAIVER_KEYS = {"manifest", "rule", "reason", "approvedBy", "decree", "expires"}


def test_json_has_exactly_the_spec_shape() -> None:
    out = render("json", make_report(), "en")
    assert out.endswith("}\n")
    doc = json.loads(out)
    assert list(doc) == ["tool", "policyRevision", "registryRevision", "summary", "results"]
    assert doc["tool"] == {"name": "spbe-check", "version": "0.1.0"}
    assert doc["policyRevision"] == "pol-abc" and doc["registryRevision"] == "2026-11-01"
    assert doc["summary"] == {"pass": 1, "warn": 1, "fail": 1, "invalid": 2}
    assert all(type(n) is int for n in doc["summary"].values())
    assert isinstance(doc["results"], list) and len(doc["results"]) == 5
    for result in doc["results"]:
        assert set(result) == {"file", "id", "verdict", "violations", "closest"}  # closest: an extra key
        for s in result["closest"]:
            assert {"id", "name", "score"} <= set(s) <= {"id", "name", "score", "url"}
        assert isinstance(result["file"], str)
        assert result["id"] is None or isinstance(result["id"], str)
        assert result["verdict"] == VERDICTS[result["file"]]
        for v in result["violations"]:
            assert SPEC_VIOLATION_KEYS <= set(v) <= SPEC_VIOLATION_KEYS | EXTRA_VIOLATION_KEYS
            assert isinstance(v["rule"], str) and v["severity"] in ("deny", "warn")
            assert isinstance(v["message"], str) and isinstance(v["field"], str)
            assert v["line"] is None or type(v["line"]) is int
            assert v["column"] is None or type(v["column"]) is int
            assert type(v["waived"]) is bool
            for s in v["suggestions"]:
                assert {"id", "name", "score"} <= set(s) <= {"id", "name", "score", "url"}
                assert isinstance(s["id"], str) and isinstance(s["name"], str) and isinstance(s["score"], float)
    assert doc["results"][0]["id"] == "ok-app" and doc["results"][3]["id"] is None


def test_json_violation_details() -> None:
    doc = json.loads(render("json", make_report(), "en"))
    mor, waived, expired = doc["results"][2]["violations"]
    assert (mor["rule"], mor["line"], mor["column"], mor["field"], mor["waived"]) == (
        "SPBE-MOR-002",
        21,
        15,
        "spec.functions[0]",
        False,
    )
    assert mor["suggestions"] == [
        {"id": "SHARED-LAPOR", "name": "SP4N-LAPOR!", "score": 1.0, "url": "https://lapor.go.id"},
        {"id": "APP-000009", "name": "Lapor (lama)", "score": 0.5},
    ]
    assert mor["title"] == RULES["SPBE-MOR-002"].title.en and mor["remediation"] == "Use SP4N-LAPOR! instead."
    assert waived["waived"] is True and set(waived["waiver"]) == WAIVER_KEYS
    assert waived["waiver"]["decree"] == "B-123/M.PANRB/2026" and waived["waiver"]["approvedBy"].startswith("Deputi")
    assert expired["waived"] is False and "waiver" not in expired
    assert expired["expiredWaiver"]["expires"] == "2025-01-01" and expired["column"] is None
    assert "title" not in expired  # the rule is not in report.rules: nothing invented
    sch = doc["results"][3]["violations"][0]
    assert sch["line"] is None and sch["column"] is None
    assert doc["results"][1]["violations"][0]["suggestions"][0]["score"] == 0.8712


def test_json_language_switches_message_and_remediation() -> None:
    en = json.loads(render("json", make_report(), "en"))["results"][2]["violations"][0]
    id_ = json.loads(render("json", make_report(), "id"))["results"][2]["violations"][0]
    assert en["message"].startswith("Function") and id_["message"] == "Fungsi LYN-PENGADUAN dimiliki SP4N-LAPOR!"
    assert id_["remediation"] == "Gunakan SP4N-LAPOR!." and id_["title"].startswith("Tidak ada")


def test_json_is_utf8_and_faithful_but_escapes_terminal_controls() -> None:
    out = render("json", make_report(message_en="– é \x9b2J \u202e \x1b[31m"), "en")
    assert "– é" in out  # ensure_ascii=False
    assert "\x9b" not in out and "\u202e" not in out and "\x1b" not in out
    assert json.loads(out)["results"][2]["violations"][0]["message"] == "– é \x9b2J \u202e \x1b[31m"


# --- sarif -----------------------------------------------------------------------------------


def sarif_validator() -> jsonschema.Draft4Validator:
    if not SARIF_SCHEMA.is_file():
        pytest.fail(f"The OASIS SARIF 2.1.0 schema is missing at {SARIF_SCHEMA}; the SARIF output cannot be validated.")
    return jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_sarif_validates_against_the_oasis_schema(lang: str) -> None:
    validator = sarif_validator()
    for report in (
        make_report(),
        make_report(message_en=HOSTILE_TERM + HOSTILE_MD, file="C:\\work\\m x.yaml"),
        Report("0.1.0", "p", "r", ()),
    ):
        doc = json.loads(render("sarif", report, lang))  # type: ignore[arg-type]
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_sarif_levels_suppressions_regions_and_rules() -> None:
    doc = json.loads(render("sarif", make_report(), "en"))
    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "spbe-check" and driver["version"] == "0.1.0"
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert {"SPBE-MOR-002", "SPBE-HST-001", "SPBE-MOR-005", "SPBE-HST-002", "SPBE-SCH-001"} <= set(ids)
    mor = rules[ids.index("SPBE-MOR-002")]
    assert mor["shortDescription"]["text"] == RULES["SPBE-MOR-002"].title.en
    assert "Use SP4N-LAPOR! instead." in mor["help"]["text"] and mor["properties"]["tags"] == ["spbe", "MOR", "deny"]
    assert mor["defaultConfiguration"]["level"] == "error"
    assert rules[ids.index("SPBE-MOR-005")]["defaultConfiguration"]["level"] == "warning"
    assert "SCH" in rules[ids.index("SPBE-SCH-001")]["properties"]["tags"]  # synthesised
    results = run["results"]
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    by_rule = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]): r for r in results}
    karawang = "manifests/kabupaten-karawang/lapor-warga.yaml"
    deny = by_rule[(karawang, "SPBE-MOR-002")]
    assert deny["level"] == "error" and "suppressions" not in deny
    assert deny["locations"][0]["physicalLocation"]["region"] == {"startLine": 21, "startColumn": 15}
    assert deny["properties"]["field"] == "spec.functions[0]"
    assert deny["properties"]["suggestions"][0] == {
        "id": "SHARED-LAPOR",
        "name": "SP4N-LAPOR!",
        "score": 1.0,
        "url": "https://lapor.go.id",
    }
    waived = by_rule[(karawang, "SPBE-HST-001")]
    assert waived["level"] == "note"  # GitHub does not dismiss on suppressions: a waiver must not trip its gate
    assert waived["suppressions"][0]["kind"] == "external"
    assert "Migration to PDN" in waived["suppressions"][0]["justification"]
    assert "B-123/M.PANRB/2026" in waived["suppressions"][0]["justification"]
    expired = by_rule[(karawang, "SPBE-HST-002")]
    assert "suppressions" not in expired and expired["properties"]["expiredWaiver"]["decree"] == "B-9/M.PANRB/2024"
    assert expired["locations"][0]["physicalLocation"]["region"] == {"startLine": 41}
    assert by_rule[("manifests/warn.yaml", "SPBE-MOR-005")]["level"] == "warning"
    sch = by_rule[("manifests/broken.yaml", "SPBE-SCH-001")]
    assert sch["level"] == "error" and "region" not in sch["locations"][0]["physicalLocation"]
    empty = by_rule[("manifests/empty.yaml", "SPBE-SCH-001")]  # invalid without violations still reported
    assert empty["level"] == "error"
    assert run["properties"]["summary"] == {"pass": 1, "warn": 1, "fail": 1, "invalid": 2}


def test_sarif_language_and_uris() -> None:
    doc = json.loads(render("sarif", make_report(file="./manifests\\kab x\\lapor.yaml"), "id"))
    run = doc["runs"][0]
    assert run["language"] == "id-ID"
    messages = [r["message"]["text"] for r in run["results"]]
    assert "Fungsi LYN-PENGADUAN dimiliki SP4N-LAPOR!" in messages
    assert run["artifacts"][2]["location"]["uri"] == "manifests/kab%20x/lapor.yaml"
    assert artifact_uri("/abs/m.yaml") == "file:///abs/m.yaml"
    assert artifact_uri("C:\\w\\m.yaml") == "file:///C:/w/m.yaml"


def test_sarif_strips_terminal_escapes_from_messages() -> None:
    out = render("sarif", make_report(message_en=HOSTILE_TERM), "en")
    assert "\\u001b" not in out and "\x1b" not in out and "\\u009b" not in out


# --- junit -----------------------------------------------------------------------------------


def test_junit_parses_with_the_right_counts() -> None:
    root = ET.fromstring(render("junit", make_report(), "en"))
    suites = root.findall("testsuite") if root.tag == "testsuites" else [root]
    assert len(suites) == 1
    suite = suites[0]
    assert suite.get("name") == "spbe-check"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == (
        "5",
        "1",
        "2",
        "0",
    )
    cases = {c.get("classname"): c for c in suite.findall("testcase")}
    assert set(cases) == set(VERDICTS)
    assert cases["manifests/ok.yaml"].get("name") == "ok-app" and not list(cases["manifests/ok.yaml"])
    assert cases["manifests/empty.yaml"].get("name") == "manifests/empty.yaml"
    warn = cases["manifests/warn.yaml"]
    assert warn.find("failure") is None and "SPBE-MOR-005" in (warn.findtext("system-out") or "")
    fail = cases["manifests/kabupaten-karawang/lapor-warga.yaml"]
    failure = fail.find("failure")
    assert failure is not None and failure.get("type") == "fail"
    body = failure.text or ""
    assert "SPBE-MOR-002" in body and "21:15" in body and "SPBE-HST-002" in body
    assert "SPBE-HST-001" not in body  # waived: not a failure...
    out = fail.findtext("system-out") or ""
    assert "SPBE-HST-001" in out and "waived" in out and "B-123/M.PANRB/2026" in out  # ...but listed as waived
    assert cases["manifests/broken.yaml"].find("error").get("type") == "invalid"  # type: ignore[union-attr]
    assert cases["manifests/empty.yaml"].find("error").get("type") == "invalid"  # type: ignore[union-attr]
    assert cases["manifests/broken.yaml"].find("failure") is None  # invalid is an error: it could not be judged


def test_junit_escapes_and_strips_illegal_characters() -> None:
    hostile = 'a\x00b\x0bc\x1b[31md ]]> </failure><x & "q" \ufffe'
    out = render("junit", make_report(message_en=hostile, file="m/<&>\x01.yaml"), "en")
    root = ET.fromstring(out)  # would raise on an illegal character or broken markup
    failure = root.find(".//testcase[@name='karawang-lapor-warga']/failure")
    assert failure is not None
    assert 'abcd ]]> </failure><x & "q"' in (failure.text or "")
    assert root.find(".//testcase[@name='karawang-lapor-warga']").get("classname") == "m/<&>.yaml"  # type: ignore[union-attr]
    assert "\x1b" not in out and "\x00" not in out


def junit_schema():
    """The Jenkins xUnit plugin's JUnit schema (tests/data/JUNIT-SOURCE.md), the strictest common reader."""
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(Path(__file__).resolve().parent / "data" / "junit-10.xsd")))


@pytest.mark.parametrize("per_rule", [False, True])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_junit_validates_against_the_jenkins_schema(lang: str, per_rule: bool) -> None:
    from lxml import etree

    from checker.formats.junit import render_junit

    schema = junit_schema()
    for report in (
        make_report(),
        make_report(message_en=HOSTILE_TERM + HOSTILE_MD, file="m/<&>\x01.yaml"),
        Report("0.1.0", "p", "r", ()),
    ):
        doc = etree.fromstring(render_junit(report, lang, per_rule=per_rule).encode("utf-8"))  # type: ignore[arg-type]
        assert schema.validate(doc), schema.error_log


def test_junit_schema_really_rejects_what_jenkins_would_not_read() -> None:
    from lxml import etree

    bad = etree.fromstring(
        b'<testsuites><testsuite name="s" tests="1" failures="0" errors="0">'
        b'<testcase name="c" file="x"/></testsuite></testsuites>'
    )
    assert not junit_schema().validate(bad)  # `file` on a testcase is not in the schema: so we do not write it


def test_junit_time_on_suites_and_cases() -> None:
    from dataclasses import replace

    base = make_report()
    timed = replace(base, results=tuple(replace(r, seconds=0.25) for r in base.results))
    root = ET.fromstring(render("junit", timed, "en"))
    assert root.get("time") == "1.250" and root.find("testsuite").get("time") == "1.250"  # type: ignore[union-attr]
    assert {c.get("time") for c in root.iter("testcase")} == {"0.250"}


def test_junit_per_rule_has_one_case_per_rule_per_manifest() -> None:
    from checker.formats.junit import render_junit

    root = ET.fromstring(render_junit(make_report(), "en", per_rule=True))
    suite = root.find("testsuite")
    cases = list(suite.iter("testcase"))  # type: ignore[union-attr]
    rules = {"SPBE-HST-001", "SPBE-HST-002", "SPBE-MOR-002", "SPBE-MOR-005"}
    judged = 3  # ok, warn, fail; the two invalid manifests are one <error> each
    assert len(cases) == judged * len(rules) + 2
    by = {(c.get("classname"), c.get("name").split()[0]): c for c in cases}  # type: ignore[union-attr]
    karawang = "manifests/kabupaten-karawang/lapor-warga.yaml"
    assert by[(karawang, "SPBE-MOR-002")].find("failure") is not None
    assert by[(karawang, "SPBE-HST-001")].find("skipped") is not None  # waived
    assert by[(karawang, "SPBE-HST-002")].find("failure") is not None  # expired waiver counts
    assert list(by[("manifests/ok.yaml", "SPBE-MOR-002")]) == []  # passed
    warn = by[("manifests/warn.yaml", "SPBE-MOR-005")]
    assert warn.find("failure") is None and "Name is close" in (warn.findtext("system-out") or "")
    assert by[("manifests/broken.yaml", "manifests/broken.yaml")].find("error") is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == (
        str(len(cases)),
        "2",
        "2",
        "1",
    )  # type: ignore[union-attr]


def test_cli_junit_cases_rule(tiny_policies, registry_file, write) -> None:
    from click.testing import CliRunner

    from checker.cli.main import main
    from tests.conftest import VALID_MANIFEST

    result = CliRunner().invoke(
        main,
        [
            "check",
            str(write("m.yaml", VALID_MANIFEST)),
            "--format",
            "junit",
            "--junit-cases",
            "rule",
            "--policies",
            str(tiny_policies),
            "--registry",
            str(registry_file),
        ],
    )
    assert result.exit_code == 1
    names = [c.get("name") for c in ET.fromstring(result.stdout).iter("testcase")]
    assert names == ["SPBE-HST-901 Hosting should be PDN", "SPBE-MOR-901 Parking is done by the registry"]


# --- markdown --------------------------------------------------------------------------------


def test_markdown_neutralises_hostile_text() -> None:
    out = render("markdown", make_report(message_en=HOSTILE_MD + "\nsecond | line"), "en")
    assert "<script>" not in out and "</script>" not in out and "&lt;script&gt;" in out
    assert "@everyone" not in out and "@\u200beveryone" in out
    assert "](http://evil" not in out and "[x](" not in out
    assert "http://evil" not in out  # not even as a bare autolink
    assert "**bold**" not in out and "\\*\\*bold\\*\\*" in out
    row = next(line for line in out.splitlines() if "SPBE-MOR-002](" in line)
    assert "[SPBE-MOR-002](https://github.com/spbe/spbe-check/blob/main/README.md#the-rules)" in row  # its help
    assert "second \\| line" in row  # newline collapsed and pipe escaped: still one row
    assert row.count(" | ") == 5


def test_markdown_content() -> None:
    out = render("markdown", make_report(), "en")
    assert out.startswith("## ")
    assert "| 1 | 1 | 1 | 2 | 5 |" in out
    assert "[SP4N-LAPOR!](https://lapor.go.id)" in out  # linked because the url is there
    assert "Lapor (lama) (APP-000009" in out  # not linked: no url
    assert "Use SP4N-LAPOR! instead." in out
    assert "B-123/M.PANRB/2026" in out and "expired" in out
    assert "Reuse instead" in out
    out_id = render("markdown", make_report(), "id")
    assert "Gunakan ulang" in out_id and "Fungsi LYN-PENGADUAN" in out_id


def test_markdown_template_escapes_every_value() -> None:
    template = (Path(checker.plumbing.paths.TEMPLATES_DIR) / "report.md.j2").read_text(encoding="utf-8")
    expressions = re.findall(r"\{\{(.*?)\}\}", template)
    assert expressions
    for expr in expressions:
        assert expr.strip().endswith("|md_escape") or expr.strip().startswith("md_link("), expr


def test_markdown_links_only_safe_urls() -> None:
    assert md_link("x", "javascript:alert(1)") == "x"
    assert md_link("x", "https://a.example/p (1)") == "x"
    assert safe_url("https://a.example/p(1)") == "https://a.example/p%281%29"
    assert md_link("[y](z)", "https://ok.example") == "[\\[y\\](z)](https://ok.example)"


def test_md_escape_covers_markdown_and_html() -> None:
    escaped = md_escape("\\`*_{}[]()#+-.!|<>~&\"'")
    assert escaped == "\\\\\\`\\*\\_\\{\\}\\[\\]()#+-.!\\|&lt;&gt;\\~&amp;&quot;&#x27;"
    for starts_a_block, escaped_start in (
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("# heading", "\\# heading"),
        ("12. item", "12\\. item"),
        ("3) item", "3\\) item"),
        ("=== x", "\\=== x"),
    ):
        assert md_escape(starts_a_block) == escaped_start
    assert md_escape("a\nb\r\nc") == "a b c"
    assert md_escape(None) == ""


# --- text ------------------------------------------------------------------------------------


def test_text_layout() -> None:
    out = render("text", make_report(), "en")
    assert "FAIL  manifests/kabupaten-karawang/lapor-warga.yaml (karawang-lapor-warga)" in out
    assert "  ✗ SPBE-MOR-002 [deny] line 21:15 spec.functions[0]" in out
    assert "→ Use SP4N-LAPOR! instead." in out
    assert "Reuse: SHARED-LAPOR SP4N-LAPOR! (1.00)" in out
    assert "(waived: B-123/M.PANRB/2026, until 2027-06-30)" in out
    assert "expired on 2025-01-01" in out
    summary = out.rstrip("\n").splitlines()[-1]
    assert summary.startswith("Summary:") and "1 pass, 1 warn, 1 fail, 2 invalid" in summary
    assert "pol-abc" in summary and "2026-11-01" in summary
    out_id = render("text", make_report(), "id")
    assert "Gunakan ulang:" in out_id and "Ringkasan:" in out_id and "baris 21:15" in out_id
    assert "Fungsi LYN-PENGADUAN dimiliki SP4N-LAPOR!" in out_id


def test_text_has_no_escape_without_colour_and_only_ours_with_colour() -> None:
    report = make_report(message_en=HOSTILE_TERM, file="m/\x1b[2Jx.yaml")
    plain = render("text", report, "en", color=False)
    assert "\x1b" not in plain and "\x9b" not in plain and "\x07" not in plain
    assert "before RED click" in plain and "after" in plain
    coloured = render("text", report, "en", color=True)
    assert "\x1b[" in coloured  # colour is on...
    assert not OUR_SGR.search(coloured)  # ...but every ESC is one of our own styles
    assert "\x1b]8;;" not in coloured and "\x1b[31;1;4m" not in coloured and "\x1b[2J" not in coloured
    assert "\x9b" not in coloured


def test_text_lines_cannot_become_ci_commands() -> None:
    report = make_report(message_en="::add-mask::x\n::error file=a::forged\r\n##[error]forged ##vso[task.setvariable]x")
    for name in ("text", "github"):
        for line in render(name, report, "en").splitlines():
            stripped = line.lstrip()
            assert not stripped.startswith(("::add-mask", "::error file=a", "##[", "##vso[")), (name, line)


# --- github ----------------------------------------------------------------------------------


def test_github_commands_and_escaping() -> None:
    out = render("github", make_report(message_en="100% broken\r\nnext line", file="m/a,b:c.yaml"), "en")
    lines = out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 6  # five violations and the invalid manifest without any
    error = next(line for line in commands if "title=SPBE-MOR-002" in line)
    assert error.startswith("::error file=m/a%2Cb%3Ac.yaml,line=21,col=15,title=SPBE-MOR-002::")
    message = error.split("::", 2)[2]
    assert message.startswith("100%25 broken%0D%0Anext line") and "%0A" in message
    assert "Use SP4N-LAPOR! instead." in message
    assert next(line for line in commands if "SPBE-HST-001" in line).startswith("::notice ")
    assert next(line for line in commands if "SPBE-MOR-005" in line).startswith(
        "::warning file=manifests/warn.yaml,line=5,col=7,"
    )
    hst2 = next(line for line in commands if "SPBE-HST-002" in line)
    assert hst2.startswith("::error ") and ",line=41,title=" in hst2 and "col=" not in hst2
    sch = next(line for line in commands if "manifests/broken.yaml" in line)
    assert "line=" not in sch
    assert any(line.startswith("::error file=manifests/empty.yaml") for line in commands)
    assert lines[-1].startswith("spbe-check:") and "1 pass, 1 warn, 1 fail, 2 invalid" in lines[-1]


def test_github_escape_functions() -> None:
    assert gh_escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert gh_escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"
    assert gh_escape_data("\x1b[31mx") == "x"


# --- the same verdicts everywhere ------------------------------------------------------------


def verdicts_from(name: str, out: str) -> dict[str, str]:
    """Parse each format's output back to {file: verdict}; JUnit only tells pass/warn apart via system-out."""
    if name == "json":
        return {r["file"]: r["verdict"] for r in json.loads(out)["results"]}
    if name == "sarif":
        return {a["properties"]["file"]: a["properties"]["verdict"] for a in json.loads(out)["runs"][0]["artifacts"]}
    if name == "junit":
        found = {}
        for case in ET.fromstring(out).iter("testcase"):
            failure = case.find("failure") if case.find("failure") is not None else case.find("error")
            if failure is not None:
                found[case.get("classname")] = failure.get("type")
            else:
                found[case.get("classname")] = "warn" if "Warnings:" in (case.findtext("system-out") or "") else "pass"
        return found  # type: ignore[return-value]
    if name == "text":
        return {
            m.group(2): m.group(1).lower() for m in re.finditer(r"^(PASS|WARN|FAIL|INVALID)  (\S+)", out, re.MULTILINE)
        }
    if name == "markdown":
        headings = re.findall(r"^### (?:PASS|WARN|FAIL|INVALID): (\S+)", out, re.MULTILINE)
        verdicts = re.findall(r"^Verdict: \*\*(\w+)\*\*", out, re.MULTILINE)
        return {h.replace("\\", ""): v for h, v in zip(headings, verdicts, strict=True)}
    if name == "github":
        return {
            m.group(2): m.group(1)
            for m in re.finditer(r"^spbe-check: (pass|warn|fail|invalid) (\S+)", out, re.MULTILINE)
        }
    if name == "gitlab":  # no issue means pass; the worst severity gives the verdict
        rank = {"blocker": "invalid", "critical": "fail", "minor": "warn"}
        found = {f: "pass" for f in VERDICTS}
        for issue in json.loads(out):
            verdict = rank.get(issue["severity"])
            order = ["pass", "warn", "fail", "invalid"]
            if verdict and order.index(verdict) > order.index(found[issue["location"]["path"]]):
                found[issue["location"]["path"]] = verdict
        return found
    raise AssertionError(name)


@pytest.mark.parametrize("name", NAMES)
def test_every_format_reports_the_same_verdict_per_file(name: str) -> None:
    assert verdicts_from(name, render(name, make_report(), "en")) == VERDICTS


# --- sanitiser properties --------------------------------------------------------------------


@given(st.text())
def test_strip_control_leaves_nothing_a_terminal_acts_on(value: str) -> None:
    out = strip_control(value)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", out)
    kept = strip_control(value, keep_newlines=True)
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", kept)


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_strip_control_returns_printable_ascii_as_it_is(value: str) -> None:
    """The fast path for plain text: nothing in it for the five scans to remove or change."""
    assert strip_control(value) == value == strip_control(value, keep_newlines=True)


@given(st.text())
def test_md_escape_never_leaves_markup(value: str) -> None:
    out = md_escape(value)
    assert "<" not in out and ">" not in out and "\n" not in out
    assert not re.search(r"@(?!\u200b)", out)
    assert not re.search(r"(?<!\\)(?:\\\\)*[\[\]*_`|~{}]", out.replace("\\\\", ""))
    assert not re.match(r"[ ]*(?:[-+#=]|\d+[.)])", out)  # never starts a list or heading
    assert not re.search(r"#\d", out)  # never references an issue


@given(st.text())
def test_github_data_is_one_line(value: str) -> None:
    assert "\n" not in gh_escape_data(value) and "\r" not in gh_escape_data(value)
    prop = gh_escape_property(value)
    assert "," not in prop and ":" not in prop and "\n" not in prop


@given(st.text())
def test_defused_lines_are_never_commands(value: str) -> None:
    for line in defuse_ci_commands(strip_control(value, keep_newlines=True)).split("\n"):
        assert not line.lstrip().startswith(("::", "##[", "##vso["))


# --- sarif for GitHub code scanning ---------------------------------------------------------------


def test_sarif_for_code_scanning_end_to_end_from_a_subfolder(
    tiny_policies, registry_file, tmp_path, monkeypatch
) -> None:
    """Run from manifests/ of a git work tree: URIs are still repository-relative under %SRCROOT%, the
    region ends where the offending value ends, and primaryLocationLineHash is GitHub's own hash."""
    from click.testing import CliRunner
    from git import Repo

    from checker.cli.main import main
    from checker.judging.fingerprints import line_hashes
    from tests.conftest import VALID_MANIFEST

    Repo.init(tmp_path / "repo")
    manifest = tmp_path / "repo" / "manifests" / "karawang" / "parkir.yaml"
    manifest.parent.mkdir(parents=True)
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo" / "manifests")
    result = CliRunner().invoke(
        main,
        ["check", "karawang", "--format", "sarif", "--policies", str(tiny_policies), "--registry", str(registry_file)],
    )
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert not list(sarif_validator().iter_errors(doc))
    run = doc["runs"][0]
    assert run["tool"]["driver"]["semanticVersion"] == run["tool"]["driver"]["version"]
    assert run["automationDetails"]["id"] == "spbe-check/manifests/"
    found = next(r for r in run["results"] if r["ruleId"] == "SPBE-MOR-901")  # one per owning app
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "manifests/karawang/parkir.yaml"
    assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert run["artifacts"][0]["location"] == {"uri": "manifests/karawang/parkir.yaml", "uriBaseId": "%SRCROOT%"}
    line = VALID_MANIFEST.splitlines()[15]
    assert line == "  functions: [LYN-PARKIR]"
    assert location["region"] == {
        "startLine": 16,
        "startColumn": 15,
        "endLine": 16,
        "endColumn": 15 + len("LYN-PARKIR"),
    }
    assert found["partialFingerprints"]["primaryLocationLineHash"] == line_hashes(VALID_MANIFEST)[15]
    assert found["partialFingerprints"]["spbeViolation/v1"]
    rule = run["tool"]["driver"]["rules"][found["ruleIndex"]]
    assert rule["name"] == "ParkingIsDoneByTheRegistry"
    assert rule["helpUri"].endswith("README.md#the-rules")
    assert "**SPBE-MOR-901**" in rule["help"]["markdown"] and "Reuse it." in rule["help"]["markdown"]
    assert rule["fullDescription"]["text"] == "Demo rule for core tests."


def test_only_sarif_pays_for_line_hashes(tiny_policies, registry_file, tmp_path, monkeypatch) -> None:
    """GitHub's line hashes are computed for SARIF only; every other format still gets the value's
    end position, which the hashes do not feed."""
    from click.testing import CliRunner

    import checker.judging.manifest as manifest_module
    from checker.cli.main import main
    from tests.conftest import VALID_MANIFEST

    calls: list[int] = []
    real = manifest_module.line_hashes
    monkeypatch.setattr(manifest_module, "line_hashes", lambda text: calls.append(1) or real(text))
    manifest = tmp_path / "parkir.yaml"
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    common = ["--policies", str(tiny_policies), "--registry", str(registry_file)]
    result = CliRunner().invoke(main, ["check", str(manifest), "--format", "json", *common])
    assert result.exit_code == 1, result.output
    found = next(
        v for r in json.loads(result.stdout)["results"] for v in r["violations"] if v["rule"] == "SPBE-MOR-901"
    )
    assert (found["line"], found["column"]) == (16, 15)
    assert calls == []
    result = CliRunner().invoke(main, ["check", str(manifest), "--format", "sarif", *common])
    assert result.exit_code == 1, result.output
    assert calls == [1]


def test_sarif_rules_speak_the_chosen_language_and_take_a_help_base(monkeypatch) -> None:
    monkeypatch.setenv("SPBE_CHECK_RULE_HELP_URI", "https://spbe.go.id/aturan/{rule}")
    doc = json.loads(render("sarif", make_report(), "id"))
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    mor = rules["SPBE-MOR-002"]
    assert mor["helpUri"] == "https://spbe.go.id/aturan/SPBE-MOR-002"
    assert mor["shortDescription"]["text"] == "Tidak ada fungsi yang sudah dimiliki layanan bersama"
    assert "Cara memenuhi" in mor["help"]["text"] and "Gunakan SP4N-LAPOR!." in mor["help"]["markdown"]
    assert mor["name"] == "NoFunctionAlreadyOwnedByASharedService"  # a stable identifier, always from English
    monkeypatch.setenv("SPBE_CHECK_RULE_HELP_URI", "javascript:alert(1)")
    doc = json.loads(render("sarif", make_report(), "en"))
    assert all(r["helpUri"].startswith("https://") for r in doc["runs"][0]["tool"]["driver"]["rules"])


def test_sarif_line_hash_only_with_a_region() -> None:
    report = Report(
        "0.1.0",
        "p",
        "r",
        (
            Result(
                "m/a.yaml",
                "a",
                "fail",
                (
                    Violation("SPBE-MOR-002", "deny", Text("x", "x"), "spec.kind", 3, 1, line_hash="abc:1"),
                    Violation("SPBE-MOR-002", "deny", Text("y", "y"), "", None, None, line_hash="abc:1"),
                ),
            ),
        ),
        rules=RULES,
    )
    first, second = json.loads(render("sarif", report, "en"))["runs"][0]["results"]
    assert first["partialFingerprints"]["primaryLocationLineHash"] == "abc:1"
    assert "primaryLocationLineHash" not in second["partialFingerprints"]


# --- gitlab code quality ----------------------------------------------------------------------


def test_gitlab_code_quality_report() -> None:
    """The fields GitLab's merge-request widget reads: description, check_name, fingerprint, severity, location."""
    issues = json.loads(render("gitlab", make_report(message_en=HOSTILE_TERM + " <b>x</b>"), "en"))
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
        assert "\x1b" not in issue["description"] and "\x9b" not in issue["description"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by = {(i["location"]["path"], i["check_name"]): i for i in issues}
    karawang = "manifests/kabupaten-karawang/lapor-warga.yaml"
    assert by[(karawang, "SPBE-MOR-002")]["severity"] == "critical"
    assert by[(karawang, "SPBE-MOR-002")]["location"]["lines"]["begin"] == 21
    assert (
        by[(karawang, "SPBE-HST-001")]["severity"] == "info"
        and "B-123/M.PANRB/2026" in by[(karawang, "SPBE-HST-001")]["description"]
    )
    assert by[("manifests/warn.yaml", "SPBE-MOR-005")]["severity"] == "minor"
    assert by[("manifests/empty.yaml", "SPBE-SCH-001")]["severity"] == "blocker"


def test_gitlab_fingerprints_survive_moving_lines() -> None:
    from dataclasses import replace

    base = make_report()
    moved = replace(
        base,
        results=tuple(
            replace(r, violations=tuple(replace(v, line=(v.line or 0) + 5) for v in r.violations)) for r in base.results
        ),
    )
    first, second = json.loads(render("gitlab", base, "en")), json.loads(render("gitlab", moved, "en"))
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]


def test_github_annotations_name_the_file_from_the_repository_root() -> None:
    """GitHub places annotations relative to the checkout's root, whatever directory `check` ran in."""
    report = Report(
        "0.1.0",
        "p",
        "r",
        (
            Result(
                "karawang/a.yaml",
                "a",
                "fail",
                (Violation("SPBE-MOR-002", "deny", Text("x", "x"), "spec", 3, 1, end_line=3, end_column=9),),
                uri="manifests/karawang/a.yaml",
            ),
            Result("karawang/b.yaml", None, "invalid", uri="manifests/karawang/b.yaml"),
        ),
        rules=RULES,
    )
    out = render("github", report, "en")
    assert "::error file=manifests/karawang/a.yaml,line=3,endLine=3,col=1,endColumn=9," in out
    assert "file=manifests/karawang/b.yaml" in out


def closest_report() -> Report:
    """A wrong declared code: its owner scores 1.00, the service the text reads like 0.73."""
    owner = Suggestion("SHARED-EKINERJA", "e-Kinerja BKN", 1.0)
    read = Suggestion("SHARED-SRIKANDI", "SRIKANDI", 0.73)
    result = Result(
        "manifests/paperless.yaml",
        "paperless",
        "fail",
        (
            Violation("SPBE-MOR-011", "warn", Text("reads like", "terbaca"), "spec.functions", 17, 3, (read,)),
            Violation("SPBE-MOR-002", "deny", Text("owned", "dimiliki"), "spec.functions[0]", 18, 5, (owner,)),
        ),
        closest=(read, owner),
    )
    return Report("0.1.0", "pol-abc", "2026-11-01", (result,), RULES)


def test_closest_leads_the_result_in_text_json_and_the_pr_comment() -> None:
    text = render("text", closest_report(), "en")
    assert "Closest registered applications: SHARED-SRIKANDI SRIKANDI (0.73); SHARED-EKINERJA" in text
    assert "Aplikasi terdaftar terdekat:" in render("text", closest_report(), "id")
    doc = json.loads(render("json", closest_report(), "en"))
    assert [s["id"] for s in doc["results"][0]["closest"]] == ["SHARED-SRIKANDI", "SHARED-EKINERJA"]
    comment = render("markdown", closest_report(), "en")
    assert comment.index("SHARED-SRIKANDI") < comment.index("SHARED-EKINERJA")  # evidence first, not score


@pytest.mark.parametrize(
    ("score", "shown"),
    [(0.735, "0.74"), (0.725, "0.73"), (0.7349, "0.73"), (1.0, "1.00"), (0.0, "0.00"), (0.6049, "0.60")],
)
def test_a_suggestions_score_is_rounded_as_the_policies_round_its_percentage(score: float, shown: str) -> None:
    """The policies print round(score * 100)% (half away from zero); the reports print the score beside
    it: "74% similar" must not stand next to "(0.73)" (format's default rounding of 0.735)."""
    suggestion = Suggestion("APP-1", "e-Office", score)
    assert suggestion.shown_score == shown
    violation = Violation("SPBE-MOR-002", "deny", Text("x", "x"), "spec.kind", 3, 1, suggestions=(suggestion,))
    report = Report("0.1.0", "p", "r", (Result("m/a.yaml", "a", "fail", (violation,)),), rules=RULES)
    for name in ("text", "github", "junit"):
        assert f"e-Office ({shown})" in render(name, report, "en"), name
    escaped = shown.replace(".", "\\.")  # Markdown escapes the point
    assert f"e-Office (APP-1, {escaped})" in render("markdown", report, "en")
