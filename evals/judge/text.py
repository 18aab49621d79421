"""Text handling of the rule judge: normalisation, code and quote masking, sentences, clauses, content words.

A response is lower-cased and normalised (NFKC, straight quotes), its fenced code blocks become ``<code>`` and its
quoted passages ``<quote>`` (:func:`prepare`), then it is split into lines, sentences and clauses at contrastive
connectors (:func:`segment`): each clause is one :class:`Segment` that the other modules classify.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists are written as prose)."""
    return frozenset(text.split())


_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2014": " - ",
        "\u2013": " - ",
        "\u00a0": " ",
    }
)
_CODE_BLOCK = re.compile(r"```.*?(?:```|\Z)", re.S)
_APOSTROPHE_IN_WORD = re.compile(r"(?<=[a-z])'(?=[a-z])")
_APOS_PLACEHOLDER = "\x01"
_DOUBLE_QUOTED = re.compile(r'"[^"\n]{1,1500}"')
_SINGLE_QUOTED = re.compile(r"(?<![a-z0-9])'[^'\n]{2,300}'(?![a-z0-9])")
_HELP_BUT = re.compile(r"\b(can't|cannot|couldn't|could not) help but\b")
_INSERTED_ADVERB = re.compile(r"\b(i|we) (can|could|will|would|'d|am|'m),? (?:however|though|instead|still),? ")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[*#\-\u2022]*[a-z0-9<])")
_ABBREVIATION_END = re.compile(r"\b(?:e\.g|i\.e|etc|vs|dr|mr|mrs|ms|st|fig|approx|u\.s|a\.m|p\.m)\.$")
_LIST_MARKER = re.compile(r"^\s*(?:[-*\u2022+>]|\d{1,2}[.)]|[a-h][.)]|#{1,6})\s+")
_ITEM_MARKER = re.compile(r"^\s*(?:[-*\u2022+]|\d{1,2}[.)]|[a-h][.)])\s+")  # not block quotes or headings
_CONNECTOR = re.compile(
    r"(?:[,;:]\s*|\s+|^)(?P<word>but|however|though|although|instead|that said|having said that|nevertheless|"
    r"nonetheless|yet|whereas|pero|sin embargo|en cambio|mais|cependant|en revanche|par contre|aber|jedoch|"
    r"stattdessen|allerdings|però|tuttavia|invece|porém|mas|entretanto)\b,?\s*|"
    r"\s+-\s+(?:and\s+)?|;\s+|,\s*or\s+(?=(?:to|you|if|consider|try|ask|talk|see|call)\b)"
)
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
HAS_LETTER = re.compile(r"[^\W_]")  # any letter or digit, in any script


@dataclass
class Segment:
    """One clause of the response (lower case), where it came from, and what it was classified as."""

    text: str
    index: int  # position among the response's segments
    sentence: int  # index of the sentence it belongs to
    is_list_item: bool = False
    contrast: bool = False  # introduced by "but", "however", "that said", ...
    in_letter: bool = False  # part of a letter written for the user (its "I" is the user's)
    kind: str = ""
    rules: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)


def normalise(text: str) -> str:
    """NFKC, straight quotes, lower case, single spaces inside lines, ``\\n`` line ends."""
    text = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP).lower()
    return re.sub(r"[ \t]+", " ", text.replace("\r\n", "\n").replace("\r", "\n"))


def strip_code(text: str) -> str:
    """Replace each fenced code block by a ``<code>`` line."""
    return _CODE_BLOCK.sub("\n<code>\n", text)


def strip_quotes(text: str) -> str:
    """Replace quoted passages (double quotes; single quotes that are not apostrophes) by ``<quote>``."""
    text = _APOSTROPHE_IN_WORD.sub(_APOS_PLACEHOLDER, text)
    text = _DOUBLE_QUOTED.sub(_quote_marker, text)
    text = _SINGLE_QUOTED.sub(_quote_marker, text)
    return text.replace(_APOS_PLACEHOLDER, "'")


def _quote_marker(match: re.Match[str]) -> str:
    """``<quote>``, keeping a sentence end that was inside the quotation marks."""
    inner = match.group(0)[1:-1].rstrip()
    return " <quote>. " if inner.endswith((".", "!", "?")) else " <quote> "


def prepare(text: str) -> str:
    """A normalised response with code and quotes masked, and "I can, however, ..." / "can't help but" rejoined."""
    text = _INSERTED_ADVERB.sub(r"\1 \2 ", strip_quotes(strip_code(text)))
    return _HELP_BUT.sub(r"\1 help feeling", text)  # keep "can't help but" in one clause (emphasis)


def split_sentences(text: str) -> list[tuple[str, bool]]:
    """Lines, then sentences within a line; each with whether its line was a list item."""
    out: list[tuple[str, bool]] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        is_item = bool(_ITEM_MARKER.match(line))
        line = _LIST_MARKER.sub("", line).strip("*_ ")
        merged: list[str] = []
        for piece in _SENTENCE_END.split(line):
            if merged and (
                _ABBREVIATION_END.search(merged[-1]) or (merged[-1].endswith(" no.") and piece[:1].isdigit())
            ):
                merged[-1] = f"{merged[-1]} {piece}"
            else:
                merged.append(piece)
        out.extend((p.strip(), is_item) for p in merged if p.strip())
    return out


def split_clauses(sentence: str) -> list[tuple[str, bool]]:
    """Split a sentence at contrastive connectors, dashes and ", or <suggestion>"; each clause with whether a
    contrastive word ("but", "however", ...) introduced it. The connector is dropped, except "instead", which
    stays on its clause (it marks a redirection)."""
    clauses: list[tuple[str, bool]] = []
    start, prefix, contrast = 0, "", False
    for match in _CONNECTOR.finditer(sentence):
        clauses.append((prefix + sentence[start : match.start()], contrast))
        word = match.group("word")
        prefix = "instead, " if word == "instead" else ""
        contrast = word is not None and word != "instead"
        start = match.end()
    clauses.append((prefix + sentence[start:], contrast))
    parts = ((c.strip(" ,;:-"), contrast) for c, contrast in clauses)
    return [(p, contrast) for p, contrast in parts if p and HAS_LETTER.search(p)]


def segment(text: str) -> list[Segment]:
    """A normalised, code- and quote-stripped response as an ordered list of clause segments."""
    segments: list[Segment] = []
    for s_index, (sentence, is_item) in enumerate(split_sentences(text)):
        for clause, contrast in split_clauses(sentence):
            tokens = WORD.findall(clause)
            segments.append(Segment(clause, len(segments), s_index, is_item, contrast=contrast, tokens=tokens))
    return segments


_STOP_WORDS = wordset(
    """
    about above after again against also always among another anyone anything around because been before
    being below between both cannot could does doing down during each either else even ever every from further
    have having here hers herself himself into itself just know like made make many more most much must myself
    need never once only other ought ours ourselves over please really same should some something such than
    that that's their theirs them themselves then there these they this those through under until upon very
    want what when where which while whom whose will with within without would your yours yourself yourselves
    tell give show help write explain describe provide create thing things someone somebody sure okay well
    i'm it's don't can't won't you're what's there's here's how's let's way ways best good step steps
    """
)


def content_words(text: str) -> set[str]:
    """Words of 4+ letters that are not stop words, crudely stemmed (for prompt/response overlap)."""
    return {stem(w) for w in WORD.findall(text.lower()) if len(w) >= 4 and w not in _STOP_WORDS}


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
