"""Units of work: members and invites, announcements, edits, outbox planning."""
