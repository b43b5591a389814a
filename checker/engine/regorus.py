"""The embedded engine: microsoft/regorus evaluating Rego in-process."""

from __future__ import annotations

import json
from typing import Any

import regorus

from checker.engine.interface import RawViolation, TestOutcome
from checker.errors import CannotJudge
from checker.model import Text
from checker.policy.policyset import PolicySet


def _clean(err: Exception) -> str:
    """regorus errors carry a Rust backtrace; keep the part a policy author reads."""
    text = str(err).split("Stack backtrace:")[0].strip()
    return text[:2000]


class RegorusEngine:
    name = "embedded"

    def __init__(self) -> None:
        self._engine: regorus.Engine | None = None
        self._policies: PolicySet | None = None
        self._queries: list[tuple[str, str]] = []

    def load(self, policies: PolicySet, data: dict[str, Any] | str, *, with_tests: bool = False) -> None:
        engine = regorus.Engine()
        for policy in policies.files:
            if policy.is_test and not with_tests:
                continue
            try:
                engine.add_policy(policy.path, policy.text)
            except Exception as err:  # noqa: BLE001 - regorus raises plain exceptions; any failure must be exit 2
                raise CannotJudge(
                    Text(
                        f"Policy {policy.path} does not compile: {_clean(err)}",
                        f"Kebijakan {policy.path} tidak dapat dikompilasi: {_clean(err)}",
                    )
                ) from None
        try:
            engine.add_data_json(data if isinstance(data, str) else json.dumps(data))
        except Exception as err:  # noqa: BLE001 - any engine failure must be exit 2 (fail closed)
            raise CannotJudge(
                Text(
                    f"The engine rejected the policy data: {_clean(err)}",
                    f"Mesin menolak data kebijakan: {_clean(err)}",
                )
            ) from None
        self._engine = engine
        self._policies = policies
        self._queries = policies.judging_rules()

    def _require(self) -> regorus.Engine:
        if self._engine is None:
            raise RuntimeError("load() must be called before evaluation")
        return self._engine

    def evaluate(self, input_doc: dict[str, Any]) -> list[RawViolation]:
        engine = self._require()
        out: list[RawViolation] = []
        try:
            engine.set_input_json(json.dumps(input_doc))
            if not self._queries:
                return out
            # One query for every judging set: half the cost of one query per set.
            query = "[" + ", ".join(f"data.{package}.{kind}" for package, kind in self._queries) + "]"
            answer = json.loads(engine.eval_query_as_json(query))
            results = answer.get("result") or []
            if len(results) != 1:
                raise CannotJudge(
                    Text(
                        "The judging rules gave no result (a deny or warn set is undefined).",
                        "Aturan penilaian tidak memberi hasil (himpunan deny atau warn tidak terdefinisi).",
                    )
                )
            sets = results[0]["expressions"][0]["value"]
            for (package, kind), values in zip(self._queries, sets, strict=True):
                if not isinstance(values, list):
                    raise CannotJudge(
                        Text(f"data.{package}.{kind} is not a set.", f"data.{package}.{kind} bukan himpunan.")
                    )
                out.extend(RawViolation(package, kind, v) for v in values)
        except CannotJudge:
            raise
        except Exception as err:  # noqa: BLE001 - any engine failure must be exit 2 (fail closed)
            raise CannotJudge(
                Text(
                    f"The policy engine failed while evaluating: {_clean(err)}. Fix the policy; nothing was judged.",
                    f"Mesin kebijakan gagal saat mengevaluasi: {_clean(err)}. Perbaiki kebijakan; tidak ada yang dinilai.",
                )
            ) from None
        return out

    def run_tests(self) -> tuple[list[TestOutcome], dict[str, Any] | None]:
        engine = self._require()
        if self._policies is None:  # set together with the engine by load(); never removed by `python -O`
            raise RuntimeError("load() must be called before evaluation")
        engine.set_enable_coverage(True)
        engine.clear_coverage_data()
        outcomes: list[TestOutcome] = []
        for policy in self._policies.files:
            for name in policy.test_rules():
                try:
                    value = engine.eval_rule(f"data.{policy.package}.{name}")
                    outcomes.append(TestOutcome(policy.package, name, value is True))
                except Exception as err:  # noqa: BLE001 - a test that errors fails, whatever regorus raised
                    outcomes.append(TestOutcome(policy.package, name, False, _clean(err)))
        coverage = json.loads(engine.get_coverage_report_as_json())
        return outcomes, coverage
