"""The Rego policy pack as files: sources, data documents, rule metadata, the pack declaration."""
