"""What the command line's shape costs a cold process: this tree against another git revision, interleaved.

Every run is a fresh Python process; the figure is its CPU time (user + system, from
`getrusage` of the child), which a busy machine disturbs far less than wall time. The
two trees alternate run by run, so a change in the machine's load hits both alike.
Measured: `import checker.cli.main` (every command module is imported to register it) and
`check --format json` of the SPEC's example manifest with the compiled-registry cache warm.

    .venv/bin/python bench/cli_import.py --against main --runs 15
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
MANIFEST = "manifests/kabupaten-karawang/lapor-warga.yaml"
DATA = ("policies", "registry", "templates", "manifests")


def other_tree(revision: str, into: Path) -> Path:
    """`checker/` as of `revision`, beside links to this checkout's data, so only the code differs."""
    archive = subprocess.run(
        ["git", "archive", revision, "checker"], cwd=PROJECT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    for name in DATA:
        (into / name).symlink_to(PROJECT / name)
    return into


def cpu_seconds(command: list[str], tree: Path) -> tuple[float, bytes]:
    """Run in `tree`: `-c` and `-m` put the working directory first on sys.path, ahead of the editable install."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="main", help="git revision to compare with [main]")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    cases = {
        "import checker.cli.main": [sys.executable, "-c", "import checker.cli.main"],
        "check --format json (cache warm)": [sys.executable, "-m", "checker", "check", MANIFEST, "--format", "json"],
    }
    with tempfile.TemporaryDirectory(prefix="spbe-bench-cli-") as tmp:
        other = other_tree(args.against, Path(tmp))
        where = [sys.executable, "-c", "import checker; print(checker.__file__)"]
        assert cpu_seconds(where, other)[1].decode().startswith(tmp), (
            "the other tree's checker was not the one imported"
        )
        for label, command in cases.items():
            cpu_seconds(command, other), cpu_seconds(command, PROJECT)  # warm the cache and the disk for both
            theirs, ours, outputs = [], [], set()
            for _ in range(args.runs):
                seconds, out = cpu_seconds(command, other)
                theirs.append(seconds)
                outputs.add(out)
                seconds, out = cpu_seconds(command, PROJECT)
                ours.append(seconds)
                outputs.add(out)
            print(
                f"{label}: {args.against} median {statistics.median(theirs) * 1000:.0f} ms CPU "
                f"(min {min(theirs) * 1000:.0f}), this tree median {statistics.median(ours) * 1000:.0f} ms CPU "
                f"(min {min(ours) * 1000:.0f}); same output: {len(outputs) == 1}"
            )


if __name__ == "__main__":
    main()
