"""The pull-request gate's view of git: what changed, and which revision each input comes from.

Trust rule (SECURITY.md): the rules that judge a pull request are today's rules of
the branch it targets. Policies, registry and waivers are read from the tree of the
trusted revision, the tip of the target branch at the time of judging (`--trusted-ref`,
by default the tip of `--base`), never from the merge base, which the author chooses by
branching from an old commit. What the pull request changes is still computed against
the merge base of `--base` and `--head`. A path given for a trusted input that lies
inside the repository is looked up in the trusted tree, a path outside it (e.g. the
tool's bundled policies) or an https URL is used as it is. What is judged (the changed manifests and the OpenAPI documents they
reference) comes from the head commit. Neither is ever read from the working tree,
which a pull request controls and which may differ from any commit.

Everything read from git is written into a private temporary folder first, so the
existing readers (with their size limits and symlink refusal) do the parsing.
"""
from __future__ import annotations

import os
import posixpath
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Mapping

import git
from gitdb.exc import BadName, BadObject

from checker.errors import CannotJudge
from checker.evaluate import MANIFEST_SUFFIXES, MAX_MANIFESTS_PER_RUN, Target
from checker.identity import Holder, Identities
from checker.model import Text
from checker.openapi import MAX_OPENAPI_BYTES
from checker.yamlsafe import YamlError, decode_utf8, parse_yaml

JUDGED_CHANGES = frozenset("AMRCT")  # added, modified, renamed, copied, type changed; "D" is never judged
MAX_MATERIALISED_BYTES = 64 * 1024 * 1024  # past this a blob is cut; every reader's own limit is far lower
MAX_SCANNED_MANIFESTS = 100_000
MAX_SCANNED_BYTES = 256 * 1024  # same as a manifest's limit: larger files cannot reference anything
_REGULAR_MODES = (0o100644, 0o100755)
_SYMLINK_MODE = 0o120000
_GREP_CHUNK = 500
_MANIFEST_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,62}\Z")  # as in checker/schemas/manifest.schema.json


@dataclass(frozen=True)
class Revisions:
    """A pull request's commits: `base` (merge base) and `head` define the change; `trusted` supplies the rules."""

    repo: git.Repo
    base: git.Commit
    head: git.Commit
    base_ref: str
    head_ref: str
    trusted: git.Commit = None  # type: ignore[assignment]  # defaults to `base` (audit baselines, registry add)
    trusted_ref: str = ""

    def __post_init__(self) -> None:
        if self.trusted is None:
            object.__setattr__(self, "trusted", self.base)
            object.__setattr__(self, "trusted_ref", self.trusted_ref or self.base_ref)

    @property
    def root(self) -> Path:
        return Path(self.repo.working_tree_dir or ".")

    def describe_base(self) -> str:
        return f"{self.base.hexsha[:12]} (merge base of {self.base_ref} and {self.head_ref})"

    def describe_trusted(self) -> str:
        return f"{self.trusted.hexsha[:12]} (tip of {self.trusted_ref})"


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


def _text(en: str, id_: str) -> Text:
    return Text(en, id_)


def open_repository(path: Path) -> git.Repo:
    """The git work tree holding `path`; CannotJudge when there is none."""
    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise CannotJudge(_text(
            f"{path} is not inside a git repository. Run `spbe-check ci` in a clone of the registry repository "
            "or pass --repo DIR (in GitHub Actions: actions/checkout with fetch-depth: 0).",
            f"{path} tidak berada di dalam repositori git. Jalankan `spbe-check ci` di klon repositori registri "
            "atau berikan --repo FOLDER (di GitHub Actions: actions/checkout dengan fetch-depth: 0).")) from None
    if repo.bare or not repo.working_tree_dir:
        raise CannotJudge(_text(f"{path} is a bare git repository; run the gate in a clone with a work tree.",
                                f"{path} adalah repositori git bare; jalankan di klon yang memiliki work tree."))
    return repo


def _shallow(repo: git.Repo) -> bool:
    return (Path(repo.git_dir) / "shallow").exists()


def resolve_commit(repo: git.Repo, ref: str, role: str) -> git.Commit:
    """The commit `ref` names; CannotJudge with the fix (usually: fetch the full history)."""
    hint_en = (" This clone is shallow: use actions/checkout with fetch-depth: 0, or `git fetch --unshallow`."
               if _shallow(repo) else f" Fetch it first (e.g. `git fetch origin {ref.split('/')[-1]}`) or pass a commit sha.")
    hint_id = (" Klon ini dangkal (shallow): pakai actions/checkout dengan fetch-depth: 0, atau `git fetch --unshallow`."
               if _shallow(repo) else f" Ambil dulu (mis. `git fetch origin {ref.split('/')[-1]}`) atau berikan sha commit.")
    if not ref or ref.startswith("-"):
        raise CannotJudge(_text(f"--{role} {ref!r} is not a git revision.", f"--{role} {ref!r} bukan revisi git."))
    try:
        commit = repo.commit(ref)
        commit.tree  # noqa: B018 - make sure the object is really there
    except (BadName, BadObject, ValueError, IndexError, git.GitCommandError) as err:
        raise CannotJudge(_text(f"Cannot find the {role} revision {ref!r} in {repo.working_tree_dir} ({type(err).__name__}).{hint_en}",
                                f"Revisi {role} {ref!r} tidak ditemukan di {repo.working_tree_dir} ({type(err).__name__}).{hint_id}")) from None
    return commit


def trusted_ref_from(forge: str, target_branch: str | None, target_sha: str | None) -> tuple[str, ...]:
    """The target branch's tip as the CI names it (checker/forge.py detects the values), best first.

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


def gate_revisions(base_ref: str | None, trusted_ref: str | None,
                   env: Mapping[str, str]) -> tuple[str, str | tuple[str, ...]]:
    """The gate's base, and the trusted revision (or the CI's candidates for it) whose rules judge the change.

    The trusted revision: --trusted-ref, else the CI's names for the target branch's tip, else
    the tip of --base. Never GitLab's detected diff base: that is the merge base, whose rules
    the author chose. Shared by the gate and by the reading of its settings file.
    """
    from checker import forge

    detected = forge.detected_revisions(env)
    candidates = trusted_ref_from(detected.forge, detected.target_branch, detected.target_sha)
    if base_ref is None:
        base_ref = detected.base
        if base_ref is None:
            raise RevisionUnknown("Missing option '--base': give the branch or commit the request targets "
                                  "(GitHub's pull_request event and GitLab's CI_MERGE_REQUEST_DIFF_BASE_SHA supply it).")
        if detected.forge != "gitlab":
            candidates = (*candidates, base_ref)
    else:
        candidates = (*candidates, base_ref)
    trusted: str | tuple[str, ...] = trusted_ref or candidates
    if not trusted:
        raise RevisionUnknown("The target branch is unknown, so today's rules cannot be read: pass --trusted-ref "
                              "(e.g. origin/main).")
    return base_ref, trusted

def pull_request_revisions(repo: git.Repo, base_ref: str, head_ref: str,
                           trusted_ref: str | tuple[str, ...] | None = None) -> Revisions:
    """The change (merge base of base and head, to head) and the trusted revision whose rules judge it.

    `trusted_ref` defaults to `base_ref` itself, i.e. the tip of the target branch, never
    the merge base; a tuple (the CI's candidates, `trusted_ref_from`) gives the first that
    exists and contains the merge base. A trusted revision that does not contain it is not
    the target branch (or the branch was rewritten, or the clone is stale): cannot judge.
    """
    base = resolve_commit(repo, base_ref, "base")
    head = resolve_commit(repo, head_ref, "head")
    try:
        bases = repo.merge_base(base, head)
    except git.GitCommandError:
        bases = []
    if not bases:
        shallow = " This clone is shallow: use actions/checkout with fetch-depth: 0." if _shallow(repo) else ""
        shallow_id = " Klon ini dangkal: pakai actions/checkout dengan fetch-depth: 0." if _shallow(repo) else ""
        raise CannotJudge(_text(f"{base_ref} and {head_ref} have no common ancestor, so the trusted base revision is unknown.{shallow}",
                                f"{base_ref} dan {head_ref} tidak memiliki leluhur bersama, sehingga revisi dasar tepercaya tidak diketahui.{shallow_id}"))
    candidates = (trusted_ref,) if isinstance(trusted_ref, str) else tuple(trusted_ref or ()) or (base_ref,)
    first_error: CannotJudge | None = None
    for trusted_ref in candidates:
        try:
            trusted = resolve_commit(repo, trusted_ref, "trusted-ref")
        except CannotJudge as err:
            first_error = first_error or err
            continue
        if repo.is_ancestor(bases[0], trusted):
            return Revisions(repo, bases[0], head, base_ref, head_ref, trusted, trusted_ref)
        first_error = first_error or CannotJudge(_text(
            f"--trusted-ref {trusted_ref} ({trusted.hexsha[:12]}) does not contain the merge base {bases[0].hexsha[:12]} of "
            f"{base_ref} and {head_ref}, so it is not the tip of the branch the pull request targets. Pass the target "
            "branch (e.g. origin/main) after fetching it.",
            f"--trusted-ref {trusted_ref} ({trusted.hexsha[:12]}) tidak memuat merge base {bases[0].hexsha[:12]} dari "
            f"{base_ref} dan {head_ref}, jadi bukan ujung cabang tujuan pull request. Berikan cabang tujuan "
            "(mis. origin/main) setelah mengambilnya."))
    assert first_error is not None
    raise first_error


def repository_relative(path: str | Path, root: Path) -> str | None:
    """`path` relative to the repository (posix), or None when it lies outside.

    Decided on the path as written and on its resolved form, so neither a `..` nor a
    symlink in the working tree can move an input from "base tree" to "as is".
    """
    raw = Path(path)
    candidates = [Path(os.path.abspath(raw))]
    try:
        candidates.append(raw.resolve())
    except (OSError, RuntimeError):
        pass
    roots = [Path(os.path.abspath(root)), root.resolve()]
    for candidate in candidates:
        for base in roots:
            if candidate == base:
                return "."
            if candidate.is_relative_to(base):
                return candidate.relative_to(base).as_posix()
    return None


def manifests_folder(option: str, root: Path) -> str:
    """The `--manifests` folder as a normalised repository-relative posix path ("" = whole repository)."""
    if Path(option).is_absolute():
        rel = repository_relative(option, root)
        if rel is None:
            raise CannotJudge(_text(f"--manifests {option} is outside the repository {root}.",
                                    f"--manifests {option} berada di luar repositori {root}."))
        option = rel
    norm = posixpath.normpath(option.replace("\\", "/"))
    if norm.startswith("../") or norm == "..":
        raise CannotJudge(_text(f"--manifests {option} leaves the repository; give a folder inside it, e.g. manifests.",
                                f"--manifests {option} keluar dari repositori; berikan folder di dalamnya, mis. manifests."))
    return "" if norm == "." else norm


def is_manifest_path(path: str, folder: str) -> bool:
    """A *.yaml/*.yml file under `folder`, not inside a hidden folder: what `check FOLDER` would judge."""
    pure = PurePosixPath(path)
    if pure.suffix not in MANIFEST_SUFFIXES:
        return False
    if folder:
        if not path.startswith(folder + "/"):
            return False
        inner = PurePosixPath(path[len(folder) + 1:])
    else:
        inner = pure
    return not any(part.startswith(".") for part in inner.parts)


def display_path(path: str) -> str:
    """A git path as people read it: bytes that are not UTF-8 shown as `\\xNN`, never dropped or mangled."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _git_path(raw: bytes) -> str:
    # surrogateescape keeps every byte: the same string names the file in GitPython's trees
    # (which decode the same way) and on disk (Python's file-system encoding on POSIX).
    return raw.decode("utf-8", "surrogateescape")


def changes_between(base: git.Commit, head: git.Commit) -> list[Change]:
    """Every file changed from base to head, renames detected (git diff-tree -M).

    Read as bytes from `git diff-tree -z`, not through GitPython's Diff, whose reader
    thread dies on the first path that is not UTF-8 and silently returns the changes
    before it (a pull request adding `readme-\\xe9.txt` then had "nothing to judge").
    With -z git neither quotes nor escapes paths, so newlines and quotes survive too.
    """
    try:
        raw = base.repo.git.diff_tree(base.hexsha, head.hexsha, "-r", "-z", "-M", "--raw", "--no-abbrev",
                                      "--no-ext-diff", "--no-color", stdout_as_string=False)
    except git.GitCommandError as err:
        raise CannotJudge(_text(f"git diff-tree failed between {base.hexsha[:12]} and {head.hexsha[:12]} (exit {err.status}).",
                                f"git diff-tree gagal antara {base.hexsha[:12]} dan {head.hexsha[:12]} (keluar {err.status}).")) from None
    fields = raw.split(b"\0")
    if fields and fields[-1] == b"":
        fields.pop()
    out: list[Change] = []
    i = 0
    while i < len(fields):
        meta = fields[i]
        parts = meta.split()
        if not meta.startswith(b":") or len(parts) < 5:
            raise CannotJudge(_text(f"Unexpected output from git diff-tree: {meta[:80]!r}.",
                                    f"Keluaran git diff-tree tidak terduga: {meta[:80]!r}."))
        letter = parts[4][:1].decode("ascii", "replace")
        paths = 2 if letter in ("R", "C") else 1
        if i + paths >= len(fields):
            raise CannotJudge(_text("Truncated output from git diff-tree.", "Keluaran git diff-tree terpotong."))
        names = [_git_path(p) for p in fields[i + 1:i + 1 + paths]]
        i += 1 + paths
        if letter in ("R", "C"):
            out.append(Change(names[1], letter, names[0]))
        else:
            out.append(Change(names[0], letter))
    return sorted(out, key=lambda c: (c.path, c.change))


def _blob_at(tree: git.Tree, path: str) -> git.Blob | None:
    try:
        item = tree / path
    except KeyError:
        return None
    return item if isinstance(item, git.Blob) else None


def _read_blob(blob: git.Blob, limit: int) -> bytes:
    stream = blob.data_stream
    return stream.read(min(blob.size, limit))


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
        if not isinstance(item, git.Blob) or item.mode not in _REGULAR_MODES or not is_manifest_path(item.path, folder):
            continue
        count += 1
        if count > MAX_SCANNED_MANIFESTS:
            raise CannotJudge(_text(f"More than {MAX_SCANNED_MANIFESTS} YAML files under {folder or 'the repository'}; split the registry.",
                                    f"Lebih dari {MAX_SCANNED_MANIFESTS} berkas YAML di {folder or 'repositori'}; pecah registrinya."))
        if item.size > MAX_SCANNED_BYTES:
            continue
        raw = _read_blob(item, MAX_SCANNED_BYTES)
        if b"openapi" not in raw:
            continue
        try:
            data: Any = parse_yaml(decode_utf8(raw), track_positions=False).data
        except (YamlError, RecursionError):
            continue
        targets = _local_openapi_paths(item.path, data)
        if targets:
            refs[item.path] = targets
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
    rev = Revisions(repo, resolve_commit(repo, since_ref, "since"), resolve_commit(repo, "HEAD", "head"), since_ref, "HEAD")
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
    if not isinstance(manifest_id, str):
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
            for blob in _manifests_mentioning(commit, folder, needles[start:start + _GREP_CHUNK]):
                found.setdefault(blob.path, blob)
        return [found[path] for path in sorted(found)]
    patterns = [arg for needle in needles for arg in ("-e", needle)]
    try:
        raw = commit.repo.git.grep("-l", "-z", "-F", "--no-color", "--no-textconv", *patterns, commit.hexsha, "--",
                                   f":(literal){folder}" if folder else ".", stdout_as_string=False)
    except git.GitCommandError as err:
        if err.status == 1:  # no match
            return []
        raise CannotJudge(_text(f"git grep failed in {commit.hexsha[:12]} (exit {err.status}).",
                                f"git grep gagal di {commit.hexsha[:12]} (keluar {err.status}).")) from None
    prefix = commit.hexsha.encode("ascii") + b":"
    blobs = []
    for entry in raw.split(b"\0"):
        if not entry.startswith(prefix):
            continue
        path = _git_path(entry[len(prefix):])
        blob = _blob_at(commit.tree, path) if is_manifest_path(path, folder) else None
        if blob is not None and blob.mode in _REGULAR_MODES:
            blobs.append(blob)
    return blobs


def repository_identities(head: git.Commit, merge_base: git.Commit, trusted: Iterable[git.Commit],
                          selection: Selection, changes: Iterable[Change], folder: str) -> Identities:
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
        blob = _blob_at(head.tree, path)
        found = _proposal_identity(_read_blob(blob, MAX_SCANNED_BYTES + 1)) if blob is not None and blob.size <= MAX_SCANNED_BYTES else None
        if found is not None:
            judged[path] = found
    # Only ids of the schema's form go to git grep: any other manifest is invalid anyway, and an id
    # like "--open-files-in-pager=…" never reaches a command line.
    ids = {manifest_id for manifest_id, _ in judged.values() if _MANIFEST_ID.match(manifest_id)}
    if not ids:
        return Identities()
    gone = {c.path for c in changes if c.change == "D"} | {c.old_path for c in changes if c.change == "R" and c.old_path}
    held: dict[str, dict[str, Holder]] = {}
    seen: set[tuple[str, bytes]] = set()
    for commit, skip in ((head, frozenset()), *((t, gone) for t in trusted)):
        for blob in _manifests_mentioning(commit, folder, sorted(ids)):
            if blob.path in skip or (blob.path, blob.binsha) in seen or blob.size > MAX_SCANNED_BYTES:
                continue
            seen.add((blob.path, blob.binsha))
            found = _proposal_identity(_read_blob(blob, MAX_SCANNED_BYTES))
            if found is not None and found[0] in ids:
                held.setdefault(found[0], {}).setdefault(blob.path, Holder(display_path(blob.path), found[1]))
    by_path = {c.path: c for c in changes}
    new_files = set()
    for path, (manifest_id, _) in judged.items():
        change = by_path.get(path)
        if change is None:  # brought in by a changed OpenAPI document: the manifest itself is unchanged
            continue
        before = None
        if change.change not in ("A", "C"):
            blob = _blob_at(merge_base.tree, change.old_path or path)
            before = _proposal_identity(_read_blob(blob, MAX_SCANNED_BYTES)) if blob is not None else None
        if before is None or before[0] != manifest_id:
            new_files.add(display_path(path))
    return Identities({k: tuple(v[p] for p in sorted(v)) for k, v in held.items()}, frozenset(new_files))


def _safe_destination(dest: Path, rel: str) -> Path:
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or any(p in ("", ".", "..", ".git") for p in parts):
        raise CannotJudge(_text(f"Refusing the path {rel!r} from git: it is not a plain relative path.",
                                f"Jalur {rel!r} dari git ditolak: bukan jalur relatif biasa."))
    target = dest.joinpath(*parts)
    if not target.resolve().is_relative_to(dest.resolve()):
        raise CannotJudge(_text(f"Refusing the path {rel!r} from git: it leaves the folder.",
                                f"Jalur {rel!r} dari git ditolak: keluar dari folder."))
    return target


def _write_item(item: git.Blob, target: Path, limit: int = MAX_MATERIALISED_BYTES) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if item.mode == _SYMLINK_MODE:
        # Kept as a link so the readers refuse it as they refuse one in a checkout.
        os.symlink(_read_blob(item, 4096).decode("utf-8", "replace"), target)
        return
    with open(target, "wb") as handle:
        stream = item.data_stream
        remaining = min(item.size, limit + 1)
        while remaining > 0:
            chunk = stream.read(min(remaining, 1 << 20))
            if not chunk:
                break
            handle.write(chunk)
            remaining -= len(chunk)


def materialise_head(head: git.Commit, selection: Selection, dest: Path) -> list[Target]:
    """Write the judged manifests and the OpenAPI documents they name, as of head, under `dest`.

    Returns the targets to judge: read from `dest`, reported under their repository paths.
    """
    targets: list[Target] = []
    if len(selection.judged) > MAX_MANIFESTS_PER_RUN:
        raise CannotJudge(_text(f"{len(selection.judged)} manifests changed; the limit is {MAX_MANIFESTS_PER_RUN} per run. Split the pull request.",
                                f"{len(selection.judged)} manifes berubah; batasnya {MAX_MANIFESTS_PER_RUN} per proses. Pecah pull request-nya."))
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
            if isinstance(item, git.Blob) and (item.mode in _REGULAR_MODES or item.mode == _SYMLINK_MODE):
                # Past its reader's limit (256 KiB a manifest, 2 MiB an OpenAPI document) a file is only
                # ever "too large": write no more than the larger limit plus one byte.
                _write_item(item, _safe_destination(dest, rel), MAX_OPENAPI_BYTES)
        targets.append(Target(dest.joinpath(*PurePosixPath(path).parts), display_path(path), False))
    return targets


# --- trusted inputs, from the base tree --------------------------------------------------


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
    return CannotJudge(_text(
        f"The {what} {rel} is not in the base revision {rev.describe_trusted()}. The gate reads the {what} from the base "
        f"branch so a pull request cannot change the rules that judge it: merge it there first, or pass {option} "
        "with a path outside the repository" + (" or an https URL." if what == "registry" else "."),
        f"{what.capitalize()} {rel} tidak ada di revisi dasar {rev.describe_trusted()}. Gerbang membaca {what} dari cabang dasar "
        f"agar pull request tidak dapat mengubah aturan yang menilainya: gabungkan dulu ke sana, atau berikan {option} "
        "dengan jalur di luar repositori" + (" atau URL https." if what == "registry" else ".")))


def _refuse(what: str, rel: str, rev: Revisions, why_en: str, why_id: str) -> CannotJudge:
    return CannotJudge(_text(f"Refusing the {what} {rel} in the base revision {rev.describe_trusted()}: {why_en}",
                             f"{what.capitalize()} {rel} di revisi dasar {rev.describe_trusted()} ditolak: {why_id}"))


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
    for item in tree.traverse():
        inner = item.path[len(prefix):]
        if isinstance(item, git.Tree):
            continue
        if not isinstance(item, git.Blob):
            raise _refuse(what, rel, rev, f"{item.path} is a submodule.", f"{item.path} adalah submodul.")
        if item.mode == _SYMLINK_MODE or stat.S_ISLNK(item.mode):
            raise _refuse(what, rel, rev, f"{item.path} is a symbolic link; commit the file itself.",
                          f"{item.path} adalah tautan simbolik; simpan berkas aslinya.")
        if item.mode not in _REGULAR_MODES:
            raise _refuse(what, rel, rev, f"{item.path} is not a regular file.", f"{item.path} bukan berkas biasa.")
        _write_item(item, _safe_destination(dest, inner))
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
    if item.mode == _SYMLINK_MODE:
        raise _refuse(what, rel, rev, "it is a symbolic link; commit the file itself.",
                      "berupa tautan simbolik; simpan berkas aslinya.")
    target = _safe_destination(dest_folder, rel)
    _write_item(item, target)
    return target


def trusted_inputs(rev: Revisions, policies: Path, registry: str, waivers: Path | None, workdir: Path,
                   open_policies: Callable[[Path, Callable[[Path], Path]], Path] | None = None) -> TrustedInputs:
    """Resolve each judging input: inside the repository -> from the trusted tree; outside -> as given.

    `open_policies(path, from_trusted)` turns the policies (a folder or an OPA bundle file,
    once read from the trusted tree) into a verified policy folder (checker/policy_source.py);
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
        if _blob_at(rev.trusted.tree, rel) is not None:  # an OPA bundle committed to the repository
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


def trusted_file_upwards(repo_dir: Path, base_ref: str, head_ref: str, trusted_ref: str | tuple[str, ...] | None,
                         name: str, start: Path, limit: int) -> tuple[bytes, str, Path] | None:
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
        if not isinstance(item, git.Blob) or item.mode not in _REGULAR_MODES:
            raise _refuse("settings file", path, rev, "it is not a regular file (a symbolic link or a folder).",
                          "bukan berkas biasa (tautan simbolik atau folder).")
        return _read_blob(item, limit + 1), f"{path} (trusted {rev.trusted.hexsha[:12]})", rev.root / folder
    return None
