"""Media relations and speaking slots: outlets and media contacts (with a do-not-contact
mark), pitches and their recipients, the coverage linked to them, the materials library,
the names in coverage records tied to contacts, industry events with their calls for
papers and the talks submitted to them. New tables only: nothing existing is copied.

Revision ID: 0007_media_relations
Revises: 0006_listening
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_media_relations'
down_revision = '0006_listening'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outlets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('tier', sa.Integer(), nullable=False),
    sa.Column('audience_size', sa.Integer(), nullable=True),
    sa.Column('audience_source', sa.String(length=200), nullable=False),
    sa.Column('topics', sa.Text(), nullable=False),
    sa.Column('web_domain', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outlets'))
    )
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outlets_web_domain'), ['web_domain'], unique=False)

    op.create_table('industry_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('audience', sa.Text(), nullable=False),
    sa.Column('submission_deadline', sa.Date(), nullable=True),
    sa.Column('link', sa.String(length=2000), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_industry_events_owner_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_industry_events'))
    )
    op.create_table('media_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('outlet_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('journalist', 'editor', 'podcaster', 'creator', name='contactkind', native_enum=False, length=32), nullable=False),
    sa.Column('beat', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('x_handle', sa.String(length=100), nullable=False),
    sa.Column('linkedin', sa.String(length=300), nullable=False),
    sa.Column('preferred_channel', sa.String(length=60), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('do_not_contact', sa.Boolean(), nullable=False),
    sa.Column('do_not_contact_reason', sa.Text(), nullable=False),
    sa.Column('do_not_contact_on', sa.Date(), nullable=True),
    sa.Column('do_not_contact_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['do_not_contact_by_id'], ['people.id'], name=op.f('fk_media_contacts_do_not_contact_by_id_people')),
    sa.ForeignKeyConstraint(['outlet_id'], ['outlets.id'], name=op.f('fk_media_contacts_outlet_id_outlets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media_contacts'))
    )
    with op.batch_alter_table('media_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_media_contacts_outlet_id'), ['outlet_id'], unique=False)

    op.create_table('media_name_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('outlet_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['people.id'], name=op.f('fk_media_name_links_confirmed_by_id_people')),
    sa.ForeignKeyConstraint(['contact_id'], ['media_contacts.id'], name=op.f('fk_media_name_links_contact_id_media_contacts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['outlet_id'], ['outlets.id'], name=op.f('fk_media_name_links_outlet_id_outlets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media_name_links'))
    )
    with op.batch_alter_table('media_name_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_media_name_links_name'), ['name'], unique=False)

    op.create_table('submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('abstract', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('draft', 'submitted', 'accepted', 'rejected', 'confirmed', 'delivered', 'withdrawn', name='submissionstate', native_enum=False, length=32), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('talk_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['industry_events.id'], name=op.f('fk_submissions_event_id_industry_events')),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_submissions_owner_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submissions'))
    )
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submissions_event_id'), ['event_id'], unique=False)

    op.create_table('materials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('location', sa.String(length=2000), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('allowed_uses', sa.Text(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('story_request_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_materials_owner_id_people')),
    sa.ForeignKeyConstraint(['story_request_id'], ['story_requests.id'], name=op.f('fk_materials_story_request_id_story_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_materials'))
    )
    op.create_table('pitches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('pitched_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=60), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('story_request_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_pitches_card_id_cards')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_pitches_customer_id_customers')),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_pitches_owner_id_people')),
    sa.ForeignKeyConstraint(['story_request_id'], ['story_requests.id'], name=op.f('fk_pitches_story_request_id_story_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pitches'))
    )
    with op.batch_alter_table('pitches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pitches_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pitches_pitched_on'), ['pitched_on'], unique=False)

    op.create_table('submission_speakers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.String(length=200), nullable=False),
    sa.Column('story_request_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_submission_speakers_customer_id_customers')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_submission_speakers_person_id_people')),
    sa.ForeignKeyConstraint(['story_request_id'], ['story_requests.id'], name=op.f('fk_submission_speakers_story_request_id_story_requests')),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'], name=op.f('fk_submission_speakers_submission_id_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission_speakers'))
    )
    with op.batch_alter_table('submission_speakers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_speakers_submission_id'), ['submission_id'], unique=False)

    op.create_table('card_materials',
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_materials_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['material_id'], ['materials.id'], name=op.f('fk_card_materials_material_id_materials'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('card_id', 'material_id', name=op.f('pk_card_materials'))
    )
    op.create_table('pitch_materials',
    sa.Column('pitch_id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['material_id'], ['materials.id'], name=op.f('fk_pitch_materials_material_id_materials'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pitch_id'], ['pitches.id'], name=op.f('fk_pitch_materials_pitch_id_pitches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pitch_id', 'material_id', name=op.f('pk_pitch_materials'))
    )
    op.create_table('pitch_recipients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pitch_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('drafted', 'sent', 'replied', 'interested', 'covered', 'declined', 'no_reply', name='pitchstate', native_enum=False, length=32), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['media_contacts.id'], name=op.f('fk_pitch_recipients_contact_id_media_contacts')),
    sa.ForeignKeyConstraint(['pitch_id'], ['pitches.id'], name=op.f('fk_pitch_recipients_pitch_id_pitches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pitch_recipients'))
    )
    with op.batch_alter_table('pitch_recipients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pitch_recipients_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pitch_recipients_pitch_id'), ['pitch_id'], unique=False)

    op.create_table('coverage_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('metric_record_id', sa.Integer(), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_coverage_links_card_id_cards')),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['people.id'], name=op.f('fk_coverage_links_confirmed_by_id_people')),
    sa.ForeignKeyConstraint(['metric_record_id'], ['metric_records.id'], name=op.f('fk_coverage_links_metric_record_id_metric_records'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recipient_id'], ['pitch_recipients.id'], name=op.f('fk_coverage_links_recipient_id_pitch_recipients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coverage_links'))
    )
    with op.batch_alter_table('coverage_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coverage_links_metric_record_id'), ['metric_record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coverage_links_recipient_id'), ['recipient_id'], unique=False)

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table('coverage_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coverage_links_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_coverage_links_metric_record_id'))

    op.drop_table('coverage_links')
    with op.batch_alter_table('pitch_recipients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pitch_recipients_pitch_id'))
        batch_op.drop_index(batch_op.f('ix_pitch_recipients_contact_id'))

    op.drop_table('pitch_recipients')
    op.drop_table('pitch_materials')
    op.drop_table('card_materials')
    with op.batch_alter_table('submission_speakers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_speakers_submission_id'))

    op.drop_table('submission_speakers')
    with op.batch_alter_table('pitches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pitches_pitched_on'))
        batch_op.drop_index(batch_op.f('ix_pitches_card_id'))

    op.drop_table('pitches')
    op.drop_table('materials')
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submissions_event_id'))

    op.drop_table('submissions')
    with op.batch_alter_table('media_name_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_media_name_links_name'))

    op.drop_table('media_name_links')
    with op.batch_alter_table('media_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_media_contacts_outlet_id'))

    op.drop_table('media_contacts')
    op.drop_table('industry_events')
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outlets_web_domain'))

    op.drop_table('outlets')
    # ### end Alembic commands ###
