"""`registry search` speed on the sample registry: per query, and the whole command with a warm cache.

Run from the project root:  .venv/bin/python bench/search.py [--runs N]

Per query: CPU time of `SearchIndex.search` (`time.process_time`, median of N runs per
query) once the index is open. Whole command: `spbe-check registry search QUERY` as a
subprocess after one warm-up run (so the compiled registry with the one matcher and
search's directory come from the cache); wall time and the child's CPU time
(`resource.getrusage(RUSAGE_CHILDREN)`), median of N. Timings on a shared machine are
noisy: read the CPU figures, and say the load next to them.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.guidance.search import open_search_index  # noqa: E402
from checker.plumbing.paths import DEFAULT_REGISTRY  # noqa: E402

QUERIES = [
    "kearsipan",
    "parkir karawang",
    "kearsipn",
    "pengadun",
    "complaint",
    "archive",
    "pengaduan jalan rusak",
    "sistem informasi kepegawaian daerah",
    "jawa barat",
    "perizinan usaha",
    "Smart Parking",
    "Citizen Complaint Handling System",
    "IKD",
    "SIPENNI",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    started = time.process_time()
    index = open_search_index(str(DEFAULT_REGISTRY))
    print(f"open_search_index (warm cache unless this is the first run): {time.process_time() - started:.3f} s CPU")
    per_query = {}
    for query in QUERIES:
        timings = []
        for _ in range(args.runs):
            started = time.process_time()
            index.search(query)
            timings.append(time.process_time() - started)
        per_query[query] = statistics.median(timings) * 1000
    for query, ms in per_query.items():
        print(f"  {query!r:40} {ms:6.1f} ms CPU")
    print(f"per query: median {statistics.median(per_query.values()):.1f} ms, max {max(per_query.values()):.1f} ms")
    command = [str(Path(sys.executable).parent / "spbe-check"), "registry", "search", "pengaduan jalan rusak"]
    subprocess.run(command, capture_output=True, check=False, env=os.environ.copy())  # warm the cache
    walls, cpus = [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    print(
        f"whole command, warm cache: wall {statistics.median(walls):.2f} s, CPU {statistics.median(cpus):.2f} s "
        f"(median of {args.runs}); load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
