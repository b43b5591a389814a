"""Shared fixtures: a tiny registry and tiny policies, so core tests do not depend on the sample data."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parent.parent

TINY_REGISTRY: dict[str, Any] = {
    "apiVersion": "spbe.go.id/v1",
    "kind": "Registry",
    "metadata": {"revision": "test-1", "synthetic": True},
    "taxonomy": [
        {"code": "LYN-PENGADUAN", "name": {"en": "Public complaints", "id": "Pengaduan masyarakat"}},
        {"code": "LYN-PARKIR", "name": {"en": "Parking", "id": "Perparkiran"}},
    ],
    "capabilities": {"identity": {"providers": ["SHARED-INAPAS"]}},
    "integration": {"bus": "SHARED-SPLP", "superApp": "SHARED-INAKU"},
    "apps": [
        {
            "id": "SHARED-LAPOR",
            "name": "SP4N-LAPOR!",
            "description": "Layanan aspirasi dan pengaduan online rakyat",
            "agency": {"code": "kemenpanrb", "name": "Kementerian PANRB", "level": "central"},
            "functions": ["LYN-PENGADUAN"],
            "status": "active",
            "shared": True,
            "audience": "public",
            "channels": ["web", "mobile"],
            "hosting": {"provider": "pdn", "site": "PDN-JABODETABEK", "country": "ID"},
            "url": "https://lapor.go.id",
        },
        {
            "id": "SHARED-INAPAS",
            "name": "INApas",
            "description": "Satu akun untuk layanan pemerintah",
            "agency": {"code": "peruri", "name": "Peruri", "level": "central"},
            "functions": ["IDN-SSO"],
            "status": "active",
            "shared": True,
            "audience": "public",
            "channels": ["web"],
            "hosting": {"provider": "pdn", "site": "PDN-JABODETABEK", "country": "ID"},
        },
        {
            "id": "APP-000001",
            "name": "Sistem Informasi Parkir Karawang",
            "description": "Pengelolaan retribusi parkir tepi jalan umum",
            "agency": {"code": "32.15", "name": "Pemerintah Kabupaten Karawang", "level": "regency"},
            "functions": ["LYN-PARKIR"],
            "status": "active",
            "shared": False,
            "audience": "public",
            "channels": ["web"],
            "hosting": {"provider": "agency-dc", "site": "Ruang server Diskominfo", "country": "ID"},
        },
        {
            "id": "APP-000002",
            "name": "e-Parkir Kota Bekasi",
            "description": "Pembayaran parkir non tunai di Kota Bekasi",
            "agency": {"code": "32.75", "name": "Pemerintah Kota Bekasi", "level": "regency"},
            "functions": ["LYN-PARKIR"],
            "status": "active",
            "shared": False,
            "audience": "public",
            "channels": ["mobile"],
            "hosting": {"provider": "commercial-cloud", "site": "Jakarta", "country": "ID"},
        },
        {
            "id": "APP-000003",
            "name": "Lapor Bupati Karawang",
            "description": "Pengaduan warga Karawang",
            "agency": {"code": "32.15", "name": "Pemerintah Kabupaten Karawang", "level": "regency"},
            "functions": ["LYN-PENGADUAN"],
            "status": "retired",
            "shared": False,
            "audience": "public",
            "channels": ["web"],
            "hosting": {"provider": "agency-dc", "site": "Ruang server", "country": "ID"},
        },
    ],
}

TINY_POLICY = """package spbe.demo

import rego.v1

# METADATA
# title: Parking is done by the registry
# description: Demo rule for core tests.
# custom:
#   id: SPBE-MOR-901
#   severity: deny
#   translations:
#     id:
#       title: Parkir sudah ada
#       description: Aturan contoh.
#   remediation:
#     en: Reuse it.
#     id: Gunakan ulang.
#   reference: test
deny contains v if {
	some i, code in input.manifest.spec.functions
	some owner in object.get(data.spbe.registry.function_reuse, code, [])
	v := {"rule": "SPBE-MOR-901", "field": sprintf("spec.functions[%d]", [i]),
	      "message": {"en": sprintf("%s exists", [owner.name]), "id": sprintf("%s sudah ada", [owner.name])},
	      "suggestions": [owner]}
}

# METADATA
# title: Hosting should be PDN
# custom:
#   id: SPBE-HST-901
#   severity: warn
#   remediation:
#     en: Move.
#     id: Pindah.
warn contains v if {
	input.manifest.spec.hosting.provider != data.spbe.config.preferred
	v := {"rule": "SPBE-HST-901", "field": "spec.hosting.provider",
	      "message": {"en": "not PDN", "id": "bukan PDN"}, "suggestions": []}
}
"""

TINY_PACK = json.dumps(
    {"pack": "spbe", "packages": ["spbe.demo"], "rules": ["SPBE-HST-901", "SPBE-MOR-901"], "data": ["spbe.config"]}
)

VALID_MANIFEST = """apiVersion: spbe.go.id/v1
kind: ApplicationProposal
metadata:
  id: karawang-contoh
  name: Contoh Karawang
  agency:
    code: "32.15"
    name: Pemerintah Kabupaten Karawang
  contact: diskominfo@karawangkab.go.id
spec:
  kind: module
  extends: SHARED-INAPAS
  description: Contoh modul.
  audience: government
  channels: [web]
  functions: [LYN-PARKIR]
  hosting:
    provider: pdn
    site: PDN-JABODETABEK
    country: ID
  data:
    criticality: low
    personalData: false
"""


@pytest.fixture
def tiny_registry() -> dict[str, Any]:
    return copy.deepcopy(TINY_REGISTRY)


@pytest.fixture
def registry_file(tmp_path: Path, tiny_registry: dict[str, Any]) -> Path:
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(tiny_registry), encoding="utf-8")
    return path


@pytest.fixture
def tiny_policies(tmp_path: Path) -> Path:
    root = tmp_path / "policies"
    (root / "spbe" / "config").mkdir(parents=True)
    (root / "spbe" / "demo.rego").write_text(TINY_POLICY, encoding="utf-8")
    (root / "spbe" / "config" / "data.json").write_text('{"preferred": "pdn"}', encoding="utf-8")
    (root / "spbe" / "pack.json").write_text(TINY_PACK, encoding="utf-8")
    return root


@pytest.fixture
def write(tmp_path: Path):
    """Write text (or bytes) to a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own registry cache, never the user's ~/.cache."""
    monkeypatch.setenv("SPBE_CHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
