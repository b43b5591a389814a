"""Looking before you build: find registered apps and shared services by what they do.

An agency types what it needs ("pengaduan jalan rusak", "archive", "parkir karawang")
and gets the registered applications that already serve it, best first. Unlike
duplicate detection (checker/similarity.py), a place name here is a wanted filter:
"parkir karawang" asks for Karawang's own parking apps.

How a query is matched, word by word (each query word is one *concept*):
- exact words of the registry vocabulary; otherwise RapidFuzz finds the closest
  vocabulary words, so typos ("kearsipn", "pengadun") still match;
- bilingual synonyms kept as data (checker/data/synonyms.json): "complaint" also
  searches "pengaduan", "archive" also "arsip", "kearsipan", "persuratan";
- longer words that contain the word ("arsip" -> "kearsipan", "parkir" -> "perparkiran").

Each concept scores an app by the best field it matches (name > function > agency >
description). The shared service that owns a business function the query names
comes first: it is the one to reuse ("kearsipan" puts SRIKANDI first). Then apps
matching more concepts rank first, then by score, apps whose function matches the
query getting a boost. Shared services win ties. Everything is looked up in an inverted index built once (and cached by the
registry's content hash), never by scanning the 27,400 apps per query.
"""
from __future__ import annotations

import json
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from rapidfuzz import fuzz, process

from checker import cache
from checker.registry import Registry
from checker.similarity import GENERIC_WORDS, REGION_TITLE_WORDS, words

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "synonyms.json"

# How much a match in each field says about what an app does.
FIELD_WEIGHTS = {"name": 3.0, "function": 2.0, "agency": 1.5, "description": 1.0}
# Bonus for an app whose business function matches the query, and extra for the
# shared service that owns that function (it is the one to reuse).
FUNCTION_BOOST = 1.0
OWNER_BOOST = 2.0
# A shared service owning a function the query names this surely comes first,
# whatever else the query says: it is the one to reuse ("pengaduan jalan rusak" -> SP4N-LAPOR!).
OWNER_PIN_WEIGHT = 0.8
# Term weights: how sure we are that a vocabulary word means the query word.
SYNONYM_WEIGHT = 0.9
CONTAINS_WEIGHT = 0.8
FUZZY_WEIGHT = 0.9
FUZZY_CUTOFF = 80.0  # RapidFuzz ratio, 0-100
FUZZY_KEEP_WITHIN = 8.0  # keep fuzzy matches this close to the best one
FUZZY_MIN_LENGTH = 4
CONTAINS_MIN_LENGTH = 5
MAX_TERMS_PER_CONCEPT = 60
_LEVEL_RANK = {"central": 0, "province": 1, "regency": 2}
_FAMILY_PREFIXES = 1  # "LYN-PENGADUAN": the first part is the family, not a word of meaning


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
    score: float
    matched: int  # query concepts it matched
    concepts: int  # query concepts in all
    why: tuple[str, ...]  # "name: parkir", "function: LYN-PARKIR", ...

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "agency": {"code": self.agency_code, "name": self.agency_name,
                                                              "level": self.level},
                "shared": self.shared, "status": self.status, "functions": list(self.functions),
                "score": round(self.score, 3), "matched": f"{self.matched}/{self.concepts}", "why": list(self.why)}


@dataclass(frozen=True)
class SearchResults:
    """The best hits, and how many apps matched in all."""

    hits: list[Hit]
    total: int


@dataclass(frozen=True)
class FunctionMatch:
    """A taxonomy business function the query describes, with its shared owners."""

    code: str
    name_en: str
    name_id: str
    weight: float
    owners: tuple[str, ...]  # active shared services that own it


@dataclass
class _Record:
    """What search shows of an app: small, so the cached index loads fast."""

    id: str
    name: str
    agency_code: str
    agency_name: str
    level: str
    shared: bool
    active: bool
    functions: tuple[str, ...]


@dataclass
class _Concept:
    """One query word (or synonym phrase) with the vocabulary terms it stands for."""

    text: str
    terms: dict[str, float] = field(default_factory=dict)  # term (maybe a phrase) -> weight


def load_synonyms(path: Path = SYNONYMS_FILE) -> list[list[str]]:
    """The synonym groups, each member normalised to its words joined by one space."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    groups = []
    for group in doc.get("groups", []):
        members = [" ".join(words(m)) for m in group if isinstance(m, str)]
        members = [m for m in dict.fromkeys(members) if m]
        if len(members) > 1:
            groups.append(members)
    return groups


class SearchIndex:
    """Inverted word index over registry apps, their functions and agencies."""

    def __init__(self, registry: Registry, synonyms: list[list[str]] | None = None):
        self.revision = registry.revision
        self.synthetic = bool(registry.doc.get("metadata", {}).get("synthetic", False))
        self.records: list[_Record] = []
        self.by_id: dict[str, int] = {}
        self.taxonomy: dict[str, tuple[str, str]] = {
            code: (str(name.get("en", code)), str(name.get("id", code))) for code, name in registry.taxonomy.items()}
        self.super_app: str = str(registry.integration.get("superApp", ""))
        self.bus: str = str(registry.integration.get("bus", ""))
        self.capabilities: dict[str, Any] = dict(registry.capabilities)
        name_post: dict[str, list[int]] = {}
        desc_post: dict[str, list[int]] = {}
        agency_post: dict[str, list[int]] = {}
        function_apps: dict[str, list[int]] = {}
        agency_apps: dict[str, list[int]] = {}
        for app in registry.apps.values():
            index = len(self.records)
            agency = app.get("agency") or {}
            record = _Record(id=app["id"], name=str(app.get("name", "")), agency_code=str(agency.get("code", "")),
                             agency_name=str(agency.get("name", "")), level=str(agency.get("level", "")),
                             shared=bool(app.get("shared", False)), active=app.get("status") == "active",
                             functions=tuple(str(f) for f in app.get("functions", [])))
            self.records.append(record)
            self.by_id[record.id] = index
            name_words = _meaningful(words(record.name) + words(record.id))
            for word in set(name_words):
                name_post.setdefault(word, []).append(index)
            description_words = set(_meaningful(words(str(app.get("description", ""))))) - set(name_words)
            for word in description_words:
                desc_post.setdefault(word, []).append(index)
            for word in set(w for w in words(record.agency_name) if w not in REGION_TITLE_WORDS):
                agency_post.setdefault(word, []).append(index)
            for code in record.functions:
                function_apps.setdefault(code, []).append(index)
            agency_apps.setdefault(record.agency_code.lower(), []).append(index)
        self.name_post = {w: array("I", p) for w, p in name_post.items()}
        self.desc_post = {w: array("I", p) for w, p in desc_post.items()}
        self.agency_post = {w: array("I", p) for w, p in agency_post.items()}
        self.function_apps = {c: array("I", p) for c, p in function_apps.items()}
        self.agency_apps = {c: array("I", p) for c, p in agency_apps.items()}
        # Taxonomy words -> function codes: names in both languages and the code itself.
        self.function_words: dict[str, set[str]] = {}
        keywords = {t["code"]: t.get("keywords") or [] for t in registry.doc.get("taxonomy", [])
                    if isinstance(t.get("keywords", []), list)}
        for code, (name_en, name_id) in self.taxonomy.items():
            code_words = words(code.replace("-", " "))[_FAMILY_PREFIXES:] or words(code)
            extra = [w for k in keywords.get(code, []) for w in words(str(k))]
            for word in set(_meaningful(code_words + words(name_en) + words(name_id) + extra)):
                self.function_words.setdefault(word, set()).add(code)
        self.synonyms = synonyms if synonyms is not None else load_synonyms()
        self.synonym_of: dict[str, set[int]] = {}
        for number, group in enumerate(self.synonyms):
            for member in group:
                self.synonym_of.setdefault(member, set()).add(number)
        vocabulary = set(self.name_post) | set(self.desc_post) | set(self.agency_post) | set(self.function_words)
        vocabulary |= {m for group in self.synonyms for m in group if " " not in m}
        self.vocabulary: list[str] = sorted(vocabulary)
        self._vocabulary_set = frozenset(self.vocabulary)
        self.phrases = frozenset(m for group in self.synonyms for m in group if " " in m)

    def __len__(self) -> int:
        return len(self.records)

    _POSTINGS = ("name_post", "desc_post", "agency_post", "function_apps", "agency_apps")

    def to_data(self) -> dict[str, Any]:
        """The index as plain data for checker.cache (which stores nothing that can run code)."""
        data: dict[str, Any] = {
            "revision": self.revision, "synthetic": self.synthetic, "super_app": self.super_app, "bus": self.bus,
            "records": [[r.id, r.name, r.agency_code, r.agency_name, r.level, r.shared, r.active, list(r.functions)]
                        for r in self.records],
            "taxonomy": self.taxonomy, "capabilities": self.capabilities, "synonyms": self.synonyms,
            "function_words": {w: sorted(codes) for w, codes in self.function_words.items()},
            "synonym_of": {m: sorted(groups) for m, groups in self.synonym_of.items()},
            "vocabulary": self.vocabulary, "phrases": sorted(self.phrases)}
        for name in self._POSTINGS:
            data[name] = {w: p.tolist() for w, p in getattr(self, name).items()}
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SearchIndex:
        """The index `to_data` described; KeyError/TypeError/ValueError when it is not that shape."""
        index = cls.__new__(cls)
        index.revision, index.synthetic = str(data["revision"]), bool(data["synthetic"])
        index.super_app, index.bus = str(data["super_app"]), str(data["bus"])
        index.records = [_Record(str(i), str(n), str(c), str(an), str(lv), bool(sh), bool(ac), tuple(map(str, fs)))
                         for i, n, c, an, lv, sh, ac, fs in data["records"]]
        index.by_id = {r.id: position for position, r in enumerate(index.records)}
        index.taxonomy = {str(code): (str(en), str(id_)) for code, (en, id_) in data["taxonomy"].items()}
        index.capabilities = dict(data["capabilities"])
        index.synonyms = [[str(m) for m in group] for group in data["synonyms"]]
        index.function_words = {str(w): set(map(str, codes)) for w, codes in data["function_words"].items()}
        index.synonym_of = {str(m): {int(g) for g in groups} for m, groups in data["synonym_of"].items()}
        index.vocabulary = [str(w) for w in data["vocabulary"]]
        index._vocabulary_set = frozenset(index.vocabulary)
        index.phrases = frozenset(str(p) for p in data["phrases"])
        size = len(index.records)
        for name in cls._POSTINGS:
            postings = {str(w): array("I", p) for w, p in data[name].items()}
            if any(p and max(p) >= size for p in postings.values()):
                raise ValueError(f"{name} points past the {size} records")
            setattr(index, name, postings)
        return index

    # --- queries ---------------------------------------------------------------

    def concepts(self, text: str) -> list[_Concept]:
        """The query's meaningful words (synonym phrases kept together), each expanded to terms."""
        tokens = words(text)
        out: list[_Concept] = []
        i = 0
        while i < len(tokens):
            phrase = next((" ".join(tokens[i:i + n]) for n in (3, 2)
                           if i + n <= len(tokens) and " ".join(tokens[i:i + n]) in self.phrases), None)
            if phrase:
                out.append(self._expand(phrase))
                i += len(phrase.split())
                continue
            token = tokens[i]
            i += 1
            if token in GENERIC_WORDS or len(token) < 2:
                continue
            out.append(self._expand(token))
        if not out:  # only generic words ("sistem informasi"): search them anyway
            out = [self._expand(t) for t in dict.fromkeys(tokens) if len(t) >= 2]
        seen: set[str] = set()
        unique = []
        for concept in out:
            if concept.text not in seen:
                seen.add(concept.text)
                unique.append(concept)
        return unique

    def _expand(self, word: str) -> _Concept:
        concept = _Concept(word)
        if word in self._vocabulary_set or word in self.phrases:
            base = {word: 1.0}
        else:
            base = self._fuzzy(word)
        terms: dict[str, float] = {}

        def add(term: str, weight: float) -> None:
            if weight > terms.get(term, 0.0):
                terms[term] = weight
        for term, weight in base.items():
            add(term, weight)
            for group in self.synonym_of.get(term, ()):
                for member in self.synonyms[group]:
                    add(member, weight * SYNONYM_WEIGHT)
        for term, weight in list(terms.items()):
            if " " not in term and len(term) >= CONTAINS_MIN_LENGTH:
                for longer in _containing(term, self.vocabulary):
                    add(longer, weight * CONTAINS_WEIGHT)
        ranked = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS_PER_CONCEPT]
        concept.terms = dict(ranked)
        return concept

    def _fuzzy(self, word: str) -> dict[str, float]:
        """Closest vocabulary words for a word not found exactly (typos)."""
        if len(word) < FUZZY_MIN_LENGTH:
            return {}
        found = process.extract(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
        if not found:
            return {}
        best = found[0][1]
        return {match: FUZZY_WEIGHT * score / 100.0 for match, score, _ in found if score >= best - FUZZY_KEEP_WITHIN}

    def functions_for(self, text: str, limit: int = 5) -> list[FunctionMatch]:
        """Business functions whose names match the query, best first; owned ones first on ties."""
        scores: dict[str, float] = {}
        for concept in self.concepts(text):
            best: dict[str, float] = {}
            for term, weight in concept.terms.items():
                for code in self._function_codes(term):
                    best[code] = max(best.get(code, 0.0), weight)
            for code, weight in best.items():
                scores[code] = scores.get(code, 0.0) + weight
        ranked = sorted(scores.items(), key=lambda kv: (-round(kv[1], 6), not self.owners(kv[0]), kv[0]))
        return [FunctionMatch(code, *self.taxonomy.get(code, (code, code)), weight=weight,
                              owners=tuple(self.owners(code))) for code, weight in ranked[:limit]]

    def owners(self, code: str) -> list[str]:
        """Active shared services that own function `code`."""
        return [self.records[i].id for i in self.function_apps.get(code, ())
                if self.records[i].shared and self.records[i].active]

    def agency_apps_with(self, agency_code: str, code: str) -> list[str]:
        """The agency's own active apps that run function `code`."""
        return [self.records[i].id for i in self.agency_apps.get(agency_code.lower(), ())
                if self.records[i].active and code in self.records[i].functions]

    def agency_name(self, agency_code: str) -> str | None:
        """The agency's name as the registry spells it, if the registry knows the agency."""
        apps = self.agency_apps.get(agency_code.lower())
        return self.records[apps[0]].agency_name if apps else None

    def record(self, app_id: str) -> _Record | None:
        index = self.by_id.get(app_id)
        return self.records[index] if index is not None else None

    def search(self, text: str, *, function: str | None = None, agency: str | None = None, limit: int = 10,
               include_retired: bool = False) -> SearchResults:
        """Registered apps matching `text`, best first, optionally only one function or agency."""
        allowed = self._allowed(function, agency, include_retired)
        concepts = self.concepts(text)
        if not concepts:
            return self._listing(allowed, limit)
        per_concept: list[dict[int, tuple[float, str]]] = [self._score_concept(c, allowed) for c in concepts]
        matched_functions = self._matched_functions(concepts)
        totals: dict[int, list[float]] = {}
        for scores in per_concept:
            for index, (score, _) in scores.items():
                entry = totals.setdefault(index, [0.0, 0])
                entry[0] += score
                entry[1] += 1
        pinned: set[int] = set()
        if matched_functions:
            for index, entry in totals.items():
                record = self.records[index]
                weight = max((matched_functions.get(code, 0.0) for code in record.functions), default=0.0)
                entry[0] += weight * (FUNCTION_BOOST + (OWNER_BOOST if record.shared else 0.0))
                if record.shared and record.active and weight >= OWNER_PIN_WEIGHT:
                    pinned.add(index)
        ranked = sorted(totals.items(), key=lambda kv: (kv[0] not in pinned, *self._rank_key(kv[0], kv[1])))
        hits = []
        for index, (score, matched) in ranked[:max(limit, 0)]:
            why = tuple(scores[index][1] for scores in per_concept if index in scores)
            hits.append(self._hit(index, score, int(matched), len(concepts), why))
        return SearchResults(hits, len(totals))

    def _rank_key(self, index: int, total: list[float]) -> tuple[Any, ...]:
        record = self.records[index]
        return (-total[1], -round(total[0], 6), not record.shared, not record.active,
                _LEVEL_RANK.get(record.level, 3), record.name.lower(), record.id)

    def _allowed(self, function: str | None, agency: str | None, include_retired: bool) -> set[int] | None:
        allowed: set[int] | None = None
        if function:
            allowed = set(self.function_apps.get(function.upper(), ()))
        if agency:
            of_agency = set(self.agency_apps.get(agency.lower(), ()))
            allowed = of_agency if allowed is None else allowed & of_agency
        if not include_retired:
            if allowed is None:
                return None if all(r.active for r in self.records) else {
                    i for i, r in enumerate(self.records) if r.active}
            allowed = {i for i in allowed if self.records[i].active}
        return allowed

    def _listing(self, allowed: set[int] | None, limit: int) -> SearchResults:
        """No meaningful words but a filter: the filtered apps, shared and central first."""
        if allowed is None:
            return SearchResults([], 0)
        ranked = sorted(allowed, key=lambda i: self._rank_key(i, [0.0, 0]))
        return SearchResults([self._hit(i, 0.0, 0, 0, ()) for i in ranked[:max(limit, 0)]], len(ranked))

    def _score_concept(self, concept: _Concept, allowed: set[int] | None) -> dict[int, tuple[float, str]]:
        best: dict[int, tuple[float, str]] = {}

        def offer(indexes: Iterable[int], score: float, label: str) -> None:
            for index in indexes:
                if allowed is not None and index not in allowed:
                    continue
                current = best.get(index)
                if current is None or score > current[0]:
                    best[index] = (score, label)
        for term, weight in concept.terms.items():
            offer(self._term_apps(self.name_post, term), weight * FIELD_WEIGHTS["name"], f"name: {term}")
            offer(self._term_apps(self.desc_post, term), weight * FIELD_WEIGHTS["description"], f"description: {term}")
            offer(self._term_apps(self.agency_post, term), weight * FIELD_WEIGHTS["agency"], f"agency: {term}")
            for code in self._function_codes(term):
                offer(self.function_apps.get(code, ()), weight * FIELD_WEIGHTS["function"], f"function: {code}")
        return best

    def _matched_functions(self, concepts: list[_Concept]) -> dict[str, float]:
        """Function codes the query names, with the best term weight (for the boost)."""
        out: dict[str, float] = {}
        for concept in concepts:
            for term, weight in concept.terms.items():
                for code in self._function_codes(term):
                    out[code] = max(out.get(code, 0.0), weight)
        return out

    def _function_codes(self, term: str) -> set[str]:
        parts = term.split(" ")
        if len(parts) == 1:
            return self.function_words.get(term, set())
        sets = [self.function_words.get(p, set()) for p in parts if p not in GENERIC_WORDS]
        return set.intersection(*sets) if sets else set()

    @staticmethod
    def _term_apps(postings: dict[str, array], term: str) -> Iterable[int]:
        if " " not in term:
            return postings.get(term, ())
        parts = [p for p in term.split(" ") if p not in GENERIC_WORDS]
        if not parts:
            return ()
        sets = [set(postings.get(p, ())) for p in parts]
        return set.intersection(*sets)

    def _hit(self, index: int, score: float, matched: int, concepts: int, why: tuple[str, ...]) -> Hit:
        r = self.records[index]
        return Hit(id=r.id, name=r.name, agency_code=r.agency_code, agency_name=r.agency_name, level=r.level,
                   shared=r.shared, status="active" if r.active else "retired", functions=r.functions,
                   score=score, matched=matched, concepts=concepts, why=why)


def _meaningful(found: list[str]) -> list[str]:
    return [w for w in found if w not in GENERIC_WORDS and len(w) >= 2]


def _containing(term: str, vocabulary: list[str]) -> list[str]:
    """Vocabulary words that contain `term` ("arsip" -> "kearsipan")."""
    return [v for v in vocabulary if term in v and v != term]


# --- building and caching --------------------------------------------------------

_CODE_FILES = ("search.py", "similarity.py", "registry.py")


def build_search_index(registry: Registry) -> SearchIndex:
    """Index a loaded registry (about a second for 27,400 apps; cached by open_search_index)."""
    return SearchIndex(registry)


def open_search_index(source: str | Path, use_cache: bool = True) -> SearchIndex:
    """The search index of the registry at `source`, from the cache when its bytes are unchanged.

    The cache key covers the registry bytes, the synonym data and this code, so a hit
    can never be stale; a missing or read-only cache folder only costs time.
    """
    from checker.registry import parse_registry, read_registry_bytes

    raw = read_registry_bytes(str(source))
    key = cache.cache_key(raw, _CODE_FILES, [SYNONYMS_FILE]) if use_cache else ""
    if use_cache:
        with cache.gc_paused():
            entry = cache.load("search", key)
            try:
                if entry is not None:
                    return SearchIndex.from_data(entry.value)
            except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
                pass  # not the shape we store: rebuilt below
    index = SearchIndex(parse_registry(raw, str(source)))
    if use_cache:
        cache.store("search", key, index.to_data())
    return index
