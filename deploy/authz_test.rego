package system.authz_test

import rego.v1

import data.system.authz

token := "0123456789abcdef0123456789abcdef-test"

env := {"env": {"SPBE_OPA_TOKEN": token}}

test_health_needs_no_token if {
	authz.allow with input as {"method": "GET", "path": ["health"]} with opa.runtime as env
}

test_pipeline_may_query_spbe if {
	authz.allow with input as {"method": "POST", "path": ["v1", "data", "spbe", "mor", "deny"], "identity": token}
		with opa.runtime as env
}

test_pipeline_may_read_bundle_status if {
	authz.allow with input as {"method": "POST", "path": ["v1", "data", "system", "bundles"], "identity": token}
		with opa.runtime as env
}

test_wrong_or_missing_token_is_refused if {
	not authz.allow with input as {"method": "POST", "path": ["v1", "data", "spbe", "mor", "deny"], "identity": "nope"}
		with opa.runtime as env
	not authz.allow with input as {"method": "POST", "path": ["v1", "data", "spbe", "mor", "deny"]}
		with opa.runtime as env
}

test_no_writes_even_with_the_token if {
	not authz.allow with input as {"method": "PUT", "path": ["v1", "data", "spbe"], "identity": token}
		with opa.runtime as env
	not authz.allow with input as {"method": "PUT", "path": ["v1", "policies", "x"], "identity": token}
		with opa.runtime as env
	not authz.allow with input as {"method": "PUT", "path": ["v1", "data", "system", "bundles", "spbe"], "identity": token}
		with opa.runtime as env
}

test_nothing_else_is_readable if {
	not authz.allow with input as {"method": "GET", "path": ["v1", "policies"], "identity": token}
		with opa.runtime as env
	not authz.allow with input as {"method": "POST", "path": ["v1", "data"], "identity": token}
		with opa.runtime as env
}

test_a_short_server_token_disables_access if {
	not authz.allow with input as {"method": "POST", "path": ["v1", "data", "spbe", "mor", "deny"], "identity": "short"}
		with opa.runtime as {"env": {"SPBE_OPA_TOKEN": "short"}}
}
