"""Alembic environment: runs on the connection the app hands over (`config.attributes`).

For a developer's `alembic revision --autogenerate`, `alembic.ini` at the repository root points
`sqlalchemy.url` at a scratch database.
"""

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import bra_desktop.domain.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def _run(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run(conn)
