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
from strikewatch.review import ACTIONS, Review, ReviewError, apply, split_id, status

from .builders import record
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


# `review.apply` on records made by hand: the replay itself, without a store or extraction.

def _rv(review_id: int, event_id: str, action: str, field: str | None = None, value=None) -> Review:
    return Review(review_id, event_id, action, field=field, value=value, reviewer="ana")


def test_apply_corrects_a_field_and_leaves_the_machines_records_untouched():
    machine = {"a": record("a", (100, 200)), "b": record("b", (5, 5))}
    reviewed = apply(machine, [_rv(1, "a", "correct", "size_low", 150), _rv(2, "a", "correct", "size_low", 160)])
    assert reviewed["a"]["size_low"] == 160 and reviewed["a"]["review"]["corrected"] == ["size_low"]
    assert reviewed["a"]["review"]["changes"] == 2 and reviewed["a"]["review"]["status"] == "ok"
    assert reviewed["b"] == machine["b"] and reviewed["b"]["review"] is None  # untouched: no review state
    assert machine["a"]["size_low"] == 100 and machine["a"]["review"] is None  # the input is not changed


def test_apply_replays_in_review_order_whatever_order_the_reviews_come_in():
    machine = {"a": record("a", (100, 200))}
    reviews = [_rv(2, "a", "restore"), _rv(1, "a", "wrong")]
    assert status(apply(machine, reviews)["a"]) == "ok"
    assert status(apply(machine, reviews[1:])["a"]) == "wrong"


def test_apply_skips_reviews_of_events_the_machine_no_longer_has():
    machine = {"a": record("a", (100, 200))}
    reviewed = apply(machine, [_rv(1, "gone", "wrong"), _rv(2, "a", "merge", value="gone")])
    assert reviewed == {"a": machine["a"]}


def test_apply_merge_folds_the_other_events_sentences_figures_and_lists():
    machine = {"a": record("a", (100, 200), organizations=["union"], site=None),
               "b": record("b", (50, 300), doc_id="e", organizations=["union", "guild"], site="the square",
                           arrests=4)}
    reviewed = apply(machine, [_rv(1, "a", "merge", value="b")])
    merged, other = reviewed["a"], reviewed["b"]
    assert [m["doc_id"] for m in merged["mentions"]] == ["d", "e"]
    assert (merged["size_low"], merged["size_high"], merged["arrests"]) == (50, 300, 4)
    assert merged["organizations"] == ["union", "guild"] and merged["site"] == "the square"
    assert merged["review"]["merged_from"] == ["b"]
    assert other["review"]["status"] == "merged" and other["review"]["merged_into"] == "a"
    again = apply(machine, [_rv(1, "a", "merge", value="b"), _rv(2, "b", "wrong"), _rv(3, "a", "merge", value="b")])
    assert again["b"]["review"]["status"] == "merged" and again["a"]["review"]["merged_from"] == ["b"]


def test_apply_merge_keeps_both_sides_corrections_this_sides_first():
    machine = {"a": record("a", (100, 200)), "b": record("b", (10, 20), doc_id="e")}
    reviewed = apply(machine, [_rv(1, "a", "correct", "size_high", 250), _rv(2, "b", "correct", "size_high", 30),
                               _rv(3, "b", "correct", "arrests", 7), _rv(4, "a", "merge", value="b")])
    merged = reviewed["a"]
    assert (merged["size_high"], merged["arrests"]) == (250, 7)  # not the folded maximum, 30
    assert sorted(merged["review"]["corrected"]) == ["arrests", "size_high"]


def test_apply_split_moves_sentences_to_a_new_event_and_recomputes_each_parts_sizes():
    machine = {"a": record("a", (100, 200), (1000, 1000), None, participants="nurses")}
    moving = machine["a"]["mentions"][1]["mention_id"]
    reviewed = apply(machine, [_rv(1, "a", "correct", "participants", "doctors"),
                               _rv(2, "a", "correct", "size_low", 90), _rv(3, "a", "split", value=[moving])])
    parent, child = reviewed["a"], reviewed[split_id("a", 3)]
    assert [m["mention_id"] for m in child["mentions"]] == [moving]
    assert moving not in {m["mention_id"] for m in parent["mentions"]} and len(parent["mentions"]) == 2
    assert (child["size_low"], child["size_high"]) == (1000, 1000)  # its own sentence's figures
    assert (parent["size_low"], parent["size_high"]) == (90, 200)  # the correction sticks on the parent
    assert parent["participants"] == child["participants"] == "doctors"
    assert child["review"]["split_from"] == "a" and child["conflicts"] == []


def test_apply_split_of_every_sentence_or_none_changes_nothing():
    machine = {"a": record("a", (100, 200), (300, 300))}
    every = [m["mention_id"] for m in machine["a"]["mentions"]]
    for value in (every, ["not-a-mention"], []):
        assert apply(machine, [_rv(1, "a", "split", value=value)]) == machine
