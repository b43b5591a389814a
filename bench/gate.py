"""Benchmark for BENCHMARKS.md: the pull-request gate on a registry repository of many manifests.

Run from the project root:  .venv/bin/python bench/gate.py [--manifests 5000] [--runs 5]

Builds a git repository whose `main` holds N manifests (copies of the SPEC's example with
their own ids, in 50 agency folders) and a pull request that adds one manifest, then
measures whole `spbe-check ci` processes (medians, peak RSS from os.wait4) and, in this
process, the share taken by the repository-wide id scan (`repository_identities`, SPEC §4),
which reads every manifest blob of head and of the target branch's tip once.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "manifests" / "kabupaten-karawang" / "lapor-warga.yaml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def build(repo: Path, count: int) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "bench")
    git(repo, "config", "user.email", "bench@example.invalid")
    for i in range(count):
        folder = repo / "manifests" / f"agency-{i % 50:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"app-{i:05d}.yaml").write_text(
            text.replace("id: karawang-lapor-warga", f"id: app-{i:05d}"), encoding="utf-8"
        )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "pr")
    (repo / "manifests" / "agency-00" / "new.yaml").write_text(
        text.replace("id: karawang-lapor-warga", "id: brand-new"), encoding="utf-8"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "propose")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifests", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spbe-bench-gate-") as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        build(repo, args.manifests)
        cmd = [
            sys.executable,
            "-m",
            "checker",
            "ci",
            "--base",
            "main",
            "--repo",
            str(repo),
            "--no-post",
            "--format",
            "json",
            "--policies",
            str(ROOT / "policies"),
            "--registry",
            str(ROOT / "registry" / "national-registry.json.gz"),
        ]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI_"))}
        times, peaks = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            peaks.append(usage.ru_maxrss / 1024.0)
            code = os.waitstatus_to_exitcode(status)
        print(
            f"spbe-check ci, {args.manifests} manifests in the repository, 1 added: median {statistics.median(times):.3f} s, "
            f"min {min(times):.3f} s, peak {max(peaks):.0f} MiB, exit {code}"
        )

        from checker.gate import change as gate_change
        from checker.gate import git_view as gate_git

        rev = gate_git.pull_request_revisions(gate_git.open_repository(repo), "main", "pr")
        changes = gate_change.changes_between(rev.base, rev.head)
        selection = gate_change.select(changes, "manifests", {})
        scans = []
        for _ in range(args.runs):
            start = time.perf_counter()
            identities = gate_change.repository_identities(
                rev.head, rev.base, (rev.trusted,), selection, changes, "manifests"
            )
            scans.append(time.perf_counter() - start)
        assert identities.new_files == frozenset({"manifests/agency-00/new.yaml"})
        per = statistics.median(scans) / args.manifests * 1e6
        print(
            f"repository_identities (the id scan): median {statistics.median(scans):.3f} s ({per:.0f} µs per manifest)"
        )


if __name__ == "__main__":
    main()
