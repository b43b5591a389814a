"""Rego engines behind one interface: `embedded` (regorus, in-process) and, later, `opa`."""
from __future__ import annotations

from checker.engine.interface import Engine, RawViolation, TestOutcome
from checker.errors import CannotJudge
from checker.model import Text

ENGINE_NAMES = ("embedded",)


def make_engine(name: str) -> Engine:
    """Engine by name; CannotJudge for an unknown one."""
    if name == "embedded":
        from checker.engine.regorus import RegorusEngine

        return RegorusEngine()
    raise CannotJudge(Text(f"Unknown engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}.",
                           f"Mesin {name!r} tidak dikenal; pilih salah satu: {', '.join(ENGINE_NAMES)}."))


__all__ = ["ENGINE_NAMES", "Engine", "RawViolation", "TestOutcome", "make_engine"]
