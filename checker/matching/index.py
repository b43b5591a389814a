"""The match index: TF-IDF cosine over words, synonym concepts and acronym expansions.

Why TF-IDF over words and not a fuzzy string ratio: a set ratio scores any subset of key
words at 100% ("Pengadaan Tanah" against every procurement app), and a list of generic
words is never complete. Inverse document frequency is learnt from the registry itself:
a word carried by 5,000 names ("sistem", "informasi", "online") weighs almost nothing, a
word carried by 40 ("puskesmas", "stunting") decides. Words the registry has never seen
still count in the proposal's length, so "Pendaftaran Hewan Kurban" is not reduced to
"hewan" and matched with animal-health apps: what the registry does not know separates it.
Four exceptions, each because the word says nothing about the need: an English word
weighs by its frequency in English (english.py), a name's coined word (a brand no
dictionary holds) weighs less when the description says enough (coined.py), a
description's everyday words are dropped (stopwords.py), and so are a region's name
written another way and a module's host's name. Shared services are also matched by
what their own records say they provide (scopes.py).

Each active app is one vector: its name's features at full weight, its description's at
REGISTRY_DESCRIPTION_WEIGHT (half a name word: registry descriptions are long and partly
boilerplate, but a brand's name says nothing and its description says the need), synonym
concepts at CONCEPT_WEIGHT and acronym expansions at ACRONYM_WEIGHT; L2-normalised, so a
score is a cosine in [0, 1]. A proposal becomes a vector the same way (its description at
DESCRIPTION_WEIGHT, typos mapped to the closest registry word) and is scored against the
apps sharing at least one feature, found through an inverted index: no scan of the 27,400
apps. Apps whose vectors are identical (one template rebuilt in hundreds of regions, the
region's name stripped) share one *shape* in the postings, so a query adds about a third
fewer weights.

Everything the index holds is plain data (lists, dicts, strings, numbers), so
the compiled-registry cache can store it in a code-free format.
"""

from __future__ import annotations

import bisect
import functools
import math
from array import array
from collections.abc import Container, Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from checker.matching.coined import COINED_MIN_DESCRIBED, COINED_NAME_WEIGHT, indonesian_words, is_coined
from checker.matching.english import english_weights
from checker.matching.form import FORM_IDF, FORM_WORDS, PRAISE_WORDS
from checker.matching.profiles import build_profiles, profile_scores
from checker.matching.scopes import build_scopes, scope_scores, scope_words
from checker.matching.stopwords import description_stopwords, everyday_words
from checker.matching.text import (
    ACRONYM_LEADS,
    FUNCTION_WORDS,
    RegionNames,
    closest_word,
    derived_forms,
    fold_words,
    join_split_words,
    load_broader_pairs,
    load_districts,
    load_function_names,
    load_landmarks,
    load_regional_words,
    load_synonym_groups,
    phrase_table,
    region_abbreviations,
    region_names,
    root_forms,
    spells,
    strip_phrases,
)

DESCRIPTION_WEIGHT = 0.35  # a proposal's description
REGISTRY_DESCRIPTION_WEIGHT = 0.5  # an app's description in the registry: often all that says a brand's need
PROFILE_DESCRIPTION_WEIGHT = 0.35  # ... in a function's profile, where many apps' boilerplate would blur functions
CONCEPT_WEIGHT = 0.6
ACRONYM_WEIGHT = 0.5  # the acronym itself; its expansion words count in full
ROOT_WEIGHT = 0.9  # an affixed form of a registry word
TYPO_MIN_LENGTH = 5
CLIP_MIN_LENGTH = 5  # "perpus"; shorter clippings start too many words
CLIP_MIN_CUT = 3
DERIVED_MIN_LENGTH = 4  # "pantau"; a shorter root makes too many nouns by chance
LEAD_REST_MIN_LENGTH = 4  # "SIDesa" -> desa; "SIKA" is no "SI" + "ka"
# One word, two official spellings: the land agency writes "sertipikat", everyone else "sertifikat".
# Only the word itself: "sertipikat elektronik" (a land title) and "sertifikat elektronik" (a signing
# certificate) stay two phrases.
SPELLINGS = {
    "sertipikat": "sertifikat",
    "sertipikasi": "sertifikasi",
    # Everyday spellings of words the dictionary (KBBI) spells otherwise. They are real words to a word
    # list, so they are not corrected as typos: "Sistim Informasi Atlit" says sistem and atlet.
    "sistim": "sistem",
    "atlit": "atlet",
    "managemen": "manajemen",
    "menejemen": "manajemen",
    "resiko": "risiko",
    "beresiko": "berisiko",
    "ijin": "izin",
    "perijinan": "perizinan",
    "antrian": "antrean",
    "apotik": "apotek",
    "ijasah": "ijazah",
    "propinsi": "provinsi",
    "praktek": "praktik",
    "analisa": "analisis",
    "aktifitas": "aktivitas",
    "kwitansi": "kuitansi",
    "obyek": "objek",
    "jaman": "zaman",
    "nasehat": "nasihat",
    "kwalitas": "kualitas",
    "tehnik": "teknik",
    "tehnologi": "teknologi",
    "sekertariat": "sekretariat",
    "standarisasi": "standardisasi",
}
MAX_DF_FRACTION = 0.12  # features in more apps than this say nothing and are not indexed
WHY_MIN_IDF = 3.0  # words in more than ~1 app in 8 are not worth naming as the reason
REGION_TITLES = frozenset({"pemerintah", "kabupaten", "kota", "provinsi", "administrasi", "daerah", "istimewa"})


@dataclass(frozen=True)
class Match:
    """One active registry app and how similar it is to the proposal."""

    index: int
    id: str
    name: str
    agency: str
    level: str
    shared: bool
    functions: tuple[str, ...]
    score: float
    words: tuple[str, ...]  # the proposal's words (or concepts) found in the app's name
    acronym: str  # an acronym that joined them ("simpus"), or ""


@dataclass
class MatchIndex:
    """Inverted TF-IDF index over active apps; build with `build_match_index`."""

    docs: list[list[Any]]  # [id, name, agency code, level, shared, functions]
    postings: dict[str, tuple[list[int], list[float]]]  # feature -> (shape numbers, weights: float32 values)
    shapes: list[list[int]]  # shape number -> the docs whose vectors are exactly that one (same-template apps)
    ranks: list[int]  # doc number -> its place in (shared first, then id) order: the tie-break of equal scores
    idf: dict[str, float]
    unknown_idf: float
    places: list[str]
    acronyms: dict[str, list[str]]  # acronym -> its expansion's content words
    concepts: dict[str, list[int]]  # synonym member (maybe a phrase) -> concept numbers
    vocabulary: list[str]
    common_features: list[str]  # features in too many apps to say anything: ignored
    owners: dict[str, list[str]]  # function -> active shared services owning it
    name_keys: dict[str, int]  # name without place words -> active apps carrying it (same template)
    doc_keys: list[str]  # each app's name without place words, by doc number
    translations: dict[str, list[str]]  # synonym concept number (as text) -> its most common registry rendering
    english: dict[str, float]  # English word unknown to the registry -> its weight (english.py)
    profile_functions: list[str]  # function codes, numbered for `profiles`
    profiles: dict[str, list[list[Any]]]  # feature -> [function numbers, weights]: each function's mean vector
    description_stopwords: list[str]  # everyday words a proposal's description drops (stopwords.py)
    scopes: dict[str, dict[str, float]]  # shared service id -> what it says it provides, as a vector (scopes.py)
    indonesian: list[str]  # Indonesian dictionary words the registry does not use: not coined (coined.py)
    districts: dict[str, list[str]]  # regency or city code -> its districts' folded names (text.load_districts)
    provinces: list[str] = field(default_factory=list)  # provinces' folded names: what "Sulsel" may contract
    function_names: dict[str, list[str]] = field(default_factory=dict)  # shared function -> phrases naming it
    _places: dict[str, list[list[str]]] = field(default_factory=dict, repr=False)
    common: frozenset[str] = field(default_factory=frozenset, repr=False)
    _concept_phrases: dict[str, list[list[str]]] = field(default_factory=dict, repr=False)
    _single_places: frozenset[str] = field(default_factory=frozenset, repr=False)
    _place_words: frozenset[str] = field(default_factory=frozenset, repr=False)
    _description_stopwords: frozenset[str] = field(default_factory=frozenset, repr=False)
    _indonesian: frozenset[str] = field(default_factory=frozenset, repr=False)
    _shape_of: list[int] = field(default_factory=list, repr=False)
    _regions: RegionNames = field(default_factory=lambda: region_names(()), repr=False)
    _regional: frozenset[str] | None = field(default=None, repr=False)
    _function_phrases: dict[str, list[tuple[list[str], str]]] = field(default_factory=dict, repr=False)
    _by_agency: dict[str, list[int]] | None = field(default=None, repr=False)
    _arrays: dict[str, Any] | None = field(default=None, repr=False)  # numpy postings, in bulk mode (score_in_bulk)

    def __post_init__(self) -> None:
        self._places = phrase_table(self.places)
        self._single_places = frozenset(p for p in self.places if " " not in p)
        self._place_words = frozenset(w for p in self.places if " " in p for w in p.split())
        self._regions = region_names(p for p in self.provinces if " " in p)
        self._function_phrases = {}
        for code, phrases in self.function_names.items():
            for phrase in phrases:
                words = phrase.split()
                self._function_phrases.setdefault(words[0], []).append((words, code))
        self._description_stopwords = frozenset(self.description_stopwords)
        self._indonesian = frozenset(self.indonesian)
        self.common = frozenset(self.common_features)
        self._concept_phrases = phrase_table(m for m in self.concepts if " " in m)
        self._shape_of = [-1] * len(self.docs)
        for shape, members in enumerate(self.shapes):
            for doc in members:
                self._shape_of[doc] = shape

    def __len__(self) -> int:
        return len(self.docs)

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_") and k != "common"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def to_data(self) -> dict[str, Any]:
        """The index as JSON-ready plain data for the code-free cache."""
        state = self.__getstate__()
        state["postings"] = {f: [list(numbers), list(weights)] for f, (numbers, weights) in self.postings.items()}
        return state

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> MatchIndex:
        """The index back from `to_data()`; KeyError/TypeError/ValueError when the data is not that shape."""
        state = dict(data)
        size, shapes = len(state["docs"]), state["shapes"]
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for feature, (numbers, weights) in state["postings"].items():
            # Through `array` to check the types (and round to float32, as built); kept as lists, whose
            # numbers are Python objects already: a query walks them a fifth faster than arrays.
            shape_array, weight_array = array("I", numbers), array("f", weights)
            if len(shape_array) != len(weight_array) or (shape_array and max(shape_array) >= len(shapes)):
                raise ValueError(f"postings of {feature!r} do not fit the index")
            postings[feature] = (shape_array.tolist(), weight_array.tolist())
        if any(not members or max(members) >= size or min(members) < 0 for members in shapes):
            raise ValueError("shapes do not fit the index")
        if sorted(state["ranks"]) != list(range(size)):
            raise ValueError("ranks do not fit the index")
        state["postings"] = postings
        missing = {f.name for f in fields(cls) if not f.name.startswith("_") and f.name != "common"} - set(state)
        if missing:
            raise KeyError(f"match index data lacks {sorted(missing)}")
        index = cls.__new__(cls)
        index.__setstate__(state)
        return index

    # --- text to features -----------------------------------------------------------

    def tokens(self, text: str, own_places: Iterable[str] = ()) -> list[str]:
        """Content words of `text`: whole region names and function words removed."""
        words = fold_words(text)
        extra = _own_place_table(tuple(own_places))
        if extra:  # first, whole: a host "SIMRS RSUD Bali" before the registry's place words take "bali" alone
            words = strip_phrases(words, extra)
        words = join_split_words(strip_phrases(words, self._places), self._single_places)
        return [w for w in words if w not in FUNCTION_WORDS and (len(w) > 1 or w.isdigit())]

    def translate(self, tokens: list[str]) -> list[str]:
        """A proposal's words (or phrases) the registry never uses but the synonyms know, in the registry's words.

        "Smart Parking" -> "smart parkir", "Disaster Early Warning" -> "bencana peringatan dini":
        the most common registry rendering of the synonym group stands in for the foreign word.
        """
        tokens = [self.singular(t) for t in tokens]
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for phrase in [*self._concept_phrases.get(tokens[i], []), [tokens[i]]]:
                text = " ".join(phrase)
                if tokens[i : i + len(phrase)] != phrase or text not in self.concepts:
                    continue
                if all(w in self.idf or w in self.common for w in phrase):
                    continue  # the registry's own words: nothing to translate
                rendering = next(
                    (self.translations[str(c)] for c in self.concepts[text] if str(c) in self.translations), None
                )
                if rendering:
                    out.extend(rendering)
                    i += len(phrase)
                    break
            else:
                out.append(tokens[i])
                i += 1
        regional = load_regional_words()  # after the phrases: "cari gawe" is a job fair, not "cari kerja"
        return [
            part
            for word in out
            for part in (regional[word].split() if word in regional and word not in self.idf else [word])
        ]

    def singular(self, word: str) -> str:
        """An English plural the synonyms know only in the singular ("emergencies" -> "emergency").

        Only for a word the registry never uses and no synonym or Indonesian word list holds, so
        "dinas" or "kios" stay themselves; the singular must name a concept or open a phrase.
        """
        if len(word) < 4 or word[-1] != "s" or word in self.concepts or word in self.idf or word in self._indonesian:
            return word
        candidates = [word[:-3] + "y"] if word.endswith("ies") else []
        candidates += [word[:-2], word[:-1]] if word.endswith("es") else [word[:-1]]
        return next((c for c in candidates if c in self.concepts or c in self._concept_phrases), word)

    def features(
        self, tokens: list[str], weight: float, correct_typos: bool = False, context: Container[str] = ()
    ) -> dict[str, float]:
        """Feature -> field weight for one field's tokens (words, concepts, acronym expansions).

        `context`: the proposal's other words, which settle a typo with two readings.
        """
        out: dict[str, float] = {}
        if correct_typos:
            tokens = self.translate(tokens)

        def add(feature: str, value: float) -> None:
            if value > out.get(feature, 0.0):
                out[feature] = value

        def add_phrase_concepts(position: int, word: str) -> None:
            for phrase in self._concept_phrases.get(word, ()):
                if tokens[position : position + len(phrase)] == phrase:
                    for concept in self.concepts[" ".join(phrase)]:
                        add(f"~{concept}", weight * CONCEPT_WEIGHT)

        for position, word in enumerate(tokens):
            if word in self.common:
                # too common to say anything alone, but it may open a phrase that does ("layanan
                # darurat", "data terbuka", "aparatur sipil negara", "lingkungan hidup")
                add_phrase_concepts(position, word)
                continue
            if word in self.acronyms:
                add(word, weight * ACRONYM_WEIGHT)
                for expansion_word in self.acronyms[word]:
                    add(expansion_word, weight)
            elif word in self.english:
                add(word, weight)  # a real English word: not a typo, and weighed by english.py
            elif correct_typos and word not in self.idf and (form := self._registry_form(word)):
                if form in self.common:
                    continue
                add(form, weight * ROOT_WEIGHT)  # "menyurat" -> surat, "perpus" -> perpustakaan, "sidesa" -> desa
                word = form
            elif (
                correct_typos
                and word not in self.idf
                and len(word) >= TYPO_MIN_LENGTH
                and not word.isdigit()
                and word not in self._indonesian  # a word, not a typo: "buaya" (a crocodile) is no "budaya"
                and word not in SPELLINGS
            ):
                found, score = self._closest(word, context)
                if found in self.common:
                    continue  # a misspelt "informasi" says as little as "informasi"
                if found:
                    add(found, weight * score)
                    word = found
                else:
                    add(word, weight)  # unknown: counts in the length, matches nothing
            else:
                add(SPELLINGS.get(word, word), weight)  # "sertipikat" is the land agency's "sertifikat"
            for concept in self.concepts.get(word, ()):
                add(f"~{concept}", weight * CONCEPT_WEIGHT)
            add_phrase_concepts(position, word)
            if word != tokens[position]:  # read as another word, it still opens its own phrases ("cari kerja")
                add_phrase_concepts(position, tokens[position])
        return out

    def region_abbreviations(self, words: list[str], known: Container[str]) -> list[str]:
        """Words of `words` that contract a region's name (text.region_abbreviations)."""
        return region_abbreviations(words, self._regions, known)

    def place_fragments_out(self, tokens: list[str]) -> list[str]:
        """`tokens` without words of a multi-word region name that the registry never uses otherwise.

        "Biak Job Center" (Biak Numfor), "Labuhan" of a regency: a place, not what the app does.
        A word the registry does use ("tanah" of Tanah Datar, "laut") keeps its meaning. Only for
        a proposal: the registry's own names are indexed before it knows which words it uses.
        """
        return [t for t in tokens if t not in self._place_words or t in self.idf or t in self.common]

    def name_key(self, name: str) -> str:
        """The name without place words: apps sharing it were built from one template."""
        return " ".join(self.tokens(name))

    def _registry_form(self, word: str) -> str:
        """The registry word an unknown word is a form of: affixed, clipped or glued to SI/SIM; or ""."""
        return self._root(word) or self._unclipped(word) or self._after_lead(word) or self._derived(word)

    def _unclipped(self, word: str) -> str:
        """The one registry name word this unknown word clips ("perpus" -> "perpustakaan"), or "".

        Indonesian clips long words in names (Perpus, Dukcapil's "Capil", Diskominfo's "Info");
        only a clipping that starts exactly one registry word, three letters or more shorter, counts.
        """
        if len(word) < CLIP_MIN_LENGTH or not word.isalpha():
            return ""
        start = bisect.bisect_left(self.vocabulary, word)
        found = ""
        for candidate in self.vocabulary[start:]:
            if not candidate.startswith(word):
                break
            if len(candidate) - len(word) >= CLIP_MIN_CUT and candidate in self.idf:
                if found:
                    return ""  # ambiguous: "penda" starts pendaftaran, pendapatan, pendidikan
                found = candidate
        return found

    def _after_lead(self, word: str) -> str:
        """The registry word an unknown name glues to "SI"/"SIM" ("SIDesa" -> "desa"), or "".

        Agencies name apps Sistem Informasi + one word; the lead says nothing (ACRONYM_LEADS),
        the word says what the app does. Only a registry word of four letters or more counts.
        """
        for lead in ("sim", "si"):
            rest = word[len(lead) :]
            if word.startswith(lead) and len(rest) >= LEAD_REST_MIN_LENGTH and rest in self.idf:
                return rest
        return ""

    def _derived(self, word: str) -> str:
        """The registry noun this unknown bare root makes ("pantau" -> "pemantauan"), or ""."""
        if len(word) < DERIVED_MIN_LENGTH or not word.isalpha():
            return ""
        return next((f for f in derived_forms(word) if f in self.idf), "")

    def _root(self, word: str) -> str:
        """The registry word this unknown word is an affixed form of, or ""."""
        return next((f for f in root_forms(word) if f in self.idf or f in self.common), "")

    def functions_read_like(self, vec: dict[str, float]) -> list[tuple[str, float]]:
        """(function, cosine with its profile), best first: what the vector reads like (profiles.py)."""
        return profile_scores(self.profile_functions, self.profiles, vec)

    def regional_functions(self) -> frozenset[str]:
        """Functions some province or regency runs an app for: the rest are central government's alone."""
        if self._regional is None:
            self._regional = frozenset(f for doc in self.docs if doc[3] != "central" for f in doc[5])
        return self._regional

    def agency_docs(self, agency: str) -> list[int]:
        """The doc numbers of an agency's active apps (the table is built on first use)."""
        if self._by_agency is None:
            table: dict[str, list[int]] = {}
            for number, doc in enumerate(self.docs):
                table.setdefault(doc[2], []).append(number)
            self._by_agency = table
        return self._by_agency.get(agency, [])

    def function_named(self, tokens: list[str]) -> tuple[str, str] | None:
        """(shared function, phrase) that `tokens` (a name's content words) name outright, first in the name; or None."""
        for start, token in enumerate(tokens):
            found = [
                (code, " ".join(words))
                for words, code in self._function_phrases.get(token, ())
                if tokens[start : start + len(words)] == words
            ]
            if found:
                return min(found)
        return None

    def services_scoped(self, vec: dict[str, float]) -> list[tuple[str, float, float, int]]:
        """(shared service, cosine with its scope, largest single word's share, words in common), best first."""
        return scope_scores(self.scopes, vec)

    def _unknown(self, feature: str) -> bool:
        """A word no registry text, English word list or synonym knows: it matches nothing, it only adds length."""
        return not (
            feature in self.idf
            or feature in self.english
            or feature in self.common
            or feature.startswith("~")
            or feature.isdigit()  # a number no registry text uses is dropped (_weighted)
        )

    def is_word(self, word: str) -> bool:
        """A dictionary word, a synonym, a learnt acronym or a place's word: never a coined contraction to spell loosely."""
        return (
            word in self._indonesian
            or word in self.english
            or word in self.concepts
            or word in self.acronyms
            or word in self._single_places
            or word in self._place_words
        )

    def _coined(self, feature: str) -> bool:
        return is_coined(feature, self.idf, self.common, self.english, self._indonesian, self.acronyms, self.concepts)

    def _closest(self, word: str, context: Container[str] = ()) -> tuple[str, float]:
        found = closest_word(word, self.vocabulary, context)
        # One letter from an app's acronym is another app's acronym ("SIMFONI-PPA" is not SIMPONI).
        return ("", 0.0) if found[0] in self.acronyms else found

    def vector(
        self, name: str, description: str, own_places: Iterable[str] = (), correct_typos: bool = True
    ) -> dict[str, float]:
        """The L2-normalised TF-IDF vector of a proposal (unknown words count in its length)."""
        return self.vectors(name, description, own_places, correct_typos)[0]

    def vectors(
        self, name: str, description: str, own_places: Iterable[str] = (), correct_typos: bool = True
    ) -> tuple[dict[str, float], dict[str, float]]:
        """The proposal's vector, and its description's read alone (each word read once for both).

        The description's words the registry does not know (and the name does not hold) count
        together as one such word: their weights are scaled so that their squares sum to one
        word's. A description that lists what no registry text names (a catalogue's products, a
        museum's pieces, a schedule's vaccines) says one thing the registry does not know, not
        six, and must not drown the words it shares with an app ("Pencatatan Imunisasi Bayi"
        listing BCG, polio, campak, rubela and hepatitis). The name's unknown words keep their
        full weight ("Hewan Kurban" names a need no app serves), and so does the description
        read alone: scaling it too warned more new apps than it found duplicates (BENCHMARKS.md,
        twelfth round).
        """
        places = list(own_places)
        named = self.place_fragments_out(self.tokens(name, places))
        described = self.place_fragments_out(
            [t for t in self.tokens(description, places) if t not in self._description_stopwords]
        )
        context = {*named, *described}
        weights = self.features(named, 1.0, correct_typos, context)
        from_description = self.features(described, DESCRIPTION_WEIGHT, correct_typos, context)
        if sum(1 for f in from_description if f in self.idf) >= COINED_MIN_DESCRIBED:
            for feature in [f for f in weights if f not in from_description and self._coined(f)]:
                weights[feature] *= COINED_NAME_WEIGHT  # a brand says less than the description (coined.py)
        unknown = {f for f in from_description if f not in weights and self._unknown(f)}
        together = 1.0 / math.sqrt(len(unknown)) if len(unknown) > 1 else 1.0
        for feature, value in from_description.items():
            if feature in unknown:
                value *= together  # the description's unknown words count as one (docstring)
            if value > weights.get(feature, 0.0):
                weights[feature] = value
        return self._weighted(weights), self._weighted(from_description)

    def _weighted(self, weights: dict[str, float]) -> dict[str, float]:
        vec = {
            f: w * (self.idf.get(f) or self.english.get(f, self.unknown_idf))
            for f, w in weights.items()
            if f not in self.common and not (f.isdigit() and f not in self.idf)
        }  # a number no registry text uses ("24" jam, a year, a version) says nothing about the need
        for feature in (FORM_WORDS | PRAISE_WORDS).intersection(vec):
            vec[feature] = min(vec[feature], weights[feature] * FORM_IDF)  # software or praise, not a need (form.py)
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {f: v / norm for f, v in vec.items()} if norm else {}

    # --- querying -----------------------------------------------------------------------

    def similar(
        self,
        name: str,
        description: str,
        *,
        threshold: float,
        limit: int,
        exclude: Iterable[str] = (),
        own_places: Iterable[str] = (),
    ) -> list[Match]:
        """Active apps at or above `threshold` cosine, best first (ties: shared, then id), explained."""
        places = [" ".join(fold_words(p)) for p in own_places if fold_words(p)]
        vec = self.vector(name, description, places)
        return [
            self.explain(m, vec, places) for m in self.nearest(vec, threshold=threshold, limit=limit, exclude=exclude)
        ]

    def nearest(
        self, vec: dict[str, float], *, threshold: float, limit: int, exclude: Iterable[str] = (), agency: str = ""
    ) -> list[Match]:
        """Active apps whose cosine with `vec` is at least `threshold`, best first; not yet explained.

        Equal scores (to six decimals) go shared services first, then by id (the ranks). Only the
        apps that make the first `limit` are expanded from their shapes. After them come the apps
        of `agency` that the limit cut off (at least `threshold`, best first): sixty other
        regions' copies of a template must not hide an agency's own app.
        """
        scores = self._scores_above(vec, threshold)
        ranked = sorted((-round(score, 6), shape, score) for shape, score in scores.items())
        shapes, ranks, docs = self.shapes, self.ranks, self.docs
        excluded = set(exclude)
        out: list[Match] = []
        start = 0
        while start < len(ranked) and len(out) < limit:
            end = start + 1
            while end < len(ranked) and ranked[end][0] == ranked[start][0]:
                end += 1
            tied = sorted((ranks[doc], score, doc) for _key, shape, score in ranked[start:end] for doc in shapes[shape])
            for _rank, score, doc in tied:
                if len(out) >= limit:
                    break
                if docs[doc][0] not in excluded:
                    out.append(self._match(doc, score))
            start = end
        if agency and len(out) >= limit:
            listed = {m.index for m in out}
            own = [
                (-round(score, 6), ranks[doc], doc, score)
                for doc in self.agency_docs(agency)
                if doc not in listed
                and docs[doc][0] not in excluded
                and (score := scores.get(self._shape_of[doc], 0.0)) >= threshold
            ]
            out += [self._match(doc, score) for _key, _rank, doc, score in sorted(own)]
        return out

    def _match(self, doc: int, score: float) -> Match:
        app_id, app_name, agency, level, shared, functions = self.docs[doc]
        return Match(doc, app_id, app_name, agency, level, bool(shared), tuple(functions), round(score, 4), (), "")

    def agency_matches(
        self,
        vec: dict[str, float],
        agency: str,
        *,
        functions: Container[str] | None,
        threshold: float,
        exclude: Container[str],
    ) -> list[Match]:
        """The agency's active apps serving one of `functions` (None: any), at least `threshold` close, best first.

        Scored one by one, not against the registry: an agency runs tens of apps, not thousands.
        Equal scores go by rank.
        """
        docs = [
            doc
            for doc in self.agency_docs(agency)
            if self.docs[doc][0] not in exclude
            and (functions is None or any(code in functions for code in self.docs[doc][5]))
        ]
        scored = self.scores_of(vec, docs)
        kept = sorted(
            (-round(score, 6), self.ranks[doc], doc, score) for doc, score in scored.items() if score >= threshold
        )
        return [self._match(doc, score) for _key, _rank, doc, score in kept]

    def best_score(self, vec: dict[str, float]) -> float:
        """The cosine of the active app closest to `vec` (0.0 when it shares no feature with any)."""
        return max(self._scores_above(vec, 0.0).values(), default=0.0)

    def scores_of(self, vec: dict[str, float], docs: Iterable[int]) -> dict[int, float]:
        """The cosine of `vec` with a few given apps (doc numbers), without scoring the registry.

        A posting lists its shapes in increasing order, so each lookup is a bisection.
        """
        wanted = {doc: self._shape_of[doc] for doc in docs}
        totals = dict.fromkeys(set(wanted.values()) - {-1}, 0.0)
        for feature, q in vec.items():
            posting = self.postings.get(feature)
            if posting is None:
                continue
            numbers, weights = posting
            for shape in totals:
                at = bisect.bisect_left(numbers, shape)
                if at < len(numbers) and numbers[at] == shape:
                    totals[shape] += q * weights[at]
        return {doc: totals.get(shape, 0.0) for doc, shape in wanted.items()}

    def score_in_bulk(self) -> None:
        """Sum the postings with numpy from now on: for a process that will run many queries.

        A query of a registry app's long text adds about 8,000 weights; numpy halves the time of
        `nearest` (the audit, a batch `check`). Importing numpy costs about 60 ms, which one cold
        `check` would pay for nothing, so the pure-Python sum stays the default. Both give every
        app the same float: the same products, added in the same order (tests/test_matching.py).
        """
        if self._arrays is None:
            self._arrays = {}

    def _scores_above(self, vec: dict[str, float], threshold: float) -> dict[int, float]:
        """Shape -> score for the shapes the query touches that score at least `threshold`."""
        if self._arrays is None:
            return {shape: score for shape, score in self._shape_scores(vec).items() if score >= threshold}
        import numpy as np

        dense = np.zeros(len(self.shapes))
        for feature, q in vec.items():
            arrays = self._arrays.get(feature)
            if arrays is None:
                posting = self.postings.get(feature)
                if posting is None:
                    continue
                # float64 weights: a float32 array times a Python float stays float32 in numpy 2 (NEP 50)
                arrays = self._arrays[feature] = (np.array(posting[0], np.int32), np.array(posting[1], np.float64))
            numbers, weights = arrays
            dense[numbers] += q * weights  # a posting names each shape once: no lost updates
        above = np.flatnonzero(dense >= threshold if threshold > 0 else dense > 0)  # touched: weights are positive
        return dict(zip(above.tolist(), dense[above].tolist(), strict=True))

    def _shape_scores(self, vec: dict[str, float]) -> dict[int, float]:
        """Scores summed per *shape* (apps with identical vectors count once: a third fewer additions),
        in the order of `vec`, so every app gets exactly the float its own postings would give it.
        """
        scores: dict[int, float] = {}
        get = scores.get
        for feature, q in vec.items():
            posting = self.postings.get(feature)
            if posting is None:
                continue
            numbers, weights = posting
            for shape, w in zip(numbers, weights, strict=True):
                scores[shape] = get(shape, 0.0) + q * w
        return scores

    def explain(self, match: Match, vec: dict[str, float], places: list[str]) -> Match:
        """The match with the proposal's words found in the app's name and any acronym that joined them.

        Computed only for the suggestions shown: it re-reads the app's name.
        """
        app_tokens = self.tokens(match.name, places)
        app_features = self.features(app_tokens, 1.0)
        common = [f for f in vec if f in app_features and not f.startswith("~") and self.idf.get(f, 0.0) >= WHY_MIN_IDF]
        words = tuple(sorted(common, key=lambda f: -vec[f])[:4])
        acronym = next((t for t in app_tokens if t in self.acronyms and t not in vec), "")
        if not acronym:
            acronym = next((f for f in vec if f in self.acronyms and f in app_features and f not in app_tokens), "")
        return Match(
            match.index,
            match.id,
            match.name,
            match.agency,
            match.level,
            match.shared,
            match.functions,
            match.score,
            words,
            acronym,
        )


# --- building ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _own_place_table(phrases: tuple[str, ...]) -> dict[str, list[list[str]]]:
    """A proposal's own place phrases as a table, built once for the several texts read with them."""
    return phrase_table(phrases)


def build_match_index(apps: Iterable[dict[str, Any]]) -> MatchIndex:
    """Index the active apps of a registry (about two seconds for 27,400; cached with the registry)."""
    apps = list(apps)
    places = _place_phrases(apps)
    place_table = phrase_table(places)
    groups = load_synonym_groups()
    concepts: dict[str, list[int]] = {}
    for number, group in enumerate(groups):
        for member in group:
            concepts.setdefault(member, []).append(number)
    active = [a for a in apps if a.get("status") == "active"]
    acronyms = _learn_acronyms(active, place_table)
    bare = MatchIndex(
        docs=[],
        postings={},
        shapes=[],
        ranks=[],
        idf={},
        unknown_idf=1.0,
        places=places,
        acronyms=acronyms,
        concepts=concepts,
        vocabulary=[],
        common_features=[],
        owners={},
        name_keys={},
        doc_keys=[],
        translations={},
        english={},
        profile_functions=[],
        profiles={},
        description_stopwords=[],
        scopes={},
        indonesian=[],
        districts={},
    )
    owners: dict[str, list[str]] = {}
    name_keys: dict[str, int] = {}
    doc_keys: list[str] = []
    doc_features: list[dict[str, float]] = []
    profile_features: list[dict[str, float]] = []
    service_weights: dict[str, dict[str, float]] = {}
    everyday = everyday_words()
    name_vocabulary: set[str] = set()
    name_df: dict[str, int] = {}
    docs: list[list[Any]] = []
    df: dict[str, int] = {}
    for app in active:
        agency = app.get("agency") or {}
        docs.append(
            [
                app["id"],
                str(app.get("name", "")),
                str(agency.get("code", "")),
                str(agency.get("level", "")),
                bool(app.get("shared", False)),
                [str(f) for f in app.get("functions", [])],
            ]
        )
        name_tokens = bare.tokens(str(app.get("name", "")))
        name_vocabulary.update(name_tokens)
        for token in set(name_tokens):
            name_df[token] = name_df.get(token, 0) + 1
        key = " ".join(name_tokens)
        name_keys[key] = name_keys.get(key, 0) + 1
        doc_keys.append(key)
        if app.get("shared"):
            for code in app.get("functions", []):
                owners.setdefault(str(code), []).append(app["id"])
        named = bare.features(name_tokens, 1.0)
        description_tokens = bare.tokens(str(app.get("description", "")))
        said = bare.features(description_tokens, 1.0)
        weights = _with_description(named, said, REGISTRY_DESCRIPTION_WEIGHT)
        doc_features.append(weights)
        profile_features.append(_with_description(named, said, PROFILE_DESCRIPTION_WEIGHT))
        if app.get("shared"):
            provided = bare.features(scope_words(description_tokens, everyday), 1.0)
            service_weights[app["id"]] = _with_description(named, provided, 1.0)
        for feature in weights:
            df[feature] = df.get(feature, 0) + 1
    n = len(docs)
    limit = max(50, int(n * MAX_DF_FRACTION))
    idf = {f: math.log((n + 1) / (c + 1)) + 1.0 for f, c in df.items() if c <= limit}
    unknown_idf = math.log(n + 1) + 1.0
    postings, shapes = _shape_postings(doc_features, idf)
    ranks = [0] * len(docs)
    for rank, number in enumerate(sorted(range(len(docs)), key=lambda d: (not docs[d][4], docs[d][0]))):
        ranks[number] = rank
    vocabulary = sorted(w for w in name_vocabulary if (w in idf or w in df) and not w.isdigit())
    profile_postings, profile_shapes = _shape_postings(profile_features, idf)
    profile_functions, profiles = build_profiles(docs, profile_shapes, profile_postings)
    return MatchIndex(
        docs=docs,
        postings={f: (d, array("f", w).tolist()) for f, (d, w) in postings.items()},
        shapes=shapes,
        ranks=ranks,
        idf=idf,
        unknown_idf=unknown_idf,
        places=places,
        acronyms=acronyms,
        concepts=concepts,
        vocabulary=vocabulary,
        common_features=sorted(f for f, c in df.items() if c > limit),
        owners={k: sorted(v) for k, v in owners.items()},
        name_keys=name_keys,
        doc_keys=doc_keys,
        translations=_translations(concepts, df, idf, name_df, _broader_links(concepts)),
        english=english_weights(df, unknown_idf, min(idf.values(), default=1.0)),
        profile_functions=profile_functions,
        profiles=profiles,
        description_stopwords=description_stopwords(set(df) | {m for m in concepts if " " not in m}),
        scopes=build_scopes(service_weights, idf),
        indonesian=indonesian_words(df),
        districts=load_districts(),
        provinces=_province_names(apps),
        function_names={c: p for c, p in load_function_names().items() if c in owners},
    )


def _with_description(named: dict[str, float], described: dict[str, float], weight: float) -> dict[str, float]:
    """A name's features, and its description's at `weight` where they weigh more than in the name."""
    out = dict(named)
    for feature, value in described.items():
        if value * weight > out.get(feature, 0.0):
            out[feature] = value * weight
    return out


def _shape_postings(
    doc_features: list[dict[str, float]], idf: dict[str, float]
) -> tuple[dict[str, tuple[list[int], list[float]]], list[list[int]]]:
    """Postings over shapes (apps whose L2-normalised TF-IDF vectors are identical), and each shape's apps."""
    postings: dict[str, tuple[list[int], list[float]]] = {}
    shapes: list[list[int]] = []
    shape_of: dict[tuple[tuple[str, float], ...], int] = {}
    for number, weights in enumerate(doc_features):
        vec = {f: w * idf[f] for f, w in weights.items() if f in idf}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        if not norm:
            continue
        normalised = tuple(sorted((feature, value / norm) for feature, value in vec.items()))
        shape = shape_of.get(normalised)
        if shape is None:
            shape = shape_of[normalised] = len(shapes)
            shapes.append([])
            for feature, value in normalised:
                entry = postings.setdefault(feature, ([], []))
                entry[0].append(shape)
                entry[1].append(value)
        shapes[shape].append(number)
    return postings, shapes


def _province_names(apps: list[dict[str, Any]]) -> list[str]:
    """The provinces' names, folded, "Daerah Istimewa" kept for its initials ("sulawesi selatan", DIY).

    Only provinces: a central office names the province it serves by its contraction ("KUA
    Sulsel", "Kanwil Kaltim"). Every regency's name would also contract into everyday words
    ("lomba", a contest, spells Lombok Barat).
    """
    names = set()
    for app in apps:
        agency = app.get("agency") or {}
        if agency.get("level") == "province":
            words = [w for w in fold_words(str(agency.get("name", ""))) if w not in ("pemerintah", "provinsi")]
            if words[:2] == ["daerah", "daerah"]:  # "Pemerintah Daerah Daerah Istimewa Yogyakarta"
                words = words[1:]
            names.add(" ".join(words))
    return sorted(names - {""})


def _broader_links(concepts: dict[str, list[int]]) -> dict[int, tuple[int, str]]:
    """Narrow concept number -> (broad concept number, the pair's broad member), from synonyms.json's `broader`."""
    links: dict[int, tuple[int, str]] = {}
    for narrow, broad in load_broader_pairs():
        if narrow in concepts and broad in concepts:
            for number in concepts[narrow]:
                links.setdefault(number, (concepts[broad][0], broad))
    return links


def _translations(
    concepts: dict[str, list[int]],
    df: dict[str, int],
    idf: dict[str, float],
    name_df: dict[str, int],
    broader: dict[int, tuple[int, str]] | None = None,
) -> dict[str, list[str]]:
    """Per synonym concept, the member the registry uses most in names, then anywhere (a phrase counts by its rarest word).

    Names first: a rendering found only in descriptions ("penandatanganan") meets apps
    at the description's weight, while the one names use ("tanda tangan") meets them in full.
    A concept whose only registry rendering is a too-common word ("info" -> "informasi")
    renders as that word, so the foreign word is dropped as the common one is. A concept the
    registry never renders borrows the broad word of its `broader` pair when the registry uses
    it, else that broader concept's rendering ("banjir" reads "bencana", not the disaster
    group's most-named "darurat", emergency).
    """
    best: dict[int, tuple[tuple[int, int], str]] = {}
    generic: dict[int, str] = {}
    for member, numbers in concepts.items():
        words = member.split()
        if not all(w in idf for w in words):
            if all(w in idf or w in df for w in words):  # known, some word too common to index
                for number in numbers:
                    generic[number] = min(member, generic.get(number, member))
            continue
        count = (min(name_df.get(w, 0) for w in words), min(df.get(w, 0) for w in words))
        for number in numbers:
            held = best.get(number)
            if held is None or count > held[0] or (count == held[0] and member < held[1]):
                best[number] = (count, member)
    out = {str(number): member.split() for number, (count, member) in best.items() if count[1] > 0}
    for number, member in generic.items():
        out.setdefault(str(number), member.split())
    for narrow, (broad, word) in (broader or {}).items():
        if str(narrow) in out:
            continue
        if all(w in idf for w in word.split()):
            out[str(narrow)] = word.split()  # the pair's own broad word: "banjir" is a "bencana", not a "darurat"
        elif str(broad) in out:
            out[str(narrow)] = out[str(broad)]  # no member in the registry: read as the broader need
    return out


# A region's head says whose the app is, like the region's name, never what it does:
# "e-Disposisi Wali Kota", "Peraturan Bupati". ("Wali" alone is also "wali kelas".)
OFFICIAL_TITLES = ("wali kota", "walikota", "bupati", "gubernur")
# So does a central agency's regional office or unit that files a proposal: "Kanwil DJP Jakarta
# Selatan", "Balai Besar POM", "Polres Malang", "KBRI Kuala Lumpur". The registry's names never use
# them, so they would weigh like the rarest words there are. Stripped from proposals only (like the
# proposer's own region, `suggest.match_facts`): the one registry text that holds one is BSrE's own
# name, "Balai Besar Sertifikasi Elektronik". ("Kantor" and "balai" alone stay: "kantor digital",
# "balai latihan kerja".)
OFFICE_UNITS = (
    "kanwil",
    "kantor wilayah",
    "balai besar",
    "upt",
    "unit pelaksana teknis",
    "satker",
    "polda",
    "polres",
    "polresta",
    "polrestabes",
    "polsek",
    "kantah",
    "kantor pertanahan",
    "kbri",
    "kjri",
    "kedutaan besar",
    "konsulat jenderal",
    "bbws",
    "bbpjn",
    "bpjn",
    "kpp",
    "kppn",
    "djp",
    "pom",
    "poltekkes",
    "kejati",
    "kejari",
    "kanim",
    "kakanwil",
    "rutan",
    "bapas",
    "kpknl",
    "bbpvp",
    "bblkm",
    "kankemenag",
)


def _place_phrases(apps: list[dict[str, Any]]) -> list[str]:
    """Whole region names ("tebing tinggi"), central agencies' own words ("kemenkes"), the
    titles of a region's head ("wali kota") and natural landmarks ("semeru") to strip."""
    phrases: set[str] = set(OFFICIAL_TITLES) | set(load_landmarks())
    central_names: dict[str, list[set[str]]] = {}
    for app in apps:
        agency = app.get("agency") or {}
        if agency.get("level") in ("province", "regency"):
            words = [w for w in fold_words(str(agency.get("name", ""))) if w not in REGION_TITLES]
            if words:
                phrases.add(" ".join(words))
                if len(words) > 1:
                    phrases.add("".join(words))  # "Tebingtinggi" as some proposals write it
        elif agency.get("level") == "central":
            central_names.setdefault(str(agency.get("code", "")), []).append(set(fold_words(str(app.get("name", "")))))
    for code, names in central_names.items():
        phrases.update(w for w in fold_words(code))
        if len(names) >= 5:
            counts: dict[str, int] = {}
            for name_words in names:
                for w in name_words:
                    counts[w] = counts.get(w, 0) + 1
            phrases.update(w for w, c in counts.items() if c >= 0.6 * len(names) and w not in FUNCTION_WORDS)
    return sorted(phrases)


def _learn_acronyms(apps: list[dict[str, Any]], places: dict[str, list[list[str]]]) -> dict[str, list[str]]:
    """Acronym -> expansion content words, learnt from the registry's own names and descriptions.

    An acronym is a name word written in capitals ("SIMPUS", "SIMRS"). Its expansion is a
    registry name that spells it from word prefixes after an implied "Sistem Informasi
    (Manajemen)" ("Sistem Informasi Manajemen Puskesmas"), or the first clause of the
    app's own description when its name is the acronym alone ("SRIKANDI: Sistem Informasi
    Kearsipan Dinamis Terintegrasi"), or else two to four words of that description that
    spell it ("SIPENNI": "… pengelolaan PENcatatan NIkah").
    """
    candidates: dict[str, int] = {}
    explicit: dict[str, list[str]] = {}
    described: dict[str, list[str]] = {}
    tails: dict[str, set[tuple[str, ...]]] = {lead: set() for lead in ACRONYM_LEADS}
    lead_words = {"si": ["sistem", "informasi"], "sim": ["sistem", "informasi", "manajemen"], "e": []}
    for app in apps:
        raw = str(app.get("name", ""))
        for token in raw.replace("-", " ").split():
            letters = "".join(c for c in token if c.isalnum())
            if 3 <= len(letters) <= 10 and letters.isupper() and letters.isalpha():
                acronym = letters.lower()
                candidates[acronym] = candidates.get(acronym, 0) + 1
                name_words = strip_phrases(fold_words(raw), places)
                description = str(app.get("description", ""))
                if name_words == [acronym] and ":" in description[:120]:
                    clause = description.split(":")[0]
                    words = [w for w in fold_words(clause) if w not in FUNCTION_WORDS]
                    if 2 <= len(words) <= 8:
                        explicit[acronym] = words
                elif name_words == [acronym] and acronym not in described:
                    content = [w for w in strip_phrases(fold_words(description), places) if w not in FUNCTION_WORDS]
                    expansion = _spelt_in(acronym, content[:40])
                    if expansion:
                        described[acronym] = expansion
        words = strip_phrases(fold_words(raw), places)
        for lead, prefix in lead_words.items():
            if prefix and words[: len(prefix)] == prefix and len(words) > len(prefix):
                rest = tuple(words[len(prefix) : len(prefix) + 4])
                tails[lead].add(rest)
    out: dict[str, list[str]] = {}
    for acronym in sorted(candidates):
        if acronym in explicit:
            out[acronym] = [w for w in explicit[acronym] if w not in EXPANSION_LEADS]
            continue
        for lead, pool in (("sim", "sim"), ("sim", "si"), ("si", "si")):
            if not acronym.startswith(lead) or len(acronym) <= len(lead):
                continue
            spelt = acronym[len(lead) :]
            found = sorted(
                {tail[:k] for tail in tails[pool] for k in range(1, len(tail) + 1) if spells(spelt, list(tail[:k]))}
            )
            if found:
                best = min(found, key=lambda t: (len(t), t))
                out[acronym] = [w for w in best if w not in FUNCTION_WORDS]
                break
        else:  # no registry name spells it: its own description may
            if acronym in described:
                out[acronym] = described[acronym]
    return {k: v for k, v in out.items() if v}


EXPANSION_LEADS = ("sistem", "informasi", "manajemen", "aplikasi")  # what SI/SIM stands for, not what the app does
ACRONYM_DESCRIBED_MIN = 3  # letters left to spell after SI/SIM: fewer spell too many runs of words


def _spelt_in(acronym: str, words: list[str]) -> list[str]:
    """The shortest run of `words` (2-4 of them) that spells `acronym`, after an implied SI/SIM lead.

    "SIPENNI" in "Aplikasi untuk pengelolaan pencatatan nikah": PENcatatan NIkah. An app named
    by an acronym alone says what it does only in its description.
    """
    for lead in ("sim", "si", ""):
        rest = acronym[len(lead) :]
        if not acronym.startswith(lead) or len(rest) < ACRONYM_DESCRIBED_MIN:
            continue
        for size in (2, 3, 4):
            for start in range(len(words) - size + 1):
                run = words[start : start + size]
                if rest[0] == run[0][0] and spells(rest, run):
                    return [w for w in run if w not in EXPANSION_LEADS]
    return []
