"""Find the people, organisations and places a question names, however it spells them.

Names are folded (case, accents, punctuation) with ``unicodedata``, honorifics and Korean
particles are set aside, and what is left is compared with every known name and alias
by rapidfuzz, so "mosi", "Lopez", "sr. ortega" and "모시는" all find their person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from schedule.itinerary import Itinerary

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "sr", "sra", "srta", "senor", "senora", "don", "dona", "dr",
    "dra", "prof", "lic", "ing", "minister", "president", "director", "general", "executive",
    "ambassador", "excellency", "he", "h e", "his", "her", "deputy", "vice",
    "씨", "님", "장관", "대표", "총재", "사장", "대사", "국장", "의장", "박사", "선생",
}  # fmt: skip
# Korean particles that stick to the end of a name: "모시는", "로페스와", "오르테가를".
PARTICLES = (
    "에게서는", "한테서는", "에서는", "에게는", "한테는", "으로는", "이랑은", "와는", "과는",
    "에는", "로는", "에게서", "한테서", "이랑", "에게", "한테", "께서", "에서", "으로",
    "이는", "이가", "은", "는", "이", "가", "을", "를", "와", "과", "의", "랑", "도", "만",
    "에", "로", "님", "씨",
)  # fmt: skip
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def jamo(text: str) -> str:
    """Spell Hangul syllables as their letters, so one wrong letter is a small typo."""
    return unicodedata.normalize("NFD", text) if HANGUL.search(text) else text


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, and collapse spaces (Hangul is kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = unicodedata.normalize("NFC", bare).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", bare).replace("_", " ").split())


def strip_particle(token: str) -> str:
    """Remove a Korean particle from the end of a Hangul word."""
    if not HANGUL.search(token):
        return token
    for particle in PARTICLES:
        if token.endswith(particle) and len(token) > len(particle) + 1:
            return token[: -len(particle)]
    return token


@dataclass(frozen=True)
class Entity:
    """Something a question can name: a counterpart, an organisation or a place (a stop)."""

    kind: str  # person | organisation | place
    key: str  # counterpart or organisation key; for a place, the stop's city
    label: str


@dataclass(frozen=True)
class Match:
    """An entity found in a question, with how well it matched and where."""

    entity: Entity
    score: float
    start: int  # token span in the folded question
    end: int


@dataclass(frozen=True)
class NameIndex:
    """Every name and alias of the itinerary, folded, with the entity it stands for."""

    names: tuple[str, ...]
    entities: tuple[Entity, ...]
    spelled: tuple[str, ...] = ()  # the names with Hangul spelled out letter by letter

    def candidates(self, name: str, limit: int = 3) -> list[Entity]:
        """Return the entities whose names are closest to ``name``, best first."""
        found = process.extract(fold(name), self.names, scorer=fuzz.WRatio, limit=limit * 4)
        result: list[Entity] = []
        for _, score, index in found:
            entity = self.entities[index]
            if score >= 75 and entity not in result and entity.kind != "place":
                result.append(entity)
        return result[:limit]


def build_index(itinerary: Itinerary) -> NameIndex:
    """Index every counterpart, organisation and stop by all the names people use."""
    pairs: list[tuple[str, Entity]] = []
    for person in itinerary.counterparts:
        entity = Entity("person", person.key, person.name)
        names = [person.name, person.key, *person.aliases]
        # A surname or given name alone ("Mossi", "Dante") names the person too.
        names += [part for part in fold(person.name).split() if len(part) >= 4]
        pairs += [(fold(n), entity) for n in names]
    for body in itinerary.organisations:
        entity = Entity("organisation", body.key, body.short or body.name)
        names = [body.name, *body.aliases, *([body.short] if body.short else [])]
        pairs += [(fold(n), entity) for n in names]
    for stop in itinerary.stops:
        entity = Entity("place", stop.city, stop.city)
        pairs += [(fold(n), entity) for n in (stop.city, stop.country, *stop.aliases)]
    pairs = [(name, entity) for name, entity in pairs if name]
    return NameIndex(
        tuple(n for n, _ in pairs),
        tuple(e for _, e in pairs),
        tuple(jamo(n) for n, _ in pairs),
    )


_INDEXES: dict[int, tuple[Itinerary, NameIndex]] = {}


def cached_index(itinerary: Itinerary) -> NameIndex:
    """Return the index of ``itinerary``, built once per itinerary object.

    Keyed by identity, not by value: the store hands out the same object until the
    itinerary changes, and hashing 300 events on every question would cost more than it saves.
    """
    found = _INDEXES.get(id(itinerary))
    if found is not None and found[0] is itinerary:
        return found[1]
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    index = build_index(itinerary)
    _INDEXES[id(itinerary)] = (itinerary, index)
    return index


def _threshold(text: str) -> float:
    """How close a span must be: exact for short words, a typo allowed in longer ones."""
    size = len(text.replace(" ", ""))
    if HANGUL.search(text):
        return 100 if size <= 2 else 80
    if size <= 3:
        return 100
    if size <= 5:
        return 80
    return 84


def find_entities(
    question: str, index: NameIndex, *, skip: frozenset[str] = frozenset()
) -> list[Match]:
    """Return the entities the question names, longest and best spans first, not overlapping.

    ``skip`` holds words that never name anything (the question's own vocabulary).
    """
    tokens = [strip_particle(t) for t in fold(question).split()]
    tokens = [t for t in tokens if t not in HONORIFICS]
    found: list[Match] = []
    for size in range(min(6, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            words = tokens[start : start + size]
            if words[0] in skip or words[-1] in skip:
                continue  # a name starts and ends with words of its own
            span = " ".join(words)
            cutoff = _threshold(span)
            for name, score, index_ in process.extract(
                jamo(span), index.spelled, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8
            ):
                if size == 1 and len(name.split()) > 2:
                    continue  # one word is not the whole of a long name
                found.append(Match(index.entities[index_], score, start, start + size))
            if size >= 2:
                found += _containing(span, index, start, start + size)
    return _best_spans(found)


CONTAINED = 90.0  # a span that is a whole part of a longer name ("ministry of foreign affairs")


def _containing(span: str, index: NameIndex, start: int, end: int) -> list[Match]:
    """Match every name that contains the span as whole words: all of them tie."""
    padded = f" {span} "
    words = set(span.split())
    return [
        Match(entity, CONTAINED, start, end)
        for name, entity in zip(index.names, index.entities, strict=True)
        if name != span and (padded in f" {name} " or words <= set(name.split()))
    ]


TIE = 3.0  # points: names this close for the same words leave the question ambiguous


def _best_spans(found: list[Match]) -> list[Match]:
    """Keep the longest, best spans; drop the ones they overlap; a near tie keeps both."""
    found.sort(key=lambda m: (-(m.end - m.start), -m.score))
    taken: list[Match] = []
    for match in found:
        overlapping = [t for t in taken if match.start < t.end and t.start < match.end]
        if not overlapping:
            taken.append(match)
        elif all(
            (t.start, t.end) == (match.start, match.end)
            and t.score - match.score <= TIE
            and t.entity.kind == match.entity.kind
            for t in overlapping
        ):
            taken.append(match)  # the same words name two things: the question is ambiguous
    unique: dict[Entity, Match] = {}
    for match in taken:
        unique.setdefault(match.entity, match)
    return sorted(unique.values(), key=lambda m: m.start)
