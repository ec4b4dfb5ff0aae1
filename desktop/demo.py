"""The demo team: a living, realistic team file so the first start shows real work.

Everything is deterministic: ``random.Random`` streams with fixed seeds and all
dates relative to ``today``, so the same ``today`` (and ``cards``) always gives
the same content. The team, its company, customers and outlets are invented.

``write_demo(path, cards=N)`` grows the board with generated filler cards to N
cards in total, written with bulk Core inserts so that 10,000 cards take
seconds; filler cards therefore leave no change-log rows. ``metrics=N`` writes N
metric records (a million for the report benchmark), inserted in chunks with Core
``executemany`` so memory stays flat.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from db import models as m
from db.changelog import TeamSession
from db.database import Database, create_database
from db.enums import (
    CardKind,
    CommonGroundTag,
    Department,
    EventKind,
    GoalLevel,
    GoalStatus,
    MeasurementSource,
    Stage,
    StoryKind,
    StoryStatus,
    Team,
)
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from desktop import goals as goal_service
from desktop.demo_listening import write_listening
from desktop.media import demo as media_demo
from desktop.quarters import previous_quarter, quarter_bounds, quarter_of
from desktop.team_settings import TEAM_NAME_KEY, TIMEZONE_KEY

SEED = 20_260_417
TEAM_NAME = "Larkspur Health Marketing & Communications"
TIMEZONE = "Europe/Berlin"
SITE = "https://www.larkspur-health.example"
MAIL_DOMAIN = "larkspur-health.example"
HISTORY_DAYS = 180
DEFAULT_METRIC_RECORDS = 4_200
MAX_METRIC_RECORDS = 200_000
METRICS_PER_FILLER_CARD = 0.5
METRIC_CHUNK = 100_000  # records generated and inserted at a time

# --------------------------------------------------------------------------- people

# key, name, department, active (titles in comments: the model has no title column)
PEOPLE: tuple[tuple[str, str, Department, bool], ...] = (
    ("ingrid", "Ingrid Halvorsen", Department.LEADERSHIP, True),  # Director, Marketing & Comms
    ("zoe", "Zoë Müller", Department.PR, True),  # Head of PR
    ("kwame", "Kwame Mensah", Department.PR, True),  # PR & social media specialist
    ("siobhan", "Siobhán O'Connor", Department.PR, True),  # PR manager, Nordics
    ("jose", "José Álvarez", Department.MARKETING, True),  # Demand generation manager
    ("priya", "Priya Raghunathan", Department.MARKETING, True),  # Content marketing manager
    ("lukas", "Lukáš Novák", Department.MARKETING, False),  # former SEO manager (left)
    ("amara", "Amara Okafor", Department.SALES, True),  # Key account manager, hospitals
    ("mateusz", "Mateusz Wiśniewski", Department.SALES, True),  # Sales lead, Nordics & DACH
    ("camille", "Camille Lefèvre", Department.SALES, True),  # Account executive
)
LEAD = "ingrid"

# --------------------------------------------------------------------------- goals


@dataclass(frozen=True)
class _GoalSpec:
    """One goal of the plan; ``ratio`` is how far from baseline to target it got by quarter end."""

    theme: str
    department: Department | None
    title: str
    metric: str
    unit: str
    baseline: float
    target: float
    owner: str
    status: GoalStatus
    ratio: float
    source: MeasurementSource = MeasurementSource.MANUAL
    carried: bool = False  # a copy of the same goal of the previous quarter
    notes: str = ""


_IMP = MeasurementSource.IMPORTED
_MKT, _PR, _SAL = Department.MARKETING, Department.PR, Department.SALES

PREVIOUS_GOALS: tuple[_GoalSpec, ...] = (
    _GoalSpec("leads", None, "400 qualified leads from the healthcare vertical",
              "qualified leads", "leads", 0, 400, "ingrid", GoalStatus.CARRIED_OVER, 0.86, _IMP,
              notes="Lead generation around the Digital Trust Survey."),
    _GoalSpec("leads", _MKT, "250 marketing-qualified leads from survey content",
              "MQLs", "leads", 0, 250, "jose", GoalStatus.MET, 1.06, _IMP),
    _GoalSpec("leads", _PR, "12 trade-press articles citing the survey",
              "articles", "articles", 0, 12, "zoe", GoalStatus.MET, 1.17),
    _GoalSpec("leads", _SAL, "60 first meetings with hospital IT leaders",
              "first meetings", "meetings", 0, 60, "amara", GoalStatus.CARRIED_OVER, 0.72),
    _GoalSpec("sov", None, "Share of voice in digital-health trade press from 18 % to 25 %",
              "share of voice", "%", 18, 25, "ingrid", GoalStatus.MET, 1.09, _IMP),
    _GoalSpec("sov", _PR, "8 mentions in top-tier health-IT outlets",
              "top-tier mentions", "mentions", 0, 8, "kwame", GoalStatus.MET, 1.25, _IMP),
    _GoalSpec("sov", _MKT, "Organic search sessions on trust topics up 30 %",
              "organic sessions", "sessions", 12_000, 15_600, "lukas", GoalStatus.MISSED, 0.55,
              _IMP, notes="Missed after the SEO manager left mid-quarter."),
    _GoalSpec("dach", None, "Regional sales support: 30 opportunities in DACH hospitals",
              "opportunities", "opportunities", 0, 30, "ingrid", GoalStatus.RETIRED, 0.5,
              notes="Retired: re-focused on the Nordics after the DACH partner changed."),
    _GoalSpec("dach", _SAL, "30 qualified opportunities in DACH hospitals",
              "qualified opportunities", "opportunities", 0, 30, "mateusz",
              GoalStatus.RETIRED, 0.5),
    _GoalSpec("dach", _MKT, "2 German-language webinars with 150 registrants",
              "registrants", "people", 0, 150, "priya", GoalStatus.MET, 1.12, _IMP),
)

CURRENT_GOALS: tuple[_GoalSpec, ...] = (
    _GoalSpec("leads", None, "400 qualified leads from the healthcare vertical",
              "qualified leads", "leads", 0, 400, "ingrid", GoalStatus.ACTIVE, 0.95, _IMP,
              carried=True, notes="Lead generation around the Digital Trust Survey."),
    _GoalSpec("leads", _SAL, "60 first meetings with hospital IT leaders",
              "first meetings", "meetings", 0, 60, "amara", GoalStatus.ACTIVE, 0.9,
              carried=True),
    _GoalSpec("leads", _MKT, "150 leads from the Digital Trust Playbook",
              "e-book leads", "leads", 0, 150, "priya", GoalStatus.ACTIVE, 1.05, _IMP),
    _GoalSpec("launch", None, "Awareness for the launch of CareLink Remote Monitoring",
              "launch reach", "people", 0, 1_500_000, "ingrid", GoalStatus.ACTIVE, 0.85, _IMP),
    _GoalSpec("launch", _PR, "20 launch articles in trade and regional press",
              "articles", "articles", 0, 20, "zoe", GoalStatus.ACTIVE, 0.8),
    _GoalSpec("launch", _MKT, "8,000 visitors to the launch page",
              "launch page visitors", "visitors", 0, 8_000, "jose", GoalStatus.ACTIVE, 0.9, _IMP),
    _GoalSpec("launch", _SAL, "25 launch demos booked",
              "demos booked", "demos", 0, 25, "camille", GoalStatus.ACTIVE, 1.0),
    _GoalSpec("nordic", None, "Regional sales support for the Nordics: EUR 1.2 M pipeline",
              "qualified pipeline", "EUR", 0, 1_200_000, "ingrid", GoalStatus.ACTIVE, 0.8),
    _GoalSpec("nordic", _SAL, "40 qualified opportunities in Nordic hospitals",
              "qualified opportunities", "opportunities", 0, 40, "mateusz",
              GoalStatus.ACTIVE, 0.85),
    _GoalSpec("nordic", _MKT, "300 registrants for the Nordic webinar series",
              "registrants", "people", 0, 300, "priya", GoalStatus.ACTIVE, 0.95, _IMP),
    _GoalSpec("nordic", _PR, "6 stories in Nordic health-tech media",
              "stories", "articles", 0, 6, "siobhan", GoalStatus.ACTIVE, 1.0),
)

GoalKey = tuple[str, str, str | None]  # ("prev" | "cur", theme, department value or None)

# --------------------------------------------------------------------------- board

CAMPAIGNS: tuple[tuple[str, str, str, int], ...] = (
    # key, name ({year} = the survey's year), description, launch day relative to today
    ("survey", "{year} Healthcare Digital Trust Survey",
     "612 hospital IT leaders on trust in patient-facing apps: press release, coverage, and "
     "everything we repurposed from it.", -98),
    ("launch", "CareLink Remote Monitoring launch",
     "Awareness and demos for the new remote-monitoring module for hospital wards.", 20),
    ("nordic", "Nordic hospitals sales support",
     "Pipeline for the Nordic sales team: roundtables, localised content, stories.", -30),
    ("webinars", "Clinician Voices webinar series",
     "Monthly webinars with clinicians and hospital IT leaders; recaps and clips.", -70),
)


@dataclass(frozen=True)
class _CardSpec:
    key: str
    campaign: str | None
    title: str
    kind: CardKind
    stage: Stage
    team: Team
    owner: str
    due: int | None  # days from today
    theme: str | None  # goal theme; None = content without a purpose
    channel: str
    parent: str | None = None
    tags: str = ""  # codes of TAG_CODES, comma-separated
    pilot: bool = False
    outlet: str = ""
    notes: str = ""


TAG_CODES = {
    "M": CommonGroundTag.MESSAGING, "CP": CommonGroundTag.CONTENT_PLANNING,
    "SMR": CommonGroundTag.SOCIAL_MEDIA_RELATIONS, "SL": CommonGroundTag.SOCIAL_LISTENING,
    "PL": CommonGroundTag.CONTENT_PLACEMENT, "PO": CommonGroundTag.PERFORMANCE_OPTIMIZATION,
}

_K, _S, _T = CardKind, Stage, Team
_C = _CardSpec
CARDS: tuple[_CardSpec, ...] = (
    # The survey and everything derived from it.
    _C("s.data", "survey", "Survey data: 612 hospital IT leaders on digital trust",
       _K.SURVEY_DATA, _S.MEASURED, _T.MARKETING, "jose", -112, "leads", "web", None, "CP",
       notes="Fieldwork by an independent panel; raw data and charts in the shared folder."),
    _C("s.pr", "survey", "Press release: 7 in 10 hospital IT leaders doubt patient-app security",
       _K.PRESS_RELEASE, _S.MEASURED, _T.PR, "zoe", -98, "sov", "press", "s.data", "M,SMR"),
    _C("s.cov1", "survey", "Coverage: Digital Care Review on the trust gap slowing hospital apps",
       _K.MEDIA_COVERAGE, _S.MEASURED, _T.PR, "zoe", -96, "sov", "press", "s.pr", "SMR,PL",
       outlet="Digital Care Review"),
    _C("s.cov2", "survey", "Coverage: Hospital Systems Today interview with Zoë Müller",
       _K.MEDIA_COVERAGE, _S.MEASURED, _T.PR, "zoe", -92, "sov", "press", "s.pr", "SMR",
       outlet="Hospital Systems Today"),
    _C("s.cov3", "survey", "Coverage: MedTech Ledger runs the survey charts in its briefing",
       _K.MEDIA_COVERAGE, _S.PUBLISHED, _T.PR, "kwame", -90, "sov", "press", "s.pr", "PL",
       outlet="MedTech Ledger"),
    _C("s.cov4", "survey", "Coverage: Nordic Health Tech on the Nordic cut of the survey",
       _K.MEDIA_COVERAGE, _S.PUBLISHED, _T.PR, "siobhan", -85, "sov", "press", "s.pr", "PL",
       outlet="Nordic Health Tech"),
    _C("s.cov5", "survey",
       "Coverage: Praxis & Klinik Digital – Vertrauenslücke bei Patienten-Apps",
       _K.MEDIA_COVERAGE, _S.PUBLISHED, _T.PR, "kwame", -80, "sov", "press", "s.pr", "",
       outlet="Praxis & Klinik Digital"),
    _C("s.cov6", "survey", "Coverage: The Ward Round podcast, episode on patient trust",
       _K.MEDIA_COVERAGE, _S.PUBLISHED, _T.PR, "siobhan", -70, "sov", "press", "s.pr", "SMR",
       outlet="The Ward Round"),
    _C("s.blog1", "survey", "Blog: 5 findings from the Digital Trust Survey",
       _K.BLOG_POST, _S.MEASURED, _T.MARKETING, "priya", -94, "leads", "web", "s.data", "CP,M"),
    _C("s.blog2", "survey", "Blog: what the trade press got right (and wrong) about the trust gap",
       _K.BLOG_POST, _S.PUBLISHED, _T.MARKETING, "jose", -74, "leads", "web", "s.cov1", "CP,PL"),
    _C("s.blog3", "survey", "Blog: trust by design, a checklist for patient-app teams",
       _K.BLOG_POST, _S.REVIEW, _T.MARKETING, "priya", -3, "leads", "web", "s.data", "CP"),
    _C("s.ebook", "survey", "E-book: The Digital Trust Playbook for hospital IT",
       _K.EBOOK, _S.MEASURED, _T.MARKETING, "lukas", -88, "leads", "web", "s.data", "CP,M"),
    _C("s.lp", "survey", "Landing page: Digital Trust Playbook download",
       _K.LANDING_PAGE, _S.MEASURED, _T.MARKETING, "lukas", -87, "leads", "web", "s.ebook", "PO"),
    _C("s.email", "survey", "Email nurture: Digital Trust Playbook (3 mails)",
       _K.EMAIL, _S.MEASURED, _T.MARKETING, "priya", -84, "leads", "email", "s.ebook", "PO"),
    _C("s.ads_li", "survey", "LinkedIn lead-gen ads: Digital Trust Playbook",
       _K.PAID_AD, _S.MEASURED, _T.MARKETING, "jose", -82, "leads", "linkedin", "s.ebook", "PO"),
    _C("s.ads_ps", "survey", "Paid search: 'patient app security' ad group",
       _K.PAID_AD, _S.PUBLISHED, _T.MARKETING, "jose", -60, "leads", "paid search", "s.ebook",
       "PO"),
    _C("s.soc1", "survey", "LinkedIn carousel: the survey in five charts",
       _K.SOCIAL_POST, _S.MEASURED, _T.MARKETING, "priya", -95, "leads", "linkedin", "s.data",
       "SMR"),
    _C("s.soc2", "survey", "X thread: the trust gap in numbers",
       _K.SOCIAL_POST, _S.MEASURED, _T.PR, "kwame", -96, "sov", "x", "s.pr", "SMR"),
    _C("s.soc3", "survey", "LinkedIn: Zoë's post amplifying the Digital Care Review piece",
       _K.SOCIAL_POST, _S.PUBLISHED, _T.PR, "zoe", -93, "sov", "linkedin", "s.cov1", "SMR,PL",
       pilot=True),
    _C("s.soc4", "survey", "LinkedIn: employee amplification kit for the survey coverage",
       _K.SOCIAL_POST, _S.MEASURED, _T.MARKETING, "priya", -91, "sov", "linkedin", "s.cov2",
       "SMR,CP", pilot=True),
    _C("s.listen", "survey", "Social listening: buying signals in survey conversations",
       _K.OTHER, _S.IN_PROGRESS, _T.PR, "kwame", 5, "leads", "linkedin", "s.soc1", "SL,PO",
       pilot=True, notes="Pilot: PR flags hospital IT people asking about the findings; "
       "sales follows up within two days."),
    _C("s.boost", "survey", "Paid boost: Hospital Systems Today interview on LinkedIn",
       _K.PAID_AD, _S.PUBLISHED, _T.MARKETING, "jose", -20, "leads", "linkedin", "s.cov2",
       "SMR,PO", pilot=True),
    _C("s.onepager", "survey", "Sales one-pager: survey findings for CIO meetings",
       _K.OTHER, _S.PUBLISHED, _T.SALES, "amara", -78, "leads", "email", "s.data", "M"),
    _C("s.webinar", "survey", "Webinar: closing the trust gap, with two hospital CIOs",
       _K.WEBINAR, _S.PLANNED, _T.MARKETING, "priya", 21, "leads", "events", "s.ebook", "CP"),
    _C("s.email2", "survey", "Email: survey follow-up for webinar registrants",
       _K.EMAIL, _S.IDEA, _T.MARKETING, "priya", None, None, "email", "s.webinar"),
    _C("s.soc5", "survey", "X: live posts from the trust-gap panel at HealthTech Forum",
       _K.SOCIAL_POST, _S.PLANNED, _T.PR, "kwame", 30, None, "x", "s.pr", "SMR"),
    _C("s.retarget", "survey", "Retargeting ads for Playbook page visitors",
       _K.PAID_AD, _S.IDEA, _T.MARKETING, "jose", None, "leads", "linkedin", "s.lp", "PO"),
    # The product launch.
    _C("l.msg", "launch", "Messaging house: CareLink Remote Monitoring",
       _K.OTHER, _S.REVIEW, _T.PR, "zoe", -4, "launch", "", None, "M",
       notes="One message per audience: ward nurses, CIOs, patients' families."),
    _C("l.pr", "launch", "Press release: CareLink Remote Monitoring goes live",
       _K.PRESS_RELEASE, _S.IN_PROGRESS, _T.PR, "zoe", 18, "launch", "press", "l.msg", "M,SMR"),
    _C("l.brief", "launch", "Press briefing list: 15 health-IT journalists",
       _K.OTHER, _S.PLANNED, _T.PR, "kwame", 8, "launch", "press", "l.msg", "SMR"),
    _C("l.lp", "launch", "Launch landing page: remote monitoring for hospital wards",
       _K.LANDING_PAGE, _S.IN_PROGRESS, _T.MARKETING, "jose", 14, "launch", "web", "l.msg",
       "M,CP"),
    _C("l.video", "launch", "Launch video: a night shift with remote monitoring",
       _K.OTHER, _S.PLANNED, _T.MARKETING, "priya", 16, "launch", "web", "l.msg"),
    _C("l.email", "launch", "Launch email to existing customers",
       _K.EMAIL, _S.PLANNED, _T.MARKETING, "priya", 19, "launch", "email", "l.pr", "CP"),
    _C("l.ads", "launch", "Paid search: 'remote patient monitoring' launch ads",
       _K.PAID_AD, _S.IDEA, _T.MARKETING, "jose", 25, "launch", "paid search", "l.lp", "PO"),
    _C("l.teaser", "launch", "LinkedIn teaser series: three posts before launch",
       _K.SOCIAL_POST, _S.PLANNED, _T.MARKETING, "priya", 10, "launch", "linkedin", "l.msg",
       "SMR,CP"),
    _C("l.battle", "launch", "Sales battlecard and demo script for the launch",
       _K.OTHER, _S.REVIEW, _T.SALES, "camille", -2, "launch", "email", "l.msg", "M"),
    _C("l.case", "launch", "Case study: Fjordlund University Hospital remote-monitoring pilot",
       _K.CASE_STUDY, _S.IN_PROGRESS, _T.PR, "siobhan", 12, "launch", "web", None, "M,PL"),
    _C("l.blogidea", "launch", "Blog series idea: remote-monitoring myths nurses hear",
       _K.BLOG_POST, _S.IDEA, _T.MARKETING, "priya", None, None, "web", "l.msg", "CP"),
    _C("l.talk", "launch", "Talk: remote-monitoring lessons at HealthTech Forum",
       _K.EVENT_TALK, _S.PLANNED, _T.SALES, "camille", 30, "launch", "events", "l.case"),
    # Regional sales support.
    _C("n.trans", "nordic", "Swedish edition of the Digital Trust Playbook",
       _K.EBOOK, _S.IN_PROGRESS, _T.MARKETING, "priya", -6, "nordic", "web", "s.ebook", "CP"),
    _C("n.roundtable", "nordic", "Nordic CIO roundtable in Oslo",
       _K.EVENT_TALK, _S.PUBLISHED, _T.SALES, "mateusz", -12, "nordic", "events", None, "M"),
    _C("n.oped", "nordic", "Op-ed pitch: what Nordic hospitals teach about remote care",
       _K.MEDIA_COVERAGE, _S.REVIEW, _T.PR, "siobhan", 4, "nordic", "press", None, "M,PL"),
    _C("n.cov", "nordic", "Coverage: Nordic Health Tech report from the Oslo roundtable",
       _K.MEDIA_COVERAGE, _S.PUBLISHED, _T.PR, "siobhan", -9, "nordic", "press", "n.roundtable",
       "PL", outlet="Nordic Health Tech"),
    _C("n.ads", "nordic", "LinkedIn ads: Playbook for Nordic hospital CIOs",
       _K.PAID_AD, _S.PUBLISHED, _T.MARKETING, "jose", -15, "nordic", "linkedin", "s.ebook",
       "PO"),
    _C("n.seq", "nordic", "Sales email sequence: Nordic CIOs (4 steps)",
       _K.EMAIL, _S.IN_PROGRESS, _T.SALES, "mateusz", 3, "nordic", "email", "n.roundtable", "M"),
    _C("n.case", "nordic", "Case study: Vestmark Region telehealth rollout",
       _K.CASE_STUDY, _S.MEASURED, _T.PR, "siobhan", -40, "nordic", "web", None, "PL,M"),
    _C("n.listen", "nordic", "Social listening: Nordic procurement signals",
       _K.OTHER, _S.PLANNED, _T.SALES, "mateusz", 9, "nordic", "linkedin", None, "SL",
       pilot=True),
    # The webinar series.
    _C("w.1", "webinars", "Webinar 1 (DE): Interoperabilität ohne Kopfschmerzen",
       _K.WEBINAR, _S.MEASURED, _T.MARKETING, "priya", -65, "dach", "events", None, "CP"),
    _C("w.recap", "webinars", "Blog recap: webinar 1 highlights",
       _K.BLOG_POST, _S.PUBLISHED, _T.MARKETING, "priya", -60, "dach", "web", "w.1", "CP"),
    _C("w.2", "webinars", "Webinar 2 (DE): Patientenvertrauen in der Fernversorgung",
       _K.WEBINAR, _S.MEASURED, _T.MARKETING, "priya", -45, "dach", "events", None, "CP"),
    _C("w.clips", "webinars", "Idea: cut webinar clips for social",
       _K.SOCIAL_POST, _S.IDEA, _T.MARKETING, "jose", None, None, "linkedin", "w.2"),
    _C("w.3", "webinars", "Webinar 3: Nordic lessons in telehealth",
       _K.WEBINAR, _S.PLANNED, _T.MARKETING, "priya", 27, "nordic", "events", None, "CP"),
    _C("w.inv", "webinars", "Email invitation: webinar 3",
       _K.EMAIL, _S.PLANNED, _T.MARKETING, "priya", 12, "nordic", "email", "w.3", "CP"),
    _C("w.promo", "webinars", "LinkedIn event promotion: webinar 3",
       _K.SOCIAL_POST, _S.IN_PROGRESS, _T.MARKETING, "priya", 7, "nordic", "linkedin", "w.3",
       "SMR"),
    # Work that supports no goal.
    _C("x.anniv", None, "Blog: 15 years of Larkspur Health",
       _K.BLOG_POST, _S.IN_PROGRESS, _T.MARKETING, "jose", -1, None, "web"),
    _C("x.holiday", None, "Season's greetings email to all contacts",
       _K.EMAIL, _S.PLANNED, _T.MARKETING, "priya", 40, None, "email"),
    _C("x.video", None, "Idea: short explainer videos for social",
       _K.SOCIAL_POST, _S.IDEA, _T.MARKETING, "jose", None, None, ""),
    _C("x.award", None, "Award entry: best healthcare PR campaign",
       _K.OTHER, _S.REVIEW, _T.PR, "zoe", 2, None, "press"),
    _C("x.podcast", None, "Sponsor a health-IT podcast?",
       _K.OTHER, _S.IDEA, _T.PR, "kwame", None, None, ""),
    _C("x.swag", None, "Trade-fair booth giveaways",
       _K.OTHER, _S.PLANNED, _T.SALES, "camille", -8, None, "events"),
)

# Filler: (kind, team, channel, title templates).
FILLER_KINDS: tuple[tuple[CardKind, Team, str, tuple[str, ...]], ...] = (
    (_K.BLOG_POST, _T.MARKETING, "web", (
        "Blog: {n} questions hospital IT teams ask about {topic}",
        "Blog: {topic} explained for {audience}", "Blog: what {audience} get wrong about {topic}")),
    (_K.SOCIAL_POST, _T.MARKETING, "linkedin", (
        "LinkedIn post: {topic} stat of the week", "LinkedIn carousel: {topic} in {n} charts")),
    (_K.SOCIAL_POST, _T.PR, "x", (
        "X thread: {topic} myths, answered", "X post: {audience} on {topic}")),
    (_K.EMAIL, _T.MARKETING, "email", (
        "Newsletter: {month} edition on {topic}", "Nurture email: {topic} for {audience}")),
    (_K.PAID_AD, _T.MARKETING, "paid search", ("Paid search: '{topic}' ad group",)),
    (_K.PAID_AD, _T.MARKETING, "linkedin", ("LinkedIn ads: {topic} for {audience}",)),
    (_K.PRESS_RELEASE, _T.PR, "press", ("Press release: {topic} milestone",)),
    (_K.MEDIA_COVERAGE, _T.PR, "press", (
        "Pitch: {topic} story to {outlet}", "Coverage: {outlet} on {topic}")),
    (_K.CASE_STUDY, _T.PR, "web", ("Case study: {topic} at {customer}",)),
    (_K.LANDING_PAGE, _T.MARKETING, "web", ("Landing page: {topic} guide",)),
    (_K.EBOOK, _T.MARKETING, "web", ("E-book: the {audience} guide to {topic}",)),
    (_K.WEBINAR, _T.MARKETING, "events", ("Webinar: {topic} for {audience}",)),
    (_K.EVENT_TALK, _T.SALES, "events", ("Talk: {topic} at {event}",)),
    (_K.OTHER, _T.SALES, "email", (
        "Sales one-pager: {topic} for {audience}", "Battlecard: {topic}")),
)
FILLER_TOPICS = (
    "patient-app security", "remote monitoring", "interoperability", "ward staffing",
    "clinical messaging", "data protection", "telehealth", "discharge planning",
    "nurse call systems", "cloud hosting for hospitals", "patient portals", "digital consent",
    "alarm fatigue", "bed management", "home care coordination", "care pathways",
    "cybersecurity drills", "mobile rounds", "lab result alerts", "family updates",
)
FILLER_AUDIENCES = (
    "CIOs", "ward nurses", "hospital IT teams", "medical directors", "procurement teams",
    "care-home managers", "CISOs", "clinic owners",
)
FILLER_OUTLETS = (
    "Digital Care Review", "Hospital Systems Today", "MedTech Ledger", "Nordic Health Tech",
    "Praxis & Klinik Digital", "The Ward Round", "Care Informatics Monthly",
)
FILLER_EVENTS = ("HealthTech Forum", "Nordic eHealth Days", "Clinical IT Summit",
                 "DACH Digital Care")
FILLER_STAGE_WEIGHTS = ((_S.IDEA, 15), (_S.PLANNED, 20), (_S.IN_PROGRESS, 20),
                        (_S.REVIEW, 10), (_S.PUBLISHED, 20), (_S.MEASURED, 15))

# --------------------------------------------------------------------------- meetings


@dataclass(frozen=True)
class _Action:
    text: str
    owner: str
    due_after: int  # days after the meeting
    done: bool
    card: str | None = None
    campaign: str | None = None


@dataclass(frozen=True)
class _MeetingSpec:
    weeks_ago: int  # before the most recent Tuesday; negative = upcoming
    title: str
    agenda: str
    notes: str = ""
    decisions: str = ""
    actions: tuple[_Action, ...] = ()


_A = _Action
MEETINGS: tuple[_MeetingSpec, ...] = (
    _MeetingSpec(
        10, "Joint weekly: survey coverage round-up",
        "1. Coverage so far\n2. Amplifying the best pieces\n3. Sales follow-up",
        "Six outlets have run the survey. The Hospital Systems Today interview brought the most "
        "visits to the blog. Sales hears the trust gap in CIO meetings and wants material.",
        "Run a small amplification pilot: PR shares coverage, marketing boosts the best post.",
        (_A("Draft a one-pager from the survey charts for CIO meetings", "amara", 7, True,
            card="s.onepager"),
         _A("Send the coverage list to the whole sales team", "zoe", 3, True, campaign="survey"),
         _A("Prepare an amplification kit for employees", "priya", 6, True, card="s.soc4"))),
    _MeetingSpec(
        9, "Joint weekly: e-book and nurture results",
        "1. Playbook downloads\n2. Nurture open rates\n3. Lead hand-over to sales",
        "The Playbook landing page converts at 21 %. Mail 2 of the nurture has the best click "
        "rate; its subject line names the survey figure.",
        "Use the survey figure in every subject line; sales calls Playbook leads within 48 h.",
        (_A("Rewrite nurture subject lines with the survey figure", "priya", 5, True,
            card="s.email"),
         _A("Set up the lead hand-over view for sales", "jose", 7, True, campaign="survey"),
         _A("Call back the first 20 Playbook leads", "camille", 10, True))),
    _MeetingSpec(
        7, "Joint weekly: quarter goals review",
        "1. Where each goal stands\n2. What to carry over\n3. Content without a goal",
        "Leads are at 86 % of the target; first meetings lag. Share of voice target is met. "
        "DACH opportunities stalled after the partner change.",
        "Carry over the lead and first-meeting goals; retire the DACH goal and re-focus on the "
        "Nordics.",
        (_A("Write the goal notes for the carried-over goals", "ingrid", 5, True),
         _A("Propose Nordic goals with the sales team", "mateusz", 7, True, campaign="nordic"),
         _A("Review the cards without a goal and link or drop them", "jose", 14, False))),
    _MeetingSpec(
        6, "Joint weekly: launch planning kick-off",
        "1. Launch date and audiences\n2. Messaging house\n3. Customer story for launch day",
        "Launch in about four weeks. Ward nurses and CIOs need different messages. Fjordlund "
        "University Hospital ran the pilot and might speak for us.",
        "Zoë owns the messaging house; PR asks Mateusz before contacting Fjordlund.",
        (_A("First draft of the messaging house", "zoe", 10, True, card="l.msg"),
         _A("Ask Fjordlund's CIO (through Mateusz) about a case study", "siobhan", 7, True,
            card="l.case"),
         _A("Brief the agency on the launch video", "priya", 14, False, card="l.video"))),
    _MeetingSpec(
        5, "Joint weekly: customer stories with sales",
        "1. Open story requests\n2. What reps need from PR\n3. Approvals that expire",
        "Reps want every request to say exactly what PR will do. Two approvals run out this "
        "year. Maribo Care Homes is in renewal talks, so no requests there for now.",
        "Every request states what PR wants and the benefit to the customer; the rep is copied "
        "on every contact.",
        (_A("Add 'benefit to the customer' to all open requests", "kwame", 4, True),
         _A("List approvals that expire within 90 days", "zoe", 7, True),
         _A("Introduce PR to Cedar Ridge's communications lead", "amara", 12, False))),
    _MeetingSpec(
        3, "Joint weekly: Nordic roundtable debrief",
        "1. Oslo roundtable\n2. Follow-up sequence\n3. Swedish Playbook",
        "Fourteen CIOs attended; nine asked for the Playbook in Swedish. Nordic Health Tech "
        "wrote up the roundtable.",
        "Translate the Playbook before the next roundtable; sales sequence starts next week.",
        (_A("Translate the Playbook into Swedish", "priya", 10, False, card="n.trans"),
         _A("Write the 4-step Nordic email sequence", "mateusz", 7, True, card="n.seq"),
         _A("Share the Nordic Health Tech article on LinkedIn", "siobhan", 2, True,
            card="n.cov"))),
    _MeetingSpec(
        2, "Joint weekly: launch messaging review",
        "1. Messaging house v2\n2. Battlecard\n3. Press briefing list",
        "Nurses respond to 'fewer night-time walks to the bedside', CIOs to integration effort. "
        "The battlecard needs the pricing answer.",
        "Lead with the nurse message in press; CIO message in sales material.",
        (_A("Finalise the messaging house", "zoe", 7, False, card="l.msg"),
         _A("Add pricing objections to the battlecard", "camille", 5, False, card="l.battle"),
         _A("Build the press briefing list", "kwame", 10, False, card="l.brief"))),
    _MeetingSpec(
        1, "Joint weekly: pilot results and paid boost",
        "1. Cooperative pilot results\n2. Paid boost of the interview\n3. Social listening",
        "Pilot posts reached three times the usual audience; the paid boost brought leads at half "
        "the cost of the Playbook ads. Listening found four buying signals.",
        "Keep the pilot going through the launch; report its results separately.",
        (_A("Summarise pilot results for the quarterly report", "ingrid", 9, False,
            campaign="survey"),
         _A("Pass the four buying signals to sales", "kwame", 2, True, card="s.listen"))),
    _MeetingSpec(
        0, "Joint weekly: launch countdown",
        "1. Launch checklist\n2. Landing page\n3. Customer email\n4. Team celebration",
        "Landing page copy is done, design in progress. The customer email waits for the final "
        "press release.",
        "Launch email goes out the day after the press release.",
        (_A("Landing page ready for review", "jose", 6, False, card="l.lp"),
         _A("Draft the launch email", "priya", 8, False, card="l.email"),
         _A("Book the launch celebration", "ingrid", 10, False, campaign="launch"))),
    _MeetingSpec(-1, "Joint weekly: launch press plan",
                 "1. Press release review\n2. Briefing slots\n3. Webinar 3 promotion"),
    _MeetingSpec(-2, "Joint weekly: webinar 3 and Nordic pipeline",
                 "1. Webinar 3 registrations\n2. Nordic opportunities\n3. Open action items"),
)

# --------------------------------------------------------------------------- events

EVENTS: tuple[tuple[EventKind, str, int, tuple[int, int], int, str, tuple[str, ...], str], ...] = (
    # kind, title, day from today, (hour, minute), minutes, place, attendees, notes
    (EventKind.CELEBRATION, "Survey launch celebration", -96, (17, 0), 150,
     "Roof terrace, 5th floor", ("ingrid", "zoe", "kwame", "siobhan", "jose", "priya", "lukas",
                                 "amara", "mateusz"), "Cake for six outlets in three days."),
    (EventKind.LUNCH, "Team lunch: Vietnamese on Kastanienallee", -61, (12, 30), 75,
     "Bếp Nhà, Kastanienallee 14", ("zoe", "kwame", "jose", "priya", "amara", "camille"), ""),
    (EventKind.OUTING, "Team outing: escape room and dinner", -38, (15, 0), 300,
     "Rätselraum Mitte, then Café Zitrone", ("ingrid", "zoe", "kwame", "siobhan", "jose",
                                             "priya", "amara", "mateusz", "camille"), ""),
    (EventKind.LUNCH, "Welcome lunch for Camille", -24, (12, 0), 90, "Osteria Bellaluna",
     ("ingrid", "camille", "amara", "mateusz", "zoe", "priya"), ""),
    (EventKind.LUNCH, "Quarterly team lunch", 6, (12, 30), 90, "Kantine am Kanal",
     ("ingrid", "zoe", "kwame", "siobhan", "jose", "priya", "amara", "mateusz", "camille"), ""),
    (EventKind.CELEBRATION, "CareLink launch celebration", 24, (17, 30), 180, "Office lounge",
     ("ingrid", "zoe", "kwame", "siobhan", "jose", "priya", "amara", "mateusz", "camille"),
     "Drinks and the launch-day coverage on the big screen."),
    (EventKind.OTHER, "Bowling night", 38, (19, 0), 150, "Strike Lanes Friedrichshain",
     ("zoe", "kwame", "jose", "priya", "camille", "mateusz"), ""),
)

# --------------------------------------------------------------------------- customers

CUSTOMERS: tuple[tuple[str, str, str, str, str], ...] = (
    # key, name, industry, rep, notes
    ("fjordlund", "Fjordlund University Hospital", "University hospital", "mateusz",
     "Ran the remote-monitoring pilot on two wards."),
    ("vestmark", "Vestmark Region Health Authority", "Regional health authority", "mateusz",
     "Telehealth rollout across 11 clinics."),
    ("cedar", "Cedar Ridge Medical Center", "Hospital", "amara", ""),
    ("rheinaue", "Klinikum Rheinaue", "Hospital", "amara", "German-speaking; DACH reference."),
    ("clement", "Hôpital Saint-Clément", "Hospital", "camille", ""),
    ("maribo", "Maribo Care Homes", "Care homes", "camille", "Contract renewal in progress."),
    ("ostara", "Ostara Diagnostics", "Diagnostic laboratories", "amara", ""),
)


@dataclass(frozen=True)
class _StorySpec:
    key: str
    customer: str
    kind: StoryKind
    title: str
    what: str
    for_customer: str
    for_company: str
    status: StoryStatus
    requested_by: str
    decided: int | None = None  # days ago the rep decided
    note: str = ""
    uses: str = ""
    ends: int | None = None  # approval ends, days from today
    card: str | None = None


_SK, _ST = StoryKind, StoryStatus
STORIES: tuple[_StorySpec, ...] = (
    _StorySpec("cedar_quote", "cedar", _SK.QUOTE, "Launch quote from Cedar Ridge's CNO",
               "Two sentences from the Chief Nursing Officer for the launch press release.",
               "Positions Cedar Ridge as an early adopter of remote monitoring.",
               "A nursing voice makes the launch credible for ward staff.",
               _ST.DRAFT, "kwame"),
    _StorySpec("rheinaue_case", "rheinaue", _SK.CASE_STUDY, "Case study: Klinikum Rheinaue portal",
               "A two-page case study and a German blog post on the patient portal rollout.",
               "Recognition for the IT team; material for their own recruiting.",
               "A German-language reference for DACH prospects.",
               _ST.AWAITING_REP, "zoe"),
    _StorySpec("fjordlund_ref", "fjordlund", _SK.PRESS_REFERENCE,
               "Fjordlund as launch press reference",
               "Name Fjordlund in the launch press release and refer journalists to its CIO.",
               "Visibility as a digital front-runner among Nordic university hospitals.",
               "A named reference on launch day.",
               _ST.APPROVED, "siobhan", 9, "Fine, but journalists go through me first.",
               "Name and logo in the launch press release; CIO quote as approved in writing.",
               180),
    _StorySpec("maribo_speaker", "maribo", _SK.EVENT_SPEAKER, "Maribo at HealthTech Forum",
               "Maribo's operations director on our panel at HealthTech Forum.",
               "A stage to present their night-care model.",
               "A care-home voice on the panel.",
               _ST.DECLINED_BY_REP, "kwame", 30,
               "Renewal under negotiation; ask again next quarter."),
    _StorySpec("ostara_quote", "ostara", _SK.QUOTE, "Ostara quote for the survey follow-up",
               "A quote on lab-result alerts for the survey follow-up blog post.",
               "Shows Ostara's turnaround times to hospital buyers.",
               "Adds a diagnostics perspective to the survey story.",
               _ST.CUSTOMER_ASKED, "zoe", 12, "", "Quote in one blog post and on LinkedIn.", 90),
    _StorySpec("vestmark_speaker", "vestmark", _SK.EVENT_SPEAKER,
               "Vestmark at Nordic eHealth Days",
               "Vestmark's programme lead co-presents the telehealth rollout with us.",
               "A speaking slot at the region's main health-IT event.",
               "A customer on stage in front of Nordic buyers.",
               _ST.CUSTOMER_AGREED, "siobhan", 26, "", "Joint talk and the slides on our site.",
               150),
    _StorySpec("clement_case", "clement", _SK.CASE_STUDY, "Case study: Hôpital Saint-Clément",
               "A case study on discharge planning, in French and English.",
               "Recognition for the discharge team.",
               "A French-speaking reference.",
               _ST.CUSTOMER_DECLINED, "kwame", 44,
               "Rep approved; the hospital's legal team declined any named publication.",
               "Case study in French and English."),
    _StorySpec("fjordlund_case", "fjordlund", _SK.CASE_STUDY,
               "Case study: Fjordlund remote-monitoring pilot",
               "A case study with ward figures and a short video interview with the ward manager.",
               "Their ward team presented as pioneers; a video they may reuse.",
               "The launch's strongest proof point.",
               _ST.IN_PRODUCTION, "siobhan", 35, "", "Case study, video, launch press kit.", 365,
               "l.case"),
    _StorySpec("vestmark_case", "vestmark", _SK.CASE_STUDY,
               "Case study: Vestmark telehealth rollout",
               "A case study on the rollout to 11 clinics, pitched to trade press.",
               "Recognition for the region's digital programme.",
               "A Nordic reference for the sales team.",
               _ST.PUBLISHED, "siobhan", 80, "", "Case study, trade-press pitch, sales decks.",
               300, "n.case"),
    _StorySpec("cedar_reference", "cedar", _SK.PRESS_REFERENCE,
               "Cedar Ridge CIO in the survey coverage",
               "Offer the CIO to journalists covering the survey as a hospital voice.",
               "The CIO's view on patient trust in the trade press.",
               "A hospital voice next to our survey figures.",
               _ST.PUBLISHED, "zoe", 104, "", "Interviews on the survey topic only.", 60),
)

# customer, request, days ago, channel, summary, rep included, reason
COMMUNICATIONS: tuple[tuple[str, str | None, int, str, str, bool, str], ...] = (
    ("fjordlund", "fjordlund_ref", 8, "email",
     "Sent the draft press-release paragraph to the CIO's office, Mateusz in copy.", True, ""),
    ("fjordlund", "fjordlund_case", 33, "meeting",
     "Kick-off with the ward manager and Mateusz: figures, interview date.", True, ""),
    ("fjordlund", "fjordlund_case", 14, "call",
     "Interview recorded with the ward manager; Mateusz joined.", True, ""),
    ("ostara", "ostara_quote", 10, "email",
     "Asked Ostara's head of communications for the quote; Amara in copy.", True, ""),
    ("vestmark", "vestmark_speaker", 24, "call",
     "Programme lead agreed to co-present; Mateusz on the call.", True, ""),
    ("vestmark", "vestmark_case", 76, "meeting",
     "Interview for the case study at Vestmark, with Mateusz.", True, ""),
    ("vestmark", "vestmark_case", 52, "email",
     "Sent the final case study for sign-off; Mateusz in copy.", True, ""),
    ("clement", "clement_case", 41, "email",
     "Sent the request to the hospital's communications office, Camille in copy.", True, ""),
    ("cedar", "cedar_reference", 100, "call",
     "Briefed the CIO on the survey and the journalists' questions; Amara joined.", True, ""),
    ("cedar", "cedar_reference", 95, "call",
     "The CIO called PR back directly after an interview.", False,
     "The customer called PR directly; the summary went to Amara the same day."),
)

# request, outlet, days ago, url path
PLACEMENTS: tuple[tuple[str, str, int, str], ...] = (
    ("vestmark_case", "Larkspur Health website", 42, f"{SITE}/customers/vestmark-telehealth"),
    ("vestmark_case", "Nordic Health Tech", 33,
     "https://www.nordichealthtech.example/features/vestmark-telehealth"),
    ("cedar_reference", "Hospital Systems Today", 92,
     "https://www.hospitalsystemstoday.example/interviews/patient-trust"),
    ("cedar_reference", "Digital Care Review", 96,
     "https://www.digitalcarereview.example/news/trust-gap"),
)

# --------------------------------------------------------------------------- metrics

# channel: (metric, weight, low, high, decimals); leads/cost added by kind below
CHANNEL_METRICS: dict[str, tuple[tuple[str, float, float, float, int], ...]] = {
    "web": (("clicks", 5, 12, 420, 0), ("time_on_page", 3, 35, 260, 0),
            ("impressions", 2, 150, 3_200, 0), ("conversions", 1, 0, 6, 0)),
    "email": (("opens", 5, 40, 900, 0), ("clicks", 3, 4, 140, 0), ("conversions", 1, 0, 8, 0)),
    "linkedin": (("impressions", 4, 250, 9_000, 0), ("reach", 3, 180, 6_000, 0),
                 ("engagements", 3, 4, 320, 0), ("clicks", 2, 2, 90, 0)),
    "x": (("impressions", 4, 150, 6_000, 0), ("engagements", 3, 2, 150, 0),
          ("clicks", 2, 1, 60, 0), ("mentions", 1, 0, 12, 0)),
    "paid search": (("impressions", 4, 400, 14_000, 0), ("clicks", 4, 8, 260, 0),
                    ("cost", 3, 15, 480, 2), ("conversions", 1, 0, 6, 0)),
    "press": (("reach", 3, 15_000, 280_000, 0), ("mentions", 2, 1, 4, 0),
              ("impressions", 1, 20_000, 400_000, 0)),
    "events": (("reach", 3, 25, 420, 0), ("engagements", 2, 5, 120, 0)),
}
LEAD_KINDS = {_K.EBOOK, _K.LANDING_PAGE, _K.EMAIL, _K.PAID_AD, _K.WEBINAR, _K.EVENT_TALK,
              _K.SURVEY_DATA}
CHANNEL_WEIGHTS = {"web": 3.0, "linkedin": 3.0, "x": 2.0, "email": 2.0, "paid search": 3.0,
                   "press": 0.15, "events": 0.5}
# A working day: quiet at night, rising from 7, peak mid-morning, a lunch dip, a second hump.
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 4, 9, 16, 22, 25, 21, 14, 16, 18, 16, 13, 10, 8, 7, 6, 5, 3, 2)
# channel -> (file name or None for typed in, profile, importer); "{month}" splits by month
BATCHES: dict[str, tuple[str, str, str] | None] = {
    "web": ("web-analytics-{month}.csv", "Web analytics (monthly export)", "jose"),
    "email": ("email-campaigns.csv", "Email tool: campaign report", "priya"),
    "linkedin": ("linkedin-analytics.xlsx", "LinkedIn page and ads analytics", "priya"),
    "x": ("x-analytics.csv", "X analytics", "kwame"),
    "paid search": ("search-ads-export.csv", "Search ads: ad group report", "jose"),
    "press": ("media-monitoring.csv", "Media monitoring", "zoe"),
    "events": None,
}

# =========================================================================== writing


@dataclass(frozen=True)
class _Context:
    """What later steps need from earlier ones: ids by key and the calendar."""

    today: date
    people: dict[str, int]
    teams: dict[Team, tuple[str, ...]]  # active people per owning team
    current_quarter: str
    previous_quarter: str


def write_demo(path: Path, *, cards: int | None = None, today: date | None = None,
               metrics: int | None = None) -> Database:
    """Create a new team file at ``path`` holding the demo team; return it open.

    A file left half-written by an error is removed again, so a retry starts clean.
    """
    today = today or date.today()
    existed = path.exists()
    database = create_database(path)
    try:
        _fill(database, today, cards, metrics)
    except BaseException:
        database.dispose()
        if not existed:
            for leftover in (path, path.with_name(path.name + "-journal")):
                leftover.unlink(missing_ok=True)
        raise
    return database


def _rng(part: str) -> random.Random:
    """One seeded stream per part, so a bigger board leaves the rest of the demo unchanged."""
    return random.Random(f"{SEED}:{part}")


def _fill(database: Database, today: date, cards: int | None,
          metrics: int | None = None) -> None:
    context = _write_team(UnitOfWork(database), today)
    uow = UnitOfWork(database, context.people[LEAD])
    goal_ids = _write_goals(uow, context, _rng("goals"))
    card_ids, campaign_ids = _write_board(uow, context, goal_ids, _rng("board"))
    filler = max(0, (cards or 0) - len(card_ids) - media_demo.CARDS)
    if filler:
        _write_filler(uow, context, goal_ids, campaign_ids, filler, _rng("filler"))
    _write_meetings_and_events(uow, context, card_ids, campaign_ids, _rng("meetings"))
    _write_stories(uow, context, card_ids)
    write_listening(uow, today, context.people, {key: name for key, name, *_ in CUSTOMERS},
                    HISTORY_DAYS)
    count = min(MAX_METRIC_RECORDS,
                max(DEFAULT_METRIC_RECORDS, int(filler * METRICS_PER_FILLER_CARD)))
    if metrics is not None:
        count = max(0, metrics)
    _write_metrics(uow, context, count, _rng("metrics"))
    media_demo.write_media_demo(uow, today, context.people, card_ids)


# --------------------------------------------------------------------------- team


def _email(name: str) -> str:
    """first.last@domain, accents folded so the address works everywhere."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return ".".join(re.sub(r"[^a-z]", "", part) for part in folded.split()) + "@" + MAIL_DOMAIN


def _write_team(uow: UnitOfWork, today: date) -> _Context:
    with uow.write() as session:
        session.add_all([m.TeamSetting(key=TEAM_NAME_KEY, value=TEAM_NAME),
                         m.TeamSetting(key=TIMEZONE_KEY, value=TIMEZONE)])
        rows = {key: m.Person(name=name, department=department, email=_email(name), active=active)
                for key, name, department, active in PEOPLE}
        session.add_all(rows.values())
        session.flush()
        people = {key: row.id for key, row in rows.items()}
    teams = {team: tuple(key for key, _, department, active in PEOPLE
                         if active and department.value == team.value) for team in Team}
    current = quarter_of(today)
    return _Context(today, people, teams, current, previous_quarter(current))


# --------------------------------------------------------------------------- goals


def _measurement_days(start: date, end: date, today: date) -> list[date]:
    """Fortnightly readings over the quarter up to today; at least one."""
    last = min(end, today)
    days = [start + timedelta(days=13 + 14 * k) for k in range(7)]
    days = [d for d in days if d <= last]
    if end <= today and (not days or days[-1] != end):
        days.append(end)
    return days or [last]


def _measured_value(spec: _GoalSpec, baseline: float, fraction: float, rng: random.Random) -> float:
    """Where the goal stood after ``fraction`` of its quarter, rounded like the unit."""
    wobble = 1.0 if fraction >= 1.0 else rng.uniform(0.9, 1.08)
    value = baseline + (spec.target - baseline) * spec.ratio * min(1.0, fraction ** 1.1 * wobble)
    if spec.unit == "%":
        return round(value, 1)
    if spec.unit == "EUR":
        return float(round(value, -3))
    return float(round(value))


def _write_goals(uow: UnitOfWork, context: _Context,
                 rng: random.Random) -> dict[GoalKey, int]:
    """Both quarters' goals, checked by the goal service's own rules, with measurements."""
    ids: dict[GoalKey, int] = {}
    finals: dict[GoalKey, float] = {}
    with uow.write() as session:
        for tag, quarter, specs in (("prev", context.previous_quarter, PREVIOUS_GOALS),
                                    ("cur", context.current_quarter, CURRENT_GOALS)):
            start, end = quarter_bounds(quarter)
            for spec in sorted(specs, key=lambda s: s.department is not None):
                key = (tag, spec.theme, spec.department.value if spec.department else None)
                carried_from = ids.get(("prev", *key[1:])) if spec.carried else None
                baseline = finals[("prev", *key[1:])] if carried_from else spec.baseline
                if baseline == spec.target:
                    baseline = spec.baseline
                row = _goal_row(session, context, spec, quarter, baseline,
                                ids.get((tag, spec.theme, None)) if spec.department else None)
                row.carried_from_id = carried_from
                session.add(row)
                session.flush()
                ids[key] = row.id
                finals[key] = _add_measurements(session, row.id, spec, baseline, start, end,
                                                context.today, rng)
    return ids


def _goal_row(session: TeamSession, context: _Context, spec: _GoalSpec, quarter: str,
              baseline: float, parent_id: int | None) -> m.Goal:
    level = GoalLevel.DEPARTMENT if spec.department else GoalLevel.CORPORATE
    data = goal_service.GoalInput(
        level, quarter, spec.title, spec.metric, spec.target, spec.unit, baseline,
        spec.department, parent_id, context.people[spec.owner], spec.status, spec.notes)
    data = goal_service.validate_goal(session, data)  # the same rules as the goals page
    return m.Goal(level=data.level, department=data.department, parent_id=data.parent_id,
                  quarter=data.quarter, title=data.title, metric=data.metric, unit=data.unit,
                  baseline=data.baseline, target=data.target, owner_id=data.owner_id,
                  status=data.status, notes=data.notes)


def _add_measurements(session: TeamSession, goal_id: int, spec: _GoalSpec, baseline: float,
                      start: date, end: date, today: date, rng: random.Random) -> float:
    """Add the readings; returns the last value (the baseline of a carried-over copy).

    Readings never fall back: these goals count things that accumulate.
    """
    length = (end - start).days + 1
    value = baseline
    for day in _measurement_days(start, end, today):
        value = max(value, _measured_value(spec, baseline, ((day - start).days + 1) / length, rng))
        session.add(m.GoalMeasurement(goal_id=goal_id, measured_on=day, value=value,
                                      source=spec.source))
    return value


def _goal_for(goal_ids: dict[GoalKey, int], context: _Context, theme: str | None,
              team: Team, due: date | None) -> int | None:
    """The department goal of the card's team under the theme, in the quarter of its due date."""
    if theme is None:
        return None
    current_start = quarter_bounds(context.current_quarter)[0]
    tag = "prev" if due is not None and due < current_start else "cur"
    if (tag, theme, None) not in goal_ids:
        tag = "cur" if tag == "prev" else "prev"
    return goal_ids.get((tag, theme, team.value), goal_ids.get((tag, theme, None)))


# --------------------------------------------------------------------------- board


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded.split(":", 1)[-1]).strip("-")[:60]


def _published_url(spec: _CardSpec, rng: random.Random) -> str:
    """Where a published piece lives, in the form its channel uses."""
    slug = _slug(spec.title)
    if spec.outlet:
        host = re.sub(r"[^a-z0-9]", "", _slug(spec.outlet))
        return f"https://www.{host}.example/news/{slug}"
    if spec.channel == "linkedin":
        activity = rng.randrange(10**18, 10**19)
        return f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}"
    if spec.channel == "x":
        return f"https://x.com/larkspurhealth/status/{rng.randrange(10**18, 10**19)}"
    section = {"press": "newsroom", "email": "mail/view", "events": "events",
               "paid search": "lp"}.get(spec.channel, "blog")
    if spec.kind in (_K.EBOOK, _K.SURVEY_DATA, _K.LANDING_PAGE):
        section = "resources"
    elif spec.kind == _K.CASE_STUDY:
        section = "customers"
    return f"{SITE}/{section}/{slug}"


def _write_board(uow: UnitOfWork, context: _Context, goal_ids: dict[GoalKey, int],
                 rng: random.Random) -> tuple[dict[str, int], dict[str, int]]:
    """The campaigns and their cards, parents before the pieces derived from them."""
    survey_year = (context.today - timedelta(days=100)).year
    positions: dict[Stage, float] = defaultdict(float)
    card_ids: dict[str, int] = {}
    with uow.write() as session:
        campaigns = {key: m.Campaign(name=name.format(year=survey_year), description=text,
                                     launch_on=context.today + timedelta(days=launch))
                     for key, name, text, launch in CAMPAIGNS}
        session.add_all(campaigns.values())
        session.flush()
        campaign_ids = {key: row.id for key, row in campaigns.items()}
        for spec in CARDS:
            due = context.today + timedelta(days=spec.due) if spec.due is not None else None
            positions[spec.stage] += 1.0
            published = spec.stage in (_S.PUBLISHED, _S.MEASURED)
            row = m.Card(
                title=spec.title, notes=spec.notes, kind=spec.kind, stage=spec.stage,
                team=spec.team, owner_id=context.people[spec.owner], due_on=due,
                campaign_id=campaign_ids[spec.campaign] if spec.campaign else None,
                goal_id=_goal_for(goal_ids, context, spec.theme, spec.team, due),
                channel=spec.channel,
                derived_from_id=card_ids[spec.parent] if spec.parent else None,
                published_url=_published_url(spec, rng) if published else "",
                pilot=spec.pilot, position=positions[spec.stage],
                tags=[m.CardTag(tag=TAG_CODES[code]) for code in sorted(set(
                    filter(None, spec.tags.split(","))))])
            session.add(row)
            session.flush()
            card_ids[spec.key] = row.id
    return card_ids, campaign_ids


def _write_filler(uow: UnitOfWork, context: _Context, goal_ids: dict[GoalKey, int],
                  campaign_ids: dict[str, int], count: int, rng: random.Random) -> None:
    """Generated cards up to the requested board size, in one bulk insert."""
    with uow.write() as session:
        next_id = (session.scalar(select(func.max(m.Card.id))) or 0) + 1
        positions = {Stage(stage): position for stage, position in session.execute(
            select(m.Card.stage, func.max(m.Card.position)).group_by(m.Card.stage))}
        cards, tags = _filler_rows(context, goal_ids, list(campaign_ids.values()), count,
                                   next_id, positions, rng)
        session.execute(insert(m.Card.__table__), cards)
        if tags:
            session.execute(insert(m.CardTag.__table__), tags)


def _filler_rows(context: _Context, goal_ids: dict[GoalKey, int], campaigns: list[int],
                 count: int, first_id: int, positions: dict[Stage, float],
                 rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    stages = [stage for stage, _ in FILLER_STAGE_WEIGHTS]
    stage_cum = list(accumulate(weight for _, weight in FILLER_STAGE_WEIGHTS))
    goals: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for (tag, _, department), goal_id in sorted(goal_ids.items(), key=lambda item: item[1]):
        goals[(tag, department)].append(goal_id)
    current_start = quarter_bounds(context.current_quarter)[0]
    tag_list = list(CommonGroundTag)
    now = utcnow()
    cards: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []
    for card_id in range(first_id, first_id + count):
        kind, team, channel, templates = rng.choice(FILLER_KINDS)
        stage = rng.choices(stages, cum_weights=stage_cum)[0]
        due = _filler_due(context.today, stage, rng)
        positions[stage] = positions.get(stage, 0.0) + 1.0
        goal_id = None
        if rng.random() < 0.78:
            tag = "prev" if due is not None and due < current_start else "cur"
            goal_id = rng.choice(goals.get((tag, team.value)) or goals[(tag, None)])
        published = stage in (_S.PUBLISHED, _S.MEASURED)
        cards.append({
            "id": card_id, "version": 1, "created_at": now, "updated_at": now, "deleted_at": None,
            "campaign_id": rng.choice(campaigns) if rng.random() < 0.8 else None,
            "title": _filler_title(templates, rng), "notes": "", "kind": kind, "stage": stage,
            "team": team, "owner_id": context.people[rng.choice(context.teams[team])],
            "due_on": due, "goal_id": goal_id, "channel": channel,
            "derived_from_id": (rng.randrange(first_id, card_id)
                                if card_id > first_id and rng.random() < 0.3 else None),
            "published_url": f"{SITE}/c/{card_id}" if published else "",
            "pilot": rng.random() < 0.02, "position": positions[stage],
        })
        for tag in rng.sample(tag_list, rng.choice((0, 0, 1, 1, 2))):
            tags.append({"card_id": card_id, "tag": tag})
    return cards, tags


def _filler_due(today: date, stage: Stage, rng: random.Random) -> date | None:
    if stage in (_S.PUBLISHED, _S.MEASURED):
        return today - timedelta(days=rng.randint(2, HISTORY_DAYS - 10))
    if stage is _S.IDEA and rng.random() < 0.5:
        return None
    return today + timedelta(days=rng.randint(-20, 90))


def _filler_title(templates: Sequence[str], rng: random.Random) -> str:
    return rng.choice(templates).format(
        n=rng.randint(3, 9), topic=rng.choice(FILLER_TOPICS), audience=rng.choice(FILLER_AUDIENCES),
        outlet=rng.choice(FILLER_OUTLETS), event=rng.choice(FILLER_EVENTS),
        customer=rng.choice(CUSTOMERS)[1], month=rng.choice((
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December")))


# --------------------------------------------------------------------------- meetings, events


def _meeting_day(today: date, weeks_ago: int) -> date:
    """Tuesdays: the most recent one before today, ``weeks_ago`` weeks back (or ahead)."""
    last_tuesday = today - timedelta(days=(today.weekday() - 1) % 7 or 7)
    return last_tuesday - timedelta(weeks=weeks_ago)


def _attendees(people: dict[str, m.Person], rng: random.Random) -> list[m.Person]:
    """Two or so from each department, the lead most weeks."""
    chosen = [LEAD] if rng.random() < 0.7 else []
    for department in (Department.PR, Department.MARKETING, Department.SALES):
        keys = [key for key, _, dep, active in PEOPLE if dep is department and active]
        chosen += rng.sample(keys, rng.randint(1, len(keys)))
    return [people[key] for key in chosen]


def _write_meetings_and_events(uow: UnitOfWork, context: _Context, card_ids: dict[str, int],
                               campaign_ids: dict[str, int], rng: random.Random) -> None:
    today = context.today
    with uow.write() as session:
        people = {key: session.get(m.Person, pid) for key, pid in context.people.items()}
        for spec in MEETINGS:
            day = _meeting_day(today, spec.weeks_ago)
            meeting = m.Meeting(starts_at=datetime.combine(day, time(10, 0)), title=spec.title,
                                agenda=spec.agenda, notes=spec.notes, decisions=spec.decisions,
                                attendees=_attendees(people, rng))
            for action in spec.actions:
                due = day + timedelta(days=action.due_after)
                done_on = (min(today, max(day, due - timedelta(days=rng.randint(0, 2))))
                           if action.done else None)
                meeting.action_items.append(m.ActionItem(
                    text=action.text, owner_id=context.people[action.owner], due_on=due,
                    done=action.done, done_on=done_on,
                    card_id=card_ids[action.card] if action.card else None,
                    campaign_id=campaign_ids[action.campaign] if action.campaign else None))
            session.add(meeting)
        for kind, title, offset, (hour, minute), minutes, place, who, notes in EVENTS:
            starts = datetime.combine(today + timedelta(days=offset), time(hour, minute))
            session.add(m.TeamEvent(
                uid=f"{uuid.UUID(int=rng.getrandbits(128), version=4)}@commonground",
                kind=kind, title=title, starts_at=starts,
                ends_at=starts + timedelta(minutes=minutes), place=place, notes=notes,
                attendees=[people[key] for key in who]))


# --------------------------------------------------------------------------- customer stories


def _decided_at(today: date, days_ago: int) -> datetime:
    return datetime.combine(today - timedelta(days=days_ago), time(13, 40))


def _write_stories(uow: UnitOfWork, context: _Context, card_ids: dict[str, int]) -> None:
    """Customers with their reps, a request in every status, the contacts and placements."""
    today, people = context.today, context.people
    with uow.write() as session:
        customers = {key: m.Customer(name=name, industry=industry, rep_id=people[rep], notes=notes)
                     for key, name, industry, rep, notes in CUSTOMERS}
        session.add_all(customers.values())
        session.flush()
        reps = {key: rep for key, _, _, rep, _ in CUSTOMERS}
        requests: dict[str, m.StoryRequest] = {}
        for spec in STORIES:
            decided = spec.decided is not None
            requests[spec.key] = m.StoryRequest(
                customer_id=customers[spec.customer].id, kind=spec.kind, title=spec.title,
                what_pr_wants=spec.what, benefit_to_customer=spec.for_customer,
                benefit_to_company=spec.for_company, status=spec.status,
                requested_by_id=people[spec.requested_by],
                decided_by_id=people[reps[spec.customer]] if decided else None,
                decided_at=_decided_at(today, spec.decided) if decided else None,
                decision_note=spec.note, allowed_uses=spec.uses,
                approval_ends_on=today + timedelta(days=spec.ends) if spec.ends else None,
                card_id=card_ids[spec.card] if spec.card else None)
        session.add_all(requests.values())
        session.flush()
        for customer, request, days_ago, channel, summary, included, reason in COMMUNICATIONS:
            story = next(s for s in STORIES if s.key == request) if request else None
            session.add(m.Communication(
                customer_id=customers[customer].id,
                request_id=requests[request].id if request else None,
                occurred_on=today - timedelta(days=days_ago), channel=channel, summary=summary,
                rep_included=included, without_rep_reason=reason,
                logged_by_id=people[story.requested_by] if story else None))
        for request, outlet, days_ago, url in PLACEMENTS:
            requests[request].placements.append(
                m.Placement(outlet=outlet, placed_on=today - timedelta(days=days_ago), url=url))


# --------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class _Source:
    """A published card as the metric generator sees it."""

    card_id: int
    title: str
    kind: CardKind
    channel: str
    published_on: date
    owner_id: int | None


def _metric_sources(session: TeamSession, today: date) -> list[_Source]:
    query = (select(m.Card.id, m.Card.title, m.Card.kind, m.Card.channel, m.Card.due_on,
                    m.Card.owner_id)
             .where(m.Card.stage.in_((_S.PUBLISHED, _S.MEASURED)), m.Card.deleted_at.is_(None),
                    m.Card.channel.in_(list(CHANNEL_METRICS)))
             .order_by(m.Card.id))
    return [_Source(cid, title, CardKind(kind), channel, due or today - timedelta(days=30), owner)
            for cid, title, kind, channel, due, owner in session.execute(query)
            if (due or today) < today]


def _profile(kind: CardKind, channel: str) -> tuple[list[tuple[str, float, float, int]],
                                                    list[float]]:
    """The metrics a piece yields on its channel, with cumulative weights for choosing."""
    metrics = list(CHANNEL_METRICS[channel])
    if kind in LEAD_KINDS:
        metrics.append(("leads", 1.5, 0, 14 if channel == "events" else 5, 0))
    if kind == _K.PAID_AD and channel != "paid search":
        metrics.append(("cost", 3, 20, 420, 2))
    return ([(name, low, high, decimals) for name, _, low, high, decimals in metrics],
            list(accumulate(weight for _, weight, _, _, _ in metrics)))


def _value(low: float, high: float, decimals: int, rng: random.Random) -> float:
    """Log-uniform: many small figures, a few big ones, as real exports look."""
    value = math.expm1(rng.uniform(math.log1p(low), math.log1p(high)))
    return round(value, decimals) if decimals else float(round(value))


def _occurred_on(source: _Source, today: date, rng: random.Random) -> date:
    """Most activity soon after publication, fading out; weekends quieter."""
    first = max(source.published_on, today - timedelta(days=HISTORY_DAYS))
    span = (today - timedelta(days=1) - first).days
    day = first
    for _ in range(3):
        day = first + timedelta(days=int(rng.expovariate(1 / 25)) % (span + 1))
        if day.weekday() < 5 or rng.random() < 0.3:
            break
    return day


def _metric_rows(sources: list[_Source], count: int, today: date,
                 rng: random.Random) -> list[dict[str, Any]]:
    weights = list(accumulate(CHANNEL_WEIGHTS[s.channel] for s in sources))
    chosen = rng.choices(sources, cum_weights=weights, k=count)
    hours = rng.choices(range(24), cum_weights=list(accumulate(HOUR_WEIGHTS)), k=count)
    profiles: dict[tuple[CardKind, str], Any] = {}
    rows = []
    for source, hour in zip(chosen, hours):
        metrics, cum = profiles.setdefault((source.kind, source.channel),
                                           _profile(source.kind, source.channel))
        name, low, high, decimals = rng.choices(metrics, cum_weights=cum)[0]
        occurred = datetime.combine(_occurred_on(source, today, rng),
                                    time(hour, rng.randrange(60)))
        rows.append({"version": 1, "occurred_at": occurred, "channel": source.channel,
                     "card_id": source.card_id, "content": source.title, "metric": name,
                     "value": _value(low, high, decimals, rng), "import_id": None,
                     "source_row": None, "entered_by_id": source.owner_id})
    return rows


def _batch_name(channel: str, occurred: datetime) -> str | None:
    spec = BATCHES.get(channel)
    return spec[0].format(month=occurred.strftime("%Y-%m")) if spec else None


def _write_metrics(uow: UnitOfWork, context: _Context, count: int, rng: random.Random) -> None:
    """Imported records with their batches (provenance) and a few typed in by hand.

    Generated and inserted ``METRIC_CHUNK`` records at a time (the default demo is
    one chunk); an import batch first seen in one chunk grows in the later ones.
    """
    with uow.write() as session:
        sources = _metric_sources(session, context.today)
        if not sources:
            return
        batches: dict[str, m.ImportBatch] = {}
        influence = _rng("influence")
        for done in range(0, count, METRIC_CHUNK):
            rows = _metric_rows(sources, min(METRIC_CHUNK, count - done), context.today, rng)
            rows.sort(key=lambda r: (r["occurred_at"], r["card_id"], r["metric"]))
            _assign_batches(session, context, rows, batches)
            _credit_coverage(rows, influence)
            session.connection().execute(insert(m.MetricRecord.__table__), rows)


def _assign_batches(session: TeamSession, context: _Context, rows: list[dict[str, Any]],
                    batches: dict[str, m.ImportBatch]) -> None:
    """Give each imported row its batch (the file it came from) and its row in that file."""
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        name = _batch_name(row["channel"], row["occurred_at"])
        if name is not None:
            by_file[name].append(row)
    for name in sorted(by_file):
        batch_rows = by_file[name]
        first, last = batch_rows[0]["occurred_at"].date(), batch_rows[-1]["occurred_at"].date()
        batch = batches.get(name)
        offset = 0
        if batch is None:
            _, profile, importer = BATCHES[batch_rows[0]["channel"]]  # type: ignore[misc]
            batch = batches[name] = m.ImportBatch(
                file_name=name, file_sha256=hashlib.sha256(name.encode()).hexdigest(),
                profile_name=profile, period_start=first, period_end=last,
                imported_at=datetime.combine(last, time(17, 45)),
                imported_by_id=context.people[importer], row_count=len(batch_rows))
            session.add(batch)
            session.flush()
        else:
            offset = batch.row_count
            batch.row_count += len(batch_rows)
            batch.period_start = min(batch.period_start, first)
            batch.period_end = max(batch.period_end, last)
            batch.imported_at = datetime.combine(batch.period_end, time(17, 45))
        for number, row in enumerate(batch_rows, start=offset + 1):
            row.update(import_id=batch.id, source_row=number, entered_by_id=None)


# Invented reporters and creators, so "who has influence" has names to rank.
JOURNALISTS: dict[str, tuple[str, ...]] = {
    "Digital Care Review": ("Maren Holt", "Ade Bankole"),
    "Hospital Systems Today": ("Rhea Castellanos",),
    "MedTech Ledger": ("Tobias Engvall", "Nkechi Ilori"),
    "Nordic Health Tech": ("Saga Lindqvist",),
    "Praxis & Klinik Digital": ("Jonas Wehrle",),
    "The Ward Round": ("Fern Adebayo",),
}
CREATORS = ("@clinicalcodes", "@wardtechnurse", "@healthitdaily")


def _credit_coverage(rows: list[dict[str, Any]], rng: random.Random) -> None:
    """Name the outlet and reporter of press results, and a creator on some social posts."""
    outlets = {spec.title: spec.outlet for spec in CARDS if spec.outlet}
    for row in rows:
        outlet = outlets.get(row["content"], "") if row["channel"] == "press" else ""
        author = rng.choice(JOURNALISTS[outlet]) if outlet else ""
        if row["channel"] in ("x", "linkedin") and rng.random() < 0.2:
            author = rng.choice(CREATORS)
        row.update(outlet=outlet, author=author)
