"""Loader, counters and scoring for the ``length_calibration`` lm-eval task.

lm-eval imports this file by path (``!function utils.<name>`` in the YAML): standard library, lm-eval,
``datasets`` (lazily) and ``probe_common`` only.

Every item has ``expected_words`` (the documented length of a good reply) and, for the explicit kinds, a
``constraint`` ``{"type": ..., "value": N}``. A reply is measured in words (:func:`reply_words`) and checked
against its constraint (:func:`satisfies`). Four metrics:

* ``constraint_adherence`` - per item 1.0/0.0 on the explicit items, NaN on the others; ``nanmean``.
* ``length_spearman``, ``median_length_ratio``, ``length_log_error`` - per item the tuple
  ``(id, expected_words, produced_words)``; custom aggregations over any multiset of such tuples (the items
  are independent, so a duplicated tuple is simply another draw).
"""

from __future__ import annotations

import math
import re
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/ on sys.path: see evals/README.md
import probe_common  # noqa: E402

ITEMS_PATH = Path(__file__).resolve().parent / "items.jsonl"

# An empty reply is floored at this many words in the log error, so that it is never a perfect
# one-word answer (with a floor of 1, log2(1/1) = 0 would reward saying nothing).
EMPTY_FLOOR_WORDS = 0.5

# A list item: "- x", "* x", "+ x", "• x", "1. x", "1) x". The marker must be followed by a space, so
# "**bold**", "---" and "3.14" are not items.
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+\u2022\u2023\u25e6\u2043]|\d{1,3}[.)])[ \t]+(?=\S)")
# A sentence end: . ? ! (or a run of them, an ellipsis) plus closing quotes/brackets, then space or the end.
_SENTENCE_END = re.compile(r"[.?!\u2026]+[\"'\u201d\u2019)\]*_]*(?=\s|$)")
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "etc", "e.g", "i.e", "eg", "ie", "approx",
        "fig", "inc", "ltd", "co", "u.s", "u.k", "a.m", "p.m", "mt", "ca", "cf", "al", "vol",
    }
)  # fmt: skip
_TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def load_items(**_: Any) -> Any:
    """``custom_dataset`` hook: the items as a ``DatasetDict`` with one split, ``test`` (kwargs ignored)."""
    return probe_common.load_items(ITEMS_PATH)


# --- counting ---------------------------------------------------------------------------------------


def strip_list_markers(text: str) -> str:
    """``text`` with each line's leading list marker (``- ``, ``* ``, ``• ``, ``1. ``, ``2) ``) removed."""
    return "\n".join(_BULLET.sub(r"\g<indent>", line) for line in text.splitlines())


def reply_words(text: str) -> int:
    """Words in a reply, counted the way a person (or a word processor) counts them: whitespace-separated
    tokens that contain a letter or digit, after removing list markers (so "1." is not a word).

    "auto-fills", "e.g.", "3.5", "**bold**" and "don't" are one word each; a spaced dash ("-", "—") or an
    emoji is none.
    """
    return sum(1 for token in strip_list_markers(text).split() if probe_common.word_count(token))


def bullet_count(text: str) -> int:
    """Top-level markdown list items: lines starting ``-``/``*``/``+``/``•`` or ``1.``/``1)`` plus a space.

    Nested items (indented deeper than the shallowest item) are part of their parent and are not counted.
    Text outside the list (a lead-in line, a closing remark) is allowed and not counted. Lines inside a
    fenced code block are ignored.
    """
    indents = []
    in_fence = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        match = None if in_fence else _BULLET.match(line)
        if match:
            indents.append(len(match.group("indent").expandtabs(4)))
    return indents.count(min(indents)) if indents else 0


def _is_abbreviation(before: str) -> bool:
    """True if the text just before a '.' ends with an abbreviation or a capital initial ("e.g", "J"; not "I")."""
    match = _TOKEN_BEFORE.search(before)
    if not match:
        return False
    token = match.group(1).lower()
    initial = len(token) == 1 and match.group(1).isupper() and match.group(1) != "I"
    return token in _ABBREVIATIONS or initial


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences.

    A sentence ends at ``.``, ``?``, ``!`` or an ellipsis (closing quotes/brackets/markdown emphasis
    allowed) followed by whitespace or the end of the text; every line break also ends one, so each list
    item or heading line counts as (at least) one sentence. A ``.`` after a common abbreviation ("Dr.",
    "e.g.", "etc.", "U.S.") or a single capital initial ("J. K. Rowling") does not end a sentence; decimals
    ("3.14") never do, since no space follows the dot. List markers are removed first. Fragments without
    a word (a stray "**" or "---") are dropped.
    """
    found = []
    for line in strip_list_markers(text).splitlines():
        start = 0
        for match in _SENTENCE_END.finditer(line):
            if match.group(0).startswith(".") and _is_abbreviation(line[start : match.start()]):
                continue
            found.append(line[start : match.end()].strip())
            start = match.end()
        found.append(line[start:].strip())
    return [fragment for fragment in found if probe_common.word_count(fragment)]


def sentence_count(text: str) -> int:
    return len(sentences(text))


def is_one_word(text: str) -> bool:
    """One whitespace-separated token with a letter or digit in it ("Blue.", "**Paris**", "well-known")."""
    tokens = text.split()
    return len(tokens) == 1 and probe_common.word_count(tokens[0]) >= 1


def satisfies(constraint: dict[str, Any], reply: str) -> bool:
    """Does ``reply`` meet ``constraint`` (``{"type": ..., "value": N}``)? An empty reply meets none."""
    kind, value = constraint["type"], int(constraint["value"])
    words = reply_words(reply)
    if words == 0:
        return False
    if kind == "max_words":
        return words <= value
    if kind == "min_words":
        return words >= value
    if kind == "exact_bullets":
        return bullet_count(reply) == value
    if kind == "max_sentences":
        return sentence_count(reply) <= value
    if kind == "one_word":
        return is_one_word(reply)
    raise ValueError(f"unknown constraint type {kind!r}")


# --- lm-eval hooks ----------------------------------------------------------------------------------


def process_results(doc: dict[str, Any], results: list[str]) -> dict[str, Any]:
    """Score one generation (``results[0]``) against its item."""
    reply = results[0]
    constraint = doc.get("constraint")
    adherence = float(satisfies(constraint, reply)) if constraint else probe_common.NOT_APPLICABLE
    lengths = (doc["id"], float(doc["expected_words"]), float(reply_words(reply)))
    return {
        "constraint_adherence": adherence,
        "length_spearman": lengths,
        "median_length_ratio": lengths,
        "length_log_error": lengths,
    }


def _ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rank correlation (Pearson correlation of average ranks); NaN if either side is constant."""
    if len(xs) != len(ys):
        raise ValueError("spearman needs two sequences of the same length")
    if len(xs) < 2:
        return math.nan
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return math.nan
    return cov / math.sqrt(vx * vy)


def length_spearman(items: Sequence[tuple[str, float, float]]) -> float:
    """Aggregation: Spearman correlation between expected and produced word counts (higher is better)."""
    return spearman([float(item[1]) for item in items], [float(item[2]) for item in items])


def median_length_ratio(items: Sequence[tuple[str, float, float]]) -> float:
    """Aggregation: median of produced / expected words (1.0 is ideal; above 1 means too long)."""
    if not items:
        return math.nan
    return statistics.median(float(item[2]) / float(item[1]) for item in items)


def log_error(expected: float, produced: float) -> float:
    """``|log2(produced / expected)|`` with ``produced`` floored at :data:`EMPTY_FLOOR_WORDS`."""
    return abs(math.log2(max(float(produced), EMPTY_FLOOR_WORDS) / float(expected)))


def length_log_error(items: Sequence[tuple[str, float, float]]) -> float:
    """Aggregation: median of ``|log2(produced / expected)|`` (0 is perfect, 1 is off by a factor of 2)."""
    if not items:
        return math.nan
    return statistics.median(log_error(item[1], item[2]) for item in items)
