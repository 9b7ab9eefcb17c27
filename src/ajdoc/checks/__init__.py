"""Checks of role and directive files: the lint (role, directive, files), the unit check across
files (unit), titles (titles)."""
