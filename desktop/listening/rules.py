"""The team's intent rules: which words in a mention mean an account is buying, leaving,
or worth a call, and how urgent that is.

A rule fires on a mention when one of its phrases is there as whole words, with one
of its "near" terms within N words of it when it has any, and none of its
exclusions (job posts, "not looking") anywhere in the mention. Near terms may name
the team's vocabulary: ``{us}`` (our names), ``{category}`` (what we sell) and
``{competitors}``, kept as team settings. A starter set ships with the app.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from db import models as m
from db.enums import Intent, Urgency
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop.errors import NotFoundError, ValidationError
from desktop.listening.matching import word_pattern
from desktop.team_settings import get_setting

OUR_NAMES_KEY = "listening_our_names"
CATEGORY_KEY = "listening_category_terms"
COMPETITORS_KEY = "listening_competitors"
PLACEHOLDERS = {"{us}": OUR_NAMES_KEY, "{category}": CATEGORY_KEY,
                "{competitors}": COMPETITORS_KEY}
_WORD = re.compile(r"\w+(?:['’]\w+)*")

INTENT_TEXT: dict[Intent, str] = {
    Intent.EVALUATING: "evaluating", Intent.BUYING: "buying",
    Intent.SWITCHING: "switching from a competitor", Intent.EXPANSION: "expansion",
    Intent.CHURN_RISK: "churn risk", Intent.ADVOCACY: "advocacy",
    Intent.TRIGGER_EVENT: "trigger event",
}


@dataclass(frozen=True)
class RuleInput:
    name: str
    phrases: tuple[str, ...]
    intent: Intent
    urgency: Urgency = Urgency.WARM
    weight: float = 1.0
    stage: str = ""
    near_terms: tuple[str, ...] = ()
    near_within: int = 0
    exclusions: tuple[str, ...] = ()
    active: bool = True


@dataclass(frozen=True)
class Rule:
    id: int
    version: int
    name: str
    phrases: tuple[str, ...]
    intent: Intent
    urgency: Urgency
    weight: float
    stage: str
    near_terms: tuple[str, ...]
    near_within: int
    exclusions: tuple[str, ...]
    active: bool

    def as_input(self) -> RuleInput:
        return RuleInput(self.name, self.phrases, self.intent, self.urgency, self.weight,
                         self.stage, self.near_terms, self.near_within, self.exclusions,
                         self.active)


@dataclass(frozen=True)
class Vocabulary:
    """The team's own words the ``{us}``, ``{category}`` and ``{competitors}`` terms stand for."""

    us: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()

    def expand(self, terms: Sequence[str]) -> tuple[str, ...]:
        words = {"{us}": self.us, "{category}": self.category,
                 "{competitors}": self.competitors}
        expanded: list[str] = []
        for term in terms:
            expanded.extend(words.get(term.strip().lower(), (term,)))
        return tuple(t for t in expanded if t.strip())


@dataclass(frozen=True)
class Firing:
    """A rule that fired on a text, and the words that made it."""

    rule: Rule
    phrase: str
    near: str
    quote: str


STARTER_RULES: tuple[RuleInput, ...] = (
    RuleInput("Evaluating vendors", ("evaluating", "looking for a", "shortlist", "recommendations for",
                                     "any recommendations", "demo of", "comparing"),
              Intent.EVALUATING, Urgency.HOT, 3.0, "discovery", ("{category}", "{us}"), 8,
              ("not looking", "we're hiring", "job opening", "apply now")),
    RuleInput("Request for proposal", ("rfp", "request for proposal", "tender", "budget approved",
                                       "pricing for"),
              Intent.BUYING, Urgency.HOT, 4.0, "proposal", ("{category}", "{us}"), 10,
              ("job opening", "apply now")),
    RuleInput("Switching from a competitor", ("moving away from", "switching from", "replace",
                                              "fed up with", "alternative to"),
              Intent.SWITCHING, Urgency.HOT, 3.5, "discovery", ("{competitors}",), 6,
              ("not looking",)),
    RuleInput("Expansion", ("rolling out to", "expanding", "new site", "more licences",
                            "more licenses", "second region"),
              Intent.EXPANSION, Urgency.WARM, 2.0, "upsell", ("{us}", "{category}"), 10, ()),
    RuleInput("Churn risk", ("cancel", "frustrated with", "outage", "not renewing",
                             "disappointed"),
              Intent.CHURN_RISK, Urgency.HOT, 3.0, "retention", ("{us}",), 8, ()),
    RuleInput("Advocacy", ("love", "thanks to", "great results with", "recommend"),
              Intent.ADVOCACY, Urgency.WARM, 1.5, "reference", ("{us}",), 6, ("not",)),
    RuleInput("Trigger event", ("new cio", "new chief", "appointed", "raises", "series a",
                                "series b", "acquired", "funding round"),
              Intent.TRIGGER_EVENT, Urgency.WARM, 2.0, "discovery", (), 0,
              ("we're hiring", "job opening")),
)


# --------------------------------------------------------------------------- evaluating


def _positions(words: list[str], phrase: str) -> list[int]:
    wanted = [w.lower() for w in _WORD.findall(phrase)]
    if not wanted:
        return []
    size = len(wanted)
    return [i for i in range(len(words) - size + 1) if words[i:i + size] == wanted]


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _sentence_around(text: str, phrase: str, limit: int = 280) -> str:
    """The sentence the phrase is in (a full stop inside a link ends none)."""
    found = word_pattern(phrase).search(text)
    if not found:
        return text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    start = max([e for e in ends if e <= found.start()] + [found.start() - limit // 2, 0])
    end = next((e for e in ends if e >= found.end()), len(text))
    return text[start:min(end, start + limit)].strip()


def fire(rule: Rule, text: str, vocabulary: Vocabulary = Vocabulary()) -> Firing | None:
    """The rule's firing on ``text``, or None; see the module docstring."""
    if not rule.active or not text.strip():
        return None
    if any(word_pattern(x).search(text) for x in rule.exclusions if x.strip()):
        return None
    words = [w.lower() for w in _WORD.findall(text)]
    near_terms = vocabulary.expand(rule.near_terms)
    for phrase in rule.phrases:
        spots = _positions(words, phrase)
        if not spots:
            continue
        if not near_terms or rule.near_within <= 0:
            return Firing(rule, phrase, "", _sentence_around(text, phrase))
        size = len(_WORD.findall(phrase))
        for term in near_terms:
            for at in _positions(words, term):
                if any(at + len(_WORD.findall(term)) - 1 >= spot - rule.near_within
                       and at <= spot + size - 1 + rule.near_within for spot in spots):
                    return Firing(rule, phrase, term, _sentence_around(text, phrase))
    return None


def strongest(rules: Sequence[Rule], text: str, vocabulary: Vocabulary) -> dict[Intent, Firing]:
    """Per intent, the heaviest rule that fires on ``text``."""
    found: dict[Intent, Firing] = {}
    for rule in rules:
        firing = fire(rule, text, vocabulary)
        if firing and (rule.intent not in found or rule.weight > found[rule.intent].rule.weight):
            found[rule.intent] = firing
    return found


# --------------------------------------------------------------------------- stored rules


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def to_rule(row: m.IntentRule) -> Rule:
    return Rule(row.id, row.version, row.name, _lines(row.phrases), Intent(row.intent),
                Urgency(row.urgency), row.weight, row.stage, _lines(row.near_terms),
                row.near_within, _lines(row.exclusions), row.active)


def vocabulary(uow: UnitOfWork) -> Vocabulary:
    def terms(key: str) -> tuple[str, ...]:
        return tuple(t.strip() for t in get_setting(uow, key).split(",") if t.strip())
    return Vocabulary(terms(OUR_NAMES_KEY), terms(CATEGORY_KEY), terms(COMPETITORS_KEY))


def _listed(value: Sequence[str] | str) -> tuple[str, ...]:
    """One phrase a line, whether typed as lines or given as a list (a conflict's choice
    hands the stored text back)."""
    items = value.splitlines() if isinstance(value, str) else value
    return tuple(p.strip() for p in items if p.strip())


def _validated(data: RuleInput) -> RuleInput:
    data = replace(data, phrases=_listed(data.phrases), near_terms=_listed(data.near_terms),
                   exclusions=_listed(data.exclusions))
    name = data.name.strip()
    if not name:
        raise ValidationError("A rule needs a name.", field="name")
    phrases = tuple(p.strip() for p in data.phrases if p.strip())
    if not phrases:
        raise ValidationError("Give the rule at least one phrase to look for.", field="phrases")
    if data.weight <= 0:
        raise ValidationError("A rule's weight is above zero.", field="weight")
    if data.near_within < 0:
        raise ValidationError("'Within N words' cannot be negative.", field="near_within")
    near = tuple(t.strip() for t in data.near_terms if t.strip())
    if near and data.near_within == 0:
        raise ValidationError("Say within how many words the near terms must be.",
                              field="near_within")
    return replace(data, name=name, phrases=phrases, near_terms=near,
                   exclusions=tuple(x.strip() for x in data.exclusions if x.strip()),
                   intent=Intent(data.intent), urgency=Urgency(data.urgency),
                   stage=data.stage.strip())


def _values(data: RuleInput) -> dict[str, object]:
    return {"name": data.name, "phrases": "\n".join(data.phrases),
            "near_terms": "\n".join(data.near_terms), "near_within": data.near_within,
            "exclusions": "\n".join(data.exclusions), "intent": data.intent,
            "stage": data.stage, "weight": data.weight, "urgency": data.urgency,
            "active": data.active}


def _same_name(session, name: str, rule_id: int = 0) -> None:  # noqa: ANN001
    clash = session.scalar(select(m.IntentRule.id).where(
        func.lower(m.IntentRule.name) == name.lower(), m.IntentRule.id != rule_id))
    if clash is not None:
        raise ValidationError(f"There is already a rule called '{name}'.", field="name")


def list_rules(uow: UnitOfWork) -> list[Rule]:
    with uow.read() as session:
        return [to_rule(r) for r in session.scalars(
            select(m.IntentRule).order_by(func.lower(m.IntentRule.name)))]


def create_rule(uow: UnitOfWork, data: RuleInput) -> Rule:
    data = _validated(data)
    with uow.write() as session:
        _same_name(session, data.name)
        row = m.IntentRule(**_values(data))
        session.add(row)
        session.flush()
        return to_rule(row)


def edit_rule(uow: UnitOfWork, rule_id: int, seen_version: int,
              data: RuleInput) -> tuple[Rule, Rule]:
    """Save an edit; returns the rule before and after, for undo."""
    data = _validated(data)
    with uow.write() as session:
        row = session.get(m.IntentRule, rule_id)
        expect_version(row, "intent_rules", rule_id, seen_version,
                       {k: getattr(v, "value", v) for k, v in _values(data).items()})
        _same_name(session, data.name, rule_id)
        before = to_rule(row)
        for name, value in _values(data).items():
            setattr(row, name, value)
        session.flush()
        return before, to_rule(row)


def delete_rule(uow: UnitOfWork, rule_id: int, seen_version: int) -> None:
    """Remove a rule that raised no signal yet; one that did is switched off instead."""
    with uow.write() as session:
        row = session.get(m.IntentRule, rule_id)
        if row is None:
            raise NotFoundError("That rule has been deleted.")
        expect_version(row, "intent_rules", rule_id, seen_version, {"deleted": True})
        used = session.scalar(select(m.Signal.id).where(m.Signal.rule_id == rule_id).limit(1))
        if used is not None:
            raise ValidationError(f"'{row.name}' raised signals, so it stays on record; switch "
                                  "it off instead.")
        session.delete(row)


def add_starter_rules(uow: UnitOfWork) -> list[Rule]:
    """The rules that ship with the app, those whose names the team does not use yet."""
    with uow.write() as session:
        taken = {n.lower() for n in session.scalars(select(m.IntentRule.name))}
        rows = [m.IntentRule(**_values(_validated(r))) for r in STARTER_RULES
                if r.name.lower() not in taken]
        session.add_all(rows)
        session.flush()
        return [to_rule(r) for r in rows]


@dataclass(frozen=True)
class PreviewLine:
    mention_id: int
    author: str
    quote: str
    phrase: str
    near: str


def preview_rule(uow: UnitOfWork, data: RuleInput, limit: int = 200) -> list[PreviewLine]:
    """What a rule, as typed, would fire on in the last import of mentions."""
    data = _validated(data)
    rule = Rule(0, 0, data.name, data.phrases, data.intent, data.urgency, data.weight,
                data.stage, data.near_terms, data.near_within, data.exclusions, True)
    words = vocabulary(uow)
    with uow.read() as session:
        last = session.scalar(select(func.max(m.Mention.import_id)))
        if last is None:
            return []
        rows = session.execute(select(m.Mention.id, m.Mention.author, m.Mention.title,
                                      m.Mention.excerpt)
                               .where(m.Mention.import_id == last).order_by(m.Mention.id)).all()
    lines = []
    for mention_id, author, title, excerpt in rows:
        firing = fire(rule, f"{title}\n{excerpt}".strip(), words)
        if firing:
            lines.append(PreviewLine(mention_id, author, firing.quote, firing.phrase, firing.near))
            if len(lines) >= limit:
                break
    return lines
