# Fixtures shared by the policy unit tests: a small registry index in the shape
# of data.spbe.registry, a compliant proposal, and helpers to derive variants.
#
# This file ends in _test.rego so that it is never loaded to judge real
# manifests; its package does not end in _test because it holds no tests.
package spbe.testdata

import rego.v1

app(name, agency, level, status, shared) := {
	"name": name,
	"agency": agency,
	"level": level,
	"status": status,
	"shared": shared,
}

registry := {
	"revision": "test-1",
	"apps": {
		"SHARED-LAPOR": app("SP4N-LAPOR!", "kemenpanrb", "central", "active", true),
		"SHARED-INAKU": app("INAku", "peruri", "central", "active", true),
		"SHARED-SPLP": app("Sistem Penghubung Layanan Pemerintah", "komdigi", "central", "active", true),
		"SHARED-INAPAS": app("INApas", "peruri", "central", "active", true),
		"SHARED-IKD": app("Identitas Kependudukan Digital", "kemendagri", "central", "active", true),
		"SHARED-BSRE": app("Balai Sertifikasi Elektronik", "bssn", "central", "active", true),
		"SHARED-SIMPONI": app("SIMPONI", "kemenkeu", "central", "active", true),
		"SHARED-SATUDATA": app("Portal Satu Data Indonesia", "bappenas", "central", "active", true),
		"SHARED-SRIKANDI": app("SRIKANDI", "anri", "central", "active", true),
		"SHARED-PETA-LAMA": app("Peta Lama", "big", "central", "retired", true),
		"SHARED-SIASN": app("SIASN", "bkn", "central", "active", true),
		"SHARED-SIPD": app("SIPD", "kemendagri", "central", "active", true),
		"APP-000101": app("E-Parkir Karawang", "32.15", "regency", "active", false),
		"APP-000102": app("SIMPEG Karawang", "32.15", "regency", "retired", false),
		"APP-000103": app("Aduan Warga Karawang", "32.15", "regency", "active", false),
		"APP-000104": app("Kompetensi ASN Karawang", "32.15", "regency", "active", false),
		"APP-000201": app("Parkir Online Semarang", "33.74", "regency", "active", false),
		"APP-000202": app("Perizinan Online Semarang", "33.74", "regency", "active", false),
		"APP-000301": app("E-Parkir Denpasar", "51.71", "regency", "active", false),
	},
	"taxonomy": {
		"ADM-ARSIP": {"en": "Correspondence and archives", "id": "Persuratan dan kearsipan"},
		"LYN-PENGADUAN": {"en": "Public complaints", "id": "Pengaduan masyarakat"},
		"LYN-PARKIR": {"en": "Parking", "id": "Perparkiran"},
		"LYN-PERIZINAN": {"en": "Licensing", "id": "Perizinan"},
		"LYN-SUPERAPP": {"en": "Citizen super app", "id": "Aplikasi super warga"},
		"IDN-SSO": {"en": "Single sign-on", "id": "Sistem masuk tunggal"},
		"TRN-ANGKUTAN": {"en": "Public transport", "id": "Angkutan umum"},
		"ADM-KEPEGAWAIAN": {"en": "Civil-servant personnel management", "id": "Manajemen kepegawaian ASN"},
		"PTN-PERIKANAN": {"en": "Marine affairs and fisheries", "id": "Kelautan dan perikanan"},
		"KEU-ANGGARAN-PUSAT": {"en": "Central government planning and budgeting", "id": "Perencanaan dan penganggaran pemerintah pusat"},
		"KEU-PERENCANAAN-DAERAH": {"en": "Regional planning and budgeting", "id": "Perencanaan dan penganggaran daerah"},
	},
	"capabilities": {
		"identity": {"providers": ["SHARED-INAPAS", "SHARED-IKD"]},
		"signature": {"providers": ["SHARED-BSRE"]},
		"payment": {"providers": ["SHARED-SIMPONI"]},
		"maps": {"providers": []},
	},
	"integration": {"bus": "SHARED-SPLP", "superApp": "SHARED-INAKU"},
	"function_owners": {
		"ADM-ARSIP": ["SHARED-SRIKANDI"],
		"LYN-PENGADUAN": ["SHARED-LAPOR"],
		"LYN-SUPERAPP": ["SHARED-INAKU"],
		"IDN-SSO": ["SHARED-IKD", "SHARED-INAPAS"],
		"ADM-KEPEGAWAIAN": ["SHARED-SIASN"],
		"KEU-PERENCANAAN-DAERAH": ["SHARED-SIPD"],
	},
	"function_agencies": {
		"LYN-PENGADUAN": {"32.15": ["APP-000103"]},
		"LYN-PARKIR": {"32.15": ["APP-000101"], "33.74": ["APP-000201"], "51.71": ["APP-000301"]},
		"LYN-PERIZINAN": {"33.74": ["APP-000202"]},
		"ADM-KEPEGAWAIAN": {"32.15": ["APP-000104"]},
	},
	"function_reuse": {
		"LYN-PENGADUAN": [
			{"id": "SHARED-LAPOR", "name": "SP4N-LAPOR!", "agency": "kemenpanrb", "score": 1.0},
			{"id": "APP-000103", "name": "Aduan Warga Karawang", "agency": "32.15", "score": 1.0},
		],
		"LYN-PARKIR": [
			{"id": "APP-000101", "name": "E-Parkir Karawang", "agency": "32.15", "score": 1.0},
			{"id": "APP-000201", "name": "Parkir Online Semarang", "agency": "33.74", "score": 1.0},
			{"id": "APP-000301", "name": "E-Parkir Denpasar", "agency": "51.71", "score": 1.0},
		],
		"LYN-PERIZINAN": [{"id": "APP-000202", "name": "Perizinan Online Semarang", "agency": "33.74", "score": 1.0}],
	},
}

# A compliant proposal: a licensing module of the citizen super app.
manifest := {
	"apiVersion": "spbe.go.id/v1",
	"kind": "ApplicationProposal",
	"metadata": {
		"id": "karawang-perizinan-inaku",
		"name": "Perizinan Karawang di INAku",
		"agency": {"code": "32.15", "name": "Pemerintah Kabupaten Karawang"},
		"contact": "diskominfo@karawangkab.go.id",
	},
	"spec": {
		"kind": "module",
		"extends": "SHARED-INAKU",
		"description": "Permohonan dan pelacakan izin usaha daerah sebagai modul INAku.",
		"audience": "public",
		"channels": ["web", "mobile"],
		"functions": ["LYN-PERIZINAN"],
		"uses": {"identity": "SHARED-INAPAS", "signature": "SHARED-BSRE", "payment": "SHARED-SIMPONI"},
		"interoperability": {
			"apis": [{"name": "perizinan", "openapi": "apis/perizinan.yaml", "gateway": "SHARED-SPLP"}],
			"consumes": [
				{"provider": "SHARED-IKD", "via": "SHARED-SPLP"},
				{"provider": "APP-000101", "via": "direct"},
			],
			"datasets": [{"name": "izin-terbit", "satuData": true}],
		},
		"hosting": {"provider": "pdn", "site": "PDN-JABODETABEK", "drSite": "PDN-BATAM", "country": "ID"},
		"data": {"criticality": "strategic", "personalData": true},
	},
}

long_justification := concat(" ", [
	"Tidak ada aplikasi terdaftar maupun layanan bersama yang melayani pengelolaan parkir tepi jalan",
	"dengan sensor lapangan; kajian kebutuhan terlampir dan telah dibahas dengan Kementerian PANRB.",
])

# The base manifest with spec fields merged in (objects are merged, lists replaced).
with_spec(patch) := object.union(manifest, {"spec": patch})

# The base manifest without one spec field, e.g. without_spec("hosting/drSite").
without_spec(path) := json.remove(manifest, [concat("/", ["spec", path])])

# The evaluation input for a manifest: no near-duplicates, every OpenAPI document ok.
input_for(proposal) := {
	"manifest": proposal,
	"facts": {
		"similar": [],
		"openapi": [{"status": "ok"} | some _ in object.get(proposal, ["spec", "interoperability", "apis"], [])],
	},
}

# The evaluation input for a manifest with the given facts.
input_with_facts(proposal, facts) := {"manifest": proposal, "facts": facts}
