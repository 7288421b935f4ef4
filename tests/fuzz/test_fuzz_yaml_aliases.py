"""Fuzzing, bounded for CI: YAML with aliases and nesting is refused or read, within bounds.

Reading never raises, never expands past ``MAX_VALUES`` and keeps its memory small, however
the anchors repeat, nest or refer to themselves; wall time is not asserted (a shared machine
would make it flaky): the count of values and the traced memory stand for it.
"""

from __future__ import annotations

import tracemalloc
from dataclasses import dataclass

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.itinerary.checker import ItineraryError, parse_itinerary
from bot.itinerary.source import MAX_ALIASES, MAX_DEPTH, MAX_VALUES, read

BOUNDED = settings(max_examples=80, deadline=None, derandomize=True)
MEMORY = 8_000_000  # bytes: far below what one unbounded expansion takes


@dataclass
class Document:
    """A YAML text of anchors repeating earlier ones, and what a reader must make of it."""

    text: str
    values: int  # every value it stands for, each repeat counted again
    refused: bool  # it refers to itself, nests too deep or has too many aliases


@st.composite
def alias_documents(draw: st.DrawFn) -> Document:
    """Return a document whose anchors repeat earlier ones, some nested, some recursive."""
    sizes: list[int] = []
    lines = []
    aliases, refused = 0, False
    levels = draw(st.integers(1, 12))
    loop = draw(st.integers(0, 4 * levels))  # at most one anchor inside itself, now and then
    for level in range(levels):
        items, size = [], 0
        for _ in range(draw(st.integers(1, 12))):
            ref = draw(st.integers(-1, level - 1))
            if ref >= 0:
                items.append(f"*a{ref}")
                size += sizes[ref]
            else:
                items.append('"lol"')
                size += 1
        if level == loop:
            items.append(f"*a{level}")
            refused = True
        aliases += sum(item.startswith("*") for item in items)
        # Far from the bound on either side: too deep is refused, shallow is read.
        deep = draw(st.integers(0, 30)) == 0
        depth = draw(st.integers(MAX_DEPTH + 6, MAX_DEPTH + 30) if deep else st.integers(0, 20))
        wrapped = depth > 0 and draw(st.booleans())
        value = "[" * depth + ", ".join(items) + "]" * depth
        if wrapped:
            value = "{k: " + value + "}"
        refused = refused or depth > MAX_DEPTH - 5
        lines.append(f"a{level}: &a{level} [{value}]")
        sizes.append(1 + depth + size + (2 if wrapped else 0))
    values = 1 + len(sizes) + sum(sizes)  # the root mapping, its keys and their values
    refused = refused or aliases > MAX_ALIASES or values > MAX_VALUES
    return Document("\n".join(lines) + "\n", values, refused)


def laughs(levels: int) -> Document:
    """Return the "billion laughs" document: each level repeats the one above 9 times."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * 9) + "]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return Document("\n".join(lines) + "\n", 0, refused=True)


def values_in(data: object) -> int:
    """Count every value of read data, each repeat counted again."""
    if isinstance(data, dict):
        return 1 + sum(1 + values_in(v) for v in data.values())
    if isinstance(data, list):
        return 1 + sum(values_in(v) for v in data)
    return 1


@BOUNDED
@given(alias_documents())
@example(laughs(9))  # refused for what it stands for
@example(laughs(13))  # refused for its count of aliases
def test_aliases_and_nesting_are_refused_or_read_within_bounds(document: Document) -> None:
    tracemalloc.start()
    try:
        source = read(document.text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY
    if document.refused:
        [problem] = source.problems
        assert problem.line is not None
        assert source.data is None
    else:
        assert source.problems == []
        assert values_in(source.data) == document.values <= MAX_VALUES


@BOUNDED
@given(alias_documents())
def test_the_checker_refuses_alias_bombs_with_their_line_never_an_exception(
    document: Document,
) -> None:
    with pytest.raises(ItineraryError) as refused:  # none of these is an itinerary
        parse_itinerary(document.text)
    assert refused.value.problems
