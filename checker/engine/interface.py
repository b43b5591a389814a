"""What a Rego engine provides to the evaluator, whatever runs the policies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from checker.policy.policyset import PolicySet


@dataclass(frozen=True)
class RawViolation:
    """One element of a package's deny/warn set, as the policy produced it."""

    package: str
    severity: str  # "deny" | "warn"
    value: Any


@dataclass(frozen=True)
class TestOutcome:
    package: str
    name: str
    passed: bool
    error: str | None = None


class Engine(Protocol):
    name: str

    def load(self, policies: PolicySet, data: dict[str, Any] | str, *, with_tests: bool = False) -> None:
        """Compile `policies` (and their `_test.rego` files when asked) with `data` at the root of `data`.

        `data` may be JSON text already: the registry index is cached serialised.

        Raises CannotJudge when the policies do not compile.
        """

    def evaluate(self, input_doc: dict[str, Any]) -> list[RawViolation]:
        """All deny/warn elements of every judging package for one input.

        Raises CannotJudge when evaluation fails: a gate must never read an
        engine error as "no violations".
        """

    def run_tests(self) -> tuple[list[TestOutcome], dict[str, Any] | None]:
        """Run every `test_*` rule; return outcomes and coverage (None if unsupported)."""
