"""How long validating the registry against checker/schemas/registry.schema.json takes.

It runs whenever the compiled registry is not cached (the cache is keyed by the
registry's bytes, so once per registry version per machine). Compares the validator
the tool uses (jsonschema-rs) with the pure-Python jsonschema on the same document,
and times the whole parse (read, gunzip, json.loads, schema, index by id). Medians.

    .venv/bin/python bench/registry_schema.py --runs 7
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

import jsonschema

from checker.plumbing.paths import DEFAULT_REGISTRY, SCHEMAS_DIR
from checker.registry.load import _registry_validator, parse_registry


def median_seconds(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY)
    parser.add_argument("--skip-python", action="store_true", help="Do not time the pure-Python jsonschema (slow).")
    args = parser.parse_args()

    raw = args.registry.read_bytes()
    doc = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    schema = json.loads((SCHEMAS_DIR / "registry.schema.json").read_text(encoding="utf-8"))
    rs = _registry_validator()
    assert rs.is_valid(doc), "the registry does not match the schema"
    print(f"registry: {args.registry} ({len(doc['apps']):,} apps)")
    print(f"jsonschema-rs validation: {median_seconds(lambda: rs.is_valid(doc), args.runs):.3f} s")
    if not args.skip_python:
        py = jsonschema.Draft202012Validator(schema)
        print(
            f"jsonschema (pure Python) validation: "
            f"{median_seconds(lambda: next(py.iter_errors(doc), None), max(1, args.runs // 2)):.3f} s"
        )
    print(
        f"parse_registry (gunzip, json.loads, schema, ids): "
        f"{median_seconds(lambda: parse_registry(raw, str(args.registry)), args.runs):.3f} s"
    )


if __name__ == "__main__":
    main()
