# How every rule reports a violation: the shape the Python side reads.
package spbe.lib.report

import rego.v1

import data.spbe.config

# One violation. `field` is the manifest path to fix (dots for keys, [i] for list
# items); `en` and `id` are full sentences in English and Bahasa Indonesia.
violation(rule, field, en, id, suggestions) := {
	"rule": rule,
	"field": field,
	"message": {"en": en, "id": id},
	"suggestions": suggestions,
}

# The first config.max_suggestions entries of a ranked list (5 if the key is missing,
# so that a config mistake never makes violations disappear).
top(items) := array.slice(items, 0, object.get(config, "max_suggestions", 5))

# Suggestions for registry ids, in the order given (exact matches: score 1.0).
suggest(ids) := top([data.spbe.lib.registry.suggestion(id) | some id in ids])
