"""Duplicate clusters: what joins apps, what never does, and that no all-pairs loop is needed."""

from __future__ import annotations

import itertools
from functools import lru_cache
from typing import Any

import pytest

from checker.audit import clusters as clusters_module
from checker.audit.clusters import find_clusters
from checker.matching import MatchIndex
from checker.plumbing.paths import DEFAULT_REGISTRY
from checker.registry.compiled import load_compiled

REGIONS = {
    "32.15": "Pemerintah Kabupaten Karawang",
    "32.75": "Pemerintah Kota Bekasi",
    "32.01": "Pemerintah Kabupaten Bogor",
    "33.74": "Pemerintah Kota Semarang",
    "35.78": "Pemerintah Kota Surabaya",
    "32": "Pemerintah Provinsi Jawa Barat",
}
THRESHOLDS = {"name_threshold": 0.8, "description_threshold": 0.85}


@lru_cache(maxsize=1)
def matcher() -> MatchIndex:
    """The sample registry's one matcher: its learnt word weights and place names score the test apps."""
    return load_compiled(str(DEFAULT_REGISTRY)).matcher


def app(app_id: str, name: str, code: str, function: str, description: str = "", **extra: Any) -> dict[str, Any]:
    level = "central" if not code[:2].isdigit() else ("province" if len(code) == 2 else "regency")
    return {
        "id": app_id,
        "name": name,
        "description": description or f"Aplikasi {app_id}",
        "agency": {"code": code, "name": REGIONS.get(code, code), "level": level},
        "functions": [function],
        "status": "active",
        "shared": False,
        **extra,
    }


def clusters_of(apps: list[dict[str, Any]], owners: dict[str, list[str]] | None = None) -> list[set[str]]:
    found = find_clusters(apps, index=matcher(), owners=owners or {}, names={}, **THRESHOLDS)
    return [set(c.apps) for c in found]


def test_obviously_duplicated_names_form_one_cluster() -> None:
    apps = [
        app("APP-1", "SIMPEG Kabupaten Karawang", "32.15", "ADM-KEPEGAWAIAN"),
        app("APP-2", "Simpeg Kota Bekasi", "32.75", "ADM-KEPEGAWAIAN"),
        app("APP-3", "e-SIMPEG Kab. Bogor", "32.01", "ADM-KEPEGAWAIAN"),
        app("APP-4", "Sistem Informasi Parkir Karawang", "32.15", "LYN-PARKIR"),
    ]
    assert clusters_of(apps) == [{"APP-1", "APP-2", "APP-3"}]


def test_near_identical_names_join_across_word_order_and_generic_words() -> None:
    apps = [
        app("APP-1", "Sistem Informasi Pelayanan Perizinan Terpadu Karawang", "32.15", "LYN-PERIZINAN"),
        app("APP-2", "Aplikasi Perizinan Pelayanan Kota Bekasi", "32.75", "LYN-PERIZINAN"),
        app("APP-3", "Perizinan Pelayanan Online Surabaya", "35.78", "LYN-PERIZINAN"),
    ]
    assert clusters_of(apps) == [{"APP-1", "APP-2", "APP-3"}]


def test_a_shared_place_name_never_makes_a_cluster() -> None:
    apps = [
        app("APP-1", "Lapor Karawang", "32.15", "LYN-LAYANAN", "Layanan untuk warga Kabupaten Karawang"),
        app("APP-2", "Parkir Karawang", "32.15", "LYN-LAYANAN", "Layanan untuk warga Kabupaten Karawang"),
        app("APP-3", "Karawang Juara", "32.15", "LYN-LAYANAN", "Layanan untuk warga Kabupaten Karawang"),
        app("APP-4", "Pasar Kabupaten Karawang", "32.15", "LYN-LAYANAN", "Layanan untuk warga Kabupaten Karawang"),
        app("APP-5", "Portal Jawa Barat", "32", "LYN-LAYANAN"),
        app("APP-6", "Website Kota Bekasi", "32.75", "LYN-LAYANAN"),
    ]
    assert clusters_of(apps) == []


def test_names_of_generic_words_and_places_only_are_grouped_by_description() -> None:
    # "Sistem Informasi" is in thousands of the registry's names: the matcher gives it no weight.
    text = "Dasbor kota cerdas: lalu lintas, pengaduan, dan layanan warga dalam satu aplikasi"
    apps = [
        app("APP-1", "Sistem Informasi Karawang", "32.15", "LYN-KOTA", text + " Kabupaten Karawang."),
        app("APP-2", "Sistem Informasi Kota Bekasi", "32.75", "LYN-KOTA", text + " Kota Bekasi."),
        app("APP-3", "Sistem Informasi Semarang", "33.74", "LYN-KOTA", "Peta jalan rusak"),
        app("APP-4", "Lalu Lintas Surabaya", "35.78", "LYN-KOTA", text + " Kota Surabaya."),
    ]
    found = find_clusters(apps, index=matcher(), owners={}, names={}, **THRESHOLDS)
    assert [set(c.apps) for c in found] == [{"APP-1", "APP-2"}]
    assert found[0].label == "sistem informasi"


def test_different_functions_are_different_clusters() -> None:
    apps = [
        app("APP-1", "e-Office Karawang", "32.15", "ADM-ARSIP"),
        app("APP-2", "e-Office Bekasi", "32.75", "ADM-ARSIP"),
        app("APP-3", "e-Office Bogor", "32.01", "ADM-KEPEGAWAIAN"),
    ]
    found = find_clusters(apps, index=matcher(), owners={}, names={}, **THRESHOLDS)
    assert [(c.function, set(c.apps)) for c in found] == [("ADM-ARSIP", {"APP-1", "APP-2"})]


def test_a_short_name_inside_a_longer_one_does_not_chain_unrelated_apps() -> None:
    apps = [
        app("APP-1", "Parkir Karawang", "32.15", "LYN-RETRIBUSI"),
        app("APP-2", "Parkir Retribusi Bekasi", "32.75", "LYN-RETRIBUSI"),
        app("APP-3", "Retribusi Bogor", "32.01", "LYN-RETRIBUSI"),
        app("APP-4", "Parkir Semarang", "33.74", "LYN-RETRIBUSI"),
    ]
    assert clusters_of(apps) == [{"APP-1", "APP-4"}]


def test_retired_and_shared_apps_are_not_clustered() -> None:
    apps = [
        app("APP-1", "SIMPEG Karawang", "32.15", "ADM-KEPEGAWAIAN"),
        app("APP-2", "SIMPEG Bekasi", "32.75", "ADM-KEPEGAWAIAN", status="retired"),
        app("SHARED-X", "SIMPEG Nasional", "bkn", "ADM-KEPEGAWAIAN", shared=True),
    ]
    assert clusters_of(apps) == []


def test_target_is_the_shared_service_owning_the_function() -> None:
    apps = [
        app(f"APP-{i}", f"SIMPEG {place}", code, "ADM-KEPEGAWAIAN")
        for i, (code, place) in enumerate([("32.15", "Karawang"), ("32.75", "Bekasi")])
    ]
    found = find_clusters(
        apps,
        index=matcher(),
        owners={"ADM-KEPEGAWAIAN": ["SHARED-SIASN"]},
        names={"SHARED-SIASN": "SIASN"},
        **THRESHOLDS,
    )
    assert found[0].target.id == "SHARED-SIASN" and found[0].target.kind == "shared-service"
    assert found[0].target.name == "SIASN"
    assert found[0].agencies == ("32.15", "32.75")


def test_target_without_owner_is_the_most_central_member() -> None:
    apps = [
        app("APP-1", "e-Bansos Karawang", "32.15", "SOS-BANSOS"),
        app("APP-2", "e-Bansos Jawa Barat", "32", "SOS-BANSOS"),
        app("APP-3", "Bansos Online Kemensos", "kemensos", "SOS-BANSOS"),
        app("APP-4", "e-Bansos Bekasi", "32.75", "SOS-BANSOS"),
    ]
    found = find_clusters(apps, index=matcher(), owners={}, names={}, **THRESHOLDS)
    assert found[0].target.id == "APP-3" and found[0].target.kind == "cluster-member"
    assert found[0].label == "bansos"


def test_threshold_comes_from_the_caller() -> None:
    apps = [
        app("APP-1", "Retribusi Pasar Karawang", "32.15", "EKO-PASAR"),
        app("APP-2", "Retribusi Pasar Rakyat Bekasi", "32.75", "EKO-PASAR"),
    ]
    strict = find_clusters(apps, index=matcher(), owners={}, names={}, name_threshold=0.99, description_threshold=0.99)
    loose = find_clusters(apps, index=matcher(), owners={}, names={}, name_threshold=0.7, description_threshold=0.99)
    assert strict == [] and [set(c.apps) for c in loose] == [{"APP-1", "APP-2"}]


def test_comparisons_stay_far_below_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 apps of one function with 400 distinct names: scored pairs << n(n-1)/2."""
    syllables = ["ka", "ri", "mu", "to", "sa", "le", "po", "ne", "di", "ga"]
    words = ["".join(p) for p in itertools.product(syllables, repeat=3)][:400]
    regions = list(REGIONS.items())
    apps = [
        app(
            f"APP-{i:05d}",
            f"Layanan {words[i % 400]} {REGIONS[regions[i % 5][0]].split()[-1]}",
            regions[i % 5][0],
            "LYN-UJI",
        )
        for i in range(2000)
    ]
    scored = 0
    real_cosine = clusters_module.cosine

    def counting(a: dict[str, float], b: dict[str, float]) -> float:
        nonlocal scored
        scored += 1
        return real_cosine(a, b)

    monkeypatch.setattr(clusters_module, "cosine", counting)
    found = find_clusters(apps, index=matcher(), owners={}, names={}, **THRESHOLDS)
    assert scored < 2000 * 1999 / 2 / 100
    assert len(found) == 400 and all(c.size == 5 for c in found)


def test_sample_registry_clusters_quickly_and_never_by_place() -> None:
    from checker.registry.load import load_registry, policy_index

    registry = load_registry(DEFAULT_REGISTRY)
    apps = list(registry.apps.values())
    index = matcher()
    import time

    start = time.process_time()
    found = find_clusters(
        apps,
        index=index,
        owners=policy_index(registry)["function_owners"],
        names={a["id"]: a["name"] for a in apps},
        **THRESHOLDS,
    )
    assert time.process_time() - start < 10.0  # a guard against an all-pairs loop (about 0.2 s CPU), not a benchmark
    assert len(found) > 100
    for cluster in found:
        if any(index.name_key(registry.apps[i]["name"]) for i in cluster.apps):
            assert cluster.label and index.name_key(cluster.label) == cluster.label, cluster  # no place name left
        assert cluster.size >= 2
        assert all(cluster.function in registry.apps[i]["functions"] for i in cluster.apps)
    by_function = {c.function: c for c in found if c.target.kind == "shared-service"}
    assert by_function["ADM-KEPEGAWAIAN"].target.id == "SHARED-SIASN"
