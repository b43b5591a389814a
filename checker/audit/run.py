"""One registry audit from start to finish: load, judge every app, cluster, compare, summarise.

Kept apart from the CLI so tests and other tools get the same document the command
writes; the CLI only adds the progress bar, the files and the exit code.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.audit.clusters import find_clusters
from checker.audit.compare import materialise_policies, rule_changes_only, verdict_changes
from checker.audit.judge import AppOutcome, audited_apps, default_workers, run_audit
from checker.audit.report import Comparison, build_document
from checker.engine import make_engine
from checker.judging.evaluate import DEFAULT_SIMILARITY, Judge
from checker.model import Lang
from checker.plumbing.cache import settle
from checker.policy.policyset import PolicySet, load_policies
from checker.registry.compiled import CompiledRegistry, compiled_from_bytes
from checker.registry.load import Registry, parse_registry, policy_index, read_registry_bytes

# (label, number of steps) -> a context giving a function to call with steps done
Progress = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]


@contextlib.contextmanager
def no_progress(_label: str, _length: int) -> Iterator[Callable[[int], None]]:
    yield lambda _n: None


@dataclass
class Timings:
    """Seconds per phase, for the terminal and the benchmark (not part of the report)."""

    phases: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - start

    @property
    def total(self) -> float:
        return sum(self.phases.values())


def _judge_all(
    policies: PolicySet,
    compiled: CompiledRegistry,
    registry: Registry,
    apps: list[dict[str, Any]],
    workers: int,
    progress: Progress,
    label: str,
) -> tuple[Judge, list[AppOutcome]]:
    judge = Judge(policies, compiled, make_engine("embedded"))
    compiled.matcher.score_in_bulk()  # tens of thousands of queries: numpy pays for its import
    settle()  # before the workers fork: they would otherwise copy the index's pages by walking it
    with progress(label, len(apps)) as step:
        return judge, run_audit(judge, registry, apps, workers=workers, progress=step)


def audit_registry(
    *,
    registry_source: str,
    policies_dir: Path,
    lang: Lang = "en",
    limit: int | None = None,
    compare: str | None = None,
    workers: int | None = None,
    progress: Progress = no_progress,
    timings: Timings | None = None,
) -> dict[str, Any]:
    """The audit document for a registry under the policies in `policies_dir` (and REF's, with `compare`).

    Raises CannotJudge (exit 2) when any input cannot be used.
    """
    timings = timings or Timings()
    workers = workers or default_workers()
    with timings.phase("load"):
        policies = load_policies(policies_dir)
        raw = read_registry_bytes(registry_source)
        registry = parse_registry(raw, registry_source)
        compiled = compiled_from_bytes(raw, registry_source, parsed=registry)  # the index from the cache
        apps = audited_apps(registry)[:limit] if limit else audited_apps(registry)
    with timings.phase("judge"):
        judge, outcomes = _judge_all(
            policies, compiled, registry, apps, workers, progress, "Auditing" if lang == "en" else "Mengaudit"
        )
    with timings.phase("clusters"):
        owners = policy_index(registry)["function_owners"]
        similarity = {**DEFAULT_SIMILARITY, **(policies.config().get("similarity") or {})}
        clusters = find_clusters(
            apps,
            index=compiled.matcher,
            owners=owners,
            names={i: a["name"] for i, a in registry.apps.items()},
            name_threshold=float(similarity.get("cluster_name_threshold", 0.8)),
            description_threshold=float(similarity.get("cluster_description_threshold", 0.85)),
        )
    comparison = None
    if compare:
        with timings.phase("compare"), tempfile.TemporaryDirectory(prefix="spbe-audit-") as tmp:
            baseline = materialise_policies(policies_dir, compare, Path(tmp) / "policies")
            base_policies = load_policies(baseline.policies)
            _, before = _judge_all(
                base_policies,
                compiled,
                registry,
                apps,
                workers,
                progress,
                f"Auditing at {compare}" if lang == "en" else f"Mengaudit pada {compare}",
            )
            comparison = Comparison(
                baseline,
                base_policies.revision,
                before,
                verdict_changes(before, outcomes),
                rule_changes_only(before, outcomes),
            )
    with timings.phase("report"):
        return build_document(
            registry=registry,
            outcomes=outcomes,
            rules=judge.rules,
            policy_revision=policies.revision,
            clusters=clusters,
            owners=owners,
            lang=lang,
            date=judge.today.isoformat(),
            comparison=comparison,
        )
