package spbe.int_test

import rego.v1

import data.spbe.int
import data.spbe.testdata

denies(proposal_input) := result if {
	result := int.deny with input as proposal_input with data.spbe.registry as testdata.registry
}

fired(violations, rule, field) if {
	some v in violations
	v.rule == rule
	v.field == field
}

rules(violations) := {v.rule | some v in violations}

with_interop(interop) := object.union(
	data.spbe.testdata.without_spec("interoperability"),
	{"spec": {"interoperability": interop}},
)

two_apis := with_interop({"apis": [
	{"name": "perizinan", "openapi": "apis/perizinan.yaml", "gateway": "SHARED-SPLP"},
	{"name": "retribusi", "openapi": "apis/retribusi.yaml", "gateway": "SHARED-SPLP"},
]})

openapi_input(statuses) := data.spbe.testdata.input_with_facts(two_apis, {
	"similar": [],
	"openapi": [{"status": status} | some status in statuses],
})

test_compliant_module_has_no_violations if {
	count(denies(data.spbe.testdata.input_for(testdata.manifest))) == 0
}

test_no_interoperability_section_has_no_violations if {
	count(denies(data.spbe.testdata.input_for(data.spbe.testdata.without_spec("interoperability")))) == 0
}

# --- SPBE-INT-001 -----------------------------------------------------------------

test_int_001_fires_on_missing_openapi_field if {
	proposal := with_interop({"apis": [{"name": "laporan", "gateway": "SHARED-SPLP"}]})
	violations := denies(data.spbe.testdata.input_with_facts(proposal, {"openapi": [{"status": "missing"}]}))
	some v in violations
	v.rule == "SPBE-INT-001"
	v.field == "spec.interoperability.apis[0]"
	contains(v.message.en, "API laporan has no OpenAPI document")
}

test_int_001_fires_per_failing_document if {
	violations := denies(openapi_input(["ok", "not-found"]))
	some v in violations
	v.rule == "SPBE-INT-001"
	v.field == "spec.interoperability.apis[1].openapi"
	contains(v.message.en, "was not found at apis/retribusi.yaml")
	count([w | some w in violations; w.rule == "SPBE-INT-001"]) == 1
}

test_int_001_message_per_status if {
	expected := {
		"outside-repository": "outside the repository",
		"too-large": "too large",
		"unreadable": "cannot be read",
		"not-openapi-3": "is not an OpenAPI 3 document",
		"invalid": "is not a valid OpenAPI 3 document",
		"something-new": "could not be checked (status something-new)",
	}
	every status, phrase in expected {
		some v in denies(openapi_input(["ok", status]))
		v.rule == "SPBE-INT-001"
		v.field == "spec.interoperability.apis[1].openapi"
		contains(v.message.en, phrase)
	}
}

test_int_001_message_carries_the_readers_detail if {
	facts := {"openapi": [{"status": "ok"}, {"status": "invalid", "detail": {
		"en": "'info' is a required property (line 1, column 1)",
		"id": "'info' is a required property (baris 1, kolom 1)",
	}}]}
	some v in denies(data.spbe.testdata.input_with_facts(two_apis, facts))
	v.rule == "SPBE-INT-001"
	contains(v.message.en, "not a valid OpenAPI 3 document: 'info' is a required property (line 1, column 1).")
	contains(v.message.id, "(baris 1, kolom 1).")
}

test_int_001_fails_closed_without_facts if {
	fired(denies({"manifest": two_apis}), "SPBE-INT-001", "spec.interoperability.apis[0].openapi")
}

test_int_001_silent_on_ok_and_remote if {
	not "SPBE-INT-001" in rules(denies(openapi_input(["ok", "remote"])))
}

# --- SPBE-INT-002 -----------------------------------------------------------------

test_int_002_fires_on_direct_gateway if {
	proposal := with_interop({"apis": [{"name": "laporan", "openapi": "apis/laporan.yaml", "gateway": "direct"}]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-INT-002"
	v.field == "spec.interoperability.apis[0].gateway"
	v.suggestions == [{"id": "SHARED-SPLP", "name": "Sistem Penghubung Layanan Pemerintah", "score": 1.0}]
}

test_int_002_fires_on_missing_gateway if {
	proposal := with_interop({"apis": [{"name": "laporan", "openapi": "apis/laporan.yaml"}]})
	fired(denies(data.spbe.testdata.input_for(proposal)), "SPBE-INT-002", "spec.interoperability.apis[0].gateway")
}

test_int_002_silent_on_bus if {
	not "SPBE-INT-002" in rules(denies(data.spbe.testdata.input_for(two_apis)))
}

# --- SPBE-INT-003 -----------------------------------------------------------------

test_int_003_fires_on_unknown_gateway if {
	proposal := with_interop({"apis": [{"name": "laporan", "openapi": "apis/laporan.yaml", "gateway": "KARAWANG-ESB"}]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-INT-003"
	v.field == "spec.interoperability.apis[0].gateway"
	contains(v.message.en, "is not in the national registry")
}

test_int_003_fires_on_other_app_as_gateway if {
	proposal := with_interop({"apis": [{"name": "laporan", "openapi": "apis/laporan.yaml", "gateway": "SHARED-INAKU"}]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-INT-003"
	v.field == "spec.interoperability.apis[0].gateway"
	contains(v.message.en, "is INAku (SHARED-INAKU), which is not the service bus")
}

test_int_003_silent_on_bus_and_direct if {
	proposal := with_interop({"apis": [{"name": "laporan", "openapi": "apis/laporan.yaml", "gateway": "direct"}]})
	not "SPBE-INT-003" in rules(denies(data.spbe.testdata.input_for(proposal)))
	not "SPBE-INT-003" in rules(denies(data.spbe.testdata.input_for(two_apis)))
}

# --- SPBE-INT-004 -----------------------------------------------------------------

test_int_004_fires_on_direct_access_to_shared_service if {
	proposal := with_interop({"consumes": [{"provider": "SHARED-IKD", "via": "direct"}]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-INT-004"
	v.field == "spec.interoperability.consumes[0].via"
	v.suggestions[0].id == "SHARED-SPLP"
}

test_int_004_fires_on_missing_via_to_other_agency if {
	proposal := with_interop({"consumes": [{"provider": "APP-000101", "via": "SHARED-SPLP"}, {"provider": "APP-000201"}]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-INT-004"
	v.field == "spec.interoperability.consumes[1].via"
	contains(v.message.en, "an application of another agency (33.74)")
}

test_int_004_silent_on_own_agency_direct_access if {
	proposal := with_interop({"consumes": [{"provider": "APP-000101", "via": "direct"}, {"provider": "APP-000103"}]})
	count(denies(data.spbe.testdata.input_for(proposal))) == 0
}

test_int_004_silent_through_the_bus if {
	proposal := with_interop({"consumes": [{"provider": "APP-000201", "via": "SHARED-SPLP"}]})
	count(denies(data.spbe.testdata.input_for(proposal))) == 0
}

# --- SPBE-INT-005 -----------------------------------------------------------------

test_int_005_fires_on_unknown_provider if {
	proposal := with_interop({"consumes": [{"provider": "SHARED-DUKCAPIL", "via": "SHARED-SPLP"}]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-INT-005"
	v.field == "spec.interoperability.consumes[0].provider"
	contains(v.message.en, "SHARED-DUKCAPIL is not in the national registry")
}

test_int_005_fires_on_retired_provider if {
	proposal := with_interop({"consumes": [{"provider": "APP-000102", "via": "direct"}]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-INT-005"
	v.field == "spec.interoperability.consumes[0].provider"
	contains(v.message.id, "sudah tidak aktif")
}

test_int_005_fires_on_unknown_route if {
	proposal := with_interop({"consumes": [{"provider": "SHARED-IKD", "via": "SHARED-ESB"}]})
	violations := denies(data.spbe.testdata.input_for(proposal))
	some v in violations
	v.rule == "SPBE-INT-005"
	v.field == "spec.interoperability.consumes[0].via"
	contains(v.message.en, "is not in the national registry")
	not "SPBE-INT-004" in rules(violations)
}

test_int_005_fires_on_app_used_as_route if {
	proposal := with_interop({"consumes": [{"provider": "SHARED-IKD", "via": "SHARED-INAKU"}]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-INT-005"
	v.field == "spec.interoperability.consumes[0].via"
	contains(v.message.en, "The route INAku (SHARED-INAKU) used to consume SHARED-IKD is not the service bus; set via to the service bus SHARED-SPLP")
	v.suggestions[0].id == "SHARED-SPLP"
}

test_int_005_silent_on_known_providers_and_routes if {
	not "SPBE-INT-005" in rules(denies(data.spbe.testdata.input_for(testdata.manifest)))
}

# --- SPBE-INT-006 -----------------------------------------------------------------

test_int_006_fires_on_unregistered_dataset if {
	proposal := with_interop({"datasets": [
		{"name": "izin-terbit", "satuData": true},
		{"name": "retribusi", "satuData": false},
		{"name": "pemohon"},
	]})
	violations := denies(data.spbe.testdata.input_for(proposal))
	some v in violations
	v.rule == "SPBE-INT-006"
	v.field == "spec.interoperability.datasets[1].satuData"
	v.suggestions == [{"id": "SHARED-SATUDATA", "name": "Portal Satu Data Indonesia", "score": 1.0}]
	contains(v.message.en, "in Portal Satu Data Indonesia (SHARED-SATUDATA)")
	fired(violations, "SPBE-INT-006", "spec.interoperability.datasets[2].satuData")
}

test_int_006_no_suggestion_when_registry_lacks_satudata if {
	proposal := with_interop({"datasets": [{"name": "retribusi"}]})
	registry := json.remove(testdata.registry, ["apps/SHARED-SATUDATA"])
	violations := int.deny with input as data.spbe.testdata.input_for(proposal) with data.spbe.registry as registry
	some v in violations
	v.rule == "SPBE-INT-006"
	v.suggestions == []
}

test_int_006_silent_on_registered_datasets if {
	not "SPBE-INT-006" in rules(denies(data.spbe.testdata.input_for(testdata.manifest)))
}

# --- no bus in the registry -----------------------------------------------------

test_bus_rules_silent_without_a_bus if {
	proposal := with_interop({
		"apis": [{"name": "laporan", "openapi": "apis/laporan.yaml", "gateway": "direct"}],
		"consumes": [{"provider": "SHARED-IKD", "via": "direct"}],
	})
	registry := json.remove(testdata.registry, ["integration/bus"])
	violations := int.deny with input as data.spbe.testdata.input_for(proposal) with data.spbe.registry as registry
	count(violations) == 0
}

test_only_direct_routes_without_a_bus if {
	proposal := with_interop({"consumes": [{"provider": "SHARED-IKD", "via": "SHARED-SPLP"}]})
	registry := json.remove(testdata.registry, ["integration/bus"])
	violations := int.deny with input as data.spbe.testdata.input_for(proposal) with data.spbe.registry as registry
	some v in violations
	v.rule == "SPBE-INT-005"
	v.field == "spec.interoperability.consumes[0].via"
	contains(v.message.en, "set via to direct: the registry names no service bus.")
	v.suggestions == []
}

# --- SPBE-INT-007 -----------------------------------------------------------------

test_int_007_fires_on_api_channel_without_apis if {
	proposal := object.union(data.spbe.testdata.without_spec("interoperability"), {"spec": {"channels": ["web", "api"]}})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-INT-007"
	v.field == "spec.channels[1]"
	contains(v.message.en, "offered through the api channel but declares no API")
	contains(v.message.id, "tidak menyebut API apa pun")
}

# Walking around it: an interoperability section with only consumed services is still no API.
test_int_007_fires_when_only_consumption_is_declared if {
	proposal := object.union(with_interop({"consumes": [{"provider": "SHARED-IKD", "via": "SHARED-SPLP"}]}), {"spec": {"channels": ["api"]}})
	fired(denies(data.spbe.testdata.input_for(proposal)), "SPBE-INT-007", "spec.channels[0]")
}

test_int_007_silent_when_the_api_is_declared if {
	proposal := object.union(data.spbe.testdata.manifest, {"spec": {"channels": ["web", "api"]}})
	not "SPBE-INT-007" in rules(denies(data.spbe.testdata.input_for(proposal)))
}
