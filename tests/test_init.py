"""`spbe-check init`: proposes reuse before new, and writes a manifest that passes `check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.cli.main import main
from checker.guidance.scaffold import Answers, propose, render_manifest, yaml_plain, yaml_string
from checker.guidance.search import SearchIndex
from checker.judging.evaluate import Target, open_judge
from checker.plumbing.paths import DEFAULT_REGISTRY, MANIFEST_SCHEMA, POLICIES_DIR
from checker.plumbing.yamlsafe import parse_yaml
from checker.registry.load import load_registry

KARAWANG = "32.15"
CONTACT = "diskominfo@karawangkab.go.id"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_registry(DEFAULT_REGISTRY))


@pytest.fixture(scope="module")
def judge():
    return open_judge(POLICIES_DIR, str(DEFAULT_REGISTRY), None, "embedded")


def verdict_of(judge, path: Path) -> tuple[str, list[str]]:
    report = judge.check([Target(path, path.as_posix(), True)])
    (result,) = report.results
    return result.verdict, [f"{v.rule}: {v.message.en}" for v in result.violations]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["init", *args], input=input)


def flags(output: Path, **overrides: str) -> list[str]:
    values = {
        "purpose": "pengaduan jalan rusak",
        "agency-code": KARAWANG,
        "contact": CONTACT,
        "output": str(output),
        **overrides,
    }
    out = []
    for key, value in values.items():
        out += [f"--{key}", value]
    return [*out, "--yes"]


# --- proposals ---------------------------------------------------------------------------


def test_complaints_purpose_offers_lapor_then_the_super_app_before_anything_else(index):
    proposals = propose(index, "pengaduan jalan rusak", ["LYN-PENGADUAN"], KARAWANG, "public", ["web", "mobile"])
    assert [(p.kind, p.extends) for p in proposals[:2]] == [("extension", "SHARED-LAPOR"), ("module", "SHARED-INAKU")]
    assert proposals[-1].kind == "new"
    assert proposals[1].functions_note is not None  # the module may not carry LAPOR's function


def test_internal_purpose_gets_no_super_app_module(index):
    proposals = propose(index, "arsip surat dinas", ["ADM-ARSIP"], KARAWANG, "internal", ["web"])
    assert proposals[0].extends == "SHARED-SRIKANDI"
    assert all(p.extends != "SHARED-INAKU" for p in proposals)


# --- interactive -------------------------------------------------------------------------------


def test_prompts_offer_reuse_first_and_the_manifest_passes_check(tmp_path, index, judge):
    output = tmp_path / "manifests" / "kabupaten-karawang" / "lapor-jalan.yaml"
    runs_own = bool(index.agency_apps_with(KARAWANG, "LYN-PENGADUAN"))
    answers = ["pengaduan jalan rusak", KARAWANG, "", "", "", "", ""]  # purpose .. functions, option 1
    answers += [""] if runs_own else []  # retire the regency's own complaints app: yes
    answers += ["", "", CONTACT, "", "", "", "", "", "", str(output)]
    result = run(input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    out = result.output
    lapor, inaku = out.index("SHARED-LAPOR"), out.index("SHARED-INAKU")
    first_other = min(i for i in (out.find("APP-"), out.find("3. new")) if i >= 0)
    assert lapor < inaku < first_other, out
    assert "1. extension of SHARED-LAPOR" in out and "2. module of SHARED-INAKU" in out
    doc = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert doc["spec"]["kind"] == "extension" and doc["spec"]["extends"] == "SHARED-LAPOR"
    assert doc["spec"]["functions"] == ["LYN-PENGADUAN"] and doc["metadata"]["agency"]["code"] == KARAWANG
    assert doc["metadata"]["agency"]["name"] == "Pemerintah Kabupaten Karawang"
    verdict, violations = verdict_of(judge, output)
    assert verdict in ("pass", "warn"), violations
    assert "PASS" in out or "WARN" in out


def test_a_wrong_answer_is_asked_again(tmp_path):
    output = tmp_path / "m.yaml"
    answers = [
        "pengaduan jalan rusak",
        "Karawang",
        KARAWANG,
        "",
        "",
        "smoke-signals",
        "",
        "",
        "",
        "",
        "",
        "",
        "not-an-email",
        CONTACT,
        "",
        "",
        "",
        "",
        "",
        "",
        str(output),
    ]
    result = run("--no-check", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("Error:") >= 3  # agency code, channel, contact
    assert yaml.safe_load(output.read_text())["metadata"]["contact"] == CONTACT


def test_a_prompt_without_input_says_how_to_answer_not_internal_error(tmp_path):
    """Run from a script or CI with nothing on standard input, a prompt reads end-of-file:
    Click aborts, which used to be reported as an "internal error" to report as a bug."""
    result = run("--no-check", "--output", str(tmp_path / "m.yaml"), input="")
    assert result.exit_code == 2, result.output
    assert "no answer" in result.output and "-y" in result.output
    assert "internal error" not in result.output
    assert not (tmp_path / "m.yaml").exists()


def test_prompts_in_indonesian(tmp_path):
    result = run(
        "--lang",
        "id",
        "--no-check",
        "--agency-code",
        KARAWANG,
        "--contact",
        CONTACT,
        "--output",
        str(tmp_path / "m.yaml"),
        input="pengaduan jalan rusak\n" + "\n" * 20,
    )
    assert result.exit_code == 0, result.output
    assert "Untuk apa aplikasi ini?" in result.output and "Gunakan ulang sebelum membangun" in result.output


# --- flags, for scripts ----------------------------------------------------------------------------


def test_flags_and_yes_write_a_passing_manifest(tmp_path, judge):
    output = tmp_path / "manifests" / "kabupaten-karawang" / "lapor.yaml"
    result = run(*flags(output))
    assert result.exit_code == 0, result.output
    verdict, violations = verdict_of(judge, output)
    assert verdict in ("pass", "warn"), violations
    text = output.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (output.parent / first.split("$schema=", 1)[1]).resolve() == MANIFEST_SCHEMA.resolve()
    doc = yaml.safe_load(text)
    assert doc["spec"]["uses"]["identity"] == "SHARED-INAPAS"  # mandatory providers filled in
    assert doc["spec"]["hosting"] == {
        "provider": "pdn",
        "site": "PDN-JABODETABEK",
        "drSite": "PDN-BATAM",
        "country": "ID",
    }


def test_citizen_module_with_an_api_gets_the_bus_and_an_openapi_document(tmp_path, judge):
    output = tmp_path / "manifests" / "kabupaten-karawang" / "parkir.yaml"
    result = run(
        *flags(
            output,
            purpose="retribusi parkir tepi jalan",
            functions="LYN-PARKIR",
            kind="module",
            extends="SHARED-INAKU",
            channels="web,mobile,api",
            replaces="none",
        ),
        "--criticality",
        "high",
    )
    assert result.exit_code in (0, 1), result.output
    doc = yaml.safe_load(output.read_text())
    (api,) = doc["spec"]["interoperability"]["apis"]
    assert api["gateway"] == "SHARED-SPLP" and (output.parent / api["openapi"]).is_file()
    _verdict, violations = verdict_of(judge, output)
    assert not [v for v in violations if v.startswith(("SPBE-INT", "SPBE-HST", "SPBE-SHR"))], violations


def test_new_application_needs_a_justification(tmp_path, index, judge):
    owned_or_run = {c for c in index.taxonomy if index.owners(c) or index.agency_apps_with(KARAWANG, c)}
    free = sorted(c for c in index.taxonomy if c not in owned_or_run)
    if not free:
        pytest.skip("every function is owned or already run by Karawang in this registry")
    output = tmp_path / "new.yaml"
    common = flags(
        output, purpose="koordinasi internal", functions=free[0], kind="new", audience="internal", channels="web"
    )
    short = run(*common, "--justification", "Karena perlu.")
    assert short.exit_code == 2 and "SPBE-MOR-001" in short.output and not output.exists()
    reason = (
        "Tidak ada aplikasi terdaftar maupun layanan bersama yang menjalankan fungsi ini untuk "
        "kebutuhan internal Pemerintah Kabupaten Karawang; kami sudah memeriksa registri nasional."
    )
    result = run(*common, "--justification", reason)
    assert result.exit_code == 0, result.output
    verdict, violations = verdict_of(judge, output)
    assert verdict in ("pass", "warn"), violations


def test_yes_without_an_answer_that_has_no_default_says_which_flag(tmp_path):
    result = run("--purpose", "pengaduan", "--agency-code", KARAWANG, "--output", str(tmp_path / "m.yaml"), "--yes")
    assert result.exit_code == 2 and "--contact" in result.output
    assert not (tmp_path / "m.yaml").exists()


def test_refuses_to_overwrite_unless_forced(tmp_path):
    output = tmp_path / "m.yaml"
    output.write_text("keep me\n", encoding="utf-8")
    refused = run(*flags(output), "--no-check")
    assert refused.exit_code == 2 and "--force" in refused.output
    assert output.read_text() == "keep me\n"
    forced = run(*flags(output), "--no-check", "--force")
    assert forced.exit_code == 0 and "ApplicationProposal" in output.read_text()


# --- hostile answers -----------------------------------------------------------------------------

HOSTILE = [
    'Lapor", "extends": "SHARED-SPSE',
    "Lapor\nspec:\n  kind: new",
    "Lapor: {kind: new} # comment",
    "'; extends: X ---",
    "*anchor &alias !!python/object:os.system",
    '\\" \\n ${{ secrets.TOKEN }} {% raw %}',
]


@pytest.mark.parametrize("value", HOSTILE)
def test_yaml_string_keeps_any_value_inside_its_key(value):
    text = f"name: {yaml_string(value)}\nother: 1\n"
    assert yaml.safe_load(text) == {"name": value, "other": 1}


@pytest.mark.parametrize("value", ["module", "SHARED-LAPOR", "32.15", "yes", "null", "1e3", "a: b", "x #y"])
def test_yaml_plain_only_leaves_identifiers_unquoted(value):
    assert yaml.safe_load(f"k: {yaml_plain(value)}") == {"k": value}


def test_a_hostile_name_cannot_inject_keys(tmp_path):
    output = tmp_path / "m.yaml"
    name = 'Lapor", "extends": "SHARED-SPSE" } # kind: new'
    agency = "Pemerintah: {kind: new} 'Karawang'"
    result = run(*flags(output, name=name, **{"agency-name": agency}), "--no-check")
    assert result.exit_code == 0, result.output
    document = parse_yaml(output.read_text(encoding="utf-8"))  # the project's strict reader
    assert document.data["metadata"]["name"] == name and document.data["metadata"]["agency"]["name"] == agency
    assert set(document.data["metadata"]) == {"id", "name", "agency", "contact"}
    assert document.data["spec"]["extends"] == "SHARED-LAPOR"


def test_a_name_with_a_line_break_is_refused(tmp_path):
    result = run(*flags(tmp_path / "m.yaml", name="Lapor\nspec:\n  kind: new"), "--no-check")
    assert result.exit_code == 2 and "--name" in result.output
    assert not (tmp_path / "m.yaml").exists()


def test_rendered_manifest_always_matches_the_schema():
    answers = Answers(
        purpose="p",
        name='x"y',
        id="abc-def",
        agency_code="kemenkes",
        agency_name="Kemenkes",
        contact="a@b.go.id",
        kind="module",
        audience="public",
        channels=["web"],
        functions=["LYN-PENGADUAN"],
        extends="SHARED-INAKU",
        uses={"identity": "SHARED-INAPAS"},
        apis=[{"name": "abc", "openapi": "apis/abc.yaml"}],
    )
    from checker.judging.manifest import schema_violations

    document = parse_yaml(render_manifest(answers, "../schema.json", "SHARED-SPLP"))
    assert schema_violations(document.data, document.positions) == []
    assert json.dumps(document.data["metadata"]["name"]) == json.dumps('x"y')


def test_extends_alone_picks_its_proposal_and_an_unknown_host_is_refused(tmp_path):
    output = tmp_path / "m.yaml"
    result = run(*flags(output, extends="shared-lapor"), "--no-check")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(output.read_text())["spec"]["kind"] == "extension"
    unknown = run(*flags(tmp_path / "n.yaml", extends="APP-NOPE"), "--no-check")
    assert unknown.exit_code == 2 and "--extends" in unknown.output and "registry search" in unknown.output
