"""A covering index for the analytics' pass by hour, on SQLite.

``desktop.analytics`` sums a period's timed records per hour, channel and metric
for the best hours and the heatmap. Without an index SQLite read every record of
the table and sorted the period's for the GROUP BY (about a second for a million
records); this one is in the GROUP BY's order, keyed on the hour as SQLite stores
it, so the period is a range of it and the groups come off it in order; it holds
every column the pass names, so the table is not read. It holds only records with
a time of day (the others never count for hours). SQLAlchemy cannot reflect an
index on an expression: a later batch migration of metric_records must create it
again. PostgreSQL
stores times as timestamps and plans the pass by its own statistics: no index there.

Revision ID: 0004_metric_hours_index
Revises: 0003_metric_pieces_index
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_metric_hours_index'
down_revision = '0003_metric_pieces_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.create_index('ix_metric_records_hours', 'metric_records',
                        [sa.text('substr(occurred_at, 1, 13)'), 'channel', 'metric', 'value',
                         'card_id', 'occurred_at', 'timed'],
                        unique=False, sqlite_where=sa.text('timed = 1'))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.drop_index('ix_metric_records_hours', table_name='metric_records')
