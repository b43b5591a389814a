"""A policy pack that knows itself (issue 14.3): a folder that is not a complete pack cannot judge (exit 2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.errors import CannotJudge
from checker.policy.policyset import load_policies

PROJECT = Path(__file__).resolve().parent.parent
FAILING_EXAMPLE = PROJECT / "manifests/kabupaten-karawang/lapor-warga.yaml"


def check(policies: Path | str, *extra: str) -> object:
    return CliRunner().invoke(main, ["check", str(FAILING_EXAMPLE), "--policies", str(policies), *extra])


def test_the_national_pack_is_complete_and_declares_every_rule_it_has() -> None:
    policies = load_policies(PROJECT / "policies")
    (pack,) = policies.packs
    assert pack.pack == "spbe" and pack.path == "spbe/pack.json"
    assert set(pack.rules) == set(policies.rules), "pack.json lists exactly the rules the pack's METADATA declares"
    assert check(PROJECT / "policies").exit_code == 1


@pytest.mark.parametrize(
    "folder,needle",
    [
        ("policies/spbe", "pack spbe is declared in pack.json"),
        ("policies/spbe/lib", "no pack.json declares what it must contain"),
        (".", "Pass policies instead"),
    ],
)
def test_a_folder_that_is_part_of_the_pack_cannot_judge(folder: str, needle: str, monkeypatch) -> None:
    """Issue 14.3: `--policies policies/spbe` and `policies/spbe/lib` judged a failing manifest as pass."""
    monkeypatch.chdir(PROJECT)
    result = check(folder)
    assert result.exit_code == 2, result.output
    assert needle in result.output
    indonesian = check(folder, "--lang", "id")
    assert indonesian.exit_code == 2 and "bukan paket kebijakan yang lengkap" in indonesian.output


def test_a_pack_missing_a_family_names_what_is_missing(tmp_path: Path) -> None:
    copy = tmp_path / "policies"
    shutil.copytree(PROJECT / "policies", copy)
    (copy / "spbe" / "hst.rego").unlink()
    result = check(copy)
    assert result.exit_code == 2, result.output
    assert "package spbe.hst" in result.output and "rule SPBE-HST-004" in result.output


def test_a_pack_without_its_data_is_incomplete(tmp_path: Path) -> None:
    copy = tmp_path / "policies"
    shutil.copytree(PROJECT / "policies", copy)
    shutil.rmtree(copy / "spbe" / "config")
    with pytest.raises(CannotJudge) as err:
        load_policies(copy)
    assert "data.spbe.config" in err.value.message.en


@pytest.mark.parametrize(
    "content,needle",
    [
        ("{", "Cannot read the pack declaration"),
        (json.dumps({"pack": "spbe", "packages": [], "rules": ["SPBE-HST-001"]}), "invalid at packages"),
        (json.dumps({"pack": "spbe", "packages": ["spbe.hst"], "rules": ["HST-1"]}), "invalid at rules/0"),
    ],
)
def test_a_malformed_declaration_cannot_judge(tmp_path: Path, content: str, needle: str) -> None:
    copy = tmp_path / "policies"
    shutil.copytree(PROJECT / "policies", copy)
    (copy / "spbe" / "pack.json").write_text(content)
    with pytest.raises(CannotJudge) as err:
        load_policies(copy)
    assert needle in err.value.message.en


def test_bundle_build_refuses_part_of_a_pack(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["bundle", "build", "--output", str(tmp_path / "b.tar.gz"), "--policies", str(PROJECT / "policies/spbe")]
    )
    assert result.exit_code == 2, result.output
    assert "pack spbe is declared in pack.json" in result.output
    assert not (tmp_path / "b.tar.gz").exists()
