"""Extraction on real article text: type, date, place, size, response, with evidence."""

from __future__ import annotations

import datetime as dt

from strikewatch.extract import extract_mentions
from strikewatch.model import EventType, Modality

from .conftest import make_doc


def test_lead_sentence_fields_and_evidence():
    doc = make_doc("Nearly 50,000 opposition supporters took to streets and dozens were arrested in Moscow on "
                   "Saturday August 10th at one of the largest authorised protests.\n"
                   "Police in Moscow said they detained more than 130 people.", published="2019-08-11")
    mentions = extract_mentions(doc)
    lead = mentions[0]
    assert lead.type is EventType.DEMONSTRATION and lead.modality is Modality.ASSERTED
    assert lead.date.start == dt.date(2019, 8, 10)
    assert lead.place.name == "Moscow" and lead.place.country == "RU"
    assert (lead.size_low, lead.size_high) == (50000, 50000)
    ev = lead.evidence["place"]
    assert doc.text[ev.start:ev.end] == "Moscow"
    assert any(m.arrests == 130 for m in mentions)


def test_two_towns_two_mentions():
    doc = make_doc("Doctors in Brest and Baranovichi protested on Monday against the dismissal of colleagues.",
                   published="2020-08-19")
    places = sorted(m.place.name for m in extract_mentions(doc))
    assert places == ["Baranovichi", "Brest"]
    assert all(m.place.country == "BY" for m in extract_mentions(doc))


def test_capital_and_country_fallback():
    doc = make_doc("A small election protest in Democratic Republic of Congo's capital turned violent.",
                   published="2023-12-27")
    [m] = extract_mentions(doc)
    assert m.place.name == "Kinshasa"
    assert m.date.start == dt.date(2023, 12, 27) and m.date.evidence.rule == "date:publication"


def test_planned_event_is_kept_as_planned():
    doc = make_doc("The union will march on Saturday in Nairobi.", published="2024-06-25")
    assert [m.modality for m in extract_mentions(doc)] == [Modality.PLANNED]


def test_state_response():
    doc = make_doc("Two anti-coup protesters were shot dead by riot police who fired live rounds Saturday in "
                   "Mandalay, local media reported. Police fired tear gas and rubber bullets at the crowd.",
                   published="2021-02-21")
    mentions = extract_mentions(doc)
    assert mentions[0].deaths == 2 and mentions[0].place.name == "Mandalay"
    assert mentions[0].sizes == []  # the dead are not the crowd
    assert {"tear gas", "rubber bullets"} <= {r for m in mentions for r in m.state_response}
