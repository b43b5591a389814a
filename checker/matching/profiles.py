"""Function profiles: what the registry's applications of each function say, as one vector.

Why: the nearest-apps vote (suggest.infer_functions) needs apps that are each close to the
proposal, so a proposal worded unlike any single app ("Kanal Aduan Layanan Kesehatan",
"Layanan Lelang Barang/Jasa") gets no function at all, and a shared service hidden under
another code goes unnamed. A profile is the mean of the normalised vectors of every active
app serving the function (a nearest-centroid classifier): it holds all the words the
function's apps use, weighted by how many use them, so it recognises a function from
words no single app combines. Legitimately new apps score low against every profile (on
the labelled sets, new apps stay below 0.35 where duplicates mostly score 0.3 to 0.8),
and `suggest` only reports a profile that clearly beats the next one.

Built with the index and cached with it; a query adds one weight per (feature, function)
pair, about sixty functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

MIN_WEIGHT = 0.002  # profile weights below this are dropped: they never decide and would triple the size


def build_profiles(
    docs: Sequence[Sequence[Any]], shapes: Sequence[Sequence[int]], postings: dict[str, tuple[list[int], list[float]]]
) -> tuple[list[str], dict[str, list[list[Any]]]]:
    """(function codes, feature -> [function numbers, weights]) of the L2-normalised mean vectors."""
    functions = sorted({str(code) for doc in docs for code in doc[5]})
    number = {code: i for i, code in enumerate(functions)}
    sums: list[dict[str, float]] = [{} for _ in functions]
    for feature, (shape_numbers, weights) in postings.items():
        for shape, weight in zip(shape_numbers, weights, strict=True):
            for doc in shapes[shape]:
                codes = docs[doc][5]
                for code in codes:
                    vector = sums[number[str(code)]]
                    vector[feature] = vector.get(feature, 0.0) + weight / len(codes)
    profiles: dict[str, list[list[Any]]] = {}
    for index, vector in enumerate(sums):
        norm = math.sqrt(sum(v * v for v in vector.values()))
        for feature, value in vector.items():
            if norm and value / norm >= MIN_WEIGHT:
                entry = profiles.setdefault(feature, [[], []])
                entry[0].append(index)
                entry[1].append(round(value / norm, 5))
    return functions, profiles


def profile_scores(
    functions: Sequence[str], profiles: dict[str, list[list[Any]]], vec: dict[str, float]
) -> list[tuple[str, float]]:
    """(function, cosine with its profile) for every function the vector touches, best first."""
    scores: dict[int, float] = {}
    for feature, q in vec.items():
        entry = profiles.get(feature)
        if entry is None:
            continue
        for index, weight in zip(entry[0], entry[1], strict=True):
            scores[index] = scores.get(index, 0.0) + q * weight
    return sorted(((functions[i], s) for i, s in scores.items()), key=lambda fs: (-fs[1], fs[0]))
