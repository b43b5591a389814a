"""A set of Rego policies read from a folder: sources, data documents, rule metadata.

Follows OPA's bundle layout: `a/b/data.json` (or `data.yaml`) is mounted at
`data.a.b`, so the same folder works for the embedded engine, an OPA server and
`opa test`. Rule metadata comes from the `# METADATA` comment blocks (YAML), the
way OPA reads annotations; regorus does not expose them, so we read them here.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import CannotJudge
from checker.model import RuleInfo, Text
from checker.plumbing.yamlsafe import YamlError, parse_yaml
from checker.policy.pack import PackDeclaration, check_complete, read_declarations

_PACKAGE = re.compile(r"^package\s+([\w.]+)", re.MULTILINE)
_TEST_RULE = re.compile(r"^(test_\w+)\s+if\b", re.MULTILINE)
_RULE_ID = re.compile(r"^SPBE-[A-Z]{3}-\d{3}$")
MAX_POLICY_FILES = 500
DEFAULT_MAX_WAIVER_DAYS = 365  # for a waivable rule whose METADATA names no limit: one budget year
MAX_WAIVER_DAYS_CEILING = 5 * 366  # a METADATA limit above this is a typo, not a policy


@dataclass(frozen=True)
class PolicyFile:
    path: str  # relative to the policy root, forward slashes
    text: str

    @property
    def package(self) -> str:
        match = _PACKAGE.search(self.text)
        return match.group(1) if match else ""

    @property
    def is_test(self) -> bool:
        return self.path.endswith("_test.rego")

    def test_rules(self) -> list[str]:
        return _TEST_RULE.findall(self.text) if self.is_test else []


@dataclass(frozen=True)
class PolicySet:
    root: str
    files: tuple[PolicyFile, ...]
    data: dict[str, Any]  # merged data documents, keyed from the root of `data`
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    packs: tuple[PackDeclaration, ...] = ()  # what the folder declares it must contain (checker/policy/pack.py)

    @property
    def revision(self) -> str:
        """Content hash: the same policies give the same revision anywhere."""
        digest = hashlib.sha256()
        for f in sorted(self.files, key=lambda f: f.path):
            digest.update(f.path.encode() + b"\0" + f.text.encode() + b"\0")
        digest.update(json.dumps(self.data, sort_keys=True).encode())
        return "sha256:" + digest.hexdigest()[:16]

    def policy_files(self) -> tuple[PolicyFile, ...]:
        return tuple(f for f in self.files if not f.is_test)

    def judging_rules(self) -> list[tuple[str, str]]:
        """(package, "deny" | "warn") for every judging set the policies define."""
        found = {
            (f.package, kind)
            for f in self.policy_files()
            for kind in re.findall(r"^(deny|warn)\s+contains\b", f.text, re.MULTILINE)
        }
        return sorted(found)

    def config(self) -> dict[str, Any]:
        config: dict[str, Any] = self.data.get("spbe", {}).get("config", {})
        return config


def load_policies(root: Path) -> PolicySet:
    """Read every .rego and data.json/yaml under `root`; CannotJudge when unusable or not a complete pack."""
    if not root.is_dir():
        raise CannotJudge(
            Text(
                f"Policy folder not found: {root}. Pass --policies DIR (the folder that holds spbe/*.rego).",
                f"Folder kebijakan tidak ditemukan: {root}. Berikan --policies FOLDER (folder yang memuat spbe/*.rego).",
            )
        )
    files: list[PolicyFile] = []
    data: dict[str, Any] = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".rego":
            files.append(PolicyFile(rel, _read(path)))
        elif path.name in ("data.json", "data.yaml", "data.yml"):
            _mount(data, path.relative_to(root).parent.parts, _read_data(path), rel)
        if len(files) > MAX_POLICY_FILES:
            raise CannotJudge(
                Text(
                    f"More than {MAX_POLICY_FILES} policy files under {root}.",
                    f"Lebih dari {MAX_POLICY_FILES} berkas kebijakan di {root}.",
                )
            )
    if not any(not f.is_test for f in files):
        raise CannotJudge(Text(f"No .rego policies under {root}.", f"Tidak ada kebijakan .rego di {root}."))
    policy_set = PolicySet(str(root), tuple(files), data)
    rules = read_rule_metadata(policy_set)
    packs = read_declarations(root)
    check_complete(root, packs, {f.package for f in policy_set.policy_files()}, set(rules), data)
    return PolicySet(policy_set.root, policy_set.files, data, rules, tuple(packs))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CannotJudge(
            Text(f"Cannot read policy file {path}: {err}.", f"Berkas kebijakan {path} tidak dapat dibaca: {err}.")
        ) from None


def _read_data(path: Path) -> Any:
    text = _read(path)
    try:
        return json.loads(text) if path.suffix == ".json" else parse_yaml(text, track_positions=False).data
    except (json.JSONDecodeError, YamlError) as err:
        raise CannotJudge(
            Text(f"Policy data file {path} is not valid: {err}.", f"Berkas data kebijakan {path} tidak sah: {err}.")
        ) from None


def _mount(data: dict[str, Any], parts: tuple[str, ...], value: Any, rel: str) -> None:
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    if not parts:
        if not isinstance(value, dict):
            raise CannotJudge(
                Text(f"{rel} at the policy root must be an object.", f"{rel} di akar kebijakan harus objek.")
            )
        data.update(value)
    else:
        node[parts[-1]] = value


def read_rule_metadata(policies: PolicySet) -> dict[str, RuleInfo]:
    """RuleInfo for every `# METADATA` block that carries a custom rule id."""
    rules: dict[str, RuleInfo] = {}
    for policy in policies.policy_files():
        for block in _metadata_blocks(policy):
            info = _rule_info(block, policy)
            if info is None:
                continue
            if info.id in rules and rules[info.id].source != info.source:
                raise CannotJudge(
                    Text(
                        f"Rule id {info.id} is declared in both {rules[info.id].source} and {info.source}.",
                        f"Id aturan {info.id} dideklarasikan di {rules[info.id].source} dan {info.source}.",
                    )
                )
            rules.setdefault(info.id, info)
    return dict(sorted(rules.items()))


def _metadata_blocks(policy: PolicyFile) -> list[dict[str, Any]]:
    lines = policy.text.splitlines()
    blocks = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == "# METADATA":
            body = []
            i += 1
            while i < len(lines) and lines[i].lstrip().startswith("#"):
                body.append(re.sub(r"^\s*# ?", "", lines[i]))
                i += 1
            try:
                parsed = parse_yaml("\n".join(body), track_positions=False).data
            except YamlError as err:
                raise CannotJudge(
                    Text(
                        f"Bad # METADATA block in {policy.path} near line {i}: {err.message.en}",
                        f"Blok # METADATA salah di {policy.path} dekat baris {i}: {err.message.id}",
                    )
                ) from None
            if isinstance(parsed, dict):
                blocks.append(parsed)
        else:
            i += 1
    return blocks


def _rule_info(block: dict[str, Any], policy: PolicyFile) -> RuleInfo | None:
    custom = block.get("custom") or {}
    rule_id = custom.get("id")
    if not isinstance(rule_id, str):
        return None
    if not _RULE_ID.match(rule_id) or custom.get("severity") not in ("deny", "warn"):
        raise CannotJudge(
            Text(
                f"Rule metadata in {policy.path}: id {rule_id!r} or severity {custom.get('severity')!r} is invalid.",
                f"Metadata aturan di {policy.path}: id {rule_id!r} atau tingkat {custom.get('severity')!r} tidak sah.",
            )
        )
    waivable = custom.get("waivable", True)
    max_days = custom.get("maxWaiverDays", DEFAULT_MAX_WAIVER_DAYS if waivable is True else None)
    if (
        not isinstance(waivable, bool)
        or (
            waivable
            and (
                isinstance(max_days, bool)
                or not isinstance(max_days, int)
                or not 1 <= max_days <= MAX_WAIVER_DAYS_CEILING
            )
        )
        or (not waivable and "maxWaiverDays" in custom)
    ):
        raise CannotJudge(
            Text(
                f"Rule metadata of {rule_id} in {policy.path}: waivable must be true or false, and maxWaiverDays a whole "
                f"number of days from 1 to {MAX_WAIVER_DAYS_CEILING} for a waivable rule only (got waivable {waivable!r}, "
                f"maxWaiverDays {custom.get('maxWaiverDays')!r}).",
                f"Metadata aturan {rule_id} di {policy.path}: waivable harus true atau false, dan maxWaiverDays bilangan "
                f"bulat 1 sampai {MAX_WAIVER_DAYS_CEILING} hari, hanya untuk aturan yang dapat dikecualikan (didapat "
                f"waivable {waivable!r}, maxWaiverDays {custom.get('maxWaiverDays')!r}).",
            )
        )
    indonesian = (custom.get("translations") or {}).get("id") or {}
    remediation = custom.get("remediation") or {}
    title = str(block.get("title", rule_id))
    description = str(block.get("description", ""))
    return RuleInfo(
        id=rule_id,
        family=rule_id.split("-")[1],
        severity=custom["severity"],
        title=Text(title, str(indonesian.get("title", title))),
        description=Text(description, str(indonesian.get("description", description))),
        remediation=Text(str(remediation.get("en", "")), str(remediation.get("id", remediation.get("en", "")))),
        reference=str(custom.get("reference", "")),
        package=policy.package,
        source=policy.path,
        waivable=waivable,
        max_waiver_days=max_days if waivable else None,
    )
