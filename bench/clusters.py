"""The audit's duplicate clusters on the sample registry: how many, how large, how fast, and pairs to read.

Run from the project root:  .venv/bin/python bench/clusters.py [--pairs N] [--seed S] [--json]

Prints the number of clusters, apps clustered, the size histogram, the ten largest,
the CPU time of `find_clusters` (median of 5, `time.process_time`, the matcher already
built: the audit builds it once with the compiled registry) and N member pairs drawn
at random (seeded) from inside the clusters, one pair per line, for a person to read
and mark as a false merge or not. Pairs of members with the same name key (one
template in two places) are left out of the draw: they are the obvious joins; the
question is what the threshold joins besides them.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.audit.clusters import find_clusters  # noqa: E402
from checker.judging.evaluate import DEFAULT_SIMILARITY  # noqa: E402
from checker.plumbing.paths import DEFAULT_REGISTRY, POLICIES_DIR  # noqa: E402
from checker.registry.compiled import load_compiled  # noqa: E402
from checker.registry.load import load_registry, policy_index  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    registry = load_registry(DEFAULT_REGISTRY)
    matcher = load_compiled(str(DEFAULT_REGISTRY)).matcher
    config = json.loads((POLICIES_DIR / "spbe" / "config" / "data.json").read_text(encoding="utf-8"))
    similarity = {**DEFAULT_SIMILARITY, **config.get("similarity", {})}
    apps = list(registry.apps.values())
    owners = policy_index(registry)["function_owners"]
    names = {a["id"]: a["name"] for a in apps}
    timings = []
    for _ in range(5):
        started = time.process_time()
        clusters = find_clusters(
            apps,
            index=matcher,
            owners=owners,
            names=names,
            name_threshold=float(similarity.get("cluster_name_threshold", 0.8)),
            description_threshold=float(similarity.get("cluster_description_threshold", 0.85)),
        )
        timings.append(time.process_time() - started)
    sizes = [c.size for c in clusters]
    buckets = Counter("2-9" if s < 10 else "10-49" if s < 50 else "50-99" if s < 100 else "100+" for s in sizes)
    rng = random.Random(args.seed)
    pairs = []
    weighted = [c for c in clusters for _ in range(c.size)]
    for _ in range(args.pairs * 50):
        if len(pairs) >= args.pairs or not weighted:
            break
        cluster = rng.choice(weighted)
        a, b = rng.sample(cluster.apps, 2)
        if matcher.name_key(names[a]) != matcher.name_key(names[b]):
            pairs.append((cluster.function, names[a], names[b]))
    doc = {
        "clusters": len(clusters),
        "apps": sum(sizes),
        "distinctApps": len({i for c in clusters for i in c.apps}),
        "sizes": dict(buckets),
        "largest": [[c.label, c.function, c.size] for c in clusters[:10]],
        "cpuSeconds": round(statistics.median(timings), 3),
        "pairs": pairs,
    }
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    print(
        f"clusters {doc['clusters']}, apps in them {doc['apps']} ({doc['distinctApps']} distinct), "
        f"sizes {doc['sizes']}, find_clusters CPU {doc['cpuSeconds']} s (median of 5)"
    )
    print("largest:", "; ".join(f"{label} ({function}) {size}" for label, function, size in doc["largest"]))
    for function, a, b in pairs:
        print(f"  {function:<22} {a}  ~  {b}")


if __name__ == "__main__":
    main()
