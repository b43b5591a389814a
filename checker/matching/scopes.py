"""Shared services' scopes: what each shared service says it provides, read as one vector.

Why: a shared service's own record is one application among 27,400, and a proposal that
rebuilds it under another code often shares no word of its name ("Tender Online" against
"SPSE") while the regional apps nearest to it need not serve the function the service
owns. The service's description lists what it provides ("tender, seleksi, pengadaan
langsung, dan e-purchasing barang/jasa"); read at full weight, as a reviewer reads it, it
recognises a proposal inside that scope. Only words the registry uses count (a word it
never uses is no evidence of a scope); everyday words ("seluruh", "bagi") and what the
description excludes ("penerimaan negara bukan pajak": not taxes) are left out; and
`suggest` does not accept a match that one word carries: one shared word ("anggota",
or "bus", which is the service bus in SPLP's description and a city bus in a proposal) is
a coincidence, not a scope, unless the function profile the proposal reads like agrees.

Built with the index and cached with it: fifteen services, so a query adds a few dozen
weights.
"""

from __future__ import annotations

import math
from collections.abc import Container, Mapping

NEGATIONS = frozenset({"bukan", "tanpa", "non", "selain", "not", "without", "except"})


def scope_words(tokens: list[str], everyday: Container[str]) -> list[str]:
    """A service description's words that say what it provides: negated words and everyday words dropped."""
    out: list[str] = []
    negated = False
    for token in tokens:
        if token in NEGATIONS:
            negated = True
            continue
        if not negated and token not in everyday:
            out.append(token)
        negated = False
    return out


def build_scopes(services: Mapping[str, Mapping[str, float]], idf: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """Shared service id -> its L2-normalised TF-IDF scope vector, from its field weights (name and description)."""
    scopes: dict[str, dict[str, float]] = {}
    for service, weights in services.items():
        vec = {f: w * idf[f] for f, w in weights.items() if f in idf}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        if norm:
            scopes[service] = {f: round(v / norm, 5) for f, v in sorted(vec.items())}
    return scopes


def scope_scores(
    scopes: Mapping[str, Mapping[str, float]], vec: Mapping[str, float]
) -> list[tuple[str, float, float, int]]:
    """(service, cosine with its scope, share of it the largest single word gives, words in common), best first.

    Concept features ("~12", a synonym group) count in the cosine but are not words: they
    repeat a word's meaning, so they never make one word look like several.
    """
    out: list[tuple[str, float, float, int]] = []
    for service, scope in scopes.items():
        parts = [(feature, q * scope[feature]) for feature, q in vec.items() if feature in scope]
        total = sum(value for _feature, value in parts)
        if total <= 0.0:
            continue
        words = [value for feature, value in parts if not feature.startswith("~")]
        out.append((service, total, max(words, default=0.0) / total, len(words)))
    out.sort(key=lambda entry: (-entry[1], entry[0]))
    return out
