"""Listening: identifiers normalised, and each matching rule on hand-built mentions, with
the domains that never name an account and what goes to triage."""

from __future__ import annotations

import pytest

from db.enums import IdentifierKind
from desktop.errors import ValidationError
from desktop.listening.identifiers import normalise, platform_name, registrable_domain
from desktop.listening.matching import EXACT, PROBABLE, SUGGESTION, AccountIndex, MentionText

K = IdentifierKind
ACME, BRIGHT = 1, 2


@pytest.mark.parametrize(("text", "domain"), [
    ("https://www.Shop.Acme-Robotics.com/pricing?x=1", "acme-robotics.com"),
    ("acme.co.uk", "acme.co.uk"), ("http://eu.portal.acme.co.uk:8080/", "acme.co.uk"),
    ("ines@mail.acme.io", "acme.io"), ("not a domain", ""), ("10.0.0.1", "")])
def test_domains_are_kept_as_their_registrable_domain(text: str, domain: str) -> None:
    assert registrable_domain(text) == domain


def test_handles_are_lower_case_without_at_on_their_platform_and_twitter_is_x() -> None:
    assert normalise(K.HANDLE, "@Acme_HQ", "Twitter") == ("x", "acme_hq")
    assert normalise(K.HANDLE, "https://twitter.com/Acme_HQ", "") == ("x", "acme_hq")
    assert normalise(K.HANDLE, "https://www.linkedin.com/company/acme-robotics/", "") == (
        "linkedin", "acme-robotics")
    assert platform_name("x.com") == platform_name("X") == "x"


def test_what_cannot_identify_anyone_is_refused_in_words() -> None:
    with pytest.raises(ValidationError, match="not a web domain"):
        normalise(K.DOMAIN, "acme")
    with pytest.raises(ValidationError, match="which platform"):
        normalise(K.HANDLE, "@acme")
    with pytest.raises(ValidationError, match="not an email"):
        normalise(K.CONTACT, "ines at acme")


def _index() -> AccountIndex:
    return AccountIndex(
        {ACME: "Acme Robotics", BRIGHT: "Brightwater Clinics"},
        [(ACME, K.DOMAIN, "", "acme-robotics.com", None),
         (ACME, K.HANDLE, "x", "acmerobotics", None),
         (ACME, K.HANDLE, "linkedin", "ines-ortega", 7),
         (ACME, K.ALIAS, "", "acmebot", None),
         (ACME, K.CONTACT, "", "ines@acme-robotics.com", 7),
         (BRIGHT, K.DOMAIN, "", "brightwater.health", None)],
        {7: "Inés Ortega"})


def test_the_mentions_own_domain_is_an_exact_match_that_says_why() -> None:
    outcome = _index().match(MentionText(link="https://blog.acme-robotics.com/we-are-hiring",
                                         excerpt="Our new arm."))
    assert (outcome.customer_id, outcome.strength) == (ACME, EXACT)
    assert "acme-robotics.com, the domain of Acme Robotics" in outcome.explanation


def test_a_link_inside_the_mention_matches_its_domain() -> None:
    outcome = _index().match(MentionText(
        link="https://x.com/someone/status/1", domain="x.com", platform="x",
        excerpt="Their RFP is out: https://procurement.brightwater.health/rfp-2026 ."))
    assert (outcome.customer_id, outcome.best.kind) == (BRIGHT, "domain")
    assert "a link in it" in outcome.explanation


@pytest.mark.parametrize("link", ["https://x.com/acme", "https://www.reuters.com/acme-story",
                                  "https://news.ycombinator.com/item?id=1",
                                  "mailto:someone@gmail.com"])
def test_platforms_news_outlets_and_free_mail_name_no_account(link: str) -> None:
    index = AccountIndex({ACME: "Acme"}, [(ACME, K.DOMAIN, "", d, None) for d in (
        "x.com", "reuters.com", "ycombinator.com", "gmail.com")])
    outcome = index.match(MentionText(link=link, excerpt="We are evaluating vendors."))
    assert outcome.customer_id is None and outcome.matches == ()


def test_the_authors_handle_is_exact_and_a_contacts_handle_names_the_contact() -> None:
    company = _index().match(MentionText(platform="x", author_handle="@AcmeRobotics"))
    assert (company.customer_id, company.best.identifier) == (ACME, "x:acmerobotics")
    contact = _index().match(MentionText(platform="linkedin", author_handle="Ines-Ortega"))
    assert contact.customer_id == ACME
    assert "Inés Ortega, a contact at Acme Robotics" in contact.explanation


def test_a_handle_on_another_platform_does_not_match() -> None:
    assert _index().match(MentionText(platform="instagram", author_handle="acmerobotics")
                          ).customer_id is None


def test_an_alias_as_a_whole_word_is_only_probable_and_goes_to_triage() -> None:
    outcome = _index().match(MentionText(excerpt="Anyone tried the AcmeBot arm?"))
    assert (outcome.customer_id, outcome.strength) == (None, PROBABLE)
    assert outcome.matches[0].customer_id == ACME
    assert "Triage" in outcome.explanation
    inside_a_word = _index().match(MentionText(excerpt="Superacmebots are cheap"))
    assert inside_a_word.matches == ()


def test_a_similar_name_is_only_a_suggestion() -> None:
    outcome = _index().match(MentionText(author="Acme Robotic", excerpt="hello"))
    assert outcome.customer_id is None
    assert [x.strength for x in outcome.matches] == [SUGGESTION]


def test_two_accounts_matched_go_to_triage() -> None:
    outcome = _index().match(MentionText(
        link="https://acme-robotics.com/news", excerpt="We now serve https://brightwater.health"))
    assert outcome.customer_id is None
    assert {x.customer_id for x in outcome.matches} == {ACME, BRIGHT}
    assert "matches Acme Robotics and Brightwater Clinics" in outcome.explanation


def test_a_contacts_email_in_the_text_is_exact() -> None:
    outcome = _index().match(MentionText(excerpt="Write to ines@acme-robotics.com for the RFP"))
    assert outcome.customer_id == ACME
