"""The one duplicate matcher (checker/matching): scores that mean something, on the tiny and the sample registry."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.matching import MatchIndex, build_match_index
from checker.matching.coined import is_coined
from checker.matching.form import FORM_IDF, FORM_WORDS, PRAISE_WORDS
from checker.matching.index import DESCRIPTION_WEIGHT, OFFICE_UNITS, Match
from checker.matching.scopes import build_scopes, scope_scores, scope_words
from checker.matching.suggest import (
    Thresholds,
    description_inference,
    host_without_place,
    match_facts,
    name_inference,
    own_names,
    own_vouched,
    place_of,
    profile_inference,
    town_of_district,
    unit_tails,
)
from checker.matching.text import (
    FUNCTION_WORDS,
    SYNONYMS_FILE,
    closest_word,
    defined_acronyms,
    derived_forms,
    expand_own_acronyms,
    fold_words,
    join_halves,
    load_broader_pairs,
    load_function_names,
    load_regional_words,
    load_synonym_groups,
    phrase_table,
    place_abbreviations,
    place_spellings,
    region_abbreviations,
    region_names,
    spells,
    spells_loosely,
    split_glued,
    strip_phrases,
)
from checker.model import agency_level
from checker.plumbing.paths import DEFAULT_REGISTRY
from checker.registry.compiled import load_compiled


@pytest.fixture(scope="module")
def sample() -> MatchIndex:
    return load_compiled(DEFAULT_REGISTRY, use_cache=False).matcher


def ids(matches) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.id for m in matches]


# --- tiny registry -------------------------------------------------------------------


def test_same_function_other_place_is_a_match(tiny_registry):  # type: ignore[no-untyped-def]
    """Both parking apps, whatever their place, and nothing else (in a six-app registry every rare
    description word weighs much: "non tunai" takes Bekasi's e-Parkir to 0.27)."""
    found = build_match_index(tiny_registry["apps"]).similar(
        "Sistem Informasi Parkir Kota Semarang", "", threshold=0.1, limit=5
    )
    assert ids(found) == ["APP-000001", "APP-000002"]


def test_own_place_name_alone_is_not_a_duplicate(tiny_registry):  # type: ignore[no-untyped-def]
    found = build_match_index(tiny_registry["apps"]).similar(
        "Lapor Warga Karawang", "Aplikasi Karawang", threshold=0.3, limit=5, own_places=["karawang"]
    )
    assert "APP-000001" not in ids(found)


def test_retired_apps_are_never_suggested(tiny_registry):  # type: ignore[no-untyped-def]
    found = build_match_index(tiny_registry["apps"]).similar("Lapor Bupati Karawang", "", threshold=0.0, limit=50)
    assert "APP-000003" not in ids(found)


def test_excluded_ids_are_never_suggested(tiny_registry):  # type: ignore[no-untyped-def]
    idx = build_match_index(tiny_registry["apps"])
    assert "APP-000001" in ids(idx.similar("Parkir", "retribusi parkir tepi jalan umum", threshold=0.1, limit=5))
    assert "APP-000001" not in ids(
        idx.similar("Parkir", "retribusi parkir tepi jalan umum", threshold=0.1, limit=5, exclude=["APP-000001"])
    )


# --- what the issue measured ---------------------------------------------------------


def test_a_subset_of_words_is_not_a_perfect_score(sample: MatchIndex) -> None:
    """token_set_ratio gave 100 to "Pengadaan Tanah" against procurement apps."""
    found = sample.similar(
        "Pengadaan Tanah",
        "Inventarisasi bidang tanah dan ganti kerugian untuk pembangunan jalan",
        threshold=0.0,
        limit=1,
    )
    assert not found or found[0].score < 0.6


def test_real_words_that_are_also_in_place_names_are_kept(sample: MatchIndex) -> None:
    tokens = sample.tokens("Pemantauan Tinggi Muka Air Laut dan Tanah Pusat")
    assert {"tinggi", "laut", "tanah", "pusat"} <= set(tokens)
    assert "tinggi" not in sample.tokens("Sistem Informasi Parkir Kota Tebing Tinggi")


def test_acronym_meets_its_expansion(sample: MatchIndex) -> None:
    found = sample.similar(
        "Sistem Informasi Manajemen Puskesmas Karawang", "", threshold=0.5, limit=5, own_places=["karawang"]
    )
    assert found and all("KES-PUSKESMAS" in m.functions for m in found)
    assert any(m.name.startswith("SIMPUS") for m in sample.similar("SIMPUS", "", threshold=0.5, limit=20))


def test_srikandi_is_found_from_its_own_expansion(sample: MatchIndex) -> None:
    found = sample.similar(
        "Sistem Informasi Kearsipan Dinamis Terintegrasi Karawang", "", threshold=0.5, limit=3, own_places=["karawang"]
    )
    assert ids(found)[:1] == ["SHARED-SRIKANDI"]
    assert found[0].acronym == "srikandi"


def test_english_names_meet_indonesian_ones(sample: MatchIndex) -> None:
    parking = sample.similar("Smart Parking", "Cashless parking payment", threshold=0.6, limit=5)
    assert parking and all("LYN-PARKIR" in m.functions for m in parking)
    complaints = sample.similar("Citizen Complaint Handling System", "Citizens report problems", threshold=0.5, limit=5)
    assert complaints and all("LYN-PENGADUAN" in m.functions for m in complaints)


def test_typos_are_tolerated(sample: MatchIndex) -> None:
    """The misspelt word is read as "kepegawaian": personnel systems first. (Fifth comes a personnel
    agency's website, whose short description weighs its name's "kepegawaian" more than the long
    descriptions of the other personnel systems do theirs.)"""
    found = sample.similar("Sistem Infromasi Kepegawain", "", threshold=0.5, limit=5)
    assert len(found) == 5 and all(m.words == ("kepegawaian",) for m in found)
    assert all("ADM-KEPEGAWAIAN" in m.functions for m in found[:4])


def test_wrong_code_still_names_the_shared_service(sample: MatchIndex) -> None:
    facts = match_facts(
        sample,
        "e-Office Karawang",
        "Tata naskah dinas elektronik, surat masuk dan keluar, disposisi.",
        "32.15",
        "Pemerintah Kabupaten Karawang",
        frozenset(),
        Thresholds(),
    )
    assert facts["inferred"] and facts["inferred"][0]["code"] == "ADM-ARSIP"
    assert facts["inferred"][0]["owners"] == ["SHARED-SRIKANDI"]


def test_suggestions_put_own_agency_first_and_collapse_templates(sample: MatchIndex) -> None:
    facts = match_facts(
        sample,
        "Sistem Informasi Kepegawaian",
        "Data pegawai dan kenaikan pangkat",
        "32.15",
        "Pemerintah Kabupaten Karawang",
        frozenset(),
        Thresholds(),
    )
    similar = facts["similar"]
    low = min(Thresholds().reuse, Thresholds().infer, Thresholds().near)
    listed = [s for s in similar if s["score"] >= low]
    assert listed
    # The apps that resemble the text, then the weaker ones (named on a description or a function): each ranked so.
    for part in (listed, [s for s in similar if s["score"] < low]):
        order = [(not s["own"], not s["shared"]) for s in part]
        assert order == sorted(order)
    names = [s["name"] for s in similar if not s["own"] and not s["shared"]]
    keys = [sample.name_key(n) for n in names]
    assert len(keys) == len(set(keys)), "one line per template"
    assert any(s["count"] > 100 for s in similar)
    assert all(s["why"]["en"] and s["why"]["id"] for s in similar)


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "!!!???---", "数据管理系统", "Система управления", "parkir " * 5000, "x" * 10_000, "𝔖𝔦𝔰𝔱𝔢𝔪 🚗🚗🚗"]
)
def test_bad_input_is_judged_without_crashing_or_random_suggestions(sample: MatchIndex, text: str) -> None:
    start = time.process_time()
    found = sample.similar(text, text, threshold=0.6, limit=5)
    assert time.process_time() - start < 2.0  # a guard against pathological slowness, not a benchmark
    if "parkir" not in text:
        assert found == []


@pytest.mark.parametrize("text", ["x" * 30_000, "aB" * 15_000, "InfoGempa " * 3_000])
def test_a_long_glued_name_is_read_in_one_pass(sample: MatchIndex, text: str) -> None:
    """`split_glued` runs on the untrusted name before anything else; a pattern that backtracks
    took 0.6 s on 10,000 letters and grows with their square (3.6 s on 30,000)."""
    start = time.process_time()
    match_facts(sample, text, text, "34.04", "Pemerintah Kabupaten Sleman", frozenset(), Thresholds())
    assert time.process_time() - start < 2.0  # a guard against pathological slowness, not a benchmark


def test_nothing_in_common_gives_no_suggestion(sample: MatchIndex) -> None:
    assert sample.similar("Zyxwvut Qwerty", "Lorem ipsum dolor sit amet", threshold=0.3, limit=5) == []


# --- building blocks -----------------------------------------------------------------


def test_spelling_an_acronym_from_word_prefixes() -> None:
    assert spells("pus", ["puskesmas"])
    assert spells("rs", ["rumah", "sakit"])
    assert spells("peg", ["kepegawaian"])
    assert not spells("rs", ["perselisihan"])
    assert not spells("simpus", ["sistem", "informasi"])


def test_only_whole_phrases_are_stripped() -> None:
    table = phrase_table(["tebing tinggi", "kepulauan selayar"])
    assert strip_phrases("parkir tebing tinggi".split(), table) == ["parkir"]
    assert strip_phrases("muka air tinggi".split(), table) == ["muka", "air", "tinggi"]


def test_index_is_plain_data(sample: MatchIndex) -> None:
    """The cache is moving to a code-free format: only lists, dicts, strings, numbers and arrays."""
    from array import array

    def plain(value) -> bool:  # type: ignore[no-untyped-def]
        if isinstance(value, (str, int, float, bool, array)) or value is None:
            return True
        if isinstance(value, (list, tuple, frozenset, set)):
            return all(plain(v) for v in list(value)[:200])
        if isinstance(value, dict):
            return all(isinstance(k, (str, int)) and plain(v) for k, v in list(value.items())[:200])
        return False

    data = sample.to_data()
    assert all(plain(v) for v in data.values())
    again = MatchIndex.from_data(data)
    assert again.similar("SIMPUS", "", threshold=0.5, limit=3) == sample.similar("SIMPUS", "", threshold=0.5, limit=3)


def test_matches_do_not_depend_on_the_hash_seed() -> None:
    script = (
        "import hashlib, json\n"
        "from checker.registry.load import load_registry\n"
        "from checker.plumbing.paths import DEFAULT_REGISTRY\n"
        "from checker.matching import build_match_index\n"
        "apps = list(load_registry(DEFAULT_REGISTRY).apps.values())\n"
        "idx = build_match_index(apps)\n"
        "out = [[(m.id, m.score) for m in idx.similar(a['name'], a.get('description', ''), threshold=0.4, limit=5)]\n"
        "       for a in apps[::499]]\n"
        "print(hashlib.sha256(json.dumps(out).encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_a_real_word_is_not_taken_for_a_typo_of_another() -> None:
    """A typo is one edit: "pengaturan" (regulating) is not a misspelt "pengaduan" (complaints)."""
    vocabulary = ["pengaduan", "persidangan", "informasi", "parkir"]
    assert closest_word("pengaturan", vocabulary) == ("", 0.0)
    assert closest_word("persimpangan", vocabulary) == ("", 0.0)
    assert closest_word("infromasi", vocabulary)[0] == "informasi"
    assert closest_word("parkr", vocabulary)[0] == "parkir"


def test_a_typo_with_two_readings_takes_the_one_the_proposal_writes_elsewhere(sample: MatchIndex) -> None:
    """ "rapot" is one edit from rapat (meeting) and rapor (report card); the description says rapor."""
    assert closest_word("rapot", ["rapat", "rapor"]) == closest_word("rapot", ["rapat", "rapor"], {"nilai"})
    assert closest_word("rapot", ["rapat", "rapor"], {"mencetak", "rapor"})[0] == "rapor"
    vec = sample.vector("e-Rapot Sekolah", "Wali kelas mencetak rapor siswa.")
    assert "rapor" in vec and "rapat" not in vec


def test_traffic_lights_are_not_complaints(sample: MatchIndex) -> None:
    vec = sample.vector("Pengaturan Lampu Lalu Lintas Adaptif", "Sensor di persimpangan")
    assert "pengaduan" not in vec and "persidangan" not in vec


def test_a_synonym_phrase_with_function_words_still_matches(sample: MatchIndex) -> None:
    """PPID's expansion, "Pejabat Pengelola Informasi dan Dokumentasi", carries "dan"."""
    found = sample.similar(
        "Pejabat Pengelola Informasi dan Dokumentasi", "Permohonan informasi publik", threshold=0.6, limit=5
    )
    assert found and all("LYN-INFORMASI-PUBLIK" in m.functions for m in found)


def test_the_land_agencys_spelling_is_the_same_word(sample: MatchIndex) -> None:
    """Everyone writes "sertifikat tanah"; the land agency's apps say "sertipikat"."""
    found = sample.similar(
        "Cek Sertifikat Tanah", "Cek keabsahan sertifikat sebelum jual beli.", threshold=0.4, limit=3
    )
    assert found and all("sertipikat" in m.name.lower() for m in found)


def test_a_spelling_joins_words_not_phrases(sample: MatchIndex) -> None:
    """A land title ("sertipikat elektronik") is no signing certificate ("sertifikat elektronik", BSrE's)."""
    land = sample.vector("Sertipikat Elektronik", "")
    signing = sample.vector("Sertifikat Elektronik", "")
    assert "sertifikat" in land and "sertipikat" not in land
    assert {f for f in land if f.startswith("~")} != {f for f in signing if f.startswith("~")}


def test_a_regions_welfare_data_is_not_the_statistics_bureaus_registration(sample: MatchIndex) -> None:
    """DTKS/DTSEN is the welfare database regions keep; Regsosek is BPS's socio-economic registration."""
    found = sample.similar(
        "DTKS Kota Bekasi", "Pemutakhiran data warga miskin dan rentan oleh operator kelurahan.", threshold=0.3, limit=3
    )
    assert found and all("registrasi sosial ekonomi" not in m.name.lower() for m in found)
    assert any("kesejahteraan sosial" in m.name.lower() or "kemiskinan" in m.name.lower() for m in found)


@pytest.mark.parametrize(
    ("name", "registered"),
    [
        ("Safe Travel", "lapor diri"),
        ("Scan Produk BPOM", "cek produk"),
        ("BPOM Product Check Mobile", "cek produk"),
        ("Besuk Online Warga Binaan", "kunjungan lapas"),
        ("Surat Keterangan Kelakuan Baik Online", "catatan kepolisian"),
        ("Pengawasan PPIU", "umrah"),
        ("Perpanjangan SIM Online", "surat izin mengemudi"),
        ("e-MESO Pelaporan Efek Samping Obat", "farmakovigilans"),
        ("Sistem Informasi Baitul Mal", "zakat"),
        ("Sewa Traktor Petani", "alat dan mesin pertanian"),
        ("Digitalisasi Lontar", "naskah"),
        ("SIMFONI-PPA", "perempuan dan anak"),
        ("Sistem Pendaftaran Peserta JKN PBI", "penerima bantuan iuran"),
        ("Sistem Informasi Panti Werdha", "lanjut usia"),
        ("Pajak Sarang Burung Walet Online", "pajak"),  # a regional tax the registry never names alone
        ("Small and Medium Enterprises Hub", "umkm"),
        ("Jemput Pasien Gawat Darurat", "ambulans"),
        ("Bayar Sewa Kios Pasar", "retribusi pasar"),
        ("Timbang Balita Online", "stunting"),
    ],
)
def test_a_services_everyday_name_finds_it(sample: MatchIndex, name: str, registered: str) -> None:
    """Kemlu's self-report app is "Safe Travel" to everyone; SKCK was "kelakuan baik"; PPIU are umrah travel agents."""
    found = sample.similar(name, "", threshold=0.3, limit=3)
    assert found and registered in found[0].name.lower()


@pytest.mark.parametrize("name", ["Visit Belitung", "Tabanan Travel Guide", "Dolan Jogja", "Denpasar Smart Tourism"])
def test_a_tourism_brand_reads_as_tourism(sample: MatchIndex, name: str) -> None:
    found = sample.similar(name, "", threshold=0.2, limit=1, own_places=["belitung", "tabanan", "jogja", "denpasar"])
    assert found and "PAR-PARIWISATA" in found[0].functions


def test_job_matching_is_a_job_fair(sample: MatchIndex) -> None:
    """Matching job seekers with employers is what a "bursa kerja" does."""
    matching = {f for f in sample.vector("Job Matching", "") if f.startswith("~")}
    assert matching & {f for f in sample.vector("Bursa Kerja", "") if f.startswith("~")}


@pytest.mark.parametrize(
    ("name", "description", "function"),
    [
        ("Road Damage Report", "Citizens report potholes and broken bridges", "PUR-INFRASTRUKTUR"),
        ("Immunization Records", "Child vaccination schedule", "KES-PUSKESMAS"),
        ("Fertilizer Subsidy Allocation", "Subsidised fertiliser quota for farmer groups", "PTN-PERTANIAN"),
        ("Job Seeker Card", "Online job seeker card (AK1) for job seekers", "NAK-TENAGA-KERJA"),
    ],
)
def test_english_wording_across_the_domain(sample: MatchIndex, name: str, description: str, function: str) -> None:
    found = sample.similar(name, description, threshold=0.5, limit=5)
    assert found and found[0].functions and function in found[0].functions, [(m.name, m.score) for m in found]


def test_the_agency_s_own_region_nickname_is_a_place_word() -> None:
    assert place_abbreviations(["beasiswa", "kaltim", "tuntas"], "kalimantan timur") == ["kaltim"]
    assert place_abbreviations(["jabar", "juara"], "jawa barat") == ["jabar"]
    assert place_abbreviations(["parkir"], "kalimantan timur") == []
    assert place_abbreviations(["batu"], "batu") == []  # one-word places have no contraction


def test_a_nickname_may_drop_a_middle_word_or_keep_only_the_last_syllables() -> None:
    """Bolsel is BOLaang Mongondow SELatan; Sergai SERdang bedaGAI; Malra MALuku tenggaRA."""
    assert place_abbreviations(["sipakduk", "bolsel"], "bolaang mongondow selatan") == ["bolsel"]
    assert place_abbreviations(["bolmut"], "bolaang mongondow utara") == ["bolmut"]
    assert place_abbreviations(["umkm", "sergai"], "serdang bedagai") == ["sergai"]
    assert place_abbreviations(["ohoi", "malra"], "maluku tenggara") == ["malra"]
    assert place_abbreviations(["bolsel"], "bolaang mongondow timur") == []  # not this region's
    assert (
        place_abbreviations(["sergai"], "serdang bedagai", known={"sergai"}) == []
    )  # a registry word keeps its meaning
    assert place_abbreviations(["rgai"], "serdang bedagai") == []  # it starts where the name starts


def test_an_acronym_the_proposal_spells_out_reads_as_its_expansion() -> None:
    assert (
        expand_own_acronyms("SKCK Online", "Permohonan Surat Keterangan Catatan Kepolisian", set())
        == "surat keterangan catatan kepolisian online"
    )
    assert expand_own_acronyms("SIMPUS Online", "Sistem Informasi Manajemen Puskesmas", {"simpus"}) == "simpus online"
    assert expand_own_acronyms("Parkir Online", "Parkir di kota", set()) == "parkir online"


def test_a_spelt_out_acronym_meets_the_registry_s_expanded_name(sample: MatchIndex) -> None:
    facts = match_facts(
        sample,
        "SKCK Online Polri",
        "Permohonan Surat Keterangan Catatan Kepolisian secara daring.",
        "polri",
        "Kepolisian Negara Republik Indonesia",
        frozenset(),
        Thresholds(),
    )
    assert any("Catatan Kepolisian" in s["name"] for s in facts["similar"][:3]), facts["similar"][:3]


def _reference_nearest(
    index: MatchIndex, vec: dict[str, float], threshold: float, limit: int, exclude: frozenset[str]
) -> list[tuple[str, float]]:
    """The plain per-app sum over postings, in the order of `vec` (what nearest computed before shapes)."""
    members = index.shapes
    scores: dict[int, float] = {}
    for feature, q in vec.items():
        numbers, weights = index.postings.get(feature, ([], []))
        for shape, w in zip(numbers, weights, strict=True):
            for doc in members[shape]:
                scores[doc] = scores.get(doc, 0.0) + q * w
    docs = index.docs
    kept = sorted(
        ((s, d) for d, s in scores.items() if s >= threshold),
        key=lambda sd: (-round(sd[0], 6), not docs[sd[1]][4], docs[sd[1]][0]),
    )
    return [(docs[d][0], round(s, 4)) for s, d in kept if docs[d][0] not in exclude][:limit]


def test_shapes_score_every_app_exactly_like_its_own_postings(sample: MatchIndex) -> None:
    """Apps sharing one vector are scored once; every app still gets the very same float, order and ties."""
    assert len(sample.shapes) < len(sample.docs), "same-template apps share a shape"
    assert sorted(d for members in sample.shapes for d in members) == list(range(len(sample.docs)))
    for doc in sample.docs[::211]:
        for text, description in ((doc[1], ""), (doc[1], "layanan " + doc[1])):
            vec = sample.vector(text, description)
            exclude = frozenset([doc[0]])
            got = [(m.id, m.score) for m in sample.nearest(vec, threshold=0.3, limit=60, exclude=exclude)]
            assert got == _reference_nearest(sample, vec, 0.3, 60, exclude)


def test_data_with_a_shape_outside_the_index_is_refused(sample: MatchIndex) -> None:
    data = sample.to_data()
    data["shapes"] = [list(m) for m in data["shapes"]]
    data["shapes"][0] = [len(sample.docs) + 5]
    with pytest.raises(ValueError):
        MatchIndex.from_data(data)


def test_a_modules_host_name_is_not_evidence_of_what_it_does(sample: MatchIndex) -> None:
    """The words "di INAku" name where a module lives, not what it does: stripped, the module meets the app it rebuilds."""
    args = (
        sample,
        "Antrean Puskesmas di INAku",
        "Warga mengambil nomor antrean puskesmas dari aplikasi INAku.",
        "13.71",
        "Pemerintah Kota Padang",
        frozenset({"SHARED-INAKU"}),
        Thresholds(),
    )
    with_host, without_host = match_facts(*args, host_name="INAku"), match_facts(*args)
    best = with_host["similar"][0]
    assert "KES-PUSKESMAS" in best["functions"]
    assert best["own"]  # Padang's own queue app, first, though 300 regions' copies score the same
    # a candidate to reuse: 0.56, under `near` since registry descriptions weigh more
    assert best["score"] >= Thresholds().reuse
    unstripped = [s["score"] for s in without_host["similar"] if "KES-PUSKESMAS" in s["functions"]]
    assert best["score"] > max(unstripped, default=0.0)


def test_host_phrases_cover_the_name_and_its_bracketed_acronym() -> None:
    from checker.matching.suggest import host_phrases

    assert host_phrases("Identitas Kependudukan Digital (IKD)") == [
        "identitas kependudukan digital ikd",
        "identitas kependudukan digital",
        "ikd",
    ]
    assert host_phrases("") == []


def test_english_words_weigh_by_how_common_they_are_in_english() -> None:
    from checker.matching.english import english_weights

    weights = english_weights({"parkir"}, unknown_idf=11.0, floor=5.0)
    assert weights["visit"] < weights["destinations"] < 11.0  # "visit" is ten times more common
    assert weights["the"] == 5.0  # never below the floor: the registry's most common indexed word
    assert "hewan" not in weights and "orang" not in weights  # Indonesian words keep an unknown word's weight
    assert "parkir" not in weights  # the registry's own words keep their learnt weight


def test_an_english_word_does_not_drown_the_words_the_registry_knows(sample: MatchIndex) -> None:
    """ "Visit … Tourism App": "visit" is unknown to the Indonesian registry but common English, not a rare word."""
    found = sample.similar(
        "Visit Jambi Tourism App", "Destinations, events and hotels.", threshold=0.45, limit=5, own_places=["jambi"]
    )
    assert found and all("PAR-PARIWISATA" in m.functions for m in found)
    assert "visit" in sample.english and "visit" not in sample.vocabulary  # a real word, never "corrected"


WORDFREQ_PROBE = """
import json, sys
from click.testing import CliRunner
import checker.cli.main

result = CliRunner().invoke(checker.cli.main.main, ["check", "manifests", "--format", "json"])
print(json.dumps([result.exit_code, sorted(m for m in sys.modules if m.split(".")[0] in ("wordfreq", "stopwordsiso", "numpy", "jsonschema_rs"))]))
"""


def test_a_check_with_a_warm_cache_never_imports_wordfreq(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """English weights and description stopwords are computed when the index is built and cached with it
    (wordfreq's import alone costs ~0.1 s). numpy is imported only by runs of many queries (score_in_bulk),
    jsonschema-rs only to validate a registry or many manifests (manifest.FAST_AFTER)."""
    project = Path(__file__).resolve().parent.parent
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("SPBE_CHECK_CACHE_DIR", None)
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", WORDFREQ_PROBE], cwd=project, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr[-2000:]
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    (cold_code, cold_modules), (warm_code, warm_modules) = runs
    assert cold_code == warm_code == 1  # the sample manifests really were judged
    assert {"wordfreq", "stopwordsiso"} <= set(cold_modules)  # the probe sees them when the index is built
    assert not [m for m in cold_modules if m.startswith("numpy")]  # a few manifests: the pure-Python sum
    assert warm_modules == []


# --- function profiles ----------------------------------------------------------------


def test_profiles_are_the_mean_of_each_functions_app_vectors() -> None:
    from checker.matching.profiles import build_profiles, profile_scores

    docs = [
        ["A1", "Parkir A", "1", "", False, ["LYN-PARKIR"]],
        ["A2", "Parkir B", "2", "", False, ["LYN-PARKIR"]],
        ["A3", "Pengaduan", "3", "", False, ["LYN-PENGADUAN"]],
    ]
    shapes = [[0, 1], [2]]  # the two parking apps share one vector
    postings = {"parkir": ([0], [0.8]), "retribusi": ([0], [0.6]), "aduan": ([1], [1.0])}
    functions, profiles = build_profiles(docs, shapes, postings)
    assert functions == ["LYN-PARKIR", "LYN-PENGADUAN"]
    scores = dict(profile_scores(functions, profiles, {"parkir": 1.0}))
    assert scores == {"LYN-PARKIR": pytest.approx(0.8, abs=1e-4)}
    assert profile_scores(functions, profiles, {"unknown": 1.0}) == []


def test_a_proposal_worded_unlike_any_app_is_read_by_its_functions_profile(sample: MatchIndex) -> None:
    """No single app is close to "Portal Tender Barang dan Jasa", but procurement's apps say it between them."""
    facts = match_facts(
        sample,
        "Portal Tender Barang dan Jasa Sleman",
        "Penyedia mengikuti tender dan seleksi paket barang/jasa perangkat daerah secara elektronik.",
        "34.04",
        "Pemerintah Kabupaten Sleman",
        frozenset(),
        Thresholds(),
    )
    (inferred,) = facts["inferred"]  # the nearest apps' vote finds it first since registry descriptions weigh more
    assert inferred["code"] == "ADM-PENGADAAN" and inferred["owners"] == ["SHARED-SPSE"]
    vec, alone = sample.vectors(
        "Portal Tender Barang dan Jasa",
        "Penyedia mengikuti tender dan seleksi paket barang/jasa perangkat daerah secara elektronik.",
        ["sleman"],
    )
    (by_profile,) = profile_inference(sample, vec, alone, [], {}, Thresholds(), set())  # no app votes
    assert by_profile["basis"] == "profile" and by_profile["code"] == "ADM-PENGADAAN"
    assert by_profile["owners"] == ["SHARED-SPSE"] and by_profile["score"] >= Thresholds().profile


def test_a_profile_needs_the_description_to_agree(sample: MatchIndex) -> None:
    """ "Pengadaan Tanah" is land acquisition: its name carries procurement's key word, its description does not."""
    facts = match_facts(
        sample,
        "Sistem Informasi Pengadaan Tanah Jeneponto",
        "Inventarisasi bidang tanah, musyawarah ganti kerugian dan pelepasan hak untuk pembangunan jalan.",
        "73.04",
        "Pemerintah Kabupaten Jeneponto",
        frozenset(),
        Thresholds(),
    )
    assert all(entry["code"] != "ADM-PENGADAAN" for entry in facts["inferred"])
    undescribed = match_facts(
        sample,
        "Sistem Informasi Pengadaan Tanah Jeneponto",
        "",
        "73.04",
        "Pemerintah Kabupaten Jeneponto",
        frozenset(),
        Thresholds(),
    )
    assert all(entry["basis"] != "profile" for entry in undescribed["inferred"])  # no description, no corroboration


def test_profile_thresholds_come_from_the_policy_config() -> None:
    thresholds = Thresholds.from_config(
        {"infer_profile": 0.4, "infer_profile_margin": 2, "infer_profile_description": 0.2}
    )
    assert (thresholds.profile, thresholds.profile_margin, thresholds.profile_description) == (0.4, 2.0, 0.2)


# --- place names written another way ---------------------------------------------------


def test_a_place_written_in_two_words_or_one_is_still_a_place() -> None:
    from checker.matching.text import join_split_words

    assert join_split_words(["tata", "ruang", "palangka", "raya"], {"palangkaraya"}) == ["tata", "ruang"]
    assert join_split_words(["raya", "tata"], {"palangkaraya"}) == ["raya", "tata"]


def test_region_nicknames_may_end_with_a_letter_subsequence() -> None:
    """Sultra is SULawesi TenggaRA: the last part is not always a prefix (Kaltim, Jabar are)."""
    assert place_abbreviations(["database", "peraturan", "sultra"], "sulawesi tenggara") == ["sultra"]
    assert place_abbreviations(["tanda", "tangan"], "tanah datar", known={"tanda"}) == []  # a registry word is not one


def test_a_clerks_spelling_of_the_own_place_is_the_place() -> None:
    """ "Makasar" is Makassar one slip away; "Ptk", "Bdg", "Sby" are Pontianak, Bandung, Surabaya by consonants."""
    assert place_spellings(["imunisasi", "ptk", "pntk"], "pontianak") == ["pntk", "ptk"]
    assert place_spellings(["daftar", "makasar"], "makassar") == ["makasar"]
    assert place_spellings(["kartu", "nelayan", "morotay"], "pulau morotai") == ["morotay"]  # a long word of the name
    assert (
        place_spellings(["morotai", "pulau"], "pulau morotai") == []
    )  # spelt right: the whole name is stripped instead
    assert place_spellings(["bdg"], "bandung") == ["bdg"] and place_spellings(["sby"], "surabaya") == ["sby"]
    assert place_spellings(["kpt", "pka", "pk"], "pontianak") == []  # not from its first letter; a vowel; too short
    assert place_spellings(["ptk"], "pontianak", known={"ptk"}) == []  # a registry word keeps its meaning
    assert place_spellings(["palu"], "palu") == [] and place_spellings(["balu"], "palu") == []  # too short to slip


def test_only_a_region_spells_its_place_another_way(sample: MatchIndex) -> None:
    """A central agency's name is no place: "LMS" (a learning system) is no skeleton of Lemhannas."""
    description = "Catat imunisasi dasar lengkap bayi dan balita di posyandu dan puskesmas."
    city = "Pemerintah Kota Pontianak"
    short = match_facts(sample, "Aplikasi Imunisasi Anak Ptk", description, "61.71", city, (), Thresholds())
    plain = match_facts(sample, "Aplikasi Imunisasi Anak", description, "61.71", city, (), Thresholds())
    assert short["similar"] and short["similar"][0]["score"] == plain["similar"][0]["score"]
    assert place_spellings(["lms"], "lembaga ketahanan nasional") == ["lms"]  # why only a region's place counts
    assert (
        agency_level("61.71") != "central"
        and agency_level("61") != "central"
        and agency_level("lemhannas") == "central"
    )


def test_region_and_agency_initials_are_their_names() -> None:
    """SBT is Seram Bagian Timur, KSB Kabupaten Sumbawa Barat, BNPB the agency's own acronym."""
    assert place_abbreviations(["simbada", "sbt"], "seram bagian timur") == ["sbt"]
    assert place_abbreviations(["tender", "ksb"], "sumbawa barat") == ["ksb"]
    assert place_abbreviations(["peta", "bnpb"], "badan nasional penanggulangan bencana") == ["bnpb"]
    assert place_abbreviations(["sb"], "sumbawa barat") == []  # two letters say too little
    assert place_abbreviations(["sbt"], "seram bagian timur", known={"sbt"}) == []  # the registry's own word
    assert place_abbreviations(["xsb"], "sumbawa barat") == []  # only a region title's initial may lead


def test_a_proposals_place_fragments_do_not_count(sample: MatchIndex) -> None:
    """ "Biak" of Biak Numfor and "Palangka Raya" for the registry's "Palangkaraya" are places, not needs."""
    assert "biak" in sample._place_words and "biak" not in sample.idf
    vec = sample.vector("Biak Job Center", "Lowongan kerja", [])
    assert "biak" not in vec
    assert not {"palangka", "raya"} & set(sample.vector("Tata Ruang Palangka Raya", "", []))
    assert "tanah" in sample.vector("Sertifikat Tanah", "", [])  # a registry word that is also a place word stays


def test_everyday_words_of_a_description_do_not_dilute_it(sample: MatchIndex) -> None:
    """Stopwords the registry never uses ("setiap", "juga") drop from a description, not from a name."""
    from checker.matching.stopwords import description_stopwords

    assert "setiap" in sample.description_stopwords and "juga" in sample.description_stopwords
    assert "tinggi" not in sample.description_stopwords  # a registry word ("Pendidikan Tinggi") keeps its meaning
    assert description_stopwords({"setiap"}) and "setiap" not in description_stopwords({"setiap"})
    vec = sample.vector("Setiap Desa", "Setiap pagi petugas juga mencatat harga beras.", [])
    assert "setiap" in vec and "juga" not in vec
    plain = sample.vector("Info Harga Bahan Pokok", "Harga beras dan gula.", [])
    chatty = sample.vector("Info Harga Bahan Pokok", "Setiap pagi harga beras dan gula juga dicatat di sini.", [])
    assert chatty["harga"] == pytest.approx(plain["harga"], rel=0.35)


def test_a_clipped_word_reads_as_the_one_registry_word_it_starts(sample: MatchIndex) -> None:
    """ "e-Perpus" is e-Perpustakaan; a clipping that starts several words ("penda…") is left alone."""
    assert sample._unclipped("perpus") == "perpustakaan"
    assert sample._unclipped("penda") == ""
    assert sample._unclipped("perp") == ""  # too short to be sure
    found = sample.similar("e-Perpus", "Katalog buku dan pinjam e-book.", threshold=0.45, limit=3)
    assert found and all("LYN-PERPUSTAKAAN" in m.functions for m in found)


def test_a_bare_root_reads_as_the_noun_the_registry_writes(sample: MatchIndex) -> None:
    """ "Pantau Tumbuh Kembang Balita": the registry says "pemantauan"; the pe- prefix takes its nasal
    and drops p, t, k and s as Indonesian does."""
    assert derived_forms("pantau")[0] == "pemantauan"
    assert derived_forms("tulis")[0] == "penulisan" and derived_forms("kirim")[0] == "pengiriman"
    assert derived_forms("sehat")[:3] == ["penyehatan", "persehatan", "kesehatan"]
    assert derived_forms("bina")[0] == "pembinaan" and derived_forms("daftar")[0] == "pendaftaran"
    assert sample._registry_form("pantau") == "pemantauan"
    assert sample._registry_form("sehat") == "kesehatan"
    assert sample._registry_form("pan") == ""  # too short: a three-letter root makes nouns by chance
    assert "pemantauan" in sample.vector("Pantau Banjir", "", [])


def test_child_growth_monitoring_reads_as_nutrition(sample: MatchIndex) -> None:
    """ "Tumbuh kembang" (a child's growth and development) is what posyandu weigh and chart."""
    found = sample.similar(
        "Pantau Tumbuh Kembang Balita", "Kader posyandu mencatat berat badan balita.", threshold=0.3, limit=3
    )
    assert found and all("KES-GIZI" in m.functions for m in found)


def test_interoperability_words_agencies_use_read_as_data_exchange(sample: MatchIndex) -> None:
    """ "Interkoneksi Data Antar OPD", "Jembatan Data", "Data Exchange Hub": the service bus's need."""
    exchange = {f"~{c}" for c in sample.concepts["pertukaran data"]}
    for name in ("Interkoneksi Data Antar OPD", "Jembatan Data Antar OPD", "Data Exchange Hub"):
        assert exchange <= set(sample.vector(name, "", [])), name
    found = sample.similar("Data Exchange Hub", "", threshold=0.25, limit=12)
    # geoportals, whose descriptions speak of exchanging geospatial data, score alike (0.27)
    assert {"INT-PERTUKARAN-DATA", "DAT-GEOSPASIAL"} >= {code for m in found for code in m.functions}
    assert sum("INT-PERTUKARAN-DATA" in m.functions for m in found) >= 3


def test_scope_vectors_are_normalised_and_name_the_word_that_carries_a_match() -> None:
    scopes = build_scopes(
        {"SHARED-A": {"tender": 1.0, "seleksi": 1.0, "unknown": 1.0}}, {"tender": 2.0, "seleksi": 1.0}
    )
    assert set(scopes["SHARED-A"]) == {"tender", "seleksi"}  # a word the registry never uses is no evidence
    assert sum(v * v for v in scopes["SHARED-A"].values()) == pytest.approx(1.0, abs=1e-4)
    ((service, score, word_share, words),) = scope_scores(scopes, {"tender": 0.6, "seleksi": 0.8})
    assert service == "SHARED-A" and score == pytest.approx((0.6 * 2 + 0.8 * 1) / 5**0.5, abs=1e-4)
    assert word_share == pytest.approx(0.6, abs=1e-3) and words == 2  # tender gives 1.2 of 2.0
    # a synonym concept repeats a word's meaning: it adds to the score but is never the "single word"
    ((_, _, concept_share, one_word),) = scope_scores({"S": {"~7": 0.8, "tender": 0.6}}, {"~7": 1.0, "tender": 0.1})
    assert concept_share == pytest.approx(0.06 / 0.86, abs=1e-3) and one_word == 1
    assert scope_scores(scopes, {"parkir": 1.0}) == []


def test_a_proposal_inside_a_shared_services_own_description_names_it(sample: MatchIndex) -> None:
    """No app's name says "KTP digital", but what IKD says it provides does: the scope names IKD."""
    facts = match_facts(
        sample,
        "Aktivasi KTP Digital Sleman",
        "Warga mengaktifkan identitas digital di ponsel dan instansi memverifikasi NIK.",
        "34.04",
        "Pemerintah Kabupaten Sleman",
        frozenset(),
        Thresholds(),
    )
    (inferred,) = facts["inferred"]
    assert inferred["basis"] == "scope" and inferred["via"] == ["SHARED-IKD"]
    assert "SHARED-IKD" in inferred["owners"] and inferred["score"] >= Thresholds().scope


def test_one_shared_word_is_not_a_scope(sample: MatchIndex) -> None:
    """A cooperative's annual members' meeting shares only "anggota" with the legal-documents network."""
    name, description = (
        "Rapat Anggota Tahunan Koperasi Online",
        "Koperasi menyelenggarakan rapat anggota tahunan secara daring.",
    )
    service, score, word_share, _words = sample.services_scoped(sample.vector(name, description))[0]
    assert score >= Thresholds().scope and word_share > Thresholds().scope_word_share  # close, but by one word
    facts = match_facts(sample, name, description, "34.04", "Pemerintah Kabupaten Sleman", frozenset(), Thresholds())
    assert all(entry["basis"] != "scope" for entry in facts["inferred"]), service


def test_a_word_with_two_meanings_is_not_a_scope(sample: MatchIndex) -> None:
    """ "Bus" is the service bus in SPLP's description and a city bus here: one word, however close."""
    name, description = "Aplikasi Bus Kota Sleman", "Jadwal dan posisi bus kota."
    service, score, _share, words = sample.services_scoped(sample.vector(name, description))[0]
    assert (service, words) == ("SHARED-SPLP", 1) and score >= Thresholds().scope
    facts = match_facts(sample, name, description, "34.04", "Pemerintah Kabupaten Sleman", frozenset(), Thresholds())
    assert all(entry["basis"] != "scope" for entry in facts["inferred"])


def test_one_word_is_a_scope_when_the_functions_profile_agrees(sample: MatchIndex) -> None:
    """ "Tender" carries most of the match with SPSE's own description, but the procurement profile, by a
    clear margin, says the same: two readings agree, so the proposal is read as SPSE's function."""
    name, description = (
        "e-Tender Samarinda",
        "Paket pekerjaan konstruksi diumumkan, penyedia mengunggah penawaran, pokja pemilihan mengevaluasi.",
    )
    vec = sample.vector(name, description, ["samarinda"])
    service, score, word_share, _words = sample.services_scoped(vec)[0]
    assert service == "SHARED-SPSE" and score >= Thresholds().scope and word_share > Thresholds().scope_word_share
    assert sample.functions_read_like(vec)[0][0] == "ADM-PENGADAAN"
    facts = match_facts(sample, name, description, "64.72", "Pemerintah Kota Samarinda", frozenset(), Thresholds())
    scoped = [entry for entry in facts["inferred"] if entry["basis"] == "scope"]
    assert [(entry["code"], entry["via"]) for entry in scoped] == [("ADM-PENGADAAN", ["SHARED-SPSE"])]


def test_a_weak_scope_counts_when_the_functions_profile_reads_the_same(sample: MatchIndex) -> None:
    """A hospital's medicine procurement: "RSUD" and "obat" pull towards the hospital apps, so neither
    reading is strong alone (SPSE's scope under `infer_scope`, the procurement profile short of its
    margin), but SPSE's own description is clearly first and the profile's first function is the one
    SPSE owns: the proposal is read as procurement."""
    name, description = (
        "Pengadaan Obat RSUD Online",
        "Pemilihan penyedia dan e-purchasing obat untuk rumah sakit daerah.",
    )
    vec = sample.vector(name, description)
    service, score, _share, words = sample.services_scoped(vec)[0]
    assert service == "SHARED-SPSE" and score < Thresholds().scope and words >= 2
    facts = match_facts(sample, name, description, "32.01", "Pemerintah Kabupaten Bogor", frozenset(), Thresholds())
    read = [(entry["code"], entry["basis"], entry["owners"]) for entry in facts["inferred"]]
    assert read == [("ADM-PENGADAAN", "profile", ["SHARED-SPSE"])]


def test_a_weak_scope_the_profile_does_not_confirm_reads_as_nothing_shared(sample: MatchIndex) -> None:
    """Outpatient registration at the same hospital: no shared service's function is read into it."""
    facts = match_facts(
        sample,
        "Pendaftaran Pasien Rawat Jalan RSUD",
        "Pasien mendaftar poli rawat jalan dan memilih jadwal dokter.",
        "32.01",
        "Pemerintah Kabupaten Bogor",
        frozenset(),
        Thresholds(),
    )
    assert all(not entry["owners"] for entry in facts["inferred"])


def test_what_a_service_excludes_is_not_its_scope() -> None:
    """SIMPONI collects "penerimaan negara bukan pajak": non-tax revenue, so "pajak" is not in its scope."""
    assert scope_words(["penerimaan", "negara", "bukan", "pajak", "seluruh", "billing"], {"seluruh"}) == [
        "penerimaan",
        "negara",
        "billing",
    ]


def test_a_new_need_reads_like_no_scope(sample: MatchIndex) -> None:
    facts = match_facts(
        sample,
        "Pemesanan Gedung Olahraga Sleman",
        "Warga memesan jadwal pemakaian gedung olahraga milik daerah.",
        "34.04",
        "Pemerintah Kabupaten Sleman",
        frozenset(),
        Thresholds(),
    )
    # Its nearest apps (sports facilities, ADM-ASET) may vote; no shared service's scope is read into it.
    assert not [e for e in facts["inferred"] if e["basis"] == "scope" or e["owners"]]


def test_scope_thresholds_come_from_the_policy_config() -> None:
    thresholds = Thresholds.from_config({"infer_scope": 0.3, "infer_scope_margin": 2, "infer_scope_word_share": 0.5})
    assert (thresholds.scope, thresholds.scope_margin, thresholds.scope_word_share) == (0.3, 2.0, 0.5)


def test_a_word_glued_to_si_reads_as_that_word(sample: MatchIndex) -> None:
    """ "SIPerizinan" is Sistem Informasi + perizinan; "SIKA" is no "SI" + a word."""
    assert "perizinan" in sample.features(["siperizinan"], 1.0, correct_typos=True)
    assert sample.features(["sika"], 1.0, correct_typos=True) == {"sika": 1.0}
    assert "perizinan" not in sample.features(["siperizinan"], 1.0)  # registry names are indexed as written


def test_government_of_abbreviations_say_nothing(sample: MatchIndex) -> None:
    assert sample.tokens("Website Pemkab Sleman dan Pemprov Pemkot Pemda") == ["website"]


def test_a_foreign_word_for_a_too_common_word_is_dropped_like_it(sample: MatchIndex) -> None:
    """ "Info" is "informasi", which a third of the registry's names carry: it must not weigh like a rare word."""
    assert "info" not in sample.vector("Info Parkir", "")
    assert sample.vector("Info Parkir", "") == sample.vector("Parkir", "")
    assert "info" not in sample.vector("Info Loker", "")  # "info loker" is itself a synonym of lowongan kerja


def test_regional_words_meet_the_registrys(sample: MatchIndex) -> None:
    """Papua's distrik and kampung are kecamatan and desa; RS is rumah sakit."""
    for proposal, registry_word in (("distrik", "kecamatan"), ("kampung", "desa"), ("rs", "rumah sakit")):
        concepts = {f for f in sample.vector(proposal, "") if f.startswith("~")}
        assert concepts & {f for f in sample.vector(registry_word, "") if f.startswith("~")}, proposal


def test_a_coined_name_word_says_less_than_a_real_word_the_registry_lacks(sample: MatchIndex) -> None:
    """ "Sikelor" is a brand no dictionary knows; "timbangan" (scales) is a real word that may name a new need."""
    description = "Pendaftaran dan antrean pasien puskesmas secara online untuk warga."
    coined, real = sample.vector("Sikelor", description), sample.vector("Timbangan", description)
    assert "sikelor" not in sample.idf and "timbangan" not in sample.idf
    assert coined["sikelor"] < real["timbangan"]
    assert sample.vector("Sikelor", "") == {"sikelor": 1.0}  # with no description to judge by, it is all there is


def test_coined_means_no_dictionary_holds_it() -> None:
    assert is_coined("sikelor", {"desa"}, {"timbangan"})
    assert not is_coined("timbangan", {"desa"}, {"timbangan"})
    assert not is_coined("112", set())  # numbers are not brands


def test_scores_of_a_few_apps_are_their_scores_among_all(sample: MatchIndex) -> None:
    vec = sample.vector("Peringatan Dini Banjir", "Sirene dan pesan singkat untuk warga di daerah rawan banjir.")
    ranked = sample.nearest(vec, threshold=0.05, limit=40)
    scores = sample.scores_of(vec, [m.index for m in ranked])
    assert len(scores) == len(ranked) and all(scores[m.index] == pytest.approx(m.score, abs=1e-4) for m in ranked)
    assert sample.scores_of({}, [ranked[0].index]) == {ranked[0].index: 0.0}


def test_a_branded_name_does_not_hide_the_app_its_description_reads_like(sample: MatchIndex) -> None:
    """ "Si Gemoy Wong Semarang" says nothing; its description says it is a yellow-card (AK/1) job service."""
    facts = match_facts(
        sample,
        "Si Gemoy Wong Semarang",
        "Pencari kerja mendaftar secara online, mencetak kartu kuning (AK/1) dan melamar lowongan kerja.",
        "33.74",
        "Pemerintah Kota Semarang",
        frozenset(),
        Thresholds(),
    )
    first = facts["similar"][0]
    assert first["name"].startswith("Kartu Kuning Online")
    assert Thresholds().reuse_floor <= first["score"] < Thresholds().reuse  # the whole text alone would not name it
    assert first["described"] >= Thresholds().reuse_description
    assert "description reads like it" in first["why"]["en"] and "deskripsi usulan" in first["why"]["id"]


def test_the_registrys_nearest_app_under_reuse_is_listed_and_marked(sample: MatchIndex) -> None:
    """ "Sleman Help Line 112" is nearest to a regency's "Call Center 112" (under `reuse`):
    listed, marked `nearest`, for MOR-004 to weigh against the function the text's profile reads like."""
    args = (
        sample,
        "Sleman Help Line 112",
        "One number for fire, ambulance and rescue: operators receive calls and dispatch the fire brigade and emergency teams.",
        "34.04",
        "Pemerintah Kabupaten Sleman",
        frozenset(),
    )
    facts = match_facts(*args, Thresholds())
    marked = [s for s in facts["similar"] if s.get("nearest")]
    assert len(marked) == 1 and marked[0]["name"].startswith("Call Center 112")
    assert Thresholds().reuse_profile <= marked[0]["score"] < Thresholds().reuse
    assert "BNC-KEBENCANAAN" in marked[0]["functions"]
    assert any(e["code"] == "BNC-KEBENCANAAN" and e["basis"] == "profile" for e in facts["inferred"])
    # Under `reuse_profile` the nearest app is neither listed nor marked.
    stricter = match_facts(*args, Thresholds(reuse_profile=0.5))
    assert not [s for s in stricter["similar"] if s.get("nearest")]


def test_the_agencys_own_app_is_compared_however_many_copies_come_first(sample: MatchIndex) -> None:
    """Salatiga's own food-price apps rank after sixty other regions' copies of one template; they are
    still compared, and listed first (MOR-003 names them)."""
    description = (
        "Setiap pagi petugas pasar mencatat harga beras, minyak goreng, gula pasir, telur, dan cabai rawit "
        "di tiga pasar tradisional, lalu harganya ditampilkan untuk warga."
    )
    vec = sample.vector("Info Harga Sembako Kota Salatiga", description, ["salatiga"])
    first_sixty = sample.nearest(vec, threshold=0.26, limit=60)
    assert len(first_sixty) == 60 and not any(m.agency == "33.73" for m in first_sixty)
    facts = match_facts(
        sample,
        "Info Harga Sembako Kota Salatiga",
        description,
        "33.73",
        "Pemerintah Kota Salatiga",
        frozenset(),
        Thresholds(),
    )
    own = [s for s in facts["similar"] if s["own"]]
    assert own and facts["similar"][0]["own"] and all("Salatiga" in s["name"] for s in own)
    assert all(s["score"] >= Thresholds().reuse for s in own)


def test_an_unrelated_description_adds_no_suggestion(sample: MatchIndex) -> None:
    facts = match_facts(
        sample,
        "Layanan Juru Bahasa Isyarat",
        "Warga tuli memesan juru bahasa isyarat untuk mendampingi mereka di kantor pelayanan.",
        "33.74",
        "Pemerintah Kota Semarang",
        frozenset(),
        Thresholds(),
    )
    assert facts["similar"] == []


def _match(index: int, functions: tuple[str, ...]) -> Match:
    return Match(index, f"APP-{index:06d}", "x", "11.01", "regency", False, functions, 0.3, (), "")


def test_the_description_vote_names_the_function_its_apps_agree_on(sample: MatchIndex) -> None:
    nearby = [_match(1, ("A",)), _match(2, ("A",)), _match(3, ("B",)), _match(4, ("C",))]
    described = {1: 0.5, 2: 0.45, 3: 0.41, 4: 0.2}  # 4 is below reuse_description: no vote
    (entry,) = description_inference(sample, nearby, described, Thresholds(), set())
    assert (entry["code"], entry["basis"], entry["score"], entry["via"]) == (
        "A",
        "description",
        0.5,
        ["APP-000001", "APP-000002"],
    )
    assert entry["share"] == pytest.approx(0.95 / 1.36, abs=1e-3)
    assert description_inference(sample, nearby, described, Thresholds(), {"A"}) == []  # found another way already
    split = {1: 0.5, 2: 0.0, 3: 0.5, 4: 0.45}
    assert description_inference(sample, nearby, split, Thresholds(), set()) == []  # no majority


def test_a_standalone_si_is_sistem_informasi(sample: MatchIndex) -> None:
    """ "SI Pandai Tani": the SI says nothing, so it must not weigh like a rare word."""
    assert sample.tokens("SI Pandai Tani") == sample.tokens("Pandai Tani")
    assert "sim" in sample.tokens("SIM Keliling")  # SIM is also the driving licence


def test_the_description_read_alone_is_the_vector_of_the_description_alone(sample: MatchIndex) -> None:
    name, description = "Si Gemoy Kepegawain", "Pegawai mengajukan cuti dan kenaikan pangkat secara online."
    whole, alone = sample.vectors(name, description)
    assert whole == sample.vector(name, description) and alone == sample.vector("", description)


def test_no_synonym_reads_as_one_word_once_function_words_go() -> None:
    """ "public information" would read as "public", "administrasi desa" as "desa": every proposal with that
    word would join the group. A member must mean the group with its function words dropped too."""
    groups = json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))["groups"]
    shrunk = []
    for group in groups:
        for member in group:
            words = fold_words(member)
            kept = [w for w in words if w not in FUNCTION_WORDS]
            if len(kept) < len(words) and len(kept) <= 1:
                shrunk.append(member)
    assert shrunk == []


def test_a_kind_the_registry_never_names_reads_as_its_broader_need(sample: MatchIndex) -> None:
    """No registry app says "banjir" (flood): a flood early-warning app is read as a disaster one."""
    assert "banjir" not in sample.idf and "bencana" in sample.idf
    vec = sample.vector("Informasi Banjir", "")
    assert "banjir" not in vec
    assert {f"~{number}" for number in sample.concepts["bencana"]} & set(vec)  # the disaster group
    assert sample.nearest(vec, threshold=0.3, limit=3)  # an unknown word alone would match nothing
    # ... in the pair's own broad word, not in the disaster group's most-named "darurat" (emergency, the 112 apps):
    # holdout79's "Awas Banjir Kota Gorontalo" then meets the city's own "Peringatan Dini Kota Gorontalo"
    assert sample.translate(["awas", "banjir"]) == ["awas", "bencana"]
    assert sample.translate(["gunung", "api"]) == ["bencana"]
    assert "darurat" not in vec


def test_a_number_the_registry_never_uses_says_nothing(sample: MatchIndex) -> None:
    """ "24" of "24 jam" would weigh like the rarest word; "112", which registry apps use, keeps its weight."""
    assert "24" not in sample.idf and "112" in sample.idf
    assert "24" not in sample.vector("Pengaduan Warga 24 Jam", "")
    assert "112" in sample.vector("Layanan Darurat 112", "")


def test_the_agencys_towns_and_own_name_say_where_not_what(sample: MatchIndex) -> None:
    """Karo's district Kabanjahe, a hospital's own name: stripped like the region's name."""
    assert "kabanjahe" in own_names(sample, "12.06", "Pemerintah Kabupaten Karo")
    assert "tenriawaru" in own_names(sample, "73.08", "RSUD Tenriawaru, Pemerintah Kabupaten Bone")
    assert "kabanjahe" not in own_names(sample, "32.15", "Pemerintah Kabupaten Karawang")  # another regency's town
    named = own_names(sample, "12.06", "Pemerintah Kabupaten Karo")
    assert all(
        " " in d or d not in sample.idf for d in named
    )  # a one-word district the registry uses keeps its meaning


def test_a_town_split_into_compass_districts_is_still_the_agencys_town(sample: MatchIndex) -> None:
    """Kabupaten Semarang's capital is Ungaran, listed only as the districts Ungaran Barat and Timur."""
    assert town_of_district("ungaran barat") == "ungaran" and town_of_district("ungaran") == ""
    assert "ungaran" in own_names(sample, "33.22", "Pemerintah Kabupaten Semarang")
    assert "ungaran" not in own_names(sample, "33.74", "Pemerintah Kota Semarang")  # another region's town
    facts = match_facts(
        sample,
        "Celengan Sampah Ungaran",
        "Warga menabung sampah anorganik di bank sampah unit, saldonya tercatat.",
        "33.22",
        "Pemerintah Kabupaten Semarang",
        frozenset(),
        Thresholds(),
    )
    assert facts["similar"] and "sampah" in facts["similar"][0]["name"].lower()


def test_a_volcano_or_river_says_where_not_what(sample: MatchIndex) -> None:
    """ "Semeru" weighed like the rarest word there is and matched nothing; a landmark that is also a word
    ("ibu", mother) is a place only with its "gunung"."""
    assert sample.tokens("Semeru Eruption Alert") == ["eruption", "alert"]
    assert "citarum" not in sample.tokens("Pantau Debit Citarum")
    assert "ibu" in sample.tokens("Kesehatan Ibu Hamil") and "ibu" not in sample.tokens("Siaga Gunung Ibu")


def test_an_english_plural_reads_as_the_singular_the_synonyms_know(sample: MatchIndex) -> None:
    """ "emergencies" is no word of the registry; "emergency" is a synonym of "darurat"."""
    assert sample.singular("emergencies") == "emergency" and sample.singular("accidents") == "accident"
    assert sample.singular("dinas") == "dinas" and sample.singular("kios") == "kios"  # Indonesian words stay
    plural = sample.vector("Hotline", "One number for emergencies and accidents.")
    singular = sample.vector("Hotline", "One number for emergency and accident.")
    assert {f for f in plural if f.startswith("~")} == {f for f in singular if f.startswith("~")}
    assert any(f.startswith("~") for f in plural)


def test_a_regional_word_reads_as_the_indonesian_word_the_registry_writes(sample: MatchIndex) -> None:
    """Javanese "banyu" and "resik", Minang "pasa": water, clean, market, not three unknown brands."""
    vec = sample.vector("Pasa Banyu Resik", "")
    assert {"air", "bersih", "pasar"} <= set(vec) and not {"banyu", "resik", "pasa"} & set(vec)
    assert all(word not in sample.idf for word in load_regional_words())  # a registry brand keeps its own word


def test_a_word_read_as_another_still_opens_its_own_phrases(sample: MatchIndex) -> None:
    """ "cari" alone reads as "pencarian" (search and rescue); "cari kerja" is looking for a job."""
    job = sample.concepts["lowongan"]
    vec = sample.vector("Cari Gawe Kendal", "Pencari kerja membuat kartu kuning secara daring.")
    assert any(f"~{c}" in vec for c in job)


def test_a_town_of_the_agency_does_not_hide_what_the_proposal_is(sample: MatchIndex) -> None:
    """ "Tanjung Pandan" is Belitung's capital district: two words no app uses, which drowned "parkir"."""
    name, description = "Smart Parking Tanjung Pandan", "Parkir tepi jalan di pusat kota dibayar dengan QRIS."
    facts = match_facts(sample, name, description, "19.02", "Pemerintah Kabupaten Belitung", frozenset(), Thresholds())
    assert facts["similar"] and "parkir" in facts["similar"][0]["name"].lower()
    elsewhere = match_facts(sample, name, description, "kemenhub", "Kementerian Perhubungan", frozenset(), Thresholds())
    assert not elsewhere["similar"] or elsewhere["similar"][0]["score"] < facts["similar"][0]["score"]


def test_a_new_versions_words_weigh_no_more_than_a_software_word(sample: MatchIndex) -> None:
    """ "Generasi" (as in "e-Court Generasi Dua") is as rare as a word gets here, but names a release, not a need."""
    assert "generasi" in PRAISE_WORDS
    vec = sample.vector("e-Perkara Generasi Baru", "")
    assert vec["generasi"] < vec["perkara"]


def test_a_school_level_reads_as_a_school(sample: MatchIndex) -> None:
    """No registry app says "SMP" or "SMA": an agency's "PPDB SMP Negeri" is the registry's school admission."""
    assert "smp" not in sample.idf
    vec = sample.vector("Pendaftaran SMP Negeri Jalur Zonasi", "")
    assert "smp" not in vec and {f"~{n}" for n in sample.concepts["sekolah"]} & set(vec)


def test_broader_pairs_link_two_different_groups() -> None:
    groups = load_synonym_groups()
    group_of = {member: number for number, group in enumerate(groups) for member in group}
    pairs = load_broader_pairs()
    assert pairs
    for narrow, broad in pairs:
        assert narrow in group_of and broad in group_of, (narrow, broad)
        assert group_of[narrow] != group_of[broad], (narrow, broad)


def test_a_software_word_weighs_no_more_than_a_common_registry_word(sample: MatchIndex) -> None:
    """ "kanal" is rare in the registry's templates, but it says what kind of app, not which need."""
    assert sample.idf["kanal"] > 2 * FORM_IDF  # as rare as a word gets in this registry
    vec = sample.vector("Kanal Pengaduan Warga", "")
    assert vec["kanal"] < vec["pengaduan"]
    assert vec["kanal"] / vec["pengaduan"] == pytest.approx(FORM_IDF / sample.idf["pengaduan"], rel=1e-6)
    assert "antrean" not in FORM_WORDS and "bank" not in FORM_WORDS  # objects of a need are not form words


def test_an_own_app_the_description_alone_reads_like_is_listed(sample: MatchIndex) -> None:
    """An English name hid the city's own e-Library: it is listed for MOR-003 as another agency's is for MOR-004."""
    name = "Kediri Reading Room"
    description = (
        "Borrow e-books from the city library on your phone, search the collection and sign up as a member online."
    )
    thresholds = Thresholds()
    facts = match_facts(sample, name, description, "35.71", "Pemerintah Kota Kediri", frozenset(), thresholds)
    own = [entry for entry in facts["similar"] if entry["own"]]
    assert own and "library" in own[0]["name"].lower(), facts["similar"][:3]
    assert own[0]["score"] < thresholds.reuse and own[0]["described"] >= thresholds.reuse_description
    # Listed by its description although no other agency's app of its function is (nothing vouches for it):
    # kemenhub's weighbridges and its own database of over-dimension and over-load vehicles.
    name = "Sistem Informasi Jembatan Timbang Terpadu"
    description = (
        "Penimbangan truk di Unit Pelaksana Penimbangan Kendaraan Bermotor dan pencatatan pelanggaran over "
        "dimension over loading (ODOL)."
    )
    facts = match_facts(sample, name, description, "kemenhub", "Kementerian Perhubungan", frozenset(), thresholds)
    own = [entry for entry in facts["similar"] if entry["own"] and entry["described"] >= thresholds.reuse_description]
    assert own and "muatan" in own[0]["name"].lower(), facts["similar"][:3]
    assert not [entry for entry in facts["similar"] if not entry["own"]], facts["similar"][:3]


def test_a_channel_is_the_form_and_a_menu_a_module(sample: MatchIndex) -> None:
    """ "HP" (a mobile phone) is no registry word: "KTP di HP" is the digital identity card, not a rare need."""
    assert "hp" in FORM_WORDS and "hp" not in sample.idf
    vec = sample.vector("KTP di HP", "")
    assert vec["hp"] < vec["ktp"]
    facts = match_facts(
        sample,
        "KTP di HP Malang",
        "Warga cukup menunjukkan identitas kependudukan di ponsel (KTP digital dengan QR code) saat berurusan di loket.",
        "35.73",
        "Pemerintah Kota Malang",
        frozenset(),
        Thresholds(),
    )
    named = {entry["id"] for entry in facts["similar"]} | {o for entry in facts["inferred"] for o in entry["owners"]}
    assert "SHARED-IKD" in named, (facts["similar"][:3], facts["inferred"])
    assert "menu" not in sample.vector("Menu Permohonan Informasi Publik", "")  # like "modul" and "fitur"


def test_a_check_is_the_form_and_its_object_the_need(sample: MatchIndex) -> None:
    """BPOM's "Cek Produk" apps make "cek" a rare registry word; a land-tax bill check must not read like them on it."""
    assert sample.idf["cek"] > 2 * FORM_IDF
    name = "Cek Tagihan Tanah Serang"
    description = "Warga memasukkan NOP untuk melihat tagihan pajak tanah dan rumah tahun ini dan membayarnya."
    facts = match_facts(sample, name, description, "36.73", "Pemerintah Kota Serang", frozenset(), Thresholds())
    assert all("cek produk" not in entry["name"].lower() for entry in facts["similar"]), facts["similar"][:3]
    assert all(entry["code"] != "LYN-PENGADUAN" for entry in facts["inferred"]), facts["inferred"]
    product = match_facts(
        sample, "Cek Produk Obat", "", "bpom", "Badan Pengawas Obat dan Makanan", frozenset(), Thresholds()
    )
    assert product["similar"] and "cek produk" in product["similar"][0]["name"].lower()  # the object still finds them


def test_a_praise_word_weighs_no_more_than_a_software_word(sample: MatchIndex) -> None:
    """ "Izin Cepat" brands a licensing app: "cepat" (fast) says how it is praised, not which need it serves,
    so the registry never having used it must not make it outweigh "izin"."""
    assert "cepat" not in sample.idf  # the registry's templates never praise
    vec = sample.vector("Izin Cepat", "")
    assert vec["cepat"] < vec["izin"]
    assert vec["cepat"] / vec["izin"] == pytest.approx(FORM_IDF / sample.idf["izin"], rel=1e-6)
    assert "siaga" not in PRAISE_WORDS and "cek" not in PRAISE_WORDS  # an alert, a product check: needs


def test_the_filing_office_is_stripped_like_a_region(sample: MatchIndex) -> None:
    """ "Polda Jawa Timur" says which police office files it; the registry never names one, so "polda"
    would be the heaviest word of the proposal (0.6 of its vector) and hide the e-ticketing apps."""
    description = (
        "Electronic Traffic Law Enforcement: kamera di persimpangan merekam pelanggaran lalu lintas "
        "dan surat tilang dikirim ke pemilik kendaraan."
    )
    assert sample.vector("ETLE Polda Jawa Timur", description)["polda"] > 0.5
    police = "Kepolisian Negara Republik Indonesia"
    filed = match_facts(sample, "ETLE Polda Jawa Timur", description, "polri", police, frozenset(), Thresholds())
    plain = match_facts(sample, "ETLE", description, "polri", police, frozenset(), Thresholds())
    assert [e["id"] for e in filed["similar"][:3]] == [e["id"] for e in plain["similar"][:3]]
    assert filed["similar"][0]["score"] == plain["similar"][0]["score"] >= Thresholds().near
    assert "polda" in OFFICE_UNITS and "kantor" not in OFFICE_UNITS  # "kantor digital" is an e-office


def test_an_acronym_named_app_is_read_by_the_words_of_its_description_that_spell_it(sample: MatchIndex) -> None:
    """SIPENNI's description says "pengelolaan pencatatan nikah": PENcatatan NIkah after an implied SI."""
    assert sample.acronyms["sipenni"] == ["pencatatan", "nikah"]
    assert "ppid" not in sample.acronyms  # "PPID Pulang Pisau": a place in the description spells nothing


def test_a_regions_head_is_whose_the_app_is_not_what_it_does(sample: MatchIndex) -> None:
    assert sample.tokens("e-Disposisi Wali Kota") == sample.tokens("e-Disposisi")
    assert sample.tokens("Peraturan Bupati dan Gubernur") == ["peraturan"]
    assert "wali" in sample.tokens("Wali kelas mencetak rapor")  # a homeroom teacher is not a title


def test_a_provinces_contraction_is_a_place_whoever_files() -> None:
    """A ministry's office names the province it serves as Indonesians write it ("KUA Sulsel",
    "Si-CUTI Kaltim", "Pergub Babel"); the proposer's own region is not that province, so only
    the provinces' names, never the 500 regencies': "lomba" (a contest) spells Lombok Barat."""
    provinces = region_names(
        [
            "sulawesi selatan",
            "kalimantan timur",
            "kepulauan bangka belitung",
            "nusa tenggara timur",
            "daerah istimewa yogyakarta",
        ]
    )
    words = ["daftar", "nikah", "sulsel", "kaltim", "babel", "ntt", "diy", "lomba", "pju", "kepri"]
    assert region_abbreviations(words, provinces) == ["babel", "diy", "kaltim", "ntt", "sulsel"]
    assert region_abbreviations(["sulsel"], provinces, known={"sulsel"}) == []  # the registry's own word
    assert region_abbreviations(["ss", "sul"], provinces) == []  # too short to say which province
    assert region_abbreviations(["lomba"], region_names(["lombok barat"])) == ["lomba"]  # why regencies stay out
    assert region_abbreviations(["kaltara"], region_names(["kalimantan utara"])) == ["kaltara"]  # (u)tara
    assert region_abbreviations(["jogja", "solo", "yogya"], provinces) == ["jogja", "solo", "yogya"]  # nicknames
    assert region_abbreviations(["jogja"], provinces, known={"jogja"}) == []
    assert region_names(["", " ", "aceh"]) == region_names([])  # a damaged cache entry's names: nothing to contract


def test_the_registry_index_knows_the_provinces_it_serves(sample: MatchIndex) -> None:
    assert "sulawesi selatan" in sample.provinces and "daerah istimewa yogyakarta" in sample.provinces
    assert "bandung" not in sample.provinces  # a regency
    assert sample.region_abbreviations(["sulsel", "kaltim", "diy", "lomba"], ()) == ["diy", "kaltim", "sulsel"]


def test_a_central_office_naming_a_province_by_its_contraction_is_read_without_it(sample: MatchIndex) -> None:
    """Kemenag's KUA in South Sulawesi files a marriage-registration app: "Sulsel" (unknown to the
    registry) was the heaviest word and hid SIPENNI, Kemenag's own app for it."""
    description = "Calon pengantin mendaftar nikah dan mengunggah berkas ke KUA secara online."
    ministry = "Kementerian Agama"
    filed = match_facts(sample, "Daftar Nikah Online KUA Sulsel", description, "kemenag", ministry, (), Thresholds())
    plain = match_facts(sample, "Daftar Nikah Online KUA", description, "kemenag", ministry, (), Thresholds())
    assert [e["id"] for e in filed["similar"][:3]] == [e["id"] for e in plain["similar"][:3]]
    assert filed["similar"] and filed["similar"][0]["score"] == plain["similar"][0]["score"]


def test_forms_of_address_and_a_prosecutors_office_say_nothing_of_the_need(sample: MatchIndex) -> None:
    """ "Lapor Pak Kakanwil": the citizen writes to the head of the regional office; "Kejati Riau":
    the prosecutors' office that files. Neither is what the app does."""
    assert sample.tokens("Lapor Pak Bupati") == sample.tokens("Lapor Bupati")
    assert "ibu" in sample.tokens("Kesehatan Ibu dan Anak")  # a mother is a need, not a form of address
    assert {"kejati", "kakanwil", "kanim"} <= set(OFFICE_UNITS)


def test_e_proc_is_procurement(sample: MatchIndex) -> None:
    """ "e-Proc Balai Brantas": "proc" was an unknown word, weighing like the rarest there is."""
    short, long = sample.vector("e-Proc", ""), sample.vector("e-Procurement", "")
    assert {f for f in short if f.startswith("~")} == {f for f in long if f.startswith("~")} != set()
    assert "proc" not in short and "pengadaan" in short  # read in the registry's own word


def test_regional_names_of_a_common_need_join_its_synonyms(sample: MatchIndex) -> None:
    """Aceh's regional regulations are qanun; Bina Marga is the roads office; smart lighting is street lighting."""

    def concepts(name: str) -> set[str]:
        return {f for f in sample.vector(name, "") if f.startswith("~")}

    assert concepts("Himpunan Qanun") & concepts("Himpunan Perda")
    assert concepts("Bina Marga") & concepts("Jalan")
    assert concepts("Smart Lighting") & concepts("Penerangan Jalan Umum")
    assert concepts("Sewa Rusunawa") & concepts("Rusun Online")  # rumah susun sederhana sewa: public rental flats


def test_a_name_the_description_defines_reads_as_its_definition() -> None:
    """Agencies define a brand where they first use it, in brackets or after "=", letters spelt or not."""
    description = "SIPANDAI (Sistem Pengiriman Naskah dan Disposisi Antar Instansi): surat dari Bupati ke OPD."
    assert expand_own_acronyms("SIPANDAI Kebumen", description, set()) == (
        "sistem pengiriman naskah dan disposisi antar instansi kebumen"
    )
    assert expand_own_acronyms(
        "SI BULAN Cilacap", "SI BULAN (Sistem Bayi dan Balita Lengkap Vaksin): bidan", set()
    ) == ("sistem bayi dan balita lengkap vaksin cilacap")
    assert defined_acronyms("NGANTRI SEHAT = Ngambil Antrian Tanpa Repot di Puskesmas. Pasien datang") == {
        ("ngantri", "sehat"): ["ngambil", "antrian", "tanpa", "repot", "di", "puskesmas"]
    }
    # a list in brackets says what the app holds, not what the name means
    assert defined_acronyms("Penilaian produk UMKM (kemasan, label, izin edar) sebelum pameran") == {}
    assert defined_acronyms("Layanan KTP (baru)") == {}  # one word defines nothing
    # the other way round: the shortest run before the bracket that holds the acronym's letters in order
    assert expand_own_acronyms("Daftar Antrean PKM", "Nomor antrean poli di puskesmas (PKM).", set()) == (
        "daftar antrean puskesmas"
    )
    assert defined_acronyms("Harga barang kebutuhan pokok dan barang penting (bapokting) di pasar") == {
        ("bapokting",): ["barang", "kebutuhan", "pokok", "dan", "barang", "penting"]
    }
    assert defined_acronyms("Program tanggung jawab sosial perusahaan (CSR)") == {}  # no run spells it
    # the registry's own word keeps its meaning; a defined word the name lacks changes nothing
    assert expand_own_acronyms("SIMPUS Klaten", "SIMPUS (Sistem Pasien Umum Sehat)", {"simpus"}) == "simpus klaten"
    assert expand_own_acronyms("Antrean Klaten", "SIMPUS (Sistem Pasien Umum Sehat)", set()) == "antrean klaten"


def test_an_acronym_after_an_implied_si_reads_as_its_expansion() -> None:
    """ "SIPJU": SI (sistem informasi) then PJU, which the description spells out as penerangan jalan umum."""
    description = "Inventaris titik lampu penerangan jalan umum dan laporan lampu padam."
    assert expand_own_acronyms("SIPJU Probolinggo", description, set()) == "penerangan jalan umum probolinggo"
    assert expand_own_acronyms("SIPJU", "Inventaris lampu jalan", set()) == "sipju"  # nothing spells it
    assert expand_own_acronyms("SIPJU", description, {"sipju"}) == "sipju"  # the registry's own word stays


def test_a_coined_contraction_of_syllables_reads_as_the_words_it_contracts(sample: MatchIndex) -> None:
    """ "SIKENDIS": SI, then KENdaraan DInaS, syllables no prefixes spell. Only a coined word
    (no dictionary, synonym or place knows it) is read so: "Papua" is no contraction of
    "pendamping pegunungan", and four letters in order would fit almost any run."""
    assert spells_loosely("kendis", ["kendaraan", "dinas"])
    assert spells_loosely("bapas", ["balai", "pemasyarakatan"])
    assert not spells_loosely("kendis", ["dinas", "kendaraan"])  # in order, each piece from its word's first letter
    assert not spells_loosely("bpas", ["balai", "pemasyarakatan"])  # too short to tell
    name = "SIKENDIS - Aplikasi Kendaraan Dinas Pangkalpinang"
    description = "Data kendaraan dinas, pemegang kendaraan dan jadwal servis berkala."
    assert expand_own_acronyms(name, description, set(), lambda _: False).startswith("kendaraan dinas aplikasi")
    assert expand_own_acronyms(name, description, set()).startswith("sikendis")  # words None: never loosely
    assert sample.is_word("papua") and sample.is_word("pantai") and not sample.is_word("kendis")
    pasien = "Rumah singgah bagi pasien dan pendamping dari pegunungan."
    assert expand_own_acronyms("Rumah Singgah Papua", pasien, set(), lambda _: False) == (
        "rumah singgah pendamping pegunungan"
    )
    assert expand_own_acronyms("Rumah Singgah Papua", pasien, set(), sample.is_word) == "rumah singgah papua"


def test_a_synonym_phrase_that_opens_with_a_too_common_word_still_names_its_concept(sample: MatchIndex) -> None:
    """ "layanan darurat", "data terbuka", "aparatur sipil negara": "layanan", "data" and
    "aparatur" are in too many apps to weigh anything alone, and the phrase they open was
    skipped with them, so 162 of the synonyms' phrases never matched anything."""
    for phrase in ("layanan darurat", "data terbuka", "aparatur sipil negara", "informasi publik"):
        assert phrase.split()[0] in sample.common
        concepts = {f"~{number}" for number in sample.concepts[phrase]}
        assert concepts <= set(sample.vector(phrase.title(), "")), phrase
    assert "layanan" not in sample.vector("Layanan Darurat", "")  # the common word itself still weighs nothing


def test_a_word_written_in_two_halves_reads_as_the_registry_s_one_word() -> None:
    """ "Geo Portal": "geo" is no registry word and weighed like the rarest there is; "geoportal" is one.
    "Non Tunai": two registry words, neither of which says "non-cash" as "nontunai" does."""
    assert join_halves("Geo Portal Sultra", {"geoportal", "portal"}) == "geoportal sultra"
    assert join_halves("Bantuan Pangan Non Tunai", {"nontunai", "non", "tunai"}) == "bantuan pangan nontunai"
    assert join_halves("Smart Parking", {"parking"}) == "Smart Parking"
    assert join_halves("Data in a Map", {"ina", "data"}) == "Data in a Map"  # a one-letter half never joins


def test_a_word_glued_to_the_next_by_a_capital_is_split_when_its_parts_say_more() -> None:
    """ "InfoGempa" is no registry word; "gempa" is. Brands with an acronym in them stay whole."""
    real = {"info", "gempa", "aduan", "konten", "kinerja", "risk"}
    assert split_glued("InfoGempa Mobile", real) == "Info Gempa Mobile"
    assert split_glued("AduanKonten", real) == "Aduan Konten"
    assert split_glued("eKinerja Guru", real) == "e Kinerja Guru"
    assert split_glued("InaRISK Personal", real) == "InaRISK Personal"  # an acronym part: a brand
    assert split_glued("SiKaPe Balai POM", real) == "SiKaPe Balai POM"  # no registry word among its parts
    assert split_glued("SIMPeg", real | {"peg"}) == "SIMPeg"  # no lower-case letter before the capital
    assert split_glued("InfoGempa", real | {"infogempa"}) == "InfoGempa"  # the registry's own word


def test_a_glued_name_finds_the_app_its_parts_name(sample: MatchIndex) -> None:
    facts = match_facts(
        sample,
        "InfoGempa",
        "Info gempa terkini untuk masyarakat.",
        "bmkg",
        "Badan Meteorologi, Klimatologi, dan Geofisika",
        frozenset(),
        Thresholds(),
    )
    assert facts["similar"] and "gempa" in facts["similar"][0]["name"].lower()


def test_a_geo_portal_meets_the_geoportals(sample: MatchIndex) -> None:
    description = "Simpul jaringan informasi geospasial provinsi: peta tematik perangkat daerah yang dapat diunduh."
    province = "Pemerintah Provinsi Sulawesi Tenggara"
    facts = match_facts(sample, "Geo Portal Sultra", description, "74", province, (), Thresholds())
    assert facts["similar"] and facts["similar"][0]["functions"] == ["DAT-GEOSPASIAL"]
    assert [e["code"] for e in facts["inferred"]] == ["DAT-GEOSPASIAL"]


def test_the_filing_unit_after_what_the_app_does_is_who_not_what() -> None:
    """ "PPID Balai Diklat Keuangan": the unit names itself after its own field (finance training),
    which is not what the app does (public information requests)."""
    known = {"ppid", "diklat", "keuangan", "latihan", "kerja", "benih", "ikan"}  # distinctive registry words
    assert unit_tails(fold_words("PPID Balai Diklat Keuangan Makassar"), known) == [
        "balai diklat keuangan makassar",
        "balai diklat keuangan",
        "balai diklat",
    ]
    # Only generic words before the unit ("sistem informasi"): the unit is what the app is about.
    assert unit_tails(fold_words("Sistem Informasi Balai Latihan Kerja"), known) == []
    assert unit_tails(fold_words("Balai Benih Ikan"), known) == []  # nothing before it
    assert unit_tails(fold_words("PPID Balai"), known) == []  # a unit word alone names no unit


def test_a_directorate_s_whistleblowing_system_is_read_without_the_directorate(sample: MatchIndex) -> None:
    """ "Direktorat Metrologi" made the metrology apps the nearest; the app is a whistleblowing channel."""
    description = "Saluran pelaporan dugaan pelanggaran pegawai dan pungutan liar dalam layanan tera dan tera ulang."
    ministry = "Kementerian Perdagangan"
    filed = match_facts(
        sample, "Whistle Blowing System Direktorat Metrologi", description, "kemendag", ministry, (), Thresholds()
    )
    plain = match_facts(sample, "Whistle Blowing System", description, "kemendag", ministry, (), Thresholds())
    assert [e["id"] for e in filed["similar"][:3]] == [e["id"] for e in plain["similar"][:3]]
    assert filed["similar"] and all(e["functions"] == ["LYN-PENGADUAN"] for e in filed["similar"][:3])


def test_a_proposal_leans_to_a_shared_service_too_weakly_to_infer_it(sample: MatchIndex) -> None:
    """ "Si-CUTI" (leave requests): the nearest apps are staffing apps, but only 28% similar, under
    every inference threshold. MOR-011 uses the leaning only when MOR-002 already denies."""
    description = (
        "ASN Pemprov Kaltim mengajukan cuti tahunan, cuti sakit, dan cuti melahirkan; "
        "atasan langsung menyetujui berjenjang."
    )
    province = "Pemerintah Provinsi Kalimantan Timur"
    facts = match_facts(sample, "Si-CUTI Kaltim", description, "64", province, (), Thresholds())
    assert not facts["inferred"]
    # Only the province's own staffing app is listed (under `reuse`), for MOR-003's warning.
    assert all(s["own"] and s["score"] < Thresholds().reuse for s in facts["similar"]), facts["similar"]
    assert [(e["code"], e["owners"], e["basis"]) for e in facts["leaning"]] == [
        ("ADM-KEPEGAWAIAN", ["SHARED-SIASN"], "leaning")
    ]
    assert Thresholds().reuse_floor <= facts["leaning"][0]["score"] < Thresholds().reuse
    assert match_facts(sample, "Zzqx", "", "64", province, (), Thresholds())["leaning"] == []


def test_antri_is_a_queue_not_a_misspelt_santri(sample: MatchIndex) -> None:
    """Colloquial "antri" was unknown, so typo tolerance read it as "santri" (a pesantren pupil)."""
    assert sample.vector("Antri Puskesmas", "") == sample.vector("Antrean Puskesmas", "")


def test_an_acronym_only_name_reads_as_the_clause_that_introduces_it() -> None:
    """ "SIRUSA": its letters are not the prefixes of "Sistem Informasi Rujukan Statistik", but the
    description opens with that expansion and a colon, as the registry's own acronym-named apps do."""
    description = "Sistem Informasi Rujukan Statistik: konsep, definisi dan klasifikasi kegiatan statistik."
    assert expand_own_acronyms("SIRUSA", description, set()) == "sistem informasi rujukan statistik"
    assert expand_own_acronyms("SIRUSA Online", description, set()) == "sirusa online"  # not the name alone
    assert expand_own_acronyms("SIRUSA", "Konsep dan definisi statistik.", set()) == "sirusa"  # no clause
    long_clause = "Aplikasi yang dipakai semua unit kerja di seluruh provinsi dan kabupaten: konsep"
    assert expand_own_acronyms("SIRUSA", long_clause, set()) == "sirusa"  # a sentence, not an expansion


def test_a_typo_is_never_read_as_another_app_s_acronym(sample: MatchIndex) -> None:
    """ "SIMFONI-PPA" (violence against women and children) is one letter from SIMPONI, the shared
    non-tax revenue service: two apps' acronyms, not a misspelling."""
    assert "simponi" in sample.acronyms
    assert sample.features(["simfoni"], 1.0, correct_typos=True) == {"simfoni": 1.0}
    assert "kepegawaian" in sample.features(["kepegawain"], 1.0, correct_typos=True)  # a real typo still is one


def test_the_proposal_s_own_phrases_go_before_the_registry_s_place_words_break_them(sample: MatchIndex) -> None:
    """A module's host "SIMRS RSUD Bali" holds a region's name; stripped first, "bali" broke the
    phrase and left "simrs rsud" to weigh as what the module does."""
    host = "simrs rsud bali"
    assert sample.tokens("Modul Rujukan dan Ambulans SIMRS RSUD Bali", [host]) == ["rujukan", "ambulans"]
    ministry = "kementerian pemuda dan olahraga"  # a central agency's name is its "place" (place_of)
    assert sample.tokens("nota dinas di Kementerian Pemuda dan Olahraga", [ministry]) == ["nota", "dinas"]


def test_a_regional_unit_filing_as_its_own_agency_is_placed_by_its_region() -> None:
    assert place_of("Pemerintah Kabupaten Karawang") == "karawang"
    assert place_of("Pemerintah Provinsi Daerah Istimewa Yogyakarta") == "yogyakarta"
    assert place_of("RSUD Kabupaten Kudus") == "kudus"  # "RSUD" is what it does, not where
    assert place_of("Dinas Kesehatan Kota Bandung") == "bandung"
    assert place_of("Kementerian Pemuda dan Olahraga") == "kementerian pemuda dan olahraga"  # no region


def test_a_name_that_says_a_shared_function_outright_infers_it(sample: MatchIndex) -> None:
    """ "Kanal Aduan Pedagang Pasar": a complaint channel for market traders. The sector after the
    phrase pulls the nearest apps towards markets; the name still says what the app is."""
    description = "Pedagang menyampaikan keluhan soal kebersihan los dan pungutan retribusi."
    city = "Pemerintah Kota Makassar"
    facts = match_facts(sample, "Kanal Aduan Pedagang Pasar Terong", description, "73.71", city, (), Thresholds())
    # its description alone ("keluhan") reads like complaint apps first, since registry descriptions weigh more
    assert [(e["code"], e["owners"]) for e in facts["inferred"]] == [("LYN-PENGADUAN", ["SHARED-LAPOR"])]
    vec, _alone = sample.vectors("Kanal Aduan Pedagang Pasar Terong", description, ["makassar"])
    named = name_inference(sample, ["kanal", "aduan", "pedagang", "pasar", "terong"], vec, [], {}, set())
    assert [(e["code"], e["owners"], e["phrase"]) for e in named] == [("LYN-PENGADUAN", ["SHARED-LAPOR"], "aduan")]
    assert 0.0 < named[0]["score"] < 1.0  # how much the text reads like SP4N-LAPOR!'s own description
    plain = match_facts(sample, "Info Pedagang Pasar Terong", description, "73.71", city, (), Thresholds())
    assert all(e["basis"] != "name" for e in plain["inferred"])
    # "e-" is read with its word: "e-Katalog" is the procurement catalogue, "katalog" alone a library's too.
    hospital = "Pemerintah Kabupaten Kutai Kartanegara"
    facts = match_facts(sample, "e-Katalog Alkes RSUD", "Belanja alat kesehatan.", "64.02", hospital, (), Thresholds())
    assert [(e["code"], e["phrase"]) for e in facts["inferred"] if e["basis"] == "name"] == [
        ("ADM-PENGADAAN", "e katalog")
    ]


def test_only_phrases_with_one_meaning_name_a_function(sample: MatchIndex) -> None:
    """ "Lapor" is to report ("Wajib Lapor Tamu"); "e-Office" is the host a module is built on."""
    assert sample.function_named(["wajib", "lapor", "tamu"]) is None
    assert sample.function_named(["modul", "presensi", "pegawai", "office"]) is None
    assert sample.function_named(["naskah", "dinas", "elektronik", "sppg"]) == ("ADM-ARSIP", "naskah dinas")
    assert sample.function_named(["data", "exchange", "hub", "bansos"]) == ("INT-PERTUKARAN-DATA", "data exchange")
    assert sample.function_named(["single", "sign", "opd"]) == ("IDN-SSO", "single sign")  # "on" is a function word
    # The first phrase in the name says what the app is; what follows is whose or about what.
    assert sample.function_named(["aduan", "tender", "proyek"]) == ("LYN-PENGADUAN", "aduan")
    assert set(sample.function_names) <= set(sample.owners)  # only functions a shared service owns


def test_function_names_are_loaded_folded_and_without_comments(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.json"
    path.write_text(
        json.dumps({"groups": [], "names": {"$comment": "x", "ADM-ARSIP": ["Naskah-Dinas", "Tata Naskah"]}})
    )
    assert load_function_names(path) == {"ADM-ARSIP": ["naskah dinas", "tata naskah"]}
    path.write_text(json.dumps({"groups": []}))
    assert load_function_names(path) == {}


def test_an_auction_is_the_state_auction_not_only_a_tender(sample: MatchIndex) -> None:
    """ "e-Auction Aset", "State Auction Portal": DJKN's state auctions (lelang negara), not procurement."""
    auction = {f"~{c}" for c in sample.concepts["lelang negara"]}
    assert auction and auction <= set(sample.vector("e-Auction Aset", "", []))
    found = sample.similar("State Auction Portal", "", threshold=0.3, limit=3)
    assert any("Lelang Negara" in m.name for m in found)


def test_a_regions_budget_plan_is_read_as_the_regions_budgeting_not_the_ministries(sample: MatchIndex) -> None:
    """ "Penyusunan RKA SKPD" reads most like the ministries' budget apps (KEU-ANGGARAN-PUSAT, SAKTI's),
    which no region runs; a regency's own counterpart is regional planning and budgeting (SIPD's)."""
    name, description = (
        "Aplikasi Penyusunan RKA dan DPA SKPD",
        "Penyusunan rencana kerja dan anggaran perangkat daerah.",
    )
    regency = match_facts(sample, name, description, "17.01", "Pemerintah Kabupaten Bengkulu Selatan", (), Thresholds())
    read = [(e["code"], e["basis"], e.get("central")) for e in regency["inferred"]]
    assert ("KEU-PERENCANAAN-DAERAH", "counterpart", "KEU-ANGGARAN-PUSAT") in read
    assert "KEU-ANGGARAN-PUSAT" not in [code for code, _basis, _central in read]
    # SAKTI's accounting, read from the same words, goes with it: a regency is never sent to SAKTI.
    assert not [code for code, _basis, _central in read if code.endswith("-PUSAT")]
    ministry = match_facts(sample, name, description, "kemenkeu", "Kementerian Keuangan", (), Thresholds())
    assert "KEU-ANGGARAN-PUSAT" in [e["code"] for e in ministry["inferred"]]  # a ministry's reading stays
    assert "KEU-ANGGARAN-PUSAT" not in sample.regional_functions()
    assert "KEU-PERENCANAAN-DAERAH" in sample.regional_functions()


def test_no_function_name_phrase_shrinks_to_one_word() -> None:
    """ "Citizen app" folds to "citizen" ("app" says nothing), which names "Citizen Science" a super app:
    a phrase of two words or more must stay one when its function words go."""
    raw = json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))["names"]
    folded = load_function_names()
    for code, phrases in raw.items():
        if code.startswith("$"):
            continue
        for phrase in phrases:
            if len(fold_words(phrase)) > 1:
                kept = " ".join(w for w in fold_words(phrase) if w not in FUNCTION_WORDS)
                assert len(kept.split()) > 1 and kept in folded[code], (code, phrase)


def test_regional_words_for_complaints_floods_and_budget_documents(sample: MatchIndex) -> None:
    """ "Suroboyo Wadul" (Javanese: to complain), "Siaga Rob" (a tidal flood), "DPA" (a region's
    budget execution document, as DIPA is the ministries')."""
    assert sample.function_named(["suroboyo", "wadul"]) == ("LYN-PENGADUAN", "wadul")
    assert sample.function_named(["catatan", "kinerja", "harian", "petugas"]) == ("ADM-KINERJA", "catatan kinerja")
    assert sample.function_named(["e", "surat", "dinas", "pertanian"]) == ("ADM-ARSIP", "surat dinas")
    disaster = {f"~{c}" for c in sample.concepts["bencana"]}  # a flood is read as the registry's disaster
    assert disaster <= set(sample.vector("Jakut Siaga Rob", "", [])) and "rob" not in sample.vector("Siaga Rob", "", [])
    assert {f"~{c}" for c in sample.concepts["dipa"]} <= set(sample.vector("DPA SKPD Online", "", []))


def test_civil_servant_recruitment_names_the_staffing_service(sample: MatchIndex) -> None:
    """ "Rekrutmen PPPK dan CPNS Daerah": recruiting civil servants is SIASN's, whatever code is declared."""
    assert sample.function_named(["rekrutmen", "pppk", "cpns", "ketapang"]) == ("ADM-KEPEGAWAIAN", "pppk")
    assert sample.function_named(["absensi", "siswa"]) is None  # a pupil's attendance is no staffing phrase


def test_a_descriptions_unknown_words_count_together_as_one(sample: MatchIndex) -> None:
    """Listing the vaccines the registry never names must not drown "imunisasi" (index.vectors' docstring)."""
    listed = "Bidan mencatat vaksin BCG, polio, campak, rubela dan hepatitis untuk bayi di posyandu."
    vec, alone = sample.vectors("Pencatatan Imunisasi Bayi", listed)
    unknown = [f for f in vec if not (f in sample.idf or f in sample.english or f.startswith("~"))]
    assert len(unknown) >= 3, unknown  # the premise: several words no registry text uses
    assert len({round(vec[f], 9) for f in unknown}) == 1  # scaled alike
    best = sample.nearest(vec, threshold=0.3, limit=1)
    assert best and "imunisasi" in best[0].name.lower() and best[0].score >= 0.6  # 0.51 when each counted in full
    # The description read alone keeps every unknown word at full weight: the stricter reading.
    assert all(alone[f] > vec[f] for f in unknown)


def test_a_names_unknown_word_keeps_its_full_weight(sample: MatchIndex) -> None:
    """ "Kelelawar" in the name says what the nest tax is on; the description's four unknown words share one word's weight."""
    vec = sample.vectors(
        "Pajak Sarang Kelelawar", "Warga melaporkan penampakan buaya, biawak dan ular di muara sungai."
    )[0]
    described = [f for f in ("penampakan", "buaya", "biawak", "ular") if f in vec]
    assert len(described) == 4 and "kelelawar" in vec
    for feature in described:
        assert vec[feature] / vec["kelelawar"] == pytest.approx(DESCRIPTION_WEIGHT / math.sqrt(4), rel=1e-6)


@pytest.mark.parametrize(
    ("name", "word", "not_read_as"), [("Lapor Buaya", "buaya", "budaya"), ("Tiket Masuk Pantai", "pantai", "partai")]
)
def test_a_dictionary_word_is_not_a_typo(sample: MatchIndex, name: str, word: str, not_read_as: str) -> None:
    """A crocodile sighting is no culture report: a word of the Indonesian word list is never "corrected"."""
    vec = sample.vector(name, "")
    assert word in vec and not_read_as not in vec


def test_an_everyday_spelling_reads_as_the_dictionarys(sample: MatchIndex) -> None:
    """ "Atlit" and "ijasah" are words to a word list, not typos; SPELLINGS gives KBBI's atlet and ijazah."""
    vec = sample.vector("Sistim Informasi Atlit", "Legalisir ijasah atlit.")
    assert "atlet" in vec and "atlit" not in vec and "ijasah" not in vec


def test_only_own_apps_another_agencys_candidate_vouches_for_are_listed() -> None:
    """MOR-003 can name an own app under `reuse` only with other agencies' candidates of its function.

    The function is the evidence, so the own app is scored on its own even when it is too far from
    the text to be among the nearest apps, down to `own_code`.
    """

    def app(number: int, name: str, description: str, agency: str, function: str) -> dict[str, object]:
        return {
            "id": f"APP-{number}",
            "name": name,
            "description": description,
            "agency": {"code": agency, "name": "x", "level": "regency"},
            "functions": [function],
            "status": "active",
        }

    index = build_match_index(
        [
            app(1, "Trans Salak", "Jadwal bus kota dan halte.", "12.15", "TRN-ANGKUTAN"),
            app(2, "Parkir Salak", "Retribusi parkir tepi jalan.", "12.15", "LYN-PARKIR"),
            app(3, "Pelacak Bus Perdesaan", "Posisi bus perdesaan secara langsung.", "11.01", "TRN-ANGKUTAN"),
        ]
    )
    vec = index.vector("Pelacak Bus Perdesaan", "Jadwal bus.")
    found = index.nearest(vec, threshold=0.5, limit=60)
    assert ids(found) == ["APP-3"]  # the own bus app is too far to be found
    assert 0.01 < index.scores_of(vec, [0])[0] < 0.5

    # Not parking: no other agency's candidate serves it.
    assert ids(own_vouched(index, vec, found, "12.15", below=0.44, floor=0.01, exclude=())) == ["APP-1"]
    # Nothing vouches; the proposal replaces that app; under own_code; an own app vouches for nothing.
    assert own_vouched(index, vec, [], "12.15", below=0.44, floor=0.01, exclude=()) == []
    assert own_vouched(index, vec, found, "12.15", below=0.44, floor=0.01, exclude=["APP-1"]) == []
    assert own_vouched(index, vec, found, "12.15", below=0.44, floor=0.5, exclude=()) == []
    assert own_vouched(index, vec, found, "11.01", below=0.44, floor=0.01, exclude=()) == []


def test_an_own_app_of_the_function_is_named_from_a_faint_resemblance(sample: MatchIndex) -> None:
    """Pakpak Bharat's rural bus tracker (holdout58) reads like other regions' bus apps; the regency's own
    "Trans Pakpak Bharat" shares only a few words with it, under `reuse_floor`, and is the app to extend."""
    proposal = (
        "Pakpak Bharat Rural Bus Tracker",
        "Jadwal, rute dan posisi real-time bus perdesaan milik Pemkab yang melayani Salak dan kecamatan sekitarnya.",
        "12.15",
        "Pemerintah Kabupaten Pakpak Bharat",
        (),
    )
    facts = match_facts(sample, *proposal, Thresholds())
    own = {entry["id"]: entry for entry in facts["similar"] if entry["own"]}
    assert Thresholds().own_code <= own["APP-005629"]["score"] < Thresholds().reuse_floor
    assert any(not entry["own"] and "TRN-ANGKUTAN" in entry["functions"] for entry in facts["similar"])
    stricter = match_facts(sample, *proposal, Thresholds(own_code=0.5))
    assert "APP-005629" not in {entry["id"] for entry in stricter["similar"]}


def test_bulk_scoring_gives_every_app_the_same_float(sample: MatchIndex) -> None:
    """numpy (MatchIndex.score_in_bulk, the audit and large batches) and the pure-Python sum agree bit for bit.

    Same products added in the same order: the ranking, the ties and every printed score stay the
    same whichever path a run takes. Registry apps' own long texts and short proposals, at the
    suggestion threshold, at a high one and at 0 (every touched app).
    """
    import copy

    import yaml

    bulk = copy.copy(sample)
    bulk.score_in_bulk()
    assert sample._arrays is None and bulk._arrays == {}
    cases = yaml.safe_load((Path(__file__).resolve().parent.parent / "bench/duplicates/cases.yaml").read_text("utf-8"))
    texts = [(c["name"], c.get("description", "")) for c in cases["cases"]]
    from checker.registry.load import load_registry

    apps = sorted(load_registry(str(DEFAULT_REGISTRY)).apps.values(), key=lambda a: a["id"])
    texts += [(a["name"], a.get("description", "")) for a in apps[::250]]
    compared = 0
    for name, description in texts:
        vec = sample.vector(name, description)
        for threshold in (0.0, 0.05, 0.44):
            plain = sample.nearest(vec, threshold=threshold, limit=60, agency="32.15")
            assert bulk.nearest(vec, threshold=threshold, limit=60, agency="32.15") == plain, (name, threshold)
            compared += len(plain)
    assert compared > 5000
    assert bulk._arrays  # the numpy path ran


def test_a_brand_the_description_defines_meets_the_apps_that_do_the_same(sample: MatchIndex) -> None:
    """ "SIPANDAI" (holdout78) is no registry word and its letters do not quite spell the definition that
    follows it; read as an unknown word, it was corrected to BNPB's "SIPANDA" and nothing was named. Its
    definition reads like correspondence, which SRIKANDI owns."""
    facts = match_facts(
        sample,
        "SIPANDAI Kebumen",
        "SIPANDAI (Sistem Pengiriman Naskah dan Disposisi Antar Instansi): surat dari Bupati ke OPD dan sebaliknya"
        " tidak lagi dicetak; kepala dinas memberi disposisi lewat HP dan naskahnya tersimpan rapi per tahun.",
        "33.05",
        "Pemerintah Kabupaten Kebumen",
        (),
        Thresholds(),
    )
    assert [(f["code"], f["owners"]) for f in facts["inferred"]] == [("ADM-ARSIP", ["SHARED-SRIKANDI"])]
    assert "APP-001652" not in {entry["id"] for entry in facts["similar"]}  # BNPB's SIPANDA, a disaster app


def test_a_misspelt_word_of_the_agency_s_place_is_a_place_word(sample: MatchIndex) -> None:
    """ "Morotay" (holdout79) is Pulau Morotai misspelt: unknown, it weighed like the rarest word there is."""
    facts = match_facts(
        sample,
        "Kartu Nelayan Morotay",
        "Pendaftaran nelayan dan pembudidya ikan di Pulau Morotai untuk mendapat kartu nelayan, serta data hasil"
        " tangkapan yang dipasarkan.",
        "82.07",
        "Pemerintah Kabupaten Pulau Morotai",
        (),
        Thresholds(),
    )
    own = [entry["id"] for entry in facts["similar"] if entry["own"]]
    assert own == ["APP-025613"]  # e-Nelayan Pulau Morotai, named beside other regions' e-Nelayan


AKTA_JEMBER = (
    "Akta Lahir dari Rumah Jember",
    (
        "Orang tua di Jember bisa mengurus akta kelahiran bayi dan perubahan KK tanpa datang ke Dispendukcapil:"
        " unggah surat keterangan lahir dari bidan, nanti dokumen jadi bisa dicetak sendiri."
    ),
)


def test_a_region_s_own_app_as_close_as_the_nearest_is_marked(sample: MatchIndex) -> None:
    """holdout78: no app is a reuse candidate (other regions' "Dukcapil Online" copies score 0.39, under
    `reuse`), and the regency's own copy is as close as they are: that is the evidence (MOR-003 names it)."""
    facts = match_facts(sample, *AKTA_JEMBER, "35.09", "Pemerintah Kabupaten Jember", (), Thresholds())
    marked = [entry for entry in facts["similar"] if entry.get("own_nearest")]
    assert [entry["id"] for entry in marked] == ["APP-014767"]  # Dukcapil Online Jember
    assert marked[0]["own"] and Thresholds().own_nearest <= marked[0]["score"] < Thresholds().reuse
    # The share and the floor are the policy owner's.
    stricter = match_facts(
        sample, *AKTA_JEMBER, "35.09", "Pemerintah Kabupaten Jember", (), Thresholds(own_nearest=0.5)
    )
    assert not any(entry.get("own_nearest") for entry in stricter["similar"])
    nearer = Thresholds(own_nearest_share=1.01)
    assert not any(
        e.get("own_nearest") for e in match_facts(sample, *AKTA_JEMBER, "35.09", "Jember", (), nearer)["similar"]
    )
    # An app the proposal extends is no evidence against it.
    extended = match_facts(sample, *AKTA_JEMBER, "35.09", "Pemerintah Kabupaten Jember", ("APP-014767",), Thresholds())
    assert not any(entry.get("own_nearest") for entry in extended["similar"])


def test_a_ministry_s_own_app_nearest_to_its_proposal_is_no_evidence(sample: MatchIndex) -> None:
    """BMKG's instrument calibration schedule (holdout4, new) is nearest to BMKG's own apps: a ministry runs tens
    of apps of its functions, and a new one is always nearest to a sibling. Regions only."""
    facts = match_facts(
        sample,
        "Sistem Informasi Kalibrasi Peralatan MKG",
        "Penjadwalan dan sertifikat kalibrasi sensor meteorologi, klimatologi, dan geofisika di stasiun.",
        "bmkg",
        "Badan Meteorologi, Klimatologi, dan Geofisika",
        (),
        Thresholds(),
    )
    assert any(entry["own"] for entry in facts["similar"])  # BMKG's own apps are near...
    assert not any(entry.get("own_nearest") for entry in facts["similar"])  # ...and not marked


def test_a_module_s_host_named_without_its_region_is_stripped(sample: MatchIndex) -> None:
    """holdout78: "Menu baru di Sapa Warga" for the host "Sapa Warga Kabupaten Sukabumi"; left in, the module read
    like every other region's Sapa Warga instead of the regency's population-administration app it duplicates."""
    assert host_without_place(sample, "Sapa Warga Kabupaten Sukabumi") == ["sapa warga"]
    assert host_without_place(sample, "e-Kepegawaian Kabupaten Sukabumi") == []  # one word: kept
    facts = match_facts(
        sample,
        "Layanan Dukcapil di Sapa Warga Sukabumi",
        "Menu baru di Sapa Warga: warga Kabupaten Sukabumi mengajukan KK, akta dan pindah datang, lalu memantau"
        " status berkasnya.",
        "32.02",
        "Pemerintah Kabupaten Sukabumi",
        ("APP-011353",),
        Thresholds(),
        "Sapa Warga Kabupaten Sukabumi",
    )
    named = {entry["id"] for entry in facts["similar"]}
    assert "APP-011359" in named  # Sistem Layanan Administrasi Kependudukan Kabupaten Sukabumi
    assert not any("LYN-SUPERAPP" in entry["functions"] for entry in facts["similar"])
