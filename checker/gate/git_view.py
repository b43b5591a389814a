"""How the gate reads git: revisions by name, the pull request's revisions, and blobs written safely to disk.

Nothing the gate judges or judges with is read from the working tree, which a pull
request controls and which may differ from any commit. Everything read from git is
written into a private temporary folder first (`write_blob`, under `safe_destination`),
so the existing readers, with their size limits and symlink refusal, do the parsing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import cast

import git
from gitdb.exc import BadName, BadObject

from checker.errors import CannotJudge
from checker.model import Text

MAX_MATERIALISED_BYTES = 64 * 1024 * 1024  # past this a blob is cut; every reader's own limit is far lower
REGULAR_MODES = (0o100644, 0o100755)
SYMLINK_MODE = 0o120000


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
        # The field's default is None (see above) until this replaces it with `base`.
        if cast("git.Commit | None", self.trusted) is None:
            object.__setattr__(self, "trusted", self.base)
            object.__setattr__(self, "trusted_ref", self.trusted_ref or self.base_ref)

    @property
    def root(self) -> Path:
        return Path(self.repo.working_tree_dir or ".")

    def describe_base(self) -> str:
        return f"{self.base.hexsha[:12]} (merge base of {self.base_ref} and {self.head_ref})"

    def describe_trusted(self) -> str:
        return f"{self.trusted.hexsha[:12]} (tip of {self.trusted_ref})"


def open_repository(path: Path) -> git.Repo:
    """The git work tree holding `path`; CannotJudge when there is none."""
    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise CannotJudge(
            Text(
                f"{path} is not inside a git repository. Run `spbe-check ci` in a clone of the registry repository "
                "or pass --repo DIR (in GitHub Actions: actions/checkout with fetch-depth: 0).",
                f"{path} tidak berada di dalam repositori git. Jalankan `spbe-check ci` di klon repositori registri "
                "atau berikan --repo FOLDER (di GitHub Actions: actions/checkout dengan fetch-depth: 0).",
            )
        ) from None
    if repo.bare or not repo.working_tree_dir:
        raise CannotJudge(
            Text(
                f"{path} is a bare git repository; run the gate in a clone with a work tree.",
                f"{path} adalah repositori git bare; jalankan di klon yang memiliki work tree.",
            )
        )
    return repo


def _shallow(repo: git.Repo) -> bool:
    return (Path(repo.git_dir) / "shallow").exists()


def resolve_commit(repo: git.Repo, ref: str, role: str) -> git.Commit:
    """The commit `ref` names; CannotJudge with the fix (usually: fetch the full history)."""
    hint_en = (
        " This clone is shallow: use actions/checkout with fetch-depth: 0, or `git fetch --unshallow`."
        if _shallow(repo)
        else f" Fetch it first (e.g. `git fetch origin {ref.split('/')[-1]}`) or pass a commit sha."
    )
    hint_id = (
        " Klon ini dangkal (shallow): pakai actions/checkout dengan fetch-depth: 0, atau `git fetch --unshallow`."
        if _shallow(repo)
        else f" Ambil dulu (mis. `git fetch origin {ref.split('/')[-1]}`) atau berikan sha commit."
    )
    if not ref or ref.startswith("-"):
        raise CannotJudge(Text(f"--{role} {ref!r} is not a git revision.", f"--{role} {ref!r} bukan revisi git."))
    try:
        commit = repo.commit(ref)
        commit.tree  # noqa: B018 - make sure the object is really there
    except (BadName, BadObject, ValueError, IndexError, git.GitCommandError) as err:
        raise CannotJudge(
            Text(
                f"Cannot find the {role} revision {ref!r} in {repo.working_tree_dir} ({type(err).__name__}).{hint_en}",
                f"Revisi {role} {ref!r} tidak ditemukan di {repo.working_tree_dir} ({type(err).__name__}).{hint_id}",
            )
        ) from None
    return commit


def pull_request_revisions(
    repo: git.Repo, base_ref: str, head_ref: str, trusted_ref: str | tuple[str, ...] | None = None
) -> Revisions:
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
        raise CannotJudge(
            Text(
                f"{base_ref} and {head_ref} have no common ancestor, so the trusted base revision is unknown.{shallow}",
                f"{base_ref} dan {head_ref} tidak memiliki leluhur bersama, sehingga revisi dasar tepercaya tidak diketahui.{shallow_id}",
            )
        )
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
        first_error = first_error or CannotJudge(
            Text(
                f"--trusted-ref {trusted_ref} ({trusted.hexsha[:12]}) does not contain the merge base {bases[0].hexsha[:12]} of "
                f"{base_ref} and {head_ref}, so it is not the tip of the branch the pull request targets. Pass the target "
                "branch (e.g. origin/main) after fetching it.",
                f"--trusted-ref {trusted_ref} ({trusted.hexsha[:12]}) tidak memuat merge base {bases[0].hexsha[:12]} dari "
                f"{base_ref} dan {head_ref}, jadi bukan ujung cabang tujuan pull request. Berikan cabang tujuan "
                "(mis. origin/main) setelah mengambilnya.",
            )
        )
    if first_error is None:
        raise RuntimeError("resolve_revisions: no merge base was tried")
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


def display_path(path: str) -> str:
    """A git path as people read it: bytes that are not UTF-8 shown as `\\xNN`, never dropped or mangled."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def git_path(raw: bytes) -> str:
    # surrogateescape keeps every byte: the same string names the file in GitPython's trees
    # (which decode the same way) and on disk (Python's file-system encoding on POSIX).
    return raw.decode("utf-8", "surrogateescape")


def blob_at(tree: git.Tree, path: str) -> git.Blob | None:
    try:
        item = tree / path
    except KeyError:
        return None
    return item if isinstance(item, git.Blob) else None


def read_blob(blob: git.Blob, limit: int) -> bytes:
    stream = blob.data_stream
    data: bytes = stream.read(min(blob.size, limit))  # gitdb's OStream (no type information) reads bytes
    return data


def safe_destination(dest: Path, rel: str) -> Path:
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or any(p in ("", ".", "..", ".git") for p in parts):
        raise CannotJudge(
            Text(
                f"Refusing the path {rel!r} from git: it is not a plain relative path.",
                f"Jalur {rel!r} dari git ditolak: bukan jalur relatif biasa.",
            )
        )
    target = dest.joinpath(*parts)
    if not target.resolve().is_relative_to(dest.resolve()):
        raise CannotJudge(
            Text(
                f"Refusing the path {rel!r} from git: it leaves the folder.",
                f"Jalur {rel!r} dari git ditolak: keluar dari folder.",
            )
        )
    return target


def write_blob(item: git.Blob, target: Path, limit: int = MAX_MATERIALISED_BYTES) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if item.mode == SYMLINK_MODE:
        # Kept as a link so the readers refuse it as they refuse one in a checkout.
        os.symlink(read_blob(item, 4096).decode("utf-8", "replace"), target)
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
