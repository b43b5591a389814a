"""No line spbe-check prints can act as a CI workflow command, whatever ends the line before it.

A CI runner splits the job log at CR, LF and CR LF; log viewers and Unicode-aware
tools also at VT, FF, NEL and U+2028/U+2029. GitHub Actions then runs a line whose
first non-blank characters are `::`, and its legacy `##[` and Azure's `##vso[` are
found anywhere in a line. Every format × every kind of line break is checked here,
on the formatted text and on what reaches stdout/stderr through the CLI. The OPA
error-body test talks to a loopback stand-in only (pytest-httpserver).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from checker.cli.main import main
from checker.cli.streams import DefusingWriter
from checker.formats import NAMES, render
from checker.model import Report, Result, Suggestion, Text, Violation, Waiver
from conftest import VALID_MANIFEST

# Written out here rather than imported, so the test does not trust the code's own list.
BREAKS = {
    "CR": "\r",
    "LF": "\n",
    "CRLF": "\r\n",
    "VT": "\x0b",
    "FF": "\x0c",
    "NEL": "\x85",
    "LS": "\u2028",
    "PS": "\u2029",
}
_SPLIT = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
ZWSP = "\u200b"


# The annotations `--format github` writes on purpose: one command per line, all data escaped.
OUR_ANNOTATION = re.compile(r"::(?:error|warning|notice) file=[^:\r\n]*::[^\r\n]*\Z")


def command_lines(text: str, ours: re.Pattern[str] | None = None) -> list[str]:
    """The lines of `text` that GitHub Actions or Azure Pipelines would run as a command (except `ours`)."""
    found = []
    for line in _SPLIT.split(text):
        if "##[" in line or "##vso[" in line.lower():
            found.append(line)
        elif line.lstrip().startswith("::") and not (ours and ours.match(line)):
            found.append(line)
    return found


def strings_in(doc: object) -> list[str]:
    if isinstance(doc, str):
        return [doc]
    if isinstance(doc, dict):
        return [s for value in doc.values() for s in strings_in(value)]
    if isinstance(doc, list):
        return [s for value in doc for s in strings_in(value)]
    return []


def hostile(brk: str) -> str:
    return (
        f"ok{brk}::add-mask::s3cret{brk}  ::error title=forged::gate passed{brk}\t::stop-commands::tok"
        f"{brk}##[error]legacy ##vso[task.setvariable variable=x]1{brk}"
    )


def hostile_report(brk: str) -> Report:
    text = hostile(brk)
    waiver = Waiver(manifest="m", rule="SPBE-HST-001", reason=text, approved_by=text, decree=text, expires="2027-01-01")
    return Report(
        tool_version="0.1.0",
        policy_revision=f"pol{brk}::error::p",
        registry_revision=f"reg{brk}::error::r",
        rules={},
        results=(
            Result(
                f"manifests/a{brk}::error title=forged::x.yaml",
                f"id{brk}::add-mask::x",
                "fail",
                (
                    Violation(
                        "SPBE-INT-001",
                        "deny",
                        Text(text, text),
                        f"spec.interoperability.apis[0].openapi{brk}::x",
                        3,
                        5,
                        (Suggestion("APP-1", text, 1.0, f"https://x/{brk}::error::u"),),
                    ),
                    Violation("SPBE-HST-001", "deny", Text(text, text), "spec.hosting", 4, 1, waiver=waiver),
                ),
            ),
            Result(f"manifests/b{brk}##vso[task.complete]x.yaml", None, "invalid"),
        ),
    )


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_no_format_prints_a_workflow_command(name: str, brk: str, lang: str) -> None:
    out = render(name, hostile_report(brk), lang)
    ours = OUR_ANNOTATION if name == "github" else None
    assert command_lines(out, ours) == [], (name, command_lines(out, ours))
    if name == "github":
        assert len([line for line in out.splitlines() if line.startswith("::")]) == 3


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_json_stays_faithful_while_defused(brk: str) -> None:
    for name in ("json", "sarif"):
        doc = json.loads(render(name, hostile_report(brk), "en"))
        if name == "json":
            assert doc["results"][0]["violations"][0]["message"] == hostile(brk)
            assert doc["results"][1]["file"] == f"manifests/b{brk}##vso[task.complete]x.yaml"
        else:
            assert any(hostile(brk) in value for value in strings_in(doc))


def test_junit_defuses_with_character_references_so_the_text_is_unchanged() -> None:
    out = render("junit", hostile_report("\n"), "en")
    assert "&#58;" in out and "&#35;" in out
    failure = ET.fromstring(out).find(".//failure")
    assert failure is not None and failure.text is not None
    assert "\n  ::error title=forged::gate passed" in failure.text
    assert "##[error]legacy ##vso[task.setvariable" in failure.text


def test_defused_text_only_gains_zero_width_spaces() -> None:
    out = render("text", hostile_report("\n"), "en")
    assert command_lines(out) == []
    assert "#" + ZWSP + "#[error]" in out and "#" + ZWSP + "#vso[task.setvariable" in out
    assert out.replace(ZWSP, "").count("##vso[") == out.count("#" + ZWSP + "#vso[") > 0


# --- the stream every byte of stdout/stderr goes through -----------------------------------------


class Sink:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def through_writer(chunks: list[str]) -> str:
    sink = Sink()
    writer = DefusingWriter(sink)  # type: ignore[arg-type]
    for chunk in chunks:
        writer.write(chunk)
    writer.release()
    return "".join(sink.parts)


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_writer_defuses_commands_split_across_writes(brk: str) -> None:
    text = hostile(brk)
    for cut in range(len(text) + 1):
        out = through_writer([text[:cut], text[cut:]])
        assert command_lines(out) == [], (cut, out)
        assert out.replace(ZWSP, "") == text
    assert command_lines(through_writer(list(text))) == []  # one character per write


def test_annotations_of_the_github_format_pass_and_nothing_else_does() -> None:
    sink = Sink()
    writer = DefusingWriter(sink)  # type: ignore[arg-type]
    writer.write("partial line ")
    writer.write_workflow_commands(
        "::error file=a.yaml,line=1::real\n"
        "heading\r::add-mask::forged\n"
        "::warning file=b.yaml::also real\n"
        "::error file=c.yaml::data\u2028::error::forged after a line separator\n"
    )
    writer.release()
    out = "".join(sink.parts)
    # The first annotation follows text on the same line: not at a line start, so not a command either.
    assert out.startswith("partial line ::error file=a.yaml")
    assert "\n::warning file=b.yaml::also real\n" in out
    assert command_lines(out, OUR_ANNOTATION) == []
    assert ":" + ZWSP + ":add-mask::forged" in out and ":" + ZWSP + ":error::forged after" in out


def test_writer_leaves_ordinary_output_alone() -> None:
    text = "PASS  manifests/a.yaml (a)\n  ! SPBE-MOR-005 [warn] line 5:7\n## Summary: 1 pass, time 10:30\n"
    assert through_writer([text]) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(":#[vsoVSO \t x\r\n\x0b\x0c\x85\u2028\u2029"))), st.data())
def test_writer_never_lets_a_command_through(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))
    chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    out = through_writer(chunks)
    assert command_lines(out) == []
    assert out.replace(ZWSP, "") == text


# --- what the CLI prints on stdout and stderr ------------------------------------------------------


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_error_messages_on_stderr_are_defused(tmp_path: Path, brk: str) -> None:
    missing = tmp_path / f"r{brk}::error title=forged::x{brk}##vso[task.complete]y.json"
    manifest = tmp_path / "m.yaml"
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(manifest), "--registry", str(missing)])
    assert result.exit_code == 2
    assert "Registry not found" in result.stderr
    assert command_lines(result.stderr) == [] and command_lines(result.stdout) == []


@pytest.mark.parametrize("brk", ["\r", "\u2028"], ids=["CR", "LS"])
def test_a_policy_file_name_cannot_forge_a_command(
    tmp_path: Path, tiny_policies: Path, registry_file: Path, brk: str
) -> None:
    (tiny_policies / "spbe" / f"bad{brk}::error title=forged::x.rego").write_text(
        "package spbe.bad\nthis is not rego {\n"
    )
    manifest = tmp_path / "m.yaml"
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", str(manifest), "--registry", str(registry_file), "--policies", str(tiny_policies)]
    )
    assert result.exit_code == 2, result.output
    assert "forged" in result.stderr
    assert command_lines(result.stderr) == [] and command_lines(result.stdout) == []


def test_opa_error_body_is_defused(
    httpserver: HTTPServer, tmp_path: Path, tiny_policies: Path, registry_file: Path
) -> None:
    """Loopback stand-in for an OPA server whose error body carries workflow commands."""
    hostile_body = "down\r::add-mask::x\n::error title=forged::passed\u2028##[error]y\x85::warning::z"
    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/data/system/bundles").respond_with_data(hostile_body, status=500)
    manifest = tmp_path / "m.yaml"
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "check",
            str(manifest),
            "--policies",
            str(tiny_policies),
            "--registry",
            str(registry_file),
            "--engine",
            "opa",
            "--opa-url",
            httpserver.url_for("/"),
            "--opa-retries",
            "0",
        ],
    )
    assert result.exit_code == 2
    assert "title=forged" in result.stderr  # the body is quoted, defused
    assert command_lines(result.stderr) == [] and command_lines(result.stdout) == []


@pytest.mark.parametrize("name", NAMES)
def test_cli_stdout_is_defused_in_every_format(
    tmp_path: Path, registry_file: Path, tiny_policies: Path, name: str
) -> None:
    folder = tmp_path / "manifests"
    folder.mkdir()
    (folder / "a\r::error title=forged::x.yaml").write_text(VALID_MANIFEST.replace("kind: module", "kind: new"))
    result = CliRunner().invoke(
        main,
        ["check", str(folder), "--registry", str(registry_file), "--policies", str(tiny_policies), "--format", name],
    )
    assert result.exit_code in (0, 1), result.output
    assert "forged" in result.stdout
    ours = OUR_ANNOTATION if name == "github" else None
    assert command_lines(result.stdout, ours) == [] and command_lines(result.stderr) == []
    if name == "github":  # the format's own annotations still work: the door lets exactly those through
        annotations = [line for line in result.stdout.splitlines() if line.startswith(("::error ", "::warning "))]
        for line in annotations:  # every property is one of ours; the hostile file name stays inside file=
            properties = dict(p.split("=", 1) for p in line.split("::")[1].split(" ", 1)[1].split(","))
            assert set(properties) <= {"file", "line", "col", "endLine", "endColumn", "title"} and properties[
                "title"
            ].startswith("SPBE-")
        assert annotations


def test_defusing_is_linear_on_a_value_made_of_line_breaks() -> None:
    """A hang guard, not a benchmark: a quadratic scan of 200,000 line breaks would take many minutes.

    The JUnit report keeps a message's line breaks, and a 256 KiB manifest can hold that many.
    """
    import signal

    def hung(signum: int, frame: object) -> None:
        raise AssertionError("defusing 200,000 line breaks did not finish within 30 s: the scan is not linear")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        for value in ("\n" * 200_000, "\n \t" * 200_000, " \u2028" * 200_000 + "::x", "##v" * 200_000):
            out = through_writer([value[:1000], value[1000:]])
            assert command_lines(out) == []
            violation = Violation("SPBE-INT-001", "deny", Text(value, value), "f", 1, 1)
            report = Report(
                tool_version="0.1.0",
                policy_revision="p",
                registry_revision="r",
                results=(Result("m.yaml", "m", "fail", (violation,)),),
            )
            text = render("junit", report, "en")
            assert command_lines(text) == [] and (text.count("\n") > 200_000 or value.startswith("##"))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", NAMES)
def test_an_openapi_value_cannot_forge_a_command_with_the_real_policies(tmp_path: Path, name: str) -> None:
    """Issue 16.3's report: `--format junit` to stdout emitted `::add-mask::` and `##vso[` from an `openapi:` value."""
    from checker.plumbing.paths import PROJECT_ROOT

    example = Path(PROJECT_ROOT) / "manifests" / "kabupaten-karawang" / "lapor-warga.yaml"
    text = example.read_text(encoding="utf-8")
    assert "openapi: apis/laporan.yaml" in text
    hostile_value = r'"x\r::add-mask::y\n  ##vso[task.setvariable variable=a]b\u2028::error title=forged::z"'
    manifest = tmp_path / "lapor.yaml"
    manifest.write_text(text.replace("openapi: apis/laporan.yaml", f"openapi: {hostile_value}"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(manifest), "--format", name])
    assert result.exit_code == 1, result.output
    ours = OUR_ANNOTATION if name == "github" else None
    assert command_lines(result.stdout, ours) == [] and command_lines(result.stderr) == []
    if name == "github":
        assert any(line.startswith("::error file=") for line in result.stdout.splitlines())
    if name != "markdown":  # the Markdown report lists rules, not the quoted value
        assert "add-mask" in result.stdout.replace(ZWSP, "")
