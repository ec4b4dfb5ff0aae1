"""A covering index for the analytics' pass by piece, in place of (card_id, metric).

``desktop.analytics`` sums a period's records per card, metric, channel, import,
content, outlet and author in one pass. Without an index in that order SQLite sorts
every record of the period for the GROUP BY; with this one it reads the groups off
the index in order, and never touches the table. It starts with (card_id, metric),
so it also serves the look-ups the index it replaces was for.

Revision ID: 0003_metric_pieces_index
Revises: 0002_metric_sources
"""
from alembic import op


revision = '0003_metric_pieces_index'
down_revision = '0002_metric_sources'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('metric_records', schema=None) as batch_op:
        batch_op.drop_index('ix_metric_records_card_metric')
        batch_op.create_index('ix_metric_records_pieces',
                              ['card_id', 'metric', 'channel', 'import_id', 'content', 'outlet',
                               'author', 'occurred_at', 'value'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('metric_records', schema=None) as batch_op:
        batch_op.drop_index('ix_metric_records_pieces')
        batch_op.create_index('ix_metric_records_card_metric', ['card_id', 'metric'],
                              unique=False)
