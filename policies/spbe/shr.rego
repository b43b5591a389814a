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

# --- helpers ---------------------------------------------------------------

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
