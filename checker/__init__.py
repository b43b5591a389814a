"""spbe-check: the SPBE policy-as-code compliance checker and pull-request gate."""

__version__ = "0.1.0"
