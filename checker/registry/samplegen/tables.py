"""The sample registry's tables, read from the YAML files in `data/` (shipped in the wheel).

The tables are domain knowledge a reviewer edits (an archetype, an agency, a sector topic),
so they live as data beside the generator rather than as Python literals. YAML rather than
JSON because a reviewer adds an entry by copying the one above it: comments explain each
field in place, templates and descriptions need no escaping, and long texts fold.
They are read with the project's own YAML reader (`checker.plumbing.yamlsafe`: duplicate keys,
aliases and YAML 1.1 surprises such as `NO` or unquoted `32.15` are refused or typed as
an editor types them), then checked here field by field, so a mistake is reported with its
file, line and column instead of surfacing as a shifted registry or a traceback.
Every list keeps its order: the generator's seeded draws depend on it.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Collection
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

from checker.errors import CannotJudge
from checker.model import Text
from checker.plumbing.yamlsafe import Positions, YamlError, parse_yaml, position_of

T = TypeVar("T")
AUDIENCES = ("public", "government", "internal")
CHANNELS = ("web", "mobile", "api", "desktop")
DATA = files("checker.registry.samplegen").joinpath("data")


@dataclass(frozen=True)
class Archetype:
    """One kind of app every regional government tends to build for itself (archetypes.yaml).

    names: variants with {place} (and {head}: Gubernur/Bupati/Walikota, {short}: bare
    place name, {full}); objects: description phrases; prevalence: (province, regency)
    probability that a government runs one; central: probability that a central agency
    runs one (0: never), with central_names if the regional names do not fit.
    """

    function: str
    unit: str
    names: tuple[str, ...]
    objects: tuple[str, ...]
    prevalence: tuple[float, float]
    channels: tuple[tuple[str, ...], ...] = (("web",),)
    audience: str = ""
    extra: tuple[tuple[str, float], ...] = ()
    central: float = 0.0
    central_names: tuple[str, ...] = ()
    dup: float = 0.24
    count: tuple[int, int] = (1, 1)


@dataclass(frozen=True)
class CentralAgency:
    """A ministry or agency (central-agencies.yaml): code, official name, label in app names, sectors."""

    code: str
    name: str
    short: str
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class SharedService:
    """One of the 15 shared services (shared-services.yaml)."""

    id: str
    name: str
    agency: str
    functions: tuple[str, ...]
    audience: str
    channels: tuple[str, ...]
    url: str
    apis: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Tables:
    """Everything the generator draws from, as read from `data/`."""

    revision: str
    description: str
    attribution: str
    capabilities: dict[str, dict[str, Any]]
    integration: dict[str, str]
    taxonomy: tuple[tuple[str, str, str, str], ...]  # code, English name, Indonesian name, default audience
    shared_services: tuple[SharedService, ...]
    central_unit: str
    central_patterns: tuple[str, ...]
    central_verbs: tuple[str, ...]
    central_agencies: tuple[CentralAgency, ...]
    sectors: dict[str, tuple[tuple[str, str], ...]]  # sector -> (topic, function), in order
    channel_sets: dict[str, tuple[tuple[str, ...], ...]]  # "public" and "office" also serve central apps
    archetypes: tuple[Archetype, ...]
    leads: tuple[str, ...]
    public_scopes: tuple[str, ...]
    office_scopes: tuple[str, ...]
    central_public_scopes: tuple[str, ...]
    central_office_scopes: tuple[str, ...]
    built: tuple[str, ...]
    channel_words: dict[str, str]
    pinned_active: dict[tuple[str, str], int]
    no_active: frozenset[tuple[str, str]]


class _File:
    """One data file: its parsed content and the typed accessors that say where a value is wrong."""

    def __init__(self, data: Traversable, name: str):
        self.name = str(data.joinpath(name))
        try:
            document = parse_yaml(data.joinpath(name).read_text(encoding="utf-8"))
        except YamlError as err:
            raise self._error(err.line, err.column, err.message.en, err.message.id) from None
        except OSError as err:
            raise CannotJudge(
                Text(
                    f"{self.name}: cannot be read ({err.strerror}); reinstall spbe-check.",
                    f"{self.name}: tidak dapat dibaca ({err.strerror}); pasang ulang spbe-check.",
                )
            ) from None
        self.data: Any = document.data
        self.positions: Positions = document.positions

    def _error(self, line: int | None, column: int | None, en: str, id_: str) -> CannotJudge:
        where = f"{self.name}:{line or 1}:{column or 1}"
        return CannotJudge(Text(f"{where}: {en}", f"{where}: {id_}"))

    def fail(self, path: str, en: str, id_: str) -> CannotJudge:
        line, column = position_of(self.positions, path)
        return self._error(line, column, f"{path or 'the document'}: {en}", f"{path or 'dokumen'}: {id_}")

    def mapping(
        self, value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """A mapping with exactly these keys (unknown keys are typos, reported)."""
        if not isinstance(value, dict):
            raise self.fail(path, "expected a mapping (key: value).", "seharusnya pemetaan (kunci: nilai).")
        for key in value:
            if key not in required and key not in optional:
                raise self.fail(
                    _child(path, key),
                    f"unknown field; expected one of {', '.join(required + optional)}.",
                    f"kolom tidak dikenal; seharusnya salah satu dari {', '.join(required + optional)}.",
                )
        for key in required:
            if key not in value:
                raise self.fail(path, f"the field {key!r} is missing.", f"kolom {key!r} tidak ada.")
        return value

    def entries(self, value: Any, path: str) -> dict[str, Any]:
        """A mapping whose keys are the data (a sector, a capability), in file order."""
        if not isinstance(value, dict) or not value:
            raise self.fail(
                path,
                "expected a mapping (key: value) with at least one entry.",
                "seharusnya pemetaan (kunci: nilai) dengan paling sedikit satu entri.",
            )
        return value

    def text(self, value: Any, path: str, allowed: tuple[str, ...] = ()) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(
                path,
                'expected text (quote values such as "32.15").',
                'seharusnya teks (beri tanda kutip pada nilai seperti "32.15").',
            )
        if allowed and value not in allowed:
            raise self.fail(
                path, f"expected one of {', '.join(allowed)}.", f"seharusnya salah satu dari {', '.join(allowed)}."
            )
        return value

    def known(self, value: Any, path: str, known: Collection[str], table: str) -> str:
        """A reference to what another table defines: a function code, an agency, a shared service."""
        text = self.text(value, path)
        if text not in known:
            raise self.fail(path, f"{text!r} is not in {table}.", f"{text!r} tidak ada di {table}.")
        return text

    def template(self, value: Any, path: str, fields: tuple[str, ...]) -> str:
        """Text whose {placeholders} are among `fields`: a typo would otherwise stop the generator half-way."""
        text = self.text(value, path)
        try:
            used = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
        except ValueError:  # a single { or }
            used = ["{"]
        if any(name not in fields for name in used):
            allowed = ", ".join("{" + name + "}" for name in fields)
            raise self.fail(
                path,
                f"unknown placeholder or stray brace; this text may use {allowed or 'no placeholder'}.",
                f"placeholder tidak dikenal atau kurung kurawal lepas; teks ini boleh memakai "
                f"{allowed or 'tanpa placeholder'}.",
            )
        return text

    def probability(self, value: Any, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise self.fail(path, "expected a probability from 0 to 1.", "seharusnya peluang dari 0 sampai 1.")
        return value

    def count(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(path, "expected a whole number, 0 or more.", "seharusnya bilangan bulat, 0 atau lebih.")
        return value

    def items(self, value: Any, path: str, read: Callable[[Any, str], T], *, empty: bool = False) -> tuple[T, ...]:
        """A list, each item read by `read(item, its path)`."""
        if not isinstance(value, list) or (not value and not empty):
            raise self.fail(
                path,
                "expected a list" + ("." if empty else " with at least one item."),
                "seharusnya daftar" + ("." if empty else " dengan paling sedikit satu butir."),
            )
        return tuple(read(item, f"{path}[{index}]") for index, item in enumerate(value))

    def texts(self, value: Any, path: str, allowed: tuple[str, ...] = (), *, empty: bool = False) -> tuple[str, ...]:
        return self.items(value, path, lambda item, where: self.text(item, where, allowed), empty=empty)

    def templates(self, value: Any, path: str, fields: tuple[str, ...]) -> tuple[str, ...]:
        return self.items(value, path, lambda item, where: self.template(item, where, fields))

    def references(
        self, value: Any, path: str, known: Collection[str], table: str, *, empty: bool = False
    ) -> tuple[str, ...]:
        return self.items(value, path, lambda item, where: self.known(item, where, known, table), empty=empty)


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _names(source: _File, value: Any, path: str) -> dict[str, str]:
    entry = source.mapping(value, path, ("en", "id"))
    return {"en": source.text(entry["en"], f"{path}.en"), "id": source.text(entry["id"], f"{path}.id")}


def _channel_choices(
    source: _File, value: Any, path: str, sets: dict[str, tuple[tuple[str, ...], ...]]
) -> tuple[tuple[str, ...], ...]:
    if isinstance(value, str):
        if value not in sets:
            raise source.fail(
                path,
                f"unknown channel set; expected one of {', '.join(sets)} or a list of choices.",
                f"himpunan kanal tidak dikenal; seharusnya salah satu dari {', '.join(sets)} atau daftar pilihan.",
            )
        return sets[value]
    return source.items(value, path, lambda item, where: source.texts(item, where, CHANNELS))


def load_tables(data: Traversable | None = None) -> Tables:
    """Read and check every data file (default: the shipped `data/`).

    Raises CannotJudge naming the file, line and column of a mistake, including a
    reference to something no other table defines (a function code, an agency, a
    shared service) and an unknown {placeholder} in a template.
    """
    data = data or DATA
    taxonomy = _read_taxonomy(_File(data, "taxonomy.yaml"))
    codes = {code for code, _, _, _ in taxonomy}
    central = _read_central(_File(data, "central-agencies.yaml"), codes)
    shared = _read_shared(_File(data, "shared-services.yaml"), codes, {agency.code for agency in central["agencies"]})
    return Tables(
        taxonomy=taxonomy,
        shared_services=shared,
        **_read_registry(_File(data, "registry.yaml"), {service.id for service in shared}),
        central_unit=central["unit"],
        central_patterns=central["patterns"],
        central_verbs=central["verbs"],
        central_agencies=central["agencies"],
        sectors=central["sectors"],
        **_read_archetypes(_File(data, "archetypes.yaml"), codes),
        **_read_descriptions(_File(data, "descriptions.yaml")),
        **_read_examples(_File(data, "examples.yaml"), codes),
    )


def _read_taxonomy(source: _File) -> tuple[tuple[str, str, str, str], ...]:
    top = source.mapping(source.data, "", ("functions",))
    seen: set[str] = set()

    def function(value: Any, path: str) -> tuple[str, str, str, str]:
        entry = source.mapping(value, path, ("code", "name", "audience"))
        code = source.text(entry["code"], f"{path}.code")
        if code in seen:
            raise source.fail(f"{path}.code", f"the code {code} is listed twice.", f"kode {code} tercantum dua kali.")
        seen.add(code)
        names = _names(source, entry["name"], f"{path}.name")
        return code, names["en"], names["id"], source.text(entry["audience"], f"{path}.audience", AUDIENCES)

    return source.items(top["functions"], "functions", function)


def _read_central(source: _File, codes: set[str]) -> dict[str, Any]:
    top = source.mapping(source.data, "", ("unit", "namePatterns", "verbs", "agencies", "sectors"))
    sectors = {
        name: tuple(
            (topic, source.known(code, f"sectors.{name}.{topic}", codes, "taxonomy.yaml"))
            for topic, code in source.entries(value, f"sectors.{name}").items()
        )
        for name, value in source.entries(top["sectors"], "sectors").items()
    }

    def agency(value: Any, path: str) -> CentralAgency:
        entry = source.mapping(value, path, ("code", "name", "short", "sectors"))
        return CentralAgency(
            source.text(entry["code"], f"{path}.code"),
            source.text(entry["name"], f"{path}.name"),
            source.text(entry["short"], f"{path}.short"),
            source.references(entry["sectors"], f"{path}.sectors", sectors, "the sectors below"),
        )

    return {
        "unit": source.text(top["unit"], "unit"),
        "patterns": source.templates(top["namePatterns"], "namePatterns", ("t", "a", "s")),
        "verbs": source.texts(top["verbs"], "verbs"),
        "agencies": source.items(top["agencies"], "agencies", agency),
        "sectors": sectors,
    }


def _read_shared(source: _File, codes: set[str], agencies: set[str]) -> tuple[SharedService, ...]:
    top = source.mapping(source.data, "", ("services",))

    def service(value: Any, path: str) -> SharedService:
        entry = source.mapping(
            value, path, ("id", "name", "agency", "functions", "audience", "channels", "apis", "description"), ("url",)
        )
        return SharedService(
            id=source.text(entry["id"], f"{path}.id"),
            name=source.text(entry["name"], f"{path}.name"),
            agency=source.known(entry["agency"], f"{path}.agency", agencies, "central-agencies.yaml"),
            functions=source.references(entry["functions"], f"{path}.functions", codes, "taxonomy.yaml"),
            audience=source.text(entry["audience"], f"{path}.audience", AUDIENCES),
            channels=source.texts(entry["channels"], f"{path}.channels", CHANNELS),
            url=source.text(entry["url"], f"{path}.url") if "url" in entry else "",
            apis=source.texts(entry["apis"], f"{path}.apis", empty=True),
            description=source.text(entry["description"], f"{path}.description"),
        )

    return source.items(top["services"], "services", service)


def _read_registry(source: _File, shared: set[str]) -> dict[str, Any]:
    top = source.mapping(source.data, "", ("revision", "description", "attribution", "capabilities", "integration"))
    capabilities: dict[str, dict[str, Any]] = {}
    for key, value in source.entries(top["capabilities"], "capabilities").items():
        path = f"capabilities.{key}"
        entry = source.mapping(value, path, ("providers", "name"))
        capabilities[key] = {
            "providers": list(
                source.references(entry["providers"], f"{path}.providers", shared, "shared-services.yaml", empty=True)
            ),
            "name": _names(source, entry["name"], f"{path}.name"),
        }
    integration = source.mapping(top["integration"], "integration", ("bus", "superApp"))
    return {
        "revision": source.text(top["revision"], "revision"),
        "description": source.text(top["description"], "description"),
        "attribution": source.text(top["attribution"], "attribution"),
        "capabilities": capabilities,
        "integration": {
            key: source.known(value, f"integration.{key}", shared, "shared-services.yaml")
            for key, value in integration.items()
        },
    }


def _read_archetypes(source: _File, codes: set[str]) -> dict[str, Any]:
    top = source.mapping(source.data, "", ("channelSets", "archetypes"))
    channel_sets = {
        name: _channel_choices(source, value, f"channelSets.{name}", {})
        for name, value in source.entries(top["channelSets"], "channelSets").items()
    }
    source.mapping(channel_sets, "channelSets", ("public", "office"), tuple(channel_sets))  # central apps use both
    place = ("place", "short", "full", "head")

    def archetype(value: Any, path: str) -> Archetype:
        entry = source.mapping(
            value,
            path,
            ("function", "unit", "names", "objects", "prevalence", "channels"),
            ("extra", "central", "centralNames", "dup", "count", "audience"),
        )
        prevalence = source.mapping(entry["prevalence"], f"{path}.prevalence", ("province", "regency"))
        extra = source.entries(entry["extra"], f"{path}.extra") if "extra" in entry else {}
        count = source.items(entry.get("count", [1, 1]), f"{path}.count", source.count)
        if len(count) != 2 or not 1 <= count[0] <= count[1]:
            raise source.fail(
                f"{path}.count",
                "expected [least, most], 1 <= least <= most.",
                "seharusnya [paling sedikit, paling banyak], 1 <= paling sedikit <= paling banyak.",
            )
        return Archetype(
            function=source.known(entry["function"], f"{path}.function", codes, "taxonomy.yaml"),
            unit=source.text(entry["unit"], f"{path}.unit"),
            names=source.templates(entry["names"], f"{path}.names", place),
            objects=source.texts(entry["objects"], f"{path}.objects"),
            prevalence=(
                source.probability(prevalence["province"], f"{path}.prevalence.province"),
                source.probability(prevalence["regency"], f"{path}.prevalence.regency"),
            ),
            channels=_channel_choices(source, entry["channels"], f"{path}.channels", channel_sets),
            audience=source.text(entry["audience"], f"{path}.audience", AUDIENCES) if "audience" in entry else "",
            extra=tuple(
                (
                    source.known(code, f"{path}.extra.{code}", codes, "taxonomy.yaml"),
                    source.probability(p, f"{path}.extra.{code}"),
                )
                for code, p in extra.items()
            ),
            central=source.probability(entry["central"], f"{path}.central") if "central" in entry else 0.0,
            central_names=source.templates(entry["centralNames"], f"{path}.centralNames", place)
            if "centralNames" in entry
            else (),
            dup=source.probability(entry["dup"], f"{path}.dup") if "dup" in entry else 0.24,
            count=(count[0], count[1]),
        )

    return {"channel_sets": channel_sets, "archetypes": source.items(top["archetypes"], "archetypes", archetype)}


def _read_descriptions(source: _File) -> dict[str, Any]:
    top = source.mapping(
        source.data,
        "",
        (
            "leads",
            "publicScopes",
            "officeScopes",
            "centralPublicScopes",
            "centralOfficeScopes",
            "built",
            "channelWords",
        ),
    )
    channel_words = source.mapping(top["channelWords"], "channelWords", CHANNELS)
    return {
        "leads": source.templates(top["leads"], "leads", ()),
        "public_scopes": source.templates(top["publicScopes"], "publicScopes", ("full", "agency")),
        "office_scopes": source.templates(top["officeScopes"], "officeScopes", ("full", "agency")),
        "central_public_scopes": source.templates(top["centralPublicScopes"], "centralPublicScopes", ()),
        "central_office_scopes": source.templates(top["centralOfficeScopes"], "centralOfficeScopes", ("agency",)),
        "built": source.templates(top["built"], "built", ("unit", "year")),
        "channel_words": {key: source.text(value, f"channelWords.{key}") for key, value in channel_words.items()},
    }


def _read_examples(source: _File, codes: set[str]) -> dict[str, Any]:
    top = source.mapping(source.data, "", ("pinnedActive", "noActive"))

    def pair(entry: dict[str, Any], path: str) -> tuple[str, str]:
        return (
            source.text(entry["agency"], f"{path}.agency"),
            source.known(entry["function"], f"{path}.function", codes, "taxonomy.yaml"),
        )

    def pinned(value: Any, path: str) -> tuple[tuple[str, str], int]:
        entry = source.mapping(value, path, ("agency", "function", "apps"))
        return pair(entry, path), source.count(entry["apps"], f"{path}.apps")

    def free(value: Any, path: str) -> tuple[str, str]:
        return pair(source.mapping(value, path, ("agency", "function")), path)

    return {
        "pinned_active": dict(source.items(top["pinnedActive"], "pinnedActive", pinned, empty=True)),
        "no_active": frozenset(source.items(top["noActive"], "noActive", free, empty=True)),
    }
