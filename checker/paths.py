"""Where the project's shipped data lives: policies, templates, the sample registry.

The package is installed from a source checkout (`pip install -e .`), so the
top-level folders sit beside the package.
"""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
POLICIES_DIR = PROJECT_ROOT / "policies"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
REGISTRY_DIR = PROJECT_ROOT / "registry"
DEFAULT_REGISTRY = REGISTRY_DIR / "national-registry.json.gz"
SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"
MANIFEST_SCHEMA = SCHEMAS_DIR / "manifest.schema.json"
