"""sync bookkeeping: bundle receipts and the bases of three-way merges

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bundle_receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('direction', sa.String(length=6), nullable=False),
    sa.Column('producer', sa.String(length=3), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('processed_by', sa.String(), nullable=False),
    sa.Column('counts', sa.Text(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('backup_file', sa.String(), nullable=False),
    sa.Column('last_change_id', sa.Integer(), nullable=False),
    sa.Column('undone', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('bundle_receipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bundle_receipt_bundle_id'), ['bundle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bundle_receipt_file_sha256'), ['file_sha256'], unique=False)

    op.create_table('sync_base',
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('table_name', 'record_id')
    )


def downgrade() -> None:
    with op.batch_alter_table('bundle_receipt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bundle_receipt_file_sha256'))
        batch_op.drop_index(batch_op.f('ix_bundle_receipt_bundle_id'))

    op.drop_table('bundle_receipt')
    op.drop_table('sync_base')
