"""The sample registry's tables, read from the YAML files in `data/` (shipped in the wheel).

The tables are domain knowledge a reviewer edits (an archetype, an agency, a sector topic),
so they live as data beside the generator rather than as Python literals. YAML rather than
JSON because a reviewer adds an entry by copying the one above it: comments explain each
field in place, templates and descriptions need no escaping, and long texts fold.
They are read with the project's own YAML reader (`checker.yamlsafe`: duplicate keys,
aliases and YAML 1.1 surprises such as `NO` or unquoted `32.15` are refused or typed as
an editor types them), then checked here field by field, so a mistake is reported with its
file, line and column instead of surfacing as a shifted registry or a traceback.
Every list keeps its order: the generator's seeded draws depend on it.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, Callable, TypeVar

from checker.errors import CannotJudge
from checker.model import Text
from checker.yamlsafe import Positions, YamlError, parse_yaml, position_of

T = TypeVar("T")
AUDIENCES = ("public", "government", "internal")
CHANNELS = ("web", "mobile", "api", "desktop")
DATA = files("checker.samplegen").joinpath("data")


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
            raise CannotJudge(Text(f"{self.name}: cannot be read ({err.strerror}); reinstall spbe-check.",
                                   f"{self.name}: tidak dapat dibaca ({err.strerror}); pasang ulang spbe-check.")) from None
        self.data: Any = document.data
        self.positions: Positions = document.positions

    def _error(self, line: int | None, column: int | None, en: str, id_: str) -> CannotJudge:
        where = f"{self.name}:{line or 1}:{column or 1}"
        return CannotJudge(Text(f"{where}: {en}", f"{where}: {id_}"))

    def fail(self, path: str, en: str, id_: str) -> CannotJudge:
        line, column = position_of(self.positions, path)
        return self._error(line, column, f"{path or 'the document'}: {en}", f"{path or 'dokumen'}: {id_}")

    def mapping(self, value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Any]:
        """A mapping with exactly these keys (unknown keys are typos, reported)."""
        if not isinstance(value, dict):
            raise self.fail(path, "expected a mapping (key: value).", "seharusnya pemetaan (kunci: nilai).")
        for key in value:
            if key not in required and key not in optional:
                raise self.fail(_child(path, key), f"unknown field; expected one of {', '.join(required + optional)}.",
                                f"kolom tidak dikenal; seharusnya salah satu dari {', '.join(required + optional)}.")
        for key in required:
            if key not in value:
                raise self.fail(path, f"the field {key!r} is missing.", f"kolom {key!r} tidak ada.")
        return value

    def entries(self, value: Any, path: str) -> dict[str, Any]:
        """A mapping whose keys are the data (a sector, a capability), in file order."""
        if not isinstance(value, dict) or not value:
            raise self.fail(path, "expected a mapping (key: value) with at least one entry.",
                            "seharusnya pemetaan (kunci: nilai) dengan paling sedikit satu entri.")
        return value

    def text(self, value: Any, path: str, allowed: tuple[str, ...] = ()) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, "expected text (quote values such as \"32.15\").",
                            "seharusnya teks (beri tanda kutip pada nilai seperti \"32.15\").")
        if allowed and value not in allowed:
            raise self.fail(path, f"expected one of {', '.join(allowed)}.", f"seharusnya salah satu dari {', '.join(allowed)}.")
        return value

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
            raise self.fail(path, "expected a list" + ("." if empty else " with at least one item."),
                            "seharusnya daftar" + ("." if empty else " dengan paling sedikit satu butir."))
        return tuple(read(item, f"{path}[{index}]") for index, item in enumerate(value))

    def texts(self, value: Any, path: str, allowed: tuple[str, ...] = (), *, empty: bool = False) -> tuple[str, ...]:
        return self.items(value, path, lambda item, where: self.text(item, where, allowed), empty=empty)


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _names(source: _File, value: Any, path: str) -> dict[str, str]:
    entry = source.mapping(value, path, ("en", "id"))
    return {"en": source.text(entry["en"], f"{path}.en"), "id": source.text(entry["id"], f"{path}.id")}


def _channel_choices(source: _File, value: Any, path: str, sets: dict[str, tuple[tuple[str, ...], ...]]
                     ) -> tuple[tuple[str, ...], ...]:
    if isinstance(value, str):
        if value not in sets:
            raise source.fail(path, f"unknown channel set; expected one of {', '.join(sets)} or a list of choices.",
                              f"himpunan kanal tidak dikenal; seharusnya salah satu dari {', '.join(sets)} atau daftar pilihan.")
        return sets[value]
    return source.items(value, path, lambda item, where: source.texts(item, where, CHANNELS))


def load_tables(data: Traversable = DATA) -> Tables:
    """Read and check every data file; CannotJudge names the file, line and column of a mistake."""
    registry = _File(data, "registry.yaml")
    top = registry.mapping(registry.data, "", ("revision", "description", "attribution", "capabilities", "integration"))
    capabilities: dict[str, dict[str, Any]] = {}
    for key, value in registry.entries(top["capabilities"], "capabilities").items():
        path = f"capabilities.{key}"
        entry = registry.mapping(value, path, ("providers", "name"))
        capabilities[key] = {"providers": list(registry.texts(entry["providers"], f"{path}.providers", empty=True)),
                             "name": _names(registry, entry["name"], f"{path}.name")}
    integration = registry.mapping(top["integration"], "integration", ("bus", "superApp"))

    taxonomy_file = _File(data, "taxonomy.yaml")
    taxonomy_top = taxonomy_file.mapping(taxonomy_file.data, "", ("functions",))

    def function(value: Any, path: str) -> tuple[str, str, str, str]:
        entry = taxonomy_file.mapping(value, path, ("code", "name", "audience"))
        names = _names(taxonomy_file, entry["name"], f"{path}.name")
        return (taxonomy_file.text(entry["code"], f"{path}.code"), names["en"], names["id"],
                taxonomy_file.text(entry["audience"], f"{path}.audience", AUDIENCES))

    shared_file = _File(data, "shared-services.yaml")
    shared_top = shared_file.mapping(shared_file.data, "", ("services",))

    def service(value: Any, path: str) -> SharedService:
        entry = shared_file.mapping(value, path, ("id", "name", "agency", "functions", "audience", "channels", "apis",
                                                  "description"), ("url",))
        return SharedService(
            id=shared_file.text(entry["id"], f"{path}.id"), name=shared_file.text(entry["name"], f"{path}.name"),
            agency=shared_file.text(entry["agency"], f"{path}.agency"),
            functions=shared_file.texts(entry["functions"], f"{path}.functions"),
            audience=shared_file.text(entry["audience"], f"{path}.audience", AUDIENCES),
            channels=shared_file.texts(entry["channels"], f"{path}.channels", CHANNELS),
            url=shared_file.text(entry["url"], f"{path}.url") if "url" in entry else "",
            apis=shared_file.texts(entry["apis"], f"{path}.apis", empty=True),
            description=shared_file.text(entry["description"], f"{path}.description"))

    central = _File(data, "central-agencies.yaml")
    central_top = central.mapping(central.data, "", ("unit", "namePatterns", "verbs", "agencies", "sectors"))
    sectors = {name: tuple((central.text(topic, f"sectors.{name}"), central.text(code, f"sectors.{name}.{topic}"))
                           for topic, code in central.entries(value, f"sectors.{name}").items())
               for name, value in central.entries(central_top["sectors"], "sectors").items()}

    def agency(value: Any, path: str) -> CentralAgency:
        entry = central.mapping(value, path, ("code", "name", "short", "sectors"))
        return CentralAgency(central.text(entry["code"], f"{path}.code"), central.text(entry["name"], f"{path}.name"),
                             central.text(entry["short"], f"{path}.short"),
                             central.texts(entry["sectors"], f"{path}.sectors", tuple(sectors)))

    archetype_file = _File(data, "archetypes.yaml")
    archetype_top = archetype_file.mapping(archetype_file.data, "", ("channelSets", "archetypes"))
    channel_sets = {name: _channel_choices(archetype_file, value, f"channelSets.{name}", {})
                    for name, value in archetype_file.entries(archetype_top["channelSets"], "channelSets").items()}
    archetype_file.mapping(channel_sets, "channelSets", ("public", "office"), tuple(channel_sets))

    def archetype(value: Any, path: str) -> Archetype:
        a = archetype_file
        entry = a.mapping(value, path, ("function", "unit", "names", "objects", "prevalence", "channels"),
                          ("extra", "central", "centralNames", "dup", "count", "audience"))
        prevalence = a.mapping(entry["prevalence"], f"{path}.prevalence", ("province", "regency"))
        extra = a.entries(entry["extra"], f"{path}.extra") if "extra" in entry else {}
        count = a.items(entry.get("count", [1, 1]), f"{path}.count", a.count)
        if len(count) != 2 or not 1 <= count[0] <= count[1]:
            raise a.fail(f"{path}.count", "expected [least, most], 1 <= least <= most.",
                         "seharusnya [paling sedikit, paling banyak], 1 <= paling sedikit <= paling banyak.")
        return Archetype(
            function=a.text(entry["function"], f"{path}.function"), unit=a.text(entry["unit"], f"{path}.unit"),
            names=a.texts(entry["names"], f"{path}.names"), objects=a.texts(entry["objects"], f"{path}.objects"),
            prevalence=(a.probability(prevalence["province"], f"{path}.prevalence.province"),
                        a.probability(prevalence["regency"], f"{path}.prevalence.regency")),
            channels=_channel_choices(a, entry["channels"], f"{path}.channels", channel_sets),
            audience=a.text(entry["audience"], f"{path}.audience", AUDIENCES) if "audience" in entry else "",
            extra=tuple((a.text(code, f"{path}.extra"), a.probability(p, f"{path}.extra.{code}")) for code, p in extra.items()),
            central=a.probability(entry["central"], f"{path}.central") if "central" in entry else 0.0,
            central_names=a.texts(entry["centralNames"], f"{path}.centralNames") if "centralNames" in entry else (),
            dup=a.probability(entry["dup"], f"{path}.dup") if "dup" in entry else 0.24,
            count=(count[0], count[1]))

    words = _File(data, "descriptions.yaml")
    words_top = words.mapping(words.data, "", ("leads", "publicScopes", "officeScopes", "centralPublicScopes",
                                               "centralOfficeScopes", "built", "channelWords"))
    channel_words = words.mapping(words_top["channelWords"], "channelWords", CHANNELS)

    examples = _File(data, "examples.yaml")
    examples_top = examples.mapping(examples.data, "", ("pinnedActive", "noActive"))

    def pinned(value: Any, path: str) -> tuple[tuple[str, str], int]:
        entry = examples.mapping(value, path, ("agency", "function", "apps"))
        return ((examples.text(entry["agency"], f"{path}.agency"), examples.text(entry["function"], f"{path}.function")),
                examples.count(entry["apps"], f"{path}.apps"))

    def pair(value: Any, path: str) -> tuple[str, str]:
        entry = examples.mapping(value, path, ("agency", "function"))
        return examples.text(entry["agency"], f"{path}.agency"), examples.text(entry["function"], f"{path}.function")

    return Tables(
        revision=registry.text(top["revision"], "revision"),
        description=registry.text(top["description"], "description"),
        attribution=registry.text(top["attribution"], "attribution"),
        capabilities=capabilities,
        integration={key: registry.text(value, f"integration.{key}") for key, value in integration.items()},
        taxonomy=taxonomy_file.items(taxonomy_top["functions"], "functions", function),
        shared_services=shared_file.items(shared_top["services"], "services", service),
        central_unit=central.text(central_top["unit"], "unit"),
        central_patterns=central.texts(central_top["namePatterns"], "namePatterns"),
        central_verbs=central.texts(central_top["verbs"], "verbs"),
        central_agencies=central.items(central_top["agencies"], "agencies", agency),
        sectors=sectors,
        channel_sets=channel_sets,
        archetypes=archetype_file.items(archetype_top["archetypes"], "archetypes", archetype),
        leads=words.texts(words_top["leads"], "leads"),
        public_scopes=words.texts(words_top["publicScopes"], "publicScopes"),
        office_scopes=words.texts(words_top["officeScopes"], "officeScopes"),
        central_public_scopes=words.texts(words_top["centralPublicScopes"], "centralPublicScopes"),
        central_office_scopes=words.texts(words_top["centralOfficeScopes"], "centralOfficeScopes"),
        built=words.texts(words_top["built"], "built"),
        channel_words={key: words.text(value, f"channelWords.{key}") for key, value in channel_words.items()},
        pinned_active=dict(examples.items(examples_top["pinnedActive"], "pinnedActive", pinned, empty=True)),
        no_active=frozenset(examples.items(examples_top["noActive"], "noActive", pair, empty=True)),
    )
