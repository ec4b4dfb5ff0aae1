"""The metric catalogue, and records that cover a period.

``metric_types`` holds the metrics a team adds beside the built-in ones
(``db.models.metrics.BUILTIN_METRICS``): each with its unit and how it combines
over time and across pieces. Metric names already stored that the catalogue does
not know are added to it as counts that are summed, which is how they were
treated until now. ``metric_records`` gains ``period_end`` (the last day a record
covers, when it is more than one day), ``weight`` (what a weighted average,
like CTR by impressions, is weighted by) and ``breakdown`` (what a record of a
tab like Search Console's Countries breaks the export's total down by: such
records are kept but never added to the total again). Records of an import with no date per
row were all put on the first day of the import's period: they get its last day
as their ``period_end``, so they count only in views that hold the whole period.
The covering index of the pass by piece holds the two new columns.

Revision ID: 0005_metric_catalogue
Revises: 0004_metric_hours_index
"""
import warnings

from alembic import op
import sqlalchemy as sa


revision = '0005_metric_catalogue'
down_revision = '0004_metric_hours_index'
branch_labels = None
depends_on = None

_BUILTIN = ("impressions", "reach", "clicks", "engagements", "opens", "leads", "conversions",
            "cost", "mentions", "views", "visits", "users", "events", "unsubscribes",
            "followers", "time_on_page", "watch_time", "ctr", "engagement_rate", "position",
            "rank", "interest")


def upgrade() -> None:
    op.create_table(
        'metric_types',
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('label', sa.String(length=120), nullable=False),
        sa.Column('unit', sa.String(length=20), nullable=False),
        sa.Column('over_time', sa.String(length=20), nullable=False),
        sa.Column('across', sa.String(length=20), nullable=False),
        sa.Column('weight_by', sa.String(length=60), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('name'))
    # Columns that may be NULL or have a default are added in place (ALTER TABLE ... ADD
    # COLUMN, on SQLite too): no copy of a table of millions of records, and the index on
    # an expression, which a batch copy would lose, stays.
    op.add_column('metric_records', sa.Column('period_end', sa.Date(), nullable=True))
    op.add_column('metric_records', sa.Column('weight', sa.Double(), nullable=False,
                                              server_default=sa.text('1.0')))
    op.add_column('metric_records', sa.Column('breakdown', sa.String(length=40), nullable=False,
                                              server_default=''))
    op.drop_index('ix_metric_records_pieces', table_name='metric_records')
    op.create_index('ix_metric_records_pieces', 'metric_records',
                    ['card_id', 'metric', 'channel', 'import_id', 'content', 'outlet',
                     'author', 'occurred_at', 'period_end', 'breakdown', 'value', 'weight'],
                    unique=False)
    bind = op.get_bind()
    known = ", ".join(f"'{name}'" for name in _BUILTIN)
    bind.exec_driver_sql(
        "INSERT INTO metric_types (name, label, unit, over_time, across, weight_by, created_at, "
        "updated_at) SELECT DISTINCT metric, metric, 'count', 'sum', 'sum', '', "
        f"CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM metric_records WHERE metric NOT IN ({known})")
    # The records of a period file: one occurred_at for the whole import, on its first day.
    bind.exec_driver_sql(
        "UPDATE metric_records SET period_end = (SELECT b.period_end FROM import_batches b "
        "WHERE b.id = metric_records.import_id) "
        "WHERE timed = " + ("0" if bind.dialect.name == "sqlite" else "false") + " AND import_id IN "
        "(SELECT b.id FROM import_batches b WHERE b.period_end > b.period_start AND "
        "(SELECT COUNT(DISTINCT r.occurred_at) FROM metric_records r "
        "WHERE r.import_id = b.id) = 1)")


def downgrade() -> None:
    with warnings.catch_warnings():  # the index on an expression is made again below
        warnings.filterwarnings("ignore", "Skipped unsupported reflection")
        _drop_columns()
    if op.get_bind().dialect.name == 'sqlite':
        op.create_index('ix_metric_records_hours', 'metric_records',
                        [sa.text('substr(occurred_at, 1, 13)'), 'channel', 'metric', 'value',
                         'card_id', 'occurred_at', 'timed'],
                        unique=False, sqlite_where=sa.text('timed = 1'))
    op.drop_table('metric_types')


def _drop_columns() -> None:
    with op.batch_alter_table('metric_records', schema=None) as batch_op:
        batch_op.drop_index('ix_metric_records_pieces')
        batch_op.create_index('ix_metric_records_pieces',
                              ['card_id', 'metric', 'channel', 'import_id', 'content', 'outlet',
                               'author', 'occurred_at', 'value'], unique=False)
        batch_op.drop_column('breakdown')
        batch_op.drop_column('weight')
        batch_op.drop_column('period_end')
