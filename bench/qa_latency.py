"""How long answering a question takes, on an itinerary of 300 events and 200 counterparts.

The itinerary is the sample scaled up with generated people, organisations and meetings;
the questions mix every intent, in English and Korean, with typos. Run: ``make bench``.
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.answers import answer
from bot.itinerary_file import load_itinerary_file
from schedule.itinerary import Counterpart, Event, Itinerary, Organisation

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 20.0
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


def scaled(sample: Itinerary, rng: random.Random) -> Itinerary:
    """The sample with 200 counterparts, 60 more organisations and 300 events in all."""
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
    while len(people) < 200:
        n = len(people)
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
        people.append(
            Counterpart(
                f"person-{n}", name, "Sr.", "Director", organisations[n % len(organisations)].key
            )
        )
    events = list(sample.events)
    start = datetime(2021, 6, 4, 14, tzinfo=UTC)
    while len(events) < 300:
        n = len(events)
        begins = start + timedelta(minutes=47 * n)
        events.append(
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
    return replace(
        sample,
        organisations=tuple(organisations),
        counterparts=tuple(people),
        events=tuple(events),
    )


QUESTIONS = [
    "who is Mr. Mossi?",
    "who is mosi",
    "when do we see Panama Metro?",
    "what is CABEI",
    "what time is it in Lima and at home?",
    "where are we staying tonight?",
    "who are we meeting tomorrow?",
    "who do we meet in Panama?",
    "what is next?",
    "what's on 10 June?",
    "what projects are we discussing in Peru?",
    "Lopez title",
    "모시는 누구야?",
    "파나마 메트로는 언제 만나?",
    "리마는 지금 몇 시야?",
    "내일 일정",
    "who is Sr. Garcia Torres",
    "where do we meet Hector Ortega",
    "tell me a joke",
    "which organisation does Ortega work for",
    "what is the ministry of foreign affairs",
]


def main() -> dict[str, object]:
    rng = random.Random(42)
    itinerary = scaled(load_itinerary_file(ROOT / "examples" / "korea-latam-2021.yaml"), rng)
    now = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)
    answer(QUESTIONS[0], itinerary, now=now)  # build the name index once, as the bot does
    timings = []
    for _ in range(40):
        for question in QUESTIONS:
            started = time.perf_counter()
            answer(question, itinerary, now=now)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p99 = timings[int(len(timings) * 0.99) - 1]
    return {
        "name": f"answer a question, p99 of {len(timings)} (300 events, 200 counterparts)",
        "value": round(p99, 2),
        "unit": "ms",
        "p50": round(statistics.median(timings), 2),
        "goal": GOAL_MS,
        "ratio_to_goal": round(p99 / GOAL_MS, 2),
        "pass": p99 < GOAL_MS,
    }


if __name__ == "__main__":
    print(main())
