"""The demo team's media relations: a media list across tiers (a few do-not-contact), the
survey launch's pitches in every state with the coverage they earned linked, two articles
amplified with marketing, a materials library, and three industry events with talks in
different states, one with a customer on stage under the rep's approval.

Written through the services where they hold a rule (pitches, links, amplification, talks),
after the rest of the demo, so the other parts' random streams stay as they were. Every
person and outlet here is invented.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from db import models as m
from db.enums import ContactKind, PitchState, Stage, SubmissionState
from db.unit_of_work import UnitOfWork
from desktop.media import coverage, pitches, speaking
from desktop.media.contacts import ContactInput, OutletInput, insert_contact, insert_outlet
from desktop.media.materials import MaterialInput, create_material

#: Cards the media demo adds to the board (the amplified pieces), so a board of a given
#: size stays that size.
CARDS = 6
P, SS = PitchState, SubmissionState

# name, tier, audience, its source, topics, web domain
OUTLETS: tuple[tuple[str, int, int | None, str, str, str], ...] = (
    ("Digital Care Review", 1, 180_000, "publisher's media kit 2026", "digital health, hospital IT",
     "digitalcarereview.example"),
    ("Hospital Systems Today", 1, 240_000, "audited circulation, print and web",
     "hospital management, CIO interviews", "hospitalsystemstoday.example"),
    ("CIO Health Briefing", 1, 95_000, "newsletter subscribers (publisher)", "health-IT leadership",
     "ciohealthbriefing.example"),
    ("MedTech Ledger", 2, 65_000, "newsletter subscribers (publisher)", "medtech business",
     "medtechledger.example"),
    ("Nordic Health Tech", 2, 40_000, "monthly unique visitors (publisher)",
     "Nordic e-health, telehealth", "nordichealthtech.example"),
    ("Praxis & Klinik Digital", 2, 55_000, "audited print run", "Digitalisierung in Klinik und Praxis",
     "praxis-klinik-digital.example"),
    ("European Hospital Review", 2, 70_000, "media kit 2025", "hospital policy, procurement",
     "europeanhospitalreview.example"),
    ("The Ward Round", 2, 18_000, "downloads per episode (host's figures)", "nursing, patient care",
     "thewardround.example"),
    ("Health Data Weekly", 3, 12_000, "newsletter subscribers (our estimate)", "health data, AI",
     "healthdataweekly.example"),
    ("Patient Safety Journal", 3, 9_000, "members of the society", "patient safety",
     "patientsafetyjournal.example"),
    ("Clinical Informatics Cast", 3, 6_500, "downloads per episode (host's figures)",
     "clinical informatics", "clinicalinformaticscast.example"),
    ("Care Innovation Notes", 3, None, "", "care homes, community care", "careinnovationnotes.example"),
)
FIRST = ("Alba", "Bram", "Chiara", "Dagny", "Emeka", "Farah", "Goran", "Hana", "Ilse", "Jarek",
         "Keiko", "Lorcan", "Mireia", "Nils", "Oona", "Pavel", "Quinn", "Rosa", "Sven", "Talia",
         "Ugo", "Vera", "Wendell", "Xenia", "Yusuf", "Zofia")
LAST = ("Achterberg", "Brennan", "Castellví", "Dvořák", "Eriksen", "Fontaine", "Grabowski",
        "Halloran", "Ibsen", "Jovanović", "Kaur", "Lindahl", "Moreau", "Nakamura", "Oyelaran",
        "Petrakis", "Quist", "Rautio", "Szabó", "Thorsen", "Umarov", "Varga", "Whitlock")
BEATS = ("hospital IT", "digital health policy", "cybersecurity in care", "telehealth",
         "health data and AI", "nursing technology", "procurement", "patient experience")
KINDS = (ContactKind.JOURNALIST, ContactKind.JOURNALIST, ContactKind.EDITOR,
         ContactKind.JOURNALIST)
#: The creators behind the handles the demo's social records carry.
CREATOR_NAMES = {"@clinicalcodes": "Dana Whitfield", "@wardtechnurse": "Imke Sørensen",
                 "@healthitdaily": "Marco Bellini"}
EXTRA_CONTACTS = 37
# contact, reason, who set it, days ago
DO_NOT_CONTACT = (
    (3, "Objected in writing to receiving press releases; keep off every list.", "zoe", 140),
    (11, "Left the outlet; the desk asked us to stop writing to the old address.", "kwame", 60),
    (23, "Asked for no follow-up calls; the editor-in-chief wants pitches via the news desk only.",
     "siobhan", 30),
)
#: The survey launch's pitch to the outlets that covered it: contact, who pitched, the
#: coverage card it earned (a key of the board's demo cards). The last one's link is left
#: for a person to confirm: the page suggests it.
COVERED = (("Maren Holt", "zoe", "s.cov1"), ("Rhea Castellanos", "zoe", "s.cov2"),
           ("Tobias Engvall", "kwame", "s.cov3"), ("Saga Lindqvist", "siobhan", "s.cov4"),
           ("Fern Adebayo", "siobhan", "s.cov6"), ("Jonas Wehrle", "kwame", "s.cov5"))
#: The same launch pitch's other contacts, and where each stands.
OTHERS = ((P.REPLIED, 2), (P.INTERESTED, 2), (P.DECLINED, 2), (P.NO_REPLY, 6))
#: Two articles marketing amplified: the coverage card, social channels, newsletter,
#: one-pager, paid boost (CARDS counts the pieces).
AMPLIFIED = (("s.cov3", ("linkedin",), True, True, False),
             ("s.cov6", ("linkedin", "x"), True, False, False))


def write_media_demo(uow: UnitOfWork, today: date, people: dict[str, int],
                     card_ids: dict[str, int]) -> None:
    """The media relations of the demo team; ``people`` and ``card_ids`` by their demo keys."""
    from desktop.demo import CREATORS, JOURNALISTS  # the names its coverage records carry

    rng = random.Random("commonground-demo:media")
    contact_ids = _write_media_list(uow, today, people, JOURNALISTS, CREATORS, rng)
    launch = today - timedelta(days=99)
    as_of = {key: uow.as_person(person_id) for key, person_id in people.items()}
    materials = _write_materials(uow, people, today)
    _write_launch_pitches(as_of, today, launch, contact_ids, card_ids, materials, rng)
    _write_recent_pitches(as_of, today, contact_ids, card_ids)
    _write_quarter_pitches(as_of, today, contact_ids, card_ids, rng)
    for key, channels, newsletter, one_pager, paid in AMPLIFIED:
        article = card_ids[key]
        with uow.read() as session:
            published = session.get(m.Card, article).due_on or launch
        done = coverage.amplify(as_of["zoe"], article, channels=channels, newsletter=newsletter,
                                one_pager=one_pager, paid_boost=paid, owner_id=people["priya"],
                                today=published + timedelta(days=1))
        with uow.write() as session:  # marketing published them long ago, in this order
            last = session.scalar(select(func.max(m.Card.position)).where(
                m.Card.stage == Stage.PUBLISHED, m.Card.deleted_at.is_(None))) or 0.0
            for number, card_id in enumerate(done.card_ids, start=1):
                row = session.get(m.Card, card_id)
                row.stage, row.position = Stage.PUBLISHED, last + number
                row.published_url = f"https://share.example/published/amplified-{card_id}"
    _write_speaking(as_of, today, people)


def _write_media_list(uow: UnitOfWork, today: date, people: dict[str, int],
                      journalists: dict[str, tuple[str, ...]], creators: tuple[str, ...],
                      rng: random.Random) -> dict[str, int]:
    with uow.write() as session:
        outlets = {name: insert_outlet(session, OutletInput(name, tier, audience, source,
                                                            topics, domain))
                   for name, tier, audience, source, topics, domain in OUTLETS}
        found: dict[str, int] = {}
        for outlet, names in journalists.items():
            domain = outlets[outlet].web_domain
            for number, name in enumerate(names):
                kind = ContactKind.PODCASTER if outlet == "The Ward Round" else (
                    ContactKind.EDITOR if number == 0 else ContactKind.JOURNALIST)
                found[name] = insert_contact(session, ContactInput(
                    name, outlets[outlet].id, kind, rng.choice(BEATS), _address(name, domain),
                    "@" + name.split()[0].lower() + name.split()[-1][:3].lower(),
                    preferred_channel="email")).id
        for handle in creators:
            found[handle] = insert_contact(session, ContactInput(
                CREATOR_NAMES.get(handle, handle), None, ContactKind.CREATOR,
                rng.choice(BEATS), x_handle=handle, preferred_channel="X")).id
        pairs = [(f, s) for f in FIRST for s in LAST]
        rng.shuffle(pairs)
        extra_outlets = list(outlets.values())
        for number, (first, last) in enumerate(pairs[:EXTRA_CONTACTS]):
            outlet = extra_outlets[number % len(extra_outlets)]
            name = f"{first} {last}"
            kind = ContactKind.PODCASTER if "Cast" in outlet.name or "Ward" in outlet.name \
                else ContactKind.CREATOR if "Notes" in outlet.name else rng.choice(KINDS)
            found[name] = insert_contact(session, ContactInput(
                name, outlet.id, kind, rng.choice(BEATS), _address(name, outlet.web_domain),
                "@" + (first + last[:2]).lower(), f"https://www.linkedin.example/in/{first}-{last}"
                .lower(), rng.choice(("email", "email", "phone", "LinkedIn")))).id
        names = list(found)
        for index, reason, who, days in DO_NOT_CONTACT:
            row = session.get(m.MediaContact, found[names[-index]])
            row.do_not_contact, row.do_not_contact_reason = True, reason
            row.do_not_contact_on = today - timedelta(days=days)
            row.do_not_contact_by_id = people[who]
        return found


def _address(name: str, domain: str) -> str:
    """first.last@the outlet's domain, accents folded."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return ".".join(part for part in folded.replace("'", "").split()) + "@" + domain


def _free(uow: UnitOfWork, contact_ids: dict[str, int], taken: set[int],
          rng: random.Random, count: int) -> list[int]:
    """Contacts not marked do-not-contact and not pitched yet in this launch."""
    with uow.read() as session:
        blocked = set(session.scalars(select(m.MediaContact.id).where(
            m.MediaContact.do_not_contact.is_(True))))
    free = [cid for cid in contact_ids.values() if cid not in blocked and cid not in taken]
    rng.shuffle(free)
    return free[:count]


def _write_materials(uow: UnitOfWork, people: dict[str, int], today: date) -> dict[str, int]:
    with uow.read() as session:
        requests = dict(session.execute(select(m.StoryRequest.title, m.StoryRequest.id)).all())
    items = (
        ("charts", MaterialInput("Survey charts (PNG and PDF)", "//share/marketing/survey/charts/",
                                 people["jose"], "press, social, sales decks")),
        ("sheet", MaterialInput("Survey fact sheet, two pages",
                                "https://share.example/marketing/survey-fact-sheet.pdf",
                                people["priya"], "press kits, events")),
        ("images", MaterialInput("Conference photos 2025 (licensed)",
                                 "//share/marketing/press-images/conference-2025/",
                                 people["priya"], "press, web", today - timedelta(days=12))),
        ("fjordlund", MaterialInput("Approved quote: Fjordlund CIO on launch day",
                                    "//share/pr/quotes/fjordlund-cio.txt", people["siobhan"],
                                    "press release, pitches",
                                    story_request_id=requests["Fjordlund as launch press reference"])),
        ("cedar", MaterialInput("Approved quote: Cedar Ridge CIO on patient trust",
                                "//share/pr/quotes/cedar-ridge-cio.txt", people["zoe"],
                                "interviews on the survey",
                                story_request_id=requests["Cedar Ridge CIO in the survey coverage"])),
    )
    return {key: create_material(uow, data, today).id for key, data in items}


def _write_launch_pitches(as_of: dict[str, UnitOfWork], today: date, launch: date,
                          contact_ids: dict[str, int], card_ids: dict[str, int],
                          materials: dict[str, int], rng: random.Random) -> None:
    release = card_ids["s.pr"]
    subject = "Embargoed: 7 in 10 hospital IT leaders doubt patient-app security"
    by_pitcher: dict[str, list[str]] = {}
    for name, who, _card in COVERED:
        by_pitcher.setdefault(who, []).append(name)
    taken: set[int] = set()
    recipients: dict[int, int] = {}  # contact -> recipient
    for who, names in by_pitcher.items():
        ids = tuple(contact_ids[n] for n in names)
        others = _free(as_of[who], contact_ids, taken | set(ids), rng, 4)
        logged = pitches.log_pitch(as_of[who], pitches.PitchInput(
            release, ids + tuple(others), subject, launch, "email",
            follow_up_on=launch + timedelta(days=3),
            material_ids=(materials["charts"], materials["sheet"], materials["images"])))
        taken |= set(ids) | set(others)
        recipients.update(zip(ids + tuple(others), logged.recipient_ids))
    uow = as_of["zoe"]
    answered = [cid for cid in recipients if cid not in {contact_ids[n] for n, _, _ in COVERED}]
    states = [state for state, count in OTHERS for _ in range(count)]
    with uow.write() as session:
        for contact_id, state in zip(answered, states):
            session.get(m.PitchRecipient, recipients[contact_id]).state = state
        for name, _who, _card in COVERED:
            session.get(m.PitchRecipient, recipients[contact_ids[name]]).state = P.INTERESTED
    for name, who, card_key in COVERED[:-1]:
        _link(as_of[who], recipients[contact_ids[name]], card_ids[card_key], name, launch)


def _first_record(uow: UnitOfWork, card_id: int, author: str) -> int | None:
    """The first imported press record of the article, by its author where they wrote it."""
    r = m.MetricRecord
    with uow.read() as session:
        for condition in (r.author == author, r.author.is_not(None)):
            found = session.scalar(select(func.min(r.id)).where(
                r.card_id == card_id, r.channel == "press", r.outlet != "", condition))
            if found is not None:
                return found
    return None


def _write_recent_pitches(as_of: dict[str, UnitOfWork], today: date,
                          contact_ids: dict[str, int], card_ids: dict[str, int]) -> None:
    """Last week's webinar pitch (so a second one warns) and a draft for the next blog."""
    pitches.log_pitch(as_of["kwame"], pitches.PitchInput(
        card_ids["s.webinar"], (contact_ids["Rhea Castellanos"], contact_ids["Ade Bankole"],
                                contact_ids["Nkechi Ilori"]),
        "Two hospital CIOs on closing the trust gap: webinar speakers for your readers",
        today - timedelta(days=5), "email", follow_up_on=today + timedelta(days=2),
        send_anyway=True))
    pitches.log_pitch(as_of["siobhan"], pitches.PitchInput(
        card_ids["s.blog2"], (contact_ids["Saga Lindqvist"],),
        "What the trade press got right about the trust gap", today, "email",
        state=P.DRAFTED))


def _write_quarter_pitches(as_of: dict[str, UnitOfWork], today: date,
                           contact_ids: dict[str, int], card_ids: dict[str, int],
                           rng: random.Random) -> None:
    """This quarter's pitches: the launch briefing under embargo, and the Nordic op-ed that
    Nordic Health Tech ran."""
    zoe, siobhan = as_of["zoe"], as_of["siobhan"]
    briefed = _free(zoe, contact_ids, {contact_ids[n] for n, _w, _c in COVERED}, rng, 6)
    logged = pitches.log_pitch(zoe, pitches.PitchInput(
        card_ids["l.pr"], tuple(briefed), "Under embargo: remote monitoring for hospital wards",
        today - timedelta(days=12), "email", follow_up_on=today + timedelta(days=3),
        send_anyway=True))
    with zoe.write() as session:
        for recipient_id, state in zip(logged.recipient_ids, (P.INTERESTED, P.INTERESTED,
                                                              P.REPLIED, P.DECLINED)):
            session.get(m.PitchRecipient, recipient_id).state = state
    saga = contact_ids["Saga Lindqvist"]
    others = _free(siobhan, contact_ids, set(briefed) | {saga}, rng, 2)
    oped = pitches.log_pitch(siobhan, pitches.PitchInput(
        card_ids["n.oped"], (saga, *others), "Op-ed: what Nordic hospitals teach about remote care",
        today - timedelta(days=28), "email", send_anyway=True))
    with siobhan.write() as session:
        session.get(m.PitchRecipient, oped.recipient_ids[0]).state = P.INTERESTED
        for recipient_id in oped.recipient_ids[1:]:
            session.get(m.PitchRecipient, recipient_id).state = P.NO_REPLY
    _link(siobhan, oped.recipient_ids[0], card_ids["n.cov"], "Saga Lindqvist",
          today - timedelta(days=28))


def _link(uow: UnitOfWork, recipient_id: int, card_id: int, author: str, pitched: date) -> None:
    """Confirm the article of ``card_id`` as what the pitch earned: its first imported
    record, or the card itself typed in as the placement."""
    record = _first_record(uow, card_id, author)
    if record is not None:
        coverage.confirm_link(uow, recipient_id, record_id=record, card_id=card_id)
        return
    with uow.read() as session:
        card = session.get(m.Card, card_id)
        title, day = card.title, max(card.due_on or pitched, pitched)
    outlet = title.split(": ", 1)[-1].split(" ")[0:3]
    coverage.confirm_link(uow, recipient_id, placement=coverage.PlacementInput(
        " ".join(outlet), title, day, author), card_id=card_id)


def _write_speaking(as_of: dict[str, UnitOfWork], today: date, people: dict[str, int]) -> None:
    uow = as_of["zoe"]
    with uow.read() as session:
        vestmark = session.scalar(select(m.Customer.id).where(
            m.Customer.name == "Vestmark Region Health Authority"))
    forum = speaking.create_event(uow, speaking.EventInput(
        "HealthTech Forum", today + timedelta(days=40), today + timedelta(days=41), "Berlin",
        "Hospital CIOs and IT directors, about 2,500", today + timedelta(days=5),
        "https://healthtechforum.example/call-for-papers", people["zoe"]))
    nordic = speaking.create_event(uow, speaking.EventInput(
        "Nordic eHealth Days", today + timedelta(days=60), today + timedelta(days=62),
        "Copenhagen", "Regional health authorities and Nordic buyers, about 1,200",
        today - timedelta(days=20), "https://nordicehealthdays.example/programme",
        people["siobhan"]))
    summit = speaking.create_event(uow, speaking.EventInput(
        "Clinical IT Summit", today - timedelta(days=30), today - timedelta(days=29), "Amsterdam",
        "Clinical informatics leads, about 800", today - timedelta(days=90),
        "https://clinicalitsummit.example", people["kwame"]))
    talks = (
        (forum, "Closing the trust gap: what 612 hospital IT leaders told us", "zoe", None, (),
         None),
        (forum, "Remote monitoring on the ward: lessons from two pilots", "kwame", None,
         (SS.SUBMITTED,), None),
        (nordic, "Telehealth across 11 clinics: a region's rollout, told together", "siobhan",
         "Programme lead, Vestmark Region", (SS.SUBMITTED, SS.ACCEPTED, SS.CONFIRMED),
         datetime.combine(today + timedelta(days=61), time(11, 30))),
        (summit, "Trust by design: a checklist for patient-app teams", "zoe", None,
         (SS.SUBMITTED, SS.ACCEPTED, SS.CONFIRMED, SS.DELIVERED),
         datetime.combine(today - timedelta(days=30), time(14, 0))),
        (summit, "Panel: who owns patient-app security?", "kwame", None,
         (SS.SUBMITTED, SS.REJECTED), None),
        (summit, "Lightning talk: the survey in five charts", "siobhan", None, (SS.WITHDRAWN,),
         None),
    )
    for event, title, who, customer_speaker, steps, talk_at in talks:
        speakers = [speaking.SpeakerInput(person_id=people[who])]
        if customer_speaker:
            speakers.append(speaking.SpeakerInput(customer_id=vestmark, name=customer_speaker))
        talk = speaking.create_submission(as_of[who], speaking.SubmissionInput(
            event.id, title, speakers=tuple(speakers), owner_id=people[who], talk_at=talk_at))
        version = talk.version
        for state in steps:
            version = speaking.move_submission(as_of[who], talk.id, version, state).version
