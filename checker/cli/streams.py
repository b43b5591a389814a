"""The one door to the terminal: every character written to stdout or stderr passes here.

Each format escapes what it prints, but a CI runner reads *every* line of the job
log, including error messages that quote a file name, an OPA or HTTP error body or
a registry value, and whatever a future format or command prints. So, for the whole
run, `sys.stdout` and `sys.stderr` are wrapped in a writer that breaks CI workflow
commands (see `escape.defuse_ci_commands`) after any kind of line break, whatever
the format, including across separate writes. The formats' own escaping stays
faithful (JSON `\\u0023`, XML `&#35;`); this is the backstop that cannot be
forgotten.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from checker.formats.escape import command_prefix_tail, defuse_ci_commands, ends_blank_line

# One annotation of `--format github`, the whole line: its data never holds a line break.
_ANNOTATION = re.compile(
    r"::(?:error|warning|notice) file=[^:\r\n]*::[^\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|\n)?\Z"
)


class DefusingWriter:
    """A text stream that forwards to `target` with every CI workflow command broken.

    It deliberately has no `buffer` attribute, so libraries that write bytes when
    they can (Click does) fall back to writing text through it.
    """

    def __init__(self, target: TextIO) -> None:
        self.target = target
        self._blank_line = True  # the stream starts at the beginning of a line
        self._held = ""  # a trailing `#`, `##`, `##v`… that the next write may complete
        self._after_lf = True  # the last character written was LF (or nothing was written)

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # a text stream, as Click probes with write(b"")
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if not text:
            return 0
        written = len(text)
        text = self._held + text
        keep = command_prefix_tail(text)
        ready, self._held = (text[:-keep], text[-keep:]) if keep else (text, "")
        if ready:
            self.target.write(defuse_ci_commands(ready, at_line_start=self._blank_line))
            self._blank_line = ends_blank_line(ready, self._blank_line)
            self._after_lf = ready.endswith("\n")
        return written

    def write_workflow_commands(self, text: str) -> None:
        """Write a report made of deliberate workflow commands (`--format github`).

        Its annotation lines (`::error file=…::…`, `::warning …`, `::notice …`) go out as
        they are: the format escapes every value in them, so none holds a line break.
        Every other line is defused like any output. Only a format that declares
        `workflow_commands` is written this way (see `checker.formats`).
        """
        for line in text.splitlines(keepends=True):
            # Only a whole line, begun after a plain LF (or at the very start) and ended by one:
            # never a line that some other break (CR, U+2028…) started inside a value.
            if self._after_lf and not self._held and _ANNOTATION.match(line):
                self.target.write(line)
                self._blank_line = self._after_lf = line.endswith("\n")
            else:
                self.write(line)
        self.target.flush()

    def release(self) -> None:
        """Write out what was held back (at the end of the run: nothing can follow it)."""
        held, self._held = self._held, ""
        if held:
            self.target.write(held)
            self._blank_line = self._after_lf = False
        self.target.flush()

    def flush(self) -> None:
        self.target.flush()

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def isatty(self) -> bool:
        return bool(getattr(self.target, "isatty", lambda: False)())

    def fileno(self) -> int:
        return self.target.fileno()

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    @property
    def closed(self) -> bool:
        return bool(getattr(self.target, "closed", False))

    @property
    def encoding(self) -> str:
        return getattr(self.target, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:
        return getattr(self.target, "errors", None) or "strict"


def write_workflow_commands(text: str) -> None:
    """Print a report of deliberate workflow commands on stdout (see DefusingWriter.write_workflow_commands)."""
    stream = sys.stdout
    if isinstance(stream, DefusingWriter):
        stream.write_workflow_commands(text)
    else:  # not inside the CLI's run: nothing to defuse against
        stream.write(text)
        stream.flush()


@contextmanager
def defused_streams() -> Iterator[None]:
    """For the duration of a run, route stdout and stderr through DefusingWriter."""
    saved = sys.stdout, sys.stderr
    wrapped = [DefusingWriter(s) if s is not None and not isinstance(s, DefusingWriter) else s for s in saved]
    sys.stdout, sys.stderr = wrapped[0], wrapped[1]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
        for stream in wrapped:
            if isinstance(stream, DefusingWriter):
                try:
                    stream.release()
                except (OSError, ValueError):
                    pass  # a closed pipe or stream: nothing more can be delivered


__all__ = ["DefusingWriter", "defused_streams", "write_workflow_commands"]
