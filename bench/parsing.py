"""Bounded parsing: what the readers of untrusted input cost on ordinary and hostile input (BENCHMARKS.md, SECURITY.md).

Run from the project root:  .venv/bin/python bench/parsing.py [--runs 5]

In-process medians of each reader call, after one warm-up call (imports, caches):
- an ordinary manifest (the Karawang example): the YAML reader alone, and read_manifest
  (reader, schema on RE2, invisible-character scan);
- the issue-14 repros: '[' * 50,000 nested (was SIGSEGV), a contact of 'a@' + 40,000 dots
  (was minutes of backtracking), an OpenAPI document 1,000 times the example's paths
  (~0.8 MB) validated, and 20 APIs naming one such document (was one parse per API);
- the YAML reader's depth pre-scan: its share of the reader's time on the example.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from checker.judging import openapi  # noqa: E402
from checker.judging.manifest import read_manifest  # noqa: E402
from checker.plumbing import yamlsafe  # noqa: E402

EXAMPLE = ROOT / "manifests" / "kabupaten-karawang" / "lapor-warga.yaml"
EXAMPLE_API = ROOT / "manifests" / "kabupaten-karawang" / "apis" / "laporan.yaml"


def median_seconds(call: Callable[[], Any], runs: int, before: Callable[[], None] = lambda: None) -> float:
    before()
    call()
    times = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def big_openapi(paths: int) -> str:
    document = yaml.safe_load(EXAMPLE_API.read_text(encoding="utf-8"))
    operation = document["paths"]["/laporan"]["post"]
    document["paths"] = {
        f"/laporan{i}": {"post": {**copy.deepcopy(operation), "operationId": f"kirim{i}"}} for i in range(paths)
    }
    return yaml.safe_dump(json.loads(json.dumps(document)), sort_keys=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    rows: list[tuple[str, float]] = []
    text = EXAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / ".git").mkdir()
        rows.append(
            (
                "example manifest: YAML reader (with depth pre-scan)",
                median_seconds(lambda: yamlsafe.parse_yaml(text), runs * 20),
            )
        )
        prescan_only = lambda: yamlsafe._refuse_deep_nesting(yamlsafe._Loader(text))  # noqa: E731
        rows.append(("example manifest: depth pre-scan alone (events)", median_seconds(prescan_only, runs * 20)))
        loader_only = lambda: yamlsafe._Loader(text).get_single_node()  # noqa: E731
        rows.append(
            ("example manifest: PyYAML composer alone (no pre-scan, no walk)", median_seconds(loader_only, runs * 20))
        )
        rows.append(
            (
                "example manifest: read_manifest (reader, schema, invisible scan)",
                median_seconds(lambda: read_manifest(EXAMPLE, "m.yaml"), runs * 20),
            )
        )
        deep = folder / "deep.yaml"
        deep.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
        rows.append(
            ("'[' * 50,000: refused (was SIGSEGV)", median_seconds(lambda: read_manifest(deep, "d.yaml"), runs))
        )
        contact = folder / "contact.yaml"
        contact.write_text(text.replace("diskominfo@karawangkab.go.id", "'a@" + "." * 40_000 + " '"), encoding="utf-8")
        rows.append(
            (
                "contact 'a@' + 40,000 dots: refused (was minutes)",
                median_seconds(lambda: read_manifest(contact, "c.yaml"), runs),
            )
        )
        doc = big_openapi(1000)
        (folder / "big.yaml").write_text(doc, encoding="utf-8")
        clear = openapi._document_fact.cache_clear
        one = lambda: openapi.openapi_facts(["big.yaml"], folder / "m.yaml", folder)  # noqa: E731
        rows.append(
            (
                f"OpenAPI document of {len(doc) / 1e6:.2f} MB (1,000 paths): read and validated",
                median_seconds(one, runs, clear),
            )
        )
        twenty = lambda: openapi.openapi_facts(["big.yaml"] * 20, folder / "m.yaml", folder)  # noqa: E731
        rows.append(("20 APIs naming that document (read once)", median_seconds(twenty, runs, clear)))
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds * 1000:10.2f} ms")


if __name__ == "__main__":
    main()
