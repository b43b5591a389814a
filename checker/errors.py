"""The one error that means "the tool could not judge" (exit 2, fail closed)."""

from __future__ import annotations

from checker.model import Lang, Text


class CannotJudge(Exception):
    """Raised when a verdict cannot be trusted: bad usage, registry, policies or engine.

    The CLI turns it into exit code 2 and prints the message, which says what to fix.
    """

    def __init__(self, message: Text):
        super().__init__(message.en)
        self.message = message

    def text(self, lang: Lang) -> str:
        return self.message.get(lang)
