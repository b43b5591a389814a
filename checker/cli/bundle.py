"""`spbe-check bundle build` and `bundle verify`: OPA bundles of the policies (checker/bundle/build.py, reader.py)."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli.options import fail_closed, lang_option, policies_option, registry_option
from checker.model import Lang, Text


@click.group("bundle")
def bundle_group() -> None:
    """OPA policy bundles for a central decision service (--engine opa)."""


@bundle_group.command("build")
@click.option("--output", type=click.Path(path_type=Path), required=True, help="Where to write the bundle (.tar.gz).")
@policies_option
@registry_option
@click.option(
    "--revision",
    default=None,
    help="Bundle revision [default: the policies' content revision, which --engine opa expects].",
)
@click.option(
    "--signing-key",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="PEM private key (RSA or EC): sign the bundle in OPA's format (.signatures.json).",
)
@click.option(
    "--signing-alg",
    type=click.Choice(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]),
    default="RS256",
    show_default=True,
    help="JWT algorithm of the signature, as OPA names it.",
)
@click.option(
    "--signing-key-id",
    default="default",
    show_default=True,
    help="Key id recorded in the signature (the key's name in OPA's `keys:` configuration).",
)
@fail_closed
def bundle_build(
    output: Path,
    policies: Path,
    registry: str,
    revision: str | None,
    signing_key: Path | None,
    signing_alg: str,
    signing_key_id: str,
) -> int:
    """Build a reproducible OPA bundle: the policies plus one data.json (config and registry index), optionally signed."""
    from checker.bundle.build import Signer, write_bundle
    from checker.bundle.signing import load_signing_key

    signer = Signer(load_signing_key(signing_key), signing_alg, signing_key_id) if signing_key else None
    info = write_bundle(output, policies, registry, revision, signer)
    click.echo(
        f"wrote {info.path}: revision {info.revision}, {info.modules} policy modules, "
        f"{info.size} bytes, sha256 {info.sha256}"
        + (f", signed ({signing_alg}, key id {signing_key_id})" if signer else ", unsigned")
    )
    return 0


@bundle_group.command("verify")
@click.argument("bundle_path", metavar="BUNDLE", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--verification-key",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    envvar="SPBE_CHECK_VERIFICATION_KEY",
    help="PEM public key or X.509 certificate of the signer.",
)
@click.option("--verification-key-id", default=None, help="Key id the signature must name [default: any].")
@lang_option
@fail_closed
def bundle_verify(bundle_path: Path, verification_key: Path, verification_key_id: str | None, lang: Lang) -> int:
    """Verify a bundle's OPA signature: every file signed with this key, nothing added, removed or changed."""
    from checker.bundle.reader import open_bundle
    from checker.bundle.signing import load_verification_key
    from checker.bundle.source import read_bundle_file

    bundle = open_bundle(
        read_bundle_file(bundle_path), str(bundle_path), load_verification_key(verification_key), verification_key_id
    )
    click.echo(
        Text(
            f"verified {bundle_path}: revision {bundle.revision}, {len(bundle.files) - 1} files signed "
            f"with key id {bundle.signed_by}, sha256 {bundle.sha256}",
            f"terverifikasi {bundle_path}: revisi {bundle.revision}, {len(bundle.files) - 1} berkas "
            f"ditandatangani dengan id kunci {bundle.signed_by}, sha256 {bundle.sha256}",
        ).get(lang)
    )
    return 0
