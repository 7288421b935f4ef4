"""``GET /calendar/<token>.ics``: a member's private calendar feed, always current.

Calendar apps poll it; ``ETag``/``Last-Modified`` let them ask cheaply and get ``304``
when nothing changed. Any path under ``/calendar/`` that does not name an active token
gets the same bare ``404``, so a stranger learns nothing by guessing.
"""

from __future__ import annotations

import logging
from email.utils import format_datetime, parsedate_to_datetime

from sqlalchemy import Engine
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler

from bot.services.calendars import Feed, feed_for_token
from bot.storage.db import session_scope

logger = logging.getLogger(__name__)
# Every path under /calendar/ comes here, well formed or not, to be answered alike.
FEED_ROUTE = r"/calendar/(.*)"
TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class CalendarFeedHandler(RequestHandler):
    """Serve the feed of the token in the path, or a bare 404."""

    def initialize(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, name: str) -> None:
        token = name.removesuffix(".ics") if name.endswith(".ics") else ""
        feed = None
        if token and set(token) <= TOKEN_CHARS and len(token) <= 64:
            # A short query on the bot's own database; the listener waits for it.
            with session_scope(self.engine) as session:
                feed = feed_for_token(session, token)
        if feed is None:
            self._not_found()
            return
        self.set_header("ETag", feed.etag)
        self.set_header("Last-Modified", format_datetime(feed.last_modified, usegmt=True))
        self.set_header("Cache-Control", "private, no-cache")
        if self._unchanged(feed):
            self.set_status(304)
            self.finish()
            return
        self.set_header("Content-Type", "text/calendar; charset=utf-8")
        self.set_header("Content-Disposition", 'inline; filename="comitiva.ics"')
        self.finish(feed.body)

    def head(self, name: str) -> None:
        self.get(name)

    def _unchanged(self, feed: Feed) -> bool:
        """Tell whether the client's copy is current (If-None-Match wins, as RFC 9110 says)."""
        tags = self.request.headers.get("If-None-Match")
        if tags is not None:
            given = {t.strip().removeprefix("W/") for t in tags.split(",")}
            return feed.etag in given or "*" in given
        since = self.request.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return feed.last_modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False

    def _not_found(self) -> None:
        # Nothing but the status: no body, no hint whether the token ever existed.
        self.clear()
        self.set_status(404)
        self.clear_header("Content-Type")
        self.finish()


def feed_routes(engine: Engine) -> list[tuple[str, type[RequestHandler], dict[str, object]]]:
    """Return the route of the calendar feed, to mount on a web application."""
    return [(FEED_ROUTE, CalendarFeedHandler, {"engine": engine})]


def feed_server(engine: Engine) -> WebApplication:
    """Return a web application that serves only the calendar feed (polling mode)."""
    return WebApplication(feed_routes(engine))
