"""From matches to the facts the MOR rules read: ranked, collapsed, explained, with inferred functions.

Why this order: a reviewer acts first on what the agency itself runs (extend it), then on
the shared services (reuse them), then on other agencies' apps. Apps built from one
template in hundreds of regions ("SIMPEG <town>") are one suggestion that says how many
run it, not five lines of the same thing.

Function inference: the proposal's nearest apps vote for their functions, weighted by
similarity; a function that wins most of the vote is what the proposal most likely does,
whatever code it declares. When a shared service owns that function, the MOR rules can
name the service even if the declared code hides it.
A proposal worded unlike any single app is read by the function profiles instead
(profiles.py), when its whole text and its description alone agree.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import Any

from checker.matching.index import OFFICE_UNITS, REGION_TITLES, Match, MatchIndex
from checker.matching.text import (
    FUNCTION_WORDS,
    expand_own_acronyms,
    fold_words,
    join_halves,
    phrase_table,
    place_abbreviations,
    place_spellings,
    split_glued,
    strip_phrases,
)
from checker.model import agency_level

INFER_NEIGHBOURS = 10
NEARBY = 60  # the nearest apps read for the vote, the description's reading and the suggestions
MAX_SUGGESTIONS = 15  # entries in facts.similar: the rules show at most `max_suggestions` of them
INFER_SHARE = 0.5  # the winning function's share of the neighbours' vote
SCOPE_MIN_WORDS = 2  # words a proposal shares with a shared service's own description before it is read as in its scope


@dataclass(frozen=True)
class Thresholds:
    """Cosine thresholds, from policies/spbe/config/data.json -> similarity (policy owners tune them)."""

    near: float = 0.6  # MOR-005: a near-duplicate
    same_thing: float = 0.73  # MOR-003 deny: the agency's own app is the same thing
    reuse: float = 0.44  # MOR-004 / MOR-003 warn: a concrete candidate to reuse
    reuse_description: float = 0.37  # MOR-003 warn, MOR-004: ... or the description alone is this close to the app
    reuse_floor: float = 0.26  # ... and the whole proposal at least this close
    reuse_profile: float = 0.425  # MOR-004: ... or the nearest app, of the function the text's profile reads like
    own_code: float = 0.14  # MOR-003 warn: an own app of a function other agencies' candidates serve, from this close
    own_nearest: float = 0.2  # MOR-003 warn: a region's own app as close as the registry's nearest, from this close
    own_nearest_share: float = 0.9  # ... "as close": at least this share of the nearest app's score
    infer: float = 0.485  # MOR-011: neighbours this close vote for the proposal's function
    profile: float = 0.25  # ... or the proposal is this close to the function's profile (profiles.py)
    profile_margin: float = 1.5  # ... and that many times closer than to the next function's
    profile_description: float = 0.15  # ... and its description alone reads like that function too
    scope: float = 0.22  # ... or the proposal is this close to what a shared service says it provides (scopes.py)
    scope_margin: float = 1.3  # ... and that many times closer than to the next service's
    scope_word_share: float = 0.8  # ... and no single word gives more than this share of that closeness
    max: int = 5

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Thresholds:
        default = cls()

        def score(key: str, fallback: float) -> float:
            return float(config[key]) if key in config else fallback

        return cls(
            near=score("near", default.near),
            same_thing=score("same_thing", default.same_thing),
            reuse=score("reuse", default.reuse),
            reuse_description=score("reuse_description", default.reuse_description),
            reuse_floor=score("reuse_floor", default.reuse_floor),
            reuse_profile=score("reuse_profile", default.reuse_profile),
            own_code=score("own_code", default.own_code),
            own_nearest=score("own_nearest", default.own_nearest),
            own_nearest_share=score("own_nearest_share", default.own_nearest_share),
            infer=score("infer", default.infer),
            profile=score("infer_profile", default.profile),
            profile_margin=score("infer_profile_margin", default.profile_margin),
            profile_description=score("infer_profile_description", default.profile_description),
            scope=score("infer_scope", default.scope),
            scope_margin=score("infer_scope_margin", default.scope_margin),
            scope_word_share=score("infer_scope_word_share", default.scope_word_share),
            max=int(config["max"]) if "max" in config else default.max,
        )


REGION_KINDS = ("kabupaten", "kota", "provinsi")
CENTRAL_SUFFIX = "-PUSAT"  # the taxonomy's codes for central government's own functions (KEU-ANGGARAN-PUSAT)


def place_of(agency_name: str) -> str:
    """The agency's place name ("Pemerintah Kabupaten Karawang" -> "karawang").

    A regional unit named as its own agency ("RSUD Kabupaten Kudus", "Dinas Kesehatan Kota
    Bandung") is placed by the words after the region's kind: its unit words are what it
    does, not where ("RSUD Kudus" is no place to strip from "Antrean Poli RSUD Kudus").
    """
    words = fold_words(agency_name)
    kinds = [i for i, word in enumerate(words) if word in REGION_KINDS]
    if kinds and kinds[-1] + 1 < len(words):
        words = words[kinds[-1] + 1 :]
    return " ".join(w for w in words if w not in REGION_TITLES)


def match_facts(
    index: MatchIndex,
    name: str,
    description: str,
    agency_code: str,
    agency_name: str,
    exclude: Iterable[str],
    thresholds: Thresholds,
    host_name: str = "",
) -> dict[str, Any]:
    """`similar` (ranked, collapsed, explained) and `inferred` (functions the text reads like).

    `host_name` is the name of the app a module or extension is built on: a module says its
    host's name ("… di INAku") without that being evidence of what it does, so those words are
    stripped like place names.

    The description is also read alone: a branded or English name ("Si Gemoy") can pull the
    whole score under every threshold while the agency's own account of what the app does
    reads like an app of the registry. Such apps (at least `reuse_floor` as a whole,
    `reuse_description` by description) are listed after the rest, for MOR-004 and for
    `description_inference`, the agency's own among them for MOR-003 ("Kediri Reading
    Room" and the city's own e-Library), and so are the agency's own apps from
    `own_code` that another agency's listed app vouches for (`own_vouched`).
    """
    low = min(thresholds.reuse, thresholds.infer, thresholds.near)
    exclude = frozenset(exclude)  # read twice: the nearest apps and the agency's own
    place = place_of(agency_name)
    known = _Known(index)
    words = fold_words(f"{name} {description}")
    places = [place, *place_abbreviations(words, place, known)] if place else []
    regional = agency_level(agency_code) != "central"
    if regional:  # a central agency's name is no place: "LMS" is no skeleton of Lemhannas
        places += place_spellings(words, place, known)
    places += index.region_abbreviations(words, known)  # "KUA Sulsel" from a ministry: where, not what
    places += host_phrases(host_name)
    places += host_without_place(index, host_name)
    places += OFFICE_UNITS  # the filing office says who runs it ("Kanwil DJP", "Polres Malang"), not what it does
    places += own_names(index, agency_code, agency_name)
    name = join_halves(expand_own_acronyms(split_glued(name, index.idf), description, known, index.is_word), index.idf)
    places += unit_tails(fold_words(name), index.idf)
    description = join_halves(description, index.idf)
    vec, alone = index.vectors(name, description, places)  # alone: the description read alone
    nearest_from = min(low, thresholds.reuse_floor)
    found = index.nearest(vec, threshold=nearest_from, limit=NEARBY, exclude=exclude, agency=agency_code)
    nearby = found[:NEARBY]  # the agency's own apps the list cut off come after
    matches = [m for m in nearby if m.score >= low]
    listed = [*matches, *(m for m in found[NEARBY:] if m.score >= low)]
    described = index.scores_of(alone, (m.index for m in found))
    weak = [m for m in nearby if m.score < low and described[m.index] >= thresholds.reuse_description]
    first = nearest_other(nearby, agency_code, thresholds.reuse_profile)
    if first and first.score < low and first not in weak:
        weak.insert(0, first)
    vouched = own_vouched(
        index, vec, [*listed, *weak], agency_code, below=low, floor=thresholds.own_code, exclude=exclude
    )
    weak += vouched
    chosen_ids = {m.id for m in [*listed, *weak]}
    nearest_own = own_nearest(index, vec, found, nearest_from, agency_code, thresholds, exclude) if regional else []
    nearest_own = [m for m in nearest_own if m.id not in chosen_ids]
    weak += nearest_own
    described.update(index.scores_of(alone, (m.index for m in [*vouched, *nearest_own] if m.index not in described)))
    similar = [
        *ranked_suggestions(index, listed, agency_code),
        *ranked_suggestions(index, weak, agency_code),
    ][:MAX_SUGGESTIONS]
    chosen = {m.id: m for m in [*listed, *weak]}
    for entry in similar:
        explained = index.explain(chosen[entry["id"]], vec, places)
        entry["described"] = round(described[explained.index], 3)
        weakly = entry["score"] < low and not entry["own"]
        entry["why"] = why(explained, entry["count"], entry["described"] if weakly else 0.0)
        entry["on"] = "name" if explained.words or explained.acronym else "description"
        if first and entry["id"] == first.id:
            entry["nearest"] = True
        if any(m.id == entry["id"] for m in nearest_own):
            entry["own_nearest"] = True
    near, shares = neighbour_shares(matches, thresholds.infer)
    inferred = infer_functions(index, near, shares)
    inferred += profile_inference(index, vec, alone, matches, shares, thresholds, {e["code"] for e in inferred})
    inferred += scope_inference(index, vec, matches, shares, thresholds, {e["code"] for e in inferred})
    inferred += description_inference(index, nearby, described, thresholds, {e["code"] for e in inferred})
    named_words = [w for w in strip_phrases(fold_words(name), phrase_table(places)) if w not in FUNCTION_WORDS]
    inferred += name_inference(index, named_words, vec, matches, shares, {e["code"] for e in inferred})
    if regional:
        inferred = regional_readings(index, inferred, vec, matches, shares)
    leaning = shared_leaning(index, nearby, {e["code"] for e in inferred})
    return {"similar": similar, "inferred": inferred, "leaning": leaning}


def own_vouched(
    index: MatchIndex,
    vec: dict[str, float],
    candidates: list[Match],
    agency_code: str,
    *,
    below: float,
    floor: float,
    exclude: Container[str],
) -> list[Match]:
    """The agency's own apps from `floor` to `below` that share a function with another agency's candidate.

    MOR-003 names such an app when other agencies' apps of its function are reuse candidates
    (mor.rego, `own_related_with_code`); an own app whose function no candidate serves could
    never be named, and listing it would only cost the audit an explanation per app. The
    function is the evidence, so the text need only resemble the own app faintly: "Pakpak
    Bharat Rural Bus Tracker" reads like other regions' bus apps and only 0.16 like the
    regency's own "Trans Pakpak Bharat", too far to be among the nearest apps.
    """
    vouched = {code for m in candidates if m.agency != agency_code for code in m.functions}
    if not vouched:
        return []
    own = index.agency_matches(vec, agency_code, functions=vouched, threshold=floor, exclude=exclude)
    return [m for m in own if m.score < below]


def own_nearest(
    index: MatchIndex,
    vec: dict[str, float],
    found: list[Match],
    found_from: float,
    agency_code: str,
    thresholds: Thresholds,
    exclude: Container[str],
) -> list[Match]:
    """The agency's own apps as close to the proposal as the registry's nearest app, from `own_nearest`.

    A region runs one or two apps of a function; when the app of the whole registry that the
    proposal resembles most is the region's own, that is evidence of the need even where the
    wording is the agency's own ("Akta Lahir dari Rumah Jember" and the regency's "Dukcapil
    Online Jember", 0.39, as close as any other region's copy). MOR-003 names such an app when
    it serves a declared function (mor.rego, `own_nearest_with_code`). Regions only: a ministry
    runs tens of apps of its own functions, and a new one is always nearest to a sibling.

    `found` holds every app of the agency from `found_from` (MatchIndex.nearest): when the
    nearness asked for is at least that, they are read from it; only a proposal whose nearest
    app is far has its agency's apps scored one by one (the audit judges 27,000 of them), and
    the registry is scored again for its best score only when nothing was found and one of
    the agency's apps is at least `own_nearest` close.
    """
    if found:
        least = max(thresholds.own_nearest, thresholds.own_nearest_share * found[0].score)
        if least >= found_from:
            return [m for m in found if m.agency == agency_code and m.score >= least]
    own = index.agency_matches(vec, agency_code, functions=None, threshold=thresholds.own_nearest, exclude=exclude)
    if not own:
        return []  # nothing of its own that close: the registry's best score is not needed
    best = found[0].score if found else index.best_score(vec)
    return [m for m in own if m.score >= thresholds.own_nearest_share * best]


def nearest_other(nearby: list[Match], agency_code: str, threshold: float) -> Match | None:
    """The registry's nearest app to the proposal, if another agency runs it and it is `threshold` close.

    Under `reuse` it is no candidate on its own; MOR-004 takes it when the function profile
    the whole text reads like (profiles.py) is its function too: two readings that agree.
    """
    if nearby and nearby[0].agency != agency_code and nearby[0].score >= threshold:
        return nearby[0]
    return None


def shared_leaning(index: MatchIndex, nearby: list[Match], known: set[str]) -> list[dict[str, Any]]:
    """A shared service's function the nearest apps lean to, too weakly to be `inferred`.

    The same vote as the neighbours', among apps at least `reuse_floor` similar: weak evidence,
    which MOR-011 uses only where MOR-002 already denies the declared code, so that the deny
    names the shared service the text reads like ("Si-CUTI" filed under performance reads like
    SIASN's staffing, not e-Kinerja's) instead of only the owner of a wrong code.
    """
    voters = nearby[:INFER_NEIGHBOURS]
    first = first_function(voters, [m.score for m in voters])
    if first is None or first[1] < INFER_SHARE or first[0] in known or not index.owners.get(first[0]):
        return []
    code, share = first
    serving = [m for m in voters if code in m.functions]
    return [inference(index, code, share, serving[0].score, serving, len(serving), "leaning")]


# Words that head the name of a central agency's unit ("Balai Diklat Keuangan", "Direktorat
# Metrologi", "Deputi Penegakan Hukum"). Regional ones stay out: "Dinas", "Bagian", "Bidang Tanah",
# "Badan Usaha", "RSUD" and "Puskesmas" name the need as often as the unit (measured, BENCHMARKS.md).
UNIT_HEADS = frozenset(("balai", "direktorat", "ditjen", "deputi", "biro", "loka", "uptd", "upt"))


def unit_tails(words: list[str], telling: Container[str]) -> list[str]:
    """The filing unit's name ending a name ("PPID Balai Diklat Keuangan"), with its shorter forms.

    A central agency's unit is named after its own field (finance training, metrology): that says
    who runs the app, not what it does, when the words before the unit already say what (a word
    in `telling`, the registry's distinctive words). Stripped like a place, in the description too.
    """
    for i, word in enumerate(words):
        if word in UNIT_HEADS and i > 0:
            if any(w in telling for w in words[:i]) and len(words) - i >= 2:
                tail = words[i:]
                return [" ".join(tail[:n]) for n in range(len(tail), 1, -1)]
            return []
    return []


def own_names(index: MatchIndex, agency_code: str, agency_name: str) -> list[str]:
    """Names that say where or who the proposal is, never what it does: the agency's towns and its own name.

    A regional agency's districts ("RSUD Kabanjahe" from Kabupaten Karo, "Smart Parking
    Tanjung Pandan" from Belitung), and the words of the agency's name that no registry
    app uses ("RSUD Tenriawaru", "UPTD Puskesmas Sukorejo"). Such a word matches nothing
    and weighs like the rarest word there is. A one-word district that is a registry word
    keeps its meaning.
    """

    def unknown(word: str) -> bool:
        return word not in index.idf and word not in index.common

    districts = index.districts.get(agency_code, [])
    towns = [d for d in districts if " " in d or unknown(d)]
    towns += sorted(
        {head for d in districts if (head := town_of_district(d)) and all(unknown(w) for w in head.split())}
    )
    unused = [w for w in fold_words(agency_name) if w not in REGION_TITLES and unknown(w) and not w.isdigit()]
    return towns + unused


_COMPASS = frozenset(
    {"barat", "timur", "utara", "selatan", "tengah", "kota", "hulu", "hilir", "ulu", "ilir", "pesisir"}
)


def town_of_district(district: str) -> str:
    """The town a district is a part of ("ungaran barat" -> "ungaran"), or "".

    A town split into districts by the compass keeps its name in everyday speech: "Celengan
    Sampah Ungaran" comes from Kabupaten Semarang, whose districts are Ungaran Barat and Timur.
    """
    words = district.split()
    return " ".join(words[:-1]) if len(words) >= 2 and words[-1] in _COMPASS else ""


def host_without_place(index: MatchIndex, host_name: str) -> list[str]:
    """The host's name without its region and titles, when two or more words are left ("sapa warga").

    A module names its host as agencies say it, not as the registry writes it: "Menu baru di
    Sapa Warga" for "Sapa Warga Kabupaten Sukabumi". Left in, the host's name reads like every
    other region's copy of the super app instead of what the module does. One word is left
    alone: "Kepegawaian" of a staffing host may also be the module's own need.
    """
    words = index.tokens(host_name)
    return [" ".join(words)] if len(words) >= 2 else []


def host_phrases(host_name: str) -> list[str]:
    """The host's name as phrases to strip: whole, and each part in or out of brackets ("… (IKD)")."""
    parts = [host_name, *re.split(r"[()\[\]]", host_name)]
    out: list[str] = []
    for part in parts:
        phrase = " ".join(fold_words(part))
        if phrase and phrase not in out:
            out.append(phrase)
    return out


class _Known:
    """Words the registry's index knows (a word, a too-common word or a learnt acronym)."""

    def __init__(self, index: MatchIndex) -> None:
        self.index = index

    def __contains__(self, word: object) -> bool:
        return word in self.index.idf or word in self.index.common or word in self.index.acronyms


def ranked_suggestions(index: MatchIndex, matches: list[Match], agency_code: str) -> list[dict[str, Any]]:
    """Own agency first, then shared services, then others (each best first); one line per template."""
    groups: dict[str, list[Match]] = {}
    for match in matches:
        key = match.id if match.shared or match.agency == agency_code else index.doc_keys[match.index]
        groups.setdefault(key, []).append(match)
    out: list[dict[str, Any]] = []
    for key, members in groups.items():
        best = members[0]
        own = best.agency == agency_code
        count = 1 if (best.shared or own) else max(index.name_keys.get(key, 1), len(members))
        out.append(
            {
                "id": best.id,
                "name": best.name,
                "agency": best.agency,
                "score": round(best.score, 3),
                "on": "name",
                "functions": list(best.functions),
                "own": own,
                "shared": best.shared,
                "count": count,
                "why": {},
            }
        )
    out.sort(key=lambda s: (not s["own"], not s["shared"], -s["score"], s["id"]))
    return out


def why(match: Match, count: int, described: float = 0.0) -> dict[str, str]:
    """Why this app was suggested, in English and Bahasa Indonesia.

    `described` is the description's own similarity when that, not the whole text, is the reason.
    """
    en, id_ = [], []
    if described:
        en.append(f"the proposal's description reads like it, {round(described * 100)}% similar")
        id_.append(f"deskripsi usulan mirip dengannya, kemiripan {round(described * 100)}%")
    if match.words:
        shown = ", ".join(match.words)
        en.append(f"shares {shown}")
        id_.append(f"sama-sama memuat {shown}")
    if match.acronym:
        en.append(f"{match.acronym.upper()} is the acronym")
        id_.append(f"{match.acronym.upper()} adalah singkatannya")
    if not en:
        en.append("similar description")
        id_.append("deskripsi serupa")
    if count > 1:
        en.append(f"run by {count} agencies under this name")  # the label already names one app and its agency
        id_.append(f"dijalankan {count} instansi dengan nama ini")
    return {"en": "; ".join(en), "id": "; ".join(id_)}


def neighbour_shares(matches: list[Match], threshold: float) -> tuple[list[Match], dict[str, float]]:
    """The nearest apps (at least `threshold`, at most INFER_NEIGHBOURS) and each function's share of their vote.

    Each app votes with its similarity, split over its functions.
    """
    near = [m for m in matches if m.score >= threshold][:INFER_NEIGHBOURS]
    return near, function_shares(near, [m.score for m in near])


def function_shares(voters: list[Match], weights: list[float]) -> dict[str, float]:
    """Each function's share of a weighted vote: every app votes with its weight, split over its functions."""
    total = sum(weights)
    votes: dict[str, float] = {}
    for match, weight in zip(voters, weights, strict=True):
        for code in match.functions:
            votes[code] = votes.get(code, 0.0) + weight / max(1, len(match.functions))
    return {code: vote / total for code, vote in votes.items()} if total else {}


def first_function(voters: list[Match], weights: list[float]) -> tuple[str, float] | None:
    """The function with the largest share of a weighted vote (ties by code), or None without a vote."""
    ranked = sorted(function_shares(voters, weights).items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0] if ranked else None


def infer_functions(index: MatchIndex, near: list[Match], shares: dict[str, float]) -> list[dict[str, Any]]:
    """Functions the nearest apps agree on (share of their similarity-weighted vote >= INFER_SHARE)."""
    out = []
    for code, share in sorted(shares.items(), key=lambda kv: (-kv[1], kv[0])):
        if share < INFER_SHARE:
            break
        serving = [m for m in near if code in m.functions]
        out.append(inference(index, code, share, max(m.score for m in serving), serving, len(serving), "neighbours"))
    return out


def profile_inference(
    index: MatchIndex,
    vec: dict[str, float],
    alone: dict[str, float],
    matches: list[Match],
    shares: dict[str, float],
    thresholds: Thresholds,
    known: set[str],
) -> list[dict[str, Any]]:
    """The function whose profile the proposal reads like, when it clearly beats the rest and no vote found it.

    The nearest-apps vote needs single apps close to the proposal; a profile recognises a
    function from words its apps use between them (profiles.py).
    """
    winner = _clear_first(index.functions_read_like(vec), thresholds.profile_margin)
    if winner is None or winner[0] in known or winner[1] < thresholds.profile:
        return []
    code, best = winner
    # The description alone must read like the same function: "Pengadaan Tanah" (land acquisition) has
    # the procurement profile's key word in its name, but its description speaks of land parcels.
    by_description = index.functions_read_like(alone)
    if not by_description or by_description[0][0] != code or by_description[0][1] < thresholds.profile_description:
        return []
    return [_text_inference(index, code, best, matches, shares, "profile")]


def scope_inference(
    index: MatchIndex,
    vec: dict[str, float],
    matches: list[Match],
    shares: dict[str, float],
    thresholds: Thresholds,
    known: set[str],
) -> list[dict[str, Any]]:
    """The function of the shared service whose own description the proposal reads like (scopes.py).

    Only when that service clearly beats the next one and the match rests on at least
    SCOPE_MIN_WORDS words, none of which carries most of it, or else when the function
    profile the proposal reads like (by a clear margin) is that service's: one word is a
    coincidence, one word and the function's own apps agreeing is not ("e-Tender" with a
    description of construction tenders). Nothing when the function was already inferred.

    A scope match under `infer_scope` still counts when the other reading agrees: the
    function profile the proposal reads like first (at least `infer_profile`) is the one the
    service owns. Each reading alone is weak, "Patient Complaint Center RSUD" reads almost as
    much like the hospital apps as like complaints, but the service's own description names
    only one of the two (reported as the profile's reading, with its similarity).
    """
    scores = index.services_scoped(vec)
    if not scores:
        return []
    service, best, word_share, words = scores[0]
    runner_up = scores[1][1] if len(scores) > 1 else 0.0
    if best < thresholds.scope_margin * runner_up:
        return []
    one_word = words < SCOPE_MIN_WORDS or word_share > thresholds.scope_word_share
    if best < thresholds.scope:
        return [] if one_word else _profile_confirmed(index, vec, service, matches, shares, thresholds, known)
    if one_word and not _profile_agrees(index, vec, service, thresholds):
        return []  # carried by one word: a coincidence ("bus": SPLP's service bus, or a city bus)
    code = next((c for c, ids in sorted(index.owners.items()) if service in ids and c not in known), None)
    if code is None:
        return []
    return [_text_inference(index, code, best, matches, shares, "scope", via=[service])]


def _profile_confirmed(
    index: MatchIndex,
    vec: dict[str, float],
    service: str,
    matches: list[Match],
    shares: dict[str, float],
    thresholds: Thresholds,
    known: set[str],
) -> list[dict[str, Any]]:
    """The profile's first function, when it is at least `infer_profile` and `service` owns it."""
    ranked = index.functions_read_like(vec)
    if not ranked or ranked[0][1] < thresholds.profile or ranked[0][0] in known:
        return []
    code, score = ranked[0]
    if service not in index.owners.get(code, []):
        return []
    return [_text_inference(index, code, score, matches, shares, "profile")]


def _profile_agrees(index: MatchIndex, vec: dict[str, float], service: str, thresholds: Thresholds) -> bool:
    """The function whose profile the proposal reads like, by a clear margin, is one `service` owns."""
    winner = _clear_first(index.functions_read_like(vec), thresholds.profile_margin)
    return winner is not None and service in index.owners.get(winner[0], [])


def _clear_first(scores: list[tuple[str, float]], margin: float) -> tuple[str, float] | None:
    """The first of `scores` (best first) when it is at least `margin` times the second, else None."""
    if not scores:
        return None
    runner_up = scores[1][1] if len(scores) > 1 else 0.0
    return scores[0] if scores[0][1] >= margin * runner_up else None


def description_inference(
    index: MatchIndex,
    nearby: list[Match],
    described: dict[int, float],
    thresholds: Thresholds,
    known: set[str],
) -> list[dict[str, Any]]:
    """The function of the apps the proposal's description alone reads like, when they agree.

    The same vote as the neighbours', among the apps that are reuse candidates by description
    (at least `reuse_description`, the whole text at least `reuse_floor`), weighted by that
    similarity: a wrong declared code must not hide the app a branded name already hides.
    """
    voters = [m for m in nearby if described[m.index] >= thresholds.reuse_description]
    first = first_function(voters, [described[m.index] for m in voters])
    if first is None or first[0] in known or first[1] < INFER_SHARE:
        return []
    code, share = first
    serving = [m for m in voters if code in m.functions]
    score = max(described[m.index] for m in serving)
    support = len([m for m in nearby if code in m.functions])
    return [inference(index, code, share, score, serving, support, "description")]


def regional_readings(
    index: MatchIndex,
    inferred: list[dict[str, Any]],
    vec: dict[str, float],
    matches: list[Match],
    shares: dict[str, float],
) -> list[dict[str, Any]]:
    """A region's proposal read as central government's function is read as the region's counterpart.

    "Penyusunan RKA SKPD" (a regency's budget work plan) reads most like the ministries' budget
    apps, whose function (KEU-ANGGARAN-PUSAT, SAKTI's) no region runs: its own is the next one
    the text reads like in the same family (KEU-PERENCANAAN-DAERAH, SIPD's). Only when that
    counterpart is what the text reads like most among the functions regions run (a second
    central reading, SAKTI's accounting, goes with the first), and only for the functions the
    taxonomy itself calls central government's (codes ending in -PUSAT): a city's litigation
    desk reads like the courts' function, which no region runs either, but legal
    documentation is no counterpart of it; a regency's hajj app does read like the religious
    affairs ministry's.
    """
    if not any(e["code"].endswith(CENTRAL_SUFFIX) for e in inferred):
        return inferred  # the usual case: no profile to rank
    regional = index.regional_functions()
    ranked = [code for code, _score in index.functions_read_like(vec)]
    counterpart = next((c for c in ranked if c in regional), "")  # what the text reads like most, of what regions run
    out: list[dict[str, Any]] = []
    for entry in inferred:
        code = entry["code"]
        if code in regional or not code.endswith(CENTRAL_SUFFIX) or code not in ranked:
            out.append(entry)
            continue
        if counterpart.split("-")[0] != code.split("-")[0]:  # no counterpart in the same family
            out.append(entry)
        elif counterpart not in {e["code"] for e in inferred} | {e["code"] for e in out}:
            serving = [m for m in matches if counterpart in m.functions]
            read = inference(
                index, counterpart, shares.get(counterpart, 0.0), entry["score"], serving, len(serving), "counterpart"
            )
            read["central"] = code
            out.append(read)
        # else: the region's counterpart is read already; the central reading says nothing more
    return out


def name_inference(
    index: MatchIndex,
    name_tokens: list[str],
    vec: dict[str, float],
    matches: list[Match],
    shares: dict[str, float],
    known: set[str],
) -> list[dict[str, Any]]:
    """The shared function the proposal's name names outright ("Kanal Aduan Pedagang Pasar": complaints).

    A name says what the app is before whose it is: the sector after the phrase ("pasien
    RSUD", "jemaah haji", "PPDB") pulls the nearest apps and the function profiles towards
    that sector, so no other reading finds the complaint channel in it. The phrases are few
    and have one meaning (synonyms.json's `names`). `score` is how much the text reads like
    the service's own description (scopes.py), for the reviewer to weigh.
    """
    named = index.function_named(name_tokens)
    if named is None or named[0] in known:
        return []
    code, phrase = named
    scoped = {service: cosine for service, cosine, _share, _words in index.services_scoped(vec)}
    score = max((scoped.get(owner, 0.0) for owner in index.owners.get(code, [])), default=0.0)
    serving = [m for m in matches if code in m.functions]
    entry = inference(index, code, shares.get(code, 0.0), score, serving, len(serving), "name")
    entry["phrase"] = phrase
    return [entry]


def _text_inference(
    index: MatchIndex,
    code: str,
    score: float,
    matches: list[Match],
    shares: dict[str, float],
    basis: str,
    via: list[str] | None = None,
) -> dict[str, Any]:
    """A function inferred from the text as a whole (profile or scope), as `facts.inferred` carries it.

    `support` counts every match (at least the lowest threshold) serving the function: the text
    found the function, so no single neighbour needs to be close; `via` names those apps unless
    the evidence is a shared service's own scope.
    """
    serving = [m for m in matches if code in m.functions]
    entry = inference(index, code, shares.get(code, 0.0), score, serving, len(serving), basis)
    if via is not None:
        entry["via"] = via
    return entry


def inference(
    index: MatchIndex, code: str, share: float, score: float, serving: list[Match], support: int, basis: str
) -> dict[str, Any]:
    """One `facts.inferred` (or `facts.leaning`) entry: the function, its evidence and its shared owners."""
    return {
        "code": code,
        "share": round(share, 3),
        "score": round(score, 3),
        "owners": index.owners.get(code, []),
        "via": [m.id for m in serving[:3]],
        "support": support,
        "basis": basis,
    }
