"""content hash: every record keeps the hash of its business content

An import of a re-sent national bundle compared each row with the record it names by loading that
record, links and all: most of the time of planning it. With the hash kept beside the record, a row
that is the record held here is known by its hash alone.

Existing records get theirs after the upgrade (`migrate.fill_content_hashes`), from the app's code
at the newest schema: a migration that imported the app's models would break as soon as a later
revision added a column they know.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

TABLES = ('activity', 'commitment', 'problem_area', 'network', 'organisation')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('content_hash', sa.String(length=64), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('content_hash')
