"""Floods: each chat gets a few updates a second; a stranger hears "members only" once a day.

In memory, per process: a flood is a burst of seconds, and after a restart a stranger may
hear the refusal once more, which is harmless. Time comes from the caller (the clock).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# A member tapping through day buttons or a preview fast is no flood: ten at once, three a
# second after that (six at once cut off an organiser pressing seven buttons in a row).
BURST = 10  # updates a chat may send at once
PER_SECOND = 3.0  # and then, on average
MAX_CHATS = 10_000  # forget the quietest chats beyond this, so memory stays bounded


@dataclass
class _Bucket:
    tokens: float
    at: datetime
    warned: bool = False


@dataclass(frozen=True)
class Verdict:
    """Whether to handle an update, and whether to tell the chat to slow down (once)."""

    allowed: bool
    warn: bool = False


@dataclass
class FloodGuard:
    """A token bucket per chat: ``BURST`` at once, ``PER_SECOND`` after that."""

    burst: int = BURST
    per_second: float = PER_SECOND
    _buckets: dict[int, _Bucket] = field(default_factory=dict)
    _refused: dict[int, date] = field(default_factory=dict)

    def admit(self, chat_id: int, now: datetime) -> Verdict:
        """Take one update from ``chat_id``; say whether it is handled, and warn once a flood."""
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            self._forget_if_full()
            bucket = self._buckets[chat_id] = _Bucket(float(self.burst), now)
        elapsed = max(0.0, (now - bucket.at).total_seconds())
        bucket.tokens = min(float(self.burst), bucket.tokens + elapsed * self.per_second)
        bucket.at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            if bucket.tokens >= self.burst - 1:
                bucket.warned = False  # the flood is over: a later one is warned again
            return Verdict(allowed=True)
        warn, bucket.warned = not bucket.warned, True
        return Verdict(allowed=False, warn=warn)

    def first_refusal_today(self, user_id: int, today: date) -> bool:
        """Tell whether a stranger should hear the refusal: once a day, then silence."""
        if self._refused.get(user_id) == today:
            return False
        if len(self._refused) >= MAX_CHATS:
            self._refused.clear()
        self._refused[user_id] = today
        return True

    def _forget_if_full(self) -> None:
        if len(self._buckets) >= MAX_CHATS:
            oldest = sorted(self._buckets, key=lambda chat: self._buckets[chat].at)
            for chat in oldest[: MAX_CHATS // 10]:
                del self._buckets[chat]
