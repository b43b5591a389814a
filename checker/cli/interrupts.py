"""How a run ends when it is stopped from outside: Ctrl-C, a cancelled CI job, a closed pipe.

None of these may look like a verdict. Click's default (Ctrl-C prints "Aborted!" and
exits 1; SIGTERM kills the process with no message; a closed stdout becomes an
"internal error") would make an interrupted gate look like a failing manifest, or
worse. Here:

- SIGINT and SIGTERM raise `Interrupted`, which is not an `Exception`, so no
  `except Exception` in the library swallows it; the run ends with exit 2 and
  "interrupted: nothing was judged".
- A closed standard output (`spbe-check rules | head`) ends quietly. A command that
  judges (check, ci, …) exits 2, because its report was not delivered and the gate
  must not read that as a verdict; any other command exits 141 (128 + SIGPIPE), what
  a shell reports for `yes | head`, so `set -o pipefail` treats it like any other
  Unix tool cut short by its reader.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from checker.model import Text

EXIT_CANNOT_JUDGE = 2
EXIT_PIPE_CLOSED = 128 + 13  # 128 + SIGPIPE, as a shell reports a process killed by it

_SIGNAL_NAMES: dict[int, str] = {signal.SIGINT: "SIGINT", signal.SIGTERM: "SIGTERM"}


class Interrupted(BaseException):
    """A signal asked the run to stop; raised from the signal handler in the main process."""

    def __init__(self, signum: int) -> None:
        super().__init__(_SIGNAL_NAMES.get(signum, str(signum)))
        self.signum = signum


class OutputClosed(BaseException):
    """Standard output was closed by its reader; `judging` says whether a verdict was lost with it."""

    def __init__(self, judging: bool) -> None:
        super().__init__("standard output closed")
        self.judging = judging


def interrupted_message(signal_name: str) -> Text:
    """What an interrupted run says on stderr (exit 2)."""
    return Text(
        f"interrupted ({signal_name}): nothing was judged; run spbe-check again for a verdict.",
        f"dihentikan ({signal_name}): tidak ada yang dinilai; jalankan spbe-check lagi untuk mendapat putusan.",
    )


OUTPUT_CLOSED_MESSAGE = Text(
    "standard output was closed before the report was written; the report was not delivered, so this is no verdict.",
    "keluaran standar ditutup sebelum laporan ditulis; laporan tidak tersampaikan, jadi ini bukan putusan.",
)


def is_broken_pipe(err: BaseException) -> bool:
    """A write to a reader that has gone away (EPIPE), however the library wrapped it."""
    return isinstance(err, BrokenPipeError) or (isinstance(err, OSError) and err.errno == 32)


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """While running, SIGINT and SIGTERM raise Interrupted in this process (not in forked workers)."""
    owner = os.getpid()

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:  # a forked worker: die as the default action would
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        for other in _SIGNAL_NAMES:  # the run is ending: a second Ctrl-C must not cut its last words short
            signal.signal(other, signal.SIG_IGN)
        raise Interrupted(signum)

    previous: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}
    try:
        for signum in _SIGNAL_NAMES:
            previous[signum] = signal.signal(signum, handler)
    except ValueError:  # not the main thread: leave signals as they are
        pass
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def silence_stdout() -> None:
    """Point the closed stdout's descriptor at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return  # no real file descriptor (a test runner's stream): nothing to silence
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except OSError:
        pass


__all__ = [
    "EXIT_CANNOT_JUDGE",
    "EXIT_PIPE_CLOSED",
    "OUTPUT_CLOSED_MESSAGE",
    "Interrupted",
    "OutputClosed",
    "interrupted_message",
    "is_broken_pipe",
    "signals_interrupt",
    "silence_stdout",
]
