"""The deterministic, synthetic sample national registry (`registry/national-registry.json.gz`).

The tool must run out of the box and be demonstrable at national scale, but no public
list of Indonesia's ~27,400 government applications exists. So this module *models*
one: the 15 shared services (aplikasi umum berbagi pakai) under their real-world names,
the 552 real regional governments (region names and codes from idn-area-data, ODbL,
see `registry/README.md`), about 75 central agencies, and over 27,400 synthetic
applications with the duplication the moratorium is about: every regional government
rebuilds the same ~45 typical apps under near-identical names, many of them for
functions a shared service already owns. What it draws from (taxonomy, agencies,
archetypes, shared services, description phrases) is data: `data/*.yaml`, read by
`checker.registry.samplegen.tables`; the weights of hosting, traits and integration stay here,
beside the draws they steer.

Everything is deterministic: each agency draws from its own `random.Random` seeded
with a fixed string and its agency code, agencies are visited in CSV / list order, and
nothing reads the clock, so `write_registry(build_sample_registry(...))` produces the
same bytes on every machine (the committed file is tested against a fresh build).

A build tool, not part of a judgement: only `spbe-check registry generate` (lazily),
`python -m checker.registry.samplegen`, the tests and bench/ import it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.registry.load import registry_bytes, write_atomically
from checker.registry.samplegen.regions import Region, load_regions
from checker.registry.samplegen.tables import load_tables

SEED = "spbe-sample-registry-v1"
MIN_APPS = 27_400
APP_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,62}$")
CHANNEL_ORDER = ("web", "mobile", "api", "desktop")
PDN_SITES = ("PDN-JABODETABEK", "PDN-BATAM", "PDN-IKN", "PDN-LABUANBAJO")
SHARED_HOSTING = {"provider": "pdn", "site": "PDN-JABODETABEK", "drSite": "PDN-BATAM", "country": "ID"}

# The tables (data/*.yaml), under the names the draws below use.
TABLES = load_tables()
REVISION = TABLES.revision
TAXONOMY = TABLES.taxonomy
FUNCTION_AUDIENCE = {code: audience for code, _, _, audience in TAXONOMY}
CAPABILITIES = TABLES.capabilities
INTEGRATION = TABLES.integration
CENTRAL_AGENCIES = TABLES.central_agencies
SECTORS = TABLES.sectors
CENTRAL_PATTERNS = TABLES.central_patterns
CENTRAL_VERBS = TABLES.central_verbs
CENTRAL_UNIT = TABLES.central_unit
PUBLIC_CHANNELS = TABLES.channel_sets["public"]
OFFICE_CHANNELS = TABLES.channel_sets["office"]
ARCHETYPES = TABLES.archetypes
SHARED_SERVICES = TABLES.shared_services
PINNED_ACTIVE = TABLES.pinned_active
NO_ACTIVE = TABLES.no_active
LEADS = TABLES.leads
PUBLIC_SCOPES = TABLES.public_scopes
OFFICE_SCOPES = TABLES.office_scopes
CENTRAL_PUBLIC_SCOPES = TABLES.central_public_scopes
CENTRAL_OFFICE_SCOPES = TABLES.central_office_scopes
BUILT = TABLES.built
CHANNEL_WORDS = TABLES.channel_words


class _Builder:
    """Accumulates apps with sequential ids APP-000001, APP-000002, ..."""

    def __init__(self) -> None:
        self.apps: list[dict[str, Any]] = []
        self.counter = 0

    def add(self, app: dict[str, Any]) -> None:
        if "id" not in app:
            self.counter += 1
            app = {"id": f"APP-{self.counter:06d}", **app}
        self.apps.append(app)


def _channels(rng: random.Random, options: Sequence[tuple[str, ...]]) -> list[str]:
    chosen = set(rng.choice(options))
    if rng.random() < 0.06:
        chosen.add("api")
    return [c for c in CHANNEL_ORDER if c in chosen]


def _weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _hosting(rng: random.Random, unit: str, full: str, province: str, central: bool) -> dict[str, str]:
    weights = (
        (("agency-dc", 53), ("pdn", 24), ("gov-cloud", 11), ("commercial-cloud", 12))
        if central
        else (("agency-dc", 58), ("pdn", 17.5), ("gov-cloud", 10), ("commercial-cloud", 14.5))
    )
    provider = _weighted(rng, weights)
    hosting: dict[str, str]
    if provider == "agency-dc":
        if central:
            site = rng.choice((f"Pusat Data {full}", f"Ruang server {CENTRAL_UNIT} {full}", f"Data center {full}"))
        else:
            site = _weighted(
                rng,
                (
                    (f"Ruang server Diskominfo {full}", 6),
                    (f"Ruang server {unit} {full}", 3),
                    (f"Data center Pemerintah {full}", 1),
                ),
            )
        hosting = {"provider": provider, "site": site, "country": "ID"}
        if rng.random() < 0.08:
            hosting["drSite"] = f"Ruang server cadangan {full}"
    elif provider == "pdn":
        site = _weighted(rng, tuple(zip(PDN_SITES, (50, 25, 15, 10), strict=True)))
        hosting = {"provider": provider, "site": site, "country": "ID"}
        if rng.random() < 0.45:
            hosting["drSite"] = rng.choice([s for s in PDN_SITES if s != site])
    elif provider == "gov-cloud":
        site = (
            "Cloud Pemerintah Nasional (Jakarta)" if central or rng.random() < 0.5 else f"Cloud Pemerintah {province}"
        )
        hosting = {"provider": provider, "site": site, "country": "ID"}
        if rng.random() < 0.3:
            hosting["drSite"] = "Cloud Pemerintah Nasional (Batam)"
    else:
        site, country = _weighted(
            rng,
            (
                (("Cloud komersial, region Jakarta", "ID"), 75),
                (("Cloud komersial, region Batam", "ID"), 8),
                (("Hosting komersial, Surabaya", "ID"), 10),
                (("Cloud komersial, region Singapura", "SG"), 7),
            ),
        )
        hosting = {"provider": provider, "site": site, "country": country}
    return hosting


def _description(
    rng: random.Random,
    objects: Sequence[str],
    scopes: Sequence[str],
    unit: str,
    public: bool,
    channels: list[str],
    retired: bool,
) -> str:
    """Indonesian description from templates: what it does, for whom, who built it, where."""
    first, *rest = rng.sample(list(objects), k=min(len(objects), rng.choice((1, 2, 2))))
    what = f"{first} dan {rest[0]}" if rest else first
    text = f"{rng.choice(LEADS)} {what} {rng.choice(scopes)}."
    year = rng.randint(2012, 2024)
    if retired:
        text += f" Sudah tidak dioperasikan sejak {min(year + rng.randint(1, 4), 2026)}."
    elif rng.random() < 0.75:
        text += " " + rng.choice(BUILT).format(unit=unit, year=year)
    if public and not retired and rng.random() < 0.4:
        words = [CHANNEL_WORDS[c] for c in channels]
        text += (
            " Tersedia dalam "
            + (" dan ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + ", dan " + words[-1])
            + "."
        )
    return text[0].upper() + text[1:]


def _app(
    name: str,
    description: str,
    agency: dict[str, str],
    functions: list[str],
    retired: bool,
    audience: str,
    channels: list[str],
    hosting: dict[str, str],
) -> dict[str, Any]:
    return {
        "name": name,
        "description": description,
        "agency": agency,
        "functions": functions,
        "status": "retired" if retired else "active",
        "shared": False,
        "audience": audience,
        "channels": channels,
        "hosting": hosting,
    }


def _audience(rng: random.Random, default: str) -> str:
    if rng.random() < 0.9:
        return default
    return rng.choice([a for a in ("public", "government", "internal") if a != default])


def _regional_apps(region: Region, builder: _Builder) -> None:
    rng = random.Random(f"{SEED}:{region.code}")
    agency = {"code": region.code, "name": region.agency, "level": region.level}
    fmt = {"place": region.place, "short": region.short, "head": region.head, "full": region.full}
    for arch in ARCHETYPES:
        pinned = PINNED_ACTIVE.get((region.code, arch.function), 0)
        prevalence = arch.prevalence[0 if region.level == "province" else 1]
        if rng.random() >= prevalence and not pinned:
            continue
        count = rng.randint(*arch.count)
        duplicated = rng.random() < arch.dup  # the same government built it twice (or three times)
        if duplicated:
            count += 2 if rng.random() < 0.08 else 1
        count = max(count, pinned)
        names = rng.sample(arch.names, k=min(count, len(arch.names)))
        legacy = duplicated and rng.random() < 0.3  # the older one was retired when the newer came
        unit = arch.unit if region.level == "regency" else arch.unit.replace("Bagian ", "Biro ")
        default_audience = arch.audience or FUNCTION_AUDIENCE[arch.function]
        for index, template in enumerate(names):
            retired = (legacy and index == 0) or rng.random() < 0.03
            if index < pinned:
                retired = False
            functions = [arch.function] + [code for code, p in arch.extra if rng.random() < p]
            if any((region.code, code) in NO_ACTIVE for code in functions):
                retired = True
            audience = _audience(rng, default_audience)
            channels = _channels(rng, arch.channels)
            scopes = [
                s.format(full=region.full, agency=region.agency)
                for s in (PUBLIC_SCOPES if audience == "public" else OFFICE_SCOPES)
            ]
            description = _description(rng, arch.objects, scopes, unit, audience == "public", channels, retired)
            builder.add(
                _app(
                    template.format(**fmt),
                    description,
                    agency,
                    functions,
                    retired,
                    audience,
                    channels,
                    _hosting(rng, unit, region.full, region.province, central=False),
                )
            )


def _acronym(topic: str) -> str:
    words: list[str] = [
        w for w in re.findall(r"[A-Za-z0-9]+", topic) if w.lower() not in {"dan", "di", "ke", "dari", "yang", "untuk"}
    ]
    if len(words) == 1:
        return "SI" + words[0][:5].upper()
    return "SI" + (words[0][:3] + "".join(w[:2] for w in words[1:3])).upper()


_PROPER_WORDS = frozenset({"Indonesia", "Nusantara", "Presiden", "Pancasila", "Kuliah"})


def _lower_topic(topic: str) -> str:
    """'Rekam Medis Elektronik' -> 'rekam medis elektronik'; keeps 'KIP', 'WNI', 'Indonesia'."""
    return " ".join(
        w if (w.isupper() and len(w) > 1) or any(c.isdigit() for c in w) or w in _PROPER_WORDS else w.lower()
        for w in topic.split()
    )


def _central_apps(code: str, name: str, short: str, sectors: Sequence[str], owned: set[str], builder: _Builder) -> None:
    rng = random.Random(f"{SEED}:{code}")
    agency = {"code": code, "name": name, "level": "central"}
    target = rng.randint(20, 40)
    names_used: set[str] = set()
    planned: list[tuple[str, str, Sequence[str], str]] = []  # name, function, objects, audience
    for arch in ARCHETYPES:
        if not arch.central or arch.function in owned or rng.random() >= arch.central:
            continue
        template = rng.choice(arch.central_names or arch.names)
        app_name = template.format(place=short, short=short, head="", full=name).strip()
        names_used.add(app_name)
        objects = tuple(o for o in arch.objects if "daerah" not in o) or arch.objects
        planned.append((app_name, arch.function, objects, arch.audience or FUNCTION_AUDIENCE[arch.function]))
    topics = [entry for sector in sectors for entry in SECTORS[sector]]
    topics = [t for t in topics if t[1] not in owned]
    order = rng.sample(topics, k=len(topics))
    total = max(target, len(planned) + 8)
    attempt = 0
    while len(planned) < total and attempt < 400:
        topic, function = order[attempt % len(order)]
        attempt += 1
        pattern = rng.choice(CENTRAL_PATTERNS)
        if pattern == "e-{t}" and len(topic.split()) > 2:
            pattern = "Sistem Informasi {t}"
        app_name = pattern.format(t=topic, a=_acronym(topic), s=short)
        if app_name in names_used:
            continue
        names_used.add(app_name)
        verbs = rng.sample(CENTRAL_VERBS, 2)
        central_objects = (
            f"{verbs[0]} dan {verbs[1]} {_lower_topic(topic)}"
            if rng.random() < 0.5
            else f"{verbs[0]} {_lower_topic(topic)}",
        )
        planned.append((app_name, function, central_objects, FUNCTION_AUDIENCE[function]))
    for app_name, function, app_objects, default_audience in planned:
        retired = rng.random() < 0.07
        audience = _audience(rng, default_audience)
        channels = _channels(rng, PUBLIC_CHANNELS if audience == "public" else OFFICE_CHANNELS)
        scopes = (
            CENTRAL_PUBLIC_SCOPES if audience == "public" else [s.format(agency=name) for s in CENTRAL_OFFICE_SCOPES]
        )
        description = _description(rng, app_objects, scopes, CENTRAL_UNIT, audience == "public", channels, retired)
        builder.add(
            _app(
                app_name,
                description,
                agency,
                [function],
                retired,
                audience,
                channels,
                _hosting(rng, CENTRAL_UNIT, name, "", central=True),
            )
        )


def _shared_apps(builder: _Builder, central_names: dict[str, str]) -> None:
    for spec in SHARED_SERVICES:
        app: dict[str, Any] = {
            "id": spec.id,
            "name": spec.name,
            "description": spec.description,
            "agency": {"code": spec.agency, "name": central_names[spec.agency], "level": "central"},
            "functions": list(spec.functions),
            "status": "active",
            "shared": True,
            "audience": spec.audience,
            "channels": list(spec.channels),
            "hosting": dict(SHARED_HOSTING),
        }
        if spec.url:
            app["url"] = spec.url
        if spec.apis:
            app["apis"] = [{"name": api, "gateway": INTEGRATION["bus"]} for api in spec.apis]
        builder.add(app)


# What an app holds and which capabilities it built itself: the audit judges these
# (SHR, HST) the way a proposal's `uses` and `data` are judged.
PERSONAL_DATA_FUNCTIONS = ("ADM-KEPEGAWAIAN", "ADM-KINERJA", "KES-", "SOS-", "PDD-", "LYN-ADMINDUK", "IDN-")
HIGH_CRITICALITY_PREFIXES = ("KEU-", "IDN-", "KES-", "LYN-PAJAK", "LYN-ADMINDUK")
SIGNING_FUNCTIONS = ("ADM-ARSIP", "LYN-PERIZINAN", "ADM-KEPEGAWAIAN", "HKM-", "LYN-ADMINDUK")
PAYING_FUNCTIONS = ("LYN-PAJAK-DAERAH", "LYN-PARKIR", "LYN-PERIZINAN", "KEU-PNBP", "LYN-RETRIBUSI")


def _traits(app: dict[str, Any]) -> dict[str, Any]:
    """`data` and `uses` of a registered app, from its own seed so other fields never shift."""
    rng = random.Random(f"{SEED}:traits:{app['id']}")
    functions = app["functions"]

    def has(prefixes: tuple[str, ...]) -> bool:
        return any(f.startswith(prefixes) for f in functions)

    high = has(HIGH_CRITICALITY_PREFIXES)
    criticality = _weighted(
        rng, (("strategic", 8), ("high", 52), ("low", 40)) if high else (("strategic", 2), ("high", 23), ("low", 75))
    )
    personal = has(PERSONAL_DATA_FUNCTIONS) or app["audience"] == "public" or rng.random() < 0.2
    uses: dict[str, str] = {}
    if app["audience"] != "internal" or rng.random() < 0.5:  # sign-in: most agencies built their own
        uses["identity"] = _weighted(rng, (("self", 62), ("SHARED-INAPAS", 23), ("SHARED-IKD", 15)))
    if has(SIGNING_FUNCTIONS) and rng.random() < 0.8:
        uses["signature"] = _weighted(rng, (("self", 45), ("SHARED-BSRE", 55)))
    if has(PAYING_FUNCTIONS) and rng.random() < 0.85:
        uses["payment"] = _weighted(rng, (("self", 70), ("SHARED-SIMPONI", 30)))
    return (
        {"uses": uses, "data": {"criticality": criticality, "personalData": personal}}
        if uses
        else {"data": {"criticality": criticality, "personalData": personal}}
    )


# How registered apps integrate, so the audit's INT counts are real: most agencies
# expose APIs directly and take population data over direct links.
CONSUMED_BY_PREFIX = (
    ("LYN-ADMINDUK", "SHARED-IKD"),
    ("SOS-", "SHARED-IKD"),
    ("KES-", "SHARED-IKD"),
    ("PDD-", "SHARED-IKD"),
    ("ADM-KEPEGAWAIAN", "SHARED-SIASN"),
    ("ADM-KINERJA", "SHARED-SIASN"),
    ("KEU-PERENCANAAN-DAERAH", "SHARED-SIPD"),
    ("KEU-PENATAUSAHAAN", "SHARED-SIPD"),
)
OPENAPI_HOSTS = "https://api.{slug}.go.id/openapi.yaml"


def _interoperability(app: dict[str, Any]) -> dict[str, Any]:
    """`interoperability` of a registered app ({apis, consumes, datasets}, as in a manifest), from its own seed."""
    rng = random.Random(f"{SEED}:interoperability:{app['id']}")
    functions = app["functions"]
    apis: list[dict[str, str]] = []
    wanted = 1 + (rng.random() < 0.3) if "api" in app["channels"] else int(rng.random() < 0.12)
    for n in range(wanted):
        api: dict[str, str] = {"name": f"{functions[0].lower()}-{n + 1}"}
        if rng.random() < 0.55:  # documented: an https URL (accepted as declared; never fetched)
            api["openapi"] = OPENAPI_HOSTS.format(slug=app["id"].lower())
        api["gateway"] = _weighted(rng, ((INTEGRATION["bus"], 30), ("direct", 70)))
        apis.append(api)
    consumes: list[dict[str, str]] = []
    for prefix, provider in CONSUMED_BY_PREFIX:
        if (
            any(f.startswith(prefix) for f in functions)
            and rng.random() < 0.5
            and provider not in {c["provider"] for c in consumes}
        ):
            consumes.append({"provider": provider, "via": _weighted(rng, ((INTEGRATION["bus"], 25), ("direct", 75)))})
    datasets = []
    if any(f.startswith("DAT-") for f in functions) or rng.random() < 0.1:
        datasets.append({"name": f"data-{functions[0].lower()}", "satuData": rng.random() < 0.35})
    out = {key: value for key, value in (("apis", apis), ("consumes", consumes), ("datasets", datasets)) if value}
    return {"interoperability": out} if out else {}


def build_sample_registry(areas_dir: Path) -> dict[str, Any]:
    """Build the synthetic national registry (SPEC §2 form) from the idn-area CSVs in `areas_dir`.

    Pure and deterministic: the same CSVs always give an equal document.
    """
    regions = load_regions(Path(areas_dir))
    central_names = {agency.code: agency.name for agency in CENTRAL_AGENCIES}
    owned: dict[str, set[str]] = {}
    for spec in SHARED_SERVICES:
        owned.setdefault(spec.agency, set()).update(spec.functions)
    builder = _Builder()
    _shared_apps(builder, central_names)
    for agency in CENTRAL_AGENCIES:
        _central_apps(agency.code, agency.name, agency.short, agency.sectors, owned.get(agency.code, set()), builder)
    for region in regions:
        _regional_apps(region, builder)
    for app in builder.apps:
        if not app["shared"]:
            app.update(_traits(app))
            app.update(_interoperability(app))
    doc = {
        "apiVersion": "spbe.go.id/v1",
        "kind": "Registry",
        "metadata": {
            "revision": REVISION,
            "synthetic": True,
            "description": TABLES.description,
            "attribution": TABLES.attribution,
        },
        "taxonomy": [{"code": code, "name": {"en": en, "id": id_}} for code, en, id_, _ in TAXONOMY],
        "capabilities": {
            key: {"providers": list(value["providers"]), "name": dict(value["name"])}
            for key, value in CAPABILITIES.items()
        },
        "integration": dict(INTEGRATION),
        "apps": builder.apps,
    }
    _check(doc)
    return doc


def _check(doc: dict[str, Any]) -> None:
    """Fail loudly if a catalogue edit broke what the product and its tests rely on."""
    apps = doc["apps"]
    codes = {t["code"] for t in doc["taxonomy"]}
    ids = [a["id"] for a in apps]
    known = set(ids)
    providers = {p for cap in doc["capabilities"].values() for p in cap["providers"]}
    problems = [
        (len(apps) < MIN_APPS, f"only {len(apps)} apps; the sample must have at least {MIN_APPS}"),
        (not 40 <= len(codes) <= 60 or len(codes) != len(doc["taxonomy"]), "the taxonomy must have 40-60 unique codes"),
        (len(known) != len(ids), "duplicate app ids"),
        (not all(APP_ID.match(i) for i in ids), "an app id does not match ^[A-Z0-9][A-Z0-9-]{2,62}$"),
        (not all(set(a["functions"]) <= codes for a in apps), "an app uses a function code outside the taxonomy"),
        (not providers <= known or not set(doc["integration"].values()) <= known, "a provider id is not an app"),
    ]
    for failed, why in problems:
        if failed:
            raise ValueError(f"sample registry: {why}")


def write_registry(doc: dict[str, Any], path: Path) -> None:
    """Write `doc` as compact UTF-8 JSON, gzip-compressed when `path` ends with `.gz`.

    Byte-for-byte reproducible (no timestamp or file name in the gzip header), so the
    committed sample can be checked against a fresh build; written atomically.
    """
    path = Path(path)
    write_atomically(path, registry_bytes(doc, gzipped=path.name.endswith(".gz")))
