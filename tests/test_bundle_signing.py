"""Signed OPA bundles (issue 12, item 4) and hostile bundles (its "Bad input").

`bundle build --signing-key` writes `.signatures.json` in OPA's format; `bundle verify`
and `--policies BUNDLE --verification-key` accept only a bundle signed with that key over
exactly its files. Keys and certificates are generated here with `cryptography`.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import jwt
import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from checker.bundle.signing import file_hash
from checker.cli.main import main
from tests.conftest import VALID_MANIFEST

FAILING = VALID_MANIFEST.replace("karawang-contoh", "karawang-parkir")


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), env={"SPBE_CHECK_LANG": None, "SPBE_CHECK_VERIFICATION_KEY": None})


def write_keys(folder: Path, name: str, key: Any) -> tuple[Path, Path]:
    private = folder / f"{name}.pem"
    public = folder / f"{name}.pub.pem"
    private.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    public.write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return private, public


@pytest.fixture(scope="module")
def rsa_key() -> Any:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def keys(tmp_path: Path, rsa_key: Any) -> tuple[Path, Path]:
    return write_keys(tmp_path, "authority", rsa_key)


@pytest.fixture
def signed_bundle(tmp_path: Path, tiny_policies: Path, registry_file: Path, keys: tuple[Path, Path]) -> Path:
    output = tmp_path / "out" / "bundle.tar.gz"
    result = invoke(
        "bundle",
        "build",
        "--output",
        str(output),
        "--policies",
        str(tiny_policies),
        "--registry",
        str(registry_file),
        "--signing-key",
        str(keys[0]),
    )
    assert result.exit_code == 0, result.output
    assert "signed (RS256, key id default)" in result.output
    return output


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, mode="r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]


def repack(entries: list[tuple[str, bytes]], target: Path, kinds: dict[str, bytes] | None = None) -> Path:
    """A .tar.gz with exactly these members; `kinds` maps a name to a tar type (symlink, hard link, ...)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        for name, content in entries:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            if kinds and name in kinds:
                info.type = kinds[name]
                info.linkname = "/etc/passwd"
                info.size = 0
                tar.addfile(info)
            else:
                tar.addfile(info, io.BytesIO(content))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(gzip.compress(raw.getvalue()))
    return target


def judge(bundle: Path, registry: Path, manifest: Path, key: Path | None) -> Any:
    extra = ["--verification-key", str(key)] if key else []
    return invoke(
        "check", str(manifest), "--policies", str(bundle), "--registry", str(registry), "--format", "json", *extra
    )


@pytest.fixture
def manifest(write) -> Path:
    return write("proposal/parkir.yaml", FAILING)


# --- the format is OPA's ---------------------------------------------------------------------------


def test_signature_is_opas_format_over_every_file(signed_bundle: Path, keys: tuple[Path, Path]) -> None:
    files = members(signed_bundle)
    assert "/.signatures.json" in files
    document = json.loads(files["/.signatures.json"])
    assert list(document) == ["signatures"] and len(document["signatures"]) == 1
    token = document["signatures"][0]
    assert jwt.get_unverified_header(token) == {"alg": "RS256", "typ": "JWT", "kid": "default"}
    payload = jwt.decode(token, keys[1].read_bytes(), algorithms=["RS256"])
    assert payload["keyid"] == "default"
    listed = {f["name"]: f for f in payload["files"]}
    assert set(listed) == {name.lstrip("/") for name in files if name != "/.signatures.json"}
    assert {f["algorithm"] for f in listed.values()} == {"SHA-256"}
    rego = next(name for name in listed if name.endswith(".rego"))
    assert listed[rego]["hash"] == hashlib.sha256(files["/" + rego]).hexdigest()  # policies: the raw bytes


def test_json_is_hashed_in_opas_canonical_form() -> None:
    """OPA parses data.json and .manifest and hashes them with sorted keys, no spaces, numbers as written."""
    canonical = b'{"a":[1,2.50,"x<y&\xc3\xa9"],"b":{"c":null,"d":true}}'
    pretty = b'{ "b": {"d": true, "c": null},\n  "a": [1, 2.50, "x<y&\\u00e9"] }'
    assert file_hash("data.json", pretty) == hashlib.sha256(canonical).hexdigest()
    assert file_hash(".manifest", pretty) == hashlib.sha256(canonical).hexdigest()
    assert file_hash("spbe/pack.json", pretty) == hashlib.sha256(pretty).hexdigest()  # not structured for OPA


def test_building_a_signed_bundle_twice_gives_identical_bytes(
    tmp_path: Path, tiny_policies: Path, registry_file: Path, keys: tuple[Path, Path]
) -> None:
    outputs = [tmp_path / f"{i}.tar.gz" for i in range(2)]
    for output in outputs:
        assert (
            invoke(
                "bundle",
                "build",
                "--output",
                str(output),
                "--policies",
                str(tiny_policies),
                "--registry",
                str(registry_file),
                "--signing-key",
                str(keys[0]),
            ).exit_code
            == 0
        )
    assert outputs[0].read_bytes() == outputs[1].read_bytes()  # RS256 (PKCS#1 v1.5) is deterministic


def test_ec_keys_and_algorithm_option(tmp_path: Path, tiny_policies: Path, registry_file: Path) -> None:
    private, public = write_keys(tmp_path, "ec", ec.generate_private_key(ec.SECP256R1()))
    output = tmp_path / "ec.tar.gz"
    result = invoke(
        "bundle",
        "build",
        "--output",
        str(output),
        "--policies",
        str(tiny_policies),
        "--registry",
        str(registry_file),
        "--signing-key",
        str(private),
        "--signing-alg",
        "ES256",
        "--signing-key-id",
        "kemenpanrb-2026",
    )
    assert result.exit_code == 0, result.output
    verified = invoke(
        "bundle", "verify", str(output), "--verification-key", str(public), "--verification-key-id", "kemenpanrb-2026"
    )
    assert verified.exit_code == 0 and "key id kemenpanrb-2026" in verified.output
    wrong_alg = invoke(
        "bundle",
        "build",
        "--output",
        str(output),
        "--policies",
        str(tiny_policies),
        "--registry",
        str(registry_file),
        "--signing-key",
        str(private),
        "--signing-alg",
        "RS256",
    )
    assert wrong_alg.exit_code == 2 and "does not fit this key" in wrong_alg.output


# --- verify and judge ------------------------------------------------------------------------------


def test_verify_accepts_the_right_key(signed_bundle: Path, keys: tuple[Path, Path]) -> None:
    result = invoke("bundle", "verify", str(signed_bundle), "--verification-key", str(keys[1]))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"verified {signed_bundle}: revision sha256:")


def test_a_verified_bundle_judges_like_its_policy_folder(
    signed_bundle: Path, keys: tuple[Path, Path], registry_file: Path, manifest: Path, tiny_policies: Path
) -> None:
    from_bundle = judge(signed_bundle, registry_file, manifest, keys[1])
    from_folder = invoke(
        "check", str(manifest), "--policies", str(tiny_policies), "--registry", str(registry_file), "--format", "json"
    )
    assert from_bundle.exit_code == from_folder.exit_code == 1
    bundle_report, folder_report = json.loads(from_bundle.stdout), json.loads(from_folder.stdout)
    assert bundle_report["policyRevision"] == folder_report["policyRevision"]
    assert bundle_report["results"][0]["violations"] == folder_report["results"][0]["violations"]


def test_unsigned_bundle_without_a_key_is_used_and_with_a_key_is_refused(
    tmp_path: Path, tiny_policies: Path, registry_file: Path, manifest: Path, keys: tuple[Path, Path]
) -> None:
    unsigned = tmp_path / "unsigned.tar.gz"
    assert (
        invoke(
            "bundle",
            "build",
            "--output",
            str(unsigned),
            "--policies",
            str(tiny_policies),
            "--registry",
            str(registry_file),
        ).exit_code
        == 0
    )
    assert judge(unsigned, registry_file, manifest, None).exit_code == 1
    refused = judge(unsigned, registry_file, manifest, keys[1])
    assert refused.exit_code == 2 and "is not signed" in refused.output and refused.stdout.count("{") == 0


def test_a_folder_with_a_verification_key_is_refused(
    tiny_policies: Path, registry_file: Path, manifest: Path, keys: tuple[Path, Path]
) -> None:
    result = judge(tiny_policies, registry_file, manifest, keys[1])
    assert result.exit_code == 2 and "carries no signature" in result.output


def test_wrong_key_is_refused_and_nothing_is_judged(
    tmp_path: Path, signed_bundle: Path, registry_file: Path, manifest: Path
) -> None:
    _, other = write_keys(tmp_path, "other", rsa.generate_private_key(public_exponent=65537, key_size=2048))
    result = judge(signed_bundle, registry_file, manifest, other)
    assert result.exit_code == 2 and "does not verify with this key" in result.output
    assert "FAIL" not in result.output and '"results"' not in result.output
    assert invoke("bundle", "verify", str(signed_bundle), "--verification-key", str(other)).exit_code == 2


def tampered(signed_bundle: Path, target: Path, change: str) -> Path:
    files = members(signed_bundle)
    rego = next(name for name in files if name.endswith(".rego"))
    if change == "policy":
        files[rego] = files[rego].replace(b"deny contains", b"warn contains")
    elif change == "extra file":
        files["/spbe/backdoor.rego"] = b"package spbe.backdoor\n"
    elif change == "missing file":
        del files[rego]
    elif change == "other signature":
        document = json.loads(files["/.signatures.json"])
        header, payload, sig = document["signatures"][0].split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
        claims["files"] = claims["files"][:1]
        forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
        files["/.signatures.json"] = json.dumps({"signatures": [f"{header}.{forged}.{sig}"]}).encode()
    elif change == "two signatures":
        document = json.loads(files["/.signatures.json"])
        files["/.signatures.json"] = json.dumps({"signatures": document["signatures"] * 2}).encode()
    elif change == "malformed signatures":
        files["/.signatures.json"] = b"{not json"
    return repack(sorted(files.items()), target)


@pytest.mark.parametrize(
    "change, says",
    [
        ("policy", "does not match its signed hash"),
        ("extra file", "covers other files"),
        ("missing file", "covers other files"),
        ("other signature", "does not verify with this key"),
        ("two signatures", "malformed"),
        ("malformed signatures", "malformed"),
    ],
)
def test_tampered_bundles_are_exit_2(
    tmp_path: Path,
    signed_bundle: Path,
    keys: tuple[Path, Path],
    registry_file: Path,
    manifest: Path,
    change: str,
    says: str,
) -> None:
    bundle = tampered(signed_bundle, tmp_path / "tampered.tar.gz", change)
    result = judge(bundle, registry_file, manifest, keys[1])
    assert result.exit_code == 2, result.output
    assert says in result.output and '"results"' not in result.output
    assert invoke("bundle", "verify", str(bundle), "--verification-key", str(keys[1])).exit_code == 2


# --- keys ----------------------------------------------------------------------------------------


def certificate(key: Any, not_before: dt.datetime, not_after: dt.datetime) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Policy authority (test)")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def test_a_valid_certificate_verifies_and_an_expired_one_is_refused(
    tmp_path: Path, signed_bundle: Path, rsa_key: Any
) -> None:
    now = dt.datetime.now(dt.UTC)
    valid = tmp_path / "valid.crt"
    valid.write_bytes(certificate(rsa_key, now - dt.timedelta(days=1), now + dt.timedelta(days=365)))
    assert invoke("bundle", "verify", str(signed_bundle), "--verification-key", str(valid)).exit_code == 0
    expired = tmp_path / "expired.crt"
    expired.write_bytes(certificate(rsa_key, now - dt.timedelta(days=400), now - dt.timedelta(days=35)))
    result = invoke("bundle", "verify", str(signed_bundle), "--verification-key", str(expired))
    assert result.exit_code == 2 and "not valid now" in result.output


@pytest.mark.parametrize(
    "content, says",
    [
        (b"not a key at all", "not a PEM file"),
        (b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "not a usable public key"),
    ],
)
def test_malformed_keys_are_exit_2(tmp_path: Path, signed_bundle: Path, content: bytes, says: str) -> None:
    key = tmp_path / "bad.pem"
    key.write_bytes(content)
    result = invoke("bundle", "verify", str(signed_bundle), "--verification-key", str(key))
    assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output


def test_a_malformed_signing_key_is_exit_2(tmp_path: Path, tiny_policies: Path, registry_file: Path) -> None:
    key = tmp_path / "bad.pem"
    key.write_bytes(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    result = invoke(
        "bundle",
        "build",
        "--output",
        str(tmp_path / "b.tar.gz"),
        "--policies",
        str(tiny_policies),
        "--registry",
        str(registry_file),
        "--signing-key",
        str(key),
    )
    assert result.exit_code == 2 and "not a usable private key" in result.output
    assert not (tmp_path / "b.tar.gz").exists()


# --- hostile archives ------------------------------------------------------------------------------


MANIFEST = b'{"revision":"r1","roots":["spbe"]}'
POLICY = b"package spbe.demo\n\nimport rego.v1\n\ndeny contains 1 if false\n"


@pytest.mark.parametrize(
    "entries, kinds, says",
    [
        ([(".manifest", MANIFEST), ("../escape.rego", POLICY)], None, "unsafe path"),
        ([(".manifest", MANIFEST), ("/spbe/../../escape.rego", POLICY)], None, "unsafe path"),
        ([(".manifest", MANIFEST), ("spbe\\evil.rego", POLICY)], None, "unsafe path"),
        ([(".manifest", MANIFEST), ("spbe/link.rego", b"")], {"spbe/link.rego": tarfile.SYMTYPE}, "is a link"),
        ([(".manifest", MANIFEST), ("spbe/hard.rego", b"")], {"spbe/hard.rego": tarfile.LNKTYPE}, "is a link"),
        ([(".manifest", MANIFEST), ("spbe/fifo", b"")], {"spbe/fifo": tarfile.FIFOTYPE}, "not a regular file"),
        ([(".manifest", MANIFEST), ("spbe/a.rego", POLICY), ("/spbe/a.rego", POLICY)], None, "appears twice"),
        ([("spbe/a.rego", POLICY)], None, "no .manifest"),
    ],
)
def test_hostile_bundles_are_exit_2_and_nothing_is_written(
    tmp_path: Path,
    registry_file: Path,
    manifest: Path,
    entries: list[tuple[str, bytes]],
    kinds: dict[str, bytes] | None,
    says: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("SPBE_CHECK_CACHE_DIR", str(cache))
    bundle = repack(entries, tmp_path / "work" / "hostile.tar.gz", kinds)
    result = judge(bundle, registry_file, manifest, None)
    assert result.exit_code == 2, result.output
    assert says in result.output and '"results"' not in result.output
    assert not (tmp_path / "escape.rego").exists() and not (tmp_path / "work" / "escape.rego").exists()
    assert not (cache / "bundles").exists() or not any((cache / "bundles").iterdir())


def test_a_huge_member_is_refused_without_reading_it(
    tmp_path: Path, registry_file: Path, manifest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checker.bundle.reader.MAX_MEMBER_BYTES", 1024)
    bundle = repack(
        [(".manifest", MANIFEST), ("spbe/big/data.json", b"[" + b"0," * 2000 + b"0]")], tmp_path / "big.tar.gz"
    )
    result = judge(bundle, registry_file, manifest, None)
    assert result.exit_code == 2 and "is 4003 bytes, over the 1024-byte limit" in result.output


def test_a_gzip_bomb_is_refused(
    tmp_path: Path, registry_file: Path, manifest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checker.bundle.reader.MAX_BUNDLE_BYTES", 64 * 1024)
    bundle = repack(
        [(".manifest", MANIFEST), ("spbe/zeros/data.json", b'{"z":"' + b"0" * 200_000 + b'"}')],
        tmp_path / "bomb.tar.gz",
    )
    result = judge(bundle, registry_file, manifest, None)
    assert result.exit_code == 2 and "decompresses to more than" in result.output


def test_not_a_tarball_is_exit_2(tmp_path: Path, registry_file: Path, manifest: Path) -> None:
    bundle = tmp_path / "junk.tar.gz"
    bundle.write_bytes(b"PK\x03\x04 not a tar")
    result = judge(bundle, registry_file, manifest, None)
    assert result.exit_code == 2 and "not a gzip-compressed tar file" in result.output


def test_the_gate_reads_a_committed_bundle_from_the_base_revision(
    tmp_path: Path, signed_bundle: Path, keys: tuple[Path, Path], registry_file: Path
) -> None:
    """A pull request that replaces the committed bundle is judged with the base revision's (signed) one."""
    from git import Repo

    repo = Repo.init(tmp_path / "agency", initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test").set_value("user", "email", "test@example.invalid")
    root = Path(repo.working_tree_dir or "")
    (root / "policy").mkdir()
    (root / "policy" / "bundle.tar.gz").write_bytes(signed_bundle.read_bytes())
    repo.git.add(A=True)
    repo.git.commit("-m", "the authority's signed bundle")
    repo.git.checkout("-b", "pr")
    (root / "manifests").mkdir()
    (root / "manifests" / "parkir.yaml").write_text(FAILING, encoding="utf-8")
    tampered(signed_bundle, root / "policy" / "bundle.tar.gz", "policy")  # the PR weakens the rules
    repo.git.add(A=True)
    repo.git.commit("-m", "propose, with a weaker bundle")
    args = [
        "ci",
        "--base",
        "main",
        "--repo",
        str(root),
        "--no-post",
        "--format",
        "json",
        "--policies",
        str(root / "policy" / "bundle.tar.gz"),
        "--registry",
        str(registry_file),
    ]
    result = CliRunner().invoke(
        main, [*args, "--verification-key", str(keys[1])], env={"GITHUB_EVENT_NAME": None, "GITHUB_TOKEN": None}
    )
    assert result.exit_code == 1, result.output  # judged (and failed) with the base's intact, signed bundle
    assert {v["severity"] for v in json.loads(result.stdout)["results"][0]["violations"]} == {"deny"}


def test_settings_file_names_the_signed_bundle_and_its_key(
    tmp_path: Path,
    signed_bundle: Path,
    keys: tuple[Path, Path],
    registry_file: Path,
    manifest: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The agency's usual setup: `.spbe-check.yaml` with the bundle and the key, paths relative to the file."""
    folder = tmp_path / "agency"
    (folder / "keys").mkdir(parents=True)
    (folder / "keys" / "authority.pub.pem").write_bytes(keys[1].read_bytes())
    (folder / "bundle.tar.gz").write_bytes(signed_bundle.read_bytes())
    (folder / ".spbe-check.yaml").write_text(
        f"policies: bundle.tar.gz\nverification-key: keys/authority.pub.pem\nregistry: {registry_file}\nformat: json\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(folder)
    result = invoke("check", str(manifest))
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["results"][0]["verdict"] == "fail"
    (folder / "keys" / "authority.pub.pem").write_bytes(
        write_keys(tmp_path, "other", ec.generate_private_key(ec.SECP256R1()))[1].read_bytes()
    )
    refused = invoke("check", str(manifest))
    assert refused.exit_code == 2 and "does not verify with this key" in refused.output


def test_the_gate_takes_the_verification_key_from_the_base_revision(
    tmp_path: Path, signed_bundle: Path, keys: tuple[Path, Path], registry_file: Path, tiny_policies: Path
) -> None:
    """A pull request that swaps the committed public key for its own cannot get its own bundle accepted."""
    from git import Repo

    repo = Repo.init(tmp_path / "agency", initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test").set_value("user", "email", "test@example.invalid")
    root = Path(repo.working_tree_dir or "")
    (root / "keys").mkdir()
    (root / "keys" / "authority.pub.pem").write_bytes(keys[1].read_bytes())
    repo.git.add(A=True)
    repo.git.commit("-m", "the authority's public key")
    repo.git.checkout("-b", "pr")
    attacker_private, attacker_public = write_keys(tmp_path, "attacker", rsa.generate_private_key(65537, 2048))
    (root / "keys" / "authority.pub.pem").write_bytes(attacker_public.read_bytes())
    (root / "manifests").mkdir()
    (root / "manifests" / "parkir.yaml").write_text(FAILING, encoding="utf-8")
    repo.git.add(A=True)
    repo.git.commit("-m", "propose, with my own key")
    forged = tmp_path / "forged.tar.gz"
    assert (
        invoke(
            "bundle",
            "build",
            "--output",
            str(forged),
            "--policies",
            str(tiny_policies),
            "--registry",
            str(registry_file),
            "--signing-key",
            str(attacker_private),
        ).exit_code
        == 0
    )
    result = CliRunner().invoke(
        main,
        [
            "ci",
            "--base",
            "main",
            "--repo",
            str(root),
            "--no-post",
            "--format",
            "json",
            "--policies",
            str(forged),
            "--registry",
            str(registry_file),
            "--verification-key",
            str(root / "keys" / "authority.pub.pem"),
        ],
        env={"GITHUB_EVENT_NAME": None, "GITHUB_TOKEN": None},
    )
    assert result.exit_code == 2 and "does not verify with this key" in result.output


def test_pack_declarations_in_the_manifest_are_restored_when_unpacking(tmp_path: Path) -> None:
    """A bundle carries its pack declarations in `.manifest` metadata; the unpacked folder gets them back
    as `<pack path>/pack.json` (and a name that is not a package path is never turned into a path)."""
    from checker.bundle.reader import open_bundle, policy_folder

    declaration = {"pack": "spbe", "packages": ["spbe.demo"], "rules": ["SPBE-MOR-901"], "data": []}
    manifest = json.dumps(
        {
            "revision": "r1",
            "roots": ["spbe"],
            "metadata": {"packs": [declaration, {"pack": "../../escape", "packages": []}]},
        }
    ).encode()
    bundle = repack([(".manifest", manifest), ("spbe/demo.rego", POLICY)], tmp_path / "b.tar.gz")
    folder = policy_folder(open_bundle(bundle.read_bytes(), "b"), tmp_path / "cache")
    assert json.loads((folder / "spbe" / "pack.json").read_text(encoding="utf-8")) == declaration
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "spbe/demo.rego",
        "spbe/pack.json",
    ]
    assert not (tmp_path / "escape").exists()
