"""What a pull request puts on trial: the files it changes, the manifests judged for them, and who holds their ids.

The change is computed from the merge base of `--base` and `--head` to the head commit
(checker/gate/git_view.py); what is judged (the changed manifests and the OpenAPI documents
they reference) is read from the head commit, never from the working tree.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import git

from checker.errors import CannotJudge
from checker.gate.git_view import (
    REGULAR_MODES,
    SYMLINK_MODE,
    Revisions,
    blob_at,
    display_path,
    git_path,
    open_repository,
    read_blob,
    repository_relative,
    resolve_commit,
    safe_destination,
    write_blob,
)
from checker.judging.evaluate import MANIFEST_SUFFIXES, MAX_MANIFESTS_PER_RUN, Target
from checker.judging.identity import Holder, Identities
from checker.judging.openapi import MAX_OPENAPI_BYTES
from checker.model import Text
from checker.plumbing.yamlsafe import YamlError, decode_utf8, parse_yaml

JUDGED_CHANGES = frozenset("AMRCT")  # added, modified, renamed, copied, type changed; "D" is never judged
MAX_SCANNED_MANIFESTS = 100_000
MAX_SCANNED_BYTES = 256 * 1024  # same as a manifest's limit: larger files cannot reference anything
_GREP_CHUNK = 500
_MANIFEST_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,62}\Z")  # as in checker/schemas/manifest.schema.json


@dataclass(frozen=True)
class Change:
    """One file changed between base and head, with git's change letter (A, M, R, C, T, D)."""

    path: str  # in head (for D: the deleted path)
    change: str
    old_path: str | None = None  # for R and C


@dataclass(frozen=True)
class Selection:
    """What the gate judges, and why the other changed files are not judged."""

    judged: tuple[str, ...]  # repository-relative manifest paths in head, sorted
    references: dict[str, tuple[str, ...]] = field(default_factory=dict)  # manifest -> OpenAPI paths in head
    brought_in: dict[str, tuple[str, ...]] = field(default_factory=dict)  # manifest -> changed OpenAPI docs
    not_judged: tuple[Change, ...] = ()


def manifests_folder(option: str, root: Path) -> str:
    """The `--manifests` folder as a normalised repository-relative posix path ("" = whole repository)."""
    if Path(option).is_absolute():
        rel = repository_relative(option, root)
        if rel is None:
            raise CannotJudge(
                Text(
                    f"--manifests {option} is outside the repository {root}.",
                    f"--manifests {option} berada di luar repositori {root}.",
                )
            )
        option = rel
    norm = posixpath.normpath(option.replace("\\", "/"))
    if norm.startswith("../") or norm == "..":
        raise CannotJudge(
            Text(
                f"--manifests {option} leaves the repository; give a folder inside it, e.g. manifests.",
                f"--manifests {option} keluar dari repositori; berikan folder di dalamnya, mis. manifests.",
            )
        )
    return "" if norm == "." else norm


def is_manifest_path(path: str, folder: str) -> bool:
    """A *.yaml/*.yml file under `folder`, not inside a hidden folder: what `check FOLDER` would judge."""
    pure = PurePosixPath(path)
    if pure.suffix not in MANIFEST_SUFFIXES:
        return False
    if folder:
        if not path.startswith(folder + "/"):
            return False
        inner = PurePosixPath(path[len(folder) + 1 :])
    else:
        inner = pure
    return not any(part.startswith(".") for part in inner.parts)


def changes_between(base: git.Commit, head: git.Commit) -> list[Change]:
    """Every file changed from base to head, renames detected (git diff-tree -M).

    Read as bytes from `git diff-tree -z`, not through GitPython's Diff, whose reader
    thread dies on the first path that is not UTF-8 and silently returns the changes
    before it (a pull request adding `readme-\\xe9.txt` then had "nothing to judge").
    With -z git neither quotes nor escapes paths, so newlines and quotes survive too.
    """
    try:
        raw = base.repo.git.diff_tree(
            base.hexsha,
            head.hexsha,
            "-r",
            "-z",
            "-M",
            "--raw",
            "--no-abbrev",
            "--no-ext-diff",
            "--no-color",
            stdout_as_string=False,
        )
    except git.GitCommandError as err:
        raise CannotJudge(
            Text(
                f"git diff-tree failed between {base.hexsha[:12]} and {head.hexsha[:12]} (exit {err.status}).",
                f"git diff-tree gagal antara {base.hexsha[:12]} dan {head.hexsha[:12]} (keluar {err.status}).",
            )
        ) from None
    fields = raw.split(b"\0")
    if fields and fields[-1] == b"":
        fields.pop()
    out: list[Change] = []
    i = 0
    while i < len(fields):
        meta = fields[i]
        parts = meta.split()
        if not meta.startswith(b":") or len(parts) < 5:
            raise CannotJudge(
                Text(
                    f"Unexpected output from git diff-tree: {meta[:80]!r}.",
                    f"Keluaran git diff-tree tidak terduga: {meta[:80]!r}.",
                )
            )
        letter = parts[4][:1].decode("ascii", "replace")
        paths = 2 if letter in ("R", "C") else 1
        if i + paths >= len(fields):
            raise CannotJudge(Text("Truncated output from git diff-tree.", "Keluaran git diff-tree terpotong."))
        names = [git_path(p) for p in fields[i + 1 : i + 1 + paths]]
        i += 1 + paths
        if letter in ("R", "C"):
            out.append(Change(names[1], letter, names[0]))
        else:
            out.append(Change(names[0], letter))
    return sorted(out, key=lambda c: (c.path, c.change))


def openapi_references(head: git.Commit, folder: str) -> dict[str, tuple[str, ...]]:
    """manifest path -> repository paths of the local OpenAPI documents it names, for every manifest in head.

    Cheap: only files that mention `openapi` are parsed, with the safe YAML reader and no
    positions; unreadable files simply reference nothing (they are reported when judged).
    """
    refs: dict[str, tuple[str, ...]] = {}
    try:
        start = head.tree / folder if folder else head.tree
    except KeyError:
        return refs
    if not isinstance(start, git.Tree):
        return refs
    count = 0
    for item in start.traverse():
        # os.fspath: a tree entry's path is a str (GitPython's annotation also allows a PathLike).
        if (
            not isinstance(item, git.Blob)
            or item.mode not in REGULAR_MODES
            or not is_manifest_path(os.fspath(item.path), folder)
        ):
            continue
        count += 1
        if count > MAX_SCANNED_MANIFESTS:
            raise CannotJudge(
                Text(
                    f"More than {MAX_SCANNED_MANIFESTS} YAML files under {folder or 'the repository'}; split the registry.",
                    f"Lebih dari {MAX_SCANNED_MANIFESTS} berkas YAML di {folder or 'repositori'}; pecah registrinya.",
                )
            )
        if item.size > MAX_SCANNED_BYTES:
            continue
        raw = read_blob(item, MAX_SCANNED_BYTES)
        if b"openapi" not in raw:
            continue
        try:
            data: Any = parse_yaml(decode_utf8(raw), track_positions=False).data
        except (YamlError, RecursionError):
            continue
        targets = _local_openapi_paths(os.fspath(item.path), data)
        if targets:
            refs[os.fspath(item.path)] = targets
    return refs


def _local_openapi_paths(manifest_path: str, data: Any) -> tuple[str, ...]:
    if not isinstance(data, dict) or data.get("kind") != "ApplicationProposal":
        return ()
    spec = data.get("spec")
    interop = spec.get("interoperability") if isinstance(spec, dict) else None
    apis = interop.get("apis") if isinstance(interop, dict) else None
    out = []
    for api in apis if isinstance(apis, list) else []:
        ref = api.get("openapi") if isinstance(api, dict) else None
        if not isinstance(ref, str) or "://" in ref or ref.startswith(("/", "\\")):
            continue
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(manifest_path), ref.replace("\\", "/")))
        if joined != ".." and not joined.startswith("../"):
            out.append(joined)
    return tuple(sorted(set(out)))


def select(changes: Iterable[Change], folder: str, references: dict[str, tuple[str, ...]]) -> Selection:
    """Which manifests a pull request puts on trial.

    - a changed (added, modified, renamed) manifest under `folder` is judged, unless a
      head manifest names it as its OpenAPI document (then it is not a manifest);
    - a manifest whose OpenAPI document changed or was deleted is judged too, since
      its verdict may change with it;
    - deletions and every other file are not judged.
    """
    documents: dict[str, list[str]] = {}
    for manifest, targets in references.items():
        for target in targets:
            documents.setdefault(target, []).append(manifest)
    direct: set[str] = set()
    brought_in: dict[str, set[str]] = {}
    not_judged: list[Change] = []
    for change in changes:
        if change.change in JUDGED_CHANGES and is_manifest_path(change.path, folder) and change.path not in documents:
            direct.add(change.path)
            continue
        users = [(m, p) for p in (change.path, change.old_path) if p for m in documents.get(p, [])]
        for manifest, document in users:
            brought_in.setdefault(manifest, set()).add(document)
        if not users:
            not_judged.append(change)
    judged = sorted(direct | set(brought_in))
    return Selection(
        judged=tuple(judged),
        references={m: references.get(m, ()) for m in judged},
        brought_in={m: tuple(sorted(docs)) for m, docs in sorted(brought_in.items()) if m not in direct},
        not_judged=tuple(not_judged),
    )


def changed_manifests_since(repo_dir: Path, since_ref: str, folder_option: str) -> list[Target]:
    """The manifests a merged change added or changed under the folder, from `since_ref` to HEAD (`registry add --since`).

    Selected as the gate selects them, but read from the work tree (the merged commit);
    a manifest judged only because its OpenAPI document changed is not new to the registry.
    """
    repo = open_repository(repo_dir)
    rev = Revisions(
        repo, resolve_commit(repo, since_ref, "since"), resolve_commit(repo, "HEAD", "head"), since_ref, "HEAD"
    )
    folder = manifests_folder(folder_option, rev.root)
    changes = changes_between(rev.base, rev.head)
    selection = select(changes, folder, openapi_references(rev.head, folder) if changes else {})
    return [Target(rev.root / path, path, False) for path in selection.judged if path not in selection.brought_in]


def _proposal_identity(raw: bytes) -> tuple[str, str | None] | None:
    """(metadata.id, metadata.agency.code) of a manifest's bytes, or None when it has no readable id."""
    try:
        data: Any = parse_yaml(decode_utf8(raw), track_positions=False).data
    except (YamlError, RecursionError):
        return None
    meta = data.get("metadata") if isinstance(data, dict) and data.get("kind") == "ApplicationProposal" else None
    manifest_id = meta.get("id") if isinstance(meta, dict) else None
    if not isinstance(meta, dict) or not isinstance(manifest_id, str):  # manifest_id is None unless meta is a dict
        return None
    agency = meta.get("agency")
    code = agency.get("code") if isinstance(agency, dict) else None
    return manifest_id, code if isinstance(code, str) else None


def _manifests_mentioning(commit: git.Commit, folder: str, needles: Iterable[str]) -> list[git.Blob]:
    """Manifest blobs of `commit` under `folder` whose bytes contain any needle: `git grep -F` over the tree.

    Reading every blob through GitPython cost about 1 ms per manifest; git grep reads them
    in one process (per 500 needles, to stay far below the command-line limit), and only
    its hits are parsed.
    """
    needles = list(needles)
    if len(needles) > _GREP_CHUNK:
        found: dict[str, git.Blob] = {}
        for start in range(0, len(needles), _GREP_CHUNK):
            for hit in _manifests_mentioning(commit, folder, needles[start : start + _GREP_CHUNK]):
                found.setdefault(os.fspath(hit.path), hit)
        return [found[path] for path in sorted(found)]
    patterns = [arg for needle in needles for arg in ("-e", needle)]
    try:
        raw = commit.repo.git.grep(
            "-l",
            "-z",
            "-F",
            "--no-color",
            "--no-textconv",
            *patterns,
            commit.hexsha,
            "--",
            f":(literal){folder}" if folder else ".",
            stdout_as_string=False,
        )
    except git.GitCommandError as err:
        if err.status == 1:  # no match
            return []
        raise CannotJudge(
            Text(
                f"git grep failed in {commit.hexsha[:12]} (exit {err.status}).",
                f"git grep gagal di {commit.hexsha[:12]} (keluar {err.status}).",
            )
        ) from None
    prefix = commit.hexsha.encode("ascii") + b":"
    blobs = []
    for entry in raw.split(b"\0"):
        if not entry.startswith(prefix):
            continue
        path = git_path(entry[len(prefix) :])
        blob = blob_at(commit.tree, path) if is_manifest_path(path, folder) else None
        if blob is not None and blob.mode in REGULAR_MODES:
            blobs.append(blob)
    return blobs


def repository_identities(
    head: git.Commit,
    merge_base: git.Commit,
    trusted: Iterable[git.Commit],
    selection: Selection,
    changes: Iterable[Change],
    folder: str,
) -> Identities:
    """Who else holds the ids of the judged manifests, and which of them the change adds (SPEC §4).

    Holders are looked for in head (base plus the change) and in each trusted tree (the
    target branch as it is now, so an id taken there since the PR branched still counts),
    except at paths the change deletes or renames away. `git grep -F` finds the blobs that
    mention a judged id; only those are parsed.
    A judged manifest is a new proposal when the merge base holds no manifest with its id
    at its path (or at the path it was renamed from): waivers not bound to an agency are
    then not applied to it.
    """
    changes = list(changes)
    judged: dict[str, tuple[str, str | None]] = {}
    for path in selection.judged:
        blob = blob_at(head.tree, path)
        found = (
            _proposal_identity(read_blob(blob, MAX_SCANNED_BYTES + 1))
            if blob is not None and blob.size <= MAX_SCANNED_BYTES
            else None
        )
        if found is not None:
            judged[path] = found
    # Only ids of the schema's form go to git grep: any other manifest is invalid anyway, and an id
    # like "--open-files-in-pager=…" never reaches a command line.
    ids = {manifest_id for manifest_id, _ in judged.values() if _MANIFEST_ID.match(manifest_id)}
    if not ids:
        return Identities()
    gone = {c.path for c in changes if c.change == "D"} | {
        c.old_path for c in changes if c.change == "R" and c.old_path
    }
    held: dict[str, dict[str, Holder]] = {}
    seen: set[tuple[str, bytes]] = set()
    for commit, skip in ((head, frozenset()), *((t, gone) for t in trusted)):
        for blob in _manifests_mentioning(commit, folder, sorted(ids)):
            blob_path = os.fspath(
                blob.path
            )  # a str: the path git grep named (GitPython's annotation allows a PathLike)
            if blob_path in skip or (blob_path, blob.binsha) in seen or blob.size > MAX_SCANNED_BYTES:
                continue
            seen.add((blob_path, blob.binsha))
            found = _proposal_identity(read_blob(blob, MAX_SCANNED_BYTES))
            if found is not None and found[0] in ids:
                held.setdefault(found[0], {}).setdefault(blob_path, Holder(display_path(blob_path), found[1]))
    by_path = {c.path: c for c in changes}
    new_files = set()
    for path, (manifest_id, _) in judged.items():
        change = by_path.get(path)
        if change is None:  # brought in by a changed OpenAPI document: the manifest itself is unchanged
            continue
        before = None
        if change.change not in ("A", "C"):
            blob = blob_at(merge_base.tree, change.old_path or path)
            before = _proposal_identity(read_blob(blob, MAX_SCANNED_BYTES)) if blob is not None else None
        if before is None or before[0] != manifest_id:
            new_files.add(display_path(path))
    return Identities({k: tuple(v[p] for p in sorted(v)) for k, v in held.items()}, frozenset(new_files))


def materialise_head(head: git.Commit, selection: Selection, dest: Path) -> list[Target]:
    """Write the judged manifests and the OpenAPI documents they name, as of head, under `dest`.

    Returns the targets to judge: read from `dest`, reported under their repository paths.
    """
    targets: list[Target] = []
    if len(selection.judged) > MAX_MANIFESTS_PER_RUN:
        raise CannotJudge(
            Text(
                f"{len(selection.judged)} manifests changed; the limit is {MAX_MANIFESTS_PER_RUN} per run. Split the pull request.",
                f"{len(selection.judged)} manifes berubah; batasnya {MAX_MANIFESTS_PER_RUN} per proses. Pecah pull request-nya.",
            )
        )
    written: set[str] = set()
    for path in selection.judged:
        for rel in (path, *selection.references.get(path, ())):
            if rel in written:
                continue
            written.add(rel)
            try:
                item = head.tree / rel
            except KeyError:
                continue  # a missing OpenAPI document is reported as not found
            if isinstance(item, git.Blob) and (item.mode in REGULAR_MODES or item.mode == SYMLINK_MODE):
                # Past its reader's limit (256 KiB a manifest, 2 MiB an OpenAPI document) a file is only
                # ever "too large": write no more than the larger limit plus one byte.
                write_blob(item, safe_destination(dest, rel), MAX_OPENAPI_BYTES)
        targets.append(Target(dest.joinpath(*PurePosixPath(path).parts), display_path(path), False))
    return targets
