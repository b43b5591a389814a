"""`spbe-check ci` on real git repositories, `registry add`, and the GitHub workflows and action.

Every repository here is built with GitPython in a temporary folder: a `main` branch
with policies, a registry and manifests, and a pull-request branch on top of it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from git import Repo

from checker.cli.main import main
from checker.gate import change as gate_change
from checker.gate import git_view as gate_git
from checker.gate import trusted as gate_trusted
from checker.gate.registry_add import agency_level, app_id, next_revision
from checker.judging.waivers import today_in_jakarta
from tests.conftest import TINY_PACK, TINY_POLICY, TINY_REGISTRY, VALID_MANIFEST

PROJECT = Path(__file__).resolve().parent.parent
EXPIRES = (today_in_jakarta() + dt.timedelta(days=300)).isoformat()  # within every rule's longest waiver (365 days)

# Under TINY_POLICY: LYN-PARKIR is run by registered apps (deny), a non-PDN host warns.
FAILING = VALID_MANIFEST.replace("karawang-contoh", "karawang-parkir")
PASSING = VALID_MANIFEST.replace("[LYN-PARKIR]", "[LYN-LAINNYA]").replace("karawang-contoh", "karawang-baru")
EXISTING = VALID_MANIFEST.replace("[LYN-PARKIR]", "[LYN-LAINNYA]").replace("karawang-contoh", "karawang-lama")
WARNING = PASSING.replace("provider: pdn", "provider: gov-cloud").replace("karawang-baru", "karawang-awan")
DISABLED_POLICY = "package spbe.demo\n\nimport rego.v1\n"

# A rule on the OpenAPI fact, so the tests see which OpenAPI documents the gate read.
OPENAPI_POLICY = """package spbe.api

import rego.v1

# METADATA
# title: Exposed APIs have an OpenAPI 3 document
# custom:
#   id: SPBE-INT-901
#   severity: deny
#   remediation:
#     en: Commit the OpenAPI 3 document.
#     id: Simpan dokumen OpenAPI 3.
deny contains v if {
	some i, api in input.facts.openapi
	api.status != "ok"
	v := {"rule": "SPBE-INT-901", "field": sprintf("spec.interoperability.apis[%d].openapi", [i]),
	      "message": {"en": sprintf("OpenAPI document: %s", [api.status]), "id": sprintf("Dokumen OpenAPI: %s", [api.status])}}
}
"""
OPENAPI_DOC = "openapi: 3.0.3\ninfo: {title: Laporan, version: '1'}\npaths: {}\n"


def with_api(manifest: str, ref: str) -> str:
    return manifest.replace(
        "  hosting:\n",
        f"  interoperability:\n    apis:\n      - name: laporan\n        openapi: {ref}\n"
        "        gateway: direct\n  hosting:\n",
    )


class GitRepo:
    """A real repository on disk, driven with GitPython."""

    def __init__(self, root: Path):
        self.root = root
        self.repo = Repo.init(root, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "Test")
            config.set_value("user", "email", "test@example.invalid")
            config.set_value("commit", "gpgsign", "false")

    def write(self, files: dict[str, str | None]) -> None:
        for rel, content in files.items():
            path = self.root / rel
            if content is None:
                self.repo.index.remove([rel], working_tree=True)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")

    def commit(self, message: str, files: dict[str, str | None] | None = None) -> str:
        if files:
            self.write(files)
        self.repo.git.add(A=True)
        self.repo.git.commit("-m", message, "--allow-empty")
        return self.repo.head.commit.hexsha

    def branch(self, name: str, start: str = "main") -> None:
        self.repo.git.checkout("-b", name, start)

    def checkout(self, name: str) -> None:
        self.repo.git.checkout(name)

    @property
    def head(self) -> str:
        return self.repo.head.commit.hexsha


def base_files() -> dict[str, str]:
    return {
        "policies/spbe/demo.rego": TINY_POLICY,
        "policies/spbe/api.rego": OPENAPI_POLICY,
        "policies/spbe/config/data.json": '{"preferred": "pdn"}',
        "policies/spbe/pack.json": TINY_PACK,
        "registry/registry.json": json.dumps(TINY_REGISTRY, indent=2),
        "manifests/karawang/lama.yaml": EXISTING,
        "apis/README.md": "OpenAPI documents live here.\n",
        "README.md": "Registry repository\n",
    }


@pytest.fixture
def gitrepo(tmp_path: Path) -> GitRepo:
    """`main` with policies, registry and one passing manifest; checked out on a new branch `pr`."""
    repo = GitRepo(tmp_path / "registry-repo")
    repo.commit("base: policies, registry, one manifest", base_files())
    repo.branch("pr")
    return repo


def run_ci(repo: GitRepo, *extra: str, env: dict[str, str] | None = None, base: str = "main") -> Any:
    """`spbe-check ci` on `repo` with the repository's own (in-tree, hence base-revision) rules."""
    args = [
        "ci",
        "--base",
        base,
        "--repo",
        str(repo.root),
        "--policies",
        str(repo.root / "policies"),
        "--registry",
        str(repo.root / "registry" / "registry.json"),
        *extra,
    ]
    clean = {k: None for k in os.environ if k.startswith(("GITHUB_", "GITLAB_", "CI_"))}  # the host CI's own variables
    return CliRunner().invoke(main, args, env={**clean, **(env or {})}, catch_exceptions=False)


def judged_files(result: Any) -> list[str]:
    return [r["file"] for r in json.loads(result.stdout)["results"]]


# --- which files are judged ---------------------------------------------------------------


def test_added_failing_manifest_is_the_only_one_judged(gitrepo: GitRepo) -> None:
    gitrepo.commit("propose parking app", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1, result.output
    assert judged_files(result) == ["manifests/karawang/parkir.yaml"]  # repository-relative, lama.yaml untouched
    assert json.loads(result.stdout)["results"][0]["violations"][0]["rule"] == "SPBE-MOR-901"


def test_added_passing_manifest_passes(gitrepo: GitRepo) -> None:
    gitrepo.commit("propose", {"manifests/karawang/baru.yaml": PASSING})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"] == {"pass": 1, "warn": 0, "fail": 0, "invalid": 0}


def test_warning_only_exits_0(gitrepo: GitRepo) -> None:
    gitrepo.commit("propose", {"manifests/karawang/awan.yml": WARNING})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["warn"] == 1


def test_no_manifest_change_passes_with_a_clear_message(gitrepo: GitRepo) -> None:
    gitrepo.commit(
        "docs and an unreferenced OpenAPI file",
        {"README.md": "Changed\n", "apis/laporan.yaml": OPENAPI_DOC, "docs/manifest-like.yaml": FAILING},
    )
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"] == []
    assert "no manifest changes under manifests/" in result.stderr
    assert "nothing to judge" in result.stderr


def test_deleted_manifest_is_not_judged(gitrepo: GitRepo) -> None:
    gitrepo.commit("retire", {"manifests/karawang/lama.yaml": None})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 0
    assert judged_files(result) == []


def test_renamed_manifest_is_judged_under_its_new_path(gitrepo: GitRepo) -> None:
    gitrepo.repo.git.mv("manifests/karawang/lama.yaml", "manifests/karawang/lama-renamed.yaml")
    gitrepo.commit("rename")
    assert [c.change for c in gate_change.changes_between(gitrepo.repo.commit("main"), gitrepo.repo.head.commit)] == [
        "R"
    ]
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert judged_files(result) == ["manifests/karawang/lama-renamed.yaml"]


def test_renamed_out_of_the_manifests_folder_is_not_judged(gitrepo: GitRepo) -> None:
    gitrepo.repo.git.mv("manifests/karawang/lama.yaml", "README-lama.yaml")
    gitrepo.commit("move out")
    assert judged_files(run_ci(gitrepo, "--format", "json", "--no-post")) == []


def test_modified_manifest_is_judged(gitrepo: GitRepo) -> None:
    gitrepo.commit("now parking", {"manifests/karawang/lama.yaml": EXISTING.replace("[LYN-LAINNYA]", "[LYN-PARKIR]")})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1
    assert judged_files(result) == ["manifests/karawang/lama.yaml"]


def test_invalid_manifest_fails_and_hidden_folders_are_skipped(gitrepo: GitRepo) -> None:
    gitrepo.commit("broken", {"manifests/karawang/broken.yaml": "apiVersion: [", "manifests/.drafts/x.yaml": FAILING})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1
    assert judged_files(result) == ["manifests/karawang/broken.yaml"]
    assert json.loads(result.stdout)["results"][0]["verdict"] == "invalid"


def test_custom_manifests_folder(gitrepo: GitRepo) -> None:
    gitrepo.commit("elsewhere", {"proposals/parkir.yaml": FAILING, "manifests/karawang/baru.yaml": PASSING})
    result = run_ci(gitrepo, "--format", "json", "--no-post", "--manifests", "proposals/")
    assert judged_files(result) == ["proposals/parkir.yaml"]
    assert result.exit_code == 1


def test_only_changes_since_the_merge_base_are_judged(gitrepo: GitRepo) -> None:
    gitrepo.commit("propose", {"manifests/karawang/baru.yaml": PASSING})
    gitrepo.checkout("main")
    gitrepo.commit("main moves on with a failing manifest", {"manifests/other/parkir.yaml": FAILING})
    gitrepo.checkout("pr")
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 0
    assert judged_files(result) == ["manifests/karawang/baru.yaml"]


def test_a_non_utf8_file_name_does_not_hide_a_failing_manifest(gitrepo: GitRepo) -> None:
    """Issue 14.1: `docs/readme-\\xe9.txt` in the same PR made the gate say "nothing to judge" and exit 0."""
    bandung = FAILING.replace("karawang-parkir", "bandung-parkir").replace('"32.15"', '"32.73"')
    gitrepo.commit(
        "Bandung's parking app, and a readme",
        {"manifests/kota-bandung/parkir.yaml": bandung, os.fsdecode(b"docs/readme-\xe9.txt"): "hi\n"},
    )
    changes = gate_change.changes_between(gitrepo.repo.commit("main"), gitrepo.repo.head.commit)
    assert [gate_git.display_path(c.path) for c in changes] == [
        "docs/readme-\\xe9.txt",
        "manifests/kota-bandung/parkir.yaml",
    ]
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1, result.output
    assert judged_files(result) == ["manifests/kota-bandung/parkir.yaml"]
    assert "nothing to judge" not in result.stderr and "1 other changed file(s) not judged" in result.stderr


def test_a_manifest_with_a_non_utf8_name_is_judged_and_named_with_escapes(gitrepo: GitRepo) -> None:
    gitrepo.commit("odd name", {os.fsdecode(b"manifests/karawang/parkir-\xff.yaml"): FAILING})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1, result.output
    assert judged_files(result) == ["manifests/karawang/parkir-\\xff.yaml"]
    text = run_ci(gitrepo, "--no-post")
    assert text.exit_code == 1 and "parkir-\\xff.yaml" in text.stdout


@pytest.mark.parametrize(
    "name", ['a"b.yaml', "new\nline.yaml", "tab\there.yaml", "caf\u00e9 \\ back.yaml", "-dash.yaml"]
)
def test_names_git_would_quote_are_judged(gitrepo: GitRepo, name: str) -> None:
    gitrepo.commit("quoted name", {f"manifests/karawang/{name}": FAILING})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1, result.output
    assert judged_files(result) == [f"manifests/karawang/{name}"]


def test_renames_and_deletions_are_read_from_the_raw_diff(gitrepo: GitRepo) -> None:
    gitrepo.repo.git.mv("manifests/karawang/lama.yaml", os.fsdecode(b"manifests/karawang/lama-\xe9.yaml"))
    gitrepo.commit("rename to a non-UTF-8 name", {"README.md": None})
    changes = gate_change.changes_between(gitrepo.repo.commit("main"), gitrepo.repo.head.commit)
    assert [(gate_git.display_path(c.path), c.change, c.old_path) for c in changes] == [
        ("README.md", "D", None),
        ("manifests/karawang/lama-\\xe9.yaml", "R", "manifests/karawang/lama.yaml"),
    ]


# --- trusted inputs come from the base revision ----------------------------------------------


def test_pr_that_disables_the_policies_is_judged_with_the_base_policies(gitrepo: GitRepo) -> None:
    gitrepo.commit(
        "add a failing manifest and disable the rules",
        {
            "manifests/karawang/parkir.yaml": FAILING,
            "policies/spbe/demo.rego": DISABLED_POLICY,
            "policies/spbe/api.rego": None,
        },
    )
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1, result.output
    assert judged_files(result) == ["manifests/karawang/parkir.yaml"]
    assert "policies/spbe/demo.rego" in result.stderr and "version in the base revision" in result.stderr


def test_pr_cannot_weaken_the_registry_or_waive_itself(gitrepo: GitRepo) -> None:
    registry = json.loads(json.dumps(TINY_REGISTRY))
    registry["apps"] = [a for a in registry["apps"] if "LYN-PARKIR" not in a["functions"]]
    waivers = (
        "apiVersion: spbe.go.id/v1\nkind: WaiverList\nwaivers:\n  - manifest: karawang-parkir\n"
        "    rule: SPBE-MOR-901\n    reason: self-granted\n    approvedBy: me\n    decree: X-1\n    expires: "
        + EXPIRES
        + "\n"
    )
    gitrepo.commit(
        "drop the parking apps, waive myself",
        {
            "manifests/karawang/parkir.yaml": FAILING,
            "registry/registry.json": json.dumps(registry),
            "policies/waivers.yaml": waivers,
        },
    )
    # The waiver file does not exist in the base revision: the gate refuses to judge with it.
    refused = run_ci(gitrepo, "--no-post", "--waivers", str(gitrepo.root / "policies" / "waivers.yaml"))
    assert refused.exit_code == 2
    assert "not in the base revision" in refused.stderr
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1
    assert {s["id"] for v in json.loads(result.stdout)["results"][0]["violations"] for s in v["suggestions"]} == {
        "APP-000001",
        "APP-000002",
    }


def test_waivers_in_the_base_apply(gitrepo: GitRepo) -> None:
    waivers = (
        "apiVersion: spbe.go.id/v1\nkind: WaiverList\nwaivers:\n  - manifest: karawang-parkir\n"
        '    agency: "32.15"\n    rule: SPBE-MOR-901\n    reason: migration\n    approvedBy: KemenPANRB\n'
        "    decree: B-1/2026\n    expires: " + EXPIRES + "\n"
    )
    gitrepo.checkout("main")
    gitrepo.commit("policy owners grant a waiver", {"policies/waivers.yaml": waivers})
    gitrepo.checkout("pr")
    gitrepo.repo.git.rebase("main")
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, "--format", "json", "--no-post", "--waivers", str(gitrepo.root / "policies/waivers.yaml"))
    assert result.exit_code == 0, result.output
    assert all(v["waived"] for v in json.loads(result.stdout)["results"][0]["violations"])


LAPOR_WARGA = (PROJECT / "manifests/kabupaten-karawang/lapor-warga.yaml").read_text(encoding="utf-8")
KARAWANG_WAIVERS = """apiVersion: spbe.go.id/v1
kind: WaiverList
waivers:
""" + "".join(
    f"""  - manifest: karawang-lapor-warga
    agency: "32.15"
    rule: {rule}
    reason: Approved for Karawang only
    approvedBy: Deputi Bidang Kelembagaan dan Tata Laksana, KemenPANRB
    decree: B-{n}/M.PANRB/2026
    expires: {EXPIRES}
"""
    for n, rule in enumerate(("SPBE-MOR-006", "SPBE-MOR-002", "SPBE-SHR-001"), start=1)
)


def as_bandung(manifest: str) -> str:
    return manifest.replace('code: "32.15"', 'code: "32.73"').replace(
        "Pemerintah Kabupaten Karawang", "Pemerintah Kota Bandung"
    )


@pytest.fixture
def karawang_repo(tmp_path: Path) -> GitRepo:
    """The issue's setup: main holds Karawang's lapor-warga manifest and its three approved waivers."""
    repo = GitRepo(tmp_path / "karawang")
    repo.commit(
        "Karawang's proposal and its waivers",
        {
            "manifests/kabupaten-karawang/lapor-warga.yaml": LAPOR_WARGA,
            "waivers.yaml": KARAWANG_WAIVERS,
            "manifests/kabupaten-karawang/apis/laporan.yaml": (
                PROJECT / "manifests/kabupaten-karawang/apis/laporan.yaml"
            ).read_text(),
        },
    )
    repo.branch("pr")
    return repo


def run_real_ci(repo: GitRepo, *extra: str) -> Any:
    """The project's own policy pack and sample registry (outside the temporary repository, so used as given)."""
    return run_ci(
        repo,
        "--policies",
        str(PROJECT / "policies"),
        "--registry",
        str(PROJECT / "registry/national-registry.json.gz"),
        "--waivers",
        str(repo.root / "waivers.yaml"),
        "--format",
        "json",
        "--no-post",
        *extra,
    )


def test_the_waived_original_passes_on_its_own_id(karawang_repo: GitRepo) -> None:
    karawang_repo.commit(
        "Karawang edits its description",
        {"manifests/kabupaten-karawang/lapor-warga.yaml": LAPOR_WARGA.replace("Citizens report", "Residents report")},
    )
    result = run_real_ci(karawang_repo)
    assert result.exit_code == 0, result.output
    assert all(v["waived"] for v in json.loads(result.stdout)["results"][0]["violations"] if v["severity"] == "deny")


def test_another_agency_cannot_take_an_id_and_its_waivers(karawang_repo: GitRepo) -> None:
    """Issue 14.2: Kota Bandung adds a manifest with `metadata.id: karawang-lapor-warga`."""
    karawang_repo.commit(
        "Bandung borrows Karawang's id", {"manifests/kota-bandung/lapor.yaml": as_bandung(LAPOR_WARGA)}
    )
    result = run_real_ci(karawang_repo)
    assert result.exit_code == 1, result.output
    (only,) = json.loads(result.stdout)["results"]
    assert only["file"] == "manifests/kota-bandung/lapor.yaml" and only["verdict"] == "invalid"
    (violation,) = only["violations"]
    line = next(n for n, text in enumerate(LAPOR_WARGA.splitlines(), 1) if text.startswith("  id:"))
    assert (violation["rule"], violation["field"], violation["line"], violation["column"]) == (
        "SPBE-SCH-004",
        "metadata.id",
        line,
        7,
    )
    assert "manifests/kabupaten-karawang/lapor-warga.yaml (agency 32.15)" in violation["message"]
    indonesian = run_real_ci(karawang_repo, "--lang", "id")
    assert "sudah dipakai oleh manifests/kabupaten-karawang/lapor-warga.yaml (instansi 32.15)" in indonesian.stdout


def test_an_id_taken_on_the_target_branch_after_the_pr_branched_counts(karawang_repo: GitRepo) -> None:
    karawang_repo.commit(
        "Bandung proposes",
        {
            "manifests/kota-bandung/lapor.yaml": as_bandung(LAPOR_WARGA).replace(
                "karawang-lapor-warga", "lapor-warga-baru"
            )
        },
    )
    karawang_repo.checkout("main")
    karawang_repo.commit(
        "someone else took the id",
        {
            "manifests/kota-bogor/lapor.yaml": LAPOR_WARGA.replace("karawang-lapor-warga", "lapor-warga-baru").replace(
                'code: "32.15"', 'code: "32.71"'
            )
        },
    )
    karawang_repo.checkout("pr")
    result = run_real_ci(karawang_repo, "--trusted-ref", "main")
    assert result.exit_code == 1, result.output
    assert (
        "manifests/kota-bogor/lapor.yaml (agency 32.71)"
        in json.loads(result.stdout)["results"][0]["violations"][0]["message"]
    )


def test_a_waiver_for_another_agency_is_not_applied_and_the_report_says_why(karawang_repo: GitRepo) -> None:
    # The id is free in the repository (the original moved away), but the waivers were granted to Karawang.
    karawang_repo.commit(
        "Karawang's file leaves; Bandung takes the free id",
        {
            "manifests/kabupaten-karawang/lapor-warga.yaml": None,
            "manifests/kota-bandung/lapor.yaml": as_bandung(LAPOR_WARGA),
        },
    )
    result = run_real_ci(karawang_repo)
    assert result.exit_code == 1, result.output
    violations = json.loads(result.stdout)["results"][0]["violations"]
    refused = [v for v in violations if "refusedWaiver" in v]
    assert len(refused) == 3 and not any(v["waived"] for v in violations)
    assert "granted to agency 32.15, not to this manifest's agency 32.73" in refused[0]["waiverNote"]


def test_a_waiver_without_agency_is_read_but_not_applied_to_an_added_manifest(karawang_repo: GitRepo) -> None:
    karawang_repo.checkout("main")
    karawang_repo.commit(
        "an old waiver file, before waivers named agencies",
        {"waivers.yaml": KARAWANG_WAIVERS.replace('    agency: "32.15"\n', "")},
    )
    karawang_repo.checkout("pr")
    karawang_repo.repo.git.rebase("main")
    edited = run_real_ci_after(karawang_repo, {"manifests/kabupaten-karawang/lapor-warga.yaml": LAPOR_WARGA + "\n"})
    assert edited.exit_code == 0, edited.output  # an existing proposal keeps its waivers
    assert "is not bound to an agency" in edited.stderr
    notes = [v.get("waiverNote", "") for v in json.loads(edited.stdout)["results"][0]["violations"]]
    assert any("not bound to an agency" in note for note in notes), notes
    # The id is free on main (the manifest was withdrawn); a change that adds it back is a new proposal.
    karawang_repo.checkout("main")
    karawang_repo.commit("withdrawn", {"manifests/kabupaten-karawang/lapor-warga.yaml": None})
    karawang_repo.branch("pr2")
    added = run_real_ci_after(karawang_repo, {"manifests/kabupaten-karawang/lapor-warga.yaml": LAPOR_WARGA})
    assert added.exit_code == 1, added.output
    violations = json.loads(added.stdout)["results"][0]["violations"]
    assert not any(v["waived"] for v in violations)
    assert any("this change adds the manifest" in v.get("waiverNote", "") for v in violations)


def run_real_ci_after(repo: GitRepo, files: dict[str, str | None]) -> Any:
    repo.commit("change", files)
    return run_real_ci(repo)


def test_rules_come_from_the_target_branch_tip_not_the_merge_base(gitrepo: GitRepo) -> None:
    """Issue 16.1: main revoked a waiver after the PR branched; the PR must not be judged with it."""
    waiver = (
        'apiVersion: spbe.go.id/v1\nkind: WaiverList\nwaivers:\n  - manifest: karawang-parkir\n    agency: "32.15"\n'
        "    rule: SPBE-MOR-901\n    reason: migration\n    approvedBy: KemenPANRB\n    decree: B-1/2026\n    expires: "
        + EXPIRES
        + "\n"
    )
    gitrepo.checkout("main")
    gitrepo.commit("grant a waiver", {"policies/waivers.yaml": waiver})
    gitrepo.branch("old-pr")
    gitrepo.commit("propose parking", {"manifests/karawang/parkir.yaml": FAILING})
    pr_head = gitrepo.head
    gitrepo.checkout("main")
    gitrepo.commit("revoke the waiver", {"policies/waivers.yaml": waiver.split("waivers:")[0] + "waivers: []\n"})
    gitrepo.checkout("old-pr")
    waivers = ("--waivers", str(gitrepo.root / "policies/waivers.yaml"))
    judged = run_ci(gitrepo, "--format", "json", "--no-post", "--head", pr_head, *waivers)
    assert judged.exit_code == 1, judged.output
    assert not any(v["waived"] for v in json.loads(judged.stdout)["results"][0]["violations"])
    assert "at the target branch tip" in judged.stderr and "(tip of main)" in judged.stderr
    # The change is still what the PR adds since the merge base: main's own later commits are not judged.
    assert judged_files(judged) == ["manifests/karawang/parkir.yaml"]
    # Only an explicit choice of the old revision brings the old rules back.
    merge_base = gitrepo.repo.merge_base("main", pr_head)[0].hexsha
    old_rules = run_ci(gitrepo, "--format", "json", "--no-post", "--trusted-ref", merge_base, *waivers)
    assert old_rules.exit_code == 0, old_rules.output


def test_trusted_ref_must_contain_the_merge_base(gitrepo: GitRepo) -> None:
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    gitrepo.checkout("main")
    gitrepo.branch("elsewhere")
    gitrepo.commit("unrelated line of work", {"README.md": "x\n"})
    gitrepo.repo.git.reset("--hard", "HEAD~1")
    gitrepo.repo.git.commit("--amend", "-m", "rewritten base", "--allow-empty")
    gitrepo.checkout("pr")
    result = run_ci(gitrepo, "--no-post", "--trusted-ref", "elsewhere")
    assert result.exit_code == 2
    assert "does not contain the merge base" in result.stderr


def test_trusted_ref_from_the_ci_environment(tmp_path: Path) -> None:
    from checker.gate import forge

    event = tmp_path / "event.json"
    event.write_text(
        json.dumps({"pull_request": {"base": {"sha": "a" * 40, "ref": "main"}, "head": {"sha": "b" * 40}}})
    )
    github = forge.detected_revisions({"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event)})
    assert gate_trusted.trusted_ref_from(github.forge, github.target_branch, github.target_sha) == (
        "origin/main",
        "a" * 40,
    )
    assert gate_trusted.trusted_ref_from("github", None, "a" * 40) == ("a" * 40,)
    gitlab = forge.detected_revisions(
        {
            "GITLAB_CI": "true",
            "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
            "CI_MERGE_REQUEST_TARGET_BRANCH_SHA": "c" * 40,
            "CI_MERGE_REQUEST_DIFF_BASE_SHA": "d" * 40,
        }
    )
    assert gate_trusted.trusted_ref_from(gitlab.forge, gitlab.target_branch, gitlab.target_sha) == (
        "c" * 40,
        "origin/main",
    )
    assert gate_trusted.trusted_ref_from("gitlab", "main", None) == ("origin/main",)
    assert gate_trusted.trusted_ref_from("github", None, None) == ()


def test_the_first_trusted_candidate_that_exists_is_used(gitrepo: GitRepo) -> None:
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    repo = gitrepo.repo
    rev = gate_git.pull_request_revisions(repo, "main", "HEAD", ("origin/main", repo.commit("main").hexsha))
    assert rev.trusted == repo.commit("main") and rev.trusted_ref == repo.commit("main").hexsha
    repo.create_remote("origin", str(gitrepo.root)).fetch()
    assert gate_git.pull_request_revisions(repo, "main", "HEAD", ("origin/main", "nope")).trusted_ref == "origin/main"
    with pytest.raises(gate_git.CannotJudge) as err:
        gate_git.pull_request_revisions(repo, "main", "HEAD", ("nope", "still-nope"))
    assert "'nope'" in err.value.message.en
    # A stale candidate that does not contain the merge base is passed over for the next one.
    repo.git.update_ref("refs/remotes/origin/main", repo.commit("main").hexsha)
    gitrepo.checkout("main")
    gitrepo.commit("main moves on", {"README.md": "newer\n"})
    gitrepo.checkout("pr")
    gitrepo.repo.git.rebase("main")
    picked = gate_git.pull_request_revisions(repo, "main", "HEAD", ("origin/main", "main"))
    assert picked.trusted_ref == "main" and picked.trusted == repo.commit("main")


def test_a_detected_diff_base_is_never_the_trusted_revision(gitrepo: GitRepo) -> None:
    """GitLab's CI_MERGE_REQUEST_DIFF_BASE_SHA is the merge base: without a target branch the gate will not judge."""
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    env = {"GITLAB_CI": "true", "CI_MERGE_REQUEST_DIFF_BASE_SHA": gitrepo.repo.commit("main").hexsha}
    args = [
        "ci",
        "--repo",
        str(gitrepo.root),
        "--no-post",
        "--policies",
        str(gitrepo.root / "policies"),
        "--registry",
        str(gitrepo.root / "registry" / "registry.json"),
    ]
    result = CliRunner().invoke(
        main, args, env={**{k: None for k in os.environ if k.startswith(("GITHUB_", "CI_", "GITLAB"))}, **env}
    )
    assert result.exit_code == 2, result.output
    assert "pass --trusted-ref" in result.output


@pytest.mark.parametrize("folder", ["policies/spbe", "policies/spbe/config"])
def test_gate_with_part_of_the_policy_pack_cannot_judge(gitrepo: GitRepo, folder: str) -> None:
    """Issue 14.3: a typo in the workflow (`--policies policies/spbe`) passed every manifest."""
    gitrepo.commit("propose parking", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, "--no-post", "--policies", str(gitrepo.root / folder))
    assert result.exit_code == 2, result.output
    assert "complete policy pack" in result.stderr or "No .rego policies" in result.stderr


def test_an_id_held_by_a_file_with_an_odd_name_is_still_found(gitrepo: GitRepo) -> None:
    gitrepo.checkout("main")
    gitrepo.commit(
        "an existing proposal with an odd file name",
        {os.fsdecode(b'manifests/karawang/la"ma \xe9.yaml'): PASSING.replace("karawang-baru", "karawang-dipakai")},
    )
    gitrepo.checkout("pr")
    gitrepo.repo.git.rebase("main")
    gitrepo.commit(
        "Bekasi takes the id",
        {
            "manifests/bekasi/baru.yaml": PASSING.replace("karawang-baru", "karawang-dipakai").replace(
                '"32.15"', '"32.75"'
            )
        },
    )
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1, result.output
    (violation,) = json.loads(result.stdout)["results"][0]["violations"]
    assert 'manifests/karawang/la"ma \\xe9.yaml (agency 32.15)' in violation["message"]


def test_working_tree_is_never_read(gitrepo: GitRepo) -> None:
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    # Uncommitted edits: a "fixed" manifest and gutted policies. Head is what is judged.
    (gitrepo.root / "manifests/karawang/parkir.yaml").write_text(PASSING.replace("karawang-baru", "karawang-parkir"))
    (gitrepo.root / "policies/spbe/demo.rego").write_text(DISABLED_POLICY)
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1
    assert judged_files(result) == ["manifests/karawang/parkir.yaml"]


def test_inputs_outside_the_repository_are_used_as_given(
    gitrepo: GitRepo, tiny_policies: Path, registry_file: Path
) -> None:
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    args = [
        "ci",
        "--base",
        "main",
        "--repo",
        str(gitrepo.root),
        "--policies",
        str(tiny_policies),
        "--registry",
        str(registry_file),
        "--no-post",
    ]
    result = CliRunner().invoke(main, args, env={"GITHUB_EVENT_NAME": None})
    assert result.exit_code == 1
    assert "outside the repository, used as is" in result.stderr


def test_policies_missing_from_the_base_cannot_judge(gitrepo: GitRepo) -> None:
    gitrepo.commit(
        "bring my own policies",
        {"mypolicies/spbe/demo.rego": DISABLED_POLICY, "manifests/karawang/parkir.yaml": FAILING},
    )
    result = CliRunner().invoke(
        main,
        [
            "ci",
            "--base",
            "main",
            "--repo",
            str(gitrepo.root),
            "--no-post",
            "--policies",
            str(gitrepo.root / "mypolicies"),
            "--registry",
            str(gitrepo.root / "registry/registry.json"),
        ],
    )
    assert result.exit_code == 2
    assert "mypolicies is not in the base revision" in result.stderr
    assert "merge it there first" in result.stderr


def test_symlink_in_base_policies_is_refused(gitrepo: GitRepo) -> None:
    gitrepo.checkout("main")
    os.symlink("/etc/hostname", gitrepo.root / "policies/spbe/linked.rego")
    gitrepo.commit("a symlink in the policies")
    gitrepo.branch("pr2")
    gitrepo.commit("propose", {"manifests/karawang/baru.yaml": PASSING})
    result = run_ci(gitrepo, "--no-post")
    assert result.exit_code == 2
    assert "linked.rego is a symbolic link" in result.stderr


def test_corrupt_base_registry_cannot_judge_and_names_the_repository_path(gitrepo: GitRepo) -> None:
    gitrepo.checkout("main")
    gitrepo.commit("truncate the registry", {"registry/registry.json": '{"apiVersion": "spbe.go.id/v1", "kind": "Reg'})
    gitrepo.checkout("pr")
    gitrepo.repo.git.rebase("main")
    result = run_ci(gitrepo, "--no-post")
    assert result.exit_code == 2
    assert "registry/registry.json (base " in result.stderr
    assert "spbe-check-ci-" not in result.stderr  # the private temporary copy is not what users should look for


# --- OpenAPI documents come from head ------------------------------------------------------


def test_openapi_documents_are_read_from_head_and_not_judged_as_manifests(gitrepo: GitRepo) -> None:
    gitrepo.commit(
        "propose with an API",
        {
            "manifests/karawang/baru.yaml": with_api(PASSING, "apis/laporan.yaml"),
            "manifests/karawang/apis/laporan.yaml": OPENAPI_DOC,
            "manifests/karawang/lapor2.yaml": with_api(
                EXISTING.replace("karawang-lama", "karawang-dua"), "../../apis/top.yaml"
            ),
            "apis/top.yaml": OPENAPI_DOC,
        },
    )
    os.remove(gitrepo.root / "apis/top.yaml")  # the working tree lacks it; head has it
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 0, result.stdout
    assert judged_files(result) == ["manifests/karawang/baru.yaml", "manifests/karawang/lapor2.yaml"]


def test_missing_openapi_document_fails(gitrepo: GitRepo) -> None:
    gitrepo.commit("propose", {"manifests/karawang/baru.yaml": with_api(PASSING, "apis/none.yaml")})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["results"][0]["violations"][0]["message"] == "OpenAPI document: not-found"


def test_changed_openapi_document_brings_its_manifest_to_trial(gitrepo: GitRepo) -> None:
    gitrepo.checkout("main")
    gitrepo.commit(
        "an app with an API",
        {"manifests/karawang/lama.yaml": with_api(EXISTING, "../../apis/lama.yaml"), "apis/lama.yaml": OPENAPI_DOC},
    )
    gitrepo.branch("pr2")
    gitrepo.commit("break the API document", {"apis/lama.yaml": "swagger: '2.0'\n"})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1
    assert judged_files(result) == ["manifests/karawang/lama.yaml"]
    assert "not-openapi-3" in result.stdout


# --- failing closed ------------------------------------------------------------------------


def test_bad_base_ref_cannot_judge(gitrepo: GitRepo) -> None:
    result = run_ci(gitrepo, "--no-post", base="no-such-branch")
    assert result.exit_code == 2
    assert "Cannot find the base revision 'no-such-branch'" in result.stderr
    assert "Traceback" not in result.output


def test_not_a_git_repository_cannot_judge(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    result = CliRunner().invoke(main, ["ci", "--base", "main", "--repo", str(folder), "--no-post"])
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr and "fetch-depth: 0" in result.stderr


def test_unrelated_histories_cannot_judge(gitrepo: GitRepo) -> None:
    gitrepo.repo.git.checkout("--orphan", "stranger")
    gitrepo.commit("unrelated", {"manifests/x.yaml": PASSING})
    result = run_ci(gitrepo, "--no-post")
    assert result.exit_code == 2
    assert "no common ancestor" in result.stderr


def test_missing_base_option_is_a_usage_error(gitrepo: GitRepo) -> None:
    result = CliRunner().invoke(main, ["ci", "--repo", str(gitrepo.root)])
    assert result.exit_code == 2


def test_broken_base_policies_stop_the_gate_even_without_manifest_changes(gitrepo: GitRepo) -> None:
    gitrepo.checkout("main")
    gitrepo.commit(
        "break the policies", {"policies/spbe/demo.rego": "package spbe.demo\nimport rego.v1\ndeny contains x if {\n"}
    )
    gitrepo.branch("pr2")
    gitrepo.commit("docs only", {"README.md": "x\n"})
    assert run_ci(gitrepo, "--no-post").exit_code == 2


def test_manifests_folder_may_not_leave_the_repository(gitrepo: GitRepo) -> None:
    result = run_ci(gitrepo, "--no-post", "--manifests", "../elsewhere")
    assert result.exit_code == 2 and "leaves the repository" in result.stderr


# --- pure pieces -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, folder, expected",
    [
        ("manifests/a.yaml", "manifests", True),
        ("manifests/x/b.yml", "manifests", True),
        ("manifests/x/b.json", "manifests", False),
        ("manifests-old/a.yaml", "manifests", False),
        ("manifests/.hidden/a.yaml", "manifests", False),
        ("apis/laporan.yaml", "manifests", False),
        ("a.yaml", "", True),
    ],
)
def test_is_manifest_path(path: str, folder: str, expected: bool) -> None:
    assert gate_change.is_manifest_path(path, folder) is expected


def test_select_separates_judged_documents_and_others() -> None:
    changes = [
        gate_change.Change("manifests/a.yaml", "A"),
        gate_change.Change("manifests/a/api.yaml", "A"),
        gate_change.Change("manifests/gone.yaml", "D"),
        gate_change.Change("apis/b.yaml", "M"),
        gate_change.Change("README.md", "M"),
        gate_change.Change("manifests/new.yaml", "R", "manifests/old.yaml"),
    ]
    refs = {"manifests/a.yaml": ("manifests/a/api.yaml",), "manifests/b.yaml": ("apis/b.yaml",)}
    sel = gate_change.select(changes, "manifests", refs)
    assert sel.judged == ("manifests/a.yaml", "manifests/b.yaml", "manifests/new.yaml")
    assert sel.brought_in == {"manifests/b.yaml": ("apis/b.yaml",)}
    assert {c.path for c in sel.not_judged} == {"manifests/gone.yaml", "README.md"}


def test_repository_relative_sees_through_dots_and_symlinks(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "policies").mkdir(parents=True)
    os.symlink(root / "policies", tmp_path / "link")
    assert gate_git.repository_relative(root / "policies", root) == "policies"
    assert gate_git.repository_relative(root / "x" / ".." / "policies", root) == "policies"
    assert gate_git.repository_relative(tmp_path / "link", root) == "policies"
    assert gate_git.repository_relative(tmp_path / "elsewhere", root) is None


# --- registry add (after merge) -----------------------------------------------------------------


def add(registry: Path, *args: str, policies: Path) -> Any:
    return CliRunner().invoke(
        main, ["registry", "add", "--registry", str(registry), "--policies", str(policies), *args]
    )


def test_registry_add_appends_an_active_app_record(
    tmp_path: Path, registry_file: Path, tiny_policies: Path, write
) -> None:
    manifest = write("manifests/karawang/baru.yaml", PASSING)
    result = add(registry_file, str(manifest), policies=tiny_policies)
    assert result.exit_code == 0, result.output
    doc = json.loads(registry_file.read_text())
    record = doc["apps"][-1]
    assert record["id"] == "APP-KARAWANG-BARU"
    assert record["agency"] == {"code": "32.15", "name": "Pemerintah Kabupaten Karawang", "level": "regency"}
    assert (record["status"], record["shared"], record["functions"]) == ("active", False, ["LYN-LAINNYA"])
    assert record["audience"] == "government" and record["channels"] == ["web"]
    assert record["hosting"] == {"provider": "pdn", "site": "PDN-JABODETABEK", "country": "ID"}
    assert doc["metadata"]["revision"] != "test-1"
    # the next proposal is judged against it: the same manifest is now a duplicate
    again = add(registry_file, str(manifest), policies=tiny_policies)
    assert again.exit_code == 1 and "already in the registry" in again.stderr
    assert add(registry_file, str(manifest), "--skip-existing", policies=tiny_policies).exit_code == 0


def test_registry_add_refuses_a_failing_manifest_and_writes_nothing(
    registry_file: Path, tiny_policies: Path, write
) -> None:
    before = registry_file.read_bytes()
    good, bad = write("m/baru.yaml", PASSING), write("m/parkir.yaml", FAILING)
    result = add(registry_file, str(good), str(bad), policies=tiny_policies)
    assert result.exit_code == 1
    assert "verdict fail" in result.stderr and "nothing was written" in result.stderr
    assert registry_file.read_bytes() == before


def test_registry_add_writes_deterministic_gzip_and_yaml(tmp_path: Path, tiny_policies: Path, write) -> None:
    manifest = write("m/baru.yaml", PASSING)
    outputs = []
    for name in ("a", "b"):
        target = tmp_path / name / "registry.json.gz"
        target.parent.mkdir()
        target.write_bytes(gzip.compress(json.dumps(TINY_REGISTRY).encode(), mtime=0))
        assert add(target, str(manifest), policies=tiny_policies).exit_code == 0
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(gzip.decompress(outputs[0]))["apps"][-1]["id"] == "APP-KARAWANG-BARU"
    as_yaml = tmp_path / "registry.yaml"
    as_yaml.write_text(yaml.safe_dump(TINY_REGISTRY, sort_keys=False))
    assert add(as_yaml, str(manifest), policies=tiny_policies).exit_code == 0
    assert yaml.safe_load(as_yaml.read_text())["apps"][-1]["id"] == "APP-KARAWANG-BARU"


def test_registry_add_replacement_retires_the_replaced_app(registry_file: Path, tiny_policies: Path, write) -> None:
    text = PASSING.replace(
        "kind: module\n  extends: SHARED-INAPAS\n", "kind: replacement\n  replaces: [APP-000001]\n"
    ).replace("karawang-baru", "karawang-ganti")
    result = add(registry_file, str(write("m/ganti.yaml", text)), policies=tiny_policies)
    assert result.exit_code == 0, result.output
    apps = {a["id"]: a for a in json.loads(registry_file.read_text())["apps"]}
    assert apps["APP-000001"]["status"] == "retired" and apps["APP-000001"]["replacedBy"] == "APP-KARAWANG-GANTI"


def test_registry_add_since_a_revision(gitrepo: GitRepo, tiny_policies: Path) -> None:
    gitrepo.checkout("main")
    before = gitrepo.head
    gitrepo.commit("merge a proposal", {"manifests/karawang/baru.yaml": PASSING})
    cwd = os.getcwd()
    os.chdir(gitrepo.root)
    try:
        result = add(gitrepo.root / "registry/registry.json", "--since", before, policies=tiny_policies)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    ids = [a["id"] for a in json.loads((gitrepo.root / "registry/registry.json").read_text())["apps"]]
    assert ids[-1] == "APP-KARAWANG-BARU" and "APP-KARAWANG-LAMA" not in ids


def test_registry_add_refuses_a_url(tiny_policies: Path, write) -> None:
    result = add(Path("https://example.invalid/registry.json"), str(write("m.yaml", PASSING)), policies=tiny_policies)
    assert result.exit_code == 2


def test_id_scheme_and_levels() -> None:
    assert app_id("karawang-lapor-warga") == "APP-KARAWANG-LAPOR-WARGA"
    long_id = app_id("a" * 63)
    assert len(long_id) == 63 and long_id == app_id("a" * 63) and long_id != app_id("a" * 62 + "b")
    assert (agency_level("32"), agency_level("32.15"), agency_level("kemenkes")) == ("province", "regency", "central")
    assert next_revision("2026-01-01", __import__("datetime").date(2026, 11, 23)) == "2026-11-23"
    assert next_revision("2026-11-23", __import__("datetime").date(2026, 11, 23)) == "2026-11-23.2"
    assert next_revision("2026-11-23.2", __import__("datetime").date(2026, 11, 23)) == "2026-11-23.3"


# --- the workflows and the action ------------------------------------------------------------------


WORKFLOWS = [
    PROJECT / ".github/workflows/ci.yml",
    PROJECT / ".github/workflow-templates/spbe-gate.yml",
    PROJECT / ".github/workflow-templates/spbe-registry-update.yml",
]


def actionlint_binary() -> str:
    here = Path(sys.executable).parent / "actionlint"
    found = str(here) if here.exists() else shutil.which("actionlint")
    assert found, "actionlint is a test dependency: pip install -e '.[test]'"
    return found


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow: Path) -> None:
    result = subprocess.run(
        [actionlint_binary(), "-no-color", "-shellcheck=", "-pyflakes=", str(workflow)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_gate_workflow_is_pull_request_with_minimal_permissions() -> None:
    doc = yaml.safe_load((PROJECT / ".github/workflow-templates/spbe-gate.yml").read_text())
    triggers = doc[True]  # YAML 1.1 reads the key `on` as True
    assert "pull_request" in triggers and "pull_request_target" not in json.dumps(triggers)
    assert doc["permissions"] == {"contents": "read"}
    assert doc["jobs"]["gate"]["permissions"] == {
        "contents": "read",
        "pull-requests": "write",
        "statuses": "write",
        "issues": "write",
    }
    scanning = doc["jobs"]["code-scanning"]
    assert scanning["permissions"] == {"contents": "read", "security-events": "write"}
    assert "security-events" not in json.dumps({k: v for k, v in doc["jobs"].items() if k != "code-scanning"})
    upload = next(s for s in scanning["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    judge = next(s for s in scanning["steps"] if s.get("with", {}).get("format") == "sarif")
    assert upload["with"]["sarif_file"] == judge["with"]["output"] and judge["with"]["post"] == "false"
    steps = doc["jobs"]["gate"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert checkout["with"].get("persist-credentials") is False


def test_action_yml_is_a_composite_action_with_the_inputs() -> None:
    doc = yaml.safe_load((PROJECT / "action.yml").read_text())
    assert {"name", "description", "inputs", "runs"} <= set(doc)
    assert {"base", "lang", "format", "registry", "policies", "waivers", "python-version"} <= set(doc["inputs"])
    assert doc["runs"]["using"] == "composite"
    assert all("shell" in s for s in doc["runs"]["steps"] if "run" in s)
    scripts = "\n".join(s.get("run", "") for s in doc["runs"]["steps"])
    assert "args=(ci --base" in scripts and 'bin/spbe-check" "${args[@]}"' in scripts
    assert "${{ inputs." not in scripts  # inputs reach the scripts through env, never pasted into shell code


def test_action_yml_is_read_by_actionlint_through_a_local_workflow(tmp_path: Path) -> None:
    """actionlint lints workflows, not action.yml; a workflow using the action as `./` makes it
    parse action.yml and check the inputs passed against the ones it declares."""
    shutil.copy(PROJECT / "action.yml", tmp_path / "action.yml")
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    Repo.init(tmp_path)

    def lint(inputs: str) -> subprocess.CompletedProcess[str]:
        (workflows / "use.yml").write_text(
            "on: pull_request\npermissions:\n  contents: read\n  pull-requests: write\n  statuses: write\n  issues: write\n"
            "jobs:\n  gate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
            "        with:\n          fetch-depth: 0\n      - uses: ./\n        with:\n" + inputs
        )
        return subprocess.run(
            [actionlint_binary(), "-no-color", "-shellcheck=", "-pyflakes=", str(workflows / "use.yml")],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )

    good = lint(
        "          base: main\n          lang: id\n          format: text\n          registry: registry/r.json\n"
        "          policies: policies\n          waivers: policies/waivers.yaml\n          python-version: '3.11'\n"
    )
    assert good.returncode == 0, good.stdout + good.stderr
    bad = lint("          bsae: main\n")
    assert bad.returncode == 1 and "bsae" in bad.stdout  # proof that actionlint read the action's inputs


def test_action_scripts_are_valid_bash() -> None:
    doc = yaml.safe_load((PROJECT / "action.yml").read_text())
    for step in doc["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            check = subprocess.run(
                ["bash", "-n"], check=False, input=step["run"], capture_output=True, text=True, timeout=30
            )
            assert check.returncode == 0, check.stderr


def test_gate_with_an_unreachable_opa_server_cannot_judge(gitrepo: GitRepo) -> None:
    """The gate takes the same --engine opa options as `check`; a server that is down is exit 2, naming it."""
    gitrepo.commit("propose parking app", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(
        gitrepo,
        "--no-post",
        "--engine",
        "opa",
        "--opa-url",
        "http://127.0.0.1:9",
        "--opa-mode",
        "push",
        "--opa-retries",
        "0",
    )
    assert result.exit_code == 2, result.output
    assert "http://127.0.0.1:9" in result.output


def test_fail_on_warn_fails_the_gate_and_says_so(gitrepo: GitRepo) -> None:
    """SPEC §5: `ci --fail-on warn` exits 1 on a warning, and what it would post says fail, not success."""
    gitrepo.commit("propose", {"manifests/karawang/awan.yml": WARNING})
    result = run_ci(gitrepo, "--format", "json", "--no-post", "--fail-on", "warn")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["summary"]["warn"] == 1
    assert "status spbe-check=failure" in result.stderr and "label spbe:fail" in result.stderr


def test_holders_are_found_across_grep_batches(gitrepo: GitRepo, monkeypatch) -> None:
    monkeypatch.setattr(gate_change, "_GREP_CHUNK", 1)
    gitrepo.commit(
        "two proposals, one taking an existing id",
        {
            "manifests/bekasi/a.yaml": PASSING.replace("karawang-baru", "karawang-lama").replace('"32.15"', '"32.75"'),
            "manifests/bekasi/b.yaml": PASSING.replace("karawang-baru", "bekasi-baru"),
        },
    )
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    verdicts = {r["file"]: r["verdict"] for r in json.loads(result.stdout)["results"]}
    assert verdicts == {"manifests/bekasi/a.yaml": "invalid", "manifests/bekasi/b.yaml": "pass"}, result.output


def test_the_comment_names_the_trusted_revision_not_the_merge_base(gitrepo: GitRepo) -> None:
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    gitrepo.checkout("main")
    tip = gitrepo.commit("main moves on", {"README.md": "newer\n"})
    gitrepo.checkout("pr")
    result = run_ci(gitrepo, "--no-post")
    assert f"with the rules of the target branch at {tip[:12]}" in result.stderr, result.stderr


def test_an_id_shaped_like_an_option_never_reaches_git(gitrepo: GitRepo) -> None:
    hostile = PASSING.replace("id: karawang-baru", "id: --open-files-in-pager=touch /tmp/spbe-pwned")
    gitrepo.commit("hostile id", {"manifests/karawang/x.yaml": hostile})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["results"][0]["verdict"] == "invalid"
    assert not Path("/tmp/spbe-pwned").exists()


def test_the_gate_never_reads_or_writes_the_cache(gitrepo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A planted cache entry is well-formed plain data that could change the verdict: the gate compiles afresh."""
    from checker.plumbing import cache

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the gate touched the compiled-registry cache")

    monkeypatch.setattr(cache, "load", refuse)
    monkeypatch.setattr(cache, "store", refuse)
    gitrepo.commit("propose parking app", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1, result.output
    assert judged_files(result) == ["manifests/karawang/parkir.yaml"]


def test_the_gate_judges_openapi_documents_afresh_without_the_cache(
    gitrepo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` remembers OpenAPI verdicts in the cache; the gate neither reads nor writes them (a planted
    "ok" would pass an invalid document), and still judges the document with the validator."""
    from checker.judging import openapi
    from checker.plumbing import cache

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the gate touched the cache")

    monkeypatch.setattr(cache, "load", refuse)
    monkeypatch.setattr(cache, "store", refuse)
    openapi._document_fact.cache_clear()
    gitrepo.commit(
        "propose with a stub API document",
        {
            "manifests/karawang/baru.yaml": with_api(PASSING, "apis/laporan.yaml"),
            "manifests/karawang/apis/laporan.yaml": "openapi: 3.0.0\n",
        },
    )
    result = run_ci(gitrepo, "--format", "json", "--no-post")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["results"][0]["violations"][0]["message"] == "OpenAPI document: invalid"
