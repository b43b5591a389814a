"""What GitHub's primaryLocationLineHash costs per manifest (checker/judging/fingerprints.py), in-process.

Run from the project root:  .venv/bin/python bench/line_hash.py [--repeat 200]

The hash is computed only for manifests with a located violation (a passing manifest pays
nothing), once per manifest, over the whole file: its cost grows with the file's size.
Prints the median over `--repeat` runs for the sample manifest and for one padded to the
reader's 256 KiB limit.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.judging.fingerprints import line_hashes  # noqa: E402

SAMPLE = ROOT / "manifests" / "kabupaten-karawang" / "lapor-warga.yaml"


def median_seconds(text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        line_hashes(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    sample = SAMPLE.read_text(encoding="utf-8")
    largest = (sample * (256 * 1024 // len(sample) + 1))[: 256 * 1024]
    small = median_seconds(sample, args.repeat)
    large = median_seconds(largest, max(3, args.repeat // 50))
    print(f"sample manifest ({len(sample)} characters): median {small * 1000:.2f} ms")
    print(f"256 KiB manifest (the reader's limit): median {large * 1000:.0f} ms")


if __name__ == "__main__":
    main()
