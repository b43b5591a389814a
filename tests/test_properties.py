"""Property-based tests (Hypothesis) with the real policies and the sample national registry.

For any generated manifest the tool returns one of the four verdicts, never raises, and
reports the same verdict through every output format and both languages. For any manifest
that passes, building a mandatory capability in-house or moving hosting to an agency data
centre makes it fail.
"""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checker.formats import render
from checker.judging.evaluate import Target, open_judge
from checker.model import Report
from checker.plumbing.paths import DEFAULT_REGISTRY, POLICIES_DIR, PROJECT_ROOT

BASE_FILE = PROJECT_ROOT / "manifests" / "kabupaten-karawang" / "perizinan-inaku.yaml"
BASE = yaml.safe_load(BASE_FILE.read_text(encoding="utf-8"))
VERDICT_WORDS = {
    "PASS": "pass",
    "WARN": "warn",
    "FAIL": "fail",
    "INVALID": "invalid",
    "LULUS": "pass",
    "PERINGATAN": "warn",
    "GAGAL": "fail",
    "TIDAK SAH": "invalid",
}


@pytest.fixture(scope="module")
def judge():
    return open_judge(POLICIES_DIR, str(DEFAULT_REGISTRY), None, "embedded")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("props")
    (folder / "apis").mkdir()
    (folder / "apis" / "perizinan.yaml").write_text("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n")
    return folder


anything = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
field_paths = st.sampled_from(
    [
        ("metadata", "id"),
        ("metadata", "name"),
        ("metadata", "agency", "code"),
        ("spec", "kind"),
        ("spec", "extends"),
        ("spec", "audience"),
        ("spec", "channels"),
        ("spec", "functions"),
        ("spec", "uses", "identity"),
        ("spec", "uses", "payment"),
        ("spec", "hosting", "provider"),
        ("spec", "hosting", "site"),
        ("spec", "hosting", "drSite"),
        ("spec", "hosting", "country"),
        ("spec", "data", "criticality"),
        ("spec", "data", "personalData"),
        ("spec", "interoperability", "apis"),
        ("spec", "justification"),
        ("spec", "replaces"),
        ("spec", "budget"),
        ("kind",),
        ("extra",),
    ]
)
plausible = {
    ("spec", "kind"): st.sampled_from(["new", "extension", "module", "replacement"]),
    ("spec", "extends"): st.sampled_from(["SHARED-INAKU", "SHARED-LAPOR", "APP-000001", "NOPE-404"]),
    ("spec", "audience"): st.sampled_from(["public", "government", "internal"]),
    ("spec", "channels"): st.lists(
        st.sampled_from(["web", "mobile", "api", "desktop"]), min_size=1, max_size=4, unique=True
    ),
    ("spec", "functions"): st.lists(
        st.sampled_from(["LYN-PERIZINAN", "LYN-PENGADUAN", "ADM-ARSIP", "LYN-PARKIR", "XYZ-NONE"]),
        min_size=1,
        max_size=3,
        unique=True,
    ),
    ("spec", "uses", "identity"): st.sampled_from(["SHARED-INAPAS", "SHARED-IKD", "self", "SHARED-BSRE", "APP-000001"]),
    ("spec", "uses", "payment"): st.sampled_from(["SHARED-SIMPONI", "self", "APP-000002"]),
    ("spec", "hosting", "provider"): st.sampled_from(["pdn", "gov-cloud", "agency-dc", "commercial-cloud"]),
    ("spec", "hosting", "site"): st.sampled_from(["PDN-JABODETABEK", "PDN-BATAM", "PDN-IKN", "Ruang server"]),
    ("spec", "hosting", "drSite"): st.sampled_from(["PDN-BATAM", "PDN-JABODETABEK", "PDN-LABUANBAJO", "Gedung B"]),
    ("spec", "hosting", "country"): st.sampled_from(["ID", "SG", "US"]),
    ("spec", "data", "criticality"): st.sampled_from(["strategic", "high", "low"]),
    ("spec", "data", "personalData"): st.booleans(),
}


@st.composite
def manifests(draw):
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(0, 4))):
        path = draw(field_paths)
        value = draw(plausible[path] if path in plausible and draw(st.booleans()) else anything)
        node = doc
        for key in path[:-1]:
            if not isinstance(node.get(key), dict):
                node[key] = {}
            node = node[key]
        if draw(st.integers(0, 9)) == 0:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = value
    return doc


def judge_doc(judge, folder: Path, doc) -> Report:
    path = folder / "m.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return judge.check([Target(path, "m.yaml", True)], root=folder)


def verdicts_in_every_format(report) -> set[str]:
    seen = set()
    for lang in ("en", "id"):
        seen.add(json.loads(render("json", report, lang))["results"][0]["verdict"])
        sarif = json.loads(render("sarif", report, lang))
        seen.add(sarif["runs"][0]["artifacts"][0]["properties"]["verdict"])
        github = render("github", report, lang)
        seen.add(re.search(r"^spbe-check: (pass|warn|fail|invalid) m\.yaml", github, re.MULTILINE).group(1))
        text = render("text", report, lang)
        word = re.match(r"^(PASS|WARN|FAIL|INVALID|LULUS|PERINGATAN|GAGAL|TIDAK SAH)\b", text).group(1)
        seen.add(VERDICT_WORDS[word])
        suite = ET.fromstring(render("junit", report, lang)).find("testsuite")
        case = suite.find("testcase")
        failure = case.find("failure") if case.find("failure") is not None else case.find("error")
        seen.add(
            failure.get("type") if failure is not None else ("warn" if report.results[0].verdict == "warn" else "pass")
        )
    return seen


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=manifests())
def test_any_manifest_gets_one_verdict_in_every_format(judge, workdir, doc):
    report = judge_doc(judge, workdir, doc)
    (result,) = report.results
    assert result.verdict in ("pass", "warn", "fail", "invalid")
    assert verdicts_in_every_format(report) == {result.verdict}


PDN_PAIRS = [
    ("PDN-JABODETABEK", "PDN-BATAM"),
    ("PDN-BATAM", "PDN-IKN"),
    ("PDN-IKN", "PDN-LABUANBAJO"),
    ("PDN-LABUANBAJO", "PDN-JABODETABEK"),
]


@st.composite
def compliant_variants(draw):
    """Variations of the compliant example that a policy owner would still accept."""
    doc = copy.deepcopy(BASE)
    doc["metadata"]["name"] = draw(
        st.sampled_from(
            ["Perizinan Usaha Karawang di INAku", "Izin Online Karawang", "Layanan Izin Terpadu", "Modul Perizinan"]
        )
    )
    doc["metadata"]["id"] = draw(st.from_regex(r"[a-z][a-z0-9-]{3,20}", fullmatch=True))
    doc["spec"]["channels"] = draw(
        st.lists(st.sampled_from(["web", "mobile", "api"]), min_size=1, max_size=3, unique=True)
    )
    doc["spec"]["uses"]["identity"] = draw(st.sampled_from(["SHARED-INAPAS", "SHARED-IKD"]))
    site, dr_site = draw(st.sampled_from(PDN_PAIRS))
    doc["spec"]["hosting"].update(site=site, drSite=dr_site)
    doc["spec"]["data"] = {
        "criticality": draw(st.sampled_from(["strategic", "high", "low"])),
        "personalData": draw(st.booleans()),
    }
    if draw(st.booleans()):
        doc["spec"].pop("budget", None)
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=compliant_variants(), breakage=st.sampled_from(["identity-self", "identity-other", "agency-dc"]))
def test_a_passing_manifest_fails_without_shared_services_or_pdn(judge, workdir, doc, breakage):
    before = judge_doc(judge, workdir, doc).results[0]
    assume(before.verdict in ("pass", "warn"))
    broken = copy.deepcopy(doc)
    uses = broken["spec"].setdefault("uses", {})
    if breakage == "identity-self":
        uses["identity"] = "self"
    elif breakage == "identity-other":
        uses["identity"] = "SHARED-BSRE"  # a registered shared service, but not a mandatory identity provider
    else:
        broken["spec"]["hosting"]["provider"] = "agency-dc"
    after = judge_doc(judge, workdir, broken).results[0]
    assert after.verdict == "fail", [(v.rule, v.message.en) for v in after.violations]


def test_the_base_example_passes(judge, workdir):
    assert judge_doc(judge, workdir, BASE).results[0].verdict in ("pass", "warn")
