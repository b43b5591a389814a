"""Benchmarks for BENCHMARKS.md: whole-process timings and peak memory, never timed unit tests.

Run from the project root:  .venv/bin/python bench/benchmark.py [--runs 5] [--skip-audit]

Measures, on the registry given (default: the sample national registry):
- floor: a Python process that only imports yaml, json.loads the registry and parses one manifest;
- one manifest, cold CLI run (a new process each time), with the compiled-registry cache warm
  and with it empty;
- a batch of 1,000 manifests in one run, and the cost per additional manifest;
- `spbe-check audit` of the whole registry, when that command exists.
Peak memory is each child's max RSS from os.wait4.

The package's bytecode is compiled before anything is timed, as pip does when it installs the
wheel. Without it, a checkout run with PYTHONDONTWRITEBYTECODE set (as this workplace's shells
are) compiles the package's modules from source in every cold process, about 60 ms that no
installed copy pays, while the floor's yaml comes precompiled from site-packages.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "checker"]
SAMPLE = ROOT / "manifests" / "kabupaten-karawang" / "lapor-warga.yaml"

FLOOR = """
import gzip, json, sys, yaml
raw = open(sys.argv[1], 'rb').read()
if raw[:2] == b'\\x1f\\x8b':
    raw = gzip.decompress(raw)
json.loads(raw)
yaml.safe_load(open(sys.argv[2], encoding='utf-8'))
"""


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, float]:
    """(seconds, peak RSS in MiB, exit code, CPU seconds: user + system, its workers included) of one child."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime


def measure(label: str, cmd: list[str], env: dict[str, str], runs: int, before=None) -> dict[str, float]:
    """Medians of `runs` runs. CPU time is given too: on a shared machine it moves far less than wall time."""
    times, peaks, codes, cpus = [], [], set(), []
    for _ in range(runs):
        if before:
            before()
        seconds, peak, code, cpu = run(cmd, env)
        times.append(seconds)
        peaks.append(peak)
        codes.add(code)
        cpus.append(cpu)
    result = {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "peak_mib": max(peaks),
        "cpu_s": statistics.median(cpus),
    }
    print(
        f"{label:<44} median {result['median_s']:.3f} s  min {result['min_s']:.3f} s  "
        f"CPU {result['cpu_s']:.3f} s  peak {result['peak_mib']:.0f} MiB  exit {sorted(codes)}  "
        f"load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    return result


def make_batch(folder: Path, count: int) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"m{i:04d}.yaml").write_text(
            text.replace("id: karawang-lapor-warga", f"id: karawang-lapor-warga-{i:04d}"), encoding="utf-8"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--registry", default=str(ROOT / "registry" / "national-registry.json.gz"))
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--skip-audit", action="store_true")
    args = parser.parse_args()

    cache = Path(tempfile.mkdtemp(prefix="spbe-bench-cache-"))
    env = {**os.environ, "SPBE_CHECK_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}; date {time.strftime('%Y-%m-%d')}"
    )
    print(f"registry: {args.registry} ({Path(args.registry).stat().st_size / 1e6:.1f} MB on disk)")

    compiled = compileall.compile_dir(str(ROOT / "checker"), quiet=1)
    print(f"bytecode: the package's modules compiled first, as pip install does ({'ok' if compiled else 'FAILED'})")
    floor = measure(
        "floor (import yaml, json.loads registry)",
        [sys.executable, "-c", FLOOR, args.registry, str(SAMPLE)],
        env,
        args.runs,
    )
    check_one = [*CLI, "check", str(SAMPLE), "--format", "json", "--registry", args.registry]
    cold_empty = measure(
        "one manifest, cold process, empty cache",
        check_one,
        env,
        args.runs,
        before=lambda: shutil.rmtree(cache, ignore_errors=True),
    )
    run(check_one, env)  # fill the cache
    cold_warm = measure("one manifest, cold process, cache warm", check_one, env, args.runs)
    print(
        f"  ratio to floor: {cold_warm['median_s'] / floor['median_s']:.2f}x with cache, "
        f"{cold_empty['median_s'] / floor['median_s']:.2f}x without; in CPU time "
        f"{cold_warm['cpu_s'] / floor['cpu_s']:.2f}x and {cold_empty['cpu_s'] / floor['cpu_s']:.2f}x"
    )

    with tempfile.TemporaryDirectory(prefix="spbe-bench-batch-") as tmp:
        make_batch(Path(tmp), args.batch)
        batch = measure(
            f"batch of {args.batch} manifests, one process",
            [*CLI, "check", tmp, "--format", "json", "--registry", args.registry],
            env,
            max(1, args.runs // 2),
        )
    per_manifest = (batch["median_s"] - cold_warm["median_s"]) / (args.batch - 1)
    per_manifest_cpu = (batch["cpu_s"] - cold_warm["cpu_s"]) / (args.batch - 1)
    print(f"  per additional manifest: {per_manifest * 1000:.2f} ms ({per_manifest_cpu * 1000:.2f} ms CPU)")

    if not args.skip_audit:
        help_text = subprocess.run(
            [*CLI, "--help"], capture_output=True, text=True, cwd=ROOT, env=env, check=False
        ).stdout
        if " audit " in help_text or "\n  audit" in help_text:
            with tempfile.TemporaryDirectory() as tmp:
                measure(
                    "audit of the whole registry",
                    [*CLI, "audit", "--registry", args.registry, "--json", str(Path(tmp) / "audit.json")],
                    env,
                    1,
                )
        else:
            print("audit: command not available in this build")
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
