# SHR: shared services are reused.
#
# A capability with mandatory providers in the registry's capability catalogue
# (identity, signature, payment, ...) is taken from one of them: never built
# in-house ("self") nor taken from another application. Every id named in
# spec.uses is an active registry application.
#
# Each spec.uses entry gets at most one violation: SHR-001 for "self", SHR-003 for
# an id that is unknown or retired, otherwise SHR-002 for an active application
# that is not a mandatory provider.
package spbe.shr

import rego.v1

import data.spbe.lib.manifest
import data.spbe.lib.registry

# METADATA
# title: Mandatory shared capabilities are not built in-house
# description: >-
#   Identity, electronic signature, payment and other capabilities with mandatory
#   shared providers are used from those providers, so that citizens and officials
#   sign in, sign and pay the same way everywhere and agencies do not rebuild them.
# custom:
#   id: SPBE-SHR-001
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Kapabilitas bersama yang wajib tidak dibangun sendiri
#       description: >-
#         Identitas, tanda tangan elektronik, pembayaran, dan kapabilitas lain yang
#         memiliki penyedia bersama wajib digunakan dari penyedia tersebut, agar warga
#         dan aparatur masuk, menandatangani, dan membayar dengan cara yang sama di mana
#         pun dan instansi tidak membangunnya ulang.
#   remediation:
#     en: >-
#       Replace "self" in spec.uses with the registry id of one of the mandatory
#       providers named in the message.
#     id: >-
#       Ganti "self" dalam spec.uses dengan id registri salah satu penyedia wajib yang
#       disebut dalam pesan.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (aplikasi umum
#     berbagi pakai); Perpres 82/2023 tentang Percepatan Transformasi Digital dan
#     Keterpaduan Layanan Digital Nasional
deny contains violation if {
	some capability, provider in manifest.uses
	provider == "self"
	providers := mandatory_providers[capability]
	provider_labels := data.spbe.lib.registry.labels(providers)
	violation := data.spbe.lib.report.violation(
		"SPBE-SHR-001",
		sprintf("spec.uses.%s", [capability]),
		sprintf(
			"Capability %s must not be built in-house: it is provided as a shared service by %s. Set spec.uses.%s to %s.",
			[capability, provider_labels, capability, one_of_en(providers)],
		),
		sprintf(
			"Kapabilitas %s tidak boleh dibangun sendiri: kapabilitas ini disediakan oleh layanan bersama %s. Isikan spec.uses.%s dengan %s.",
			[capability, provider_labels, capability, one_of_id(providers)],
		),
		data.spbe.lib.report.suggest(providers),
	)
}

# METADATA
# title: Mandatory shared capabilities come from their mandatory providers
# description: >-
#   A capability with mandatory shared providers is not taken from another
#   application: a second identity, signature or payment service splits users and
#   data across systems.
# custom:
#   id: SPBE-SHR-002
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Kapabilitas bersama yang wajib diambil dari penyedia wajibnya
#       description: >-
#         Kapabilitas yang memiliki penyedia bersama wajib tidak diambil dari aplikasi
#         lain: layanan identitas, tanda tangan, atau pembayaran kedua memecah pengguna
#         dan data ke beberapa sistem.
#   remediation:
#     en: >-
#       Set the capability in spec.uses to the registry id of one of the mandatory
#       providers named in the message.
#     id: >-
#       Isikan kapabilitas tersebut dalam spec.uses dengan id registri salah satu
#       penyedia wajib yang disebut dalam pesan.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (aplikasi umum
#     berbagi pakai); Perpres 82/2023 tentang Percepatan Transformasi Digital dan
#     Keterpaduan Layanan Digital Nasional
deny contains violation if {
	some capability, provider in manifest.uses
	providers := mandatory_providers[capability]
	data.spbe.lib.registry.active(provider)
	not provider in providers
	provider_labels := data.spbe.lib.registry.labels(providers)
	violation := data.spbe.lib.report.violation(
		"SPBE-SHR-002",
		sprintf("spec.uses.%s", [capability]),
		sprintf(
			"Capability %s must be provided by %s, not by %s. Set spec.uses.%s to %s.",
			[capability, provider_labels, data.spbe.lib.registry.label(provider), capability, one_of_en(providers)],
		),
		sprintf(
			"Kapabilitas %s wajib disediakan oleh %s, bukan oleh %s. Isikan spec.uses.%s dengan %s.",
			[capability, provider_labels, data.spbe.lib.registry.label(provider), capability, one_of_id(providers)],
		),
		data.spbe.lib.report.suggest(providers),
	)
}

# METADATA
# title: Providers in spec.uses are active registry applications
# description: >-
#   A capability can only be taken from an application that the national registry
#   knows and that is still active; an unknown id is usually a typo and a retired
#   application no longer provides anything.
# custom:
#   id: SPBE-SHR-003
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Penyedia dalam spec.uses adalah aplikasi aktif di registri
#       description: >-
#         Kapabilitas hanya dapat diambil dari aplikasi yang tercatat di registri
#         nasional dan masih aktif; id yang tidak dikenal biasanya salah ketik dan
#         aplikasi yang sudah tidak aktif tidak lagi menyediakan layanan.
#   remediation:
#     en: >-
#       Correct the id in spec.uses to the registry id of an active service (for a
#       capability with mandatory providers, one of those), or write self for a
#       capability without mandatory providers that is built in-house.
#     id: >-
#       Perbaiki id dalam spec.uses menjadi id registri layanan yang masih aktif (untuk
#       kapabilitas yang memiliki penyedia wajib, salah satu penyedia tersebut), atau
#       tulis self untuk kapabilitas tanpa penyedia wajib yang dibangun sendiri.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik; Perpres 132/2022
#     tentang Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional
deny contains violation if {
	some capability, provider in manifest.uses
	provider != "self"
	not data.spbe.lib.registry.active(provider)
	providers := [id | some id in object.get(mandatory_providers, capability, []); data.spbe.lib.registry.active(id)]
	problem := provider_problem(provider)
	violation := data.spbe.lib.report.violation(
		"SPBE-SHR-003",
		sprintf("spec.uses.%s", [capability]),
		sprintf("spec.uses.%s names %s, which %s %s", [capability, provider, problem.en, instead_en(providers)]),
		sprintf("spec.uses.%s menyebut %s, yang %s %s", [capability, provider, problem.id, instead_id(providers)]),
		data.spbe.lib.report.suggest(providers),
	)
}

# METADATA
# title: A public service that signs citizens in or takes payments names its provider
# description: >-
#   A public service that processes citizens' personal data signs them in, and one
#   that runs a revenue function (taxes, levies, fees) takes payments; leaving the
#   capability out of spec.uses hides an in-house login or payment screen from
#   SHR-001. Which capability each hint implies is data (config capability_hints).
#   This is a warning, not a deny: the hint is inferred from the proposal's
#   audience, personal data and functions, and a public service can process
#   personal data without signing citizens in (a registration desk, an officials'
#   portal); the reviewer confirms.
# custom:
#   id: SPBE-SHR-004
#   severity: warn
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Layanan publik yang memerlukan identitas atau pembayaran menyebut penyedianya
#       description: >-
#         Layanan publik yang memproses data pribadi warga membuat warga masuk (login),
#         dan layanan yang menjalankan fungsi penerimaan (pajak, retribusi, biaya)
#         menerima pembayaran; menghilangkan kapabilitas tersebut dari spec.uses
#         menyembunyikan layar masuk atau pembayaran buatan sendiri dari SHR-001.
#         Kapabilitas yang disiratkan setiap petunjuk adalah data (config
#         capability_hints). Ini peringatan, bukan penolakan: petunjuknya disimpulkan
#         dari audiens, data pribadi, dan fungsi usulan, dan layanan publik dapat
#         memproses data pribadi tanpa membuat warga masuk; peninjau yang memastikan.
#   remediation:
#     en: >-
#       Add the capability to spec.uses with one of the mandatory providers named in
#       the message; if the service really does not sign citizens in or take
#       payments, say so in spec.description.
#     id: >-
#       Tambahkan kapabilitas tersebut ke spec.uses dengan salah satu penyedia wajib
#       yang disebut dalam pesan; bila layanan memang tidak membuat warga masuk atau
#       tidak menerima pembayaran, nyatakan hal itu dalam spec.description.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (aplikasi umum
#     berbagi pakai); Perpres 82/2023 tentang Percepatan Transformasi Digital dan
#     Keterpaduan Layanan Digital Nasional
warn contains violation if {
	manifest.audience in data.spbe.config.citizen_audiences
	some need in capability_needs
	not manifest.uses[need.capability]
	providers := object.get(registry.capabilities, [need.capability, "providers"], [])
	count(providers) > 0
	violation := data.spbe.lib.report.violation(
		"SPBE-SHR-004",
		need.field,
		sprintf(
			"This public service %s, so it needs capability %s, but spec.uses does not name a provider for it. Set spec.uses.%s to %s.",
			[need.en, need.capability, need.capability, one_of_en(providers)],
		),
		sprintf(
			"Layanan publik ini %s, sehingga memerlukan kapabilitas %s, tetapi spec.uses tidak menyebut penyedianya. Isikan spec.uses.%s dengan %s.",
			[need.id, need.capability, need.capability, one_of_id(providers)],
		),
		data.spbe.lib.report.suggest(providers),
	)
}

# --- helpers ---------------------------------------------------------------

# Capabilities the proposal evidently needs, with the field that shows why.
capability_needs contains {
	"capability": capability,
	"field": "spec.data.personalData",
	"en": "processes personal data",
	"id": "memproses data pribadi",
} if {
	manifest.personal_data == true
	some capability in object.get(data.spbe.config, ["capability_hints", "personal_data"], [])
}

capability_needs contains {
	"capability": capability,
	"field": sprintf("spec.functions[%d]", [i]),
	"en": sprintf("runs function %s", [code]),
	"id": sprintf("menjalankan fungsi %s", [code]),
} if {
	some i, code in manifest.functions
	some capability in object.get(data.spbe.config, ["capability_hints", "functions", code], [])
}

# mandatory_providers[capability]: the providers of a capability the proposal
# uses, for capabilities that have mandatory providers.
mandatory_providers[capability] := providers if {
	some capability, _ in manifest.uses
	providers := object.get(registry.capabilities, [capability, "providers"], [])
	count(providers) > 0
}

one_of_en(providers) := providers[0] if {
	count(providers) == 1
} else := sprintf("one of %s", [concat(", ", providers)])

one_of_id(providers) := providers[0] if {
	count(providers) == 1
} else := sprintf("salah satu dari %s", [concat(", ", providers)])

provider_problem(id) := {
	"en": sprintf("is retired (registry revision %s).", [registry.revision]),
	"id": sprintf("sudah tidak aktif (registri revisi %s).", [registry.revision]),
} if {
	data.spbe.lib.registry.known(id)
} else := {
	"en": sprintf("is not in the national registry (revision %s).", [registry.revision]),
	"id": sprintf("tidak terdaftar dalam registri nasional (revisi %s).", [registry.revision]),
}

instead_en(providers) := sprintf("Use %s.", [one_of_en(providers)]) if {
	count(providers) > 0
} else := "Use the registry id of an active service, or self if it is built in-house."

instead_id(providers) := sprintf("Gunakan %s.", [one_of_id(providers)]) if {
	count(providers) > 0
} else := "Gunakan id registri layanan yang masih aktif, atau self apabila dibangun sendiri."
