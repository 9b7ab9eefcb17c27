"""Checks of role files: the lint (role), the unit check across files (unit), titles (titles)."""
