"""Filters: control characters, refusal patterns, and MinHash-LSH near-duplicates (first occurrence kept)."""

from __future__ import annotations

import random
import re

import numpy as np

from tasks.core.params import DEFAULT_REFUSAL_PATTERNS
from tasks.data.filters import (
    RefusalMatcher,
    _identity,
    _signatures,
    bad_encoding,
    find_near_duplicates,
    required_literals,
    shingle_hashes,
)


def _text(rng: random.Random, n: int = 120) -> str:
    return " ".join(f"w{rng.randrange(5000)}" for _ in range(n))


def test_bad_encoding_flags_replacement_and_control_characters_but_not_newlines_or_tabs() -> None:
    # given clean text with \n \t \r, and texts with U+FFFD, a C0 and a C1 control / then only the latter fail
    assert bad_encoding("line one\n\tline two\r\n") is None, "newline, tab and CR are allowed"
    assert "U+FFFD" in (bad_encoding("caf\ufffd") or ""), "the replacement character is broken encoding"
    assert "U+0007" in (bad_encoding("bell\x07") or ""), "C0 controls are broken encoding"
    assert "U+0085" in (bad_encoding("next\x85line") or ""), "C1 controls are broken encoding"


def test_default_refusal_patterns_catch_boilerplate_and_spare_specific_refusals() -> None:
    matcher = RefusalMatcher(DEFAULT_REFUSAL_PATTERNS)
    # given boilerplate disclaimers / then each matches
    for text in [
        "As an AI language model, I do not have opinions.",
        "I'm sorry, but I can't do that.",
        "I’m sorry, but I cannot help.",
        "I cannot assist with that request.",
        "as a large language model i have no feelings",
    ]:
        assert matcher.match(text), f"boilerplate not caught: {text!r}"
    # given a specific, helpful refusal of a harmful request (as in the sample data) / then it is kept
    sample_refusal = "I can't help with making explosives, since they can seriously hurt people."
    assert matcher.match(sample_refusal) is None, "a specific refusal of a harmful request must be kept"


def test_near_duplicates_are_found_and_the_first_occurrence_is_kept() -> None:
    rng = random.Random(0)
    base = [_text(rng) for _ in range(200)]
    words = base[3].split()
    words[50] = "changed"
    near = " ".join(words)
    # given 200 unrelated texts, then a copy of text 3 with one word changed, then a copy of that copy
    results = find_near_duplicates([*base, near, near + " tail"], threshold=0.85)
    # then no original is flagged, and both copies point at text 3 (the kept first occurrence)
    assert all(r is None for r in results[:200]), [i for i, r in enumerate(results[:200]) if r]
    assert results[200] is not None and results[200][0] == 3 and results[200][1] >= 0.85, results[200]
    assert results[201] is not None and results[201][0] == 3, results[201]


def test_texts_below_the_threshold_are_kept() -> None:
    rng = random.Random(1)
    text = _text(rng, 60)
    words = text.split()
    for i in range(0, 60, 6):
        words[i] = "x"
    # given a text and a variant with every 6th word changed (Jaccard far below 0.85) / then both are kept
    assert find_near_duplicates([text, " ".join(words)], threshold=0.85) == [None, None], "not near-duplicates"


def test_batched_signatures_equal_datasketch_update_batch() -> None:
    from datasketch import MinHash

    rng = random.Random(2)
    template = MinHash(num_perm=64, hashfunc=_identity)
    shingles = [shingle_hashes(_text(rng, rng.randrange(1, 80))) for _ in range(30)] + [shingle_hashes("")]
    # given shingle sets (one empty) / when signed in a batch / then each equals datasketch's own signature
    for row, signature in zip(shingles, _signatures(template, shingles, chunk=100), strict=True):
        reference = template.copy()
        reference.update_batch(row.tolist())
        assert np.array_equal(reference.hashvalues, signature), "batched signature differs from datasketch"


def test_required_literals_are_what_every_match_contains() -> None:
    assert required_literals(DEFAULT_REFUSAL_PATTERNS) == [
        "an ai",
        "m sorry",
        "m not able to ",
        "i cannot assist with",
        "as a large language model",
    ]
    assert required_literals([r"(?:Hello) there\b", r"x+yz"]) == ["yz", "hello there"]
    assert required_literals([r"\bfoo\b", r"[ab]+"]) is None  # a pattern without a literal: no prefilter


REFUSAL_TEXTS = [
    "Paris is the capital of France.",
    "As an AI language model, I cannot browse.",
    "AS AN AI LANGUAGE MODEL I CANNOT",
    "I'm sorry, but I can't do that.",
    "I’m sorry, but as an AI, I won’t.",
    "i'm   sorry, but i cannot",  # extra spaces: no pattern matches
    "İ cannot assist with that.",  # İ folds onto i in case-insensitive matching
    "I'm ſorry, but I cannot help.",  # ſ folds onto s
    "I'm not able to comply with this.",
    "Café: I cannot assist with the order.",
    "Ask an AI assistant.",
    "",
]


def test_the_prefilter_gives_the_same_answers_as_the_plain_scan() -> None:
    fast, exact = RefusalMatcher(DEFAULT_REFUSAL_PATTERNS), RefusalMatcher(DEFAULT_REFUSAL_PATTERNS, prefilter=False)
    assert fast.literals, "the default patterns must get a prefilter"
    for text in REFUSAL_TEXTS:
        assert fast.match(text) == exact.match(text), text
    assert RefusalMatcher([]).match("As an AI language model") is None


def test_only_four_non_ascii_characters_fold_onto_ascii_letters() -> None:
    # the prefilter's soundness rests on this list: any other non-ASCII character never matches an ASCII letter
    everything = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    folding = set(re.findall("[a-z]", everything, re.IGNORECASE))
    assert folding == set(RefusalMatcher.FOLDING_CHARS), sorted(folding)
