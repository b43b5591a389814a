"""`.spbe-check.yaml` (SPEC §5, issue 12 item 3): found walking up, keys are the long options.

Precedence command line > environment > file > defaults; a bad file is exit 2 with line
and column; paths are relative to the file; the gate reads the file from the base revision.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from git import Repo

from checker.cli.config import CONFIG_NAME, default_map, find_config, known_keys, read_config
from checker.cli.main import main
from tests.conftest import TINY_PACK, TINY_POLICY, TINY_REGISTRY, VALID_MANIFEST

FAILING = VALID_MANIFEST.replace("karawang-contoh", "karawang-parkir")


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    clean = {k: None for k in os.environ if k.startswith(("SPBE_CHECK_LANG", "SPBE_CHECK_REGISTRY", "GITHUB_"))}
    return CliRunner().invoke(main, list(args), env={**clean, **(env or {})}, catch_exceptions=False)


@pytest.fixture
def agency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An agency repository (a git work tree) with tiny policies and registry, cwd in a subfolder."""
    root = tmp_path / "agency"
    Repo.init(root, initial_branch="main")
    (root / "rules" / "spbe" / "config").mkdir(parents=True)
    (root / "rules" / "spbe" / "demo.rego").write_text(TINY_POLICY, encoding="utf-8")
    (root / "rules" / "spbe" / "config" / "data.json").write_text('{"preferred": "pdn"}', encoding="utf-8")
    (root / "rules" / "spbe" / "pack.json").write_text(TINY_PACK, encoding="utf-8")
    (root / "data").mkdir()
    (root / "data" / "registry.json").write_text(json.dumps(TINY_REGISTRY), encoding="utf-8")
    (root / "manifests" / "karawang").mkdir(parents=True)
    (root / "manifests" / "karawang" / "parkir.yaml").write_text(FAILING, encoding="utf-8")
    monkeypatch.chdir(root / "manifests")
    return root


def write_config(folder: Path, text: str) -> Path:
    path = folder / CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_settings_apply_with_paths_relative_to_the_file_found_walking_up(agency: Path) -> None:
    write_config(agency, "format: json\npolicies: rules\nregistry: data/registry.json\n")
    result = invoke("check", "karawang/parkir.yaml")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["registryRevision"] == "test-1"  # the tiny registry, found relative to the file
    assert {v["rule"] for v in report["results"][0]["violations"]} == {"SPBE-MOR-901"}  # the tiny policy


def test_command_line_beats_environment_beats_file_beats_default(agency: Path) -> None:
    write_config(agency, "format: json\nlang: id\npolicies: rules\nregistry: data/registry.json\n")
    from_file = invoke("check", "karawang/parkir.yaml", "--format", "text")
    assert from_file.stdout.startswith("GAGAL")  # --format from the command line, lang from the file
    from_env = invoke("check", "karawang/parkir.yaml", "--format", "text", env={"SPBE_CHECK_LANG": "en"})
    assert from_env.stdout.startswith("FAIL")
    assert json.loads(invoke("check", "karawang/parkir.yaml").stdout)["summary"]["fail"] == 1


def test_unknown_key_is_exit_2_with_line_column_and_a_suggestion(agency: Path) -> None:
    write_config(agency, "format: json\nregistri: data/registry.json\n")
    result = invoke("check", "karawang/parkir.yaml")
    assert result.exit_code == 2
    assert f"{CONFIG_NAME}:2:" in result.stderr and "unknown key 'registri'" in result.stderr
    assert "Did you mean 'registry'?" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    "text, where, says",
    [
        ("format: [json\n", ":2:", "YAML syntax error"),
        ("- format\n", ":1:1", "mapping of option names"),
        ("format: jsn\n", ":1:9", "invalid value for 'format'"),
        ("opa:\n  timeout: 0\n", ":2:12", "invalid value for 'opa-timeout'"),
        ("lang: en\nlang: id\n", ":2:1", "Duplicate key"),
        ("format: &a json\nlang: *a\n", ":1:9", "aliases"),
    ],
)
def test_malformed_file_is_exit_2_with_where_and_why(agency: Path, text: str, where: str, says: str) -> None:
    write_config(agency, text)
    result = invoke("check", "karawang/parkir.yaml")
    assert result.exit_code == 2, result.output
    assert where in result.stderr and says in result.stderr, result.stderr


def test_messages_in_bahasa_indonesia(agency: Path) -> None:
    write_config(agency, "formt: json\n")
    result = invoke("check", "karawang/parkir.yaml", env={"SPBE_CHECK_LANG": "id"})
    assert result.exit_code == 2 and "tidak dikenal" in result.stderr and "Maksud Anda 'format'?" in result.stderr


def test_the_walk_stops_at_the_repository_root(agency: Path) -> None:
    write_config(agency.parent, "format: json\n")  # above the repository: not the agency's
    assert find_config(agency / "manifests") is None
    write_config(agency, "format: json\n")
    assert find_config(agency / "manifests" / "karawang") == agency / CONFIG_NAME


def test_outside_a_repository_only_the_working_directory_counts(tmp_path: Path) -> None:
    write_config(tmp_path, "format: json\n")
    (tmp_path / "sub").mkdir()
    assert find_config(tmp_path / "sub") is None
    assert find_config(tmp_path) == tmp_path / CONFIG_NAME


def test_every_long_option_is_a_key_by_its_name_and_opa_block_maps_to_opa_options(tmp_path: Path) -> None:
    keys = known_keys(main)
    assert {
        "registry",
        "policies",
        "waivers",
        "lang",
        "manifests",
        "engine",
        "format",
        "opa-url",
        "opa-timeout",
    } <= set(keys)
    config = read_config(
        b"opa:\n  url: https://opa.example.go.id\n  retries: 1\nquiet: true\nwaivers: w.yaml\n", "cfg", tmp_path
    )
    tree = default_map(main, config)
    assert tree["check"]["opa_url"] == "https://opa.example.go.id" and tree["ci"]["opa_retries"] == 1
    assert tree["check"]["quiet"] is True
    assert tree["check"]["waivers"] == str(tmp_path / "w.yaml")


def test_a_new_option_is_configurable_without_touching_the_config_module(tmp_path: Path) -> None:
    @click.group()
    def root() -> None: ...

    @root.command()
    @click.option("--fail-on", type=click.Choice(["deny", "warn"]), default="deny")
    def check(fail_on: str) -> None:
        click.echo(fail_on)

    config = read_config(b"fail-on: warn\n", "cfg", tmp_path)
    assert default_map(root, config) == {"check": {"fail_on": "warn"}}
    result = CliRunner().invoke(root, ["check"], default_map=default_map(root, config))
    assert result.output == "warn\n"


def test_empty_or_comment_only_file_sets_nothing(agency: Path) -> None:
    write_config(agency, "# settings for spbe-check\n")
    result = invoke(
        "check",
        "karawang/parkir.yaml",
        "--policies",
        str(agency / "rules"),
        "--registry",
        str(agency / "data" / "registry.json"),
    )
    assert result.exit_code == 1 and result.stdout.startswith("FAIL")


# --- the gate: the file comes from the base revision --------------------------------------------------


def commit_all(repo: Repo, message: str) -> None:
    repo.git.add(A=True)
    repo.git.commit("-m", message)


@pytest.fixture
def gate_repo(agency: Path) -> Repo:
    repo = Repo(agency)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test").set_value("user", "email", "test@example.invalid")
    (agency / "manifests" / "karawang" / "parkir.yaml").unlink()
    write_config(agency, "format: json\npolicies: rules\nregistry: data/registry.json\n")
    commit_all(repo, "base")
    repo.git.checkout("-b", "pr")
    return repo


def run_gate(agency: Path) -> Any:
    return invoke("ci", "--base", "main", "--repo", str(agency), "--no-post")


def test_gate_uses_the_base_revisions_settings_not_the_pull_requests(gate_repo: Repo, agency: Path) -> None:
    (agency / "manifests" / "karawang" / "parkir.yaml").write_text(FAILING, encoding="utf-8")
    write_config(agency, "format: text\npolicies: elsewhere\nregistry: nowhere.json\n")  # the PR's own settings
    commit_all(gate_repo, "propose, and try to change the gate's settings")
    result = run_gate(agency)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)  # format: json, from the base revision
    assert report["registryRevision"] == "test-1"
    assert "policies: rules at the target branch tip" in result.stderr


def test_gate_refuses_a_bad_settings_file_in_the_base(gate_repo: Repo, agency: Path) -> None:
    gate_repo.git.checkout("main")
    write_config(agency, "format: json\nplicies: rules\n")
    commit_all(gate_repo, "typo in the settings")
    gate_repo.git.checkout("-b", "pr2")
    result = run_gate(agency)
    assert result.exit_code == 2 and "(trusted " in result.stderr and "Did you mean 'policies'?" in result.stderr


def test_init_writes_a_config_the_tool_then_reads(agency: Path) -> None:
    result = invoke(
        "init",
        "--write-config",
        "--policies",
        str(agency / "rules"),
        "--registry",
        str(agency / "data" / "registry.json"),
        "--lang",
        "id",
    )
    assert result.exit_code == 0, result.output
    written = (agency / CONFIG_NAME).read_text(encoding="utf-8")
    assert (
        'policies: "rules"' in written and 'registry: "data/registry.json"' in written and "# format: text" in written
    )
    judged = invoke("check", "karawang/parkir.yaml")
    assert judged.exit_code == 1 and judged.stdout.startswith("GAGAL")  # lang: id, tiny rules, from the file
    again = invoke("init", "--write-config")
    assert again.exit_code == 2 and "sudah ada" in again.stderr  # refuses to overwrite; lang: id from the file
