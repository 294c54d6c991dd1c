"""indexes that hold the fields the figures count of commitments and problem areas

Översikt's figures count and list live commitments and problem areas as they stand by a few
fields (`reports/figures.py`). Read from the tables, each count went through rows that carry every
description; these indexes hold just those fields, so that the counts read the index alone.
The two tables are analysed again: an index without statistics looks selective on `deleted` to
SQLite, which then reads the rows of other queries through it, one look-up each.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.create_index('ix_commitment_state', ['deleted', 'status', 'network_id', 'due_date',
                                                      'responsible_org_id', 'origin', 'id', 'title'], unique=False)
    with op.batch_alter_table('problem_area', schema=None) as batch_op:
        batch_op.create_index('ix_problem_area_state', ['deleted', 'trend', 'status', 'theme', 'origin', 'id'],
                              unique=False)
    op.execute('ANALYZE commitment')
    op.execute('ANALYZE problem_area')


def downgrade() -> None:
    with op.batch_alter_table('problem_area', schema=None) as batch_op:
        batch_op.drop_index('ix_problem_area_state')
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.drop_index('ix_commitment_state')
