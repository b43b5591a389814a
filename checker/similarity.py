"""Near-duplicate detection: which active registry apps look like the proposal.

Names and descriptions are normalised (case, accents, punctuation), generic words
("sistem informasi", "aplikasi") and place names are removed, so that "SIMPEG
Kabupaten Karawang" matches "Sistem Informasi Kepegawaian Kota Bekasi" on what
the app does, and an agency's own place name alone never makes a match.

Candidates come from an inverted index of words (blocking), never from a scan of
all 27,400 apps; RapidFuzz scores only the candidates.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from rapidfuzz import fuzz, process

# Words that say nothing about what an application does.
GENERIC_WORDS = frozenset("""
aplikasi sistem informasi si sim manajemen layanan pelayanan online daring digital elektronik e
portal web website mobile android ios app apps platform terpadu terintegrasi integrasi smart
pemerintah pemerintahan kabupaten kab kota provinsi prov daerah dinas badan kantor bagian sekretariat
administrasi adm dan atau untuk bagi dari di ke yang dengan pada oleh serta the of and for a an to in
system information management service services application government regency city province
""".split())
REGION_TITLE_WORDS = frozenset({"pemerintah", "kabupaten", "kota", "provinsi", "administrasi", "daerah", "istimewa"})
_WORD = re.compile(r"[a-z0-9]+")
MAX_DESCRIPTION_CANDIDATES = 300
MAX_DF_FRACTION = 0.05  # description words in more than 5% of apps do not block


def words(text: str) -> list[str]:
    """Lower-case ASCII words of `text` (accents folded)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _WORD.findall(folded)


def place_words(agency_names: Iterable[str]) -> frozenset[str]:
    """Words of regional-government names ("Karawang", "Jawa", "Barat"), minus their titles."""
    out: set[str] = set()
    for name in agency_names:
        out.update(w for w in words(name) if w not in REGION_TITLE_WORDS)
    return frozenset(out)


@dataclass(frozen=True)
class Match:
    id: str
    name: str
    agency: str
    score: float
    on: str  # "name" | "description"

    def as_fact(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "agency": self.agency, "score": round(self.score, 3), "on": self.on}


class SimilarityIndex:
    """Blocking index over active apps' names and descriptions."""

    def __init__(self, apps: Iterable[dict[str, Any]], places: frozenset[str]):
        self._places = places
        self._apps: list[tuple[str, str, str]] = []  # (id, name, agency code): small, so the cache loads fast
        self._names: list[str] = []
        self._descriptions: list[str] = []
        self._name_postings: dict[str, list[int]] = {}
        description_postings: dict[str, list[int]] = {}
        for app in apps:
            if app.get("status") != "active":
                continue
            index = len(self._apps)
            self._apps.append((app["id"], app.get("name", ""), app["agency"]["code"]))
            name_words = self.key_words(app.get("name", ""))
            description_words = self.key_words(app.get("description", ""))
            self._names.append(" ".join(name_words))
            self._descriptions.append(" ".join(description_words))
            for word in set(name_words):
                self._name_postings.setdefault(word, []).append(index)
            for word in set(description_words):
                description_postings.setdefault(word, []).append(index)
        limit = max(50, int(len(self._apps) * MAX_DF_FRACTION))
        self._description_postings = {w: p for w, p in description_postings.items() if len(p) <= limit}

    def __len__(self) -> int:
        return len(self._apps)

    def to_data(self) -> dict[str, Any]:
        """The index as plain data for checker.cache (which stores nothing that can run code)."""
        ids, app_names, agencies = (list(column) for column in zip(*self._apps)) if self._apps else ([], [], [])
        return {"places": sorted(self._places), "ids": ids, "app_names": app_names, "agencies": agencies,
                "names": self._names,
                "descriptions": self._descriptions, "name_postings": self._name_postings,
                "description_postings": self._description_postings}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SimilarityIndex:
        """The index `to_data` described; KeyError/TypeError/ValueError when it is not that shape."""
        index = cls.__new__(cls)
        index._places = frozenset(data["places"])
        columns = [data[name] for name in ("ids", "app_names", "agencies", "names", "descriptions")]
        size = len(columns[0])
        if any(not isinstance(column, list) or len(column) != size for column in columns):
            raise ValueError("similarity index lists differ in shape")
        index._apps = list(zip(*columns[:3]))
        index._names, index._descriptions = columns[3], columns[4]
        index._name_postings = _postings(data["name_postings"], size)
        index._description_postings = _postings(data["description_postings"], size)
        return index

    def key_words(self, text: str, extra_places: frozenset[str] = frozenset()) -> list[str]:
        return [w for w in words(text) if w not in GENERIC_WORDS and w not in self._places and w not in extra_places]

    def similar(self, name: str, description: str, *, name_threshold: float, description_threshold: float,
                limit: int, exclude: frozenset[str] = frozenset(), own_places: frozenset[str] = frozenset()) -> list[Match]:
        """Active apps whose name or description is near-identical, best first."""
        best: dict[int, Match] = {}
        name_words = self.key_words(name, own_places)
        if name_words:
            candidates = sorted({i for w in set(name_words) for i in self._name_postings.get(w, ())})
            self._score(best, " ".join(name_words), candidates, self._names, fuzz.token_set_ratio, name_threshold, "name")
        description_words = self.key_words(description, own_places)
        if description_words:
            shared = Counter(i for w in set(description_words) for i in self._description_postings.get(w, ()))
            # Most shared words first, then index order: the cut never depends on hash order.
            ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:MAX_DESCRIPTION_CANDIDATES]
            self._score(best, " ".join(description_words), [i for i, _ in ranked], self._descriptions,
                        fuzz.token_sort_ratio, description_threshold, "description")
        # Equal scores: shared services first, they are what the moratorium wants reused.
        ranked = sorted((m for m in best.values() if m.id not in exclude),
                        key=lambda m: (-m.score, not m.id.startswith("SHARED-"), m.id))
        return ranked[:limit]

    def _score(self, best: dict[int, Match], query: str, candidates: list[int], texts: list[str],
               scorer: Any, threshold: float, on: str) -> None:
        """Score the candidates in one RapidFuzz call; keep those at or above the threshold."""
        found = process.extract(query, [texts[i] for i in candidates], scorer=scorer,
                                score_cutoff=threshold * 100.0, limit=None)
        for _text, score, position in found:
            self._keep(best, candidates[position], score / 100.0, on)

    def _keep(self, best: dict[int, Match], index: int, score: float, on: str) -> None:
        if index in best and best[index].score >= score:
            return
        app_id, name, agency = self._apps[index]
        best[index] = Match(app_id, name, agency, score, on)


def _postings(data: Any, size: int) -> dict[str, list[int]]:
    """Word -> app positions, each checked to be in range (a cache entry is not trusted to be sane)."""
    if not isinstance(data, dict):
        raise TypeError("postings are not a mapping")
    for word, positions in data.items():
        if not isinstance(positions, list) or (positions and not 0 <= min(positions) <= max(positions) < size):
            raise ValueError(f"postings of {word!r} are out of range")
    return data


def build_index(apps: Iterable[dict[str, Any]]) -> SimilarityIndex:
    """Index active apps; regional place names and central agencies' short codes ("Kemhan") are not content."""
    apps = list(apps)
    regional = (a["agency"].get("name", "") for a in apps if a["agency"].get("level") in ("province", "regency"))
    central_codes = {w for a in apps if a["agency"].get("level") == "central" for w in words(a["agency"]["code"])}
    return SimilarityIndex(apps, place_words(regional) | central_codes)
