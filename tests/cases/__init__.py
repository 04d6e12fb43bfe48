"""Sentence test cases as data: `tests/cases/<language>/<module>.jsonl`, one case a line.

Each line is a JSON object: `check` (which test reads it), `sentence`, `expected`, any context the
check needs (`published`, `field`), and an optional `note` saying what the case shows. Adding a
rule is one data line in `strikewatch/lang/<language>/` and one case line here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent


def load_cases(module: str, check: str, language: str = "en") -> list:
    """The cases of one check, as pytest parameters (each a dict, its id the sentence)."""
    path = CASES / language / f"{module}.jsonl"
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        case = json.loads(line)
        if not isinstance(case, dict) or "check" not in case or "sentence" not in case:
            raise ValueError(f"{path}:{number}: a case needs a check and a sentence")
        if case["check"] == check:
            cases.append(pytest.param(case, id=f"{language}:{module}:{number}:{case['sentence'][:50]}"))
    if not cases:
        raise ValueError(f"{path}: no {check!r} cases")  # a typo must not pass by testing nothing
    return cases
