# METADATA
# title: Who may use the central SPBE decision service
# description: >-
#   OPA runs with --authentication=token --authorization=basic, so every request is
#   decided here. Agency pipelines may only read: query the spbe policies and read the
#   bundle status. Nobody may write policies or data through the API: they come from
#   the bundle alone, and a write could forge its revision.
package system.authz

import rego.v1

default allow := false

# Health checks by the container platform and load balancers, without a token.
allow if {
	input.method == "GET"
	input.path == ["health"]
}

# spbe-check --engine opa: the checks it makes before judging, and the queries themselves.
allow if {
	valid_token
	input.method == "POST"
	readable(input.path)
}

readable(path) if {
	path[0] == "v1"
	path[1] == "data"
	path[2] == "spbe"
}

readable(["v1", "data", "system", "bundles"])

valid_token if {
	expected := object.get(opa.runtime().env, "SPBE_OPA_TOKEN", "")
	count(expected) >= 32
	input.identity == expected
}
