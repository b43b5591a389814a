"""CPU cost of the duplicate matcher per query, on the registry's own apps as proposals.

Run from the project root:  .venv/bin/python bench/matcher.py [--every 10] [--rounds 3]

Every N-th app the audit judges (active, not shared, by id) is asked as a proposal
(its name, description and agency; itself excluded), as `spbe-check audit` asks it.
Prints, per query, the CPU time (`time.process_time`, the minimum over the rounds, so
other work on a shared machine counts as little as possible) of building the query
vector, of `MatchIndex.nearest`, and of the whole `match_facts` (vector, nearest,
ranking, explanations, inferred functions), and a digest of every answer, so two
versions of the matcher can be shown to give the same results. With --bulk the index sums
its postings with numpy, as the audit and a check of 100 manifests or more do
(`MatchIndex.score_in_bulk`); the digest must not change.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.audit.judge import audited_apps  # noqa: E402
from checker.matching.suggest import Thresholds, match_facts, place_of  # noqa: E402
from checker.registry.compiled import load_compiled  # noqa: E402
from checker.registry.load import load_registry  # noqa: E402

REGISTRY = ROOT / "registry" / "national-registry.json.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--registry", type=Path, default=REGISTRY)
    parser.add_argument("--bulk", action="store_true", help="score with numpy, as the audit does")
    args = parser.parse_args()
    index = load_compiled(args.registry).matcher
    if args.bulk:
        index.score_in_bulk()
    apps = audited_apps(load_registry(str(args.registry)))[:: args.every]
    thresholds = Thresholds()
    low = min(thresholds.reuse, thresholds.infer, thresholds.near)
    queries = []
    for app in apps:
        agency = app.get("agency") or {}
        place = place_of(str(agency.get("name", "")))
        queries.append((app, str(agency.get("code", "")), str(agency.get("name", "")), [place] if place else []))
    best = {"vector": float("inf"), "nearest": float("inf"), "match_facts": float("inf")}
    digest = ""
    for _ in range(args.rounds):
        start = time.process_time()
        vectors = [index.vector(a["name"], a.get("description") or a["name"], places) for a, _, _, places in queries]
        best["vector"] = min(best["vector"], time.process_time() - start)
        start = time.process_time()
        found = [
            index.nearest(v, threshold=low, limit=60, exclude=frozenset([a["id"]]))
            for v, (a, _, _, _) in zip(vectors, queries, strict=True)
        ]
        best["nearest"] = min(best["nearest"], time.process_time() - start)
        start = time.process_time()
        facts = [
            match_facts(
                index, a["name"], a.get("description") or a["name"], code, name, frozenset([a["id"]]), thresholds
            )
            for a, code, name, _ in queries
        ]
        best["match_facts"] = min(best["match_facts"], time.process_time() - start)
        digest = hashlib.sha256(
            json.dumps([[(m.id, m.score) for m in f] for f in found] + facts, sort_keys=True).encode()
        ).hexdigest()[:16]
    mode = "numpy (bulk)" if args.bulk else "pure Python"
    print(
        f"{len(queries)} queries (every {args.every}th audited app), {mode}, CPU per query, min of {args.rounds} rounds:"
    )
    for key, seconds in best.items():
        print(f"  {key:<12} {seconds * 1000 / len(queries):.3f} ms")
    print(f"  answers digest {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
