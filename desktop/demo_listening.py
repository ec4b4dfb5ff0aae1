"""The demo team's social listening: its accounts recognisable by domains and handles, a
few hundred mentions from two listening tools over two quarters, the signals they raised
in every step, two reps with queues (one past its response time), and opportunities won.

Everything is invented: the accounts are the demo's customers and three prospects, the
authors made-up names, the links on ``.example`` domains and on the platforms.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select

from db import models as m
from db.enums import AccountKind, IdentifierKind, SignalStatus, Urgency
from db.unit_of_work import UnitOfWork
from desktop.listening import rules as rule_service
from desktop.listening.response_times import add_business_days
from desktop.listening.rules import CATEGORY_KEY, COMPETITORS_KEY, OUR_NAMES_KEY
from desktop.listening.signals import raise_signals

S = SignalStatus
K = IdentifierKind

#: customer key (demo.CUSTOMERS), domain, X handle, LinkedIn page, alias
ACCOUNT_IDS: tuple[tuple[str, str, str, str, str], ...] = (
    ("fjordlund", "fjordlund-hospital.example", "fjordlundhosp", "fjordlund-university-hospital",
     "Fjordlund"),
    ("vestmark", "vestmark-health.example", "vestmarkhealth", "vestmark-region-health",
     "Vestmark"),
    ("cedar", "cedarridge-medical.example", "cedarridgemc", "cedar-ridge-medical", "Cedar Ridge"),
    ("rheinaue", "klinikum-rheinaue.example", "klinikumrheinaue", "klinikum-rheinaue",
     "Rheinaue"),
    ("clement", "hopital-saint-clement.example", "hopitalstclement", "hopital-saint-clement",
     "Saint-Clément"),
    ("maribo", "maribo-care.example", "maribocare", "maribo-care-homes", "Maribo"),
    ("ostara", "ostara-diagnostics.example", "ostaradx", "ostara-diagnostics", "Ostara"),
)
#: prospects: name, industry, rep, domain, X handle, alias
PROSPECTS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("Nordhavn Clinics Group", "Private clinics", "mateusz", "nordhavn-clinics.example",
     "nordhavnclinics", "Nordhavn"),
    ("St. Aidan's Children's Hospital", "Children's hospital", "amara", "st-aidans.example",
     "staidanskids", "St. Aidan's"),
    ("Lindqvist Home Care", "Home care", "mateusz", "lindqvist-care.example", "lindqvistcare",
     "Lindqvist"),
)
VOCABULARY = {OUR_NAMES_KEY: "Larkspur, Larkspur Health",
              CATEGORY_KEY: "remote monitoring, telehealth, patient app, virtual ward",
              COMPETITORS_KEY: "Medivane, CareLoop"}
AUTHORS = ("Henrik Aalto", "Sofia Marín", "Jonas Berg", "Aylin Demir", "Marta Kowalczyk",
           "Tomás Ferreira", "Elin Dahl", "Noor Haddad", "Pieter de Vries", "Chloé Martin")
#: What people write, with {a} for the account's name as people write it and {site} for
#: a link on its domain. Each line is (intent phrase text, weight of the template).
SAYINGS: tuple[tuple[str, int], ...] = (
    ("{a} is evaluating remote monitoring vendors for the cardiology wards, any "
     "recommendations?", 4),
    ("Our RFP for a telehealth platform is out: {site}/tenders/telehealth", 3),
    ("{a} is moving away from Medivane after another outage this month.", 2),
    ("Thanks to Larkspur our virtual ward at {a} halved readmissions. We love it.", 3),
    ("{a} is rolling out to three more clinics next spring, on the Larkspur patient app.", 2),
    ("Frustrated with the Larkspur outage this morning at {a}, not renewing if it happens "
     "again.", 1),
    ("{a} appointed a new CIO to lead its digital programme: {site}/news/new-cio", 2),
    ("Budget approved for a remote monitoring pilot at {a}: {site}/news/pilot", 2),
    ("We're hiring: evaluating telehealth tools is part of the job at {a}. Apply now.", 2),
    ("Great panel with {a} on patient safety at the regional health summit.", 5),
    ("{a} shares its winter visiting hours for all wards.", 5),
)
MENTIONS_PER_EXPORT = 6
TOOLS = (("Brandwatch", "Brandwatch: mentions", "Larkspur brand + category"),
         ("Meltwater", "Meltwater: mentions", "Larkspur category"))


@dataclass(frozen=True)
class _Account:
    id: int
    name: str
    alias: str
    domain: str
    handle: str
    rep_id: int


def write_listening(uow: UnitOfWork, today: date, people: dict[str, int],
                    customer_names: dict[str, str], history_days: int) -> None:
    """The listening part of the demo (see the module docstring)."""
    rng = random.Random("listening:20260417")
    with uow.write() as session:
        for key, value in VOCABULARY.items():
            session.add(m.TeamSetting(key=key, value=value))
    rule_service.add_starter_rules(uow)
    found = _write_accounts(uow, people, customer_names)
    _write_mentions_and_signals(uow, found, today, history_days, rng)
    _work_the_signals(uow, today, rng)


def _write_accounts(uow: UnitOfWork, people: dict[str, int],
                    customer_names: dict[str, str]) -> list[_Account]:
    found: list[_Account] = []
    with uow.write() as session:
        by_name = {c.name: c for c in session.scalars(select(m.Customer))}
        rows = []
        for key, domain, handle, linkedin, alias in ACCOUNT_IDS:
            customer = by_name[customer_names[key]]
            customer.crm_ref = f"ACC-{1000 + customer.id}"
            rows.append((customer, domain, handle, linkedin, alias))
        for name, industry, rep, domain, handle, alias in PROSPECTS:
            customer = m.Customer(name=name, industry=industry, rep_id=people[rep],
                                  kind=AccountKind.PROSPECT)
            session.add(customer)
            session.flush()
            rows.append((customer, domain, handle, "", alias))
        by_name[customer_names["maribo"]].do_not_route = True  # renewal talks: the rep asked
        for customer, domain, handle, linkedin, alias in rows:
            session.add_all([
                m.AccountIdentifier(customer_id=customer.id, kind=K.DOMAIN, value=domain),
                m.AccountIdentifier(customer_id=customer.id, kind=K.HANDLE, platform="x",
                                    value=handle),
                m.AccountIdentifier(customer_id=customer.id, kind=K.ALIAS,
                                    value=alias.casefold())])
            if linkedin:
                session.add(m.AccountIdentifier(customer_id=customer.id, kind=K.HANDLE,
                                                platform="linkedin", value=linkedin))
            found.append(_Account(customer.id, customer.name, alias, domain, handle,
                                  customer.rep_id))
        contact = m.AccountContact(customer_id=found[0].id, name="Dr. Sigrid Nesheim",
                                   role="Chief medical information officer",
                                   email="sigrid.nesheim@fjordlund-hospital.example")
        session.add(contact)
        session.flush()
        session.add(m.AccountIdentifier(customer_id=found[0].id, kind=K.HANDLE,
                                        platform="linkedin", value="sigrid-nesheim",
                                        contact_id=contact.id))
    return found


def _mention(account: _Account | None, rng: random.Random, when: datetime, tool: str,
             query: str, row: int) -> dict[str, object]:
    """One post or article: on the account's own site, by its handle, or naming it."""
    texts = [t for t, _ in SAYINGS]
    saying = rng.choices(texts, weights=[w for _, w in SAYINGS])[0]
    name = account.alias if account else rng.choice(("a hospital near us", "our clinic"))
    site = f"https://www.{account.domain}" if account else "https://www.healthnews.example"
    excerpt = saying.format(a=name, site=site)
    author = rng.choice(AUTHORS)
    how = rng.random()
    if account is not None and how < 0.35:
        link, platform, handle, source = (f"https://x.com/{account.handle}/status/"
                                          f"{18_600_000_000_000_000 + row}", "x", account.handle,
                                          "X")
        author = account.name
    elif account is not None and how < 0.6:
        link, platform, handle, source = (f"{site}/news/{row}", "", "", account.domain)
    elif how < 0.85:
        link, platform, handle, source = (f"https://www.linkedin.com/posts/{row}", "linkedin",
                                          author.lower().replace(" ", "-"), "LinkedIn")
    else:
        link, platform, handle, source = (f"https://www.healthnews.example/{row}", "", "",
                                          "Health News Daily")
    return {"source_row": row + 1, "tool": tool, "query": query, "occurred_at": when,
            "link": link, "domain": link.split("/")[2].removeprefix("www."),
            "platform": platform, "source": source, "author": author, "author_handle": handle,
            "sentiment": rng.choice(("positive", "neutral", "neutral", "negative")),
            "reach": float(rng.randint(80, 40_000)), "title": "", "excerpt": excerpt,
            "links": site if "{site}" in saying else "", "excerpt_purged": False,
            "fingerprint": hashlib.sha256(link.encode()).hexdigest()}


def _write_mentions_and_signals(uow: UnitOfWork, found: list[_Account], today: date,
                                history_days: int, rng: random.Random) -> None:
    """Two tools' exports, one per tool every week, each imported the morning after."""
    start = today - timedelta(days=history_days)
    row = 0
    for week in range(history_days // 7 + 1):
        first = start + timedelta(days=7 * week)
        if first >= today:
            break
        for tool, profile, query in TOOLS:
            imported = datetime.combine(min(today, first + timedelta(days=7)), time(8, 30))
            with uow.write() as session:
                batch = m.ImportBatch(file_name=f"{tool.lower()}-{first.isoformat()}.csv",
                                      file_sha256=hashlib.sha256(
                                          f"{tool}{first}".encode()).hexdigest(),
                                      profile_name=profile, period_start=first,
                                      period_end=first + timedelta(days=6),
                                      imported_at=imported, row_count=MENTIONS_PER_EXPORT)
                session.add(batch)
                session.flush()
                values = []
                for _ in range(MENTIONS_PER_EXPORT):
                    row += 1
                    when = datetime.combine(first + timedelta(days=rng.randrange(7)),
                                            time(rng.randrange(7, 20), rng.randrange(60)))
                    if when.date() >= today:
                        when = datetime.combine(today - timedelta(days=1), time(9))
                    account = rng.choice(found) if rng.random() < 0.8 else None
                    values.append({**_mention(account, rng, when, tool, query, row),
                                   "import_id": batch.id})
                session.execute(insert(m.Mention), values)
                ids = list(session.scalars(select(m.Mention.id).where(
                    m.Mention.import_id == batch.id)))
                rules = [rule_service.to_rule(r) for r in session.scalars(select(m.IntentRule))]
                words = rule_service.Vocabulary(
                    tuple(VOCABULARY[OUR_NAMES_KEY].split(", ")),
                    tuple(VOCABULARY[CATEGORY_KEY].split(", ")),
                    tuple(VOCABULARY[COMPETITORS_KEY].split(", ")))
                raise_signals(session, ids, rules, words, imported - timedelta(hours=1))


def _work_the_signals(uow: UnitOfWork, today: date, rng: random.Random) -> None:
    """Each rep works their signals as a rep does: most old ones closed one way or another,
    the recent ones at every step; one hot signal is past its response time."""
    now = datetime.combine(today, time(9))
    with uow.read() as session:
        rows = [(s.id, s.rep_id, s.status, s.routed_at, s.urgency) for s in
                session.scalars(select(m.Signal).order_by(m.Signal.routed_at, m.Signal.id))]
    breach_left = True
    for signal_id, rep_id, status, routed_at, urgency in reversed(rows):
        if status != S.ROUTED or rep_id is None:
            continue
        age = now - routed_at
        if age < timedelta(days=1, hours=12):
            continue  # just in: waits for the rep
        if breach_left and urgency == Urgency.HOT and age < timedelta(days=13):
            breach_left = False  # left unacknowledged, past its day: red for the rep
            continue
        _step(uow.as_person(rep_id), signal_id, _outcome(age, rng), routed_at, now, rng)
    with uow.read() as session:
        triage = list(session.scalars(select(m.Signal.id).where(m.Signal.status == S.TRIAGE)
                                      .order_by(m.Signal.last_seen_at)))
    as_pr = uow.as_person(None)
    for signal_id in triage[:len(triage) * 3 // 4]:  # PR set the older ones aside
        with as_pr.write() as session:
            signal = session.get(m.Signal, signal_id)
            signal.status, signal.reason = S.NOT_RELEVANT, "Not about a buyer: a news item."
            signal.closed_at = signal.last_seen_at + timedelta(days=1)


def _outcome(age: timedelta, rng: random.Random) -> SignalStatus:
    if age < timedelta(days=4):
        return rng.choice((S.ACKNOWLEDGED, S.CONTACTED))
    if age < timedelta(days=12):
        return rng.choice((S.ACKNOWLEDGED, S.CONTACTED, S.CONTACTED, S.NO_OPPORTUNITY,
                           S.OPPORTUNITY))
    return rng.choices((S.OPPORTUNITY, S.NO_OPPORTUNITY, S.NOT_RELEVANT, S.EXPIRED,
                        S.DUPLICATE), weights=(3, 3, 2, 1, 1))[0]


def _step(uow: UnitOfWork, signal_id: int, outcome: SignalStatus, routed_at: datetime,
          now: datetime, rng: random.Random) -> None:
    """Take the signal to ``outcome`` as its rep did, at the times they did it."""
    later: Callable[[datetime, int], datetime] = lambda start, days: min(  # noqa: E731
        now, add_business_days(start, days) + timedelta(hours=rng.randrange(1, 5)))
    with uow.write() as session:
        signal = session.get(m.Signal, signal_id)
        if outcome == S.EXPIRED:
            signal.status, signal.closed_at = S.EXPIRED, routed_at + timedelta(days=14)
            return
        if outcome == S.DUPLICATE:
            signal.status, signal.closed_at = S.DUPLICATE, routed_at + timedelta(hours=3)
            return
        signal.acknowledged_at = min(now, routed_at + timedelta(hours=rng.randrange(1, 30)))
        signal.status = S.ACKNOWLEDGED
        if outcome == S.NOT_RELEVANT:
            signal.status, signal.closed_at = S.NOT_RELEVANT, signal.acknowledged_at
            signal.reason = rng.choice(("A student's project, not a buyer.",
                                        "Already in talks; nothing new."))
            return
        if outcome == S.ACKNOWLEDGED:
            return
        signal.contacted_at = later(signal.acknowledged_at, 1)
        contact = m.Communication(customer_id=signal.customer_id,
                                  occurred_on=signal.contacted_at.date(), channel="call",
                                  summary="Called about what they posted; they want a demo.",
                                  rep_included=True, logged_by_id=uow.person_id)
        session.add(contact)
        session.flush()
        signal.communication_id, signal.status = contact.id, S.CONTACTED
        if outcome == S.CONTACTED:
            return
        signal.closed_at = later(signal.contacted_at, 3)
        signal.status = outcome
        if outcome == S.OPPORTUNITY:
            amount = float(rng.randrange(20, 180) * 1000)
            won = rng.random() < 0.5 and signal.closed_at + timedelta(days=30) < now
            session.add(m.Opportunity(
                customer_id=signal.customer_id, signal_id=signal.id,
                reference=f"OPP-{signal.closed_at:%Y}-{signal.id:03d}", amount=amount,
                stage="won" if won else "proposal", opened_on=signal.closed_at.date(),
                won_on=(signal.closed_at + timedelta(days=30)).date() if won else None,
                won_amount=amount * 0.9 if won else None))
