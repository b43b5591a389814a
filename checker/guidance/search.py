"""Looking before you build: find registered apps and shared services by what they do.

An agency types what it needs ("pengaduan jalan rusak", "archive", "parkir karawang")
and gets the registered applications that already serve it, best first.

The candidates and their scores come from the one matcher (checker/matching: TF-IDF
over words with weights learnt from the registry, bilingual synonyms, learnt acronyms,
typo and affix fallback), the same index `check`, `init` and the audit use, built once
per registry and cached with the compiled registry. What is search's own:

- **the query**: a whole region name ("karawang", "jawa barat") or a central agency's
  code ("kemenkes") is a wanted place, not a word to match: that agency's apps come
  first (in `check` the agency's own place is only stripped);
- **filters**: `--function`, `--agency`, `--include-retired` (the matcher indexes active
  apps only, so a retired app is scored on its name's vector at query time);
- **the order**: the shared service owning the function the query reads like comes
  first (it is the one to reuse: "kearsipan" puts SRIKANDI first), and so does a
  shared service scoring within SHARED_NEAR of the best hit; then the named place's
  apps, then the rest by score;
- **presentation**: owner, functions with their taxonomy names, and why each hit
  matched. These come from a small directory of every app (agency names, retired apps,
  taxonomy) the matcher does not hold; it is cached apart so `check` never loads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.matching import MatchIndex, build_match_index, fold_words
from checker.matching.index import REGION_TITLES
from checker.matching.search import QUERY_FLOOR, QueryMatches, query_matches, word_in_name
from checker.matching.text import phrase_table, split_glued
from checker.plumbing import cache
from checker.registry.load import Registry

PIN_SHARE = 0.3  # a function this much of the vote reads as what the query is about: its owner comes first
SHARED_NEAR = 0.8  # a shared service scoring this close to the best hit also comes first (ties, widened)
FUNCTION_SHARE = 0.15  # functions below this share are not named as what the query describes
_LEVEL_RANK = {"central": 0, "province": 1, "regency": 2}


@dataclass(frozen=True)
class Hit:
    """One registered application that matches a query, with why it matched."""

    id: str
    name: str
    agency_code: str
    agency_name: str
    level: str
    shared: bool
    status: str
    functions: tuple[str, ...]
    score: float  # the matcher's cosine, 0-1
    matched: int  # query words (and places) it matched
    concepts: int  # query words and places in all
    why: tuple[str, ...]  # "name: parkir", "agency: karawang", "owner of LYN-PENGADUAN", ...

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "agency": {"code": self.agency_code, "name": self.agency_name, "level": self.level},
            "shared": self.shared,
            "status": self.status,
            "functions": list(self.functions),
            "score": round(self.score, 3),
            "matched": f"{self.matched}/{self.concepts}",
            "why": list(self.why),
        }


@dataclass(frozen=True)
class SearchResults:
    """The best hits, and how many apps matched in all."""

    hits: list[Hit]
    total: int


@dataclass(frozen=True)
class FunctionMatch:
    """A taxonomy business function the query reads like (the matcher's vote), with its shared owners."""

    code: str
    name_en: str
    name_id: str
    weight: float  # share of the nearest templates' vote
    owners: tuple[str, ...]  # active shared services that own it


@dataclass(frozen=True)
class Query:
    """A query split into what to match and where: topic words, named places and their agencies."""

    topic: str
    places: tuple[str, ...]
    agencies: frozenset[str]  # lower-case agency codes of the named places


@dataclass
class _Record:
    """What search shows of an app: small, so the cached directory loads fast."""

    id: str
    name: str
    agency_code: str
    agency_name: str
    level: str
    shared: bool
    active: bool
    functions: tuple[str, ...]


class SearchIndex:
    """The one matcher plus the directory search and `init` show (every app, agencies, taxonomy)."""

    def __init__(self, registry: Registry, matcher: MatchIndex | None = None):
        self.revision = registry.revision
        self.synthetic = bool(registry.doc.get("metadata", {}).get("synthetic", False))
        self.taxonomy: dict[str, tuple[str, str]] = {
            code: (str(name.get("en", code)), str(name.get("id", code))) for code, name in registry.taxonomy.items()
        }
        self.super_app: str = str(registry.integration.get("superApp", ""))
        self.bus: str = str(registry.integration.get("bus", ""))
        self.capabilities: dict[str, Any] = dict(registry.capabilities)
        self.records: list[_Record] = []
        for app in registry.apps.values():
            agency = app.get("agency") or {}
            self.records.append(
                _Record(
                    id=app["id"],
                    name=str(app.get("name", "")),
                    agency_code=str(agency.get("code", "")),
                    agency_name=str(agency.get("name", "")),
                    level=str(agency.get("level", "")),
                    shared=bool(app.get("shared", False)),
                    active=app.get("status") == "active",
                    functions=tuple(str(f) for f in app.get("functions", [])),
                )
            )
        self.matcher = matcher if matcher is not None else build_match_index(registry.apps.values())
        self._derive()

    def _derive(self) -> None:
        self.by_id = {r.id: i for i, r in enumerate(self.records)}
        self.function_apps: dict[str, list[int]] = {}
        self.agency_apps: dict[str, list[int]] = {}
        place_agencies: dict[str, set[str]] = {}
        for i, record in enumerate(self.records):
            for code in record.functions:
                self.function_apps.setdefault(code, []).append(i)
            agency = record.agency_code.lower()
            self.agency_apps.setdefault(agency, []).append(i)
            if record.level in ("province", "regency"):
                place = " ".join(w for w in fold_words(record.agency_name) if w not in REGION_TITLES)
            else:
                place = " ".join(fold_words(record.agency_code))
            if place:
                place_agencies.setdefault(place, set()).add(agency)
        self.place_agencies = place_agencies
        self._places = phrase_table(place_agencies)

    def __len__(self) -> int:
        return len(self.records)

    def to_data(self) -> dict[str, Any]:
        """The directory as plain data for checker.plumbing.cache (the matcher is cached with the compiled registry)."""
        return {
            "revision": self.revision,
            "synthetic": self.synthetic,
            "super_app": self.super_app,
            "bus": self.bus,
            "taxonomy": self.taxonomy,
            "capabilities": self.capabilities,
            "records": [
                [r.id, r.name, r.agency_code, r.agency_name, r.level, r.shared, r.active, list(r.functions)]
                for r in self.records
            ],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any], matcher: MatchIndex) -> SearchIndex:
        """The index `to_data` described, over `matcher`; KeyError/TypeError/ValueError when not that shape."""
        index = cls.__new__(cls)
        index.revision, index.synthetic = str(data["revision"]), bool(data["synthetic"])
        index.super_app, index.bus = str(data["super_app"]), str(data["bus"])
        index.taxonomy = {str(code): (str(en), str(id_)) for code, (en, id_) in data["taxonomy"].items()}
        index.capabilities = dict(data["capabilities"])
        index.records = [
            _Record(str(i), str(n), str(c), str(an), str(lv), bool(sh), bool(ac), tuple(map(str, fs)))
            for i, n, c, an, lv, sh, ac, fs in data["records"]
        ]
        index.matcher = matcher
        index._derive()
        return index

    # --- the directory ---------------------------------------------------------------

    def owners(self, code: str) -> list[str]:
        """Active shared services that own function `code`."""
        return [
            self.records[i].id
            for i in self.function_apps.get(code, ())
            if self.records[i].shared and self.records[i].active
        ]

    def agency_apps_with(self, agency_code: str, code: str) -> list[str]:
        """The agency's own active apps that run function `code`."""
        return [
            self.records[i].id
            for i in self.agency_apps.get(agency_code.lower(), ())
            if self.records[i].active and code in self.records[i].functions
        ]

    def agency_name(self, agency_code: str) -> str | None:
        """The agency's name as the registry spells it, if the registry knows the agency."""
        apps = self.agency_apps.get(agency_code.lower())
        return self.records[apps[0]].agency_name if apps else None

    def record(self, app_id: str) -> _Record | None:
        index = self.by_id.get(app_id)
        return self.records[index] if index is not None else None

    # --- queries -----------------------------------------------------------------------

    def parse(self, text: str) -> Query:
        """Whole place names (and central agency codes) out of the query; the rest is what to match."""
        tokens = fold_words(split_glued(text, self.matcher.idf))  # before folding: "InfoGempa" is "Info Gempa"
        topic: list[str] = []
        places: list[str] = []
        i = 0
        while i < len(tokens):
            for phrase in self._places.get(tokens[i], ()):
                if tokens[i : i + len(phrase)] == phrase:
                    places.append(" ".join(phrase))
                    i += len(phrase)
                    break
            else:
                topic.append(tokens[i])
                i += 1
        agencies = frozenset(a for p in places for a in self.place_agencies.get(p, ()))
        return Query(" ".join(w for w in topic if w not in REGION_TITLES), tuple(dict.fromkeys(places)), agencies)

    def functions_for(self, text: str, limit: int = 5) -> list[FunctionMatch]:
        """Business functions the query reads like (the nearest templates' vote), best first."""
        return self._functions(query_matches(self.matcher, self.parse(text).topic), limit)

    def _functions(self, found: QueryMatches, limit: int) -> list[FunctionMatch]:
        return [
            FunctionMatch(
                code, *self.taxonomy.get(code, (code, code)), weight=round(share, 3), owners=tuple(self.owners(code))
            )
            for code, share in found.functions
            if share >= FUNCTION_SHARE
        ][:limit]

    def search(
        self,
        text: str,
        *,
        function: str | None = None,
        agency: str | None = None,
        limit: int = 10,
        include_retired: bool = False,
    ) -> SearchResults:
        """Registered apps matching `text`, best first, optionally only one function or agency."""
        allowed = self._allowed(function, agency, include_retired)
        query = self.parse(text)
        words = self.matcher.tokens(query.topic)
        if not words:
            listed = self._listing(allowed, query.agencies) if query.agencies or allowed is not None else []
            hits = [self._hit(i, 0.0, query, []) for i in listed[: max(limit, 0)]]
            return SearchResults(hits, len(listed))
        found = query_matches(self.matcher, query.topic, floor=0.0)
        pinned_functions = [code for code, share in found.functions if share >= PIN_SHARE and self.owners(code)]
        pinned = {self.by_id[o] for code in pinned_functions for o in self.owners(code)}
        scores: dict[int, float] = {}
        for match in found.matches:
            position = self.by_id.get(match.id)
            if position is not None and (match.score >= QUERY_FLOOR or position in pinned):
                scores[position] = match.score
        for position in pinned:
            scores.setdefault(position, 0.0)
        best = found.matches[0].score if found.matches else 0.0
        pinned |= {self.by_id[m.id] for m in found.matches if m.shared and m.score >= SHARED_NEAR * best > 0}
        if include_retired:
            scores.update(self._retired_scores(found.vector))
        if allowed is not None:
            scores = {i: s for i, s in scores.items() if i in allowed}
        records = self.records

        def rank(i: int) -> tuple[Any, ...]:
            r = records[i]
            return (
                i not in pinned,
                r.agency_code.lower() not in query.agencies,
                -round(scores[i], 6),
                not r.shared,
                not r.active,
                _LEVEL_RANK.get(r.level, 3),
                r.name.lower(),
                r.id,
            )

        ranked = sorted(scores, key=rank)[: max(limit, 0)]
        hits = []
        for i in ranked:
            owner_of = tuple(c for c in pinned_functions if c in records[i].functions) if i in pinned else ()
            hits.append(self._hit(i, scores[i], query, words, owner_of))
        return SearchResults(hits, len(scores))

    def _retired_scores(self, vec: dict[str, float]) -> dict[int, float]:
        """Retired apps, scored on their name's vector (the matcher indexes active apps only)."""
        out: dict[int, float] = {}
        for i, record in enumerate(self.records):
            if record.active:
                continue
            other = self.matcher.vector(record.name, "", correct_typos=False)
            score = sum(value * other.get(feature, 0.0) for feature, value in vec.items())
            if score >= QUERY_FLOOR:
                out[i] = min(score, 1.0)  # two equal unit vectors can sum to 1 + 1e-16
        return out

    def _allowed(self, function: str | None, agency: str | None, include_retired: bool) -> set[int] | None:
        allowed: set[int] | None = None
        if function:
            allowed = set(self.function_apps.get(function.upper(), ()))
        if agency:
            of_agency = set(self.agency_apps.get(agency.lower(), ()))
            allowed = of_agency if allowed is None else allowed & of_agency
        if not include_retired:
            if allowed is None:
                return (
                    None if all(r.active for r in self.records) else {i for i, r in enumerate(self.records) if r.active}
                )
            allowed = {i for i in allowed if self.records[i].active}
        return allowed

    def _listing(self, allowed: set[int] | None, agencies: frozenset[str]) -> list[int]:
        """No words to match, only a place or a filter: those apps, shared and central first."""
        chosen: Iterable[int] = allowed if allowed is not None else range(len(self.records))
        if agencies:
            chosen = [i for i in chosen if self.records[i].agency_code.lower() in agencies]
        return sorted(
            chosen,
            key=lambda i: (
                not self.records[i].shared,
                not self.records[i].active,
                _LEVEL_RANK.get(self.records[i].level, 3),
                self.records[i].name.lower(),
                self.records[i].id,
            ),
        )

    def _hit(self, index: int, score: float, query: Query, words: list[str], owner_of: tuple[str, ...] = ()) -> Hit:
        r = self.records[index]
        why = [f"name: {w}" for w in words if word_in_name(self.matcher, w, r.name)]
        matched = len(why)
        if score > 0 and not why:
            why.append("description")
        if r.agency_code.lower() in query.agencies:
            why.append(f"agency: {next(p for p in query.places if r.agency_code.lower() in self.place_agencies[p])}")
            matched += 1
        why += [f"owner of {code}" for code in owner_of]
        return Hit(
            id=r.id,
            name=r.name,
            agency_code=r.agency_code,
            agency_name=r.agency_name,
            level=r.level,
            shared=r.shared,
            status="active" if r.active else "retired",
            functions=r.functions,
            score=score,
            matched=matched,
            concepts=len(words) + len(query.places),
            why=tuple(why),
        )


# --- building and caching --------------------------------------------------------

_CODE_FILES = ("guidance/search.py", "registry/load.py")


def build_search_index(registry: Registry) -> SearchIndex:
    """Index a loaded registry, building its matcher too (`open_search_index` takes both from the caches)."""
    return SearchIndex(registry)


def open_search_index(source: str | Path, use_cache: bool = True) -> SearchIndex:
    """The search index of the registry at `source`: the one matcher from the compiled registry's cache, and
    the directory from its own entry, both keyed by the registry bytes and the code that derives them.

    A missing, damaged or read-only cache only costs time.
    """
    from checker.registry.compiled import compiled_from_bytes
    from checker.registry.load import parse_registry, read_registry_bytes

    raw = read_registry_bytes(str(source))
    compiled = compiled_from_bytes(raw, str(source), use_cache)
    key = cache.cache_key(raw, _CODE_FILES) if use_cache else ""
    if use_cache:
        with cache.gc_paused():
            entry = cache.load("search", key)
            try:
                if entry is not None:
                    return SearchIndex.from_data(entry.value, compiled.matcher)
            except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
                pass  # not the shape we store: rebuilt below
    index = SearchIndex(parse_registry(raw, str(source)), compiled.matcher)
    if use_cache:
        cache.store("search", key, index.to_data())
    return index
