"""`python -m checker.registry.samplegen [--output FILE] [--sources DIR]`: regenerate the sample registry."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from checker.errors import CannotJudge


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the sample registry: `python -m checker.registry.samplegen [--output FILE]`."""
    from checker.plumbing.paths import DEFAULT_REGISTRY, IDN_AREA_SOURCES

    parser = argparse.ArgumentParser(prog="python -m checker.registry.samplegen", description=main.__doc__)
    parser.add_argument("--output", type=Path, default=DEFAULT_REGISTRY, help="where to write (.json or .json.gz)")
    parser.add_argument(
        "--sources",
        type=Path,
        default=IDN_AREA_SOURCES,
        help="folder with provinces.csv and regencies.csv (idn-area-data, ODbL)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()  # reporting only; never part of the output
    try:
        from checker.registry.samplegen.generate import build_sample_registry, write_registry

        doc = build_sample_registry(args.sources)
        write_registry(doc, args.output)
    except CannotJudge as err:  # a mistake in data/*.yaml, named with file, line and column
        print(f"python -m checker.registry.samplegen: {err.message.en}", file=sys.stderr)
        return 2
    print(
        f"wrote {len(doc['apps'])} applications to {args.output} "
        f"({args.output.stat().st_size:,} bytes, {time.perf_counter() - started:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
