"""The national registry as data: loading, checking, the compiled form the judge reads."""
