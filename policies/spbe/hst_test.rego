package spbe.hst_test

import rego.v1

import data.spbe.hst
import data.spbe.testdata

denies(proposal_input) := result if {
	result := hst.deny with input as proposal_input with data.spbe.registry as testdata.registry
}

warns(proposal_input) := result if {
	result := hst.warn with input as proposal_input with data.spbe.registry as testdata.registry
}

fired(violations, rule, field) if {
	some v in violations
	v.rule == rule
	v.field == field
}

rules(violations) := {v.rule | some v in violations}

# The base manifest with the given hosting and data sections.
hosted(hosting, data_section) := object.union(
	data.spbe.testdata.without_spec("hosting"),
	{"spec": {"hosting": hosting, "data": data_section}},
)

strategic := {"criticality": "strategic", "personalData": true}

high := {"criticality": "high", "personalData": true}

low := {"criticality": "low", "personalData": false}

pdn := {"provider": "pdn", "site": "PDN-JABODETABEK", "drSite": "PDN-BATAM", "country": "ID"}

test_compliant_module_has_no_violations if {
	count(denies(data.spbe.testdata.input_for(testdata.manifest))) == 0
	count(warns(data.spbe.testdata.input_for(testdata.manifest))) == 0
}

# --- SPBE-HST-001 -----------------------------------------------------------------

test_hst_001_fires_on_agency_data_centre if {
	proposal := hosted({"provider": "agency-dc", "site": "Ruang server Diskominfo", "country": "ID"}, low)
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-001"
	v.field == "spec.hosting.provider"
	contains(v.message.en, "PDN-JABODETABEK, PDN-BATAM, PDN-IKN, PDN-LABUANBAJO")
}

test_hst_001_silent_on_pdn_and_gov_cloud if {
	not "SPBE-HST-001" in rules(denies(data.spbe.testdata.input_for(hosted(pdn, low))))
	gov_cloud := {"provider": "gov-cloud", "site": "Cloud Pemprov", "country": "ID"}
	not "SPBE-HST-001" in rules(denies(data.spbe.testdata.input_for(hosted(gov_cloud, low))))
}

# --- SPBE-HST-002 -----------------------------------------------------------------

test_hst_002_fires_on_non_pdn_site if {
	proposal := hosted(object.union(pdn, {"provider": "gov-cloud", "site": "Gedung Sate"}), strategic)
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-002"
	v.field == "spec.hosting.site"
	contains(v.message.en, "site Gedung Sate is not a national data centre site")
}

# A pdn provider with a non-PDN site is HST-006's finding, not a second HST-002 one.
test_hst_002_leaves_a_pdn_provider_with_a_non_pdn_site_to_hst_006 if {
	proposal := hosted(object.union(pdn, {"site": "Gedung Sate"}), strategic)
	violations := denies(data.spbe.testdata.input_for(proposal))
	fired(violations, "SPBE-HST-006", "spec.hosting.site")
	not fired(violations, "SPBE-HST-002", "spec.hosting.site")
}

test_hst_002_accepts_pdn_codes_in_any_letter_case if {
	proposal := hosted({"provider": "pdn", "site": " pdn-jabodetabek", "drSite": "pdn-batam", "country": "ID"}, strategic)
	count(denies(data.spbe.testdata.input_for(proposal))) == 0
}

test_hst_002_catches_same_site_recovery_in_another_letter_case if {
	proposal := hosted({"provider": "pdn", "site": "PDN-JABODETABEK", "drSite": "pdn-jabodetabek", "country": "ID"}, strategic)
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-002"
	v.field == "spec.hosting.drSite"
	contains(v.message.en, "same site as production")
}

test_hst_002_accepts_a_structured_pdn_recovery_site if {
	dr := {"provider": "pdn", "site": "PDN-IKN", "country": "ID"}
	proposal := hosted(object.union(pdn, {"drSite": dr}), strategic)
	count(denies(data.spbe.testdata.input_for(proposal))) == 0
}

test_hst_002_refuses_a_structured_recovery_site_outside_pdn if {
	dr := {"provider": "gov-cloud", "site": "PDN-IKN", "country": "ID"}
	proposal := hosted(object.union(pdn, {"drSite": dr}), strategic)
	fired(denies(data.spbe.testdata.input_for(proposal)), "SPBE-HST-002", "spec.hosting.drSite.site")
}

test_hst_002_fires_on_missing_recovery_site if {
	proposal := hosted({"provider": "pdn", "site": "PDN-IKN", "country": "ID"}, strategic)
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-002"
	v.field == "spec.hosting.drSite"
	contains(v.message.en, "no recovery site")
}

test_hst_002_fires_on_same_recovery_site if {
	proposal := hosted(object.union(pdn, {"drSite": "PDN-JABODETABEK"}), strategic)
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-002"
	v.field == "spec.hosting.drSite"
	contains(v.message.en, "same site as production")
}

test_hst_002_fires_on_non_pdn_recovery_site if {
	proposal := hosted(object.union(pdn, {"drSite": "DC Cadangan Karawang"}), strategic)
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-002"
	v.field == "spec.hosting.drSite"
	contains(v.message.id, "lokasi pemulihan DC Cadangan Karawang bukan lokasi Pusat Data Nasional")
}

test_hst_002_fires_on_non_pdn_provider if {
	proposal := hosted(object.union(pdn, {"provider": "gov-cloud"}), strategic)
	fired(denies(data.spbe.testdata.input_for(proposal)), "SPBE-HST-002", "spec.hosting.provider")
}

test_hst_002_one_violation_per_problem if {
	proposal := hosted({"provider": "commercial-cloud", "site": "Jakarta", "country": "ID"}, strategic)
	violations := [v | some v in denies(data.spbe.testdata.input_for(proposal)); v.rule == "SPBE-HST-002"]
	{v.field | some v in violations} == {"spec.hosting.provider", "spec.hosting.site", "spec.hosting.drSite"}
	count(violations) == 3
}

test_hst_002_silent_on_two_pdn_sites if {
	not "SPBE-HST-002" in rules(denies(data.spbe.testdata.input_for(hosted(pdn, strategic))))
}

test_hst_002_silent_for_high_systems if {
	gov_cloud := {"provider": "gov-cloud", "site": "Cloud Pemprov", "drSite": "Cloud Pemprov DR", "country": "ID"}
	not "SPBE-HST-002" in rules(denies(data.spbe.testdata.input_for(hosted(gov_cloud, high))))
}

# --- SPBE-HST-003 -----------------------------------------------------------------

test_hst_003_fires_on_commercial_cloud if {
	proposal := hosted({"provider": "commercial-cloud", "site": "Jakarta", "drSite": "Batam", "country": "ID"}, high)
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-003"
	v.field == "spec.hosting.provider"
	contains(v.message.en, "pdn or gov-cloud, not commercial-cloud")
}

test_hst_003_fires_on_missing_recovery_site if {
	proposal := hosted({"provider": "gov-cloud", "site": "Cloud Pemprov", "country": "ID"}, high)
	fired(denies(data.spbe.testdata.input_for(proposal)), "SPBE-HST-003", "spec.hosting.drSite")
}

test_hst_003_fires_on_same_recovery_site if {
	proposal := hosted({"provider": "gov-cloud", "site": "Cloud Pemprov", "drSite": "Cloud Pemprov", "country": "ID"}, high)
	fired(denies(data.spbe.testdata.input_for(proposal)), "SPBE-HST-003", "spec.hosting.drSite")
}

test_hst_003_silent_on_gov_cloud_with_recovery if {
	dr := {"provider": "gov-cloud", "site": "Cloud Pemprov DR", "country": "ID"}
	gov_cloud := {"provider": "gov-cloud", "site": "Cloud Pemprov", "drSite": dr, "country": "ID"}
	count(denies(data.spbe.testdata.input_for(hosted(gov_cloud, high)))) == 0
}

test_hst_003_fires_on_same_structured_site_in_another_letter_case if {
	dr := {"provider": "gov-cloud", "site": "cloud pemprov", "country": "ID"}
	proposal := hosted({"provider": "gov-cloud", "site": "Cloud Pemprov", "drSite": dr, "country": "ID"}, high)
	fired(denies(data.spbe.testdata.input_for(proposal)), "SPBE-HST-003", "spec.hosting.drSite.site")
}

test_hst_003_fires_on_a_recovery_site_in_an_agency_server_room if {
	dr := {"provider": "agency-dc", "site": "Ruang Server Diskominfo", "country": "ID"}
	proposal := hosted({"provider": "pdn", "site": "PDN-BATAM", "drSite": dr, "country": "ID"}, high)
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-003"
	v.field == "spec.hosting.drSite.provider"
	contains(v.message.id, "bukan agency-dc")
}

# --- SPBE-HST-004 -----------------------------------------------------------------

test_hst_004_fires_on_personal_data_abroad if {
	proposal := hosted({"provider": "commercial-cloud", "site": "Singapore", "country": "SG"}, {"criticality": "low", "personalData": true})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-004"
	v.field == "spec.hosting.country"
	contains(v.message.en, "hosted in SG, but it processes personal data")
}

test_hst_004_fires_on_high_system_abroad if {
	proposal := hosted({"provider": "gov-cloud", "site": "Cloud", "drSite": "Cloud DR", "country": "SG"}, {"criticality": "high", "personalData": false})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-004"
	v.field == "spec.hosting.country"
	contains(v.message.id, "sistem berkategori tinggi")
}

test_hst_004_fires_on_a_recovery_site_abroad if {
	dr := {"provider": "commercial-cloud", "site": "AWS ap-southeast-1", "country": "SG"}
	proposal := hosted({"provider": "pdn", "site": "PDN-JABODETABEK", "drSite": dr, "country": "ID"}, high)
	violations := [v | some v in denies(data.spbe.testdata.input_for(proposal)); v.rule == "SPBE-HST-004"]
	count(violations) == 1
	violations[0].field == "spec.hosting.drSite.country"
	contains(violations[0].message.en, "recovery copy of the system is in SG")
	contains(violations[0].message.id, "Salinan pemulihan sistem ini berada di SG")
}

test_hst_004_silent_for_a_pdn_code_recovery_site if {
	not "SPBE-HST-004" in rules(denies(data.spbe.testdata.input_for(hosted(pdn, high))))
}

test_hst_004_silent_in_indonesia if {
	not "SPBE-HST-004" in rules(denies(data.spbe.testdata.input_for(hosted(pdn, strategic))))
}

test_hst_004_silent_for_low_system_without_personal_data if {
	proposal := hosted({"provider": "commercial-cloud", "site": "Singapore", "country": "SG"}, low)
	not "SPBE-HST-004" in rules(denies(data.spbe.testdata.input_for(proposal)))
}

# --- SPBE-HST-005 -----------------------------------------------------------------

test_hst_005_warns_on_low_system_on_commercial_cloud if {
	proposal := hosted({"provider": "commercial-cloud", "site": "Jakarta", "country": "ID"}, low)
	some v in warns(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-005"
	v.field == "spec.hosting.provider"
	count(denies(data.spbe.testdata.input_for(proposal))) == 0
}

test_hst_005_silent_on_pdn if {
	count(warns(data.spbe.testdata.input_for(hosted(pdn, low)))) == 0
}

test_hst_005_silent_for_high_systems if {
	proposal := hosted({"provider": "commercial-cloud", "site": "Jakarta", "drSite": "Batam", "country": "ID"}, high)
	count(warns(data.spbe.testdata.input_for(proposal))) == 0
}

# --- SPBE-HST-006 -----------------------------------------------------------------

test_hst_006_fires_on_a_server_room_called_pdn if {
	proposal := hosted({"provider": "pdn", "site": "Ruang Server Diskominfo", "drSite": "PDN-BATAM", "country": "ID"}, high)
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-006"
	v.field == "spec.hosting.site"
	contains(v.message.en, "site Ruang Server Diskominfo is not a PDN site")
	contains(v.message.id, "lokasi Ruang Server Diskominfo bukan lokasi PDN")
}

test_hst_006_fires_for_low_systems_too if {
	proposal := hosted({"provider": "pdn", "site": "Kantor Bupati", "country": "ID"}, low)
	fired(denies(data.spbe.testdata.input_for(proposal)), "SPBE-HST-006", "spec.hosting.site")
}

test_hst_006_silent_on_a_pdn_code_in_lower_case if {
	proposal := hosted({"provider": "pdn", "site": "pdn-ikn", "country": "ID"}, low)
	not "SPBE-HST-006" in rules(denies(data.spbe.testdata.input_for(proposal)))
}

test_hst_006_silent_for_other_providers if {
	proposal := hosted({"provider": "gov-cloud", "site": "Cloud Pemprov", "country": "ID"}, low)
	not "SPBE-HST-006" in rules(denies(data.spbe.testdata.input_for(proposal)))
}

# --- SPBE-HST-007 -----------------------------------------------------------------

test_hst_007_fires_on_free_text_recovery_site_with_personal_data if {
	proposal := hosted({"provider": "pdn", "site": "PDN-JABODETABEK", "drSite": "AWS ap-southeast-1 Singapore", "country": "ID"}, high)
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-007"
	v.field == "spec.hosting.drSite"
	contains(v.message.en, "Recovery site AWS ap-southeast-1 Singapore is free text")
	contains(v.message.id, "berupa teks bebas")
}

test_hst_007_silent_on_legacy_free_text_for_a_low_system_without_personal_data if {
	proposal := hosted({"provider": "gov-cloud", "site": "Cloud Pemprov", "drSite": "Cloud Pemprov DR", "country": "ID"}, low)
	not "SPBE-HST-007" in rules(denies(data.spbe.testdata.input_for(proposal)))
}

test_hst_007_silent_on_a_structured_recovery_site if {
	dr := {"provider": "gov-cloud", "site": "Cloud Pemprov DR", "country": "ID"}
	proposal := hosted({"provider": "gov-cloud", "site": "Cloud Pemprov", "drSite": dr, "country": "ID"}, high)
	not "SPBE-HST-007" in rules(denies(data.spbe.testdata.input_for(proposal)))
}
