"""The first schema: every area of the product.

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-22 19:03:48.951326
"""
from alembic import op
import sqlalchemy as sa


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('launch_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaigns'))
    )
    op.create_table('import_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_profiles')),
    sa.UniqueConstraint('name', name=op.f('uq_import_profiles_name'))
    )
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_starts_at'), ['starts_at'], unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('department', sa.Enum('pr', 'marketing', 'sales', 'leadership', name='department', native_enum=False, length=32), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people'))
    )
    op.create_table('team_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.Enum('lunch', 'outing', 'celebration', 'other', name='eventkind', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_events')),
    sa.UniqueConstraint('uid', name=op.f('uq_team_events_uid'))
    )
    with op.batch_alter_table('team_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_events_starts_at'), ['starts_at'], unique=False)

    op.create_table('team_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_settings')),
    sa.UniqueConstraint('key', name=op.f('uq_team_settings_key'))
    )
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('table_name', sa.String(length=60), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('operation', sa.Enum('insert', 'update', 'delete', 'trash', 'restore', name='changeoperation', native_enum=False, length=32), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_change_log_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index('ix_change_log_table_row', ['table_name', 'row_id'], unique=False)

    op.create_table('customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('industry', sa.String(length=120), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['rep_id'], ['people.id'], name=op.f('fk_customers_rep_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers'))
    )
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customers_rep_id'), ['rep_id'], unique=False)

    op.create_table('event_attendees',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['team_events.id'], name=op.f('fk_event_attendees_event_id_team_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_event_attendees_person_id_people')),
    sa.PrimaryKeyConstraint('event_id', 'person_id', name=op.f('pk_event_attendees'))
    )
    op.create_table('goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Enum('corporate', 'department', name='goallevel', native_enum=False, length=32), nullable=False),
    sa.Column('department', sa.Enum('pr', 'marketing', 'sales', 'leadership', name='department', native_enum=False, length=32), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('quarter', sa.String(length=7), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('metric', sa.String(length=120), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('baseline', sa.Double(), nullable=False),
    sa.Column('target', sa.Double(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('active', 'met', 'missed', 'carried_over', 'retired', name='goalstatus', native_enum=False, length=32), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['carried_from_id'], ['goals.id'], name=op.f('fk_goals_carried_from_id_goals')),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_goals_owner_id_people')),
    sa.ForeignKeyConstraint(['parent_id'], ['goals.id'], name=op.f('fk_goals_parent_id_goals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goals'))
    )
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goals_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goals_quarter'), ['quarter'], unique=False)

    op.create_table('import_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('profile_name', sa.String(length=120), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=True),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['imported_by_id'], ['people.id'], name=op.f('fk_import_batches_imported_by_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batches'))
    )
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batches_file_sha256'), ['file_sha256'], unique=False)

    op.create_table('meeting_attendees',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_attendees_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_meeting_attendees_person_id_people')),
    sa.PrimaryKeyConstraint('meeting_id', 'person_id', name=op.f('pk_meeting_attendees'))
    )
    op.create_table('running_instances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('pid', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('heartbeat_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_running_instances_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_running_instances'))
    )
    with op.batch_alter_table('running_instances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_running_instances_heartbeat_at'), ['heartbeat_at'], unique=False)

    op.create_table('cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('survey_data', 'press_release', 'media_coverage', 'blog_post', 'ebook', 'social_post', 'email', 'paid_ad', 'landing_page', 'webinar', 'case_study', 'event_talk', 'other', name='cardkind', native_enum=False, length=32), nullable=False),
    sa.Column('stage', sa.Enum('idea', 'planned', 'in_progress', 'review', 'published', 'measured', name='stage', native_enum=False, length=32), nullable=False),
    sa.Column('team', sa.Enum('pr', 'marketing', 'sales', name='team', native_enum=False, length=32), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('goal_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=60), nullable=False),
    sa.Column('derived_from_id', sa.Integer(), nullable=True),
    sa.Column('published_url', sa.String(length=2000), nullable=False),
    sa.Column('pilot', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Double(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_cards_campaign_id_campaigns')),
    sa.ForeignKeyConstraint(['derived_from_id'], ['cards.id'], name=op.f('fk_cards_derived_from_id_cards')),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_cards_goal_id_goals')),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_cards_owner_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cards'))
    )
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cards_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cards_derived_from_id'), ['derived_from_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cards_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cards_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index('ix_cards_stage_position', ['stage', 'position'], unique=False)

    op.create_table('goal_measurements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('measured_on', sa.Date(), nullable=False),
    sa.Column('value', sa.Double(), nullable=False),
    sa.Column('source', sa.Enum('manual', 'imported', 'calculated', name='measurementsource', native_enum=False, length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_goal_measurements_goal_id_goals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_measurements'))
    )
    with op.batch_alter_table('goal_measurements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_measurements_goal_id'), ['goal_id'], unique=False)

    op.create_table('action_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_action_items_campaign_id_campaigns')),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_action_items_card_id_cards')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_action_items_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_action_items_owner_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_items'))
    )
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_items_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_items_owner_id'), ['owner_id'], unique=False)

    op.create_table('card_tags',
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.Enum('messaging', 'content_planning', 'social_media_relations', 'social_listening', 'content_placement', 'performance_optimization', name='commongroundtag', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_tags_card_id_cards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('card_id', 'tag', name=op.f('pk_card_tags'))
    )
    op.create_table('metric_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('channel', sa.String(length=60), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('content', sa.String(length=500), nullable=False),
    sa.Column('metric', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Double(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_metric_records_card_id_cards')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['people.id'], name=op.f('fk_metric_records_entered_by_id_people')),
    sa.ForeignKeyConstraint(['import_id'], ['import_batches.id'], name=op.f('fk_metric_records_import_id_import_batches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_metric_records'))
    )
    with op.batch_alter_table('metric_records', schema=None) as batch_op:
        batch_op.create_index('ix_metric_records_card_metric', ['card_id', 'metric'], unique=False)
        batch_op.create_index(batch_op.f('ix_metric_records_import_id'), ['import_id'], unique=False)
        batch_op.create_index('ix_metric_records_occurred_at', ['occurred_at'], unique=False)

    op.create_table('story_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('case_study', 'press_reference', 'quote', 'event_speaker', name='storykind', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('what_pr_wants', sa.Text(), nullable=False),
    sa.Column('benefit_to_customer', sa.Text(), nullable=False),
    sa.Column('benefit_to_company', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'awaiting_rep', 'approved', 'declined_by_rep', 'customer_asked', 'customer_agreed', 'customer_declined', 'in_production', 'published', name='storystatus', native_enum=False, length=32), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('allowed_uses', sa.Text(), nullable=False),
    sa.Column('approval_ends_on', sa.Date(), nullable=True),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_story_requests_card_id_cards')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_story_requests_customer_id_customers')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['people.id'], name=op.f('fk_story_requests_decided_by_id_people')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['people.id'], name=op.f('fk_story_requests_requested_by_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story_requests'))
    )
    with op.batch_alter_table('story_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_requests_customer_id'), ['customer_id'], unique=False)

    op.create_table('communications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=60), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('rep_included', sa.Boolean(), nullable=False),
    sa.Column('without_rep_reason', sa.Text(), nullable=False),
    sa.Column('logged_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_communications_customer_id_customers')),
    sa.ForeignKeyConstraint(['logged_by_id'], ['people.id'], name=op.f('fk_communications_logged_by_id_people')),
    sa.ForeignKeyConstraint(['request_id'], ['story_requests.id'], name=op.f('fk_communications_request_id_story_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_communications'))
    )
    with op.batch_alter_table('communications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_communications_customer_id'), ['customer_id'], unique=False)

    op.create_table('placements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('outlet', sa.String(length=200), nullable=False),
    sa.Column('placed_on', sa.Date(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['story_requests.id'], name=op.f('fk_placements_request_id_story_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placements'))
    )
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_placements_request_id'), ['request_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_placements_request_id'))

    op.drop_table('placements')
    with op.batch_alter_table('communications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_communications_customer_id'))

    op.drop_table('communications')
    with op.batch_alter_table('story_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_requests_customer_id'))

    op.drop_table('story_requests')
    with op.batch_alter_table('metric_records', schema=None) as batch_op:
        batch_op.drop_index('ix_metric_records_occurred_at')
        batch_op.drop_index(batch_op.f('ix_metric_records_import_id'))
        batch_op.drop_index('ix_metric_records_card_metric')

    op.drop_table('metric_records')
    op.drop_table('card_tags')
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_items_owner_id'))
        batch_op.drop_index(batch_op.f('ix_action_items_meeting_id'))

    op.drop_table('action_items')
    with op.batch_alter_table('goal_measurements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_measurements_goal_id'))

    op.drop_table('goal_measurements')
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_index('ix_cards_stage_position')
        batch_op.drop_index(batch_op.f('ix_cards_owner_id'))
        batch_op.drop_index(batch_op.f('ix_cards_goal_id'))
        batch_op.drop_index(batch_op.f('ix_cards_derived_from_id'))
        batch_op.drop_index(batch_op.f('ix_cards_campaign_id'))

    op.drop_table('cards')
    with op.batch_alter_table('running_instances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_running_instances_heartbeat_at'))

    op.drop_table('running_instances')
    op.drop_table('meeting_attendees')
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batches_file_sha256'))

    op.drop_table('import_batches')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goals_quarter'))
        batch_op.drop_index(batch_op.f('ix_goals_parent_id'))

    op.drop_table('goals')
    op.drop_table('event_attendees')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customers_rep_id'))

    op.drop_table('customers')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index('ix_change_log_table_row')

    op.drop_table('change_log')
    op.drop_table('team_settings')
    with op.batch_alter_table('team_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_events_starts_at'))

    op.drop_table('team_events')
    op.drop_table('people')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_starts_at'))

    op.drop_table('meetings')
    op.drop_table('import_profiles')
    op.drop_table('campaigns')
