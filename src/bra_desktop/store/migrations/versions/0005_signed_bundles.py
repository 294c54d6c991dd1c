"""signed bundles: pinned senders' keys, and the key that signed each bundle

A register signs its bundles and pins the keys of those it reads (bundle/signing.py). The
register's own key pair is kept in register_info (created on first start, store/keys.py); this
revision adds the pins and, per receipt, the key that signed the bundle.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('trusted_sender',
    sa.Column('producer', sa.String(length=3), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('pinned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('pinned_by', sa.String(), nullable=False),
    sa.Column('how', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('producer')
    )
    with op.batch_alter_table('bundle_receipt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signer', sa.String(length=64), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('bundle_receipt', schema=None) as batch_op:
        batch_op.drop_column('signer')
    op.drop_table('trusted_sender')
