package spbe.shr_test

import rego.v1

import data.spbe.shr
import data.spbe.testdata

denies(proposal_input) := result if {
	result := shr.deny with input as proposal_input with data.spbe.registry as testdata.registry
}

fired(violations, rule, field) if {
	some v in violations
	v.rule == rule
	v.field == field
}

rules(violations) := {v.rule | some v in violations}

with_uses(uses) := object.union(
	data.spbe.testdata.without_spec("uses"),
	{"spec": {"uses": uses}},
)

test_compliant_module_has_no_violations if {
	count(denies(data.spbe.testdata.input_for(testdata.manifest))) == 0
}

test_no_uses_has_no_violations if {
	count(denies(data.spbe.testdata.input_for(data.spbe.testdata.without_spec("uses")))) == 0
}

# --- SPBE-SHR-001 -----------------------------------------------------------------

test_shr_001_fires_on_self_built_payment if {
	some v in denies(data.spbe.testdata.input_for(with_uses({"identity": "SHARED-INAPAS", "payment": "self"})))
	v.rule == "SPBE-SHR-001"
	v.field == "spec.uses.payment"
	v.suggestions == [{"id": "SHARED-SIMPONI", "name": "SIMPONI", "score": 1.0}]
	contains(v.message.en, "Set spec.uses.payment to SHARED-SIMPONI.")
}

test_shr_001_suggests_every_identity_provider if {
	some v in denies(data.spbe.testdata.input_for(with_uses({"identity": "self"})))
	v.rule == "SPBE-SHR-001"
	v.field == "spec.uses.identity"
	[s.id | some s in v.suggestions] == ["SHARED-INAPAS", "SHARED-IKD"]
	contains(v.message.id, "salah satu dari SHARED-INAPAS, SHARED-IKD")
}

test_shr_001_silent_for_capability_without_mandatory_provider if {
	count(denies(data.spbe.testdata.input_for(with_uses({"maps": "self", "chat": "self"})))) == 0
}

# --- SPBE-SHR-002 -----------------------------------------------------------------

test_shr_002_fires_on_other_provider if {
	some v in denies(data.spbe.testdata.input_for(with_uses({"signature": "SHARED-INAPAS"})))
	v.rule == "SPBE-SHR-002"
	v.field == "spec.uses.signature"
	v.suggestions[0].id == "SHARED-BSRE"
	contains(v.message.en, "not by INApas (SHARED-INAPAS)")
}

test_shr_002_fires_on_agency_app_as_provider if {
	violations := denies(data.spbe.testdata.input_for(with_uses({"identity": "APP-000101"})))
	fired(violations, "SPBE-SHR-002", "spec.uses.identity")
	not "SPBE-SHR-003" in rules(violations)
}

test_shr_002_silent_on_any_mandatory_provider if {
	count(denies(data.spbe.testdata.input_for(with_uses({"identity": "SHARED-IKD"})))) == 0
}

test_shr_002_silent_for_capability_without_mandatory_provider if {
	count(denies(data.spbe.testdata.input_for(with_uses({"maps": "APP-000301"})))) == 0
}

# --- SPBE-SHR-003 -----------------------------------------------------------------

test_shr_003_fires_on_unknown_provider if {
	violations := denies(data.spbe.testdata.input_for(with_uses({"payment": "SHARED-SIMPONY"})))
	some v in violations
	v.rule == "SPBE-SHR-003"
	v.field == "spec.uses.payment"
	contains(v.message.en, "is not in the national registry")
	v.suggestions[0].id == "SHARED-SIMPONI"
	not "SPBE-SHR-002" in rules(violations)
}

test_shr_003_fires_on_retired_provider_of_optional_capability if {
	some v in denies(data.spbe.testdata.input_for(with_uses({"maps": "SHARED-PETA-LAMA"})))
	v.rule == "SPBE-SHR-003"
	v.field == "spec.uses.maps"
	contains(v.message.id, "sudah tidak aktif")
	v.suggestions == []
}

test_shr_003_fires_for_unknown_capability_name if {
	fired(denies(data.spbe.testdata.input_for(with_uses({"chat": "APP-404404"}))), "SPBE-SHR-003", "spec.uses.chat")
}

test_shr_003_silent_on_active_ids_and_self if {
	violations := denies(data.spbe.testdata.input_for(with_uses({"maps": "APP-000301", "chat": "self"})))
	not "SPBE-SHR-003" in rules(violations)
}

test_one_violation_per_uses_entry if {
	uses := {"identity": "self", "signature": "SHARED-INAPAS", "payment": "NOPE-1", "maps": "SHARED-PETA-LAMA"}
	violations := denies(data.spbe.testdata.input_for(with_uses(uses)))
	count(violations) == 4
	{v.field | some v in violations} == {"spec.uses.identity", "spec.uses.signature", "spec.uses.payment", "spec.uses.maps"}
}

# --- SPBE-SHR-004 -----------------------------------------------------------------

warns(proposal_input) := result if {
	result := shr.warn with input as proposal_input with data.spbe.registry as testdata.registry
}

test_shr_004_silent_on_the_compliant_module if {
	count(warns(data.spbe.testdata.input_for(testdata.manifest))) == 0
}

test_shr_004_fires_on_public_personal_data_without_identity if {
	proposal := with_uses({"signature": "SHARED-BSRE"})
	some v in warns(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-SHR-004"
	v.field == "spec.data.personalData"
	contains(v.message.en, "processes personal data, so it needs capability identity")
	contains(v.message.id, "Isikan spec.uses.identity dengan salah satu dari SHARED-INAPAS, SHARED-IKD")
	{s.id | some s in v.suggestions} == {"SHARED-INAPAS", "SHARED-IKD"}
}

test_shr_004_fires_on_a_revenue_function_without_payment if {
	proposal := object.union(with_uses({"identity": "SHARED-INAPAS"}), {"spec": {"functions": ["LYN-PERIZINAN", "LYN-PARKIR"]}})
	some v in warns(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-SHR-004"
	v.field == "spec.functions[1]"
	contains(v.message.en, "runs function LYN-PARKIR, so it needs capability payment")
}

test_shr_004_silent_for_government_audiences if {
	proposal := object.union(data.spbe.testdata.without_spec("uses"), {"spec": {"audience": "government"}})
	not "SPBE-SHR-004" in rules(warns(data.spbe.testdata.input_for(proposal)))
}

# Walking around it: declaring the capability as "self" is SHR-001's deny, not silence.
test_shr_004_leaves_self_to_shr_001 if {
	proposal := with_uses({"identity": "self"})
	violations := data.spbe.testdata.input_for(proposal)
	not "SPBE-SHR-004" in rules(warns(violations))
	fired(denies(violations), "SPBE-SHR-001", "spec.uses.identity")
}
