"""the activities counted per origin and year

`activity_tally` (`store/tally.py`) holds what the figures count of activities, kept up to date from
the change log. It starts empty and without its marker in `register_info`, so the first read of
the figures counts every activity; a downgrade drops both, so that an upgrade again starts afresh.

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

TALLIED_THROUGH = 'activity_tally_through'


def _forget_marker() -> None:
    register_info = sa.table('register_info', sa.column('key'))
    op.execute(register_info.delete().where(register_info.c.key == TALLIED_THROUGH))


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
    _forget_marker()


def downgrade() -> None:
    op.drop_table('activity_tally')
    _forget_marker()
