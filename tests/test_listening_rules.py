"""Listening: intent rules (phrases, near terms within N words, exclusions), the starter
set, and the preview against the last import."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import insert

from db import models as m
from db.enums import Intent, Urgency
from desktop.errors import ValidationError
from desktop.listening import rules
from desktop.listening.rules import Rule, RuleInput, Vocabulary, fire


def _rule(**changes: object) -> Rule:
    data = {"id": 1, "version": 1, "name": "Evaluating", "phrases": ("evaluating",),
            "intent": Intent.EVALUATING, "urgency": Urgency.HOT, "weight": 3.0, "stage": "",
            "near_terms": (), "near_within": 0, "exclusions": (), "active": True}
    return Rule(**{**data, **changes})


def test_a_phrase_fires_as_whole_words_only() -> None:
    assert fire(_rule(), "We are Evaluating options.") is not None
    assert fire(_rule(), "Re-evaluatingly odd") is None
    assert fire(_rule(phrases=("looking for a",)), "Looking   for a new CRM").phrase == "looking for a"


def test_near_a_term_within_n_words() -> None:
    rule = _rule(near_terms=("crm",), near_within=3)
    assert fire(rule, "evaluating a new CRM") is not None
    assert fire(rule, "CRM: we are evaluating") is not None
    assert fire(rule, "evaluating the options for our next big shiny CRM") is None


def test_near_our_name_category_and_competitors_from_the_teams_vocabulary() -> None:
    rule = _rule(near_terms=("{competitors}",), near_within=4, phrases=("moving away from",),
                 intent=Intent.SWITCHING)
    words = Vocabulary(us=("Northwind",), competitors=("Contoso Cloud",))
    firing = fire(rule, "We are moving away from Contoso Cloud next year", words)
    assert firing is not None and firing.near == "Contoso Cloud"
    assert fire(rule, "We are moving away from Contoso Cloud next year", Vocabulary(
        competitors=("Fabrikam",))) is None


def test_an_exclusion_anywhere_stops_the_rule() -> None:
    rule = _rule(exclusions=("not looking", "we're hiring"))
    assert fire(rule, "Evaluating vendors? We're hiring a buyer!") is None
    assert fire(rule, "We are not looking, just evaluating") is None
    assert fire(rule, "We are evaluating vendors") is not None


def test_a_switched_off_rule_never_fires() -> None:
    assert fire(_rule(active=False), "evaluating") is None


def test_the_quote_is_the_sentence_around_the_phrase() -> None:
    firing = fire(_rule(), "Lovely weather. We are evaluating new tools now. Bye.")
    assert firing.quote == "We are evaluating new tools now."


def test_starter_rules_are_added_once_and_edited_rules_keep_their_names(uow, team) -> None:
    first = rules.add_starter_rules(uow)
    assert {r.intent for r in first} == set(Intent)
    assert rules.add_starter_rules(uow) == []
    with pytest.raises(ValidationError, match="already a rule called"):
        rules.create_rule(uow, RuleInput("evaluating vendors", ("x",), Intent.BUYING))


def test_a_rule_needs_phrases_and_a_distance_for_its_near_terms(uow, team) -> None:
    with pytest.raises(ValidationError, match="at least one phrase"):
        rules.create_rule(uow, RuleInput("Empty", (" ",), Intent.BUYING))
    with pytest.raises(ValidationError, match="within how many words"):
        rules.create_rule(uow, RuleInput("Near", ("rfp",), Intent.BUYING, near_terms=("crm",)))


def test_preview_reads_the_last_import_only(uow, team) -> None:
    with uow.write() as session:
        older = m.ImportBatch(file_name="old.csv", file_sha256="a" * 64)
        newer = m.ImportBatch(file_name="new.csv", file_sha256="b" * 64)
        session.add_all([older, newer])
        session.flush()
        session.execute(insert(m.Mention), [
            {"import_id": older.id, "fingerprint": "1", "occurred_at": datetime(2026, 11, 2),
             "author": "Old", "excerpt": "We need an RFP for a CRM"},
            {"import_id": newer.id, "fingerprint": "2", "occurred_at": datetime(2026, 11, 9),
             "author": "Ana", "excerpt": "Our RFP for a new CRM is out today."},
            {"import_id": newer.id, "fingerprint": "3", "occurred_at": datetime(2026, 11, 9),
             "author": "Bo", "excerpt": "RFP season again, but for catering."}])
    lines = rules.preview_rule(uow, RuleInput("RFP", ("rfp",), Intent.BUYING,
                                              near_terms=("crm",), near_within=5))
    assert [(line.author, line.near) for line in lines] == [("Ana", "crm")]


def test_a_full_stop_inside_a_link_ends_no_sentence() -> None:
    firing = fire(_rule(phrases=("rfp",)), "Hello. Our RFP is out: https://www.acme.example/rfp "
                                           "today. Bye.")
    assert firing.quote == "Our RFP is out: https://www.acme.example/rfp today."
