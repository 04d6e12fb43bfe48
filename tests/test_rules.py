"""Rule ids: every rule extraction sets is a member of `Rule`, and stores as its plain string."""

from __future__ import annotations

import json

from strikewatch.codec import mention_from_dict, mention_to_dict
from strikewatch.extract import extract_mentions
from strikewatch.rules import CARRIED_DATE_RULES, Rule


def _rules_of(mention) -> list:
    found = [mention.trigger.rule, *(ev.rule for ev in mention.evidence.values())]
    found += [c.evidence.rule for c in mention.sizes if c.evidence]
    for field in (mention.date, mention.place):
        if field is not None and field.evidence is not None:
            found.append(field.evidence.rule)
    return found


def test_every_rule_an_article_sets_is_a_rule(doc_from_text):
    doc = doc_from_text("Thousands of nurses marched in Lyon on Sunday, police said, and 12 were arrested.\n"
                        "The union said 40,000 took part.\n"
                        "Dock workers walked out at the port of Marseille on Monday over pay.", "2024-03-05")
    rules = [rule for m in extract_mentions(doc) for rule in _rules_of(m)]
    assert rules and all(isinstance(rule, Rule) for rule in rules), rules
    assert {Rule.TRIGGER_VERB, Rule.DATE_WEEKDAY, Rule.PLACE_IN_SENTENCE} <= set(rules)


def test_a_rule_is_its_string_in_the_store_and_in_comparisons():
    assert Rule.DATE_WEEKDAY == "date:weekday" and "date:weekday" in {Rule.DATE_WEEKDAY}
    assert Rule("size:quantity-of-people+subset") is Rule.SIZE_QUANTITY_OF_PEOPLE_SUBSET
    assert "date:publication" in CARRIED_DATE_RULES  # a rule read back from a store is a plain string
    assert f"{Rule.DATE_WEEKDAY}" == str(Rule.DATE_WEEKDAY) == "date:weekday"


def test_a_mention_stored_and_read_back_keeps_its_rules(doc_from_text):
    [mention] = extract_mentions(doc_from_text("Thousands of nurses marched in Lyon on Sunday.", "2024-03-05"))
    stored = json.loads(json.dumps(mention_to_dict(mention)))
    assert stored["trigger"]["rule"] == "trigger:verb"  # the plain string in JSON
    back = mention_from_dict(stored)
    assert _rules_of(back) == _rules_of(mention)


def test_every_rule_a_russian_article_sets_is_a_rule(doc_from_text):
    doc = doc_from_text("Рабочие завода вышли на забастовку в Гродно 12 августа 2020 года, задержаны 20 человек.",
                        "2020-08-13")
    rules = [rule for m in extract_mentions(doc) for rule in _rules_of(m)]
    assert rules and all(isinstance(rule, Rule) for rule in rules), rules
    assert {Rule.DATE_RU_DAY_MONTH, Rule.PLACE_IN_SENTENCE, Rule.RESPONSE_RU_ARRESTS} <= set(rules)
