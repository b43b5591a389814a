"""Which revision's rules judge a pull request, and its policies, registry, waivers and settings read from it.

Trust rule (SECURITY.md): the rules that judge a pull request are today's rules of
the branch it targets. Policies, registry and waivers are read from the tree of the
trusted revision, the tip of the target branch at the time of judging (`--trusted-ref`,
by default the tip of `--base`), never from the merge base, which the author chooses by
branching from an old commit. A path given for a trusted input that lies inside the
repository is looked up in the trusted tree; a path outside it (e.g. the tool's bundled
policies) or an https URL is used as it is.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import git

from checker.errors import CannotJudge
from checker.gate.change import Change
from checker.gate.git_view import (
    REGULAR_MODES,
    SYMLINK_MODE,
    Revisions,
    blob_at,
    display_path,
    open_repository,
    pull_request_revisions,
    read_blob,
    repository_relative,
    safe_destination,
    write_blob,
)
from checker.model import Text


def trusted_ref_from(forge: str, target_branch: str | None, target_sha: str | None) -> tuple[str, ...]:
    """The target branch's tip as the CI names it (checker/gate/forge.py detects the values), best first.

    GitHub: the remote-tracking target branch (`origin/<base.ref>`, its tip when the job
    checked out, fresher than the event), then the event's `pull_request.base.sha` (the
    tip when the event fired). GitLab: `CI_MERGE_REQUEST_TARGET_BRANCH_SHA` (merged-results
    pipelines), then the target branch head (`origin/<CI_MERGE_REQUEST_TARGET_BRANCH_NAME>`).
    The gate uses the first that exists in the clone; an empty tuple means the CI named none.
    """
    branch = f"origin/{target_branch}" if target_branch else None
    ordered = (target_sha, branch) if forge == "gitlab" else (branch, target_sha)
    return tuple(ref for ref in ordered if ref)


class RevisionUnknown(Exception):
    """A revision the gate needs was neither given nor named by the CI: a usage error, said as it is."""


def gate_revisions(
    base_ref: str | None, trusted_ref: str | None, env: Mapping[str, str]
) -> tuple[str, str | tuple[str, ...]]:
    """The gate's base, and the trusted revision (or the CI's candidates for it) whose rules judge the change.

    The trusted revision: --trusted-ref, else the CI's names for the target branch's tip, else
    the tip of --base. Never GitLab's detected diff base: that is the merge base, whose rules
    the author chose. Shared by the gate and by the reading of its settings file.
    """
    from checker.gate import forge

    detected = forge.detected_revisions(env)
    candidates = trusted_ref_from(detected.forge, detected.target_branch, detected.target_sha)
    if base_ref is None:
        base_ref = detected.base
        if base_ref is None:
            raise RevisionUnknown(
                "Missing option '--base': give the branch or commit the request targets "
                "(GitHub's pull_request event and GitLab's CI_MERGE_REQUEST_DIFF_BASE_SHA supply it)."
            )
        if detected.forge != "gitlab":
            candidates = (*candidates, base_ref)
    else:
        candidates = (*candidates, base_ref)
    trusted: str | tuple[str, ...] = trusted_ref or candidates
    if not trusted:
        raise RevisionUnknown(
            "The target branch is unknown, so today's rules cannot be read: pass --trusted-ref (e.g. origin/main)."
        )
    return base_ref, trusted


@dataclass(frozen=True)
class TrustedInputs:
    """Where the judging inputs were read from: local paths to load, and a note per input for the log."""

    policies: Path
    registry: str
    waivers: Path | None
    notes: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict)  # materialised path -> "rel (base sha)", for messages
    in_repository: tuple[str, ...] = ()  # repository paths of the inputs read from the base tree

    def changed_by(self, changes: Iterable[Change]) -> tuple[str, ...]:
        """The trusted inputs a pull request touches: reported, never applied to it."""
        hits = set()
        for change in changes:
            for path in (change.path, change.old_path):
                for rel in self.in_repository:
                    if path and (rel == "." or path == rel or path.startswith(rel.rstrip("/") + "/")):
                        hits.add(display_path(path))
        return tuple(sorted(hits))

    def relabel(self, err: CannotJudge) -> CannotJudge:
        """The same error, naming inputs by their repository path instead of the private temporary copy."""
        en, id_ = err.message.en, err.message.id
        for temp, label in sorted(self.labels.items(), key=lambda kv: -len(kv[0])):
            en, id_ = en.replace(temp, label), id_.replace(temp, label)
        return CannotJudge(Text(en, id_))


def _not_in_base(what: str, rel: str, rev: Revisions, option: str) -> CannotJudge:
    return CannotJudge(
        Text(
            f"The {what} {rel} is not in the base revision {rev.describe_trusted()}. The gate reads the {what} from the base "
            f"branch so a pull request cannot change the rules that judge it: merge it there first, or pass {option} "
            "with a path outside the repository" + (" or an https URL." if what == "registry" else "."),
            f"{what.capitalize()} {rel} tidak ada di revisi dasar {rev.describe_trusted()}. Gerbang membaca {what} dari cabang dasar "
            f"agar pull request tidak dapat mengubah aturan yang menilainya: gabungkan dulu ke sana, atau berikan {option} "
            "dengan jalur di luar repositori" + (" atau URL https." if what == "registry" else "."),
        )
    )


def _refuse(what: str, rel: str, rev: Revisions, why_en: str, why_id: str) -> CannotJudge:
    return CannotJudge(
        Text(
            f"Refusing the {what} {rel} in the base revision {rev.describe_trusted()}: {why_en}",
            f"{what.capitalize()} {rel} di revisi dasar {rev.describe_trusted()} ditolak: {why_id}",
        )
    )


def materialise_base_folder(rev: Revisions, rel: str, dest: Path, what: str, option: str) -> Path:
    """Copy the folder `rel` of the base tree to `dest`; symlinks and submodules are refused (fail closed)."""
    try:
        tree = rev.trusted.tree / rel if rel != "." else rev.trusted.tree
    except KeyError:
        raise _not_in_base(what, rel, rev, option) from None
    if not isinstance(tree, git.Tree):
        raise _refuse(what, rel, rev, "it is not a folder.", "bukan folder.")
    dest.mkdir(parents=True, exist_ok=True)
    prefix = "" if rel == "." else rel + "/"
    # Tree.traverse() yields the objects themselves (its (parent, item) edges only come with as_edge, which it ignores).
    for item in cast("Iterator[git.Tree | git.Blob | git.Submodule]", tree.traverse()):
        inner = os.fspath(item.path)[len(prefix) :]
        if isinstance(item, git.Tree):
            continue
        if not isinstance(item, git.Blob):
            raise _refuse(what, rel, rev, f"{item.path} is a submodule.", f"{item.path} adalah submodul.")
        if item.mode == SYMLINK_MODE or stat.S_ISLNK(item.mode):
            raise _refuse(
                what,
                rel,
                rev,
                f"{item.path} is a symbolic link; commit the file itself.",
                f"{item.path} adalah tautan simbolik; simpan berkas aslinya.",
            )
        if item.mode not in REGULAR_MODES:
            raise _refuse(what, rel, rev, f"{item.path} is not a regular file.", f"{item.path} bukan berkas biasa.")
        write_blob(item, safe_destination(dest, inner))
    return dest


def materialise_base_file(rev: Revisions, rel: str, dest_folder: Path, what: str, option: str) -> Path:
    """Copy the file `rel` of the base tree into `dest_folder` (same name); symlinks refused."""
    try:
        item = rev.trusted.tree / rel
    except KeyError:
        raise _not_in_base(what, rel, rev, option) from None
    if isinstance(item, git.Tree):
        raise _refuse(what, rel, rev, "it is a folder, not a file.", "berupa folder, bukan berkas.")
    if not isinstance(item, git.Blob):
        raise _refuse(what, rel, rev, "it is a submodule.", "berupa submodul.")
    if item.mode == SYMLINK_MODE:
        raise _refuse(
            what,
            rel,
            rev,
            "it is a symbolic link; commit the file itself.",
            "berupa tautan simbolik; simpan berkas aslinya.",
        )
    target = safe_destination(dest_folder, rel)
    write_blob(item, target)
    return target


def trusted_inputs(
    rev: Revisions,
    policies: Path,
    registry: str,
    waivers: Path | None,
    workdir: Path,
    open_policies: Callable[[Path, Callable[[Path], Path]], Path] | None = None,
) -> TrustedInputs:
    """Resolve each judging input: inside the repository -> from the trusted tree; outside -> as given.

    `open_policies(path, from_trusted)` turns the policies (a folder or an OPA bundle file,
    once read from the trusted tree) into a verified policy folder (checker/bundle/source.py);
    `from_trusted` gives it the trusted tree's copy of another file it needs, such as the
    verification key when that is kept in the repository.
    """
    notes: list[str] = []
    labels: dict[str, str] = {}
    base_dir = workdir / "base"
    at_base = f"at the target branch tip {rev.describe_trusted()}"

    rel = repository_relative(policies, rev.root)
    if rel is None:
        policies_path = policies
        notes.append(f"policies: {policies} (outside the repository, used as is)")
    else:
        if blob_at(rev.trusted.tree, rel) is not None:  # an OPA bundle committed to the repository
            policies_path = materialise_base_file(rev, rel, base_dir / "policy-bundle", "policies", "--policies")
        else:
            policies_path = materialise_base_folder(rev, rel, base_dir / "policies", "policies", "--policies")
        labels[str(policies_path)] = f"{rel} (base {rev.trusted.hexsha[:12]})"
        notes.append(f"policies: {rel} {at_base}")
    if open_policies is not None:

        def from_base(path: Path) -> Path:
            inner = repository_relative(path, rev.root)
            if inner is None:
                return path
            return materialise_base_file(rev, inner, base_dir / "keys", "verification key", "--verification-key")

        policies_path = open_policies(policies_path, from_base)

    def resolve_file(given: Path | str, kind: str, option: str, name: str) -> str:
        rel = repository_relative(given, rev.root)
        if rel is None:
            notes.append(f"{name}: {given} (outside the repository, used as is)")
            return str(given)
        copied = str(materialise_base_file(rev, rel, base_dir / name, kind, option))
        labels[copied] = f"{rel} (base {rev.trusted.hexsha[:12]})"
        notes.append(f"{name}: {rel} {at_base}")
        return copied

    if registry.startswith(("https://", "http://")):
        registry_source = registry
        notes.append(f"registry: {registry} (URL, used as is)")
    else:
        registry_source = resolve_file(registry, "registry", "--registry", "registry")
    waivers_path = Path(resolve_file(waivers, "waiver file", "--waivers", "waivers")) if waivers is not None else None
    in_repository = tuple(label.rsplit(" (base ", 1)[0] for label in labels.values())
    return TrustedInputs(policies_path, registry_source, waivers_path, tuple(notes), labels, in_repository)


def trusted_file_upwards(
    repo_dir: Path,
    base_ref: str,
    head_ref: str,
    trusted_ref: str | tuple[str, ...] | None,
    name: str,
    start: Path,
    limit: int,
) -> tuple[bytes, str, Path] | None:
    """`name` in the trusted tree, looked up from `start`'s folder up to the repository root.

    For `.spbe-check.yaml`: the gate takes its settings from the same revision as its
    policies, so a pull request cannot change them. Returns (bytes, label, work-tree
    folder the file's relative paths resolve against), or None when there is none.
    """
    rev = pull_request_revisions(open_repository(repo_dir), base_ref, head_ref, trusted_ref)
    rel = repository_relative(start, rev.root)
    parts = [] if rel in (None, ".") else rel.split("/")
    for depth in range(len(parts), -1, -1):
        folder = "/".join(parts[:depth])
        path = f"{folder}/{name}" if folder else name
        try:
            item = rev.trusted.tree / path
        except KeyError:
            continue
        if not isinstance(item, git.Blob) or item.mode not in REGULAR_MODES:
            raise _refuse(
                "settings file",
                path,
                rev,
                "it is not a regular file (a symbolic link or a folder).",
                "bukan berkas biasa (tautan simbolik atau folder).",
            )
        return read_blob(item, limit + 1), f"{path} (trusted {rev.trusted.hexsha[:12]})", rev.root / folder
    return None
