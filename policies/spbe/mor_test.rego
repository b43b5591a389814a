package spbe.mor_test

import rego.v1

import data.spbe.mor
import data.spbe.testdata

denies(proposal_input) := result if {
	result := mor.deny with input as proposal_input with data.spbe.registry as testdata.registry
}

warns(proposal_input) := result if {
	result := mor.warn with input as proposal_input with data.spbe.registry as testdata.registry
}

fired(violations, rule, field) if {
	some v in violations
	v.rule == rule
	v.field == field
}

rules(violations) := {v.rule | some v in violations}

# A new application with a justification, for a function nobody runs.
new_app := data.spbe.testdata.with_spec({
	"kind": "new",
	"justification": testdata.long_justification,
	"audience": "internal",
	"functions": ["TRN-ANGKUTAN"],
})

# --- the compliant base ---------------------------------------------------------

test_compliant_module_has_no_violations if {
	count(denies(data.spbe.testdata.input_for(testdata.manifest))) == 0
	count(warns(data.spbe.testdata.input_for(testdata.manifest))) == 0
}

# --- SPBE-MOR-001 -----------------------------------------------------------------

test_mor_001_fires_on_short_justification if {
	proposal := data.spbe.testdata.with_spec({"kind": "new", "justification": "   Perlu aplikasi.   ", "audience": "internal"})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-MOR-001"
	v.field == "spec.justification"
	contains(v.message.en, "has 15.")
	v.suggestions == []
}

test_mor_001_fires_on_missing_justification if {
	proposal := data.spbe.testdata.with_spec({"kind": "new", "audience": "internal"})
	fired(denies(data.spbe.testdata.input_for(proposal)), "SPBE-MOR-001", "spec.justification")
}

test_mor_001_silent_on_long_justification if {
	proposal := data.spbe.testdata.with_spec({"kind": "new", "justification": testdata.long_justification, "audience": "internal"})
	not "SPBE-MOR-001" in rules(denies(data.spbe.testdata.input_for(proposal)))
}

new_with_justification(text) := data.spbe.testdata.input_for(data.spbe.testdata.with_spec({"kind": "new", "justification": text, "audience": "internal"}))

test_mor_001_refuses_a_repeated_character if {
	some v in denies(new_with_justification(concat("", ["x" | some _ in numbers.range(1, 100)])))
	v.rule == "SPBE-MOR-001"
	v.field == "spec.justification"
	contains(v.message.en, "looks like filler: it uses 0 distinct words, fewer than 8")
	contains(v.message.id, "tampak sebagai isian kosong")
}

test_mor_001_refuses_a_repeated_word if {
	some v in denies(new_with_justification(concat(" ", ["aplikasi" | some _ in numbers.range(1, 20)])))
	v.rule == "SPBE-MOR-001"
	contains(v.message.en, "it uses 1 distinct words")
}

test_mor_001_refuses_text_without_letters if {
	some v in denies(new_with_justification(concat(" ", ["1234567890" | some _ in numbers.range(1, 12)])))
	v.rule == "SPBE-MOR-001"
	contains(v.message.en, "contains no letters")
	contains(v.message.id, "tidak memuat huruf")
}

# Walking around it: seven real words padded with one-letter-repeated "words".
test_mor_001_refuses_few_words_padded_with_repeated_letters if {
	padding := concat(" ", ["aaaa bbbb cccc dddd eeee ffff gggg hhhh" | some _ in numbers.range(1, 3)])
	some v in denies(new_with_justification(sprintf("tidak ada aplikasi lain yang cocok dipakai %s", [padding])))
	v.rule == "SPBE-MOR-001"
	contains(v.message.en, "it uses 7 distinct words")
}

# Text outside ASCII is read with Unicode's letters (the ASCII shortcut must not change a verdict):
# seven Cyrillic words are seven words, not "no letters".
test_mor_001_counts_words_of_any_script if {
	words := "один два три четыре пять шесть семь"
	some v in denies(new_with_justification(concat(" ", [words | some _ in numbers.range(1, 4)])))
	v.rule == "SPBE-MOR-001"
	contains(v.message.en, "it uses 7 distinct words")
}

# One accented letter keeps its word whole: "naïve" is one word, not "na" and "ve".
test_mor_001_keeps_accented_words_whole if {
	text := "tidak ada aplikasi lain yang cocok naïve"
	some v in denies(new_with_justification(concat(" ", [text | some _ in numbers.range(1, 4)])))
	v.rule == "SPBE-MOR-001"
	contains(v.message.en, "it uses 7 distinct words")
}

test_mor_001_finds_letters_outside_ascii if {
	some v in denies(new_with_justification(concat(" ", ["ÉÉÉÉ 1234567890" | some _ in numbers.range(1, 8)])))
	v.rule == "SPBE-MOR-001"
	contains(v.message.en, "uses 0 distinct words")
}

test_mor_001_silent_for_modules if {
	not "SPBE-MOR-001" in rules(denies(data.spbe.testdata.input_for(testdata.manifest)))
}

# --- SPBE-MOR-002 -----------------------------------------------------------------

test_mor_002_fires_on_function_owned_by_shared_service if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN", "LYN-PENGADUAN"]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-MOR-002"
	v.field == "spec.functions[1]"
	v.suggestions == [{"id": "SHARED-LAPOR", "name": "SP4N-LAPOR!", "score": 1.0}]
	contains(v.message.id, "SP4N-LAPOR! (SHARED-LAPOR)")
}

test_mor_002_names_every_owner if {
	proposal := data.spbe.testdata.with_spec({"functions": ["IDN-SSO"]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-MOR-002"
	{s.id | some s in v.suggestions} == {"SHARED-IKD", "SHARED-INAPAS"}
}

test_mor_002_silent_for_module_of_the_owner if {
	proposal := data.spbe.testdata.with_spec({"kind": "module", "extends": "SHARED-LAPOR", "functions": ["LYN-PENGADUAN"]})
	not "SPBE-MOR-002" in rules(denies(data.spbe.testdata.input_for(proposal)))
}

test_mor_002_fires_for_new_app_even_if_extends_names_the_owner if {
	proposal := data.spbe.testdata.with_spec({
		"kind": "new", "extends": "SHARED-LAPOR", "justification": testdata.long_justification,
		"audience": "internal", "functions": ["LYN-PENGADUAN"],
	})
	fired(denies(data.spbe.testdata.input_for(proposal)), "SPBE-MOR-002", "spec.functions[0]")
}

test_mor_002_silent_on_unowned_function if {
	not "SPBE-MOR-002" in rules(denies(data.spbe.testdata.input_for(testdata.manifest)))
}

# --- SPBE-MOR-003 -----------------------------------------------------------------

# What checker/matching reports for a parking proposal from Karawang (32.15).
own_parking := {"id": "APP-000101", "name": "E-Parkir Karawang", "agency": "32.15", "score": 0.91, "on": "name",
	"functions": ["LYN-PARKIR"], "own": true, "shared": false, "count": 1,
	"why": {"en": "shares parkir", "id": "sama-sama memuat parkir"}}

other_parking := {"id": "APP-000201", "name": "Parkir Online Semarang", "agency": "33.74", "score": 0.5, "on": "name",
	"functions": ["LYN-PARKIR"], "own": false, "shared": false, "count": 1,
	"why": {"en": "shares parkir", "id": "sama-sama memuat parkir"}}

with_similar(proposal, similar) := data.spbe.testdata.input_with_facts(proposal, {"openapi": [{"status": "ok"}], "similar": similar})

test_mor_003_denies_when_own_app_is_the_same_thing if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN", "LYN-PARKIR"]})
	some v in denies(with_similar(proposal, [own_parking]))
	v.rule == "SPBE-MOR-003"
	v.field == "spec.functions[1]"
	v.suggestions[0].id == "APP-000101"
	v.suggestions[0].score == 0.91
	contains(v.message.en, "Pemerintah Kabupaten Karawang (32.15)")
	contains(v.message.en, "E-Parkir Karawang (APP-000101, agency 32.15, 91% similar; shares parkir)")
}

test_mor_003_two_declared_functions_each_served_by_an_own_app_point_at_the_first if {
	# Found by the registry audit: one answer per rule, or the engine refuses to judge.
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN", "LYN-PARKIR"]})
	own_permits := object.union(own_parking, {"id": "APP-000102", "name": "Izin Parkir Karawang", "functions": ["LYN-PERIZINAN"]})
	violations := [v | some v in denies(with_similar(proposal, [own_parking, own_permits])); v.rule == "SPBE-MOR-003"]
	count(violations) == 1
	violations[0].field == "spec.functions[0]"
}

test_mor_003_same_thing_under_another_code_points_at_the_name if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN"]})
	fired(denies(with_similar(proposal, [own_parking])), "SPBE-MOR-003", "metadata.name")
}

test_mor_003_same_code_alone_is_not_a_deny if {
	# The flood-sensor case: the agency runs another app under the same coarse code.
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	not "SPBE-MOR-003" in rules(denies(data.spbe.testdata.input_for(proposal)))
	not "SPBE-MOR-003" in rules(warns(data.spbe.testdata.input_for(proposal)))
}

test_mor_003_weak_similarity_with_same_code_is_a_warning if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	weak := object.union(own_parking, {"score": 0.5})
	not "SPBE-MOR-003" in rules(denies(with_similar(proposal, [weak])))
	fired(warns(with_similar(proposal, [weak])), "SPBE-MOR-003", "spec.functions[0]")
}

# The walk-around a name allows: "Kediri Reading Room" (an English name) hid the city's own e-Library,
# which its description reads like (0.52 alone, 0.32 as a whole).
described_own_parking := object.union(own_parking, {"score": 0.32, "described": 0.52, "on": "description"})

test_mor_003_warns_on_own_app_the_description_alone_reads_like if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	some v in warns(with_similar(proposal, [described_own_parking]))
	v.rule == "SPBE-MOR-003"
	v.field == "spec.functions[0]"
	v.suggestions[0].id == "APP-000101"
	not "SPBE-MOR-003" in rules(denies(with_similar(proposal, [described_own_parking])))
}

test_mor_003_description_alone_needs_the_whole_text_over_the_floor if {
	# What passes: a description that reads only faintly like the own app, or a whole text under the floor.
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	under_floor := object.union(described_own_parking, {"score": 0.2})
	not "SPBE-MOR-003" in rules(warns(with_similar(proposal, [under_floor])))
	weakly_described := object.union(described_own_parking, {"described": 0.3})
	not "SPBE-MOR-003" in rules(warns(with_similar(proposal, [weakly_described])))
}

# An own app of the declared code under similarity.reuse is named when other agencies' apps of
# the code resemble the proposal: they vouch for the function, the own app is the one to extend.
faint_own_parking := object.union(own_parking, {"score": 0.3})

test_mor_003_names_a_faintly_similar_own_app_when_other_agencies_apps_resemble if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	some v in warns(with_similar(proposal, [other_parking, faint_own_parking]))
	v.rule == "SPBE-MOR-003"
	v.field == "spec.functions[0]"
	v.suggestions[0].id == "APP-000101"
	not "SPBE-MOR-003" in rules(denies(with_similar(proposal, [other_parking, faint_own_parking])))
	# MOR-004 still names the other agencies' apps: the own app is the first answer, not the only one.
	"SPBE-MOR-004" in rules(warns(with_similar(proposal, [other_parking, faint_own_parking])))
}

test_mor_003_faintly_similar_own_app_alone_is_silent if {
	# Without other agencies' apps that resemble it, 30% is no evidence of the same need.
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	not "SPBE-MOR-003" in rules(warns(with_similar(proposal, [faint_own_parking])))
}

test_mor_003_faint_own_app_of_another_code_is_silent if {
	# The walk-around that is no walk-around: other regions' parking apps resemble a licensing
	# proposal only through MOR-004's own code check; an own parking app does not vouch for licensing.
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN"]})
	not "SPBE-MOR-003" in rules(warns(with_similar(proposal, [other_parking, faint_own_parking])))
}

# The code is the evidence: a faint resemblance is enough ("Pakpak Bharat Rural Bus Tracker" and
# the regency's "Trans Pakpak Bharat", 0.16), under similarity.own_code none is.
test_mor_003_names_an_own_app_of_the_code_from_own_code if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	faint := object.union(own_parking, {"score": 0.16})
	some v in warns(with_similar(proposal, [other_parking, faint]))
	v.rule == "SPBE-MOR-003"
	v.suggestions[0].id == "APP-000101"
	v.suggestions[0].score == 0.16
}

test_mor_003_own_app_under_own_code_is_silent if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	below := object.union(own_parking, {"score": 0.1})
	not "SPBE-MOR-003" in rules(warns(with_similar(proposal, [other_parking, below])))
	# The threshold is the policy owner's: from config, not from the rule.
	"SPBE-MOR-003" in rules(warns(with_similar(proposal, [other_parking, below]))) with data.spbe.config.similarity.own_code as 0.1
}

# A region's own app as close as the registry's nearest app (the facts mark it own_nearest):
# "Akta Lahir dari Rumah Jember" and the regency's "Dukcapil Online Jember" (0.39), no other
# agency's app closer. Without the mark, 0.3 alone is no evidence (the test above).
test_mor_003_names_an_own_app_of_the_code_that_is_the_nearest if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	nearest := object.union(own_parking, {"score": 0.3, "own_nearest": true})
	some v in warns(with_similar(proposal, [nearest]))
	v.rule == "SPBE-MOR-003"
	v.field == "spec.functions[0]"
	v.suggestions[0].id == "APP-000101"
	not "SPBE-MOR-003" in rules(denies(with_similar(proposal, [nearest])))
}

test_mor_003_nearest_own_app_of_another_code_or_under_own_nearest_is_silent if {
	# The walk-around: the mark says nearest, not same need; an own parking app does not answer licensing.
	licensing := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN"]})
	nearest := object.union(own_parking, {"score": 0.3, "own_nearest": true})
	not "SPBE-MOR-003" in rules(warns(with_similar(licensing, [nearest])))
	parking := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	faint := object.union(own_parking, {"score": 0.15, "own_nearest": true})
	not "SPBE-MOR-003" in rules(warns(with_similar(parking, [faint])))
	# The threshold is the policy owner's: from config, not from the rule.
	"SPBE-MOR-003" in rules(warns(with_similar(parking, [faint]))) with data.spbe.config.similarity.own_nearest as 0.15
}

test_mor_003_silent_when_replacing_that_app if {
	proposal := data.spbe.testdata.with_spec({"kind": "replacement", "replaces": ["APP-000101"], "audience": "internal", "functions": ["LYN-PARKIR"]})
	not "SPBE-MOR-003" in rules(denies(with_similar(proposal, [own_parking])))
}

test_mor_003_silent_when_extending_that_app if {
	proposal := data.spbe.testdata.with_spec({"kind": "extension", "extends": "APP-000101", "functions": ["LYN-PARKIR"]})
	not "SPBE-MOR-003" in rules(denies(with_similar(proposal, [own_parking])))
}

test_mor_003_silent_for_module_that_retires_the_app if {
	# The migration path: a super-app module that takes over the standalone app.
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"], "replaces": ["APP-000101"]})
	count(denies(with_similar(proposal, [own_parking]))) == 0
}

test_mor_003_silent_for_other_agency if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	not "SPBE-MOR-003" in rules(denies(with_similar(proposal, [other_parking])))
}

# A wrong code must not hide the agency's own application: Karawang's text reads like parking
# (facts.inferred), it declares licensing, and Karawang runs a parking app that resembles it.
weak_own_parking := object.union(own_parking, {"score": 0.5})

reads_like_parking(proposal, similar) := data.spbe.testdata.input_with_facts(proposal, {
	"openapi": [{"status": "ok"}], "similar": similar,
	"inferred": [{"code": "LYN-PARKIR", "share": 1.0, "score": 0.5, "owners": [], "via": ["APP-000101"], "support": 1, "basis": "neighbours"}],
})

test_mor_003_warns_on_own_app_with_the_function_the_text_reads_like if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN"]})
	some v in warns(reads_like_parking(proposal, [weak_own_parking]))
	v.rule == "SPBE-MOR-003"
	v.field == "spec.functions"
	v.suggestions[0].id == "APP-000101"
	contains(v.message.en, "reads like function")
	contains(v.message.en, "declares LYN-PERIZINAN")
	contains(v.message.id, "terbaca sebagai fungsi")
	not "SPBE-MOR-003" in rules(denies(reads_like_parking(proposal, [weak_own_parking])))
}

test_mor_003_read_function_without_a_similar_own_app_is_silent if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN"]})
	not "SPBE-MOR-003" in rules(warns(reads_like_parking(proposal, [other_parking])))
	not "SPBE-MOR-003" in rules(warns(reads_like_parking(proposal, [object.union(own_parking, {"score": 0.3})])))
}

# "Mataram Siaga 112", filed under public order, reads like the emergency-call function; Lampung
# Selatan's "Call Center 112" resembles it, and the city's own "Call Center 112 Mataram" (0.40) is
# the app to extend: a wrong code must not hide it any more than a weak resemblance may.
test_mor_003_names_an_own_app_of_the_function_read_when_others_resemble if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN"]})
	faint := object.union(own_parking, {"score": 0.16})
	some v in warns(reads_like_parking(proposal, [other_parking, faint]))
	v.rule == "SPBE-MOR-003"
	v.field == "spec.functions"
	v.suggestions[0].id == "APP-000101"
	not "SPBE-MOR-003" in rules(warns(reads_like_parking(proposal, [other_parking, object.union(own_parking, {"score": 0.1})])))
}

test_mor_003_similar_own_app_of_an_unread_function_is_silent if {
	# Neither declared nor read from the text: a resemblance alone is not evidence of the same need.
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN"]})
	not "SPBE-MOR-003" in rules(warns(with_similar(proposal, [weak_own_parking])))
}

test_mor_003_read_function_not_warned_twice if {
	# An own app under the declared code already gets the warning: one MOR-003, not two.
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN"]})
	own_licensing := object.union(weak_own_parking, {"id": "APP-000102", "name": "SiCantik Karawang", "functions": ["LYN-PERIZINAN"]})
	violations := [v | some v in warns(reads_like_parking(proposal, [weak_own_parking, own_licensing])); v.rule == "SPBE-MOR-003"]
	count(violations) == 1
	violations[0].field == "spec.functions[0]"
}

# --- SPBE-MOR-004 -----------------------------------------------------------------

surabaya_parking := object.union(new_app, {
	"metadata": {"agency": {"code": "35.78", "name": "Pemerintah Kota Surabaya"}},
	"spec": {"functions": ["LYN-PARKIR"]},
})

test_mor_004_warns_with_similar_candidates_ranked_by_similarity if {
	better := object.union(other_parking, {"id": "APP-000301", "name": "E-Parkir Denpasar", "score": 0.55})
	some v in warns(with_similar(surabaya_parking, [better, other_parking]))
	v.rule == "SPBE-MOR-004"
	v.field == "spec.functions[0]"
	contains(v.message.en, "3 other agencies")
	[s.id | some s in v.suggestions] == ["APP-000301", "APP-000201"]
}

test_mor_004_silent_without_a_similar_candidate if {
	# The function alone, with nothing similar, is not a warning: it would fire on everything.
	not "SPBE-MOR-004" in rules(warns(data.spbe.testdata.input_for(surabaya_parking)))
}

test_mor_004_ignores_candidates_of_other_functions if {
	unrelated := object.union(other_parking, {"functions": ["LYN-PERIZINAN"]})
	not "SPBE-MOR-004" in rules(warns(with_similar(surabaya_parking, [unrelated])))
}

test_mor_004_warns_for_modules_too if {
	# A super-app module that rebuilds what other agencies run is a duplicate as well.
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	proposal.spec.kind == "module"
	some v in warns(with_similar(proposal, [other_parking]))
	v.rule == "SPBE-MOR-004"
	[s.id | some s in v.suggestions] == ["APP-000201"]
}

test_mor_004_silent_for_kinds_the_policy_owner_leaves_out if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PARKIR"]})
	not "SPBE-MOR-004" in rules(warns(with_similar(proposal, [other_parking]))) with data.spbe.config.reuse_warning_kinds as ["new"]
}

test_mor_004_silent_when_mor_005_already_names_its_candidates if {
	near := object.union(other_parking, {"score": 0.9})
	violations := warns(with_similar(surabaya_parking, [near]))
	"SPBE-MOR-005" in rules(violations)
	not "SPBE-MOR-004" in rules(violations)
}

test_mor_004_names_the_functions_candidates_mor_005_does_not if {
	# The near-duplicate is another function's app; the parking app that resembles the
	# proposal less closely is still the one to reuse, and only MOR-004 names it.
	near_other := object.union(other_parking, {"id": "APP-000301", "name": "Perizinan Online Solo", "score": 0.7, "functions": ["LYN-PERIZINAN"]})
	violations := warns(with_similar(surabaya_parking, [near_other, other_parking]))
	"SPBE-MOR-005" in rules(violations)
	some v in violations
	v.rule == "SPBE-MOR-004"
	[s.id | some s in v.suggestions] == ["APP-000201"]
}

# A branded name pulls the whole score under similarity.reuse; the description alone reads like the app.
described_parking := object.union(other_parking, {"score": 0.3, "described": 0.45})

test_mor_004_names_an_app_the_description_alone_reads_like if {
	some v in warns(with_similar(surabaya_parking, [described_parking]))
	v.rule == "SPBE-MOR-004"
	[s.id | some s in v.suggestions] == ["APP-000201"]
}

test_mor_004_description_evidence_needs_both_thresholds if {
	# The description must read like the app (reuse_description) and the whole text must not be
	# unrelated (reuse_floor): either alone is a coincidence.
	weak_description := object.union(described_parking, {"described": 0.36})
	not "SPBE-MOR-004" in rules(warns(with_similar(surabaya_parking, [weak_description])))
	unrelated_text := object.union(described_parking, {"score": 0.25})
	not "SPBE-MOR-004" in rules(warns(with_similar(surabaya_parking, [unrelated_text])))
	without_fact := object.remove(described_parking, ["described"])
	not "SPBE-MOR-004" in rules(warns(with_similar(surabaya_parking, [without_fact])))
}

test_mor_004_description_thresholds_come_from_the_config if {
	not "SPBE-MOR-004" in rules(warns(with_similar(surabaya_parking, [described_parking]))) with data.spbe.config.similarity.reuse_description as 0.5
	"SPBE-MOR-004" in rules(warns(with_similar(surabaya_parking, [object.union(described_parking, {"score": 0.2})]))) with data.spbe.config.similarity.reuse_floor as 0.2
}

# A proposal that declares another code but reads like LYN-PARKIR, which other agencies run.
parking_inferred(proposal, similar) := data.spbe.testdata.input_with_facts(proposal, {
	"openapi": [{"status": "ok"}], "similar": similar,
	"inferred": [{"code": "LYN-PARKIR", "share": 0.9, "score": 0.5, "owners": [], "via": ["APP-000201"], "support": 3}],
})

wrong_code_parking := object.union(surabaya_parking, {"spec": {"functions": ["LYN-PAJAK-DAERAH"]}})

test_mor_004_names_candidates_of_the_function_the_proposal_reads_like if {
	# The declared code is the agency's label; the text is the evidence.
	some v in warns(parking_inferred(wrong_code_parking, [other_parking]))
	v.rule == "SPBE-MOR-004"
	v.field == "spec.functions"
	[s.id | some s in v.suggestions] == ["APP-000201"]
	contains(v.message.en, "reads like")
	contains(v.message.en, "90%")
	contains(v.message.id, "terbaca sebagai")
}

test_mor_004_inferred_needs_several_neighbours_serving_the_function if {
	# One or two similar apps of one ministry do not make a function the proposal reads like.
	facts := {"openapi": [{"status": "ok"}], "similar": [other_parking],
		"inferred": [{"code": "LYN-PARKIR", "share": 1.0, "score": 0.5, "owners": [], "support": 2}]}
	not "SPBE-MOR-004" in rules(warns(data.spbe.testdata.input_with_facts(wrong_code_parking, facts)))
}

test_mor_004_inferred_speaks_beside_mor_002 if {
	# Filed under a shared service's code, the text reads like parking: MOR-002 judges the
	# code, MOR-004 names the parking apps the text reads like.
	proposal := object.union(wrong_code_parking, {"spec": {"functions": ["LYN-PENGADUAN"]}})
	input_ := parking_inferred(proposal, [other_parking])
	"SPBE-MOR-002" in rules(denies(input_))
	some v in warns(input_)
	v.rule == "SPBE-MOR-004"
	[s.id | some s in v.suggestions] == ["APP-000201"]
}

test_mor_004_inferred_needs_a_similar_candidate if {
	not "SPBE-MOR-004" in rules(warns(parking_inferred(wrong_code_parking, [])))
}

test_mor_004_inferred_silent_when_the_code_is_declared if {
	# The declared-code warning covers it, once.
	violations := [v | some v in warns(parking_inferred(surabaya_parking, [other_parking])); v.rule == "SPBE-MOR-004"]
	count(violations) == 1
	violations[0].field == "spec.functions[0]"
}

test_mor_004_inferred_silent_for_a_shared_owner if {
	# A function a shared service owns is MOR-011's to report.
	facts := {"openapi": [{"status": "ok"}], "similar": [object.union(other_parking, {"functions": ["LYN-PENGADUAN"]})],
		"inferred": [{"code": "LYN-PENGADUAN", "share": 0.9, "score": 0.5, "owners": ["SHARED-LAPOR"]}]}
	not "SPBE-MOR-004" in rules(warns(data.spbe.testdata.input_with_facts(wrong_code_parking, facts)))
}

# The registry's nearest app, under similarity.reuse, of the function the text's profile reads like.
nearest_parking := object.union(other_parking, {"score": 0.43, "nearest": true})

read_as_parking(proposal, similar, basis) := data.spbe.testdata.input_with_facts(proposal, {
	"openapi": [{"status": "ok"}], "similar": similar,
	"inferred": [{"code": "LYN-PARKIR", "score": 0.3, "owners": [], "support": 0, "basis": basis}],
})

test_mor_004_names_the_nearest_app_of_the_function_the_profile_reads_like if {
	# Declared parking, reads like parking, and the registry's nearest app is a parking app.
	some v in warns(read_as_parking(surabaya_parking, [nearest_parking], "profile"))
	v.rule == "SPBE-MOR-004"
	v.field == "spec.functions[0]"
	[s.id | some s in v.suggestions] == ["APP-000201"]
}

test_mor_004_names_the_nearest_app_under_another_declared_code if {
	some v in warns(read_as_parking(wrong_code_parking, [nearest_parking], "profile"))
	v.rule == "SPBE-MOR-004"
	v.field == "spec.functions"
	contains(v.message.en, "reads like")
	[s.id | some s in v.suggestions] == ["APP-000201"]
}

test_mor_004_nearest_app_needs_the_profile_to_agree if {
	# The same app and score, but the text reads like another function, or only its
	# neighbours vote (they are the same apps: no second reading).
	unrelated := data.spbe.testdata.input_with_facts(surabaya_parking, {"openapi": [{"status": "ok"}], "similar": [nearest_parking],
		"inferred": [{"code": "LYN-PERIZINAN", "score": 0.3, "owners": [], "support": 0, "basis": "profile"}]})
	not "SPBE-MOR-004" in rules(warns(unrelated))
	not "SPBE-MOR-004" in rules(warns(read_as_parking(wrong_code_parking, [nearest_parking], "neighbours")))
}

test_mor_004_only_the_nearest_app_counts_under_reuse if {
	# Walking around: an app as close that is not the registry's nearest, or the nearest one
	# under similarity.reuse_profile, is no candidate.
	not_nearest := object.remove(nearest_parking, ["nearest"])
	not "SPBE-MOR-004" in rules(warns(read_as_parking(surabaya_parking, [not_nearest], "profile")))
	too_far := object.union(nearest_parking, {"score": 0.42})
	not "SPBE-MOR-004" in rules(warns(read_as_parking(surabaya_parking, [too_far], "profile")))
	not "SPBE-MOR-004" in rules(warns(read_as_parking(surabaya_parking, [nearest_parking], "profile"))) with data.spbe.config.similarity.reuse_profile as 0.45
}

# --- SPBE-MOR-005 -----------------------------------------------------------------

similar_facts := {
	"openapi": [{"status": "ok"}],
	"similar": [
		{"id": "APP-000201", "name": "Parkir Online Semarang", "agency": "33.74", "score": 0.934, "on": "name",
			"count": 1, "why": {"en": "shares parkir", "id": "sama-sama memuat parkir"}},
		{"id": "APP-000301", "name": "E-Parkir Denpasar", "agency": "51.71", "score": 0.91, "on": "description"},
	],
}

test_mor_005_warns_on_near_duplicate_name if {
	some v in warns(data.spbe.testdata.input_with_facts(new_app, similar_facts))
	v.rule == "SPBE-MOR-005"
	v.field == "metadata.name"
	v.suggestions[0].id == "APP-000201"
	v.suggestions[0].score == 0.934
	v.suggestions[0].why.en == "shares parkir"
	count(v.suggestions) == 2
	contains(v.message.en, "Parkir Online Semarang (APP-000201, agency 33.74, 93% similar; shares parkir)")
	contains(v.message.id, "Parkir Online Semarang (APP-000201, instansi 33.74, kemiripan 93%; sama-sama memuat parkir)")
}

test_mor_005_points_at_description_when_best_match_is_on_description if {
	facts := {"openapi": [{"status": "ok"}], "similar": [similar_facts.similar[1]]}
	fired(warns(data.spbe.testdata.input_with_facts(new_app, facts)), "SPBE-MOR-005", "spec.description")
}

test_mor_005_one_warning_only if {
	count([v | some v in warns(data.spbe.testdata.input_with_facts(new_app, similar_facts)); v.rule == "SPBE-MOR-005"]) == 1
}

test_mor_005_ignores_the_replaced_app if {
	proposal := object.union(new_app, {"spec": {"kind": "replacement", "replaces": ["APP-000201", "APP-000301"]}})
	not "SPBE-MOR-005" in rules(warns(data.spbe.testdata.input_with_facts(proposal, similar_facts)))
}

test_mor_005_checks_modules_too if {
	# Every kind is checked; the host is excluded (it is in own_ids).
	fired(warns(data.spbe.testdata.input_with_facts(testdata.manifest, similar_facts)), "SPBE-MOR-005", "metadata.name")
}

test_mor_005_below_threshold_is_silent if {
	facts := {"openapi": [{"status": "ok"}], "similar": [other_parking]}
	not "SPBE-MOR-005" in rules(warns(data.spbe.testdata.input_with_facts(new_app, facts)))
}

test_mor_005_silent_without_matches if {
	not "SPBE-MOR-005" in rules(warns(data.spbe.testdata.input_for(new_app)))
}

# --- SPBE-MOR-011 -----------------------------------------------------------------

eoffice_facts := {"openapi": [{"status": "ok"}], "similar": [], "inferred": [
	{"code": "LYN-PENGADUAN", "share": 0.8, "score": 0.7, "owners": ["SHARED-LAPOR"], "via": ["APP-000103"]},
]}

test_mor_009_names_the_shared_service_behind_a_wrong_code if {
	some v in warns(data.spbe.testdata.input_with_facts(new_app, eoffice_facts))
	v.rule == "SPBE-MOR-011"
	v.field == "spec.functions"
	v.suggestions == [{"id": "SHARED-LAPOR", "name": "SP4N-LAPOR!", "score": 0.7}]
	contains(v.message.en, "SP4N-LAPOR! (SHARED-LAPOR)")
	contains(v.message.en, "80%")
	contains(v.message.id, "SP4N-LAPOR! (SHARED-LAPOR)")
}

test_mor_009_silent_when_the_code_is_declared if {
	# MOR-002 reports it instead.
	proposal := object.union(new_app, {"spec": {"functions": ["LYN-PENGADUAN"]}})
	not "SPBE-MOR-011" in rules(warns(data.spbe.testdata.input_with_facts(proposal, eoffice_facts)))
}

test_mor_009_silent_for_a_module_of_the_owner if {
	proposal := data.spbe.testdata.with_spec({"kind": "module", "extends": "SHARED-LAPOR", "functions": ["LYN-PERIZINAN"]})
	not "SPBE-MOR-011" in rules(warns(data.spbe.testdata.input_with_facts(proposal, eoffice_facts)))
}

test_mor_009_silent_without_an_owner if {
	facts := {"openapi": [{"status": "ok"}], "inferred": [{"code": "LYN-PARKIR", "share": 0.9, "score": 0.8, "owners": []}]}
	not "SPBE-MOR-011" in rules(warns(data.spbe.testdata.input_with_facts(new_app, facts)))
}

test_mor_011_says_when_the_evidence_is_the_functions_profile if {
	# Worded unlike any single app: the vote has no share, the profile's similarity is the evidence.
	facts := {"openapi": [{"status": "ok"}], "similar": [], "inferred": [{
		"code": "LYN-PENGADUAN", "share": 0.0, "score": 0.31, "owners": ["SHARED-LAPOR"],
		"via": [], "support": 0, "basis": "profile",
	}]}
	some v in warns(data.spbe.testdata.input_with_facts(new_app, facts))
	v.rule == "SPBE-MOR-011"
	contains(v.message.en, "closest to what the registered applications of that function say, 31% similar")
	contains(v.message.id, "kemiripan 31%")
	not contains(v.message.en, "0%")
}

test_mor_011_says_when_the_evidence_is_the_services_own_description if {
	# The proposal matches what the shared service says it provides: its own words are the evidence.
	facts := {"openapi": [{"status": "ok"}], "similar": [], "inferred": [{
		"code": "ADM-KEPEGAWAIAN", "share": 0.0, "score": 0.37, "owners": ["SHARED-SIASN"],
		"via": ["SHARED-SIASN"], "support": 0, "basis": "scope",
	}]}
	some v in warns(data.spbe.testdata.input_with_facts(new_app, facts))
	v.rule == "SPBE-MOR-011"
	v.suggestions == [{"id": "SHARED-SIASN", "name": "SIASN", "score": 0.37}]
	contains(v.message.en, "match what the shared service itself says it provides, 37% similar")
	contains(v.message.id, "uraian layanan bersama itu sendiri")
	contains(v.message.id, "kemiripan 37%")
}

test_mor_011_says_when_the_evidence_is_the_description_alone if {
	# A branded name hides what the app does; the agency's own description of it says it.
	facts := {"openapi": [{"status": "ok"}], "similar": [], "inferred": [{
		"code": "ADM-KEPEGAWAIAN", "share": 1.0, "score": 0.52, "owners": ["SHARED-SIASN"],
		"via": ["APP-000401"], "support": 4, "basis": "description",
	}]}
	some v in warns(data.spbe.testdata.input_with_facts(new_app, facts))
	v.rule == "SPBE-MOR-011"
	contains(v.message.en, "its description alone reads like registered applications of that function, 52% similar")
	contains(v.message.id, "deskripsinya saja sudah mirip")
	contains(v.message.id, "kemiripan 52%")
}

test_mor_011_scope_evidence_stays_silent_when_the_function_is_declared if {
	# Declaring the service's own function is MOR-002's case (use the service), not a misfiled code.
	proposal := data.spbe.testdata.with_spec({"functions": ["ADM-KEPEGAWAIAN"]})
	facts := {"openapi": [{"status": "ok"}], "similar": [], "inferred": [{
		"code": "ADM-KEPEGAWAIAN", "share": 0.0, "score": 0.37, "owners": ["SHARED-SIASN"],
		"via": ["SHARED-SIASN"], "support": 0, "basis": "scope",
	}]}
	not "SPBE-MOR-011" in rules(warns(data.spbe.testdata.input_with_facts(proposal, facts)))
}

# A leave app filed under e-office's code: MOR-002 denies it and names SRIKANDI, the owner of
# the wrong code; the nearest apps, weakly, are staffing apps, so MOR-011 names SIASN too.
leaning_facts := {"openapi": [{"status": "ok"}], "similar": [], "inferred": [], "leaning": [{
	"code": "ADM-KEPEGAWAIAN", "share": 0.9, "score": 0.28, "owners": ["SHARED-SIASN"],
	"via": ["APP-000104"], "support": 6, "basis": "leaning",
}]}

test_mor_011_names_the_service_a_denied_proposal_leans_to if {
	proposal := data.spbe.testdata.with_spec({"functions": ["ADM-ARSIP"]})
	input_doc := data.spbe.testdata.input_with_facts(proposal, leaning_facts)
	"SPBE-MOR-002" in rules(denies(input_doc))
	some v in warns(input_doc)
	v.rule == "SPBE-MOR-011"
	v.suggestions == [{"id": "SHARED-SIASN", "name": "SIASN", "score": 0.28}]
	contains(v.message.en, "though only 28% similar, mostly serve it")
	contains(v.message.id, "meski hanya mirip 28%")
}

test_mor_011_ignores_a_leaning_when_nothing_is_denied if {
	# Weak evidence alone never warns: a proposal whose declared code no shared service owns.
	input_doc := data.spbe.testdata.input_with_facts(new_app, leaning_facts)
	not "SPBE-MOR-002" in rules(denies(input_doc))
	not "SPBE-MOR-011" in rules(warns(input_doc))
}

test_mor_011_ignores_a_leaning_to_the_declared_function if {
	proposal := data.spbe.testdata.with_spec({"functions": ["ADM-ARSIP"]})
	facts := object.union(leaning_facts, {"leaning": [object.union(leaning_facts.leaning[0], {
		"code": "ADM-ARSIP", "owners": ["SHARED-SRIKANDI"],
	})]})
	not "SPBE-MOR-011" in rules(warns(data.spbe.testdata.input_with_facts(proposal, facts)))
}

# A complaint desk for market traders filed under the markets' code: its name says it is a
# complaint channel, whatever the sector after it, so MOR-011 names SP4N-LAPOR!.
named_facts := {"openapi": [{"status": "ok"}], "similar": [], "leaning": [], "inferred": [{
	"code": "LYN-PENGADUAN", "share": 0, "score": 0.14, "owners": ["SHARED-LAPOR"],
	"via": [], "support": 0, "basis": "name", "phrase": "aduan",
}]}

test_mor_011_names_the_service_a_proposals_name_says if {
	proposal := data.spbe.testdata.with_spec({"functions": ["EKO-PASAR"]})
	some v in warns(data.spbe.testdata.input_with_facts(proposal, named_facts))
	v.rule == "SPBE-MOR-011"
	v.suggestions == [{"id": "SHARED-LAPOR", "name": "SP4N-LAPOR!", "score": 0.14}]
	contains(v.message.en, "its name says so: \"aduan\"")
	contains(v.message.id, "namanya sendiri menyebutnya: \"aduan\"")
}

test_mor_011_is_quiet_when_the_name_says_the_declared_function if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PENGADUAN"]})
	not "SPBE-MOR-011" in rules(warns(data.spbe.testdata.input_with_facts(proposal, named_facts)))
}

test_mor_011_is_quiet_for_a_module_of_the_service_its_name_says if {
	proposal := data.spbe.testdata.with_spec({"kind": "module", "extends": "SHARED-LAPOR", "functions": ["EKO-PASAR"]})
	not "SPBE-MOR-011" in rules(warns(data.spbe.testdata.input_with_facts(proposal, named_facts)))
}

# A regency's budget work plan reads like the ministries' budgeting (SAKTI's); its own
# counterpart is regional planning and budgeting, which SIPD provides.
test_mor_011_names_the_regional_counterpart_of_a_central_reading if {
	proposal := data.spbe.testdata.with_spec({"functions": ["KEU-PENATAUSAHAAN"]})
	facts := {"openapi": [{"status": "ok"}], "similar": [], "leaning": [], "inferred": [{
		"code": "KEU-PERENCANAAN-DAERAH", "share": 0, "score": 0.45, "owners": ["SHARED-SIPD"],
		"via": [], "support": 0, "basis": "counterpart", "central": "KEU-ANGGARAN-PUSAT",
	}]}
	some v in warns(data.spbe.testdata.input_with_facts(proposal, facts))
	v.rule == "SPBE-MOR-011"
	v.suggestions[0].id == "SHARED-SIPD"
	contains(v.message.en, "central government's own function, and this is a region's counterpart of it")
	contains(v.message.id, "fungsi pemerintah pusat sendiri, dan ini padanannya untuk daerah")
}

# --- SPBE-MOR-006 -----------------------------------------------------------------

test_mor_006_fires_on_standalone_citizen_app if {
	proposal := object.union(new_app, {"spec": {"audience": "public", "channels": ["mobile", "api"]}})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-MOR-006"
	v.field == "spec.kind"
	v.suggestions == [{"id": "SHARED-INAKU", "name": "INAku", "score": 1.0}]
	contains(v.message.en, "(channels: mobile)")
}

test_mor_006_fires_on_module_of_an_agency_app if {
	proposal := data.spbe.testdata.with_spec({"extends": "APP-000101", "functions": ["LYN-PARKIR"]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-MOR-006"
	v.field == "spec.extends"
	contains(v.message.en, "extends APP-000101 instead of the super app or a shared service")
}

# A module of a shared service that does not own the function is MOR-009's finding.
test_mor_006_leaves_a_module_of_the_wrong_shared_service_to_mor_009 if {
	proposal := data.spbe.testdata.with_spec({"extends": "SHARED-LAPOR"})
	violations := denies(data.spbe.testdata.input_for(proposal))
	not "SPBE-MOR-006" in rules(violations)
	fired(violations, "SPBE-MOR-009", "spec.functions[0]")
}

test_mor_006_silent_for_super_app_module if {
	not "SPBE-MOR-006" in rules(denies(data.spbe.testdata.input_for(testdata.manifest)))
}

test_mor_006_silent_for_extension if {
	proposal := data.spbe.testdata.with_spec({"kind": "extension", "extends": "APP-000101", "functions": ["LYN-PARKIR"]})
	not "SPBE-MOR-006" in rules(denies(data.spbe.testdata.input_for(proposal)))
}

test_mor_006_silent_for_api_only_public_service if {
	proposal := object.union(new_app, {"spec": {"audience": "public", "channels": ["api"]}})
	not "SPBE-MOR-006" in rules(denies(data.spbe.testdata.input_for(proposal)))
}

test_mor_006_silent_for_government_audience if {
	proposal := object.union(new_app, {"spec": {"audience": "government", "channels": ["web"]}})
	not "SPBE-MOR-006" in rules(denies(data.spbe.testdata.input_for(proposal)))
}

# --- SPBE-MOR-007 -----------------------------------------------------------------

test_mor_007_fires_on_unknown_host if {
	proposal := data.spbe.testdata.with_spec({"extends": "SHARED-INAKOO"})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-MOR-007"
	v.field == "spec.extends"
	contains(v.message.en, "is not in the national registry")
}

test_mor_007_fires_on_each_bad_replaced_app if {
	proposal := object.union(new_app, {"spec": {
		"kind": "replacement",
		"replaces": ["APP-000101", "APP-000102", "APP-999999"],
	}})
	violations := denies(data.spbe.testdata.input_for(proposal))
	some retired in violations
	retired.rule == "SPBE-MOR-007"
	retired.field == "spec.replaces[1]"
	contains(retired.message.en, "is retired")
	contains(retired.message.id, "sudah tidak aktif")
	fired(violations, "SPBE-MOR-007", "spec.replaces[2]")
	not fired(violations, "SPBE-MOR-007", "spec.replaces[0]")
}

test_mor_007_silent_on_active_references if {
	proposal := object.union(new_app, {"spec": {"kind": "replacement", "replaces": ["APP-000101"]}})
	not "SPBE-MOR-007" in rules(denies(data.spbe.testdata.input_for(proposal)))
	not "SPBE-MOR-007" in rules(denies(data.spbe.testdata.input_for(testdata.manifest)))
}

# --- SPBE-MOR-008 -----------------------------------------------------------------

test_mor_008_fires_on_unknown_function_code if {
	proposal := data.spbe.testdata.with_spec({"functions": ["LYN-PERIZINAN", "LYN-PARKIR-LIAR"]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-MOR-008"
	v.field == "spec.functions[1]"
	contains(v.message.en, "LYN-PARKIR-LIAR")
}

test_mor_008_silent_on_taxonomy_codes if {
	not "SPBE-MOR-008" in rules(denies(data.spbe.testdata.input_for(testdata.manifest)))
}

# --- robustness -------------------------------------------------------------------

test_minimal_manifest_does_not_error if {
	minimal := {"spec": {"kind": "module", "extends": "SHARED-INAKU", "functions": ["LYN-PERIZINAN"]}}
	count(denies({"manifest": minimal})) == 0
	count(warns({"manifest": minimal})) == 0
}

test_every_violation_has_the_contract_shape if {
	proposal := data.spbe.testdata.with_spec({
		"kind": "new", "extends": "APP-999999", "justification": "x",
		"functions": ["LYN-PENGADUAN", "LYN-PARKIR", "NOPE"],
	})
	violations := denies(data.spbe.testdata.input_for(proposal)) | warns(data.spbe.testdata.input_with_facts(proposal, similar_facts))
	count(violations) > 0
	every v in violations {
		object.keys(v) == {"rule", "field", "message", "suggestions"}
		object.keys(v.message) == {"en", "id"}
		is_array(v.suggestions)
		startswith(v.rule, "SPBE-MOR-")
	}
}

# --- SPBE-MOR-009: hosts that make sense --------------------------------------------

# A public fisheries app declared as an extension of the service bus (issue 11).
fisheries_on_the_bus := data.spbe.testdata.with_spec({
	"kind": "extension",
	"extends": "SHARED-SPLP",
	"functions": ["PTN-PERIKANAN"],
})

test_mor_009_fires_on_a_new_app_called_an_extension_of_the_bus if {
	some v in denies(data.spbe.testdata.input_for(fisheries_on_the_bus))
	v.rule == "SPBE-MOR-009"
	v.field == "spec.functions[0]"
	contains(v.message.en, "Sistem Penghubung Layanan Pemerintah (SHARED-SPLP) does not run function PTN-PERIKANAN (Marine affairs and fisheries)")
	contains(v.message.id, "tidak menjalankan fungsi PTN-PERIKANAN (Kelautan dan perikanan)")
	{s.id | some s in v.suggestions} == {"SHARED-INAKU"}
}

test_mor_009_fires_on_a_host_of_another_agency if {
	proposal := data.spbe.testdata.with_spec({"kind": "extension", "extends": "APP-000201", "functions": ["LYN-PARKIR"]})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-MOR-009"
	v.field == "spec.extends"
	contains(v.message.en, "is an application of another agency (33.74)")
	contains(v.message.id, "milik instansi lain (33.74)")
}

test_mor_009_fires_on_an_own_app_that_does_not_run_the_function if {
	proposal := data.spbe.testdata.with_spec({"kind": "extension", "extends": "APP-000101", "functions": ["LYN-PARKIR", "TRN-ANGKUTAN"]})
	violations := [v | some v in denies(data.spbe.testdata.input_for(proposal)); v.rule == "SPBE-MOR-009"]
	{v.field | some v in violations} == {"spec.functions[1]"}
}

test_mor_009_silent_on_an_own_app_running_the_function if {
	proposal := data.spbe.testdata.with_spec({"kind": "extension", "extends": "APP-000101", "functions": ["LYN-PARKIR"]})
	not "SPBE-MOR-009" in rules(denies(data.spbe.testdata.input_for(proposal)))
}

test_mor_009_silent_on_the_super_app if {
	not "SPBE-MOR-009" in rules(denies(data.spbe.testdata.input_for(testdata.manifest)))
}

test_mor_009_reads_carried_functions_from_config if {
	proposal := input_on_bus_with_carry
	not "SPBE-MOR-009" in rules(denies(proposal)) with data.spbe.config.host_functions as {"SHARED-SPLP": ["PTN-PERIKANAN"]}
}

input_on_bus_with_carry := data.spbe.testdata.input_for(fisheries_on_the_bus)

# An extension of SIASN (the shared staffing service) is the compliant path, even though
# the agency runs a small competency app with the same function (issue 11).
siasn_extension := data.spbe.testdata.with_spec({
	"kind": "extension",
	"extends": "SHARED-SIASN",
	"audience": "government",
	"functions": ["ADM-KEPEGAWAIAN"],
})

test_an_extension_of_siasn_is_not_told_to_extend_the_local_app if {
	violations := denies(data.spbe.testdata.input_for(siasn_extension))
	not "SPBE-MOR-003" in rules(violations)
	not "SPBE-MOR-009" in rules(violations)
	not "SPBE-MOR-002" in rules(violations)
}

# Walking around it: a new app for the same function is still MOR-002's deny.
test_a_new_staffing_app_still_fails_mor_002 if {
	proposal := data.spbe.testdata.with_spec({"kind": "new", "justification": testdata.long_justification, "audience": "government", "functions": ["ADM-KEPEGAWAIAN"]})
	fired(denies(data.spbe.testdata.input_for(proposal)), "SPBE-MOR-002", "spec.functions[0]")
}

# A module of SP4N-LAPOR! that retires the agency's own complaints app: exactly what
# MOR-002 advises (issue 11).
lapor_module := data.spbe.testdata.with_spec({
	"kind": "module",
	"extends": "SHARED-LAPOR",
	"replaces": ["APP-000103"],
	"functions": ["LYN-PENGADUAN"],
})

test_a_lapor_module_retiring_the_own_complaints_app_passes if {
	count(denies(data.spbe.testdata.input_for(lapor_module))) == 0
}

test_mor_006_names_the_owning_shared_service_for_a_standalone_app if {
	proposal := data.spbe.testdata.with_spec({"kind": "new", "extends": "", "justification": testdata.long_justification, "functions": ["LYN-PENGADUAN"]})
	some v in denies(data.spbe.testdata.input_for(json.remove(proposal, ["spec/extends"])))
	v.rule == "SPBE-MOR-006"
	contains(v.message.en, "or of the shared service that owns its function, SP4N-LAPOR! (SHARED-LAPOR)")
	contains(v.message.id, "atau modul layanan bersama pemilik fungsinya, SP4N-LAPOR! (SHARED-LAPOR)")
	{s.id | some s in v.suggestions} == {"SHARED-INAKU", "SHARED-LAPOR"}
}

# `kind: new` with `extends` naming the agency's own duplicate does not hide it (issue 11;
# the schema refuses the field too).
test_new_with_extends_does_not_hide_the_own_duplicate if {
	proposal := data.spbe.testdata.with_spec({"kind": "new", "extends": "APP-000101", "justification": testdata.long_justification, "audience": "internal", "functions": ["LYN-PARKIR"]})
	fired(denies(with_similar(proposal, [own_parking])), "SPBE-MOR-003", "spec.functions[0]")
}

# --- SPBE-MOR-010: replaces names only what the proposal retires ---------------------

test_mor_010_fires_on_replacing_a_shared_service if {
	proposal := object.union(lapor_module, {"spec": {"extends": "SHARED-INAKU", "replaces": ["SHARED-LAPOR"]}})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-MOR-010"
	v.field == "spec.replaces[0]"
	contains(v.message.en, "SP4N-LAPOR! (SHARED-LAPOR), which is a shared service.")
}

test_mor_010_fires_on_replacing_another_agencys_app if {
	proposal := data.spbe.testdata.with_spec({"kind": "replacement", "replaces": ["APP-000103", "APP-000201"], "functions": ["LYN-PARKIR"]})
	violations := [v | some v in denies(data.spbe.testdata.input_for(proposal)); v.rule == "SPBE-MOR-010"]
	{v.field | some v in violations} == {"spec.replaces[1]"}
	contains(violations[0].message.id, "milik instansi lain (33.74)")
}

test_mor_010_fires_on_replacing_the_host if {
	proposal := object.union(lapor_module, {"spec": {"replaces": ["SHARED-LAPOR"]}})
	some v in denies(data.spbe.testdata.input_for(proposal))
	v.rule == "SPBE-MOR-010"
	contains(v.message.en, "is the application this proposal builds on (spec.extends)")
}

test_mor_010_silent_on_own_apps if {
	not "SPBE-MOR-010" in rules(denies(data.spbe.testdata.input_for(lapor_module)))
}
