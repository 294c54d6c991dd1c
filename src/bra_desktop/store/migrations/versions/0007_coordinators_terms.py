"""networks, commitments and activities in the coordinators' terms

Fields added to existing kinds by bundle format 3 (`FieldSpec.since_format`): a network's convener,
members and meeting cadence; the municipalities a commitment concerns; the länsstyrelse's role in an
activity and its further target groups; a problem area's national theme; and on activities,
commitments and problem areas a mark that keeps them from the other counties. All are optional: records
stored before keep their content and their hash (`domain/content.py`).

One label changes with them: the organisation type POLIS was called "Polismyndigheten", of which a
register held ten (the authority, its regions, local police areas); it is now "Polisen". A label
Brå has changed already is left as it is.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


POLICE_LABELS = {
    'old': ('Polismyndigheten', 'Swedish Police Authority'),
    'new': ('Polisen', 'Police'),
}


def _relabel_police(old: tuple[str, str], new: tuple[str, str]) -> None:
    code_item = sa.table('code_item', sa.column('list_name'), sa.column('code'), sa.column('label_sv'), sa.column('label_en'))
    op.execute(code_item.update()
               .where(code_item.c.list_name == 'aktorstyp', code_item.c.code == 'POLIS', code_item.c.label_sv == old[0])
               .values(label_sv=new[0], label_en=new[1]))


def upgrade() -> None:
    _relabel_police(POLICE_LABELS['old'], POLICE_LABELS['new'])
    op.create_table('network_member',
    sa.Column('network_id', sa.String(length=36), nullable=False),
    sa.Column('organisation_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['network.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('network_id', 'organisation_id')
    )
    with op.batch_alter_table('network_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_member_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('activity_target_group',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', 'code')
    )
    op.create_table('commitment_municipality',
    sa.Column('commitment_id', sa.String(length=36), nullable=False),
    sa.Column('municipality_code', sa.String(length=4), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitment.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code'], ),
    sa.PrimaryKeyConstraint('commitment_id', 'municipality_code')
    )
    with op.batch_alter_table('commitment_municipality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_municipality_municipality_code'), ['municipality_code'], unique=False)

    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('county_role', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('sharing', sa.String(length=40), nullable=True))
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sharing', sa.String(length=40), nullable=True))

    if op.get_bind().dialect.name == 'sqlite':
        # the reference in the column itself: SQLite adds it so, without copying the table (which
        # activities and commitments refer to); Alembic's batch mode would copy it
        op.execute('ALTER TABLE network ADD COLUMN convener_org_id VARCHAR(36) REFERENCES organisation (id)')
    else:
        op.add_column('network', sa.Column('convener_org_id', sa.String(length=36), nullable=True))
        op.create_foreign_key(None, 'network', 'organisation', ['convener_org_id'], ['id'])
    with op.batch_alter_table('network', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_cadence', sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f('ix_network_convener_org_id'), ['convener_org_id'], unique=False)

    with op.batch_alter_table('problem_area', schema=None) as batch_op:
        batch_op.add_column(sa.Column('theme', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('sharing', sa.String(length=40), nullable=True))



def downgrade() -> None:
    _relabel_police(POLICE_LABELS['new'], POLICE_LABELS['old'])
    with op.batch_alter_table('problem_area', schema=None) as batch_op:
        batch_op.drop_column('sharing')
        batch_op.drop_column('theme')

    with op.batch_alter_table('network', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_convener_org_id'))
        batch_op.drop_column('meeting_cadence')
        batch_op.drop_column('convener_org_id')

    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.drop_column('sharing')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_column('sharing')
        batch_op.drop_column('county_role')

    with op.batch_alter_table('commitment_municipality', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_municipality_municipality_code'))

    op.drop_table('commitment_municipality')
    op.drop_table('activity_target_group')
    with op.batch_alter_table('network_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_member_organisation_id'))

    op.drop_table('network_member')
