"""Clusters of near-duplicate registered applications, found without comparing all pairs.

Why: a policy owner consolidating 27,400 applications wants to see "these 272
parking apps are the same thing, consolidate them on X", not 27,400 single verdicts.

What a cluster is: active, non-shared apps that serve the same business function and
whose names mean the same thing to the one matcher (checker/matching, the index
`check`, `registry search` and `init` use): the cosine of their name vectors (TF-IDF
with weights learnt from the registry, synonym concepts, acronym expansions) is at
least the configured threshold (`policies/spbe/config/data.json` -> `similarity`).
Whole region names and central agencies' own words are stripped first (`name_key`),
so the agency's town never makes two apps look alike and "SIMPEG Karawang" meets
"SIMPEG Kota Bekasi"; words in thousands of names ("sistem", "informasi", "layanan")
weigh nothing, so "Layanan Perizinan" meets "Perizinan"; and a short name inside a
longer one is not a match ("parkir" against "parkir retribusi" is 0.77), so clusters
do not chain "parkir" ~ "parkir retribusi" ~ "retribusi".

An app whose name says nothing to the matcher (its vector is empty: "Sistem Informasi
Karawang") is grouped with other such apps by its description's vector instead.
Descriptions do not join two apps whose names differ: registry descriptions are mostly
boilerplate, and joining on them chained portals and public-information desks into
one 2,600-app cluster.

How, without an all-pairs loop: per function, apps with the same name key (one
template) are joined directly; distinct keys (about a hundred per function) are scored
only against keys sharing a feature, and joined with union-find.

A cluster belongs to one function (an app with two functions can be in two
clusters). Its consolidation target is the shared service that owns the function
(the registry index's `function_owners`), or else its most central member: a
central agency's before a province's before a regency's, then one carrying the
cluster's most common name, then the lowest id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checker.matching import MatchIndex

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


def find_clusters(
    apps: Iterable[Mapping[str, Any]],
    *,
    index: MatchIndex,
    owners: Mapping[str, Sequence[str]],
    names: Mapping[str, str],
    name_threshold: float,
    description_threshold: float,
) -> list[Cluster]:
    """Clusters (two apps or more) of active, non-shared apps, largest first.

    `index`: the registry's matcher (its learnt weights score these apps' names);
    `owners`: function code -> shared service ids; `names`: registry id -> name, to label
    a shared-service target. Thresholds are cosines (0..1).
    """
    members = sorted((a for a in apps if a.get("status") == "active" and not a.get("shared")), key=lambda a: a["id"])
    name_keys = [index.name_key(str(a.get("name", ""))) for a in members]
    vectors = {key: index.vector(key, "", correct_typos=False) for key in set(name_keys)}
    by_function: dict[str, list[int]] = defaultdict(list)
    for i, app in enumerate(members):
        for code in dict.fromkeys(app.get("functions") or []):
            by_function[code].append(i)
    clusters = []
    for code, indices in by_function.items():
        uf = _UnionFind(len(indices))
        keys = [name_keys[i] for i in indices]
        _join_similar(uf, keys, vectors, name_threshold)
        unnamed = [k for k, i in enumerate(indices) if not vectors[name_keys[i]]]
        if len(unnamed) > 1:
            described = {
                k: index.vector("", str(members[indices[k]].get("description", "")), correct_typos=False)
                for k in unnamed
            }
            _join_similar(
                uf,
                [str(k) for k in unnamed],
                {str(k): v for k, v in described.items()},
                description_threshold,
                positions=unnamed,
            )
        groups: dict[int, list[int]] = defaultdict(list)
        for k in range(len(indices)):
            groups[uf.find(k)].append(indices[k])
        for group in groups.values():
            if len(group) > 1:
                clusters.append(
                    _cluster(code, [members[i] for i in group], [name_keys[i] for i in group], owners, names)
                )
    clusters.sort(key=lambda c: (-c.size, -len(c.agencies), c.function, c.apps[0]))
    return clusters


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two of the matcher's L2-normalised vectors."""
    if len(b) < len(a):
        a, b = b, a
    return sum(value * b.get(feature, 0.0) for feature, value in a.items())


def _join_similar(
    uf: _UnionFind,
    keys: list[str],
    vectors: Mapping[str, dict[str, float]],
    threshold: float,
    positions: list[int] | None = None,
) -> None:
    """Join equal keys at once; score distinct keys only against keys sharing a feature (each pair once).

    `positions[k]` is the union-find member of `keys[k]` (default: k). An empty vector joins nothing.
    """
    at = positions if positions is not None else list(range(len(keys)))
    first: dict[str, int] = {}
    for k, key in enumerate(keys):
        if not vectors[key]:
            continue
        if key in first:
            uf.union(at[first[key]], at[k])
        else:
            first[key] = k
    distinct = list(first)
    blocks: dict[str, list[int]] = defaultdict(list)
    for d, key in enumerate(distinct):
        for feature in vectors[key]:
            blocks[feature].append(d)
    for d, key in enumerate(distinct):
        seen: set[int] = set()
        for feature in vectors[key]:
            for other in blocks[feature]:
                if other > d and other not in seen:
                    seen.add(other)
                    if cosine(vectors[key], vectors[distinct[other]]) >= threshold:
                        uf.union(at[first[key]], at[first[distinct[other]]])


def _cluster(
    code: str,
    apps: list[Mapping[str, Any]],
    keys: list[str],
    owners: Mapping[str, Sequence[str]],
    names: Mapping[str, str],
) -> Cluster:
    common = Counter(k for k in keys if k).most_common(1)
    key = common[0][0] if common else ""
    if owners.get(code):
        owner = sorted(owners[code])[0]
        target = Target(owner, names.get(owner, owner), "shared-service")
    else:
        best = min(
            range(len(apps)),
            key=lambda i: (_LEVEL_RANK.get(apps[i]["agency"].get("level", ""), 3), keys[i] != key, apps[i]["id"]),
        )
        target = Target(apps[best]["id"], apps[best].get("name", apps[best]["id"]), "cluster-member")
    return Cluster(
        function=code,
        apps=tuple(sorted(a["id"] for a in apps)),
        agencies=tuple(sorted({a["agency"]["code"] for a in apps})),
        label=key or str(apps[0].get("name") or apps[0]["id"]),  # no member's name says anything: show one
        target=target,
    )
