"""How long answering a question takes, on an itinerary of 300 events and 200 counterparts.

The itinerary is the sample scaled up with generated people, organisations and meetings;
the questions mix every intent, in English and Korean, with typos. Run: ``make bench``.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime

from scaled import scaled

from bot.answers.engine import answer

GOAL_MS = 20.0
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
    itinerary = scaled()
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
