"""Social listening: accounts that can be recognised, mentions, intent rules, signals.

Customers become accounts: ``customers`` gains ``kind`` (customer or prospect),
``crm_ref`` and ``do_not_route`` in place (every existing customer is a customer,
routed). New tables: the accounts' contacts and identifiers (normalised, unique per
kind and platform), opportunities, the mentions imported from listening tools (with
their import and line), the team's intent rules, and the signals with the mentions
behind each.

Revision ID: 0006_listening
Revises: 0005_metric_catalogue
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_listening'
down_revision = '0005_metric_catalogue'
branch_labels = None
depends_on = None

_INTENTS = ('evaluating', 'buying', 'switching', 'expansion', 'churn_risk', 'advocacy',
            'trigger_event')
_URGENCIES = ('hot', 'warm', 'cool')
_STATUSES = ('new', 'triage', 'routed', 'acknowledged', 'contacted', 'opportunity',
             'no_opportunity', 'not_relevant', 'duplicate', 'expired')


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def _stamps() -> list[sa.Column]:
    return [sa.Column('version', sa.Integer(), nullable=False),
            sa.Column('created_at', sa.DateTime(), nullable=False),
            sa.Column('updated_at', sa.DateTime(), nullable=False)]


def upgrade() -> None:
    op.add_column('customers', sa.Column('kind', _enum(('customer', 'prospect'), 'accountkind'),
                                         nullable=False, server_default='customer'))
    op.add_column('customers', sa.Column('crm_ref', sa.String(length=120), nullable=False,
                                         server_default=''))
    op.add_column('customers', sa.Column('do_not_route', sa.Boolean(), nullable=False,
                                         server_default=sa.false()))
    op.create_table(
        'account_contacts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('role', sa.String(length=200), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                                name=op.f('fk_account_contacts_customer_id_customers')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_account_contacts')))
    op.create_index(op.f('ix_account_contacts_customer_id'), 'account_contacts', ['customer_id'])
    op.create_table(
        'account_identifiers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('kind', _enum(('domain', 'handle', 'alias', 'contact'), 'identifierkind'),
                  nullable=False),
        sa.Column('platform', sa.String(length=40), nullable=False),
        sa.Column('value', sa.String(length=300), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(['contact_id'], ['account_contacts.id'],
                                name=op.f('fk_account_identifiers_contact_id_account_contacts')),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                                name=op.f('fk_account_identifiers_customer_id_customers')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_account_identifiers')),
        sa.UniqueConstraint('kind', 'platform', 'value',
                            name='uq_account_identifiers_kind_platform_value'))
    op.create_index(op.f('ix_account_identifiers_customer_id'), 'account_identifiers',
                    ['customer_id'])
    op.create_table(
        'mentions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('import_id', sa.Integer(), nullable=True),
        sa.Column('source_row', sa.Integer(), nullable=False),
        sa.Column('tool', sa.String(length=60), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('occurred_at', sa.DateTime(), nullable=False),
        sa.Column('link', sa.String(length=2000), nullable=False),
        sa.Column('domain', sa.String(length=300), nullable=False),
        sa.Column('platform', sa.String(length=40), nullable=False),
        sa.Column('source', sa.String(length=300), nullable=False),
        sa.Column('author', sa.String(length=300), nullable=False),
        sa.Column('author_handle', sa.String(length=300), nullable=False),
        sa.Column('query', sa.String(length=300), nullable=False),
        sa.Column('sentiment', sa.String(length=20), nullable=False),
        sa.Column('reach', sa.Double(), nullable=True),
        sa.Column('title', sa.String(length=500), nullable=False),
        sa.Column('excerpt', sa.Text(), nullable=False),
        sa.Column('links', sa.Text(), nullable=False),
        sa.Column('excerpt_purged', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['import_id'], ['import_batches.id'],
                                name=op.f('fk_mentions_import_id_import_batches')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions')))
    op.create_index('ix_mentions_fingerprint', 'mentions', ['fingerprint'])
    op.create_index(op.f('ix_mentions_import_id'), 'mentions', ['import_id'])
    op.create_index(op.f('ix_mentions_occurred_at'), 'mentions', ['occurred_at'])
    op.create_index(op.f('ix_mentions_author'), 'mentions', ['author'])
    op.create_table(
        'intent_rules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('phrases', sa.Text(), nullable=False),
        sa.Column('near_terms', sa.Text(), nullable=False),
        sa.Column('near_within', sa.Integer(), nullable=False),
        sa.Column('exclusions', sa.Text(), nullable=False),
        sa.Column('intent', _enum(_INTENTS, 'intent'), nullable=False),
        sa.Column('stage', sa.String(length=60), nullable=False),
        sa.Column('weight', sa.Double(), nullable=False),
        sa.Column('urgency', _enum(_URGENCIES, 'urgency'), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_intent_rules')),
        sa.UniqueConstraint('name', name=op.f('uq_intent_rules_name')))
    op.create_table(
        'signals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=True),
        sa.Column('rule_id', sa.Integer(), nullable=True),
        sa.Column('intent', _enum(_INTENTS, 'intent'), nullable=False),
        sa.Column('urgency', _enum(_URGENCIES, 'urgency'), nullable=False),
        sa.Column('status', _enum(_STATUSES, 'signalstatus'), nullable=False),
        sa.Column('score', sa.Double(), nullable=False),
        sa.Column('week_start', sa.Date(), nullable=False),
        sa.Column('first_seen_at', sa.DateTime(), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(), nullable=False),
        sa.Column('quote', sa.Text(), nullable=False),
        sa.Column('link', sa.String(length=2000), nullable=False),
        sa.Column('match_kind', sa.String(length=20), nullable=False),
        sa.Column('match_strength', sa.String(length=20), nullable=False),
        sa.Column('matched_identifier', sa.String(length=300), nullable=False),
        sa.Column('explanation', sa.Text(), nullable=False),
        sa.Column('candidates', sa.String(length=200), nullable=False),
        sa.Column('rep_id', sa.Integer(), nullable=True),
        sa.Column('routed_at', sa.DateTime(), nullable=True),
        sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
        sa.Column('contacted_at', sa.DateTime(), nullable=True),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
        sa.Column('communication_id', sa.Integer(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(['communication_id'], ['communications.id'],
                                name=op.f('fk_signals_communication_id_communications')),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                                name=op.f('fk_signals_customer_id_customers')),
        sa.ForeignKeyConstraint(['duplicate_of_id'], ['signals.id'],
                                name=op.f('fk_signals_duplicate_of_id_signals')),
        sa.ForeignKeyConstraint(['rep_id'], ['people.id'], name=op.f('fk_signals_rep_id_people')),
        sa.ForeignKeyConstraint(['rule_id'], ['intent_rules.id'],
                                name=op.f('fk_signals_rule_id_intent_rules')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_signals')))
    op.create_index(op.f('ix_signals_customer_id'), 'signals', ['customer_id'])
    op.create_index(op.f('ix_signals_rule_id'), 'signals', ['rule_id'])
    op.create_index(op.f('ix_signals_rep_id'), 'signals', ['rep_id'])
    op.create_index('ix_signals_fold', 'signals', ['customer_id', 'intent', 'week_start'])
    op.create_table(
        'signal_mentions',
        sa.Column('signal_id', sa.Integer(), nullable=False),
        sa.Column('mention_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'],
                                name=op.f('fk_signal_mentions_mention_id_mentions'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['signal_id'], ['signals.id'],
                                name=op.f('fk_signal_mentions_signal_id_signals'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('signal_id', 'mention_id', name=op.f('pk_signal_mentions')))
    op.create_index(op.f('ix_signal_mentions_mention_id'), 'signal_mentions', ['mention_id'])
    op.create_table(
        'opportunities',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('signal_id', sa.Integer(), nullable=True),
        sa.Column('reference', sa.String(length=120), nullable=False),
        sa.Column('amount', sa.Double(), nullable=False),
        sa.Column('stage', sa.String(length=60), nullable=False),
        sa.Column('opened_on', sa.Date(), nullable=True),
        sa.Column('won_on', sa.Date(), nullable=True),
        sa.Column('won_amount', sa.Double(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                                name=op.f('fk_opportunities_customer_id_customers')),
        sa.ForeignKeyConstraint(['signal_id'], ['signals.id'],
                                name=op.f('fk_opportunities_signal_id_signals')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunities')))
    op.create_index(op.f('ix_opportunities_customer_id'), 'opportunities', ['customer_id'])
    op.create_index(op.f('ix_opportunities_signal_id'), 'opportunities', ['signal_id'])


def downgrade() -> None:
    for table in ('opportunities', 'signal_mentions', 'signals', 'intent_rules', 'mentions',
                  'account_identifiers', 'account_contacts'):
        op.drop_table(table)
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_column('do_not_route')
        batch_op.drop_column('crm_ref')
        batch_op.drop_column('kind')
