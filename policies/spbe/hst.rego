# HST: hosting.
#
# No new agency-owned data centre; strategic systems only in a national data
# centre (PDN) site with a recovery copy in a different PDN site; high systems in
# PDN or a government cloud with a recovery site; personal data and strategic or
# high systems stay in Indonesia. Sites, providers and countries come from
# data.spbe.config.
package spbe.hst

import rego.v1

import data.spbe.config
import data.spbe.lib.manifest

# METADATA
# title: No new agency-owned data centre
# description: >-
#   The government is consolidating about 2,700 agency server rooms into the national
#   data centres (PDN) and government cloud. A new system is not placed in a data
#   centre owned by the agency.
# custom:
#   id: SPBE-HST-001
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Tidak ada pusat data baru milik instansi
#       description: >-
#         Pemerintah sedang mengonsolidasikan sekitar 2.700 ruang server instansi ke
#         Pusat Data Nasional (PDN) dan komputasi awan pemerintah. Sistem baru tidak
#         ditempatkan di pusat data milik instansi.
#   remediation:
#     en: >-
#       Host the system in a national data centre (provider pdn with a PDN site) or in
#       a government cloud (provider gov-cloud).
#     id: >-
#       Tempatkan sistem di Pusat Data Nasional (provider pdn dengan lokasi PDN) atau di
#       komputasi awan pemerintah (provider gov-cloud).
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (Pusat Data
#     Nasional); Perpres 82/2023 tentang Percepatan Transformasi Digital dan Keterpaduan
#     Layanan Digital Nasional
deny contains violation if {
	manifest.provider in config.agency_dc_providers
	violation := data.spbe.lib.report.violation(
		"SPBE-HST-001",
		"spec.hosting.provider",
		sprintf(
			"Hosting provider %s is a data centre owned by the agency; new systems are not placed in agency data centres. Host it in a national data centre (%s) or a government cloud.",
			[manifest.provider, pdn_site_list],
		),
		sprintf(
			"Penyedia hosting %s adalah pusat data milik instansi; sistem baru tidak ditempatkan di pusat data instansi. Tempatkan sistem di Pusat Data Nasional (%s) atau di komputasi awan pemerintah.",
			[manifest.provider, pdn_site_list],
		),
		[],
	)
}

# METADATA
# title: Strategic systems run in a PDN site with recovery in another PDN site
# description: >-
#   A strategic electronic system is hosted only in a national data centre (PDN) site
#   and keeps a recovery copy in a different PDN site, so that the loss of one site
#   does not stop it.
# custom:
#   id: SPBE-HST-002
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Sistem strategis berjalan di lokasi PDN dengan pemulihan di lokasi PDN lain
#       description: >-
#         Sistem elektronik strategis hanya ditempatkan di lokasi Pusat Data Nasional
#         (PDN) dan memiliki salinan pemulihan di lokasi PDN yang berbeda, agar
#         gangguan pada satu lokasi tidak menghentikan layanan.
#   remediation:
#     en: >-
#       Set hosting.provider to pdn, hosting.site to a PDN site and hosting.drSite to a
#       different PDN site.
#     id: >-
#       Isikan hosting.provider dengan pdn, hosting.site dengan lokasi PDN, dan
#       hosting.drSite dengan lokasi PDN yang berbeda.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (Pusat Data
#     Nasional); PP 71/2019 tentang Penyelenggaraan Sistem dan Transaksi Elektronik
deny contains violation if {
	manifest.criticality == "strategic"
	some problem in strategic_problems
	violation := data.spbe.lib.report.violation(
		"SPBE-HST-002",
		problem.field,
		sprintf("This is a strategic system: %s", [problem.en]),
		sprintf("Sistem ini berkategori strategis: %s", [problem.id]),
		[],
	)
}

# METADATA
# title: High systems run in PDN or a government cloud with a recovery site
# description: >-
#   A high-category electronic system is hosted in a national data centre or a
#   government cloud and has a separate recovery site.
# custom:
#   id: SPBE-HST-003
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Sistem berkategori tinggi berjalan di PDN atau komputasi awan pemerintah dengan lokasi pemulihan
#       description: >-
#         Sistem elektronik berkategori tinggi ditempatkan di Pusat Data Nasional atau
#         komputasi awan pemerintah dan memiliki lokasi pemulihan yang terpisah.
#   remediation:
#     en: >-
#       Set hosting.provider to pdn or gov-cloud and hosting.drSite to a recovery site
#       other than hosting.site.
#     id: >-
#       Isikan hosting.provider dengan pdn atau gov-cloud dan hosting.drSite dengan lokasi
#       pemulihan selain hosting.site.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (Pusat Data
#     Nasional); PP 71/2019 tentang Penyelenggaraan Sistem dan Transaksi Elektronik
deny contains violation if {
	manifest.criticality == "high"
	some problem in high_problems
	violation := data.spbe.lib.report.violation(
		"SPBE-HST-003",
		problem.field,
		sprintf("This is a high-category system: %s", [problem.en]),
		sprintf("Sistem ini berkategori tinggi: %s", [problem.id]),
		[],
	)
}

# METADATA
# title: Personal data and strategic or high systems stay in Indonesia
# description: >-
#   Public-sector electronic systems keep their data in Indonesia; this applies to
#   every system that processes personal data and to every strategic or high system,
#   and to its recovery site as to its primary site (a recovery copy is a copy of
#   the same data).
#   It cannot be waived: the obligation is set by law (PP 71/2019, UU 27/2022), and no
#   decree of a policy owner can suspend it.
# custom:
#   id: SPBE-HST-004
#   severity: deny
#   waivable: false
#   translations:
#     id:
#       title: Data pribadi serta sistem strategis dan tinggi tetap berada di Indonesia
#       description: >-
#         Sistem elektronik lingkup publik menyimpan datanya di wilayah Indonesia; hal ini
#         berlaku untuk setiap sistem yang memproses data pribadi serta setiap sistem
#         strategis atau tinggi, baik untuk lokasi utama maupun lokasi pemulihannya
#         (salinan pemulihan adalah salinan data yang sama).
#         Aturan ini tidak dapat dikecualikan: kewajibannya ditetapkan undang-undang
#         (PP 71/2019, UU 27/2022), dan keputusan pemilik kebijakan tidak dapat
#         menangguhkannya.
#   remediation:
#     en: >-
#       Host the system, its data and its recovery copy in Indonesia: set
#       hosting.country and hosting.drSite.country to ID.
#     id: >-
#       Tempatkan sistem, datanya, dan salinan pemulihannya di Indonesia: isikan
#       hosting.country dan hosting.drSite.country dengan ID.
#   reference: >-
#     PP 71/2019 tentang Penyelenggaraan Sistem dan Transaksi Elektronik; UU 27/2022
#     tentang Pelindungan Data Pribadi
deny contains violation if {
	count(residency_reasons) > 0
	some place in hosting_places
	not place.country in config.domestic_countries
	violation := data.spbe.lib.report.violation(
		"SPBE-HST-004",
		place.field,
		sprintf(
			"%s %s, but %s, so its data must stay in %s.",
			[place.en, place.country, concat(" and ", [r.en | some r in residency_reasons]), concat(", ", config.domestic_countries)],
		),
		sprintf(
			"%s %s, padahal %s, sehingga datanya wajib tetap berada di %s.",
			[place.id, place.country, concat(" serta ", [r.id | some r in residency_reasons]), concat(", ", config.domestic_countries)],
		),
		[],
	)
}

# METADATA
# title: Low systems on commercial cloud should move to PDN or government cloud
# description: >-
#   Low-category systems may run on a commercial cloud, but the national data centres
#   and government cloud are the default home of government systems. This is a
#   warning.
# custom:
#   id: SPBE-HST-005
#   severity: warn
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Sistem berkategori rendah di komputasi awan komersial sebaiknya pindah ke PDN atau komputasi awan pemerintah
#       description: >-
#         Sistem berkategori rendah boleh berjalan di komputasi awan komersial, tetapi
#         Pusat Data Nasional dan komputasi awan pemerintah merupakan tempat utama
#         sistem pemerintah. Ini merupakan peringatan.
#   remediation:
#     en: Consider hosting the system in a PDN site or a government cloud.
#     id: Pertimbangkan untuk menempatkan sistem di lokasi PDN atau komputasi awan pemerintah.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (Pusat Data
#     Nasional); Perpres 82/2023 tentang Percepatan Transformasi Digital dan Keterpaduan
#     Layanan Digital Nasional
warn contains violation if {
	manifest.criticality == "low"
	manifest.provider in config.commercial_providers
	violation := data.spbe.lib.report.violation(
		"SPBE-HST-005",
		"spec.hosting.provider",
		sprintf(
			"The system is hosted on %s. Government systems belong in a national data centre (%s) or a government cloud; consider moving it there.",
			[manifest.provider, pdn_site_list],
		),
		sprintf(
			"Sistem ini ditempatkan pada %s. Sistem pemerintah semestinya berada di Pusat Data Nasional (%s) atau komputasi awan pemerintah; pertimbangkan untuk memindahkannya.",
			[manifest.provider, pdn_site_list],
		),
		[],
	)
}

# METADATA
# title: A PDN-hosted system names its PDN site
# description: >-
#   Provider pdn means a national data centre, so the site is one of the PDN site
#   codes; a server room described as PDN would otherwise escape every hosting
#   rule. Codes are compared without regard to letter case or surrounding spaces.
# custom:
#   id: SPBE-HST-006
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Sistem yang ditempatkan di PDN menyebut lokasi PDN-nya
#       description: >-
#         Provider pdn berarti Pusat Data Nasional, sehingga lokasinya adalah salah satu
#         kode lokasi PDN; ruang server yang disebut PDN akan lolos dari semua aturan
#         hosting. Kode dibandingkan tanpa memperhatikan huruf besar/kecil atau spasi
#         di tepinya.
#   remediation:
#     en: >-
#       Set hosting.site to the PDN site code the system runs in (PDN-JABODETABEK,
#       PDN-BATAM, PDN-IKN or PDN-LABUANBAJO), or set hosting.provider to where it
#       really runs.
#     id: >-
#       Isikan hosting.site dengan kode lokasi PDN tempat sistem berjalan
#       (PDN-JABODETABEK, PDN-BATAM, PDN-IKN, atau PDN-LABUANBAJO), atau isikan
#       hosting.provider dengan tempat sistem sebenarnya berjalan.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (Pusat Data
#     Nasional); Perpres 82/2023 tentang Percepatan Transformasi Digital dan Keterpaduan
#     Layanan Digital Nasional
deny contains violation if {
	manifest.provider in config.pdn_providers
	not pdn_code(manifest.site)
	violation := data.spbe.lib.report.violation(
		"SPBE-HST-006",
		"spec.hosting.site",
		sprintf(
			"Hosting provider %s is a national data centre, but site %s is not a PDN site. Use one of %s.",
			[manifest.provider, manifest.site, pdn_site_list],
		),
		sprintf(
			"Penyedia hosting %s adalah Pusat Data Nasional, tetapi lokasi %s bukan lokasi PDN. Gunakan salah satu dari %s.",
			[manifest.provider, manifest.site, pdn_site_list],
		),
		[],
	)
}

# METADATA
# title: The recovery site can be judged
# description: >-
#   Residency and recovery rules judge the recovery site as well as the primary
#   site, so for a system that processes personal data or is strategic or high its
#   recovery site is either a PDN site code (the short form) or an object with its
#   provider, site and country. A free-text recovery site such as "AWS Singapore"
#   says nothing the rules can check.
# custom:
#   id: SPBE-HST-007
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Lokasi pemulihan dapat dinilai
#       description: >-
#         Aturan residensi dan pemulihan menilai lokasi pemulihan sebagaimana lokasi
#         utama, sehingga untuk sistem yang memproses data pribadi atau berkategori
#         strategis atau tinggi, lokasi pemulihannya berupa kode lokasi PDN (bentuk
#         singkat) atau objek berisi provider, site, dan country. Lokasi pemulihan
#         berupa teks bebas seperti "AWS Singapore" tidak dapat diperiksa.
#   remediation:
#     en: >-
#       Write hosting.drSite as a PDN site code, or as {provider, site, country}, for
#       example {provider: gov-cloud, site: Cloud Pemprov DR, country: ID}.
#     id: >-
#       Tuliskan hosting.drSite sebagai kode lokasi PDN, atau sebagai {provider, site,
#       country}, misalnya {provider: gov-cloud, site: Cloud Pemprov DR, country: ID}.
#   reference: >-
#     PP 71/2019 tentang Penyelenggaraan Sistem dan Transaksi Elektronik; UU 27/2022
#     tentang Pelindungan Data Pribadi
deny contains violation if {
	count(residency_reasons) > 0
	manifest.criticality != "strategic"
	is_string(manifest.dr_site)
	manifest.dr_site != ""
	not pdn_code(manifest.dr_site)
	violation := data.spbe.lib.report.violation(
		"SPBE-HST-007",
		"spec.hosting.drSite",
		sprintf(
			"Recovery site %s is free text, but %s, so where the recovery copy lives must be checked. Write drSite as a PDN site code (%s) or as {provider, site, country}.",
			[manifest.dr_site, concat(" and ", [r.en | some r in residency_reasons]), pdn_site_list],
		),
		sprintf(
			"Lokasi pemulihan %s berupa teks bebas, padahal %s, sehingga tempat salinan pemulihan wajib dapat diperiksa. Tuliskan drSite sebagai kode lokasi PDN (%s) atau sebagai {provider, site, country}.",
			[manifest.dr_site, concat(" serta ", [r.id | some r in residency_reasons]), pdn_site_list],
		),
		[],
	)
}

# --- helpers ---------------------------------------------------------------

# The canonical PDN site code for a site written in any letter case (undefined when
# the site is not a PDN site).
pdn_code(site) := code if {
	is_string(site)
	some code in config.pdn_sites
	upper(trim_space(site)) == code
}

# The recovery site, in both forms: a string (a PDN site code, or legacy free text)
# or an object {provider, site, country}.
dr_field := "spec.hosting.drSite.site" if is_object(manifest.dr_site)

default dr_field := "spec.hosting.drSite"

dr_site_name := object.get(manifest.dr_site, "site", "") if {
	is_object(manifest.dr_site)
} else := manifest.dr_site

# Provider and country of the recovery site ("" when the legacy free text does not say).
dr_provider := object.get(manifest.dr_site, "provider", "") if {
	is_object(manifest.dr_site)
} else := config.pdn_providers[0] if {
	pdn_code(manifest.dr_site)
} else := ""

dr_country := object.get(manifest.dr_site, "country", "") if {
	is_object(manifest.dr_site)
} else := config.pdn_country if {
	pdn_code(manifest.dr_site)
} else := ""

dr_in_pdn if {
	dr_provider in config.pdn_providers
	pdn_code(dr_site_name)
}

# The recovery site is the production site, whatever the letter case.
same_site if upper(trim_space(dr_site_name)) == upper(trim_space(manifest.site))

# Where the data lives: the primary site and, when its country is known, the recovery site.
hosting_places contains {"field": "spec.hosting.country", "country": manifest.country, "en": "The system is hosted in", "id": "Sistem ini ditempatkan di"}

hosting_places contains {
	"field": "spec.hosting.drSite.country",
	"country": dr_country,
	"en": "The recovery copy of the system is in",
	"id": "Salinan pemulihan sistem ini berada di",
} if {
	dr_country != ""
}

pdn_site_list := concat(", ", config.pdn_sites)

# What is wrong with the hosting of a strategic system, one entry per problem.
strategic_problems contains {
	"field": "spec.hosting.provider",
	"en": sprintf("it must be hosted by %s, not %s.", [concat(" or ", config.strategic_providers), manifest.provider]),
	"id": sprintf("sistem wajib ditempatkan pada %s, bukan %s.", [concat(" atau ", config.strategic_providers), manifest.provider]),
} if {
	not manifest.provider in config.strategic_providers
}

strategic_problems contains {
	"field": "spec.hosting.site",
	"en": sprintf("site %s is not a national data centre site; use one of %s.", [manifest.site, pdn_site_list]),
	"id": sprintf("lokasi %s bukan lokasi Pusat Data Nasional; gunakan salah satu dari %s.", [manifest.site, pdn_site_list]),
} if {
	not manifest.provider in config.pdn_providers
	not pdn_code(manifest.site)
}

strategic_problems contains {
	"field": "spec.hosting.drSite",
	"en": sprintf("it has no recovery site; set drSite to a PDN site other than %s.", [manifest.site]),
	"id": sprintf("sistem belum memiliki lokasi pemulihan; isikan drSite dengan lokasi PDN selain %s.", [manifest.site]),
} if {
	manifest.dr_site == ""
}

strategic_problems contains {
	"field": dr_field,
	"en": sprintf("its recovery site is the same site as production (%s); use a different PDN site.", [manifest.site]),
	"id": sprintf("lokasi pemulihannya sama dengan lokasi produksi (%s); gunakan lokasi PDN yang berbeda.", [manifest.site]),
} if {
	manifest.dr_site != ""
	same_site
}

strategic_problems contains {
	"field": dr_field,
	"en": sprintf("recovery site %s is not a national data centre site; use one of %s other than %s.", [dr_site_name, pdn_site_list, manifest.site]),
	"id": sprintf("lokasi pemulihan %s bukan lokasi Pusat Data Nasional; gunakan salah satu dari %s selain %s.", [dr_site_name, pdn_site_list, manifest.site]),
} if {
	manifest.dr_site != ""
	not same_site
	not dr_in_pdn
}

# What is wrong with the hosting of a high system, one entry per problem.
high_problems contains {
	"field": "spec.hosting.provider",
	"en": sprintf("it must be hosted by %s, not %s.", [concat(" or ", config.high_providers), manifest.provider]),
	"id": sprintf("sistem wajib ditempatkan pada %s, bukan %s.", [concat(" atau ", config.high_providers), manifest.provider]),
} if {
	not manifest.provider in config.high_providers
}

high_problems contains {
	"field": "spec.hosting.drSite",
	"en": sprintf("it has no recovery site; set drSite to a site other than %s.", [manifest.site]),
	"id": sprintf("sistem belum memiliki lokasi pemulihan; isikan drSite dengan lokasi selain %s.", [manifest.site]),
} if {
	manifest.dr_site == ""
}

high_problems contains {
	"field": dr_field,
	"en": sprintf("its recovery site is the same site as production (%s); use a different site.", [manifest.site]),
	"id": sprintf("lokasi pemulihannya sama dengan lokasi produksi (%s); gunakan lokasi yang berbeda.", [manifest.site]),
} if {
	manifest.dr_site != ""
	same_site
}

high_problems contains {
	"field": "spec.hosting.drSite.provider",
	"en": sprintf("its recovery site must be hosted by %s, not %s.", [concat(" or ", config.high_providers), dr_provider]),
	"id": sprintf("lokasi pemulihannya wajib ditempatkan pada %s, bukan %s.", [concat(" atau ", config.high_providers), dr_provider]),
} if {
	dr_provider != ""
	not dr_provider in config.high_providers
}

# Why the data of this system must stay in the country.
residency_reasons contains {"en": "it processes personal data", "id": "sistem memproses data pribadi"} if {
	manifest.personal_data == true
}

residency_reasons contains {
	"en": sprintf("it is a %s system", [manifest.criticality]),
	"id": sprintf("sistem berkategori %s", [object.get(criticality_id, manifest.criticality, manifest.criticality)]),
} if {
	manifest.criticality in config.residency_criticalities
}

criticality_id := {"strategic": "strategis", "high": "tinggi", "low": "rendah"}
