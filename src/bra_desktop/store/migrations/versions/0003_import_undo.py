"""import undo: what each import changed, as it was before

Undo of an import used to restore the backup taken before it, which only a SQLite file has.
The states before the import, kept in the register, undo it on PostgreSQL as well.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_undo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=100), nullable=False),
    sa.Column('record_written', sa.Boolean(), nullable=False),
    sa.Column('record', sa.Text(), nullable=True),
    sa.Column('base_moved', sa.Boolean(), nullable=False),
    sa.Column('base', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['receipt_id'], ['bundle_receipt.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('import_undo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_undo_receipt_id'), ['receipt_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('import_undo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_undo_receipt_id'))
    op.drop_table('import_undo')
