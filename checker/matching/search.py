"""A short query against the one matcher: candidates at a low floor, and the functions they do.

Why a floor far below the check's thresholds: a query is two or three words and an app's
vector also carries its description, so "kearsipan" scores 0.35 against SRIKANDI, whose
name says nothing of archives. A query asks "what is there", not "is this a duplicate".

Why the function vote counts each template once: the same app rebuilt in 300 regions
("Lapor Jalan Rusak <town>") would otherwise outvote every other kind of app, and
"pengaduan jalan rusak" would never reach the complaints function and its shared owner.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.matching.index import OFFICE_UNITS, Match, MatchIndex
from checker.matching.text import join_halves

QUERY_FLOOR = 0.05  # cosine: below it a query and an app share only a faint word of a description
VOTE_TEMPLATES = 8  # distinct templates (name keys) that vote for the query's function


@dataclass(frozen=True)
class QueryMatches:
    """What the matcher finds for a query: its vector, the apps best first, and the functions voted."""

    vector: dict[str, float]
    matches: list[Match]
    functions: list[tuple[str, float]]  # (function code, share of the vote), best first


def query_matches(index: MatchIndex, text: str, *, floor: float = QUERY_FLOOR) -> QueryMatches:
    """Active apps similar to `text` at or above `floor`, best first, and the functions they vote for."""
    text = join_halves(text, index.idf)  # "non tunai" is the registry's "nontunai", as `check` reads it
    vec = index.vector(text, "", OFFICE_UNITS)  # "SKCK Polres Malang": the office says where, not what
    matches = index.nearest(vec, threshold=floor, limit=max(len(index), 1)) if vec else []
    return QueryMatches(vec, matches, function_vote(index, matches))


def function_vote(index: MatchIndex, matches: list[Match], templates: int = VOTE_TEMPLATES) -> list[tuple[str, float]]:
    """Functions of the nearest distinct templates, each template voting once with its score."""
    seen: set[str] = set()
    votes: dict[str, float] = {}
    total = 0.0
    for match in matches:
        key = match.id if match.shared else index.doc_keys[match.index]
        if key in seen:
            continue
        seen.add(key)
        total += match.score
        for code in match.functions:
            votes[code] = votes.get(code, 0.0) + match.score / max(1, len(match.functions))
        if len(seen) >= templates:
            break
    if not total:
        return []
    return sorted(((code, vote / total) for code, vote in votes.items()), key=lambda cv: (-round(cv[1], 6), cv[0]))


def word_in_name(index: MatchIndex, word: str, name: str) -> bool:
    """True when `name` carries a feature the query word stands for (itself, its typo fix, synonym, acronym)."""
    wanted = set(index.features([word], 1.0, correct_typos=True))
    return bool(wanted & set(index.features(index.tokens(name), 1.0)))
