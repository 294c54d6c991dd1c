"""content hash: every record keeps the hash of its business content

An import of a re-sent national bundle compared each row with the record it names by loading that
record, links and all: most of the time of planning it. With the hash kept beside the record, a row
that is the record held here is known by its hash alone. Existing records get theirs computed here.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

TABLES = ('activity', 'commitment', 'problem_area', 'network', 'organisation')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('content_hash', sa.String(length=64), nullable=True))
    _compute_hashes()


def _compute_hashes() -> None:
    """Each stored record's hash, as the app computes it now (the content as it reads it)."""
    from bra_desktop.domain.content import normalised_hash
    from bra_desktop.domain.fields import KINDS
    from bra_desktop.store.stream import stream_records

    session = Session(bind=op.get_bind())
    for kind in KINDS.values():
        table = sa.table(kind.table_name, sa.column('id'), sa.column('content_hash'))
        statement = table.update().where(table.c.id == sa.bindparam('record_id')).values(
            content_hash=sa.bindparam('digest'))
        batch = []
        for record in stream_records(session, kind):
            batch.append({'record_id': record.id, 'digest': normalised_hash(record.content)})
            if len(batch) == 2_000:
                session.execute(statement, batch)
                batch = []
        if batch:
            session.execute(statement, batch)
    session.flush()


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('content_hash')
