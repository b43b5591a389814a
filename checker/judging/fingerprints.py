"""GitHub code scanning's `primaryLocationLineHash`, computed as its upload action computes it.

GitHub deduplicates alerts across pushes on this value. When a SARIF result carries none,
github/codeql-action's upload-sarif computes it from the file in the checkout
(`src/fingerprints.ts`, MIT licence); we compute the same value from the bytes we judged,
so the alert is stable even when the upload step cannot see the file (a different working
directory, a path outside GITHUB_WORKSPACE). The algorithm, ported exactly:

- the text is read as UTF-16 code units (JavaScript's `charCodeAt`); spaces and tabs are
  skipped; CR, LF and CRLF all become one LF;
- a polynomial rolling hash (base 37, 64-bit wrapping) over a window of the next 100
  kept code units is taken at the start of every line; a sentinel 65535 marks the end of
  the input and zeros pad the window;
- the hash is printed as unsigned hexadecimal without leading zeros, followed by `:n`
  where n counts earlier lines with the same hash.

Tests check it against the vectors in codeql-action's own `src/fingerprints.test.ts`.
"""

from __future__ import annotations

BLOCK_SIZE = 100
_MOD = 37
_MASK = (1 << 64) - 1
_FIRST_MOD = pow(_MOD, BLOCK_SIZE, 1 << 64)
_TAB, _SPACE, _LF, _CR = 9, 32, 10, 13
_EOF = 65535


def _code_units(text: str) -> list[int]:
    raw = text.encode("utf-16-le", "surrogatepass")
    return [raw[i] | (raw[i + 1] << 8) for i in range(0, len(raw), 2)]


def line_hashes(text: str) -> list[str]:
    """The hash of every line of `text`, in order (index 0 is line 1).

    One loop with local variables (no closures, no state dict): it runs for every judged
    manifest with a finding, so it is kept to about a quarter of a millisecond per KiB.
    """
    window = [0] * BLOCK_SIZE
    line_numbers = [-1] * BLOCK_SIZE
    counts: dict[str, int] = {}
    out: list[str] = []
    hash_value = 0
    index = 0
    line_number = 0
    line_start = True
    prev_cr = False
    units = _code_units(text)
    units.append(_EOF)
    for current in units:
        if current == _SPACE or current == _TAB or (prev_cr and current == _LF):
            prev_cr = False
            continue
        if current == _CR:
            current, prev_cr = _LF, True
        else:
            prev_cr = False
        if line_numbers[index] != -1:
            value = format(hash_value, "x")
            count = counts[value] = counts.get(value, 0) + 1
            out.append(f"{value}:{count}")
            line_numbers[index] = -1
        if line_start:
            line_start = False
            line_number += 1
            line_numbers[index] = line_number
        if current == _LF:
            line_start = True
        begin = window[index]
        window[index] = current
        hash_value = (_MOD * hash_value + current - _FIRST_MOD * begin) & _MASK
        index = index + 1 if index + 1 < BLOCK_SIZE else 0
    for _ in range(BLOCK_SIZE):
        if line_numbers[index] != -1:
            value = format(hash_value, "x")
            count = counts[value] = counts.get(value, 0) + 1
            out.append(f"{value}:{count}")
            line_numbers[index] = -1
        begin = window[index]
        window[index] = 0
        hash_value = (_MOD * hash_value - _FIRST_MOD * begin) & _MASK
        index = index + 1 if index + 1 < BLOCK_SIZE else 0
    return out


def decode_like_node(raw: bytes) -> str:
    """The text Node's `fs.createReadStream(path, "utf8")` yields: invalid bytes become U+FFFD, a BOM stays."""
    return raw.decode("utf-8", errors="replace")
