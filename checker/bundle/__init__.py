"""OPA policy bundles: building, signing, reading untrusted ones, and where `--policies` points."""
