"""Who gave a result and whether its time of day is known.

``outlet`` and ``author`` say where coverage appeared and who wrote or posted it
(the "who has influence" figure); ``timed`` is false for records whose export
gave a date or a period but no time of day, so they stay out of the hour charts.

Revision ID: 0002_metric_sources
Revises: 0001_initial
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_metric_sources'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('metric_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outlet', sa.String(length=200), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('author', sa.String(length=200), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('timed', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table('metric_records', schema=None) as batch_op:
        batch_op.drop_column('timed')
        batch_op.drop_column('author')
        batch_op.drop_column('outlet')
