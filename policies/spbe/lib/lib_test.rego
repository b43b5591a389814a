package spbe.lib_test

import rego.v1

import data.spbe.lib.manifest
import data.spbe.testdata

test_label_names_known_apps if {
	label := data.spbe.lib.registry.label("SHARED-LAPOR") with data.spbe.registry as testdata.registry
	label == "SP4N-LAPOR! (SHARED-LAPOR)"
}

test_label_of_unknown_id_is_the_id if {
	label := data.spbe.lib.registry.label("APP-404404") with data.spbe.registry as testdata.registry
	label == "APP-404404"
}

test_suggestion_of_unknown_id_has_empty_name if {
	suggestion := data.spbe.lib.registry.suggestion("APP-404404") with data.spbe.registry as testdata.registry
	suggestion == {"id": "APP-404404", "name": "", "score": 1.0}
}

test_function_label_falls_back_to_the_code if {
	known := data.spbe.lib.registry.function_label("LYN-PARKIR", "id") with data.spbe.registry as testdata.registry
	known == "LYN-PARKIR (Perparkiran)"
	unknown := data.spbe.lib.registry.function_label("XXX-YYY", "en") with data.spbe.registry as testdata.registry
	unknown == "XXX-YYY"
}

test_registry_defaults_without_index if {
	data.spbe.lib.registry.apps == {} with data.spbe.registry as {}
	data.spbe.lib.registry.revision == "unknown" with data.spbe.registry as {}
	not data.spbe.lib.registry.known("SHARED-LAPOR") with data.spbe.registry as {}
}

test_top_caps_suggestions_at_max_suggestions if {
	count(data.spbe.lib.report.top([1, 2, 3, 4, 5, 6, 7, 8])) == data.spbe.config.max_suggestions
	data.spbe.lib.report.top([1]) == [1]
}

test_agency_label_without_name if {
	label := manifest.agency_label with input as {"manifest": {"metadata": {"agency": {"code": "32.15"}}}}
	label == "32.15"
}

test_agency_label_with_name if {
	label := manifest.agency_label with input as data.spbe.testdata.input_for(testdata.manifest)
	label == "Pemerintah Kabupaten Karawang (32.15)"
}

test_own_ids_are_extends_and_replaces if {
	proposal := data.spbe.testdata.with_spec({"kind": "extension", "extends": "APP-000101", "replaces": ["APP-000102"]})
	ids := manifest.own_ids with input as data.spbe.testdata.input_for(proposal)
	ids == {"APP-000101", "APP-000102"}
}

# Every rule reads its tunables from data.spbe.config: a missing or mistyped key
# would silently switch a rule off, so the shipped config is checked here.
test_config_has_every_key_with_its_type if {
	config := data.spbe.config
	is_number(config.justification_min_length)
	is_number(config.max_suggestions)
	every key in ["near", "same_thing", "reuse", "infer", "max", "infer_profile", "infer_profile_margin", "infer_profile_description", "own_code"] {
		is_number(config.similarity[key])
	}
	is_object(config.closest_weak_evidence)
	every key in [
		"closest_evidence", "closest_declared_code_rules", "reuse_warning_kinds", "host_kinds", "existing_app_kinds", "citizen_audiences",
		"citizen_channels", "openapi_accepted_statuses", "pdn_sites", "strategic_providers",
		"high_providers", "agency_dc_providers", "commercial_providers", "domestic_countries",
		"residency_criticalities",
	] {
		is_array(config[key])
	}
	is_string(config.satudata_service)
}

test_similarity_thresholds_are_scores if {
	every key in ["near", "same_thing", "reuse", "infer", "infer_profile", "infer_profile_description", "own_code"] {
		data.spbe.config.similarity[key] >= 0
		data.spbe.config.similarity[key] <= 1
	}
}
