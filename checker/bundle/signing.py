"""OPA bundle signatures: `.signatures.json` exactly as `opa build --signing-key` writes it.

`{"signatures": ["<JWT>"]}`, one JWT whose payload lists every other file of the bundle
with its hash: `{"files": [{"name": ".manifest", "hash": "<hex>", "algorithm":
"SHA-256"}, ...], "keyid": "default"}`, the key id also in the header's `kid`. As in
OPA (bundle/hash.go, verify.go), `data.json`, `data.yaml` and `.manifest` are hashed in
canonical form (parsed, keys sorted, no spaces, numbers as written, strings as Go's
encoder writes them), every other file byte for byte, so OPA verifies the same bundle
with the same public key (`keys:` and the bundle's `signing` block in
deploy/opa-config.yaml).

Asymmetric keys only (RS*, PS*, ES*): the public key a national authority hands every
agency cannot then be misused as an HMAC secret. Verification fails closed on anything
short of "signed by this key, over exactly these files with these hashes".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from checker.errors import CannotJudge
from checker.model import Text

SIGNATURES_NAME = ".signatures.json"
MANIFEST_NAME = ".manifest"
DEFAULT_ALG = "RS256"
DEFAULT_KEY_ID = "default"  # OPA's default for --verification-key-id and the config's key name
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
_HASHES = {
    "SHA-256": "sha256",
    "SHA-384": "sha384",
    "SHA-512": "sha512",
    "SHA-224": "sha224",
    "SHA-512-224": "sha512_224",
    "SHA-512-256": "sha512_256",
    "SHA-1": "sha1",
    "MD5": "md5",
}
MAX_KEY_BYTES = 64 * 1024
# The files OPA hashes in canonical form (its IsStructuredDoc); every other file byte for byte.
STRUCTURED = ("data.json", MANIFEST_NAME, SIGNATURES_NAME)


def _bad(en: str, id_: str) -> CannotJudge:
    return CannotJudge(Text(en, id_))


class _Number(str):
    """A JSON number kept as written, as Go's json.Number keeps it."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _go_string(value: str) -> str:
    """A string as OPA's hasher writes it (Go's encoder, HTML escaping off): UTF-8, U+2028/U+2029 escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _canonical(value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        out.append("{")
        for i, key in enumerate(sorted(value)):
            if i:
                out.append(",")
            out.append(_go_string(key))
            out.append(":")
            _canonical(value[key], out)
        out.append("}")
    elif isinstance(value, list):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _canonical(item, out)
        out.append("]")
    elif isinstance(value, _Number):
        out.append(str(value))
    elif isinstance(value, str):
        out.append(_go_string(value))
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif value is None:
        out.append("null")
    else:  # pragma: no cover - json.loads gives nothing else with the hooks below
        raise TypeError(type(value).__name__)


def file_hash(name: str, content: bytes, algorithm: str = "SHA-256") -> str:
    """The hex digest OPA records for bundle file `name` (canonical JSON for .json and .manifest)."""
    digest = hashlib.new(_HASHES[algorithm])
    base = name.rsplit("/", 1)[-1]
    if base == "data.yaml":
        return _yaml_hash(name, content, digest)
    if base in STRUCTURED:
        try:
            parsed = json.loads(
                content.decode("utf-8"), parse_int=_Number, parse_float=_Number, parse_constant=_no_constant
            )
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _bad(
                f"Bundle file {name} is not valid JSON, so it cannot be hashed as OPA does.",
                f"Berkas bundle {name} bukan JSON yang sah, sehingga tidak dapat di-hash seperti OPA.",
            ) from None
        return _canonical_digest(parsed, digest)
    digest.update(content)
    return digest.hexdigest()


def _yaml_hash(name: str, content: bytes, digest: Any) -> str:
    from checker.plumbing.yamlsafe import YamlError, decode_utf8, parse_yaml

    try:
        parsed = json.loads(
            json.dumps(parse_yaml(decode_utf8(content), track_positions=False).data),
            parse_int=_Number,
            parse_float=_Number,
        )
    except (YamlError, TypeError, ValueError):
        raise _bad(
            f"Bundle file {name} is not valid YAML, so it cannot be hashed as OPA does.",
            f"Berkas bundle {name} bukan YAML yang sah, sehingga tidak dapat di-hash seperti OPA.",
        ) from None
    return _canonical_digest(parsed, digest)


def _canonical_digest(parsed: Any, digest: Any) -> str:
    """The hex digest of a parsed document in OPA's canonical JSON form."""
    out: list[str] = []
    _canonical(parsed, out)
    digest.update("".join(out).encode("utf-8"))
    return str(digest.hexdigest())


def _read_key_file(path: Path, what: str) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise _bad(
            f"Cannot read the {what} {path}: {err.strerror or err}.",
            f"{what.capitalize()} {path} tidak dapat dibaca: {err.strerror or err}.",
        ) from None
    if len(raw) > MAX_KEY_BYTES or b"-----BEGIN" not in raw:
        raise _bad(
            f"The {what} {path} is not a PEM file (-----BEGIN ...).",
            f"{what.capitalize()} {path} bukan berkas PEM (-----BEGIN ...).",
        )
    return raw


def load_signing_key(path: Path) -> Any:
    """A private RSA or EC key from a PEM file (unencrypted, as `opa build --signing-key` takes it)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    raw = _read_key_file(path, "signing key")
    try:
        key = serialization.load_pem_private_key(raw, password=None)
    except (ValueError, TypeError) as err:
        raise _bad(
            f"The signing key {path} is not a usable private key ({err}). Give an unencrypted RSA or EC "
            "private key in PEM form.",
            f"Kunci penandatanganan {path} bukan kunci privat yang dapat dipakai ({err}). Berikan kunci privat "
            "RSA atau EC tanpa enkripsi dalam bentuk PEM.",
        ) from None
    if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise _bad(
            f"The signing key {path} is neither RSA nor EC.", f"Kunci penandatanganan {path} bukan RSA maupun EC."
        )
    return key


def load_verification_key(path: Path, today: dt.datetime | None = None) -> Any:
    """A public RSA or EC key from a PEM public key, or from an X.509 certificate that is valid now."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes

    raw = _read_key_file(path, "verification key")
    key: PublicKeyTypes
    try:
        if b"-----BEGIN CERTIFICATE-----" in raw:
            cert = x509.load_pem_x509_certificate(raw)
            now = today or dt.datetime.now(dt.UTC)
            if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
                raise _bad(
                    f"The verification certificate {path} is not valid now (valid {cert.not_valid_before_utc:%Y-%m-%d} "
                    f"to {cert.not_valid_after_utc:%Y-%m-%d}); ask the bundle's publisher for the current one.",
                    f"Sertifikat verifikasi {path} tidak berlaku saat ini (berlaku {cert.not_valid_before_utc:%Y-%m-%d} "
                    f"s.d. {cert.not_valid_after_utc:%Y-%m-%d}); minta yang berlaku kepada penerbit bundle.",
                )
            key = cert.public_key()
        else:
            key = serialization.load_pem_public_key(raw)
    except ValueError as err:
        raise _bad(
            f"The verification key {path} is not a usable public key or certificate ({err}).",
            f"Kunci verifikasi {path} bukan kunci publik atau sertifikat yang dapat dipakai ({err}).",
        ) from None
    if not isinstance(key, (rsa.RSAPublicKey, ec.EllipticCurvePublicKey)):
        raise _bad(
            f"The verification key {path} is neither RSA nor EC.", f"Kunci verifikasi {path} bukan RSA maupun EC."
        )
    return key


def _algorithms_for(key: Any) -> list[str]:
    from cryptography.hazmat.primitives.asymmetric import ec

    family = ("ES",) if isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)) else ("RS", "PS")
    return [alg for alg in ALGORITHMS if alg.startswith(family)]


def sign_files(
    files: Mapping[str, bytes], key: Any, algorithm: str = DEFAULT_ALG, key_id: str = DEFAULT_KEY_ID
) -> bytes:
    """The `.signatures.json` bytes for the bundle `files` (name -> content, no leading slash)."""
    import jwt

    if algorithm not in _algorithms_for(key):
        raise _bad(
            f"--signing-alg {algorithm} does not fit this key; use one of {', '.join(_algorithms_for(key))}.",
            f"--signing-alg {algorithm} tidak cocok dengan kunci ini; gunakan salah satu dari {', '.join(_algorithms_for(key))}.",
        )
    entries = [
        {"name": name, "hash": file_hash(name, content), "algorithm": "SHA-256"}
        for name, content in sorted(files.items())
        if name != SIGNATURES_NAME
    ]
    token = jwt.encode({"files": entries, "keyid": key_id}, key, algorithm=algorithm, headers={"kid": key_id})
    return json.dumps({"signatures": [token]}, separators=(",", ":")).encode("utf-8")


def verify_files(
    files: Mapping[str, bytes], key: Any, key_id: str | None = None, label: str = "the bundle"
) -> dict[str, Any]:
    """Check `.signatures.json` against every other file; the JWT payload, or CannotJudge saying what is wrong."""
    import jwt

    if SIGNATURES_NAME not in files:
        raise _bad(
            f"{label} is not signed (no {SIGNATURES_NAME}); a verification key was given, so it is refused. "
            "Sign it with `spbe-check bundle build --signing-key` or `opa build --signing-key`.",
            f"{label} tidak ditandatangani (tidak ada {SIGNATURES_NAME}); kunci verifikasi diberikan, jadi ditolak. "
            "Tandatangani dengan `spbe-check bundle build --signing-key` atau `opa build --signing-key`.",
        )
    try:
        document = json.loads(files[SIGNATURES_NAME].decode("utf-8"))
        tokens = document["signatures"]
        if not isinstance(tokens, list) or len(tokens) != 1 or not isinstance(tokens[0], str):
            raise ValueError("exactly one signature is expected")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as err:
        raise _bad(
            f"{label}: {SIGNATURES_NAME} is malformed ({err}).", f"{label}: {SIGNATURES_NAME} rusak ({err})."
        ) from None
    try:
        payload = jwt.decode(tokens[0], key, algorithms=_algorithms_for(key), options={"require": []})
    except jwt.PyJWTError as err:
        raise _bad(
            f"{label}: the signature does not verify with this key ({err}); the bundle was changed or signed "
            "by someone else. Nothing was judged.",
            f"{label}: tanda tangan tidak terverifikasi dengan kunci ini ({err}); bundle telah diubah atau "
            "ditandatangani pihak lain. Tidak ada yang dinilai.",
        ) from None
    signer = jwt.get_unverified_header(tokens[0]).get("kid") or payload.get("keyid")  # OPA's order
    if key_id is not None and signer != key_id:
        raise _bad(
            f"{label}: signed with key id {signer!r}, expected {key_id!r}.",
            f"{label}: ditandatangani dengan id kunci {signer!r}, seharusnya {key_id!r}.",
        )
    payload["keyid"] = signer
    listed = payload.get("files")
    if not isinstance(listed, list) or not all(isinstance(f, dict) for f in listed):
        raise _bad(
            f"{label}: the signature's payload has no file list.",
            f"{label}: muatan tanda tangan tidak memuat daftar berkas.",
        )
    signed: dict[str, dict[str, Any]] = {}
    for entry in listed:
        name = str(entry.get("name", "")).lstrip("/")
        if name in signed:
            raise _bad(
                f"{label}: the signature lists {name} twice.", f"{label}: tanda tangan mencantumkan {name} dua kali."
            )
        signed[name] = entry
    present = {name for name in files if name != SIGNATURES_NAME}
    if present - set(signed) or set(signed) - present:
        unsigned, missing = sorted(present - set(signed)), sorted(set(signed) - present)
        raise _bad(
            f"{label}: the signature covers other files (not signed: {unsigned or 'none'}; signed but absent: "
            f"{missing or 'none'}). Nothing was judged.",
            f"{label}: tanda tangan mencakup berkas lain (tidak ditandatangani: {unsigned or 'tidak ada'}; "
            f"ditandatangani tetapi tidak ada: {missing or 'tidak ada'}). Tidak ada yang dinilai.",
        )
    for name in sorted(present):
        algorithm = str(signed[name].get("algorithm", "SHA-256"))
        if algorithm not in _HASHES:
            raise _bad(
                f"{label}: {name} is hashed with unsupported algorithm {algorithm!r}.",
                f"{label}: {name} di-hash dengan algoritme {algorithm!r} yang tidak didukung.",
            )
        if file_hash(name, files[name], algorithm) != signed[name].get("hash"):
            raise _bad(
                f"{label}: {name} does not match its signed hash: the bundle was changed after signing. "
                "Nothing was judged.",
                f"{label}: {name} tidak cocok dengan hash yang ditandatangani: bundle diubah setelah "
                "ditandatangani. Tidak ada yang dinilai.",
            )
    return payload
