"""Issue 11: proposals built to walk around the rules are caught, and right proposals pass.

Each case is a manifest a new user could write in five minutes, judged by the real
policies against the sample national registry, with the expected verdict, rule, field,
line and column, and the message in English and Bahasa Indonesia.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.judging.evaluate import Target, open_judge
from checker.model import Result
from checker.plumbing.paths import DEFAULT_REGISTRY, POLICIES_DIR

HEADER = """apiVersion: spbe.go.id/v1
kind: ApplicationProposal
metadata:
  id: karawang-uji-celah
  name: Uji Celah Karawang
  agency:
    code: "32.15"
    name: Pemerintah Kabupaten Karawang
  contact: diskominfo@karawangkab.go.id
spec:
"""

JUSTIFICATION = (
    "Tidak ada aplikasi terdaftar maupun layanan bersama yang melayani kebutuhan ini; "
    "SP4N-LAPOR dan INAku sudah dikaji bersama Kementerian PANRB dan tidak memuat fungsinya."
)

HOSTING = """  hosting:
    provider: pdn
    site: PDN-JABODETABEK
    drSite: PDN-BATAM
    country: ID
"""


def proposal(spec: str, hosting: str = HOSTING, data: str = "    criticality: low\n    personalData: false\n") -> str:
    return HEADER + spec + hosting + "  data:\n" + data


def at(text: str, marker: str) -> tuple[int, int]:
    """1-based line and column where `marker` starts (it must occur once)."""
    assert text.count(marker) == 1, marker
    before = text[: text.index(marker)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    verdict: str
    rule: str
    field: str
    marker: str  # where the reported value starts in the text
    en: str
    id: str


FISHERIES_ON_THE_BUS = proposal("""  kind: extension
  extends: SHARED-SPLP
  description: Aplikasi publik perizinan kapal dan pelaporan hasil tangkapan nelayan.
  audience: public
  channels: [web, mobile]
  functions: [PTN-PERIKANAN]
  uses:
    identity: SHARED-INAPAS
""")

NEW_WITH_EXTENDS = proposal(f"""  kind: new
  extends: APP-011970
  justification: {JUSTIFICATION}
  description: Parkir tepi jalan dengan sensor lapangan.
  audience: internal
  channels: [web]
  functions: [LYN-PARKIR]
""")

TYPO_CAPABILITY = proposal("""  kind: module
  extends: SHARED-INAKU
  description: Antrean layanan perizinan di Mal Pelayanan Publik.
  audience: public
  channels: [mobile]
  functions: [LYN-PERIZINAN]
  uses:
    identiti: SHARED-INAPAS
""")

INDONESIAN_CAPABILITIES = proposal("""  kind: module
  extends: SHARED-INAKU
  description: Antrean layanan perizinan di Mal Pelayanan Publik.
  audience: public
  channels: [mobile]
  functions: [LYN-PERIZINAN]
  uses:
    identitas: self
    login: self
    tte: self
    pembayaran: self
""")

API_CHANNEL_WITHOUT_API = proposal("""  kind: module
  extends: SHARED-INAKU
  description: Data antrean perizinan untuk aplikasi lain.
  audience: government
  channels: [api]
  functions: [LYN-PERIZINAN]
""")

SERVER_ROOM_CALLED_PDN = proposal(
    """  kind: module
  extends: SHARED-INAKU
  description: Perizinan usaha daerah sebagai modul INAku.
  audience: public
  channels: [web]
  functions: [LYN-PERIZINAN]
  uses:
    identity: SHARED-INAPAS
""",
    hosting="""  hosting:
    provider: pdn
    site: Ruang Server Diskominfo
    drSite: PDN-BATAM
    country: ID
""",
    data="    criticality: high\n    personalData: true\n",
)

FREE_TEXT_RECOVERY_ABROAD = SERVER_ROOM_CALLED_PDN.replace(
    "site: Ruang Server Diskominfo\n    drSite: PDN-BATAM",
    "site: PDN-JABODETABEK\n    drSite: AWS ap-southeast-1 Singapore",
)

STRUCTURED_RECOVERY_ABROAD = SERVER_ROOM_CALLED_PDN.replace(
    "site: Ruang Server Diskominfo\n    drSite: PDN-BATAM",
    "site: PDN-JABODETABEK\n    drSite:\n      provider: commercial-cloud\n      site: AWS ap-southeast-1\n      country: SG",
)

SAME_SITE_OTHER_CASE = SERVER_ROOM_CALLED_PDN.replace(
    "site: Ruang Server Diskominfo\n    drSite: PDN-BATAM", "site: PDN-JABODETABEK\n    drSite: pdn-jabodetabek"
).replace("criticality: high", "criticality: strategic")

FILLER_JUSTIFICATION = proposal(f"""  kind: new
  justification: {"x" * 100}
  description: Pengelolaan angkutan sekolah.
  audience: internal
  channels: [web]
  functions: [TRN-ANGKUTAN]
""")

CASES = [
    Case(
        "any extension skips the moratorium",
        FISHERIES_ON_THE_BUS,
        "fail",
        "SPBE-MOR-009",
        "spec.functions[0]",
        "PTN-PERIKANAN]",
        "SPLP (SHARED-SPLP) does not run function PTN-PERIKANAN",
        "tidak menjalankan fungsi PTN-PERIKANAN",
    ),
    Case(
        "kind new with extends",
        NEW_WITH_EXTENDS,
        "invalid",
        "SPBE-SCH-003",
        "spec.extends",
        "APP-011970",
        "spec.extends is not allowed with spec.kind new",
        "spec.extends tidak diizinkan untuk spec.kind new",
    ),
    Case(
        "capability typo",
        TYPO_CAPABILITY,
        "invalid",
        "SPBE-SCH-003",
        "spec.uses.identiti",
        "SHARED-INAPAS\n",
        "Unknown capability identiti in spec.uses",
        "Maksud Anda identity?",
    ),
    Case(
        "api channel without an API",
        API_CHANNEL_WITHOUT_API,
        "fail",
        "SPBE-INT-007",
        "spec.channels[0]",
        "api]",
        "offered through the api channel but declares no API",
        "tidak menyebut API apa pun",
    ),
    Case(
        "pdn with a server room site",
        SERVER_ROOM_CALLED_PDN,
        "fail",
        "SPBE-HST-006",
        "spec.hosting.site",
        "Ruang Server Diskominfo",
        "site Ruang Server Diskominfo is not a PDN site",
        "lokasi Ruang Server Diskominfo bukan lokasi PDN",
    ),
    Case(
        "free-text recovery site abroad",
        FREE_TEXT_RECOVERY_ABROAD,
        "fail",
        "SPBE-HST-007",
        "spec.hosting.drSite",
        "AWS ap-southeast-1 Singapore",
        "Recovery site AWS ap-southeast-1 Singapore is free text",
        "berupa teks bebas",
    ),
    Case(
        "structured recovery site abroad",
        STRUCTURED_RECOVERY_ABROAD,
        "fail",
        "SPBE-HST-004",
        "spec.hosting.drSite.country",
        "SG\n",
        "The recovery copy of the system is in SG",
        "Salinan pemulihan sistem ini berada di SG",
    ),
    Case(
        "same-site recovery in other letter case",
        SAME_SITE_OTHER_CASE,
        "fail",
        "SPBE-HST-002",
        "spec.hosting.drSite",
        "pdn-jabodetabek",
        "its recovery site is the same site as production",
        "lokasi pemulihannya sama dengan lokasi produksi",
    ),
    Case(
        "justification of 100 x",
        FILLER_JUSTIFICATION,
        "fail",
        "SPBE-MOR-001",
        "spec.justification",
        "x" * 100,
        "spec.justification looks like filler",
        "spec.justification tampak sebagai isian kosong",
    ),
]


@pytest.fixture(scope="module")
def judge():
    return open_judge(POLICIES_DIR, str(DEFAULT_REGISTRY), None, "embedded")


def judged(judge, tmp_path: Path, text: str) -> Result:
    path = tmp_path / "manifests" / "uji.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    (result,) = judge.check([Target(path, "manifests/uji.yaml", True)], root=tmp_path).results
    return result


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_walk_around_is_caught(judge, tmp_path, case: Case):
    result = judged(judge, tmp_path, case.text)
    assert result.verdict == case.verdict, [(v.rule, v.field, v.message.en) for v in result.violations]
    found = [v for v in result.violations if v.rule == case.rule and v.field == case.field]
    assert found, [(v.rule, v.field) for v in result.violations]
    (violation,) = found
    assert violation.severity == "deny"
    assert (violation.line, violation.column) == at(case.text, case.marker)
    assert case.en in violation.message.en
    assert case.id in violation.message.id


def test_indonesian_capability_names_are_invalid_with_hints_where_the_catalogue_has_them(judge, tmp_path):
    result = judged(judge, tmp_path, INDONESIAN_CAPABILITIES)
    assert result.verdict == "invalid"
    messages = {v.field: v.message for v in result.violations}
    assert set(messages) == {"spec.uses.identitas", "spec.uses.login", "spec.uses.tte", "spec.uses.pembayaran"}
    assert messages["spec.uses.identitas"].en.endswith("Did you mean identity?")
    assert messages["spec.uses.pembayaran"].id.endswith("Maksud Anda payment?")
    assert "identity, maps, notification, payment, signature, storage" in messages["spec.uses.login"].en


def test_lower_case_pdn_codes_are_accepted(judge, tmp_path):
    text = SAME_SITE_OTHER_CASE.replace("drSite: pdn-jabodetabek", "drSite: pdn-batam")
    result = judged(judge, tmp_path, text)
    assert not [v for v in result.violations if v.rule.startswith("SPBE-HST")], result.violations


def test_a_lapor_module_retiring_the_own_complaints_app_passes(judge, tmp_path):
    """MOR-002's advice, followed: it must not fail MOR-006 because the host is not INAku."""
    text = proposal(
        """  kind: module
  extends: SHARED-LAPOR
  replaces: [APP-011964]
  description: Kanal pengaduan warga Karawang sebagai modul SP4N-LAPOR!, menggantikan Suara Warga Karawang.
  audience: public
  channels: [web, mobile]
  functions: [LYN-PENGADUAN]
  uses:
    identity: SHARED-INAPAS
""",
        data="    criticality: low\n    personalData: true\n",
    )
    result = judged(judge, tmp_path, text)
    assert result.verdict == "pass", [(v.rule, v.message.en) for v in result.violations]


def test_an_extension_of_siasn_is_not_told_to_extend_the_local_app(judge, tmp_path):
    text = proposal("""  kind: extension
  extends: SHARED-SIASN
  description: Penilaian kompetensi ASN Karawang di SIASN.
  audience: government
  channels: [web]
  functions: [ADM-KEPEGAWAIAN]
  uses:
    identity: SHARED-INAPAS
""")
    result = judged(judge, tmp_path, text)
    # Other agencies' competence-assessment apps may be named as reuse candidates (MOR-004, a warning);
    # the agency's own SIASN-owned function is never a reason to deny or to extend a local app.
    assert result.verdict != "fail", [(v.rule, v.message.en) for v in result.violations]
    assert not {"SPBE-MOR-002", "SPBE-MOR-003"} & {v.rule for v in result.violations}, result.violations


def test_an_unknown_capability_is_located_like_a_schema_error(judge, tmp_path):
    """End position and line hash, as SARIF and GitHub annotations need, as for every schema error."""
    result = judged(judge, tmp_path, TYPO_CAPABILITY)
    (violation,) = result.violations
    assert (violation.line, violation.end_line) == (at(TYPO_CAPABILITY, "SHARED-INAPAS\n")[0],) * 2
    assert violation.end_column and violation.end_column > violation.column and violation.line_hash


def test_a_module_that_rebuilds_a_registered_app_is_told_despite_naming_its_host(judge, tmp_path):
    """The host's name ("di INAku") is stripped before matching: it must not dilute what the module does."""
    text = proposal("""  kind: module
  extends: SHARED-INAKU
  description: Warga mengambil nomor antrean puskesmas dan mendaftar poli dari aplikasi INAku.
  audience: public
  channels: [mobile]
  functions: [KES-PUSKESMAS]
  uses:
    identity: SHARED-INAPAS
""").replace("name: Uji Celah Karawang", "name: Antrean Puskesmas Karawang di INAku")
    result = judged(judge, tmp_path, text)
    near = [v for v in result.violations if v.rule == "SPBE-MOR-005"]
    assert near, [(v.rule, v.message.en) for v in result.violations]
    assert all(s.id != "SHARED-INAKU" for s in near[0].suggestions)
    assert "Antrean" in near[0].message.en
