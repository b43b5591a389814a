"""The OPA engine: the same policies judged by a running OPA server, over OPA's REST API.

Two modes. `push` (development) uploads every policy module and the data, then
queries. `bundle` (production, the default) uploads nothing: the server already
serves a bundle built by `spbe-check bundle build`, and before trusting any
answer we check that the bundle's revision is the one expected and that it
indexes the same registry revision as ours.

HTTP goes through opa-python-client. What this module adds is what a gate needs
around it: bounded retries with backoff for transient faults only, and every
failure turned into CannotJudge (exit 2) naming the server and what to fix. The
bearer token never appears in a message.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any, TypeVar

import requests
import urllib3
from opa_client import OpaClient
from opa_client.errors import (
    ConnectionsError,
    DeleteDataError,
    DeletePolicyError,
    PatchDataError,
    PolicyNotFoundError,
    QueryExecuteError,
    RegoParseError,
    TypeException,
)

from checker.engine.interface import RawViolation, TestOutcome
from checker.engine.opa_settings import OpaSettings, check_settings
from checker.errors import CannotJudge
from checker.model import Text
from checker.plumbing import net
from checker.plumbing.secrets import scrub
from checker.policy.pack import parse_declaration
from checker.policy.policyset import PolicyFile, PolicySet

T = TypeVar("T")

POLICY_ID_PREFIX = "spbe-check/"  # push mode owns only the policy ids under this prefix
RETRY_STATUSES = frozenset({429, 502, 503, 504})  # transient: a proxy or an overloaded server
BACKOFF_BASE_SECONDS = 0.25
BACKOFF_CAP_SECONDS = 4.0
DATA_TIMEOUT_FACTOR = 6  # the registry index is megabytes: give its upload more time
BUNDLE_ROOT = "spbe"
MAX_ANSWER_BYTES = 64 * 1024 * 1024  # an OPA answer is a set of violations: far smaller than this

_CLIENT_ERRORS = (
    ConnectionsError,
    DeleteDataError,
    DeletePolicyError,
    PatchDataError,
    PolicyNotFoundError,
    QueryExecuteError,
    RegoParseError,
    TypeException,
)
_UNDEFINED = object()  # OPA answered 200 with no "result": the document is undefined


class OpaRejected(CannotJudge):
    """The server answered with an OPA error (`code` is OPA's error code, e.g. invalid_parameter)."""

    def __init__(self, message: Text, code: str):
        super().__init__(message)
        self.code = code


class OpaEngine:
    """Engine protocol over an OPA server (see checker.engine.interface)."""

    name = "opa"

    def __init__(self, settings: OpaSettings, sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.endpoint = check_settings(settings)
        self.url = self.endpoint.shown
        self._sleep = sleep
        verify: bool | str = str(settings.ca_cert) if settings.ca_cert else True
        # retries=0: the client's own urllib3 retries do not cover POST; we retry every call the same way below.
        self._client = OpaClient(
            host=self.endpoint.host,
            port=self.endpoint.port,
            ssl=verify if self.endpoint.https else False,
            token=settings.token or None,
            retries=0,
            timeout=settings.timeout,
        )
        self._client.root_url = f"{self.endpoint.base}/v1"  # keeps a reverse-proxy path prefix
        # A total deadline per request, redirects only on the same origin, JSON answers of bounded size.
        net.harden_session(self._client._session, max_bytes=MAX_ANSWER_BYTES, json_only=True)
        self.policy_revision: str | None = None
        self._queries: list[tuple[str, str]] = []
        self._tests: list[tuple[str, str]] = []
        self._loaded = False

    # -- Engine protocol -------------------------------------------------------------------------

    def load(self, policies: PolicySet, data: dict[str, Any] | str, *, with_tests: bool = False) -> None:
        """Push mode: upload policies and data. Bundle mode: check the server's bundle is ours."""
        document: dict[str, Any] = json.loads(data) if isinstance(data, str) else data
        bundle = self.settings.mode == "bundle"
        if bundle and with_tests:
            raise CannotJudge(
                Text(
                    "A policy bundle carries no tests: run the Rego tests with --opa-mode push against a development "
                    "server, or with `opa test policies/`.",
                    "Bundle kebijakan tidak memuat tes: jalankan tes Rego dengan --opa-mode push pada server "
                    "pengembangan, atau dengan `opa test policies/`.",
                )
            )
        try:
            with net.deadline(self.settings.timeout):
                healthy = self._client.check_health(
                    query={"bundles": "true"} if bundle else None, diagnostic_url=f"{self.endpoint.base}/health"
                )
        except net.NetError:
            healthy = False  # the API calls below say precisely what is wrong
        # The first API call says precisely why a server is unreachable or refuses us; health only says "not 200".
        if bundle:
            self.policy_revision = self._check_bundle(policies, document)
        else:
            existing = [
                i
                for i in self._call("GET /v1/policies", self._client.get_policies_list)
                if isinstance(i, str) and i.startswith(POLICY_ID_PREFIX)
            ]
        if not healthy:
            why = (
                Text(
                    "a configured bundle is not activated yet; see the server's log",
                    "ada bundle yang belum aktif; lihat log server",
                )
                if bundle
                else Text("see the server's log", "lihat log server")
            )
            raise CannotJudge(
                Text(
                    f"The OPA server at {self.url} answers its API but reports itself unhealthy "
                    f"(GET /health{'?bundles=true' if bundle else ''} did not return 200): {why.en}. Nothing was judged.",
                    f"Server OPA di {self.url} menjawab API-nya tetapi melaporkan dirinya tidak sehat "
                    f"(GET /health{'?bundles=true' if bundle else ''} tidak mengembalikan 200): {why.id}. "
                    f"Tidak ada yang dinilai.",
                )
            )
        if not bundle:
            self._push(policies, document, with_tests, existing)
            self.policy_revision = policies.revision
        self._queries = policies.judging_rules()
        self._tests = [(f.package, name) for f in policies.files for name in f.test_rules()] if with_tests else []
        self._loaded = True

    def evaluate(self, input_doc: dict[str, Any]) -> list[RawViolation]:
        """POST /v1/data/<package>/<deny|warn> {"input": ...} for every judging set."""
        self._require()
        out: list[RawViolation] = []
        for package, kind in self._queries:
            values = self._query(package, kind, input_doc)
            if values is _UNDEFINED:
                raise CannotJudge(
                    Text(
                        f"The OPA server at {self.url} does not define data.{package}.{kind}: it serves other policies "
                        f"than the local ones. Publish the bundle built from these policies (spbe-check bundle build), "
                        f"or use --opa-mode push on a development server. Nothing was judged.",
                        f"Server OPA di {self.url} tidak mendefinisikan data.{package}.{kind}: kebijakannya berbeda dari "
                        f"kebijakan lokal. Terbitkan bundle dari kebijakan ini (spbe-check bundle build), atau gunakan "
                        f"--opa-mode push pada server pengembangan. Tidak ada yang dinilai.",
                    )
                )
            if not isinstance(values, list):
                raise CannotJudge(
                    Text(
                        f"data.{package}.{kind} from the OPA server at {self.url} is not a set.",
                        f"data.{package}.{kind} dari server OPA di {self.url} bukan himpunan.",
                    )
                )
            out.extend(RawViolation(package, kind, v) for v in values)
        return out

    def run_tests(self) -> tuple[list[TestOutcome], dict[str, Any] | None]:
        """Evaluate every pushed `test_*` rule on the server; OPA's REST API gives no coverage."""
        self._require()
        outcomes: list[TestOutcome] = []
        for package, name in self._tests:
            try:
                value = self._query(package, name, {})
            except CannotJudge as err:
                outcomes.append(TestOutcome(package, name, False, err.message.en))
                continue
            outcomes.append(TestOutcome(package, name, value is True))
        return outcomes, None

    # -- bundle mode ---------------------------------------------------------------------------

    def _check_bundle(self, policies: PolicySet, data: dict[str, Any]) -> str:
        """The revision of the server's spbe bundle, after checking it against what is expected."""
        bundles = self._read_document("system/bundles")
        owners = {
            name: b.get("manifest") or {}
            for name, b in (bundles if isinstance(bundles, dict) else {}).items()
            if isinstance(b, dict) and _owns_root((b.get("manifest") or {}).get("roots", [""]))
        }
        if len(owners) != 1:
            found = "none" if not owners else ", ".join(sorted(owners))
            raise CannotJudge(
                Text(
                    f"The OPA server at {self.url} does not serve exactly one activated bundle with root "
                    f"'{BUNDLE_ROOT}' (found: {found}). Configure it to load the bundle from `spbe-check bundle build` "
                    f"(see deploy/opa-config.yaml), or use --opa-mode push for a development server.",
                    f"Server OPA di {self.url} tidak menyajikan tepat satu bundle aktif dengan akar '{BUNDLE_ROOT}' "
                    f"(ditemukan: {found}). Atur server agar memuat bundle dari `spbe-check bundle build` "
                    f"(lihat deploy/opa-config.yaml), atau gunakan --opa-mode push untuk server pengembangan.",
                )
            )
        name, manifest = next(iter(owners.items()))
        revision = str(manifest.get("revision", ""))
        expected = self.settings.revision or policies.revision
        source = (
            Text("--opa-revision", "--opa-revision")
            if self.settings.revision
            else Text(f"the local policies in {policies.root}", f"kebijakan lokal di {policies.root}")
        )
        if revision != expected:
            raise CannotJudge(
                Text(
                    f"The OPA server at {self.url} serves policy bundle '{name}' at revision {revision or '(none)'}, "
                    f"but {source.en} expects {expected}. Publish the bundle built from these policies, or pass "
                    f"--opa-revision with the revision you mean to be judged by. Nothing was judged.",
                    f"Server OPA di {self.url} menyajikan bundle kebijakan '{name}' revisi {revision or '(tidak ada)'}, "
                    f"tetapi {source.id} mengharapkan {expected}. Terbitkan bundle dari kebijakan ini, atau berikan "
                    f"--opa-revision dengan revisi yang dimaksud. Tidak ada yang dinilai.",
                )
            )
        self._check_declared_packs(name, manifest, policies)
        local_registry = (data.get(BUNDLE_ROOT) or {}).get("registry", {}).get("revision")
        if local_registry is not None:
            served = self._read_document(f"{BUNDLE_ROOT}/registry/revision")
            if served != local_registry:
                shown = "(none)" if served is _UNDEFINED else served
                raise CannotJudge(
                    Text(
                        f"The OPA server at {self.url} judges with registry revision {shown}, but the local registry "
                        f"(--registry) is {local_registry}. Point --registry at the registry the bundle was built from, "
                        f"or rebuild and publish the bundle. Nothing was judged.",
                        f"Server OPA di {self.url} menilai dengan registri revisi {shown}, tetapi registri lokal "
                        f"(--registry) adalah {local_registry}. Arahkan --registry ke registri yang dipakai membangun "
                        f"bundle, atau bangun ulang dan terbitkan bundle. Tidak ada yang dinilai.",
                    )
                )
        return revision

    def _check_declared_packs(self, name: str, manifest: dict[str, Any], policies: PolicySet) -> None:
        """The served bundle must declare the same complete packs as the local policies (checker/policy/pack.py)."""
        metadata = manifest.get("metadata")
        served = metadata.get("packs") if isinstance(metadata, dict) else None
        local = [pack.as_document() for pack in policies.packs]
        if not isinstance(served, list) or not served:
            raise CannotJudge(
                Text(
                    f"The policy bundle '{name}' served by {self.url} declares no policy pack (no `packs` in its manifest "
                    "metadata), so it cannot be shown to hold every rule. Rebuild it with `spbe-check bundle build` and "
                    "publish it. Nothing was judged.",
                    f"Bundle kebijakan '{name}' yang disajikan {self.url} tidak mendeklarasikan paket kebijakan (tidak ada "
                    "`packs` di metadata manifesnya), sehingga tidak terbukti memuat semua aturan. Bangun ulang dengan "
                    "`spbe-check bundle build` lalu terbitkan. Tidak ada yang dinilai.",
                )
            )
        declared = [parse_declaration(doc, f"bundle '{name}' manifest metadata").as_document() for doc in served]
        if declared != local:
            missing = sorted(
                {f"{kind} {item}" for doc in local for kind in ("packages", "rules", "data") for item in doc[kind]}
                - {f"{kind} {item}" for doc in declared for kind in ("packages", "rules", "data") for item in doc[kind]}
            )
            detail = (": it lacks " + ", ".join(missing[:10])) if missing else ""
            raise CannotJudge(
                Text(
                    f"The policy bundle '{name}' served by {self.url} declares other packs than the local policies in "
                    f"{policies.root}{detail}. Publish the bundle built from these policies. Nothing was judged.",
                    f"Bundle kebijakan '{name}' yang disajikan {self.url} mendeklarasikan paket yang berbeda dari kebijakan "
                    f"lokal di {policies.root}{detail}. Terbitkan bundle dari kebijakan ini. Tidak ada yang dinilai.",
                )
            )

    # -- push mode -----------------------------------------------------------------------------

    def _push(self, policies: PolicySet, data: dict[str, Any], with_tests: bool, existing: list[str]) -> None:
        """PUT every module and the data; remove our modules (`existing`) a previous push left that are gone now."""
        wanted = {POLICY_ID_PREFIX + f.path: f for f in policies.files if with_tests or not f.is_test}
        self._until_settled(sorted(wanted), lambda pid: self._put_policy(pid, wanted[pid]))
        self._until_settled([i for i in existing if i not in wanted], self._delete_policy)
        for key in sorted(data):
            value = data[key]
            if not isinstance(value, dict):
                raise CannotJudge(
                    Text(
                        f"Policy data at data.{key} must be an object to be pushed to OPA.",
                        f"Data kebijakan di data.{key} harus objek agar dapat dikirim ke OPA.",
                    )
                )
            self._client.timeout = self.settings.timeout * DATA_TIMEOUT_FACTOR
            try:
                self._call(f"PUT /v1/data/{key}", self._client.update_or_create_data, value, key)
            finally:
                self._client.timeout = self.settings.timeout

    def _put_policy(self, policy_id: str, policy: PolicyFile) -> None:
        # rego_compat=False: never let the client rewrite a rejected module and judge with something else.
        self._call(
            f"PUT /v1/policies/{policy_id}",
            self._client.update_policy_from_string,
            policy.text,
            policy_id,
            rego_compat=False,
        )

    def _delete_policy(self, policy_id: str) -> None:
        self._call(f"DELETE /v1/policies/{policy_id}", self._client.delete_policy, policy_id)

    @staticmethod
    def _until_settled(items: list[str], step: Callable[[str], None]) -> None:
        """Apply `step` to every item, retrying compile rejections while others still succeed.

        OPA compiles each module on upload, so a module that calls a function from one
        not yet uploaded (or not yet removed) fails first time round and succeeds later.
        """
        pending = list(items)
        while pending:
            failed: list[tuple[str, OpaRejected]] = []
            for item in pending:
                try:
                    step(item)
                except OpaRejected as err:
                    if err.code != "invalid_parameter":
                        raise
                    failed.append((item, err))
            if len(failed) == len(pending):
                raise failed[0][1]
            pending = [item for item, _ in failed]

    # -- queries -------------------------------------------------------------------------------

    def _query(self, package: str, rule: str, input_doc: dict[str, Any]) -> Any:
        path = f"{package.replace('.', '/')}/{rule}"
        body = self._call(f"POST /v1/data/{path}", self._client.query_rule, input_doc, package, rule)
        if not isinstance(body, dict):
            raise self._malformed(f"POST /v1/data/{path}", json.dumps(body)[:80])
        return body["result"] if "result" in body else _UNDEFINED

    def _read_document(self, path: str) -> Any:
        """A document's value, or _UNDEFINED. POST, not GET: the client raises on HTTP status only for POST,
        and the status is what tells a transient proxy fault (retried) from a refusal."""
        body = self._call(f"POST /v1/data/{path}", self._client.query_rule, {}, path.replace("/", "."))
        if not isinstance(body, dict):
            raise self._malformed(f"POST /v1/data/{path}", json.dumps(body)[:80])
        return body["result"] if "result" in body else _UNDEFINED

    def _require(self) -> None:
        if not self._loaded:
            raise RuntimeError("load() must be called before evaluation")

    # -- failures ------------------------------------------------------------------------------

    def _call(self, what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one client call; retry transient faults with capped exponential backoff; map errors."""
        attempts = 1 + self.settings.retries
        last: Exception | None = None
        for attempt in range(attempts):
            try:
                with net.deadline(self._client.timeout):
                    return fn(*args, **kwargs)
            except net.DeadlineExceeded as err:
                last = err
            except net.RedirectRefused as err:
                raise self._fail(
                    f"The OPA server at {self.url} redirected {what} to {err.target}, which leaves its origin; "
                    f"answers from elsewhere are never trusted. Point --opa-url at the server itself; "
                    f"nothing was judged.",
                    f"Server OPA di {self.url} mengalihkan {what} ke {err.target}, di luar asalnya; jawaban dari "
                    f"tempat lain tidak pernah dipercaya. Arahkan --opa-url ke server itu sendiri; "
                    f"tidak ada yang dinilai.",
                ) from None
            except net.UnexpectedAnswer as err:
                if err.snippet:
                    raise self._malformed(what, err.snippet) from None
                raise self._fail(
                    f"The OPA server at {self.url} answered {what} with something OPA does not send ({err}). "
                    f"Is --opa-url an OPA server, and not a proxy's or login page? Nothing was judged.",
                    f"Server OPA di {self.url} menjawab {what} dengan sesuatu yang tidak dikirim OPA ({err}). "
                    f"Apakah --opa-url server OPA, bukan halaman proxy atau login? Tidak ada yang dinilai.",
                ) from None
            except requests.exceptions.SSLError as err:
                raise self._fail(
                    f"TLS verification of the OPA server at {self.url} failed ({_reason(err)}). If it uses a "
                    f"private CA, pass that CA's PEM file with --opa-ca-cert.",
                    f"Verifikasi TLS server OPA di {self.url} gagal ({_reason(err)}). Jika server memakai CA "
                    f"privat, berikan berkas PEM CA itu dengan --opa-ca-cert.",
                ) from None
            except json.JSONDecodeError as err:  # requests' JSONDecodeError is one
                raise self._malformed(what, (err.doc or "")[:80]) from None
            except requests.exceptions.HTTPError as err:
                if err.response is None or err.response.status_code not in RETRY_STATUSES:
                    raise self._http_error(what, err.response) from None
                last = err
            except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as err:
                last = err
            except requests.exceptions.RequestException as err:
                raise self._fail(
                    f"The request {what} to the OPA server at {self.url} failed: {_reason(err)}.",
                    f"Permintaan {what} ke server OPA di {self.url} gagal: {_reason(err)}.",
                ) from None
            except _CLIENT_ERRORS as err:
                raise self._opa_error(
                    what,
                    str(getattr(err, "expression", "") or ""),
                    str(getattr(err, "message", "") or ""),
                    getattr(err, "errors", None),
                ) from None
            if attempt + 1 < attempts:
                self._sleep(min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2**attempt))
        raise self._gave_up(what, last, attempts)

    def _gave_up(self, what: str, err: Exception | None, attempts: int) -> CannotJudge:
        tries = Text(f"{attempts} attempt{'s' if attempts != 1 else ''}", f"{attempts} kali percobaan")
        if isinstance(err, requests.exceptions.HTTPError) and err.response is not None:
            status = err.response.status_code
            return self._fail(
                f"The OPA server at {self.url} kept answering {what} with HTTP {status} ({tries.en}). "
                f"Check the server and any proxy in front of it; nothing was judged.",
                f"Server OPA di {self.url} terus menjawab {what} dengan HTTP {status} ({tries.id}). "
                f"Periksa server dan proxy di depannya; tidak ada yang dinilai.",
            )
        if _is_timeout(err) or isinstance(err, net.DeadlineExceeded):
            return self._fail(
                f"The OPA server at {self.url} did not answer {what} within {self.settings.timeout:g}s "
                f"(connection and every byte of the answer, in all; {tries.en}). Check the server's load and any "
                f"proxy in front of it, or raise --opa-timeout; nothing was judged.",
                f"Server OPA di {self.url} tidak menjawab {what} dalam {self.settings.timeout:g} detik "
                f"(sambungan dan seluruh jawaban; {tries.id}). Periksa beban server dan proxy di depannya, atau "
                f"naikkan --opa-timeout; tidak ada yang dinilai.",
            )
        return self._fail(
            f"Cannot reach the OPA server at {self.url} ({_reason(err)}; {tries.en}). Check --opa-url "
            f"(or SPBE_CHECK_OPA_URL) and that the server is running; nothing was judged.",
            f"Server OPA di {self.url} tidak dapat dihubungi ({_reason(err)}; {tries.id}). Periksa --opa-url "
            f"(atau SPBE_CHECK_OPA_URL) dan pastikan server berjalan; tidak ada yang dinilai.",
        )

    def _http_error(self, what: str, response: requests.Response | None) -> CannotJudge:
        status = response.status_code if response is not None else 0
        code, message = "", ""
        if response is not None:
            try:
                body = response.json()
                if isinstance(body, dict):
                    code, message = str(body.get("code", "")), str(body.get("message", ""))
            except ValueError:
                message = response.text[:200]
        return self._opa_error(what, code, message, None, status)

    def _opa_error(self, what: str, code: str, message: str, errors: Any, status: int = 0) -> OpaRejected:
        detail = message
        if isinstance(errors, list):
            details = [str(e.get("message", "")) for e in errors if isinstance(e, dict) and e.get("message")]
            if details:
                detail = f"{message}: {'; '.join(details[:5])}"
        said = f"HTTP {status}" if status else "error"
        said += f" {code}" if code else ""
        said += f": {detail}" if detail else ""
        if status == 401 or code == "unauthorized":
            en = (
                f"The OPA server at {self.url} refused {what} ({said}). Check the bearer token "
                f"(--opa-token or SPBE_CHECK_OPA_TOKEN){'' if self.settings.token else ': none was given'}."
            )
            id_ = (
                f"Server OPA di {self.url} menolak {what} ({said}). Periksa token bearer "
                f"(--opa-token atau SPBE_CHECK_OPA_TOKEN){'' if self.settings.token else ': tidak ada yang diberikan'}."
            )
        elif status == 403:
            en = f"The OPA server at {self.url} does not allow {what} with this token ({said}). Ask its operators."
            id_ = f"Server OPA di {self.url} tidak mengizinkan {what} dengan token ini ({said}). Hubungi pengelolanya."
        elif status == 404:
            en = (
                f"The OPA server at {self.url} answered {what} with {said}. Is --opa-url the base address of an "
                f"OPA server (without /v1)?"
            )
            id_ = (
                f"Server OPA di {self.url} menjawab {what} dengan {said}. Apakah --opa-url alamat dasar server "
                f"OPA (tanpa /v1)?"
            )
        elif status >= 500:
            en = f"The OPA server at {self.url} failed {what} ({said}). Check the server's log; nothing was judged."
            id_ = (
                f"Server OPA di {self.url} gagal memproses {what} ({said}). Periksa log server; tidak ada yang dinilai."
            )
        else:
            en = f"The OPA server at {self.url} rejected {what} ({said}). Nothing was judged."
            id_ = f"Server OPA di {self.url} menolak {what} ({said}). Tidak ada yang dinilai."
        return OpaRejected(Text(self._scrub(en), self._scrub(id_)), code)

    def _malformed(self, what: str, snippet: str) -> CannotJudge:
        return self._fail(
            f"The OPA server at {self.url} answered {what} with something that is not OPA's JSON ({snippet!r}). "
            f"Is --opa-url an OPA server, and not a proxy's or login page? Nothing was judged.",
            f"Server OPA di {self.url} menjawab {what} dengan sesuatu yang bukan JSON OPA ({snippet!r}). "
            f"Apakah --opa-url server OPA, bukan halaman proxy atau login? Tidak ada yang dinilai.",
        )

    def _fail(self, en: str, id_: str) -> CannotJudge:
        return CannotJudge(Text(self._scrub(en), self._scrub(id_)))

    def _scrub(self, text: str) -> str:
        """Belt and braces: whatever a server or library echoes, the token (or any credential) is not printed."""
        return scrub(text, self.settings.token)


def _owns_root(roots: Any) -> bool:
    """Whether a bundle's manifest roots cover data.spbe ("" means everything)."""
    if not isinstance(roots, list):
        return False
    return any(r in ("", BUNDLE_ROOT) or (isinstance(r, str) and r.startswith(BUNDLE_ROOT + "/")) for r in roots)


def _is_timeout(err: Exception | None) -> bool:
    """requests reports a read timeout as ConnectionError once urllib3's retry budget (0) is spent."""
    if isinstance(err, requests.exceptions.Timeout):
        return True
    reason = getattr(err.args[0], "reason", None) if err is not None and err.args else None
    if isinstance(reason, urllib3.exceptions.NewConnectionError):  # a subclass of ConnectTimeoutError, but refused
        return False
    return isinstance(reason, (urllib3.exceptions.ReadTimeoutError, urllib3.exceptions.ConnectTimeoutError))


def _reason(err: Exception | None) -> str:
    """The short cause inside requests' and urllib3's long exception texts."""
    if err is None:
        return "no answer"
    text = str(err)
    for pattern in (
        r"\[Errno -?\d+\] [^'\")]+",
        r"certificate verify failed: [^'\")(]+",
        r"Read timed out",
        r"Failed to resolve '[^']+'",
        r"Connection refused",
        r"Connection reset by peer",
        r"Remote end closed connection without response",
    ):
        match = re.search(pattern, text)
        if match:
            return match.group(0).strip()
    return text[:200]
