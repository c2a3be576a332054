"""Read models of the screens: one module per tab or panel, each function taking the open ``Database`` and
returning plain values (named tuples, lists, dicts), never ORM objects or a session.

They read through ``Database.read()`` (plain ``sqlite3``, for the fast tables of ``core/read.py``) or
``Database.reading()`` (a deferred, query-only session for the services' queries): a screen that reads
never takes the write lock, and ``ui/`` imports neither SQLAlchemy nor the ORM models.
"""
