"""Judging one manifest: reading, schema, facts, waivers, and the verdict."""
