"""Rego engines behind one interface: `embedded` (regorus, in-process) and `opa` (an OPA server)."""

from __future__ import annotations

from checker.engine.interface import Engine, RawViolation, TestOutcome
from checker.engine.opa_settings import OpaSettings
from checker.errors import CannotJudge
from checker.model import Text

ENGINE_NAMES = ("embedded", "opa")


def make_engine(name: str, opa: OpaSettings | None = None) -> Engine:
    """Engine by name; CannotJudge for an unknown one. `opa` says how to reach the OPA server."""
    if name == "embedded":
        from checker.engine.regorus import RegorusEngine

        return RegorusEngine()
    if name == "opa":
        from checker.engine.opa import OpaEngine

        return OpaEngine(opa or OpaSettings())
    raise CannotJudge(
        Text(
            f"Unknown engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}.",
            f"Mesin {name!r} tidak dikenal; pilih salah satu: {', '.join(ENGINE_NAMES)}.",
        )
    )


__all__ = ["ENGINE_NAMES", "Engine", "OpaSettings", "RawViolation", "TestOutcome", "make_engine"]
