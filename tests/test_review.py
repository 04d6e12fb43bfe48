"""Review actions in every order: no action undoes another's effect, on SQLite and PostgreSQL.

Every ordered pair of two different actions (correct, wrong, restore, merge, split) is applied to
one event, then the whole pipeline's resolution runs again; after both, each action's effect must
still show: corrected values stay corrected (a merge or split recomputes sizes and counts, which
is how a merge used to put back the machine's figure), the last of wrong/restore decides the status,
the merged event points here, the split sentence lives in its own event.
"""

from __future__ import annotations

import itertools
from functools import cache

import pytest

from strikewatch.extract import extract_mentions
from strikewatch.pipeline import resolve_store
from strikewatch.review import ACTIONS, ReviewError

from .conftest import make_doc

# Both texts written for these tests. The strike's figures (300 nurses, 12 detained) are below and
# above the corrections below, so a merge that recomputed min/max would overwrite them.
MARCH = "About 200,000 people marched in Minsk on Sunday. Police detained 30 protesters in Minsk on Sunday."
STRIKE = "About 300 nurses struck at the hospital in Gomel on Monday, demanding higher pay. Police detained 12 nurses."
CORRECTION = {"size_low": 1000, "size_high": 1500, "arrests": 7}
NOTE = "The 200,000 figure is for the whole country; the city's own count was lower."
SPLIT_MENTION = "march:49:demonstration:0"


@cache
def _extracted(text: str, published: str, doc_id: str):
    doc = make_doc(text, published=published, doc_id=doc_id)
    return doc, extract_mentions(doc)


def _events(store) -> tuple[str, str]:
    for args in ((MARCH, "2020-08-17", "march"), (STRIKE, "2020-08-18", "strike")):
        store.add_document(*_extracted(*args))
    resolve_store(store)
    by_type = {e["type"]: e["id"] for e in store.load_events()}
    return by_type["demonstration"], by_type["strike"]


def _act(store, action: str, target: str, other: str) -> list[dict]:
    if action == "correct":
        return store.add_corrections(target, "ana", CORRECTION, note=NOTE)
    if action == "merge":
        return [store.add_review(target, "merge", "bo", value=other)]
    if action == "split":
        return [store.add_review(target, "split", "bo", value=[SPLIT_MENTION])]
    return [store.add_review(target, action, "ana")]


def _expect(store, done: list[str], target: str, other: str, split_ids: list[str]) -> None:
    event = store.get_event(target)
    mention_ids = {m["mention_id"] for m in event["mentions"]}
    if "correct" in done:
        assert {k: event[k] for k in CORRECTION} == CORRECTION
        assert set(CORRECTION) <= set(event["review"]["corrected"])
    marks = [a for a in done if a in ("wrong", "restore")]
    assert event["review"]["status"] == ("wrong" if marks and marks[-1] == "wrong" else "ok")
    listed = {e["id"] for e in store.load_events()}
    assert (target in listed) == (event["review"]["status"] == "ok")
    if "merge" in done:
        assert store.get_event(other)["review"]["merged_into"] == target and other not in listed
        assert any(m.startswith("strike:") for m in mention_ids)
    else:
        assert other in listed
    if "split" in done:
        [child_id] = split_ids
        child = store.get_event(child_id)
        assert [m["mention_id"] for m in child["mentions"]] == [SPLIT_MENTION]
        assert SPLIT_MENTION not in mention_ids and child["review"]["split_from"] == target
        assert child["size_low"] is None  # the child's own sentence gives no size
    else:
        assert SPLIT_MENTION in mention_ids


@pytest.mark.parametrize(("first", "second"), list(itertools.permutations(ACTIONS, 2)))
def test_every_pair_of_review_actions_keeps_both_effects(store, first, second):
    target, other = _events(store)
    split_ids = []
    for action in (first, second):
        for done in _act(store, action, target, other):
            if action == "split":
                split_ids.append(f"{target}.{done['review_id']}")
    _expect(store, [first, second], target, other, split_ids)
    resolve_store(store)  # the machine's records are rebuilt and every review replays on them
    _expect(store, [first, second], target, other, split_ids)


def test_a_merge_keeps_each_sides_corrections(store):
    target, other = _events(store)
    store.add_review(target, "correct", "ana", field="size_low", value=1000)
    store.add_review(target, "correct", "ana", field="size_high", value=1500)
    store.add_review(other, "correct", "bo", field="injuries", value=4, note="hospital's figure")
    store.add_review(target, "merge", "ana", value=other)
    merged = store.get_event(target)
    assert (merged["size_low"], merged["size_high"], merged["injuries"]) == (1000, 1500, 4)
    assert merged["arrests"] == 30  # nobody corrected it: the larger count of the two stands


def test_a_range_is_corrected_in_one_request_whichever_end_moves_first(store):
    target, _ = _events(store)  # the machine says 200,000
    with pytest.raises(ReviewError):  # one end at a time cannot pass through an empty range
        store.add_review(target, "correct", "ana", field="size_low", value=250000)
    done = store.add_corrections(target, "ana", {"size_low": 250000, "size_high": 300000}, note=NOTE)
    assert [(d["field"], d["before"], d["value"]) for d in done] == [
        ("size_low", 200000, 250000), ("size_high", 200000, 300000)]
    event = store.get_event(target)
    assert (event["size_low"], event["size_high"]) == (250000, 300000)
    assert [r["note"] for r in store.reviews_log(target)] == [NOTE, NOTE]
    with pytest.raises(ReviewError):  # an inverted range writes nothing at all
        store.add_corrections(target, "ana", {"size_low": 10, "size_high": 5})
    assert len(store.reviews_log(target)) == 2
