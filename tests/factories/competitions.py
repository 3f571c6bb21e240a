"""Factories of registry/competitions (filled by the competitions work)."""
