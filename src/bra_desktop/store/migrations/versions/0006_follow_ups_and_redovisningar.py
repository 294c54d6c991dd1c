"""municipal follow-ups and redovisningar: the law in each municipality, the länsstyrelse's own words

Two new synced kinds, one bundle format (2): how each municipality meets Lag (2023:196) year by year
(`fields.FOLLOW_UP`, with its methods as a link table; its code lists are data, seeded on start like
the others, `store/seed.py`), and each länsstyrelse's own text of its yearly redovisning to Brå
(`fields.COUNTY_REPORT`).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('municipality_follow_up',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=3), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=True),
    sa.Column('municipality_code', sa.String(length=4), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('coordination_status', sa.String(length=40), nullable=False),
    sa.Column('coordination_since', sa.Date(), nullable=True),
    sa.Column('coordination_placement', sa.String(), nullable=True),
    sa.Column('coordination_share', sa.Integer(), nullable=True),
    sa.Column('coordinator_name', sa.String(), nullable=True),
    sa.Column('coordinator_email', sa.String(), nullable=True),
    sa.Column('coordinator_phone', sa.String(), nullable=True),
    sa.Column('situation_status', sa.String(length=40), nullable=False),
    sa.Column('situation_date', sa.Date(), nullable=True),
    sa.Column('situation_with_police', sa.String(length=40), nullable=True),
    sa.Column('plan_status', sa.String(length=40), nullable=False),
    sa.Column('plan_decided_on', sa.Date(), nullable=True),
    sa.Column('plan_decided_by', sa.String(length=40), nullable=True),
    sa.Column('plan_valid_to', sa.Date(), nullable=True),
    sa.Column('police_agreement', sa.String(length=40), nullable=True),
    sa.Column('police_agreement_valid_to', sa.Date(), nullable=True),
    sa.Column('citizen_promises', sa.String(length=40), nullable=True),
    sa.Column('citizen_promises_valid_to', sa.Date(), nullable=True),
    sa.Column('support_needs', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('next_follow_up', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('municipality_follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_municipality_follow_up_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_municipality_follow_up_municipality_code'), ['municipality_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_municipality_follow_up_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_municipality_follow_up_year'), ['year'], unique=False)

    op.create_table('county_report',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=3), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('case_number', sa.String(), nullable=True),
    sa.Column('assessment', sa.Text(), nullable=True),
    sa.Column('priorities', sa.Text(), nullable=True),
    sa.Column('regional_picture', sa.Text(), nullable=True),
    sa.Column('police_cooperation', sa.Text(), nullable=True),
    sa.Column('resources', sa.Text(), nullable=True),
    sa.Column('development_needs', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('county_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_county_report_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_county_report_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_county_report_year'), ['year'], unique=False)

    op.create_table('municipality_follow_up_method',
    sa.Column('follow_up_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['follow_up_id'], ['municipality_follow_up.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('follow_up_id', 'code')
    )


def downgrade() -> None:
    op.drop_table('municipality_follow_up_method')
    with op.batch_alter_table('county_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_county_report_year'))
        batch_op.drop_index(batch_op.f('ix_county_report_origin'))
        batch_op.drop_index(batch_op.f('ix_county_report_deleted'))

    op.drop_table('county_report')
    with op.batch_alter_table('municipality_follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_municipality_follow_up_year'))
        batch_op.drop_index(batch_op.f('ix_municipality_follow_up_origin'))
        batch_op.drop_index(batch_op.f('ix_municipality_follow_up_municipality_code'))
        batch_op.drop_index(batch_op.f('ix_municipality_follow_up_deleted'))

    op.drop_table('municipality_follow_up')
