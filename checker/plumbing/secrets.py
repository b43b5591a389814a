"""Secrets never reach output: the one scrubbing function for every message, log, comment and report.

What is masked (with `***`): the secrets a caller names (the GitHub, GitLab or OPA token, in
plain and URL-encoded form); the user-information part of any URL
(`https://user:password@host`); URL query parameters whose name says token, signature, key,
secret, password or credential (`?access_token=`, `?sig=` of an Azure SAS,
`X-Amz-Signature`, `X-Goog-Credential`...); the value of an `Authorization` header,
`Bearer`/`Basic` credentials, `token: value` pairs (`PRIVATE-TOKEN: ...`); and anything
shaped like a GitHub or GitLab token. Masking more than needed is harmless; printing a
credential once is not.
"""

from __future__ import annotations

import re
import urllib.parse

MASK = "***"

# ":\u200b//": Markdown output breaks autolinks with a zero-width space; the credential is still there.
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]{0,31}:\u200b?//)[^/\s?#@\"'<>]*(?:@[^/\s?#@\"'<>]*)*@")
_SECRET_PARAMETER = re.compile(
    r"(?i)([?&;][a-z0-9_.\-]{0,64}?(?:token|sig|signature|secret|password|passwd|pwd|key|credential|auth)[a-z0-9_.\-]{0,64}=)"
    r"[^&#\s\"'<>]+"
)
_GITHUB_TOKEN = re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|v1\.[0-9a-f]{40})\b")
_GITHUB_LEADS = ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "v1.")
_GITLAB_PREFIXES = ("glpat", "gldt", "glrt", "glcbt", "glptt", "glft", "glimt", "glagent", "glsoat", "gloas")
_GITLAB_LEADS = tuple(f"{prefix}-" for prefix in _GITLAB_PREFIXES)
_GITLAB_TOKEN = re.compile(r"\b(?:" + "|".join(_GITLAB_PREFIXES) + r")-[A-Za-z0-9_.-]{16,}\b")
_AUTHORIZATION = re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?(?:(?:bearer|token|basic)\s+)?)[^\s\"',}]+")
_SCHEME_CREDENTIALS = re.compile(r"(?i)(\b(?:bearer|basic)\s+)[A-Za-z0-9\-._~+/]{8,}=*")
_TOKEN_PAIR = re.compile(r"(?i)(token[\"']?\s*[:=]\s*[\"']?)[^\s\"',}&]{8,}")


def scrub(text: str, *secrets: str | None) -> str:
    """`text` with the named secrets and anything credential-shaped masked (see the module docstring).

    Each pattern runs only when the text holds a literal it cannot match without: a batch's
    5 MB JSON report was scanned seven times (half a second) for credentials it did not hold.
    The case-blind literals are looked up in the text case-folded as `re.IGNORECASE` matches
    them (U+0131, the dotless i, matches "i" there), so a skipped pattern could never have matched.
    """
    for secret in secrets:
        if secret and len(secret) >= 4:
            for form in {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret)}:
                text = text.replace(form, MASK)
    folded = text.casefold().replace("\u0131", "i")
    if "@" in text:
        text = _URL_USERINFO.sub(lambda m: f"{m.group(1)}{MASK}@", text)
    if "=" in text:
        text = _SECRET_PARAMETER.sub(lambda m: m.group(1) + MASK, text)
    # "gh"/"gl" first: one scan of the text instead of one per lead when neither occurs.
    if ("gh" in text or "v1." in text) and any(lead in text for lead in _GITHUB_LEADS):
        text = _GITHUB_TOKEN.sub(MASK, text)
    if "gl" in text and any(lead in text for lead in _GITLAB_LEADS):
        text = _GITLAB_TOKEN.sub(MASK, text)
    if "authorization" in folded:
        text = _AUTHORIZATION.sub(lambda m: m.group(1) + MASK, text)
    if "bearer" in folded or "basic" in folded:
        text = _SCHEME_CREDENTIALS.sub(lambda m: m.group(1) + MASK, text)
    if "token" in folded:
        text = _TOKEN_PAIR.sub(lambda m: m.group(1) + MASK, text)
    return text
