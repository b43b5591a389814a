"""Cost of the sample-registry generator and proof that the CLI does not import it (issue 15.2).

Run from the project root:  .venv/bin/python bench/samplegen.py [--runs 5]

Prints, in CPU time (user + system of the child processes, so that a machine shared with
other work still gives comparable figures):
- `spbe-check registry generate --output TMP` as a whole process (median of --runs);
- reading and checking the tables (`checker.registry.samplegen.tables.load_tables`, in-process);
- `import checker.cli.main` as a whole process, and whether any generator module is among the
  modules `python -X importtime` reports for it (it must not be).
The regenerated file's sha256 is printed too: it must equal the committed registry's.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child_cpu(command: list[str]) -> float:
    """CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "registry.json.gz"
        generate = [
            child_cpu([python, "-m", "checker", "registry", "generate", "--output", str(out)]) for _ in range(args.runs)
        ]
        digest = hashlib.sha256(out.read_bytes()).hexdigest()
    committed = hashlib.sha256((ROOT / "registry" / "national-registry.json.gz").read_bytes()).hexdigest()
    imports = [child_cpu([python, "-c", "import checker.cli.main"]) for _ in range(args.runs)]
    trace = subprocess.run(
        [python, "-X", "importtime", "-c", "import checker.cli.main"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    modules = [line.rsplit("|", 1)[1].strip() for line in trace.splitlines() if line.startswith("import time:")][1:]
    generator = [m for m in modules if m.startswith("checker.registry.samplegen")]

    from checker.registry.samplegen.tables import load_tables

    started = time.process_time()
    for _ in range(20):
        load_tables()
    tables = (time.process_time() - started) / 20
    print(f"load average {' '.join(f'{load:.2f}' for load in os.getloadavg())}; runs {args.runs}")
    print(
        f"registry generate (whole process, CPU): median {statistics.median(generate):.3f} s, "
        f"min {min(generate):.3f} s; sha256 {digest[:16]}... "
        f"({'identical to' if digest == committed else 'DIFFERS FROM'} the committed registry)"
    )
    print(f"reading and checking the tables (CPU): {tables * 1000:.1f} ms")
    print(
        f"import checker.cli.main (whole process, CPU): median {statistics.median(imports):.3f} s; "
        f"{len(modules)} modules, generator modules among them: {generator or 'none'}"
    )
    return 0 if digest == committed and not generator else 1


if __name__ == "__main__":
    sys.exit(main())
