"""Quality filters for raw conversations: encoding, refusal boilerplate, normalisation, near-duplicates.

Near-duplicates use MinHash-LSH from ``datasketch`` over word 5-shingles of the normalised prompt+response.
The LSH index only proposes candidates (at a threshold below the configured one, so few true pairs are
missed); a candidate is a near-duplicate when the exact Jaccard similarity of the two shingle sets reaches
the threshold. The first occurrence is kept; later ones are rejected.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Iterable
from typing import Any

import numpy as np

# C0 and C1 control characters other than \t \n \r, DEL, and the U+FFFD replacement character
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_WORD = re.compile(r"\w+")
SHINGLE = 5
NUM_PERM = 64
_MASK64 = (1 << 64) - 1


def normalise(text: str) -> str:
    """Lower case, whitespace runs collapsed to one space, stripped (the same as the exact-dup key).

    ``str.split()`` splits on exactly the characters ``\\s`` matches in a str pattern, so this equals
    ``re.sub(r"\\s+", " ", text).strip().lower()``, several times faster.
    """
    return " ".join(text.split()).lower()


def bad_encoding(text: str) -> str | None:
    """A description of the first broken character in ``text``, or None when it is clean."""
    match = _BAD_CHARS.search(text)
    if match is None:
        return None
    char = match.group()
    what = "U+FFFD replacement character" if char == "\ufffd" else f"control character U+{ord(char):04X}"
    return f"{what} at character {match.start()}"


class RefusalMatcher:
    """Case-insensitive regexes for boilerplate refusals and disclaimers; ``match`` returns the pattern hit.

    The patterns are searched as one alternation (one scan of the text); the single pattern that matched is
    looked up only for a hit. Before that scan, a prefilter rules out most texts cheaply: Python's regex engine
    tries every position of a text (~60 µs for a 1,300-character reply), but every match of a pattern contains
    its :func:`required_literals` run, and a substring test on the lower-cased text takes a few µs. The test is
    exact for ASCII runs unless the text holds one of the four non-ASCII characters that case-insensitive
    matching folds onto ASCII letters (İ ı ſ K); such a text, and every text when a pattern has no literal run,
    gets the full scan. ``prefilter=False`` gives the plain scan (the reference the tests compare against).
    """

    # the non-ASCII characters that case-insensitive matching folds onto ASCII letters (a test checks them all)
    FOLDING_CHARS = "\u0130\u0131\u017f\u212a"
    FOLDS_TO_ASCII = re.compile(f"[{FOLDING_CHARS}]")

    def __init__(self, patterns: Iterable[str], prefilter: bool = True) -> None:
        self.patterns = [re.compile(p, re.IGNORECASE) for p in patterns]
        self._any = (
            re.compile("|".join(f"(?:{p.pattern})" for p in self.patterns), re.IGNORECASE) if self.patterns else None
        )
        self.literals = required_literals([p.pattern for p in self.patterns]) if prefilter and self.patterns else None

    def match(self, text: str) -> str | None:
        if self._any is None:
            return None
        if self.literals is not None and (text.isascii() or self.FOLDS_TO_ASCII.search(text) is None):
            lower = text.lower()
            if not any(literal in lower for literal in self.literals):
                return None
        if self._any.search(text) is None:
            return None
        return next((p.pattern for p in self.patterns if p.search(text)), self._any.pattern)


def required_literals(patterns: Iterable[str]) -> list[str] | None:
    """For each pattern, the longest run of ASCII characters every match of it contains (lower case), with
    runs that contain a shorter one dropped; None when some pattern has no such run (or will not parse)."""
    try:
        from re import _parser  # the stdlib's own regex parser (sre_parse)
    except ImportError:  # pragma: no cover - a Python without it: no prefilter
        return None

    def flat(items: Any) -> Iterable[tuple[Any, Any]]:
        for op, arg in items:
            if op is _parser.SUBPATTERN and not arg[1] and not arg[2]:  # a plain group: its items in line
                yield from flat(arg[3])
            else:
                yield op, arg

    def runs(items: Any) -> Iterable[str]:
        run: list[str] = []
        for op, arg in flat(items):
            if op is _parser.LITERAL and arg < 128:
                run.append(chr(arg).lower())
            else:
                yield "".join(run)
                run = []
        yield "".join(run)

    literals = []
    try:
        for pattern in patterns:
            best = max(runs(_parser.parse(pattern)), key=len, default="")
            if not best:
                return None
            literals.append(best)
    except Exception:  # noqa: BLE001 - an unexpected parse tree: no prefilter, the full regex scan still runs
        return None
    literals.sort(key=len)
    return [lit for i, lit in enumerate(literals) if not any(short in lit for short in literals[:i])]


class _WordHashes(dict):
    """word → CRC32, computed once per distinct word (deterministic across processes, unlike ``hash``)."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


def shingle_hashes(text: str, word_hashes: dict[str, int] | None = None) -> np.ndarray:
    """32-bit hashes of the word 5-shingles of ``text`` (normalise it first), in text order, repeats kept."""
    cache = _WordHashes() if word_hashes is None else word_hashes
    words = np.fromiter(map(cache.__getitem__, text.split()), dtype=np.uint64)
    if words.size == 0:
        return words
    n = max(1, words.size - SHINGLE + 1)
    combined = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(min(SHINGLE, words.size)):
            combined = combined * np.uint64(1_000_003) + words[k : k + n]
        combined ^= combined >> np.uint64(29)
        combined *= np.uint64(0xBF58476D1CE4E5B9)
        combined ^= combined >> np.uint64(32)
    return combined & np.uint64(0xFFFFFFFF)


def all_shingle_hashes(texts: list[str]) -> list[np.ndarray]:
    """``shingle_hashes`` of every text, computed over all texts' words at once (numpy per corpus, not per text)."""
    cache = _WordHashes()
    split = [t.split() for t in texts]
    counts = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
    total = int(counts.sum()) if len(counts) else 0
    words = np.fromiter(map(cache.__getitem__, itertools.chain.from_iterable(split)), dtype=np.uint64, count=total)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])) if len(counts) else counts
    n_shingles = np.maximum(counts - SHINGLE + 1, 0)
    # the first word of every full-length shingle, in text order
    first = np.repeat(starts, n_shingles) + (
        np.arange(int(n_shingles.sum())) - np.repeat(np.cumsum(n_shingles) - n_shingles, n_shingles)
    )
    combined = np.zeros(first.size, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            combined = combined * np.uint64(1_000_003) + words[first + k]
        combined ^= combined >> np.uint64(29)
        combined *= np.uint64(0xBF58476D1CE4E5B9)
        combined ^= combined >> np.uint64(32)
    combined &= np.uint64(0xFFFFFFFF)
    out = np.split(combined, np.cumsum(n_shingles)[:-1]) if len(texts) else []
    for i in np.flatnonzero((counts > 0) & (counts < SHINGLE)):  # short texts: one shingle of all their words
        out[i] = shingle_hashes(texts[i], cache)
    return out


def find_near_duplicates(
    texts: list[str], threshold: float, num_perm: int = NUM_PERM, seed: int = 1
) -> list[tuple[int, float] | None]:
    """For each text (normalised), None when kept, or (index of the earlier kept text, Jaccard) when it is a
    near-duplicate of one: Jaccard similarity of word 5-shingle sets >= ``threshold``; first occurrence wins.

    MinHash signatures (datasketch's, computed for all texts at once) feed a datasketch MinHashLSH index
    built for a candidate threshold below ``threshold``; each candidate is confirmed with the exact Jaccard
    similarity of the two shingle sets, so the LSH's false positives never reject a row. A text that shares
    no LSH band with any other text can be nobody's candidate and have none, so only texts that share one
    (found for all texts at once with numpy) go through the index: the same result, a fraction of the work.
    """
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity)
    shingles = all_shingle_hashes(texts)
    signatures = _signatures(template, shingles)
    # 12 bands of 5 rows: a pair at Jaccard 0.85 becomes a candidate with probability > 0.999
    bands = min(12, num_perm // 5)
    lsh = MinHashLSH(num_perm=num_perm, params=(bands, num_perm // bands))
    shares_a_band = _shares_a_band(signatures, lsh.hashranges)
    uniques: dict[int, np.ndarray] = {}

    def unique(i: int) -> np.ndarray:
        if i not in uniques:
            uniques[i] = np.unique(shingles[i])
        return uniques[i]

    result: list[tuple[int, float] | None] = []
    for i, (sh, sig) in enumerate(zip(shingles, signatures, strict=True)):
        if sh.size == 0 or not shares_a_band[i]:
            result.append(None)
            continue
        minhash = LeanMinHash(seed=seed, hashvalues=sig, scheme=template.scheme)
        best: tuple[int, float] | None = None
        for key in lsh.query(minhash):
            sh, other = unique(i), unique(key)
            inter = np.intersect1d(sh, other, assume_unique=True).size
            jaccard = inter / (sh.size + other.size - inter)
            if jaccard >= threshold and (best is None or jaccard > best[1]):
                best = (key, jaccard)
        result.append(best)
        if best is None:
            lsh.insert(i, minhash, check_duplication=False)
    return result


def _shares_a_band(signatures: np.ndarray, hashranges: list[tuple[int, int]]) -> np.ndarray:
    """Per row: whether some other row has the same values in at least one band (an LSH bucket of two or more)."""
    shared = np.zeros(len(signatures), dtype=bool)
    for start, end in hashranges:
        band = np.ascontiguousarray(signatures[:, start:end])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * (end - start)))).ravel()
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        shared |= counts[inverse.ravel()] > 1
    return shared


def _signatures(template: Any, shingles: list[np.ndarray], chunk: int = 1 << 16) -> np.ndarray:
    """MinHash signatures of many shingle sets at once, equal to datasketch's ``MinHash.update_batch``."""
    from datasketch import minhash as dm

    out = np.tile(template.hashvalues, (len(shingles), 1))
    a, b = template.permutations
    width = dm._SCHEME_WIDTHS[template.scheme]
    start = 0
    while start < len(shingles):
        # a chunk of rows holding about ``chunk`` shingles in all
        stop, total = start, 0
        while stop < len(shingles) and (total == 0 or total + shingles[stop].size <= chunk):
            total += shingles[stop].size
            stop += 1
        if total:
            hashed = dm._fmix(template._hash_input_array(np.concatenate(shingles[start:stop])), width)
            phv = np.multiply.outer(hashed, a)
            phv += b
            offset = 0
            for row in range(start, stop):
                size = shingles[row].size
                if size:
                    np.minimum(out[row], phv[offset : offset + size].min(axis=0), out=out[row])
                offset += size
        start = stop
    return out


def _identity(value: int) -> int:
    return value
