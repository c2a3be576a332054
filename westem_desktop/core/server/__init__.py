"""A WESTEM database on a PostgreSQL server (a faculty's shared database).

``engine.py`` opens one with the same ``Database`` API as a file; ``schema.py`` creates and migrates the
schema (``westem-desktop server init`` / ``server upgrade``); ``security.py`` adds what exists only on a
server: access per programme, the audit (``audit.py``), the shared mentor register (``register.py``).
Nothing here is imported for a file.
"""

from __future__ import annotations

SCHEMES = ("postgresql://", "postgres://")


def is_server_url(target: object) -> bool:
    """True when ``target`` (a ``--db`` value, a setting) names a database on a server, not a file."""
    return isinstance(target, str) and target.lower().startswith(SCHEMES)
