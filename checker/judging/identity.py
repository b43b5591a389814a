"""Who holds which manifest id in a repository (SPEC §4: ids are unique across it).

An id is what a waiver binds to, so a proposal that could take another agency's id
could take its waivers. The gate fills `Identities` from git (checker/gate/change.py); the
judge uses it to refuse a taken id and to tell new proposals from existing ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Holder:
    """A manifest elsewhere in the repository that holds an id."""

    file: str
    agency: str | None


@dataclass(frozen=True)
class Identities:
    """`held`: id -> the other manifests holding it; `new_files`: judged files the change adds as new proposals."""

    held: dict[str, tuple[Holder, ...]] = field(default_factory=dict)
    new_files: frozenset[str] = frozenset()

    def holder_other_than(self, manifest_id: str, file: str) -> Holder | None:
        """The first manifest, other than `file` itself, that already holds `manifest_id`."""
        return next((h for h in self.held.get(manifest_id, ()) if h.file != file), None)
