"""The sample delegation scaled up: 200 members, 300 events, 200 counterparts."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.itinerary.checker import load_itinerary_file
from schedule.itinerary import Counterpart, Event, Itinerary, Member, Organisation

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Ana", "Luis", "María", "José", "Carmen", "Jorge", "Lucía", "Pedro", "Rosa", "Diego"]
LAST = [
    "García",
    "Martínez",
    "Rodríguez",
    "Hernández",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Flores",
    "Rivera",
    "Gómez",
    "Díaz",
    "Cruz",
    "Morales",
    "Reyes",
    "Ortiz",
    "Gutiérrez",
    "Chávez",
    "Ramos",
    "Vargas",
]
MEMBER_IDS = 9_000_000


def scaled(members: int = 200, events: int = 300, counterparts: int = 200) -> Itinerary:
    """Return the sample with generated people, organisations, members and meetings."""
    rng = random.Random(42)
    sample = load_itinerary_file(ROOT / "examples" / "korea-latam-2021.yaml")
    organisations = list(sample.organisations) + [
        Organisation(
            f"org-{n}",
            f"Agency {n} of {rng.choice(['Mexico', 'Peru', 'Panama'])}",
            short=f"AG{n}",
            country="Peru",
        )
        for n in range(60)
    ]
    people = list(sample.counterparts)
    while len(people) < counterparts:
        n = len(people)
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
        organisation = organisations[n % len(organisations)].key
        people.append(Counterpart(f"person-{n}", name, "Sr.", "Director", organisation))
    programme = list(sample.events)
    start = datetime(2021, 6, 4, 14, tzinfo=UTC)
    while len(programme) < events:
        n = len(programme)
        begins = start + timedelta(minutes=47 * n)
        programme.append(
            Event(
                f"meeting-{n}",
                f"Meeting {n}",
                begins,
                "America/Lima",
                "meeting",
                begins + timedelta(minutes=45),
                counterparts=(people[n % len(people)].key,),
            )
        )
    roster = list(sample.members) + [
        Member(f"member-{n}", f"Member {n}", telegram_id=MEMBER_IDS + n, groups=("partners",))
        for n in range(members - len(sample.members))
    ]
    return replace(
        sample,
        organisations=tuple(organisations),
        counterparts=tuple(people),
        events=tuple(programme),
        members=tuple(roster),
    )
