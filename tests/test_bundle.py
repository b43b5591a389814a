"""`spbe-check bundle build`: a standard OPA bundle, reproducible byte for byte."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.bundle.build import build_bundle, bundle_entries, pack
from checker.cli.main import main
from checker.judging.evaluate import engine_data
from checker.policy.policyset import load_policies
from checker.registry.load import load_registry
from tests.conftest import TINY_PACK


def build(output: Path, policies: Path, registry: Path, *extra: str):
    return CliRunner().invoke(
        main,
        ["bundle", "build", "--output", str(output), "--policies", str(policies), "--registry", str(registry), *extra],
    )


def members(blob: bytes) -> dict[str, tuple[tarfile.TarInfo, bytes]]:
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        return {m.name: (m, tar.extractfile(m).read()) for m in tar.getmembers()}  # type: ignore[union-attr]


@pytest.fixture
def with_test_and_nested_data(tiny_policies: Path) -> Path:
    (tiny_policies / "spbe" / "demo_test.rego").write_text(
        "package spbe.demo_test\n\nimport rego.v1\n\ntest_x if true\n"
    )
    (tiny_policies / "spbe" / "lists").mkdir()
    (tiny_policies / "spbe" / "lists" / "data.json").write_text('{"sites": ["PDN-BATAM", "PDN-IKN"]}')
    return tiny_policies


def test_building_twice_gives_identical_bytes(tmp_path: Path, with_test_and_nested_data: Path, registry_file: Path):
    first, second = tmp_path / "a" / "bundle.tar.gz", tmp_path / "b" / "bundle.tar.gz"
    r1 = build(first, with_test_and_nested_data, registry_file)
    r2 = build(second, with_test_and_nested_data, registry_file)
    assert r1.exit_code == 0 and r2.exit_code == 0, r1.output + r2.output
    assert first.read_bytes() == second.read_bytes()
    digest = hashlib.sha256(first.read_bytes()).hexdigest()
    assert f"sha256 {digest}" in r1.output
    # Touching file times, or building from a copy elsewhere, changes nothing either.
    copy = tmp_path / "copy"
    for path in sorted(with_test_and_nested_data.rglob("*")):
        target = copy / path.relative_to(with_test_and_nested_data)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.write_bytes(path.read_bytes())
    third = tmp_path / "c.tar.gz"
    assert build(third, copy, registry_file).exit_code == 0
    assert third.read_bytes() == first.read_bytes()


def test_layout_is_what_OPA_expects(tmp_path: Path, with_test_and_nested_data: Path, registry_file: Path):
    out = tmp_path / "bundle.tar.gz"
    assert build(out, with_test_and_nested_data, registry_file).exit_code == 0
    blob = out.read_bytes()
    # gzip header: magic, deflate, no FNAME flag (no file name), mtime 0
    assert blob[:3] == b"\x1f\x8b\x08"
    assert blob[3] & 0x08 == 0
    assert blob[4:8] == b"\x00\x00\x00\x00"
    files = members(blob)
    assert list(files) == ["/.manifest", "/data.json", "/spbe/demo.rego"], "sorted; no tests, no nested data files"
    for info, _ in files.values():
        assert (info.mtime, info.uid, info.gid, info.uname, info.gname, info.mode) == (0, 0, 0, "", "", 0o644)
        assert info.isreg()
    policies = load_policies(with_test_and_nested_data)
    manifest = json.loads(files["/.manifest"][1])
    assert manifest["revision"] == policies.revision
    assert manifest["roots"] == ["spbe"]
    assert manifest["metadata"] == {
        "policyRevision": policies.revision,
        "registryRevision": "test-1",
        "packs": [json.loads(TINY_PACK)],
    }, "the pack declaration travels with the bundle"
    data = json.loads(files["/data.json"][1])
    expected = engine_data(policies, load_registry(registry_file))
    assert data == expected, "exactly what Judge gives the embedded engine"
    assert data["spbe"]["lists"] == {"sites": ["PDN-BATAM", "PDN-IKN"]}
    assert data["spbe"]["registry"]["revision"] == "test-1"
    assert (
        files["/data.json"][1]
        == json.dumps(expected, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    )
    assert files["/spbe/demo.rego"][1].decode() == (with_test_and_nested_data / "spbe" / "demo.rego").read_text()


def test_revision_option_and_registry_change_the_bundle(
    tmp_path: Path, tiny_policies: Path, registry_file: Path, tiny_registry
):
    named = tmp_path / "named.tar.gz"
    assert build(named, tiny_policies, registry_file, "--revision", "release-2026.11").exit_code == 0
    assert json.loads(members(named.read_bytes())["/.manifest"][1])["revision"] == "release-2026.11"
    default = tmp_path / "default.tar.gz"
    assert build(default, tiny_policies, registry_file).exit_code == 0
    tiny_registry["metadata"]["revision"] = "test-2"
    other = tmp_path / "other-registry.json"
    other.write_text(json.dumps(tiny_registry))
    changed = tmp_path / "changed.tar.gz"
    assert build(changed, tiny_policies, other).exit_code == 0
    assert changed.read_bytes() != default.read_bytes()
    assert build(tmp_path / "x.tar.gz", tiny_policies, registry_file, "--revision", " ").exit_code == 2


def test_policies_outside_the_root_are_refused(tmp_path: Path, tiny_policies: Path, registry_file: Path):
    (tiny_policies / "other.rego").write_text("package other\n\nimport rego.v1\n\nx := 1\n")
    result = build(tmp_path / "b.tar.gz", tiny_policies, registry_file)
    assert result.exit_code == 2 and "outside the bundle root 'spbe'" in result.output
    assert not (tmp_path / "b.tar.gz").exists()


def test_data_outside_the_root_is_refused(tmp_path: Path, tiny_policies: Path, registry_file: Path):
    (tiny_policies / "elsewhere").mkdir()
    (tiny_policies / "elsewhere" / "data.json").write_text("{}")
    result = build(tmp_path / "b.tar.gz", tiny_policies, registry_file)
    assert result.exit_code == 2 and "data.elsewhere" in result.output


def test_missing_inputs_and_unwritable_output_are_exit_2(tmp_path: Path, tiny_policies: Path, registry_file: Path):
    assert build(tmp_path / "b.tar.gz", tmp_path / "nope", registry_file).exit_code == 2
    assert build(tmp_path / "b.tar.gz", tiny_policies, tmp_path / "nope.json").exit_code == 2
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert build(blocker / "b.tar.gz", tiny_policies, registry_file).exit_code == 2


def test_pack_is_order_independent_and_library_build_matches_cli(
    tmp_path: Path, tiny_policies: Path, registry_file: Path
):
    policies = load_policies(tiny_policies)
    registry = load_registry(registry_file)
    entries = bundle_entries(policies, engine_data(policies, registry))
    assert pack(entries) == pack(list(reversed(entries)))
    out = tmp_path / "cli.tar.gz"
    assert build(out, tiny_policies, registry_file).exit_code == 0
    assert build_bundle(policies, engine_data(policies, registry), registry.revision) == out.read_bytes()
    assert gzip.decompress(out.read_bytes())[:512].count(b"\x00") > 0  # a plain tar inside
