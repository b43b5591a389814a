"""Manifest + registry facts -> engine -> violations -> verdict.

`Judge` is built once per run (policies compiled, registry indexed) and then
judges any number of manifests; everything per-manifest is cheap lookups.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker import __version__
from checker.engine import Engine, OpaSettings
from checker.errors import CannotJudge
from checker.judging.capabilities import unknown_capabilities
from checker.judging.closest import (
    closest_apps,
    declared_code_rules,
    evidence_order,
    order_for,
    reads_like_declared_code,
    suggestion_limit,
    weak_evidence,
)
from checker.judging.identity import Identities
from checker.judging.manifest import SCHEMA_RULES, Manifest, Rejected, read_manifest, taken_id_violation
from checker.judging.openapi import openapi_facts, repository_root
from checker.judging.waivers import apply_waivers, today_in_jakarta, unbound_waivers
from checker.matching.suggest import Thresholds, match_facts
from checker.model import Report, Result, RuleInfo, Suggestion, Text, Verdict, Violation, Waiver
from checker.plumbing.cache import settle
from checker.policy.policyset import PolicySet
from checker.registry.compiled import CompiledRegistry, compile_registry, load_compiled
from checker.registry.load import Registry, policy_index

MANIFEST_SUFFIXES = (".yaml", ".yml")
_RULE_ID = re.compile(r"^SPBE-[A-Z]{3}-\d{3}$")
DEFAULT_SIMILARITY = {key: getattr(Thresholds(), key) for key in ("near", "same_thing", "reuse", "infer", "max")}
MAX_MANIFESTS_PER_RUN = 10_000
RUN_TIME_BUDGET_SECONDS = 1800.0
BULK_MANIFESTS = 100  # from this many manifests a run scores with numpy (MatchIndex.score_in_bulk)


@dataclass(frozen=True)
class Target:
    """A file to judge; `explicit` when named on the command line, not found by a folder walk."""

    path: Path
    file: str
    explicit: bool


def collect_targets(paths: Iterable[Path]) -> list[Target]:
    """Files named, plus *.yaml/*.yml found under folders named, in a stable order."""
    targets: list[Target] = []
    for path in paths:
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.suffix in MANIFEST_SUFFIXES and not p.is_dir()):
                if not any(part.startswith(".") for part in found.relative_to(path).parts):
                    targets.append(Target(found, found.as_posix(), False))
        elif path.exists() or path.is_symlink():
            targets.append(Target(path, path.as_posix(), True))
        else:
            raise CannotJudge(Text(f"No such file or folder: {path}", f"Berkas atau folder tidak ada: {path}"))
    return targets


_REGISTRY_SLOT = "\u0000spbe-check:registry-index\u0000"


def engine_data_json(policies: PolicySet, index_json: str) -> str:
    """engine_data() as JSON text, splicing in the already-serialised registry index.

    Serialising the 27,400-app index again on every run would cost more than judging.
    """
    spbe = {k: v for k, v in policies.data.get("spbe", {}).items() if k != "registry"}
    text = json.dumps({**policies.data, "spbe": {**spbe, "registry": _REGISTRY_SLOT}}, ensure_ascii=False)
    slot = json.dumps(_REGISTRY_SLOT)
    if text.count(slot) != 1:
        raise CannotJudge(
            Text("Policy data contains a reserved value.", "Data kebijakan memuat nilai yang dicadangkan.")
        )
    return text.replace(slot, index_json)


def engine_data(policies: PolicySet, registry: Registry) -> dict[str, Any]:
    """The `data` document every engine judges with: policy data plus the registry index.

    One function, so the embedded engine, an OPA push and an OPA bundle carry the same bytes.
    """
    data = dict(policies.data)
    data["spbe"] = {**data.get("spbe", {}), "registry": policy_index(registry)}
    return data


class Judge:
    """Policies, registry and engine, ready to judge manifests."""

    def __init__(
        self,
        policies: PolicySet,
        registry: Registry | CompiledRegistry,
        engine: Engine,
        waivers: tuple[Waiver, ...] = (),
        today: dt.date | None = None,
        use_cache: bool = False,
        hash_lines: bool = True,
    ):
        self.policies = policies
        self.use_cache = use_cache  # remember OpenAPI verdicts on disk: `check` only, never the gate
        self.hash_lines = hash_lines  # GitHub's line hashes, which only SARIF carries
        self.compiled = registry if isinstance(registry, CompiledRegistry) else compile_registry(registry)
        self.engine = engine
        self.waivers = waivers
        self.today = today or today_in_jakarta()
        self.rules: dict[str, RuleInfo] = {**SCHEMA_RULES, **policies.rules}
        self.matcher = self.compiled.matcher
        config = policies.config()
        self.similarity_config = {**DEFAULT_SIMILARITY, **(config.get("similarity") or {})}
        self.thresholds = Thresholds.from_config(self.similarity_config)
        self.evidence_order = evidence_order(config, self.rules)
        self.declared_code_rules = declared_code_rules(config, self.evidence_order)
        self.weak_evidence = weak_evidence(config, self.evidence_order)
        self.max_suggestions = suggestion_limit(config)
        engine.load(policies, engine_data_json(policies, self.compiled.index_json))

    def notices(self) -> list[Text]:
        """What the user should know about the inputs although they can judge (e.g. waivers not bound to an agency)."""
        return unbound_waivers(self.waivers)

    def facts(self, manifest: Manifest, root: Path) -> dict[str, Any]:
        """What Python knows that Rego cannot: similar apps by meaning, inferred functions, OpenAPI files."""
        spec = manifest.data["spec"]
        metadata = manifest.data["metadata"]
        exclude = frozenset([spec.get("extends", ""), *list(spec.get("replaces", []))])
        found = match_facts(
            self.matcher,
            metadata["name"],
            spec.get("description", ""),
            metadata["agency"]["code"],
            metadata["agency"].get("name", ""),
            exclude,
            self.thresholds,
            self.compiled.apps.get(str(spec.get("extends", "")), ("", None))[0],  # the host's name, "" without one
        )
        apis = (spec.get("interoperability") or {}).get("apis") or []
        return {
            **found,
            "openapi": [
                fact.as_fact()
                for fact in openapi_facts([api.get("openapi") for api in apis], manifest.path, root, self.use_cache)
            ],
        }

    def judge(self, manifest: Manifest, root: Path | None = None, new_proposal: bool = False) -> Result:
        """One manifest's verdict; `new_proposal` when the change under review adds it (waivers, SPEC §4)."""
        unknown = unknown_capabilities(manifest, self.compiled.capabilities)
        if unknown:  # the schema part only the registry can check: still `invalid`
            return Result(manifest.file, manifest.id, "invalid", manifest.locate(unknown))
        root = root or repository_root(manifest.path)
        facts = self.facts(manifest, root)
        input_doc = {"manifest": manifest.data, "facts": facts}
        raw = self.engine.evaluate(input_doc)
        violations = [self._violation(r.package, r.severity, r.value, manifest) for r in raw]
        violations = sorted(set(violations), key=lambda v: (v.line or 0, v.column or 0, v.rule, v.field, v.message.en))
        violations = apply_waivers(
            manifest.id,
            list(manifest.locate(violations, self.hash_lines)),
            self.waivers,
            self.today,
            agency=manifest.agency,
            new_proposal=new_proposal,
        )
        order = self.closest_order(facts, manifest)
        closest = closest_apps(violations, order, self.max_suggestions, self.weak_evidence)
        return Result(manifest.file, manifest.id, verdict_of(violations), tuple(violations), closest=closest)

    def closest_order(self, facts: Mapping[str, Any], manifest: Manifest) -> tuple[str, ...]:
        """The evidence order of this manifest's `closest` list (checker/judging/closest.py)."""
        declared = manifest.data["spec"].get("functions", [])  # a list of codes: the schema passed
        return order_for(self.evidence_order, self.declared_code_rules, reads_like_declared_code(facts, declared))

    def _violation(self, package: str, severity: str, value: Any, manifest: Manifest) -> Violation:
        """Check what a policy returned; a malformed violation is a policy bug (exit 2)."""

        def bad(why: str) -> CannotJudge:
            return CannotJudge(
                Text(
                    f"Policy package {package} returned a malformed {severity} entry ({why}): {str(value)[:200]}",
                    f"Paket kebijakan {package} menghasilkan entri {severity} yang salah bentuk ({why}): {str(value)[:200]}",
                )
            )

        if not isinstance(value, dict):
            raise bad("not an object")
        rule, field, message = value.get("rule"), value.get("field", ""), value.get("message")
        if not isinstance(rule, str) or not _RULE_ID.match(rule):
            raise bad("rule id")
        if rule not in self.rules:
            raise bad(f"{rule} has no # METADATA")
        if (
            not isinstance(field, str)
            or not isinstance(message, dict)
            or not all(isinstance(message.get(k), str) for k in ("en", "id"))
        ):
            raise bad("field or message")
        suggestions = []
        for item in value.get("suggestions") or []:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise bad("suggestion")
            name, url = self.compiled.apps.get(item["id"], (item["id"], None))
            why = item.get("why")
            why_text = (
                Text(why["en"], why["id"])
                if isinstance(why, dict) and all(isinstance(why.get(k), str) and why.get(k) for k in ("en", "id"))
                else None
            )
            count = item.get("count", 1)
            suggestions.append(
                Suggestion(
                    item["id"],
                    str(item.get("name", name)),
                    float(item.get("score", 1.0)),
                    url,
                    why_text,
                    count if isinstance(count, int) and count > 0 else 1,
                )
            )
        line, column = manifest.position(field)
        return Violation(
            rule=rule,
            severity="deny" if severity == "deny" else "warn",
            message=Text(message["en"], message["id"]),
            field=field,
            line=line,
            column=column,
            suggestions=tuple(suggestions),
        )

    def check(
        self,
        targets: list[Target],
        root: Path | None = None,
        time_budget: float = RUN_TIME_BUDGET_SECONDS,
        on_result: Callable[[Result], None] | None = None,
        identities: Identities | None = None,
    ) -> Report:
        """Judge every target; files a manifest uses as its OpenAPI document are not judged themselves.

        Each manifest is bounded by the reader's limits (size, depth, list lengths), so one
        pathological file is `invalid` and the others are still judged; the run as a whole
        is bounded by `MAX_MANIFESTS_PER_RUN` and `time_budget`, past which it cannot judge.
        `on_result` is told of each result as it is made (a progress bar). `identities` (the
        gate) names the ids held elsewhere in the repository and the manifests the change adds.
        """
        if len(targets) > MAX_MANIFESTS_PER_RUN:
            raise CannotJudge(
                Text(
                    f"{len(targets)} files to judge; the limit is {MAX_MANIFESTS_PER_RUN} per run. Split the change.",
                    f"{len(targets)} berkas untuk dinilai; batasnya {MAX_MANIFESTS_PER_RUN} per proses. Pecah perubahannya.",
                )
            )
        deadline = time.monotonic() + time_budget
        results: list[Result] = []

        def emit(result: Result) -> None:
            results.append(result)
            if on_result is not None:
                on_result(result)

        seen_ids: dict[str, Manifest] = {}
        referenced: set[Path] = set()
        loaded: list[tuple[Target, Manifest | Rejected]] = [(t, read_manifest(t.path, t.file)) for t in targets]
        if len(loaded) >= BULK_MANIFESTS:
            self.matcher.score_in_bulk()
        for target, item in loaded:
            if isinstance(item, Manifest):
                for api in (item.data["spec"].get("interoperability") or {}).get("apis") or []:
                    if isinstance(api.get("openapi"), str) and "://" not in api["openapi"]:
                        referenced.add((target.path.parent / api["openapi"]).resolve())
        for target, item in loaded:
            started = time.perf_counter()
            if isinstance(item, Rejected):
                if not target.explicit and target.path.resolve() in referenced:
                    continue
                emit(Result(item.file, item.id, "invalid", item.violations))
                continue
            if item.id in seen_ids:
                first = seen_ids[item.id]
                emit(Result(item.file, item.id, "invalid", (taken_id_violation(item, first.file, first.agency),)))
                continue
            seen_ids[item.id] = item
            holder = identities.holder_other_than(item.id, item.file) if identities is not None else None
            if holder is not None:
                emit(Result(item.file, item.id, "invalid", (taken_id_violation(item, holder.file, holder.agency),)))
                continue
            if time.monotonic() > deadline:
                raise CannotJudge(
                    Text(
                        f"The run exceeded its time budget of {time_budget:.0f} s after {len(results)} of {len(loaded)} files; nothing is reported as passed.",
                        f"Proses melampaui batas waktu {time_budget:.0f} detik setelah {len(results)} dari {len(loaded)} berkas; tidak ada yang dinyatakan lulus.",
                    )
                )
            emit(
                replace(
                    self.judge(item, root, new_proposal=identities is not None and item.file in identities.new_files),
                    seconds=time.perf_counter() - started,
                )
            )
        uris = {t.file: repository_uri(t, root) for t in targets}
        return self.report([replace(r, uri=uris.get(r.file)) for r in results])

    def report(self, results: list[Result]) -> Report:
        # A remote engine (OPA bundle mode) reports the revision it actually judged with.
        revision = getattr(self.engine, "policy_revision", None) or self.policies.revision
        return Report(
            tool_version=__version__,
            policy_revision=revision,
            registry_revision=self.compiled.revision,
            results=tuple(results),
            rules=self.rules,
        )


def repository_uri(target: Target, root: Path | None) -> str | None:
    """The target's path relative to its git work tree, so SARIF and Code Quality point at the same file
    whether `check` runs from the repository root or from `manifests/`. Under `root` (the gate's copy of
    the head commit) the reported name already is that path."""
    if root is not None:
        return target.file
    try:
        absolute = target.path.resolve()
        base = repository_root(absolute)
        if not (base / ".git").exists() or not absolute.is_relative_to(base):
            return None  # not in a git work tree: the name as given is all we know
        return absolute.relative_to(base).as_posix()
    except (OSError, RuntimeError, ValueError):
        return None


def verdict_of(violations: Iterable[Violation]) -> Verdict:
    """SPEC §4: waived violations stay listed but do not count."""
    counted = [v for v in violations if not v.waived]
    if any(v.severity == "deny" for v in counted):
        return "fail"
    if counted:
        return "warn"
    return "pass"


def open_judge(
    policies_dir: Path,
    registry_source: str | Path,
    waivers_path: Path | None,
    engine_name: str,
    today: dt.date | None = None,
    opa: OpaSettings | None = None,
    use_cache: bool = True,
    hash_lines: bool = True,
) -> Judge:
    """Load policies, registry and waivers and compile them; CannotJudge on any problem.

    `use_cache=False` compiles the registry afresh and judges OpenAPI documents afresh: the gate
    does so, because the cache is not authenticated and whoever can write it could change what
    the gate judges with. `hash_lines=False` skips GitHub's line hashes when no SARIF is written."""
    from checker.engine import make_engine
    from checker.judging.waivers import load_waivers
    from checker.policy.policyset import load_policies

    policies = load_policies(policies_dir)
    use_cache = use_cache and os.environ.get("SPBE_CHECK_NO_CACHE") is None
    registry = load_compiled(registry_source, use_cache=use_cache)
    waivers = load_waivers(waivers_path, {**SCHEMA_RULES, **policies.rules}, today) if waivers_path else ()
    judge = Judge(policies, registry, make_engine(engine_name, opa), waivers, today, use_cache, hash_lines)
    settle()
    return judge
