"""`registry search|show|stats`: find what already exists, by meaning, fast, on the national scale."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.guidance.search import SearchIndex, open_search_index
from checker.matching.text import SYNONYMS_FILE
from checker.matching.text import load_synonym_groups as load_synonyms
from checker.plumbing.paths import DEFAULT_REGISTRY
from checker.registry.load import load_registry, parse_registry
from tests.conftest import TINY_REGISTRY

SAMPLE = str(DEFAULT_REGISTRY)


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def tiny_index() -> SearchIndex:
    return SearchIndex(parse_registry(json.dumps(TINY_REGISTRY).encode(), "tiny"))


@pytest.fixture(scope="module")
def sample_index() -> SearchIndex:
    return SearchIndex(load_registry(SAMPLE))


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


# --- the matching itself, on the tiny registry ---------------------------------------------


def test_place_name_is_a_wanted_filter(tiny_index):
    results = tiny_index.search("parkir karawang")
    assert ids(results)[0] == "APP-000001"  # Karawang's own parking app before Bekasi's
    assert results.hits[0].matched == 2 and results.hits[1].matched == 1


def test_english_query_finds_indonesian_apps_through_synonyms(tiny_index):
    assert ids(tiny_index.search("complaint"))[0] == "SHARED-LAPOR"
    assert set(ids(tiny_index.search("parking"))) == {"APP-000001", "APP-000002"}


def test_typo_is_tolerated(tiny_index):
    # The matcher corrects a typo to a word of a registry *name* (the tiny registry's names
    # never say "pengaduan"; the sample's do: see the "pengadun" case below).
    assert ids(tiny_index.search("lapoor"))[0] == "SHARED-LAPOR"
    assert set(ids(tiny_index.search("parkirr"))) == {"APP-000001", "APP-000002"}


def test_retired_apps_only_on_request(tiny_index):
    assert "APP-000003" not in ids(tiny_index.search("lapor karawang"))
    assert "APP-000003" in ids(tiny_index.search("lapor karawang", include_retired=True))


def test_filters_by_function_and_agency(tiny_index):
    assert ids(tiny_index.search("parkir", agency="32.75")) == ["APP-000002"]
    assert ids(tiny_index.search("parkir", function="lyn-parkir", agency="32.15")) == ["APP-000001"]
    assert ids(tiny_index.search("parkir", function="LYN-PENGADUAN")) == []
    listed = tiny_index.search("", agency="32.15")  # no words, only a filter: the agency's apps
    assert ids(listed) == ["APP-000001"] and listed.total == 1


def test_shared_services_win_ties(tiny_registry):
    twin = dict(
        tiny_registry["apps"][0],
        id="APP-000009",
        shared=False,
        agency={"code": "kemenpanrb", "name": "Kementerian PANRB", "level": "central"},
    )
    tiny_registry["apps"].append(twin)
    index = SearchIndex(parse_registry(json.dumps(tiny_registry).encode(), "tiny"))
    assert ids(index.search("aspirasi"))[:2] == ["SHARED-LAPOR", "APP-000009"]


def test_synonyms_are_data_with_both_languages():
    groups = load_synonyms()

    def group_of(word):
        return next(g for g in groups if word in g)

    assert "pengaduan" in group_of("complaint")
    assert {"arsip", "kearsipan", "persuratan"} <= set(group_of("archive"))
    assert "parkir" in group_of("parking") and "pengadaan" in group_of("procurement")
    assert "kepegawaian" in group_of("payroll") and "tanda tangan" in group_of("signature")
    assert "perizinan" in group_of("permit")
    raw = json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))["groups"]
    assert all(len(group) == len(set(group)) for group in raw)  # a member written twice is a slip


# --- the sample national registry --------------------------------------------------------------


def test_a_word_written_in_two_halves_is_searched_as_one(sample_index):
    """ "Non Tunai" (non-cash) is the registry's "nontunai": split, "non" and "tunai" found the
    parking apps that take cashless payment before the non-cash food aid the query asks for."""
    joined = ids(sample_index.search("bantuan pangan nontunai"))[:3]
    assert ids(sample_index.search("Non Tunai bantuan pangan"))[:3] == joined
    assert "APP-001079" in joined  # Aplikasi Bantuan Pangan Nontunai Kemensos


def test_a_glued_word_is_searched_as_its_parts(sample_index):
    """ "InfoGempa" is no registry word; searched as "Info Gempa" it finds the earthquake apps."""
    assert ids(sample_index.search("InfoGempa"))[:3] == ids(sample_index.search("Info Gempa"))[:3]
    assert ids(sample_index.search("InfoGempa"))


def test_kearsipan_puts_srikandi_first(sample_index):
    assert ids(sample_index.search("kearsipan"))[0] == "SHARED-SRIKANDI"


def test_the_filing_office_in_a_query_says_where_not_what(sample_index):
    """ "Polres" (a district police office) is never in the registry: stripped, as `check` strips it."""
    filed, plain = sample_index.search("SKCK Polres").hits, sample_index.search("SKCK").hits
    assert [(h.id, h.score) for h in filed[:3]] == [(h.id, h.score) for h in plain[:3]]  # not diluted by it
    assert plain[0].id == "APP-002068"  # Polri's police-certificate app


def test_parkir_karawang_puts_the_regencys_own_parking_apps_on_top(sample_index):
    hits = sample_index.search("parkir karawang", limit=10).hits
    own = [h for h in hits if h.agency_code == "32.15"]
    assert own, "Karawang's parking apps must be found"
    assert all("LYN-PARKIR" in h.functions for h in own)
    assert hits[: len(own)] == own  # all of them before anybody else's


@pytest.mark.parametrize(
    "query, first",
    [
        ("kearsipn", "SHARED-SRIKANDI"),  # typo
        ("pengadun", "SHARED-LAPOR"),  # typo: pengaduan, not pengadaan
        ("complaint", "SHARED-LAPOR"),
        ("archive", "SHARED-SRIKANDI"),
        ("procurement", "SHARED-SPSE"),
        ("pengadaan barang", "SHARED-SPSE"),
        ("signature", "SHARED-BSRE"),
        ("pengaduan jalan rusak", "SHARED-LAPOR"),  # the owner of the function comes before look-alikes
    ],
)
def test_queries_in_both_languages_and_with_typos(sample_index, query, first):
    assert ids(sample_index.search(query))[0] == first


@pytest.mark.parametrize(
    "query, first",
    [
        ("Citizen Complaint Handling System", "SHARED-LAPOR"),  # English words meet the Indonesian registry
        ("identitas kependudukan digital", "SHARED-IKD"),  # a shared service scoring near the best comes first
        ("IKD", "SHARED-IKD"),  # an acronym
        ("SIPENNI", "APP-000545"),
        ("payment gateway", "SHARED-SIMPONI"),
    ],
)
def test_issue_10_examples_name_what_to_reuse(sample_index, query, first):
    assert ids(sample_index.search(query))[0] == first


def test_smart_parking_finds_the_parkir_apps(sample_index):
    hits = sample_index.search("Smart Parking", limit=10).hits
    assert hits and all("LYN-PARKIR" in h.functions and "parkir" in h.name.lower() for h in hits)


def test_search_scores_with_the_one_matcher(sample_index):
    """The score a hit carries is the matcher's cosine, the same `check` uses for its suggestions."""
    (hit,) = sample_index.search("SIPENNI", limit=1).hits
    (match,) = sample_index.matcher.similar("SIPENNI", "", threshold=0.05, limit=1)
    assert hit.score == match.score


def test_retired_apps_are_scored_by_the_matcher_too(tiny_index):
    (hit,) = [h for h in tiny_index.search("lapor", include_retired=True).hits if h.id == "APP-000003"]
    assert hit.status == "retired" and 0 < hit.score <= 1


def test_words_the_registry_never_uses_find_nothing(sample_index):
    assert sample_index.search("zzzzqqqq").hits == []
    assert sample_index.search("sistem informasi aplikasi").hits == []  # generic words say nothing


def test_every_query_kind_answers_from_the_loaded_index(sample_index):
    """Typos, English, places and generic phrases all answer; their speed is bench/search.py's job, not a test's."""
    queries = [
        "kearsipan",
        "parkir karawang",
        "kearsipn",
        "pengadun",
        "complaint",
        "archive",
        "pengaduan jalan rusak",
        "sistem informasi kepegawaian daerah",
        "perizinan usaha",
    ]
    for query in queries:
        assert sample_index.search(query).hits, query


def test_index_is_cached_by_registry_content(tmp_path, monkeypatch):
    monkeypatch.setenv("SPBE_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    registry = tmp_path / "r.json"
    registry.write_text(json.dumps(TINY_REGISTRY), encoding="utf-8")
    first = open_search_index(registry)
    assert list((tmp_path / "cache").glob("search-*.json"))
    again = open_search_index(registry)
    assert ids(again.search("parkir karawang")) == ids(first.search("parkir karawang"))
    for entry in (tmp_path / "cache").glob("search-*.json"):
        entry.write_bytes(b"not a pickle")  # a damaged cache entry is rebuilt, not an error
    assert ids(open_search_index(registry).search("complaint")) == ["SHARED-LAPOR"]
    changed = json.loads(registry.read_text())
    changed["apps"] = [a for a in changed["apps"] if a["id"] != "SHARED-LAPOR"]
    registry.write_text(json.dumps(changed), encoding="utf-8")
    assert "SHARED-LAPOR" not in ids(open_search_index(registry).search("complaint"))


# --- the commands --------------------------------------------------------------------------------


def test_cli_search_text_and_json():
    result = invoke("registry", "search", "kearsipan", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert result.output.index("SHARED-SRIKANDI") < result.output.index("APP-")
    assert "ADM-ARSIP (Correspondence and archives)" in result.output
    doc = json.loads(invoke("registry", "search", "parkir", "karawang", "--json").output)
    assert doc["results"][0]["agency"]["code"] == "32.15" and doc["total"] >= 2
    assert doc["synthetic"] is True and doc["elapsedMs"] < 1000
    indonesian = invoke("registry", "search", "kearsipan", "--lang", "id", "--limit", "1")
    assert "Persuratan dan kearsipan" in indonesian.output and "cocok" in indonesian.output


def test_cli_search_filters_and_errors():
    result = invoke("registry", "search", "parkir", "--function", "LYN-PARKIR", "--agency", "32.15", "--json")
    doc = json.loads(result.output)
    assert doc["results"] and all(r["agency"]["code"] == "32.15" for r in doc["results"])
    unknown = invoke("registry", "search", "parkir", "--function", "LYN-PARKIRR")
    assert unknown.exit_code == 2 and "LYN-PARKIR" in unknown.output and "registry stats --functions" in unknown.output
    assert invoke("registry", "search", "parkir", "--agency", "99.99").exit_code == 2
    assert invoke("registry", "search").exit_code == 2  # nothing to look for: usage error
    nothing = invoke("registry", "search", "zzzzqqqq")
    assert nothing.exit_code == 1 and "Try other words" in nothing.output


def test_cli_show_one_app():
    result = invoke("registry", "show", "shared-srikandi")
    assert result.exit_code == 0, result.output
    for expected in (
        "SRIKANDI",
        "ADM-ARSIP (Correspondence and archives)",
        "Arsip Nasional Republik Indonesia",
        "active",
        "pdn",
        "https://",
        "spec.extends: SHARED-SRIKANDI",
    ):
        assert expected in result.output
    doc = json.loads(invoke("registry", "show", "SHARED-SRIKANDI", "--json").output)
    assert doc["functions"][0]["name"]["id"] == "Persuratan dan kearsipan" and doc["owns"] == ["ADM-ARSIP"]
    assert "apis" in doc
    missing = invoke("registry", "show", "SHARED-SRIKNDI")
    assert missing.exit_code == 2 and "SHARED-SRIKANDI" in missing.output and "registry search" in missing.output


def test_cli_stats():
    result = invoke("registry", "stats")
    assert result.exit_code == 0, result.output
    assert "synthetic" in result.output and "By agency level" in result.output and "LYN-PENGADUAN" in result.output
    doc = json.loads(invoke("registry", "stats", "--json", "--functions").output)
    assert doc["apps"] >= 27_400 and doc["active"] + doc["retired"] == doc["apps"]
    assert "SHARED-INAKU" in doc["shared"] and doc["byLevel"]["regency"]["agencies"] == 514
    assert doc["topFunctions"][0]["agencies"] >= doc["topFunctions"][-1]["agencies"]
    assert set(doc["hosting"]) <= {"pdn", "gov-cloud", "agency-dc", "commercial-cloud"}
    assert len(doc["functions"]) == doc["taxonomy"]


def test_registry_text_is_inert_on_a_terminal(tmp_path, tiny_registry):
    tiny_registry["apps"][2]["name"] = "Parkir \x1b[31mKarawang\x1b]0;pwned\x07"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(tiny_registry), encoding="utf-8")
    for args in (("registry", "search", "parkir"), ("registry", "show", "APP-000001")):
        result = invoke(*args, "--registry", str(path))
        assert result.exit_code == 0 and "\x1b" not in result.output and "\x07" not in result.output


def test_hosting_text_shows_both_forms_of_the_recovery_site():
    """A registry record written from a manifest may carry drSite as {provider, site, country} (issue 11)."""
    from checker.guidance.registry_view import hosting_text

    legacy = hosting_text({"provider": "pdn", "site": "PDN-JABODETABEK", "drSite": "PDN-BATAM", "country": "ID"})
    structured = hosting_text(
        {
            "provider": "gov-cloud",
            "site": "Cloud A",
            "country": "ID",
            "drSite": {"provider": "gov-cloud", "site": "Cloud B", "country": "ID"},
        }
    )
    assert legacy == "pdn, PDN-JABODETABEK, DR PDN-BATAM, ID"
    assert structured == "gov-cloud, Cloud A, DR gov-cloud Cloud B ID, ID"
