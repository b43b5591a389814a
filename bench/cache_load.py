"""How long reading the compiled-registry cache entry takes: the JSON entry now vs. the pickle it replaced.

Run from the project root:  .venv/bin/python bench/cache_load.py [--runs 15]

In one process, alternating the two so machine load hits both alike: the pickle (made
here from the same compilation, as the old cache stored it: the reference, never a
product path) and the entry (a JSON line, then the policy index as raw text), read (`cache.load`) and turned back into the
compiled registry (`_from_data`). Prints medians and minima; the minimum is the figure
least disturbed by other work on the machine.
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--registry", default=str(ROOT / "registry" / "national-registry.json.gz"))
    args = parser.parse_args()
    os.environ["SPBE_CHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="spbe-bench-cache-")
    from checker.plumbing import cache
    from checker.registry.compiled import _from_data, cache_key, load_compiled

    def rebuild(source: str, key: str) -> object:
        with cache.gc_paused():  # as load_compiled does
            return _from_data(source, cache.load("registry", key))

    compiled = load_compiled(args.registry)  # fills the cache
    key = cache_key(Path(args.registry).read_bytes())  # the product's own key (code, synonyms, word lists)
    entry = cache.entry_path("registry", key)
    old = Path(os.environ["SPBE_CHECK_CACHE_DIR"]) / "reference.pickle"
    old.write_bytes(pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL))
    timings: dict[str, list[float]] = {"pickle (before)": [], "entry read": [], "entry read + rebuild (now)": []}
    for _ in range(args.runs):
        for label, step in (
            ("pickle (before)", lambda: pickle.loads(old.read_bytes())),  # noqa: S301 - our own reference file
            ("entry read", lambda: cache.load("registry", key)),
            ("entry read + rebuild (now)", lambda: rebuild(args.registry, key)),
        ):
            started = time.perf_counter()
            assert step() is not None
            timings[label].append(time.perf_counter() - started)
    print(
        f"entry: {entry.stat().st_size / 1e6:.1f} MB (JSON line + policy index text); "
        f"pickle {old.stat().st_size / 1e6:.1f} MB"
    )
    for label, values in timings.items():
        print(f"{label:<28} median {statistics.median(values) * 1000:6.1f} ms  min {min(values) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
