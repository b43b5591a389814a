"""Bounded parsing (issue 14 items 4-6): hostile nesting, regexes and OpenAPI documents end in a verdict, never a crash or a hang.

Crashes are reproduced in a child process so that a SIGSEGV shows as a failing exit code
instead of killing pytest. No test here touches the network.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_ci import PASSING, GitRepo, base_files, with_api

DEEP_FLOW = "[" * 50_000 + "]" * 50_000 + "\n"


def _spbe_check(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def test_deep_flow_nesting_as_a_manifest_is_invalid_not_a_crash(tmp_path, tiny_policies, registry_file):
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP_FLOW, encoding="utf-8")
    result = _spbe_check(
        "check", str(path), "--format", "json", "--policies", str(tiny_policies), "--registry", str(registry_file)
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    violation = json.loads(result.stdout)["results"][0]["violations"][0]
    assert violation["rule"] == "SPBE-SCH-001" and "nested too deeply" in violation["message"]
    assert (violation["line"], violation["column"]) == (1, 66)


def test_deep_block_nesting_is_refused_with_its_position(tmp_path, tiny_policies, registry_file):
    block = "- " * 50_000 + "x\n"  # 50,000 nested block sequences in 100 KB
    path = tmp_path / "deep-block.yaml"
    path.write_text(block, encoding="utf-8")
    result = _spbe_check(
        "check", str(path), "--format", "json", "--policies", str(tiny_policies), "--registry", str(registry_file)
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    violation = json.loads(result.stdout)["results"][0]["violations"][0]
    assert "nested too deeply" in violation["message"] and (violation["line"], violation["column"]) == (1, 131)


@pytest.mark.parametrize(
    "document",
    [
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: " + DEEP_FLOW,
        '{"openapi": "3.0.3", "paths": ' + "[" * 50_000 + "]" * 50_000 + "}",
    ],
)
def test_deep_nesting_inside_an_openapi_document_is_a_finding_in_check_and_ci(tmp_path, document):
    repo = GitRepo(tmp_path / "repo")
    repo.commit("base", base_files())
    repo.branch("pr")
    repo.commit(
        "pr", {"manifests/karawang/api.yaml": with_api(PASSING, "../../apis/deep.yaml"), "apis/deep.yaml": document}
    )
    checked = _spbe_check(
        "check",
        "manifests/karawang/api.yaml",
        "--format",
        "json",
        "--policies",
        "policies",
        "--registry",
        "registry/registry.json",
        cwd=repo.root,
    )
    assert checked.returncode == 1, (checked.returncode, checked.stderr[-2000:])
    gated = _spbe_check(
        "ci",
        "--base",
        "main",
        "--repo",
        str(repo.root),
        "--no-post",
        "--format",
        "json",
        "--policies",
        str(repo.root / "policies"),
        "--registry",
        str(repo.root / "registry" / "registry.json"),
        cwd=repo.root,
    )
    assert gated.returncode == 1, (gated.returncode, gated.stderr[-2000:])
    for run in (checked, gated):
        [result] = json.loads(run.stdout)["results"]
        assert [v["rule"] for v in result["violations"]] == ["SPBE-INT-901"]


def test_the_gate_writes_at_most_the_readers_limit_of_an_openapi_blob(tmp_path):
    """A 3 MB OpenAPI document in a pull request is `too-large`, and only 2 MiB + 1 byte of it is written out."""
    from checker.gate import change as gate_change
    from checker.judging.openapi import MAX_OPENAPI_BYTES

    repo = GitRepo(tmp_path / "repo")
    repo.commit("base", base_files())
    repo.branch("pr")
    repo.commit(
        "pr",
        {
            "manifests/karawang/api.yaml": with_api(PASSING, "../../apis/big.yaml"),
            "apis/big.yaml": "openapi: 3.0.3\n# " + "x" * (3 * 1024 * 1024) + "\n",
        },
    )
    head = repo.repo.head.commit
    selection = gate_change.select(
        gate_change.changes_between(repo.repo.commit("main"), head),
        "manifests",
        gate_change.openapi_references(head, "manifests"),
    )
    dest = tmp_path / "out"
    gate_change.materialise_head(head, selection, dest)
    assert (dest / "apis" / "big.yaml").stat().st_size == MAX_OPENAPI_BYTES + 1
    gated = _spbe_check(
        "ci",
        "--base",
        "main",
        "--repo",
        str(repo.root),
        "--no-post",
        "--format",
        "json",
        "--policies",
        str(repo.root / "policies"),
        "--registry",
        str(repo.root / "registry" / "registry.json"),
        cwd=repo.root,
    )
    [result] = json.loads(gated.stdout)["results"]
    assert [v["message"] for v in result["violations"]] == ["OpenAPI document: too-large"]
