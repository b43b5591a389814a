# INT: interoperability.
#
# Every exposed API is documented in OpenAPI 3 and published on the government
# service bus; data taken from another agency goes through the bus; every id
# named in consumes is an active registry application; published datasets are
# registered in Satu Data Indonesia.
#
# The bus is the registry's integration.bus: when the registry names no bus,
# INT-002, INT-003 and INT-004 have nothing to require and stay silent.
package spbe.int

import rego.v1

import data.spbe.config
import data.spbe.lib.manifest
import data.spbe.lib.registry

# METADATA
# title: Every exposed API has an OpenAPI 3 document
# description: >-
#   Other agencies can only integrate with an API whose contract is published. Each
#   API in spec.interoperability.apis points to an OpenAPI 3 document in the
#   repository or at an https URL.
# custom:
#   id: SPBE-INT-001
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Setiap API yang dibuka memiliki dokumen OpenAPI 3
#       description: >-
#         Instansi lain hanya dapat berintegrasi dengan API yang kontraknya
#         dipublikasikan. Setiap API dalam spec.interoperability.apis merujuk ke dokumen
#         OpenAPI 3 di dalam repositori atau pada URL https.
#   remediation:
#     en: >-
#       Add the OpenAPI 3 document to the repository and set openapi to its path
#       relative to the manifest (or to an https URL), and make sure it is a valid
#       OpenAPI 3 document with an openapi 3.x version field.
#     id: >-
#       Tambahkan dokumen OpenAPI 3 ke repositori dan isikan openapi dengan path-nya
#       relatif terhadap manifes (atau URL https), serta pastikan dokumen tersebut
#       merupakan dokumen OpenAPI 3 yang sah dengan isian versi openapi 3.x.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (interoperabilitas);
#     Perpres 132/2022 tentang Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional
deny contains violation if {
	some i, api in manifest.apis
	problem := openapi_problems[i]
	violation := data.spbe.lib.report.violation(
		"SPBE-INT-001",
		problem.field,
		sprintf(
			"%s Every exposed API needs an OpenAPI 3 document so that other agencies can integrate with it.",
			[problem.message.en],
		),
		sprintf(
			"%s Setiap API yang dibuka wajib memiliki dokumen OpenAPI 3 agar instansi lain dapat berintegrasi dengannya.",
			[problem.message.id],
		),
		[],
	)
}

# METADATA
# title: Exposed APIs are published on the service bus
# description: >-
#   Systems exchange data through the government service bus (SPLP) so that every
#   integration is registered, secured and reusable, instead of point-to-point links
#   that each agency maintains on its own.
# custom:
#   id: SPBE-INT-002
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: API yang dibuka dipublikasikan melalui sistem penghubung layanan
#       description: >-
#         Sistem saling bertukar data melalui Sistem Penghubung Layanan Pemerintah
#         (SPLP) agar setiap integrasi tercatat, aman, dan dapat dipakai ulang, bukan
#         melalui sambungan langsung yang dipelihara sendiri oleh setiap instansi.
#   remediation:
#     en: >-
#       Publish the API on the service bus and set its gateway to the bus id named in
#       the message.
#     id: >-
#       Publikasikan API melalui sistem penghubung layanan dan isikan gateway dengan id
#       yang disebut dalam pesan.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (Sistem Penghubung
#     Layanan Pemerintah); Perpres 132/2022 tentang Arsitektur Sistem Pemerintahan
#     Berbasis Elektronik Nasional
deny contains violation if {
	some i, api in manifest.apis
	bus := registry.bus
	gateway := object.get(api, "gateway", "direct")
	gateway == "direct"
	violation := data.spbe.lib.report.violation(
		"SPBE-INT-002",
		sprintf("spec.interoperability.apis[%d].gateway", [i]),
		sprintf(
			"API %s is exposed directly instead of through the service bus %s. Publish it on the bus and set its gateway to %s.",
			[api.name, data.spbe.lib.registry.label(bus), bus],
		),
		sprintf(
			"API %s dibuka secara langsung, tidak melalui sistem penghubung layanan %s. Publikasikan API tersebut melalui sistem penghubung layanan dan isikan gateway dengan %s.",
			[api.name, data.spbe.lib.registry.label(bus), bus],
		),
		data.spbe.lib.report.suggest([bus]),
	)
}

# METADATA
# title: The API gateway is the service bus
# description: >-
#   An API's gateway names the government service bus; any other application, or an
#   id the registry does not know, is not a sanctioned way to publish it.
# custom:
#   id: SPBE-INT-003
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Gateway API adalah sistem penghubung layanan
#       description: >-
#         Gateway suatu API menyebut Sistem Penghubung Layanan Pemerintah; aplikasi lain
#         atau id yang tidak dikenal registri bukan cara publikasi yang sah.
#   remediation:
#     en: Set the gateway of the API to the bus id named in the message.
#     id: Isikan gateway API dengan id sistem penghubung layanan yang disebut dalam pesan.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (Sistem Penghubung
#     Layanan Pemerintah); Perpres 132/2022 tentang Arsitektur Sistem Pemerintahan
#     Berbasis Elektronik Nasional
deny contains violation if {
	some i, api in manifest.apis
	bus := registry.bus
	gateway := object.get(api, "gateway", "direct")
	not gateway in {"direct", bus}
	problem := not_the_bus(gateway)
	violation := data.spbe.lib.report.violation(
		"SPBE-INT-003",
		sprintf("spec.interoperability.apis[%d].gateway", [i]),
		sprintf(
			"The gateway of API %s is %s, which %s. Set it to the service bus %s.",
			[api.name, data.spbe.lib.registry.label(gateway), problem.en, data.spbe.lib.registry.label(bus)],
		),
		sprintf(
			"Gateway API %s adalah %s, yang %s. Isikan gateway dengan sistem penghubung layanan %s.",
			[api.name, data.spbe.lib.registry.label(gateway), problem.id, data.spbe.lib.registry.label(bus)],
		),
		data.spbe.lib.report.suggest([bus]),
	)
}

# METADATA
# title: Data from other agencies goes through the service bus
# description: >-
#   Data or services taken from another agency, or from a shared service, are
#   consumed through the government service bus rather than through a direct
#   connection; direct access stays within the agency's own systems.
# custom:
#   id: SPBE-INT-004
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Data dari instansi lain diambil melalui sistem penghubung layanan
#       description: >-
#         Data atau layanan yang diambil dari instansi lain, atau dari layanan bersama,
#         digunakan melalui Sistem Penghubung Layanan Pemerintah dan bukan melalui
#         sambungan langsung; akses langsung hanya untuk sistem milik instansi sendiri.
#   remediation:
#     en: Set via of the consumed provider to the bus id named in the message.
#     id: Isikan via pada penyedia yang digunakan dengan id sistem penghubung layanan yang disebut dalam pesan.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (Sistem Penghubung
#     Layanan Pemerintah); Perpres 39/2019 tentang Satu Data Indonesia
deny contains violation if {
	some i, consumed in manifest.consumes
	bus := registry.bus
	object.get(consumed, "via", "direct") == "direct"
	provider := registry.apps[consumed.provider]
	other_owner(provider)
	violation := data.spbe.lib.report.violation(
		"SPBE-INT-004",
		sprintf("spec.interoperability.consumes[%d].via", [i]),
		sprintf(
			"%s is %s, yet it is consumed directly. Take it through the service bus %s: set via to %s.",
			[data.spbe.lib.registry.label(consumed.provider), owner_en(provider), data.spbe.lib.registry.label(bus), bus],
		),
		sprintf(
			"%s merupakan %s, tetapi diakses secara langsung. Ambil data tersebut melalui sistem penghubung layanan %s: isikan via dengan %s.",
			[data.spbe.lib.registry.label(consumed.provider), owner_id(provider), data.spbe.lib.registry.label(bus), bus],
		),
		data.spbe.lib.report.suggest([bus]),
	)
}

# METADATA
# title: Consumed providers and routes are active registry applications
# description: >-
#   Every provider a system takes data from, and every route it takes it through,
#   is an application the national registry knows and that is still active, so
#   that the dependency can be traced; the route is either direct or the service bus.
# custom:
#   id: SPBE-INT-005
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Penyedia dan jalur yang digunakan adalah aplikasi aktif di registri
#       description: >-
#         Setiap penyedia tempat sistem mengambil data, dan setiap jalur yang dilaluinya,
#         adalah aplikasi yang tercatat di registri nasional dan masih aktif, agar
#         ketergantungannya dapat ditelusuri; jalurnya langsung (direct) atau sistem
#         penghubung layanan.
#   remediation:
#     en: >-
#       Correct provider to the registry id of an active application, and set via to
#       direct (own agency only) or to the service bus.
#     id: >-
#       Perbaiki provider menjadi id registri aplikasi yang masih aktif, dan isikan via
#       dengan direct (hanya untuk instansi sendiri) atau dengan sistem penghubung layanan.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik; Perpres 132/2022
#     tentang Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional
deny contains violation if {
	some problem in consumption_problems
	violation := data.spbe.lib.report.violation("SPBE-INT-005", problem.field, problem.en, problem.id, problem.suggestions)
}

# METADATA
# title: Published datasets are registered in Satu Data Indonesia
# description: >-
#   Under Satu Data Indonesia, data that government systems publish is registered in
#   the national data portal with its metadata, so that policy is made on one set of
#   data instead of many copies.
# custom:
#   id: SPBE-INT-006
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Dataset yang dipublikasikan terdaftar di Satu Data Indonesia
#       description: >-
#         Dalam kerangka Satu Data Indonesia, data yang dipublikasikan sistem pemerintah
#         didaftarkan pada portal data nasional beserta metadatanya, agar kebijakan
#         disusun berdasarkan satu data, bukan banyak salinan.
#   remediation:
#     en: >-
#       Register the dataset in Satu Data Indonesia with its metadata and set satuData
#       to true.
#     id: >-
#       Daftarkan dataset tersebut di Satu Data Indonesia beserta metadatanya dan isikan
#       satuData dengan true.
#   reference: Perpres 39/2019 tentang Satu Data Indonesia
deny contains violation if {
	some i, dataset in manifest.datasets
	object.get(dataset, "satuData", false) != true
	violation := data.spbe.lib.report.violation(
		"SPBE-INT-006",
		sprintf("spec.interoperability.datasets[%d].satuData", [i]),
		sprintf(
			"Dataset %s is published but not registered in Satu Data Indonesia. Register it with its metadata%s and set satuData to true.",
			[dataset.name, satudata_where_en],
		),
		sprintf(
			"Dataset %s dipublikasikan tetapi belum terdaftar di Satu Data Indonesia. Daftarkan dataset tersebut beserta metadatanya%s dan isikan satuData dengan true.",
			[dataset.name, satudata_where_id],
		),
		data.spbe.lib.report.suggest(satudata_services),
	)
}

# METADATA
# title: An api channel declares its APIs
# description: >-
#   A system offered through the api channel exposes APIs, and every exposed API is
#   documented and published on the service bus (INT-001 to INT-003). Declaring the
#   channel without listing the APIs in spec.interoperability.apis would skip all
#   of those rules.
# custom:
#   id: SPBE-INT-007
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Kanal api menyebut API-nya
#       description: >-
#         Sistem yang ditawarkan melalui kanal api membuka API, dan setiap API yang
#         dibuka didokumentasikan dan dipublikasikan melalui sistem penghubung layanan
#         (INT-001 sampai INT-003). Menyatakan kanal tersebut tanpa mencantumkan API
#         dalam spec.interoperability.apis akan melewati semua aturan itu.
#   remediation:
#     en: >-
#       List every API the system exposes in spec.interoperability.apis with its
#       OpenAPI document and gateway, or remove api from spec.channels.
#     id: >-
#       Cantumkan setiap API yang dibuka sistem dalam spec.interoperability.apis beserta
#       dokumen OpenAPI dan gateway-nya, atau hapus api dari spec.channels.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (interoperabilitas);
#     Perpres 132/2022 tentang Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional
deny contains violation if {
	some i, channel in manifest.channels
	channel in config.api_channels
	count(manifest.apis) == 0
	violation := data.spbe.lib.report.violation(
		"SPBE-INT-007",
		sprintf("spec.channels[%d]", [i]),
		sprintf(
			"The system is offered through the %s channel but declares no API in spec.interoperability.apis. List the APIs it exposes, with their OpenAPI documents and gateway, or remove the channel.",
			[channel],
		),
		sprintf(
			"Sistem ditawarkan melalui kanal %s tetapi tidak menyebut API apa pun dalam spec.interoperability.apis. Cantumkan API yang dibuka beserta dokumen OpenAPI dan gateway-nya, atau hapus kanal tersebut.",
			[channel],
		),
		[],
	)
}

# --- helpers ---------------------------------------------------------------

# openapi_problems[i]: what is wrong with the OpenAPI document of apis[i]
# (status from input.facts.openapi[i]; a missing fact counts as unchecked).
openapi_problems[i] := {
	"field": sprintf("spec.interoperability.apis[%d]", [i]),
	"message": {
		"en": sprintf("API %s has no OpenAPI document (no openapi field).", [api.name]),
		"id": sprintf("API %s tidak memiliki dokumen OpenAPI (tidak ada isian openapi).", [api.name]),
	},
} if {
	some i, api in manifest.apis
	not api.openapi
}

openapi_problems[i] := {
	"field": sprintf("spec.interoperability.apis[%d].openapi", [i]),
	"message": with_detail(openapi_message(status, api.name, api.openapi), openapi_detail(i)),
} if {
	some i, api in manifest.apis
	api.openapi
	status := openapi_status(i)
	not status in config.openapi_accepted_statuses
}

openapi_status(i) := status if {
	status := manifest.openapi_facts[i].status
} else := "unchecked"

# What the reader found wrong inside the document (with its line), when it says.
openapi_detail(i) := detail if {
	detail := manifest.openapi_facts[i].detail
	is_string(detail.en)
	is_string(detail.id)
} else := null

with_detail(message, null) := message

with_detail(message, detail) := {
	"en": sprintf("%s: %s.", [trim_suffix(message.en, "."), trim_suffix(detail.en, ".")]),
	"id": sprintf("%s: %s.", [trim_suffix(message.id, "."), trim_suffix(detail.id, ".")]),
} if detail != null

openapi_message(status, name, path) := {
	"en": sprintf("The OpenAPI document of API %s was not found at %s.", [name, path]),
	"id": sprintf("Dokumen OpenAPI untuk API %s tidak ditemukan pada %s.", [name, path]),
} if {
	status == "not-found"
} else := {
	"en": sprintf("The OpenAPI document of API %s, %s, lies outside the repository; only files inside the repository or https URLs are accepted.", [name, path]),
	"id": sprintf("Dokumen OpenAPI untuk API %s, %s, berada di luar repositori; hanya berkas di dalam repositori atau URL https yang diterima.", [name, path]),
} if {
	status == "outside-repository"
} else := {
	"en": sprintf("The OpenAPI document of API %s, %s, is too large to be checked.", [name, path]),
	"id": sprintf("Dokumen OpenAPI untuk API %s, %s, terlalu besar untuk diperiksa.", [name, path]),
} if {
	status == "too-large"
} else := {
	"en": sprintf("The OpenAPI document of API %s, %s, cannot be read as YAML or JSON.", [name, path]),
	"id": sprintf("Dokumen OpenAPI untuk API %s, %s, tidak dapat dibaca sebagai YAML atau JSON.", [name, path]),
} if {
	status == "unreadable"
} else := {
	"en": sprintf("The document %s given for API %s is not an OpenAPI 3 document (it has no openapi field with a 3.x version).", [path, name]),
	"id": sprintf("Dokumen %s untuk API %s bukan dokumen OpenAPI 3 (tidak memiliki isian openapi dengan versi 3.x).", [path, name]),
} if {
	status == "not-openapi-3"
} else := {
	"en": sprintf("The document %s given for API %s is not a valid OpenAPI 3 document.", [path, name]),
	"id": sprintf("Dokumen %s untuk API %s bukan dokumen OpenAPI 3 yang sah.", [path, name]),
} if {
	status == "invalid"
} else := {
	"en": sprintf("API %s has no OpenAPI document (no openapi field).", [name]),
	"id": sprintf("API %s tidak memiliki dokumen OpenAPI (tidak ada isian openapi).", [name]),
} if {
	status == "missing"
} else := {
	"en": sprintf("The OpenAPI document of API %s, %s, could not be checked (status %s).", [name, path, status]),
	"id": sprintf("Dokumen OpenAPI untuk API %s, %s, tidak dapat diperiksa (status %s).", [name, path, status]),
}

# Whether an application belongs to another agency than the proposer, or is a
# shared service (shared services are always reached through the bus).
other_owner(app) if app.shared == true

other_owner(app) if app.agency != manifest.agency_code

owner_en(app) := "a shared service" if {
	app.shared == true
} else := sprintf("an application of another agency (%s)", [app.agency])

owner_id(app) := "layanan bersama" if {
	app.shared == true
} else := sprintf("aplikasi milik instansi lain (%s)", [app.agency])

# Routes a consumption may take: direct (own agency) or the service bus.
allowed_routes contains "direct"

allowed_routes contains registry.bus

consumption_problems contains {
	"field": sprintf("spec.interoperability.consumes[%d].provider", [i]),
	"en": sprintf("The consumed provider %s %s", [consumed.provider, problem.en]),
	"id": sprintf("Penyedia %s yang digunakan %s", [consumed.provider, problem.id]),
	"suggestions": [],
} if {
	some i, consumed in manifest.consumes
	not data.spbe.lib.registry.active(consumed.provider)
	problem := inactive_problem(consumed.provider)
}

consumption_problems contains {
	"field": sprintf("spec.interoperability.consumes[%d].via", [i]),
	"en": sprintf("The route %s used to consume %s %s; %s", [data.spbe.lib.registry.label(via), consumed.provider, problem.en, route_fix.en]),
	"id": sprintf("Jalur %s yang dipakai untuk mengambil data dari %s %s; %s", [data.spbe.lib.registry.label(via), consumed.provider, problem.id, route_fix.id]),
	"suggestions": bus_suggestions,
} if {
	some i, consumed in manifest.consumes
	via := object.get(consumed, "via", "direct")
	not via in allowed_routes
	problem := not_the_bus(via)
}

default bus_suggestions := []

bus_suggestions := data.spbe.lib.report.suggest([registry.bus])

inactive_problem(id) := {
	"en": sprintf("is retired (registry revision %s); take the data from an active application.", [registry.revision]),
	"id": sprintf("sudah tidak aktif (registri revisi %s); ambil data dari aplikasi yang masih aktif.", [registry.revision]),
} if {
	data.spbe.lib.registry.known(id)
} else := {
	"en": sprintf("is not in the national registry (revision %s); use the registry id of an active application.", [registry.revision]),
	"id": sprintf("tidak terdaftar dalam registri nasional (revisi %s); gunakan id registri dari aplikasi yang masih aktif.", [registry.revision]),
}

# How to fix a route that is neither direct nor the bus.
route_fix := {
	"en": sprintf("set via to the service bus %s, or to direct for the agency's own systems.", [registry.bus]),
	"id": sprintf("isikan via dengan sistem penghubung layanan %s, atau direct untuk sistem milik instansi sendiri.", [registry.bus]),
} if {
	registry.bus
} else := {
	"en": "set via to direct: the registry names no service bus.",
	"id": "isikan via dengan direct: registri tidak menetapkan sistem penghubung layanan.",
}

not_the_bus(gateway) := {
	"en": "is not the service bus",
	"id": "bukan sistem penghubung layanan",
} if {
	data.spbe.lib.registry.known(gateway)
} else := {
	"en": sprintf("is not in the national registry (revision %s)", [registry.revision]),
	"id": sprintf("tidak terdaftar dalam registri nasional (revisi %s)", [registry.revision]),
}

# The Satu Data service to suggest, when the registry has it and it is active.
satudata_services contains id if {
	id := config.satudata_service
	data.spbe.lib.registry.active(id)
}

satudata_where_en := sprintf(" in %s", [data.spbe.lib.registry.label(id)]) if {
	some id in satudata_services
} else := ""

satudata_where_id := sprintf(" di %s", [data.spbe.lib.registry.label(id)]) if {
	some id in satudata_services
} else := ""
