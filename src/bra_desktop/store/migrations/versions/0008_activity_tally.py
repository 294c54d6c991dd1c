"""the activities counted per origin and year; states at a year's end

`activity_tally` (`store/tally.py`) holds what the figures count of activities, kept up to date from
the change log. It starts empty and without its marker in `register_info`, so the first read of
the figures counts every activity; a downgrade drops both, so that an upgrade again starts afresh.
The index of activities by origin gains their start date, with which the tally recounts one
producer's years after an edit. `year_end_state` (`store/year_end.py`) keeps commitments and problem
areas as they stood when a year ended; it too starts empty, with no record in `register_info` of
what it holds.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

MARKERS = ('activity_tally_through', 'year_end_states')


def _forget_marker() -> None:
    register_info = sa.table('register_info', sa.column('key'))
    op.execute(register_info.delete().where(register_info.c.key.in_(MARKERS)))


def upgrade() -> None:
    op.create_table('activity_tally',
    sa.Column('origin', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('grouping', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('detail', sa.String(length=40), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('origin', 'year', 'grouping', 'key', 'detail', 'month')
    )
    op.create_table('year_end_state',
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=True),
    sa.Column('due_date', sa.String(length=10), nullable=True),
    sa.Column('network_id', sa.String(length=36), nullable=True),
    sa.Column('responsible_org_id', sa.String(length=36), nullable=True),
    sa.Column('trend', sa.String(length=40), nullable=True),
    sa.Column('theme', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('table_name', 'year', 'record_id')
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_origin'))
        batch_op.create_index('ix_activity_origin_start', ['origin', 'start_date'], unique=False)
    _forget_marker()


def downgrade() -> None:
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_origin_start')
        batch_op.create_index(batch_op.f('ix_activity_origin'), ['origin'], unique=False)
    op.drop_table('year_end_state')
    op.drop_table('activity_tally')
    _forget_marker()
