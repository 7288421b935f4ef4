"""Texts for people: catalogues in each language, renderers, views."""
