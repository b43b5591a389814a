"""Untrusted YAML to plain JSON-like data, keeping the position of every value.

PyYAML composes the node graph (it is the parser); this module only walks the nodes.
Walking nodes instead of calling `safe_load` is what lets us
- refuse aliases before they are expanded (no "billion laughs"),
- refuse duplicate keys, merge keys and non-standard tags, which `safe_load` accepts,
- remember the line and column of each value so a violation points at what to fix.
Two more rules make it bounded and editor-compatible: nesting is counted on the event
stream before any node tree is built (LibYAML's composer recurses in C), and plain
scalars are typed by the YAML 1.2 core schema, as editors type them (`NO` is text).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml._yaml import CParser  # what yaml.cyaml re-exports; its stub does not export it

from checker.model import Text

MAX_DEPTH = 64
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


class _Core12Resolver(yaml.resolver.BaseResolver):
    """Plain scalars typed by the YAML 1.2 core schema (YAML 1.2.2, section 10.3.2), as editors read them.

    PyYAML resolves with YAML 1.1, where `NO` (Norway) is false, `on` is true, `012` is
    octal, `1:20` is sexagesimal and `2027-06-30` is a date; a YAML 1.2 editor (and the
    JSON Schema it validates with) reads `NO`, `on`, `1:20` and the date as text and `012`
    as twelve. Only these regular expressions change: parsing stays PyYAML's. `<<` still resolves to a merge key, so
    that it is refused with a clear message rather than read as an unknown field.
    """


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
    ("tag:yaml.org,2002:merge", r"^<<$", ["<"]),
):
    _Core12Resolver.add_implicit_resolver(_tag, re.compile(_pattern), _first)


class _Loader(CParser, yaml.constructor.SafeConstructor, _Core12Resolver):
    """LibYAML's parser (the pinned PyYAML wheels ship it) with YAML 1.2 core typing."""

    def __init__(self, stream: str):
        CParser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        _Core12Resolver.__init__(self)


Positions = dict[str, tuple[int, int]]


class YamlError(Exception):
    """The document cannot be read; carries a bilingual message and where."""

    def __init__(self, message: Text, line: int | None = None, column: int | None = None):
        super().__init__(message.en)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    positions: Positions  # field path ("spec.functions[0]") -> (line, column), 1-based
    ends: Positions = field(default_factory=dict)  # field path -> where its value ends (column exclusive)


def decode_utf8(raw: bytes) -> str:
    """Decode strictly as UTF-8 (a UTF-8 BOM is allowed and dropped)."""
    for bom, name in _BOMS.items():
        if raw.startswith(bom):
            raise YamlError(
                Text(
                    f"The file is encoded as {name}; save it as UTF-8.",
                    f"Berkas dikodekan sebagai {name}; simpan sebagai UTF-8.",
                ),
                1,
                1,
            )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise YamlError(
            Text(
                f"The file is not valid UTF-8 (byte 0x{raw[err.start]:02x}); save it as UTF-8.",
                f"Berkas bukan UTF-8 yang sah (bita 0x{raw[err.start]:02x}); simpan sebagai UTF-8.",
            ),
            line,
            column,
        ) from None


def parse_yaml(text: str, *, track_positions: bool = True) -> YamlDocument:
    """Parse exactly one YAML document into plain data; raise YamlError otherwise."""
    loader = _Loader(text)
    try:
        _refuse_deep_nesting(loader)
        loader.dispose()
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or "syntax error"
        if "expected a single document" in str(err.context or "") or "but found another document" in problem:
            raise YamlError(
                Text(
                    "The file holds more than one YAML document; put one application per file.",
                    "Berkas berisi lebih dari satu dokumen YAML; tulis satu aplikasi per berkas.",
                ),
                _line(mark),
                _col(mark),
            ) from None
        raise YamlError(
            Text(
                f"YAML syntax error: {problem}.",
                f"Kesalahan sintaks YAML: {problem}.",
            ),
            _line(mark),
            _col(mark),
        ) from None
    except yaml.reader.ReaderError as err:
        before = text[: err.position]
        raise YamlError(
            Text(
                f"The file contains a forbidden character (code {err.character!r}); remove it.",
                f"Berkas memuat karakter terlarang (kode {err.character!r}); hapus karakter itu.",
            ),
            before.count("\n") + 1,
            len(before.rsplit("\n", 1)[-1]) + 1,
        ) from None
    except yaml.YAMLError as err:
        raise YamlError(Text(f"YAML error: {err}.", f"Kesalahan YAML: {err}.")) from None
    except RecursionError:
        raise YamlError(
            Text(
                f"The YAML is nested too deeply (more than {MAX_DEPTH} levels).",
                f"YAML bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat).",
            )
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlError(
            Text(
                "The file is empty; it must hold one YAML document.",
                "Berkas kosong; berkas harus berisi satu dokumen YAML.",
            ),
            1,
            1,
        )
    walker = _Walker(track_positions)
    data = walker.walk(node, "", 0)
    return YamlDocument(data, walker.positions, walker.ends)


def _refuse_deep_nesting(loader: Any) -> None:
    """Walk the parser's flat event stream once and refuse nesting past MAX_DEPTH.

    LibYAML's parser is a state machine, but the composer that builds the node tree
    recurses once per level in C: `'[' * 50000` overflows the C stack (SIGSEGV) before
    any Python-level depth check can run. Counting start and end events is linear and
    bounded in memory, so the limit holds before anything recurses.
    """
    open_collections = 0
    while loader.check_event():
        event = loader.get_event()
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            open_collections -= 1
            continue
        if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if open_collections > MAX_DEPTH:
                mark = event.start_mark
                raise YamlError(
                    Text(
                        f"The YAML is nested too deeply (more than {MAX_DEPTH} levels).",
                        f"YAML bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat).",
                    ),
                    _line(mark),
                    _col(mark),
                )
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                open_collections += 1


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


def _col(mark: Any) -> int | None:
    return mark.column + 1 if mark is not None else None


def _where(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _end(node: yaml.Node) -> tuple[int, int]:
    return node.end_mark.line + 1, node.end_mark.column + 1


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Walker:
    def __init__(self, track_positions: bool):
        self.track = track_positions
        self.positions: Positions = {}
        self.ends: Positions = {}
        self._seen: set[int] = set()
        self._constructor = yaml.constructor.SafeConstructor()

    def _fail(self, node: yaml.Node, en: str, id_: str) -> YamlError:
        line, column = _where(node)
        return YamlError(Text(en, id_), line, column)

    def walk(self, node: yaml.Node, path: str, depth: int) -> Any:
        if id(node) in self._seen:
            raise self._fail(
                node,
                "YAML aliases (*name) are not allowed; write the value out.",
                "Alias YAML (*nama) tidak diizinkan; tulis nilainya secara lengkap.",
            )
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self._fail(
                node,
                f"The YAML is nested too deeply (more than {MAX_DEPTH} levels).",
                f"YAML bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat).",
            )
        if node.tag not in _STANDARD_TAGS:
            raise self._fail(
                node,
                f"YAML tag {node.tag!r} is not allowed; use plain values.",
                f"Tag YAML {node.tag!r} tidak diizinkan; gunakan nilai biasa.",
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                item_path = f"{path}[{index}]"
                if self.track:
                    self.positions[item_path] = _where(item)
                    self.ends[item_path] = _end(item)
                items.append(self.walk(item, item_path, depth + 1))
            return items
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._fail(
                    key_node,
                    "YAML merge keys (<<) are not allowed; write the fields out.",
                    "Kunci gabungan YAML (<<) tidak diizinkan; tulis setiap kolom.",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._fail(key_node, "A key must be plain text.", "Kunci harus berupa teks biasa.")
            key = self._scalar(key_node)
            if not isinstance(key, str):
                key = str(key) if not isinstance(key, bool) else str(key).lower()
            if key in result:
                raise self._fail(
                    key_node,
                    f"Duplicate key {key!r}: each field may appear once.",
                    f"Kunci ganda {key!r}: setiap kolom hanya boleh muncul sekali.",
                )
            child = _child(path, key)
            if self.track:
                # Scalars point at the value; blocks point at their key line.
                target = value_node if isinstance(value_node, yaml.ScalarNode) else key_node
                self.positions[child] = _where(target)
                self.ends[child] = _end(target)
            result[key] = self.walk(value_node, child, depth + 1)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        value: Any  # an int from _core_int, any plain value from PyYAML's constructor
        try:
            if node.tag == "tag:yaml.org,2002:int":
                value = _core_int(node.value)
            else:
                value = self._constructor.construct_object(node, deep=False)
        except (ValueError, yaml.YAMLError):
            raise self._fail(
                node,
                f"Unreadable value {str(node.value)[:40]!r}.",
                f"Nilai tidak dapat dibaca: {str(node.value)[:40]!r}.",
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise self._fail(
                node,
                "Numbers must be finite (.inf and .nan are not allowed).",
                "Angka harus terhingga (.inf dan .nan tidak diizinkan).",
            )
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value.isoformat()
        return value


def _core_int(text: str) -> int:
    """An integer as YAML 1.2 reads it: decimal (leading zeros are not octal), 0o octal or 0x hexadecimal."""
    sign = -1 if text[:1] == "-" else 1
    body = text[1:] if text[:1] in ("-", "+") else text
    if body.startswith("0o"):
        return sign * int(body[2:], 8)
    if body.startswith("0x"):
        return sign * int(body[2:], 16)
    return sign * int(body, 10)


def position_of(positions: Positions, field: str) -> tuple[int | None, int | None]:
    """Position of `field`, or of its nearest existing parent when it is missing."""
    path = field
    while path:
        if path in positions:
            return positions[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return (1, 1) if positions else (None, None)
