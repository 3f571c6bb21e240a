"""Factories of news/ (filled by the news work)."""
