"""Read YAML while remembering where every value came from.

The itinerary checker reports each problem with its place (``events[3].start``) and its
line in the file, so the loader keeps, for every path, the line it starts on and, for
scalars, the text exactly as written (``07:00`` must not become the sexagesimal 420).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with its place and line."""

    place: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}, {self.place}" if self.line else self.place or "file"
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


def read(text: str) -> Source:
    """Parse ``text``; a syntax error comes back as a problem, never as an exception."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
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


def _convert(node: Node, path: str, source: Source) -> object:
    source.lines[path] = node.start_mark.line + 1
    if isinstance(node, MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                line = key_node.start_mark.line + 1
                source.problems.append(Problem(path, "a field name must be plain text", line))
                continue
            place = child(path, key)
            if key in result:
                line = key_node.start_mark.line + 1
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
