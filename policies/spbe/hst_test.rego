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
	proposal := hosted(object.union(pdn, {"site": "Gedung Sate"}), strategic)
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-HST-002"
	v.field == "spec.hosting.site"
	contains(v.message.en, "site Gedung Sate is not a national data centre site")
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
	gov_cloud := {"provider": "gov-cloud", "site": "Cloud Pemprov", "drSite": "Cloud Pemprov DR", "country": "ID"}
	count(denies(data.spbe.testdata.input_for(hosted(gov_cloud, high)))) == 0
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
