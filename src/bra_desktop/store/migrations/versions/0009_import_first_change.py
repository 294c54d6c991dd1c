"""where an import's change-log entries begin

`bundle_receipt.first_change_id` is the change log's last id before an import wrote anything: the
entries after it, up to `last_change_id`, with the bundle's id as their source, are the import's.
Undo finds there the records an import created, which no longer need a row each in `import_undo`.
Receipts made before this have none (NULL): their undo rows name every record they wrote.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('bundle_receipt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_change_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('bundle_receipt', schema=None) as batch_op:
        batch_op.drop_column('first_change_id')
