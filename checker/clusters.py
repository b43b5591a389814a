"""Clusters of near-duplicate registered applications, found without comparing all pairs.

Why: a policy owner consolidating 27,400 applications wants to see "these 272
parking apps are the same thing, consolidate them on X", not 27,400 single verdicts.

What a cluster is: active, non-shared apps that serve the same business function
and have near-identical names once generic words ("sistem informasi", "aplikasi",
"e-", "online", ...) and every regional place name and title are removed
and central agencies' short codes ("Kemensos") (`similarity.words`, `GENERIC_WORDS`,
`place_words`), so the agency's town never makes two apps look alike and "SIMPEG Karawang" meets "SIMPEG Kota Bekasi". An app
whose name is nothing but generic words and place names ("Karawang Smart City") is
grouped with other such apps by a near-identical description instead.

Descriptions do not join two apps whose names differ: registry descriptions are
mostly boilerplate ("dibangun oleh pihak ketiga pada tahun ...", the agency's
name), which outweighs the few words that say what the app does; on the sample
registry, joining on them chained portals and public-information desks into one
2,600-app cluster.

How, without an all-pairs loop: per function, apps with the same name key are joined
directly; distinct name keys (about a hundred per function) are compared only inside
blocks of keys sharing a word, scored by RapidFuzz in C++ (`process.extract`) with
`token_sort_ratio` at the configured threshold (`policies/spbe/config/data.json` ->
`similarity`), and joined with union-find. `token_sort_ratio` rather than the
`token_set_ratio` of the per-proposal check: a set ratio scores a name contained in a
longer one at 100, useful as a hint for one proposal but, across a registry, it chains
"parkir" ~ "parkir retribusi" ~ "retribusi".

A cluster belongs to one function (an app with two functions can be in two
clusters). Its consolidation target is the shared service that owns the function
(the registry index's `function_owners`), or else its most central member: a
central agency's before a province's before a regency's, then one carrying the
cluster's most common name, then the lowest id.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process

from checker.similarity import GENERIC_WORDS, REGION_TITLE_WORDS, place_words, words

_LEVEL_RANK = {"central": 0, "province": 1, "regency": 2}


@dataclass(frozen=True)
class Target:
    """What a cluster should consolidate on."""

    id: str
    name: str
    kind: str  # "shared-service" | "cluster-member"


@dataclass(frozen=True)
class Cluster:
    function: str
    apps: tuple[str, ...]  # ids, sorted
    agencies: tuple[str, ...]  # agency codes, sorted
    label: str  # the members' most common name key (what they are), e.g. "parkir"
    target: Target

    @property
    def size(self) -> int:
        return len(self.apps)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def ignored_words(apps: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """Words that name an agency, not a purpose: regional place names and central agencies' short codes."""
    apps = list(apps)
    regional = (a["agency"].get("name", "") for a in apps if a["agency"].get("level") in ("province", "regency"))
    central = {w for a in apps if a["agency"].get("level") == "central" for w in words(a["agency"]["code"])}
    return place_words(regional) | central


def key_words(text: str, places: frozenset[str]) -> list[str]:
    """What the text says about the app: no generic words, no place names or titles, no bare numbers."""
    return [w for w in words(text)
            if w not in GENERIC_WORDS and w not in places and w not in REGION_TITLE_WORDS and not w.isdigit()]


def name_key(name: str, places: frozenset[str]) -> str:
    return " ".join(sorted(set(key_words(name, places))))


def find_clusters(apps: Iterable[Mapping[str, Any]], *, places: frozenset[str],
                  owners: Mapping[str, Sequence[str]], names: Mapping[str, str],
                  name_threshold: float, description_threshold: float) -> list[Cluster]:
    """Clusters (two apps or more) of active, non-shared apps, largest first.

    `places`: place words to ignore; `owners`: function code -> shared service ids;
    `names`: registry id -> name, to label a shared-service target.
    """
    members = sorted((a for a in apps if a.get("status") == "active" and not a.get("shared")), key=lambda a: a["id"])
    name_keys = [name_key(a.get("name", ""), places) for a in members]
    by_function: dict[str, list[int]] = defaultdict(list)
    for i, app in enumerate(members):
        for code in dict.fromkeys(app.get("functions") or []):
            by_function[code].append(i)
    clusters = []
    for code, indices in by_function.items():
        uf = _UnionFind(len(indices))
        _join_names(uf, [name_keys[i] for i in indices], name_threshold * 100.0)
        unnamed = [k for k, i in enumerate(indices) if not name_keys[i]]
        if unnamed:
            descriptions = [" ".join(key_words(members[i].get("description", ""), places)) for i in indices]
            _join_descriptions(uf, unnamed, descriptions, description_threshold * 100.0)
        groups: dict[int, list[int]] = defaultdict(list)
        for k in range(len(indices)):
            groups[uf.find(k)].append(indices[k])
        for group in groups.values():
            if len(group) > 1:
                clusters.append(_cluster(code, [members[i] for i in group], [name_keys[i] for i in group],
                                         owners, names, places))
    clusters.sort(key=lambda c: (-c.size, -len(c.agencies), c.function, c.apps[0]))
    return clusters


def _join_names(uf: _UnionFind, keys: list[str], cutoff: float) -> None:
    """Join equal name keys at once; score distinct keys only against keys sharing a word."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for k, key in enumerate(keys):
        if key:
            by_key[key].append(k)
    for same in by_key.values():
        for other in same[1:]:
            uf.union(same[0], other)
    distinct = list(by_key)
    blocks: dict[str, list[int]] = defaultdict(list)
    for d, key in enumerate(distinct):
        for word in key.split():
            blocks[word].append(d)
    for block in blocks.values():
        texts = [distinct[d] for d in block]
        for row in range(len(block) - 1):
            # One C++ call scores a whole row; only later keys, so each pair is scored once per block.
            for _, _, column in process.extract(texts[row], texts[row + 1:], scorer=fuzz.token_sort_ratio,
                                                score_cutoff=cutoff, limit=None):
                uf.union(by_key[distinct[block[row]]][0], by_key[distinct[block[row + 1 + column]]][0])


def _join_descriptions(uf: _UnionFind, unnamed: list[int], descriptions: list[str], cutoff: float) -> None:
    """Join apps with an empty name key whose descriptions are near-identical (among themselves only,
    so that they never bridge two groups of named apps)."""
    texts = [descriptions[k] for k in unnamed]
    for row in range(len(unnamed) - 1):
        if not texts[row]:
            continue
        for _, _, column in process.extract(texts[row], texts[row + 1:], scorer=fuzz.token_sort_ratio,
                                            score_cutoff=cutoff, limit=None):
            if texts[row + 1 + column]:
                uf.union(unnamed[row], unnamed[row + 1 + column])


def _generic_label(name: str, places: frozenset[str]) -> str:
    """"Karawang Smart City" -> "smart city": the name without its place, for apps with an empty name key."""
    return " ".join(w for w in words(name) if w not in places and w not in REGION_TITLE_WORDS)


def _cluster(code: str, apps: list[Mapping[str, Any]], keys: list[str], owners: Mapping[str, Sequence[str]],
             names: Mapping[str, str], places: frozenset[str]) -> Cluster:
    common = Counter(k for k in keys if k).most_common(1)
    key = common[0][0] if common else ""
    # The common key in the words' own order ("penerimaan peserta didik baru", not sorted).
    label = next((" ".join(dict.fromkeys(key_words(a.get("name", ""), places))) for a, k in zip(apps, keys)
                  if key and k == key), "")
    if owners.get(code):
        owner = sorted(owners[code])[0]
        target = Target(owner, names.get(owner, owner), "shared-service")
    else:
        best = min(range(len(apps)), key=lambda i: (_LEVEL_RANK.get(apps[i]["agency"].get("level", ""), 3),
                                                    keys[i] != key, apps[i]["id"]))
        target = Target(apps[best]["id"], apps[best].get("name", apps[best]["id"]), "cluster-member")
    return Cluster(
        function=code,
        apps=tuple(sorted(a["id"] for a in apps)),
        agencies=tuple(sorted({a["agency"]["code"] for a in apps})),
        label=label or _generic_label(apps[0].get("name", ""), places) or apps[0]["id"],
        target=target,
    )
