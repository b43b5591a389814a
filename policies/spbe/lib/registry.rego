# The national registry index at data.spbe.registry (built once per run by the
# Python side, see policies/README.md), with defaults, and small lookup helpers.
#
# Every helper is an O(1) lookup by key: policies never iterate over the apps.
#
# Call the functions by their full path (data.spbe.lib.registry.label(id)):
# the embedded engine (regorus) does not resolve function calls through an
# import alias. Values (apps, bus, ...) can be used through an import.
package spbe.lib.registry

import rego.v1

default revision := "unknown"

revision := data.spbe.registry.revision

default apps := {}

apps := data.spbe.registry.apps

default taxonomy := {}

taxonomy := data.spbe.registry.taxonomy

default capabilities := {}

capabilities := data.spbe.registry.capabilities

default function_owners := {}

function_owners := data.spbe.registry.function_owners

default function_agencies := {}

function_agencies := data.spbe.registry.function_agencies

default function_reuse := {}

function_reuse := data.spbe.registry.function_reuse

# The service bus every API is published on (undefined when the registry names none).
bus := data.spbe.registry.integration.bus

# The citizen super app hosting public services (undefined when the registry names none).
super_app := data.spbe.registry.integration.superApp

known(id) if apps[id]

active(id) if apps[id].status == "active"

name_of(id) := apps[id].name

default name_of(_) := ""

# "SP4N-LAPOR! (SHARED-LAPOR)"; the bare id for an id the registry does not know.
label(id) := text if {
	text := sprintf("%s (%s)", [apps[id].name, id])
} else := id

labels(ids) := concat(", ", [label(id) | some id in ids])

suggestion(id) := {"id": id, "name": name_of(id), "score": 1.0}

# "LYN-PENGADUAN (Public complaints)" / "LYN-PENGADUAN (Pengaduan masyarakat)".
function_label(code, lang) := text if {
	text := sprintf("%s (%s)", [code, taxonomy[code][lang]])
} else := code
