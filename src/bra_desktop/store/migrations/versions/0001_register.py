"""register: records, links, reference data, code lists, change log

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user', sa.String(), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('source', sa.String(length=64), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_log_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_log_source'), ['source'], unique=False)

    op.create_table('code_item',
    sa.Column('list_name', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label_sv', sa.String(), nullable=False),
    sa.Column('label_en', sa.String(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('list_name', 'code')
    )
    op.create_table('county',
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('network',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=3), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('subject_area', sa.String(length=40), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('active_from', sa.Date(), nullable=True),
    sa.Column('active_to', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('network', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_origin'), ['origin'], unique=False)

    op.create_table('problem_area',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=3), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('trend', sa.String(length=40), nullable=False),
    sa.Column('first_observed', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('problem_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problem_area_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_area_origin'), ['origin'], unique=False)

    op.create_table('register_info',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('activity',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=3), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('activity_type', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('network_id', sa.String(length=36), nullable=True),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.Column('target_group', sa.String(length=40), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('follow_up', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['network_id'], ['network.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_deleted'), ['deleted'], unique=False)
        batch_op.create_index('ix_activity_live_start', ['deleted', 'start_date', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_start_date'), ['start_date'], unique=False)

    op.create_table('municipality',
    sa.Column('code', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('county_code', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['county_code'], ['county.code'], ),
    sa.PrimaryKeyConstraint('code')
    )
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_municipality_county_code'), ['county_code'], unique=False)

    op.create_table('activity_municipality',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('municipality_code', sa.String(length=4), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code'], ),
    sa.PrimaryKeyConstraint('activity_id', 'municipality_code')
    )
    with op.batch_alter_table('activity_municipality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_municipality_municipality_code'), ['municipality_code'], unique=False)

    op.create_table('activity_subject_area',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', 'code')
    )
    with op.batch_alter_table('activity_subject_area', schema=None) as batch_op:
        batch_op.create_index('ix_activity_subject_area_code', ['code', 'activity_id'], unique=False)

    op.create_table('organisation',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=3), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('org_type', sa.String(length=40), nullable=False),
    sa.Column('org_number', sa.String(length=11), nullable=True),
    sa.Column('municipality_code', sa.String(length=4), nullable=True),
    sa.Column('contact_name', sa.String(), nullable=True),
    sa.Column('contact_email', sa.String(), nullable=True),
    sa.Column('contact_phone', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_origin'), ['origin'], unique=False)

    op.create_table('problem_area_activity',
    sa.Column('problem_area_id', sa.String(length=36), nullable=False),
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], ),
    sa.ForeignKeyConstraint(['problem_area_id'], ['problem_area.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('problem_area_id', 'activity_id')
    )
    with op.batch_alter_table('problem_area_activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problem_area_activity_activity_id'), ['activity_id'], unique=False)

    op.create_table('problem_area_municipality',
    sa.Column('problem_area_id', sa.String(length=36), nullable=False),
    sa.Column('municipality_code', sa.String(length=4), nullable=False),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code'], ),
    sa.ForeignKeyConstraint(['problem_area_id'], ['problem_area.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('problem_area_id', 'municipality_code')
    )
    with op.batch_alter_table('problem_area_municipality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problem_area_municipality_municipality_code'), ['municipality_code'], unique=False)

    op.create_table('activity_organisation',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('organisation_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('activity_id', 'organisation_id')
    )
    with op.batch_alter_table('activity_organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_organisation_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('commitment',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=3), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('network_id', sa.String(length=36), nullable=True),
    sa.Column('responsible_org_id', sa.String(length=36), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('progress_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['network_id'], ['network.id'], ),
    sa.ForeignKeyConstraint(['responsible_org_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitment_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitment_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitment_responsible_org_id'), ['responsible_org_id'], unique=False)

    op.create_table('commitment_activity',
    sa.Column('commitment_id', sa.String(length=36), nullable=False),
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], ),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitment.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('commitment_id', 'activity_id')
    )
    with op.batch_alter_table('commitment_activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_activity_activity_id'), ['activity_id'], unique=False)

    op.create_table('problem_area_commitment',
    sa.Column('problem_area_id', sa.String(length=36), nullable=False),
    sa.Column('commitment_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitment.id'], ),
    sa.ForeignKeyConstraint(['problem_area_id'], ['problem_area.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('problem_area_id', 'commitment_id')
    )
    with op.batch_alter_table('problem_area_commitment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problem_area_commitment_commitment_id'), ['commitment_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('problem_area_commitment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problem_area_commitment_commitment_id'))

    op.drop_table('problem_area_commitment')
    with op.batch_alter_table('commitment_activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_activity_activity_id'))

    op.drop_table('commitment_activity')
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_responsible_org_id'))
        batch_op.drop_index(batch_op.f('ix_commitment_origin'))
        batch_op.drop_index(batch_op.f('ix_commitment_network_id'))
        batch_op.drop_index(batch_op.f('ix_commitment_deleted'))

    op.drop_table('commitment')
    with op.batch_alter_table('activity_organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_organisation_organisation_id'))

    op.drop_table('activity_organisation')
    with op.batch_alter_table('problem_area_municipality', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problem_area_municipality_municipality_code'))

    op.drop_table('problem_area_municipality')
    with op.batch_alter_table('problem_area_activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problem_area_activity_activity_id'))

    op.drop_table('problem_area_activity')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_origin'))
        batch_op.drop_index(batch_op.f('ix_organisation_deleted'))

    op.drop_table('organisation')
    with op.batch_alter_table('activity_subject_area', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_subject_area_code')

    op.drop_table('activity_subject_area')
    with op.batch_alter_table('activity_municipality', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_municipality_municipality_code'))

    op.drop_table('activity_municipality')
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_municipality_county_code'))

    op.drop_table('municipality')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_start_date'))
        batch_op.drop_index(batch_op.f('ix_activity_origin'))
        batch_op.drop_index(batch_op.f('ix_activity_network_id'))
        batch_op.drop_index('ix_activity_live_start')
        batch_op.drop_index(batch_op.f('ix_activity_deleted'))

    op.drop_table('activity')
    op.drop_table('register_info')
    with op.batch_alter_table('problem_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problem_area_origin'))
        batch_op.drop_index(batch_op.f('ix_problem_area_deleted'))

    op.drop_table('problem_area')
    with op.batch_alter_table('network', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_origin'))
        batch_op.drop_index(batch_op.f('ix_network_deleted'))

    op.drop_table('network')
    op.drop_table('county')
    op.drop_table('code_item')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_source'))
        batch_op.drop_index(batch_op.f('ix_change_log_record_id'))
        batch_op.drop_index(batch_op.f('ix_change_log_at'))

    op.drop_table('change_log')
