"""Alembic environment: the application hands over an open connection; nothing connects by URL."""

from alembic import context

from westem_desktop.core.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("WESTEM Desktop runs migrations with a connection passed in (see core/db.py)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
