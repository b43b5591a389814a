"""Where the project's shipped data lives: policies, templates, examples, the sample registry.

The wheel carries them inside the package (`checker/policies`, `checker/templates`,
`checker/examples`, `checker/sample_registry`, mapped in pyproject.toml), found through
`importlib.resources`, so an installed tool runs from any directory with no checkout.
A source checkout (`pip install -e .`) keeps them at the top level, where the SPEC, `opa
test` and editors expect them: when the package holds no copy, the checkout's is used.
"""

from __future__ import annotations

import importlib.util
from importlib.resources import files
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGE_ROOT = Path(str(files("checker")))


def shipped(inside_package: str, in_checkout: str) -> Path:
    """The installed copy of a shipped folder, else the checkout's.

    pip always installs wheels unpacked, so the resource is a real folder and
    callers can keep using `Path` (Jinja's loader, regorus and os.walk need one).
    """
    installed = PACKAGE_ROOT / inside_package
    return installed if installed.is_dir() else PROJECT_ROOT / in_checkout


def library_data(package: str, *names: str) -> list[Path]:
    """Data files of an installed library, found without importing it (for cache keys); [] when it is absent."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return []
    folder = Path(spec.origin).parent
    return [folder / name for name in names]


POLICIES_DIR = shipped("policies", "policies")
TEMPLATES_DIR = shipped("templates", "templates")
EXAMPLES_DIR = shipped("examples", "manifests")
REGISTRY_DIR = shipped("sample_registry", "registry")
DEFAULT_REGISTRY = REGISTRY_DIR / "national-registry.json.gz"
IDN_AREA_SOURCES = REGISTRY_DIR / "sources" / "idn-area"  # for `registry generate`, ODbL (see its LICENSE.md)
INSTALLED = REGISTRY_DIR.is_relative_to(PACKAGE_ROOT)  # running from a wheel, not a checkout
SCHEMAS_DIR = PACKAGE_ROOT / "schemas"
MANIFEST_SCHEMA = SCHEMAS_DIR / "manifest.schema.json"
