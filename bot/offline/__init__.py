"""Comitiva without Telegram: the local Bot API, its HTTP sandbox, the terminal chat."""
