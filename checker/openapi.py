"""Checking the OpenAPI document a manifest points at, without leaving the repository."""
from __future__ import annotations

import json
from pathlib import Path

from checker.yamlsafe import YamlError, decode_utf8, parse_yaml

MAX_OPENAPI_BYTES = 2 * 1024 * 1024


def repository_root(path: Path) -> Path:
    """The git work tree holding `path` (or its own folder): OpenAPI paths may not leave it."""
    start = path.resolve().parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def openapi_status(reference: object, manifest_path: Path, root: Path) -> str:
    """One of: ok | missing | not-found | outside-repository | too-large | unreadable | not-openapi-3 | remote.

    https URLs are accepted as declared ("remote"): the gate never fetches from the
    network while judging. Any other URL scheme counts as outside the repository.
    """
    if not isinstance(reference, str) or not reference.strip():
        return "missing"
    if reference.startswith("https://"):
        return "remote"
    if "://" in reference or reference.startswith("/") or reference.startswith("\\"):
        return "outside-repository"
    target = (manifest_path.parent / reference)
    try:
        resolved = target.resolve()
        root_resolved = root.resolve()
    except (OSError, RuntimeError):
        return "unreadable"
    if not resolved.is_relative_to(root_resolved):
        return "outside-repository"
    if not resolved.is_file():
        return "not-found"
    try:
        size = resolved.stat().st_size
        if size > MAX_OPENAPI_BYTES:
            return "too-large"
        raw = resolved.read_bytes()[: MAX_OPENAPI_BYTES + 1]
        text = decode_utf8(raw)
        data = json.loads(text) if text.lstrip().startswith("{") else parse_yaml(text, track_positions=False).data
    except (OSError, YamlError, json.JSONDecodeError, RecursionError):
        return "unreadable"
    version = data.get("openapi") if isinstance(data, dict) else None
    if isinstance(version, str) and version.startswith("3.") and isinstance(data.get("paths", {}), dict):
        return "ok"
    return "not-openapi-3"
