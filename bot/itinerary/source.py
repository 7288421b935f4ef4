"""Read YAML while remembering where every value came from.

The itinerary checker reports each problem with its place (``events[3].start``) and its
line in the file, so the loader keeps, for every path, the line it starts on and, for
scalars, the text exactly as written (``07:00`` must not become the sexagesimal 420).

The file may come from anyone an organiser forwards it from, so it is read within bounds:
aliases are counted as they are composed and the values they would expand to are counted
on the node graph, before anything is expanded (a 339-byte "billion laughs" file once
froze the bot); a structure that contains itself, nesting deeper than anyone writes, and
control characters that would reach Telegram, the ``.ics`` and terminals are refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_FILE_BYTES = 1_000_000  # 1 MB: a whole delegation's itinerary is a few dozen kB
MAX_ALIASES = 100
MAX_VALUES = 20_000  # every value, each alias counted as what it stands for
MAX_DEPTH = 64
TOO_LARGE = (
    f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB; an itinerary is far smaller"
)
# C0 and C1 controls and DEL; tab, line feed and carriage return are ordinary text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with its place and line."""

    place: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        if self.line:
            where = f"line {self.line}, {self.place}" if self.place else f"line {self.line}"
        else:
            where = self.place or "file"
        return f"{where}: {self.message}"


@dataclass
class Source:
    """A YAML document as plain Python values, with lines and raw scalar texts by path."""

    data: object
    lines: dict[str, int] = field(default_factory=dict)
    raws: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # already reported: say nothing more

    def line(self, path: str) -> int | None:
        """Return the line of ``path``, or of its nearest enclosing value."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""

    def raw(self, path: str) -> str | None:
        """Return the scalar at ``path`` exactly as written, or None if it is not a scalar."""
        return self.raws.get(path)


def child(path: str, name: str | int) -> str:
    """Return the path of a field or an item below ``path``."""
    if isinstance(name, int):
        return f"{path}[{name}]"
    return f"{path}.{name}" if path else name


class _RefusedError(Exception):
    """A document refused before it is read: too large, too many aliases, recursive."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read(text: str) -> Source:
    """Parse ``text``; a syntax error or an unsafe document comes back as a problem."""
    try:
        root, alias_lines = _compose(text)
        if root is not None:
            _Measure(alias_lines).walk(root, "", root.start_mark.line + 1)
    except _RefusedError as refusal:
        return Source(data=None, problems=[refusal.problem])
    except yaml.reader.ReaderError as error:
        at = text[: error.position].count("\n") + 1
        return Source(data=None, problems=[Problem("", _control(chr(error.character)), at)])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or error.context or "not valid YAML"
        return Source(data=None, problems=[Problem("", f"not valid YAML: {reason}", line)])
    except yaml.YAMLError as error:
        return Source(data=None, problems=[Problem("", f"not valid YAML: {error}")])
    source = Source(data=None)
    if root is not None:
        source.data = _convert(root, "", source)
    return source


def _compose(text: str) -> tuple[Node | None, dict[Slot, int]]:
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise _RefusedError(Problem("", TOO_LARGE))
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_node(), loader.alias_lines
    finally:
        loader.dispose()


class _BoundedLoader(yaml.SafeLoader):
    """Composes the node graph (aliases stay shared, unexpanded), within bounds."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0
        self.depth = 0
        self.alias_lines: dict[Slot, int] = {}  # a shared node keeps the line it was defined on

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        line = self.peek_event().start_mark.line + 1  # type: ignore[no-untyped-call]
        if self.check_event(AliasEvent):
            self.aliases += 1
            self.alias_lines[_slot(parent, index)] = line
            if self.aliases > MAX_ALIASES:
                message = f"more than {MAX_ALIASES} aliases (*name); write the values out"
                raise _RefusedError(Problem("", message, line))
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _RefusedError(
                    Problem("", f"values are nested more than {MAX_DEPTH} deep", line)
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Measure:
    """Counts the values a node graph stands for, without expanding it; finds cycles."""

    def __init__(self, alias_lines: dict[Slot, int]) -> None:
        self.alias_lines = alias_lines
        self.sizes: dict[int, int] = {}
        self.open: set[int] = set()  # the nodes being measured: meeting one again is a cycle
        self.total = 0

    def walk(self, node: Node, path: str, line: int) -> int:
        """Return how many values ``node`` stands for; refuse past ``MAX_VALUES``."""
        if id(node) in self.open:
            raise _RefusedError(
                Problem(path, "this value contains itself (a recursive alias)", line)
            )
        size = self.sizes.get(id(node))
        if size is None:
            self.open.add(id(node))
            self.total += 1  # each value below adds itself
            self._bound(path, line)
            size = 1 + sum(self._below(node, path))
            self.open.discard(id(node))
            self.sizes[id(node)] = size
        else:
            self.total += size  # met again through an alias: all it stands for, once more
        self._bound(path, line)
        return size

    def _below(self, node: Node, path: str) -> Iterator[int]:
        for item, place, slot in _children(node, path):
            yield self.walk(item, place, self.alias_lines.get(slot, item.start_mark.line + 1))

    def _bound(self, path: str, line: int) -> None:
        if self.total > MAX_VALUES:
            message = f"the file stands for more than {MAX_VALUES:,} values (aliases repeat them)"
            raise _RefusedError(Problem(path, message, line))


Slot = tuple[int, int | None]  # (parent node, index or key node): where an alias was written


def _slot(parent: Node | None, index: object) -> Slot:
    return id(parent), index if isinstance(index, int) else id(index) if index else None


def _children(node: Node, path: str) -> list[tuple[Node, str, Slot]]:
    if isinstance(node, MappingNode):
        found: list[tuple[Node, str, Slot]] = []
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else "?"
            found += [(key, path, _slot(node, None)), (value, child(path, name), _slot(node, key))]
        return found
    if isinstance(node, SequenceNode):
        return [(item, child(path, i), _slot(node, i)) for i, item in enumerate(node.value)]
    return []


def _control(character: str) -> str:
    name = "an ANSI escape" if character == "\x1b" else "a control character"
    return f"contains {name} (U+{ord(character):04X}); only tabs and line breaks are allowed"


def _convert(node: Node, path: str, source: Source) -> object:
    source.lines[path] = node.start_mark.line + 1
    if isinstance(node, MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                source.problems.append(Problem(path, "a field name must be plain text", line))
                continue
            place = child(path, key)
            if found := CONTROL.search(key):
                source.problems.append(Problem(path, f"a field name {_control(found[0])}", line))
                continue
            if key in result:
                first = source.lines.get(place)
                message = f"field {key!r} is given twice (first on line {first})"
                source.problems.append(Problem(place, message, line))
                continue
            result[key] = _convert(value_node, place, source)
        return result
    if isinstance(node, SequenceNode):
        return [_convert(item, child(path, i), source) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    source.raws[path] = node.value
    if found := CONTROL.search(node.value):
        source.problems.append(Problem(path, _control(found[0]), node.start_mark.line + 1))
        source.unreadable.add(path)
        return None
    return _scalar(node, path, source)


def _scalar(node: ScalarNode, path: str, source: Source) -> object:
    constructor = yaml.SafeLoader("")
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError) as error:
        reason = getattr(error, "problem", None) or str(error)
        line = node.start_mark.line + 1
        source.problems.append(Problem(path, f"cannot read {node.value!r}: {reason}", line))
        source.unreadable.add(path)
        return node.value
