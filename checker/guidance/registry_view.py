"""What a person reads about the registry: search hits, one app, and a summary.

Pure functions from registry data to text (or JSON-ready dicts), so the CLI stays
thin and the tests can read the output. Every registry value is stripped of
control characters before it reaches a terminal: a registry may come from a URL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from checker.formats.escape import strip_control
from checker.guidance.search import Hit, SearchIndex
from checker.model import Lang, Text
from checker.registry.load import Registry

LEVELS = ("central", "province", "regency")

L: dict[str, Text] = {
    "searching": Text(
        '{count} of {total} registered applications match "{query}" (registry {revision}{synthetic})',
        '{count} dari {total} aplikasi terdaftar cocok dengan "{query}" (registri {revision}{synthetic})',
    ),
    "synthetic": Text(", synthetic sample", ", contoh sintetis"),
    "none": Text(
        'No registered application matches "{query}". Try other words (Indonesian or English), fewer words, '
        "or drop --function/--agency.",
        'Tidak ada aplikasi terdaftar yang cocok dengan "{query}". Coba kata lain (bahasa Indonesia atau '
        "Inggris), lebih sedikit kata, atau hapus --function/--agency.",
    ),
    "shared": Text("shared service", "layanan bersama"),
    "retired": Text("retired", "tidak aktif"),
    "functions": Text("functions", "fungsi"),
    "Functions": Text("Functions", "Fungsi"),
    "matched": Text("matched", "cocok"),
    "next": Text(
        "Next: `spbe-check registry show ID` for one application; `spbe-check init` proposes a module or an "
        "extension of what already exists.",
        "Berikutnya: `spbe-check registry show ID` untuk satu aplikasi; `spbe-check init` mengusulkan modul "
        "atau pengembangan dari yang sudah ada.",
    ),
    "owner": Text("Owner", "Pemilik"),
    "status": Text("Status", "Status"),
    "audience": Text("Audience", "Pengguna"),
    "channels": Text("Channels", "Kanal"),
    "hosting": Text("Hosting", "Hosting"),
    "url": Text("URL", "URL"),
    "apis": Text("APIs", "API"),
    "no_apis": Text("none registered", "tidak ada yang terdaftar"),
    "owns": Text(
        "Shared owner of {codes}: agencies build on it (spec.kind: module or extension, spec.extends: {id}) "
        "instead of rebuilding these functions.",
        "Pemilik bersama {codes}: instansi membangun di atasnya (spec.kind: module atau extension, "
        "spec.extends: {id}) alih-alih membangun ulang fungsi ini.",
    ),
    "super_app": Text(
        "The citizen super app: public web and mobile services ship as its modules (spec.kind: module, "
        "spec.extends: {id}).",
        "Aplikasi super warga: layanan publik web dan seluler dihadirkan sebagai modulnya (spec.kind: "
        "module, spec.extends: {id}).",
    ),
    "bus": Text(
        "The service bus: APIs are published on it (gateway: {id}) and data from other agencies comes "
        "through it (via: {id}).",
        "Sistem penghubung layanan: API diterbitkan di sini (gateway: {id}) dan data dari instansi lain "
        "melewatinya (via: {id}).",
    ),
}


def _c(value: Any) -> str:
    return strip_control(value)


def _label(key: str, lang: Lang, **values: Any) -> str:
    return L[key].get(lang).format(**values)


def render_hits(hits: list[Hit], index: SearchIndex, query: str, lang: Lang, total: int) -> str:
    """Numbered hits with owner, functions (with taxonomy names) and what matched."""
    synthetic = _label("synthetic", lang) if index.synthetic else ""
    if not hits:
        return _label("none", lang, query=_c(query)) + "\n"
    lines = [
        _label(
            "searching",
            lang,
            count=f"{total:,}",
            total=f"{len(index):,}",
            query=_c(query),
            revision=_c(index.revision),
            synthetic=synthetic,
        ),
        "",
    ]
    width = len(str(len(hits)))
    for number, hit in enumerate(hits, 1):
        tags = []
        if hit.shared:
            tags.append(_label("shared", lang))
        if hit.status != "active":
            tags.append(_label("retired", lang))
        tag_text = f"  [{', '.join(tags)}]" if tags else ""
        lines.append(f"{number:>{width}}. {_c(hit.id)}  {_c(hit.name)}{tag_text}")
        pad = " " * (width + 2)
        lines.append(f"{pad}{_c(hit.agency_name)} ({_c(hit.agency_code)}, {_c(hit.level)})")
        lines.append(f"{pad}{_label('functions', lang)}: {function_list(hit.functions, index.taxonomy, lang)}")
        if hit.why:
            lines.append(f"{pad}{_label('matched', lang)}: {_c('; '.join(hit.why))}")
    lines += ["", _label("next", lang)]
    return "\n".join(lines) + "\n"


def function_list(codes: Iterable[str], taxonomy: dict[str, tuple[str, str]], lang: Lang) -> str:
    """`ADM-ARSIP (Persuratan dan kearsipan), ...` in the reader's language."""
    out = []
    for code in codes:
        names = taxonomy.get(code)
        name = (names[1] if lang == "id" else names[0]) if names else None
        out.append(f"{_c(code)} ({_c(name)})" if name else _c(code))
    return ", ".join(out)


def app_json(registry: Registry, app: dict[str, Any]) -> dict[str, Any]:
    """One app as stored, plus the taxonomy names of its functions and what it owns."""
    taxonomy = registry.taxonomy
    out = dict(app)
    out["functions"] = [{"code": code, "name": taxonomy.get(code, {})} for code in app.get("functions", [])]
    out["owns"] = owned_functions(registry, app)
    return out


def owned_functions(registry: Registry, app: dict[str, Any]) -> list[str]:
    """Functions this app owns as an active shared service (the ones nobody else may rebuild)."""
    if not app.get("shared") or app.get("status") != "active":
        return []
    return [code for code in app.get("functions", []) if code in registry.taxonomy]


def render_app(registry: Registry, app: dict[str, Any], lang: Lang) -> str:
    """One application, for `registry show`."""
    taxonomy = {code: (str(n.get("en", code)), str(n.get("id", code))) for code, n in registry.taxonomy.items()}
    agency = app.get("agency") or {}
    tags = [_label("shared", lang)] if app.get("shared") else []
    lines = [f"{_c(app['id'])}  {_c(app.get('name', ''))}" + (f"  [{', '.join(tags)}]" if tags else "")]
    if app.get("description"):
        lines.append(f"  {_c(app['description'])}")
    lines.append("")
    rows = [
        ("owner", f"{_c(agency.get('name', ''))} ({_c(agency.get('code', ''))}, {_c(agency.get('level', ''))})"),
        ("status", _c(app.get("status", ""))),
        ("Functions", function_list(app.get("functions", []), taxonomy, lang)),
        ("audience", _c(app.get("audience", ""))),
        ("channels", _c(", ".join(str(c) for c in app.get("channels", []) or []))),
        ("hosting", hosting_text(app.get("hosting"))),
    ]
    if app.get("url"):
        rows.append(("url", _c(app["url"])))
    rows.append(("apis", api_text(app.get("apis"), lang)))
    width = max(len(_label(key, lang)) for key, _ in rows) + 1
    for key, value in rows:
        lines.append(f"  {(_label(key, lang) + ':'):<{width}} {value}")
    notes = []
    owned = owned_functions(registry, app)
    if owned:
        notes.append(_label("owns", lang, codes=", ".join(owned), id=_c(app["id"])))
    if app["id"] == registry.integration.get("superApp"):
        notes.append(_label("super_app", lang, id=_c(app["id"])))
    if app["id"] == registry.integration.get("bus"):
        notes.append(_label("bus", lang, id=_c(app["id"])))
    for capability, entry in sorted(registry.capabilities.items()):
        providers = (entry or {}).get("providers") or [] if isinstance(entry, dict) else []
        if app["id"] in providers:
            notes.append(
                Text(
                    f"Mandatory provider of the capability {capability} (spec.uses.{capability}: {app['id']}).",
                    f"Penyedia wajib kapabilitas {capability} (spec.uses.{capability}: {app['id']}).",
                ).get(lang)
            )
    if notes:
        lines.append("")
        lines += [f"  → {_c(n)}" for n in notes]
    return "\n".join(lines) + "\n"


def hosting_text(hosting: Any) -> str:
    if not isinstance(hosting, dict):
        return "-"
    parts = [str(hosting.get(k)) for k in ("provider", "site") if hosting.get(k)]
    dr = hosting.get("drSite")
    if isinstance(dr, dict):  # the structured form {provider, site, country}
        parts.append("DR " + " ".join(str(dr[k]) for k in ("provider", "site", "country") if dr.get(k)))
    elif dr:
        parts.append(f"DR {dr}")
    if hosting.get("country"):
        parts.append(str(hosting["country"]))
    return _c(", ".join(parts)) or "-"


def api_text(apis: Any, lang: Lang) -> str:
    """The `apis` field, whatever its shape: a list of names, or of {name, openapi, gateway}."""
    if not apis:
        return _label("no_apis", lang)
    items = apis if isinstance(apis, list) else [apis]
    out = []
    for api in items:
        if isinstance(api, dict):
            name = api.get("name") or api.get("id") or "?"
            extra = [str(api[k]) for k in ("openapi", "url", "gateway") if api.get(k)]
            out.append(f"{name} ({', '.join(extra)})" if extra else str(name))
        else:
            out.append(str(api))
    return _c("; ".join(out))


def suggest_ids(registry: Registry, wanted: str, limit: int = 3) -> list[str]:
    """Registry ids close to a mistyped one, for 'did you mean'."""
    from rapidfuzz import fuzz, process

    found = process.extract(wanted.upper(), list(registry.apps), scorer=fuzz.ratio, limit=limit, score_cutoff=70)
    return [match for match, _, _ in found]


def registry_stats(registry: Registry, top: int = 10) -> dict[str, Any]:
    """Counts a reviewer asks for first: size, status, shared, levels, duplication by function, hosting."""
    apps = list(registry.apps.values())
    active = [a for a in apps if a.get("status") == "active"]
    app_counts = dict.fromkeys(LEVELS, 0)
    agencies_by_level: dict[str, set[str]] = {level: set() for level in LEVELS}
    for app in apps:
        level = (app.get("agency") or {}).get("level", "other")
        app_counts[level] = app_counts.get(level, 0) + 1
        agencies_by_level.setdefault(level, set()).add(app["agency"]["code"])
    agencies_by_function: dict[str, set[str]] = {}
    apps_by_function: Counter[str] = Counter()
    for app in active:
        for code in app.get("functions", []):
            agencies_by_function.setdefault(code, set()).add(app["agency"]["code"])
            apps_by_function[code] += 1
    hosting = Counter(str((a.get("hosting") or {}).get("provider", "unknown")) for a in active)
    taxonomy = registry.taxonomy
    owners: dict[str, list[str]] = {}
    for app in active:
        if app.get("shared"):
            for code in app.get("functions", []):
                owners.setdefault(code, []).append(app["id"])

    def function_row(code: str) -> dict[str, Any]:
        return {
            "code": code,
            "name": taxonomy.get(code, {}),
            "agencies": len(agencies_by_function.get(code, ())),
            "apps": apps_by_function.get(code, 0),
            "sharedOwners": sorted(owners.get(code, [])),
        }

    ranked = sorted(agencies_by_function, key=lambda c: (-len(agencies_by_function[c]), c))
    return {
        "source": registry.source,
        "revision": registry.revision,
        "synthetic": bool(registry.doc.get("metadata", {}).get("synthetic", False)),
        "apps": len(apps),
        "active": len(active),
        "retired": len(apps) - len(active),
        "shared": sorted(a["id"] for a in apps if a.get("shared")),
        "byLevel": {
            level: {"apps": count, "agencies": len(agencies_by_level[level])} for level, count in app_counts.items()
        },
        "hosting": dict(hosting.most_common()),
        "taxonomy": len(taxonomy),
        "topFunctions": [function_row(c) for c in (ranked[:top] if top > 0 else ranked)],
        "functions": [function_row(c) for c in sorted(taxonomy)],
        "integration": registry.integration,
        "capabilities": {
            k: (v or {}).get("providers", []) for k, v in registry.capabilities.items() if isinstance(v, dict)
        },
    }


def render_stats(stats: dict[str, Any], lang: Lang, list_functions: bool = False) -> str:
    """`registry stats` as text."""
    en = lang != "id"
    synthetic = (" (synthetic sample)" if en else " (contoh sintetis)") if stats["synthetic"] else ""
    lines = [f"{'Registry' if en else 'Registri'} {_c(stats['revision'])}{synthetic} — {_c(stats['source'])}", ""]
    active, total = stats["active"], stats["apps"]
    lines.append(
        f"{'Applications' if en else 'Aplikasi'}: {total:,} "
        f"({'active' if en else 'aktif'} {active:,}, {'retired' if en else 'tidak aktif'} {stats['retired']:,})"
    )
    lines.append(
        f"{'Shared services' if en else 'Layanan bersama'}: {len(stats['shared'])} ({_c(', '.join(stats['shared']))})"
    )
    integration = stats["integration"]
    lines.append(
        f"{'Service bus' if en else 'Penghubung layanan'}: {_c(integration.get('bus', '-'))} · "
        f"{'citizen super app' if en else 'aplikasi super warga'}: {_c(integration.get('superApp', '-'))}"
    )
    caps = ", ".join(f"{_c(k)} → {_c('/'.join(v))}" for k, v in sorted(stats["capabilities"].items()) if v)
    lines.append(f"{'Mandatory providers' if en else 'Penyedia wajib'}: {caps or '-'}")
    lines.append("")
    lines.append("By agency level:" if en else "Menurut tingkat instansi:")
    for level, row in stats["byLevel"].items():
        lines.append(
            f"  {_c(level):<9} {row['apps']:>7,} {'apps' if en else 'aplikasi'}, "
            f"{row['agencies']:>4} {'agencies' if en else 'instansi'}"
        )
    lines.append("")
    lines.append("Hosting of active apps:" if en else "Hosting aplikasi aktif:")
    for provider, count in stats["hosting"].items():
        share = 100.0 * count / active if active else 0.0
        lines.append(f"  {_c(provider):<17} {count:>7,}  {share:5.1f}%")
    lines.append("")
    lines.append(
        "Functions run by the most agencies (active apps):"
        if en
        else "Fungsi yang dijalankan oleh instansi terbanyak (aplikasi aktif):"
    )
    lines += _function_rows(stats["topFunctions"], lang)
    lines.append("")
    if list_functions:
        lines.append(f"{'Taxonomy' if en else 'Taksonomi'} ({stats['taxonomy']}):")
        lines += _function_rows(stats["functions"], lang)
    else:
        lines.append(
            f"{'Taxonomy' if en else 'Taksonomi'}: {stats['taxonomy']} "
            f"{'function codes; --functions lists them all.' if en else 'kode fungsi; --functions menampilkan semuanya.'}"
        )
    return "\n".join(lines) + "\n"


def _function_rows(rows: list[dict[str, Any]], lang: Lang) -> list[str]:
    en = lang != "id"
    width = max((len(r["code"]) for r in rows), default=10)
    out = []
    for row in rows:
        name = row["name"].get(lang) or row["name"].get("en") or ""
        owners = f"  ← {', '.join(row['sharedOwners'])}" if row["sharedOwners"] else ""
        out.append(
            f"  {_c(row['code']):<{width}}  {row['agencies']:>4} {'agencies' if en else 'instansi'} "
            f"{row['apps']:>6,} {'apps' if en else 'aplikasi'}  {_c(name)}{_c(owners)}"
        )
    return out
