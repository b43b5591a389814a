# The proposal under evaluation (input.manifest) and the facts the Python side
# computed for it (input.facts), with a default for every optional field so that
# a missing field never makes a rule fail with an error.
package spbe.lib.manifest

import rego.v1

manifest := object.get(input, "manifest", {})

metadata := object.get(manifest, "metadata", {})

spec := object.get(manifest, "spec", {})

facts := object.get(input, "facts", {})

kind := object.get(spec, "kind", "")

# Registry id of the host application ("" when absent).
extends := object.get(spec, "extends", "")

replaces := object.get(spec, "replaces", [])

agency_code := object.get(metadata, ["agency", "code"], "")

# "Pemerintah Kabupaten Karawang (32.15)", or the bare code when the name is missing.
agency_label := text if {
	text := sprintf("%s (%s)", [metadata.agency.name, agency_code])
} else := agency_code

name := object.get(metadata, "name", "")

justification := trim_space(object.get(spec, "justification", ""))

audience := object.get(spec, "audience", "")

channels := object.get(spec, "channels", [])

functions := object.get(spec, "functions", [])

uses := object.get(spec, "uses", {})

apis := object.get(spec, ["interoperability", "apis"], [])

consumes := object.get(spec, ["interoperability", "consumes"], [])

datasets := object.get(spec, ["interoperability", "datasets"], [])

hosting := object.get(spec, "hosting", {})

provider := object.get(hosting, "provider", "")

site := object.get(hosting, "site", "")

# Recovery site ("" when absent).
dr_site := object.get(hosting, "drSite", "")

country := object.get(hosting, "country", "")

criticality := object.get(spec, ["data", "criticality"], "")

personal_data := object.get(spec, ["data", "personalData"], false)

# Registry ids this proposal builds on (extends, for the kinds that have a host) or
# retires (replaces): they are never reported as duplicates of it nor suggested
# back to it. A `new` application that names an `extends` builds on nothing, so its
# `extends` hides no duplicate.
own_ids contains extends if {
	extends != ""
	kind in object.get(data.spbe.config, "host_kinds", ["module", "extension"])
}

own_ids contains id if some id in replaces

# One entry per spec.interoperability.apis[i], same order (computed by Python).
openapi_facts := object.get(facts, "openapi", [])

# Active registry apps similar in meaning (checker/matching), the agency's own first,
# then shared services, then others; each with score, functions, own, shared, count, why.
similar := object.get(facts, "similar", [])

# Functions the proposal's nearest registry apps agree on: {code, share, score, owners, via}.
inferred := object.get(facts, "inferred", [])

# A shared service's function the nearest apps lean to, too weakly to be inferred (same shape).
leaning := object.get(facts, "leaning", [])
