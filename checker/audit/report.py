"""The audit's findings as one JSON document, and its plain-text summary.

Why one document: the JSON file, the HTML report and the terminal summary are all
rendered from it, so the numbers on the page are the numbers in the file (the HTML
marks each with the JSON Pointer it comes from, `data-metric`).

Every count is of applications, not of violations: "412 apps break SPBE-HST-001".
Sums hold by construction: per-agency (and per-level, per-province) verdict counts
add up to the audited total, and per-rule app counts add up to the number of
(app, rule) pairs in the per-app list.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from checker import __version__
from checker.audit.clusters import Cluster
from checker.audit.compare import Baseline, VerdictChange
from checker.audit.judge import ASSUMPTIONS, AppOutcome, count_by
from checker.model import VERDICTS, Lang, RuleInfo
from checker.registry.load import Registry

HOSTING_PROVIDERS = ("pdn", "gov-cloud", "agency-dc", "commercial-cloud")
LEVELS = ("central", "province", "regency")
MAX_CLUSTERS_LISTED = 500


@dataclass(frozen=True)
class Comparison:
    """The audit under another policy revision, and what differs."""

    baseline: Baseline
    policy_revision: str
    outcomes: list[AppOutcome]
    changes: list[VerdictChange]
    rule_changes_only: int


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def province_of(agency_code: str) -> str | None:
    """Province code of a regional government ("32.15" -> "32"); None for a central agency."""
    return agency_code[:2] if agency_code[:2].isdigit() else None


def build_document(
    *,
    registry: Registry,
    outcomes: list[AppOutcome],
    rules: Mapping[str, RuleInfo],
    policy_revision: str,
    clusters: list[Cluster],
    owners: Mapping[str, list[str]],
    lang: Lang,
    date: str,
    comparison: Comparison | None = None,
) -> dict[str, Any]:
    """The audit document: what was audited and under which revisions, then counts per rule, family,
    level, province, agency, hosting, duplicated function and cluster, then one entry per app."""
    apps = registry.apps
    audited = [apps[o.id] for o in outcomes]
    records = list(apps.values())
    return {
        "tool": {"name": "spbe-check", "version": __version__},
        "report": "registry-audit",
        "date": date,
        "lang": lang,
        "policyRevision": policy_revision,
        "registryRevision": registry.revision,
        "registry": {
            "source": registry.source,
            "sha256": registry.sha256,
            "synthetic": bool((registry.doc.get("metadata") or {}).get("synthetic", False)),
            "apps": len(records),
            "active": sum(1 for a in records if a.get("status") == "active"),
            "retired": sum(1 for a in records if a.get("status") == "retired"),
            "shared": sum(1 for a in records if a.get("shared") and a.get("status") == "active"),
        },
        "assumptions": [a.get(lang) for a in ASSUMPTIONS],
        "audited": len(outcomes),
        "summary": {**count_by(outcomes), "compliantPercent": percent(_compliant(outcomes), len(outcomes))},
        "rules": _rules(outcomes, rules, lang),
        "families": _families(outcomes, rules),
        "levels": _levels(outcomes, apps),
        "provinces": _provinces(outcomes, apps),
        "agencies": _agencies(outcomes, apps),
        "hosting": _hosting(audited),
        "hostingByLevel": _hosting_by_level(audited),
        "duplicateFunctions": _duplicate_functions(audited, owners, registry, lang),
        "clusters": _clusters(clusters, apps),
        "comparison": _comparison(comparison, registry) if comparison else None,
        "apps": [_app(o, apps[o.id]) for o in outcomes],
    }


def _compliant(outcomes: Iterable[AppOutcome]) -> int:
    """Apps without a deny: `pass` or `warn`."""
    return sum(1 for o in outcomes if o.verdict in ("pass", "warn"))


def _verdicts(outcomes: Iterable[AppOutcome]) -> dict[str, int]:
    return count_by(outcomes)


def _rules(outcomes: list[AppOutcome], rules: Mapping[str, RuleInfo], lang: Lang) -> list[dict[str, Any]]:
    deny: dict[str, list[str]] = defaultdict(list)
    warn: dict[str, list[str]] = defaultdict(list)
    for o in outcomes:
        for rule in o.deny:
            deny[rule].append(o.id)
        for rule in o.warn:
            warn[rule].append(o.id)
    out = []
    for rule_id in sorted(set(rules) | set(deny) | set(warn)):
        info = rules.get(rule_id)
        ids = sorted(set(deny[rule_id]) | set(warn[rule_id]))
        out.append(
            {
                "id": rule_id,
                "family": info.family if info else rule_id.split("-")[1],
                "severity": info.severity if info else ("deny" if deny[rule_id] else "warn"),
                "title": info.title.get(lang) if info else rule_id,
                "deny": len(deny[rule_id]),
                "warn": len(warn[rule_id]),
                "apps": len(ids),
                "appIds": ids,
            }
        )
    return out


def _families(outcomes: list[AppOutcome], rules: Mapping[str, RuleInfo]) -> list[dict[str, Any]]:
    families = sorted({info.family for info in rules.values()} | {r.split("-")[1] for o in outcomes for r in o.rules})
    out = []
    for family in families:
        denied = warned = 0
        for o in outcomes:
            if any(r.split("-")[1] == family for r in o.deny):
                denied += 1
            elif any(r.split("-")[1] == family for r in o.warn):
                warned += 1
        clean = len(outcomes) - denied - warned
        out.append(
            {
                "family": family,
                "apps": len(outcomes),
                "deny": denied,
                "warnOnly": warned,
                "clean": clean,
                "compliantPercent": percent(len(outcomes) - denied, len(outcomes)),
            }
        )
    return out


def _levels(outcomes: list[AppOutcome], apps: Mapping[str, Any]) -> list[dict[str, Any]]:
    grouped: dict[str, list[AppOutcome]] = defaultdict(list)
    for o in outcomes:
        grouped[apps[o.id]["agency"].get("level") or "unknown"].append(o)
    names = [k for k in LEVELS if k in grouped] + sorted(k for k in grouped if k not in LEVELS)
    return [
        {
            "level": k,
            "apps": len(grouped[k]),
            "verdicts": _verdicts(grouped[k]),
            "compliantPercent": percent(_compliant(grouped[k]), len(grouped[k])),
        }
        for k in names
    ]


def _province_names(apps: Mapping[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for app in apps.values():
        agency = app["agency"]
        if agency.get("level") == "province" and province_of(agency["code"]) == agency["code"]:
            names.setdefault(agency["code"], agency.get("name", agency["code"]))
    return names


def _provinces(outcomes: list[AppOutcome], apps: Mapping[str, Any]) -> list[dict[str, Any]]:
    names = _province_names(apps)
    grouped: dict[str, list[AppOutcome]] = defaultdict(list)
    for o in outcomes:
        code = province_of(apps[o.id]["agency"]["code"])
        if code is not None:
            grouped[code].append(o)
    return [
        {
            "code": code,
            "name": names.get(code, code),
            "apps": len(grouped[code]),
            "verdicts": _verdicts(grouped[code]),
            "compliantPercent": percent(_compliant(grouped[code]), len(grouped[code])),
        }
        for code in sorted(grouped)
    ]


def _agencies(outcomes: list[AppOutcome], apps: Mapping[str, Any]) -> list[dict[str, Any]]:
    grouped: dict[str, list[AppOutcome]] = defaultdict(list)
    agency_of: dict[str, dict[str, Any]] = {}
    for o in outcomes:
        agency = apps[o.id]["agency"]
        grouped[agency["code"]].append(o)
        agency_of.setdefault(agency["code"], agency)
    return [
        {
            "code": code,
            "name": agency_of[code].get("name", code),
            "level": agency_of[code].get("level", ""),
            "province": province_of(code),
            "apps": len(grouped[code]),
            "verdicts": _verdicts(grouped[code]),
        }
        for code in sorted(grouped)
    ]


def _hosting(audited: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter((a.get("hosting") or {}).get("provider") for a in audited)
    rows = [(p, counts.get(p, 0)) for p in HOSTING_PROVIDERS]
    other = sum(n for p, n in counts.items() if p not in HOSTING_PROVIDERS)
    if other:
        rows.append(("other", other))
    return [{"provider": p, "apps": n, "percent": percent(n, len(audited))} for p, n in rows]


def _hosting_by_level(audited: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Hosting mix per agency level: where regional governments keep their systems."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for app in audited:
        grouped[app["agency"].get("level") or "unknown"].append(app)
    names = [k for k in LEVELS if k in grouped] + sorted(k for k in grouped if k not in LEVELS)
    return [
        {"level": k, "apps": len(grouped[k]), "providers": {h["provider"]: h["apps"] for h in _hosting(grouped[k])}}
        for k in names
    ]


def _duplicate_functions(
    audited: list[dict[str, Any]], owners: Mapping[str, list[str]], registry: Registry, lang: Lang
) -> list[dict[str, Any]]:
    """Functions run by apps of two agencies or more, most rebuilt first."""
    agencies: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for app in audited:
        for code in dict.fromkeys(app.get("functions") or []):
            agencies[code].add(app["agency"]["code"])
            counts[code] += 1
    taxonomy = registry.taxonomy
    rows = [
        {
            "code": code,
            "name": (taxonomy.get(code) or {}).get(lang, code),
            "apps": counts[code],
            "agencies": len(agencies[code]),
            "owners": sorted(owners.get(code, [])),
        }
        for code in counts
        if len(agencies[code]) > 1
    ]
    return sorted(rows, key=lambda r: (-r["agencies"], -r["apps"], r["code"]))


def _clusters(clusters: list[Cluster], apps: Mapping[str, Any]) -> dict[str, Any]:
    items = []
    for number, cluster in enumerate(clusters[:MAX_CLUSTERS_LISTED], start=1):
        items.append(
            {
                "id": f"C{number:04d}",
                "label": cluster.label,
                "size": cluster.size,
                "agencies": len(cluster.agencies),
                "function": cluster.function,
                "target": {"id": cluster.target.id, "name": cluster.target.name, "kind": cluster.target.kind},
                "agencyCodes": list(cluster.agencies),
                "apps": list(cluster.apps),
            }
        )
    return {
        "count": len(clusters),
        "apps": len({a for c in clusters for a in c.apps}),
        "listed": len(items),
        "items": items,
    }


def _comparison(comparison: Comparison, registry: Registry) -> dict[str, Any]:
    transitions = Counter(f"{c.before}->{c.after}" for c in comparison.changes)
    added: Counter[str] = Counter(r for c in comparison.changes for r in c.added)
    removed: Counter[str] = Counter(r for c in comparison.changes for r in c.removed)
    return {
        "ref": comparison.baseline.ref,
        "commit": comparison.baseline.commit,
        "policyRevision": comparison.policy_revision,
        "summary": {
            **count_by(comparison.outcomes),
            "compliantPercent": percent(_compliant(comparison.outcomes), len(comparison.outcomes)),
        },
        "changed": len(comparison.changes),
        "ruleChangesOnly": comparison.rule_changes_only,
        "transitions": dict(sorted(transitions.items())),
        "rules": [{"id": r, "added": added[r], "removed": removed[r]} for r in sorted(set(added) | set(removed))],
        "apps": [
            {
                "id": c.id,
                "agency": registry.apps[c.id]["agency"]["code"],
                "before": c.before,
                "after": c.after,
                "added": list(c.added),
                "removed": list(c.removed),
            }
            for c in comparison.changes
        ],
    }


def _app(outcome: AppOutcome, app: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": outcome.id,
        "name": app.get("name", ""),
        "agency": app["agency"]["code"],
        "verdict": outcome.verdict,
        "rules": list(outcome.rules),
        "deny": list(outcome.deny),
        "warn": list(outcome.warn),
    }


# --- the terminal summary ---------------------------------------------------------------

_TEXT = {
    "en": {
        "head": "Registry audit: {audited} active, non-shared applications of registry {registry} ({apps} apps{synthetic}), policies {policies}",
        "synthetic": ", synthetic",
        "verdicts": "Verdicts: pass {pass}, warn {warn}, fail {fail}, invalid {invalid} ({compliant}% without a deny)",
        "rules": "Applications per rule:",
        "families": "Without a deny, per family:",
        "hosting": "Hosting:",
        "functions": "Most rebuilt functions (agencies running it):",
        "clusters": "{count} clusters of near-duplicate applications cover {apps} applications; largest:",
        "cluster": "  {size:>6} apps, {agencies} agencies  {function} {label!r} -> consolidate on {target} ({kind})",
        "compare": "Compared with the policies at {ref} ({commit}): {changed} applications change verdict ({only} more change rules only)",
        "change": "  {id:<14} {agency:<12} {before} -> {after}  {delta}",
        "more": "  ... {n} more in the JSON report",
        "note": "The audit is a report, not a gate: exit code 0 whenever it ran.",
    },
    "id": {
        "head": "Audit registri: {audited} aplikasi aktif non-layanan-bersama dari registri {registry} ({apps} aplikasi{synthetic}), kebijakan {policies}",
        "synthetic": ", sintetis",
        "verdicts": "Hasil: lulus {pass}, peringatan {warn}, gagal {fail}, tidak sah {invalid} ({compliant}% tanpa pelanggaran deny)",
        "rules": "Aplikasi per aturan:",
        "families": "Tanpa pelanggaran deny, per rumpun:",
        "hosting": "Hosting:",
        "functions": "Fungsi yang paling banyak dibangun ulang (jumlah instansi):",
        "clusters": "{count} klaster aplikasi yang hampir sama mencakup {apps} aplikasi; terbesar:",
        "cluster": "  {size:>6} aplikasi, {agencies} instansi  {function} {label!r} -> konsolidasikan ke {target} ({kind})",
        "compare": "Dibandingkan dengan kebijakan pada {ref} ({commit}): {changed} aplikasi berubah hasil ({only} lainnya hanya berubah aturan)",
        "change": "  {id:<14} {agency:<12} {before} -> {after}  {delta}",
        "more": "  ... {n} lainnya ada di laporan JSON",
        "note": "Audit adalah laporan, bukan gerbang: kode keluar 0 bila berhasil dijalankan.",
    },
}
TEXT_LIST_LIMIT = 10
TEXT_CHANGES_LIMIT = 50


def render_text(doc: Mapping[str, Any], lang: Lang) -> str:
    """A short summary for the terminal; the JSON and HTML reports carry the detail."""
    t = _TEXT[lang]
    n = "{:,}".format if lang == "en" else (lambda v: f"{v:,}".replace(",", "."))
    reg = doc["registry"]
    lines = [
        t["head"].format(
            audited=n(doc["audited"]),
            registry=doc["registryRevision"],
            apps=n(reg["apps"]),
            synthetic=t["synthetic"] if reg["synthetic"] else "",
            policies=doc["policyRevision"],
        )
    ]
    s = doc["summary"]
    lines.append(t["verdicts"].format(**{v: n(s[v]) for v in VERDICTS}, compliant=s["compliantPercent"]))
    lines.append(t["families"])
    lines.extend(
        f"  {f['family']:<4} {f['compliantPercent']:>5}%  (deny {n(f['deny'])}, warn {n(f['warnOnly'])})"
        for f in doc["families"]
    )
    lines.append(t["rules"])
    lines.extend(
        f"  {r['id']:<13} {r['severity']:<4} {n(r['apps']):>7}  {r['title']}" for r in doc["rules"] if r["apps"]
    )
    lines.append(t["hosting"])
    lines.extend(f"  {h['provider']:<17} {n(h['apps']):>7}  {h['percent']}%" for h in doc["hosting"])
    lines.append(t["functions"])
    lines.extend(
        f"  {f['code']:<24} {n(f['agencies']):>5}  {f['name']}" for f in doc["duplicateFunctions"][:TEXT_LIST_LIMIT]
    )
    clusters = doc["clusters"]
    lines.append(t["clusters"].format(count=n(clusters["count"]), apps=n(clusters["apps"])))
    lines.extend(
        t["cluster"].format(
            size=n(c["size"]),
            agencies=n(c["agencies"]),
            label=c["label"],
            function=c["function"],
            target=f"{c['target']['name']} ({c['target']['id']})",
            kind=c["target"]["kind"],
        )
        for c in clusters["items"][:TEXT_LIST_LIMIT]
    )
    comparison = doc.get("comparison")
    if comparison:
        lines.append(
            t["compare"].format(
                ref=comparison["ref"],
                commit=comparison["commit"][:12],
                changed=n(comparison["changed"]),
                only=n(comparison["ruleChangesOnly"]),
            )
        )
        for change in comparison["apps"][:TEXT_CHANGES_LIMIT]:
            delta = " ".join([f"+{r}" for r in change["added"]] + [f"-{r}" for r in change["removed"]])
            lines.append(t["change"].format(delta=delta, **{k: change[k] for k in ("id", "agency", "before", "after")}))
        if comparison["changed"] > TEXT_CHANGES_LIMIT:
            lines.append(t["more"].format(n=n(comparison["changed"] - TEXT_CHANGES_LIMIT)))
    lines.append(t["note"])
    return "\n".join(lines) + "\n"
