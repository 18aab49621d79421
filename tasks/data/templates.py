"""Render conversations with the tokenizer's chat template and locate each assistant reply in the text.

The reference method (:func:`assistant_char_spans`) renders the conversation, and for each assistant reply the
prefix before it with the generation prompt and the prefix through it: the reply's characters are what lies
between (so the role header is not trained and the end-of-turn token is). It costs two or three Jinja renders
per conversation, which dominates preparing a large corpus.

:class:`ChatRenderer` gets the same result from one render per *role sequence*: it renders a skeleton whose
contents are unique placeholders, and fills each conversation's contents into it. That is exact for templates
that insert contents verbatim (or trimmed, which it detects); it is checked against the reference on a sample
of conversations of every role sequence before use, and any template that inspects or transforms contents, or
fails the check, is rendered the reference way.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tasks.core.errors import SftopsError

log = logging.getLogger("sftops.prepare")

Messages = list[dict[str, str]]
Spans = list[tuple[int, int]]

# a template that calls a method on a content, indexes or slices it, filters it with anything but trim, or
# tests membership in it, depends on what the content says: never fill a skeleton for it
_CONTENT_INSPECTED = re.compile(
    r"""content(?:['"]\])?\s*(?:\.\s*\w+\s*\(|\[|\|\s*(?!trim\b)\w)|\bin\s+\w+(?:\.content\b|\[['"]content['"]\])"""
)
_PLACEHOLDER = "\ue000{}\ue001"  # private-use code points: never produced by a template's own text
_PAD = " \n"
VERIFY_FIRST = 4  # conversations of each role sequence checked against the reference renderer
VERIFY_EVERY = 97  # and every 97th after that


def render(tokenizer: Any, messages: Messages, add_generation_prompt: bool = False) -> str:
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=add_generation_prompt)


def assistant_char_spans(messages: Messages, tokenizer: Any) -> tuple[str, Spans]:
    """Render the conversation and locate each assistant reply in it by rendering its prefix.

    A reply spans from the end of the prefix rendered with the generation prompt (so the role header is
    not trained) to the end of the conversation rendered through that reply, trailing newlines excluded
    (so the end-of-turn token is trained). Templates whose rendering of a prefix is not a prefix of the
    whole conversation cannot be masked this way and are an error. When the template closes a reply with
    nothing at all, the EOS token is appended to it so the model learns to stop.
    """
    whole = text = render(tokenizer, messages)
    spans: Spans = []
    shift = 0  # characters of EOS inserted so far
    for i, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        before = render(tokenizer, messages[:i], add_generation_prompt=True)
        # rendering through the last message is rendering the whole conversation: reuse it
        through = whole if i == len(messages) - 1 else render(tokenizer, messages[: i + 1])
        if not (whole.startswith(before) and whole.startswith(through) and len(before) <= len(through)):
            raise SftopsError(
                "the tokenizer's chat template renders a conversation prefix differently from the whole "
                "conversation, so the assistant replies cannot be located for the loss mask"
            )
        start, end = len(before) + shift, len(through.rstrip("\n")) + shift
        if through[len(before) : end - shift].strip() == message["content"].strip() and tokenizer.eos_token:
            text = text[:end] + tokenizer.eos_token + text[end:]
            end += len(tokenizer.eos_token)
            shift += len(tokenizer.eos_token)
        spans.append((start, end))
    return text, spans


@dataclass(frozen=True)
class _Skeleton:
    """A rendered role sequence: literal pieces around content slots, and reply spans as slot-relative marks.

    ``pieces[k]`` precedes slot ``order[k]`` (a message index); ``pieces[-1]`` follows the last slot. A mark
    ``(slot, offset)`` is a position ``offset`` characters after the end of slot number ``slot`` in text
    order (slot -1: from the start of the text).
    """

    pieces: tuple[str, ...]
    order: tuple[int, ...]
    marks: tuple[tuple[tuple[int, int], tuple[int, int]], ...]
    trim: bool

    def fill(self, messages: Messages) -> tuple[str, Spans]:
        contents = [messages[i]["content"] for i in self.order]
        if self.trim:
            contents = [c.strip() for c in contents]
        ends = []  # character position where each slot ends in the filled text
        parts: list[str] = []
        position = 0
        for piece, content in zip(self.pieces, contents, strict=False):
            parts += (piece, content)
            position += len(piece) + len(content)
            ends.append(position)
        parts.append(self.pieces[-1])
        text = "".join(parts)

        def at(mark: tuple[int, int]) -> int:
            slot, offset = mark
            return (ends[slot] if slot >= 0 else 0) + offset

        return text, [(at(start), at(end)) for start, end in self.marks]


def _placeholder(i: int) -> str:
    return _PLACEHOLDER.format(i)


def _build_skeleton(roles: tuple[str, ...], tokenizer: Any) -> _Skeleton | None:
    """The skeleton of a role sequence, or None when the template cannot be filled verbatim."""
    plain = [{"role": r, "content": _placeholder(i)} for i, r in enumerate(roles)]
    padded = [{"role": r, "content": _PAD + _placeholder(i) + _PAD} for i, r in enumerate(roles)]
    try:
        text, spans = assistant_char_spans(plain, tokenizer)
        padded_text, _ = assistant_char_spans(padded, tokenizer)
    except SftopsError:
        raise
    except Exception:  # noqa: BLE001 - a template that rejects this role sequence: the reference path decides
        return None
    found = sorted((text.find(_placeholder(i)), i) for i in range(len(roles)))
    if any(pos < 0 or text.count(_placeholder(i)) != 1 for pos, i in found):
        return None
    if padded_text == text.replace("\ue000", _PAD + "\ue000").replace("\ue001", "\ue001" + _PAD):
        trim = False
    elif padded_text == text:
        trim = True  # the template strips contents: so does fill
    else:
        return None
    pieces, order, slot_ends, cursor = [], [], [], 0
    for pos, i in found:
        pieces.append(text[cursor:pos])
        order.append(i)
        cursor = pos + len(_placeholder(i))
        slot_ends.append(cursor)
    pieces.append(text[cursor:])

    def mark(position: int) -> tuple[int, int] | None:
        slot = sum(1 for end in slot_ends if end <= position) - 1
        start_of_next = found[slot + 1][0] if slot + 1 < len(found) else len(text)
        if position > start_of_next:  # inside a placeholder: not expressible
            return None
        return slot, position - (slot_ends[slot] if slot >= 0 else 0)

    marks = []
    for start, end in spans:
        m_start, m_end = mark(start), mark(end)
        if m_start is None or m_end is None:
            return None
        marks.append((m_start, m_end))
    return _Skeleton(tuple(pieces), tuple(order), tuple(marks), trim)


class ChatRenderer:
    """Renders many conversations with one tokenizer: skeleton filling where proven exact, else the reference."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        source = getattr(tokenizer, "chat_template", None) or ""
        self.fillable = isinstance(source, str) and not _CONTENT_INSPECTED.search(source)
        self._skeletons: dict[tuple[str, ...], _Skeleton | None] = {}
        self.filled = 0  # conversations rendered from a skeleton
        self.rendered = 0  # conversations rendered the reference way

    def render_many(self, conversations: Sequence[Messages]) -> list[tuple[str, Spans]]:
        """(text, assistant reply spans) of each conversation, equal to :func:`assistant_char_spans`'s."""
        out: list[tuple[str, Spans] | None] = [None] * len(conversations)
        groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for index, messages in enumerate(conversations):
            groups[tuple(m["role"] for m in messages)].append(index)
        for roles, indices in groups.items():
            skeleton = self._skeleton(roles) if self.fillable else None
            if skeleton is not None and not self._verified(skeleton, roles, [conversations[i] for i in indices]):
                self._skeletons[roles] = skeleton = None
            for index in indices:
                if skeleton is None:
                    out[index] = assistant_char_spans(conversations[index], self.tokenizer)
                    self.rendered += 1
                else:
                    out[index] = skeleton.fill(conversations[index])
                    self.filled += 1
        return out  # type: ignore[return-value]

    def _skeleton(self, roles: tuple[str, ...]) -> _Skeleton | None:
        if roles not in self._skeletons:
            self._skeletons[roles] = _build_skeleton(roles, self.tokenizer)
        return self._skeletons[roles]

    def _verified(self, skeleton: _Skeleton, roles: tuple[str, ...], conversations: list[Messages]) -> bool:
        sample = conversations[:VERIFY_FIRST] + conversations[VERIFY_FIRST::VERIFY_EVERY]
        for messages in sample:
            if skeleton.fill(messages) != assistant_char_spans(messages, self.tokenizer):
                log.warning(
                    "chat template: filling the %s skeleton differs from rendering; rendering every such "
                    "conversation with the template (slower)",
                    "/".join(roles),
                )
                return False
        return True


# ---------------------------------------------------------------- tokens and the loss mask


def encode_masked(texts: list[str], spans: list[Spans], tokenizer: Any, ignore_index: int) -> list[tuple[list, list]]:
    """Token ids (no special tokens added) and labels: a token is trained when its first character lies in a span.

    A fast tokenizer with no truncation or padding set is called through its Rust backend, and each span's
    first and last token found with ``char_to_token`` (no per-token offsets cross into Python); anything
    else falls back to the tokenizer's ``__call__`` with offsets.
    """
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None or backend.truncation is not None or backend.padding is not None:
        enc = tokenizer(texts, add_special_tokens=False, return_offsets_mapping=True)
        return [
            (list(ids), mask_labels(list(ids), list(offsets), row_spans, ignore_index))
            for ids, offsets, row_spans in zip(enc["input_ids"], enc["offset_mapping"], spans, strict=True)
        ]
    out = []
    encodings = backend.encode_batch(texts, add_special_tokens=False)
    for encoding, text, row_spans in zip(encodings, texts, spans, strict=True):
        ids = encoding.ids
        bounds = [_token_bounds(encoding, start, end, len(text), len(ids)) for start, end in row_spans]
        if any(b is None for b in bounds):
            labels = mask_labels(ids, encoding.offsets, row_spans, ignore_index)
        else:
            labels = [ignore_index] * len(ids)
            for lo, hi in bounds:  # type: ignore[misc]
                labels[lo:hi] = ids[lo:hi]
        out.append((ids, labels))
    return out


def _first_token_from(encoding: Any, position: int, text_len: int, n_tokens: int) -> int | None:
    """Index of the first token whose first character is at or after ``position`` (None: look it up slowly)."""
    if position >= text_len:
        return n_tokens
    token = encoding.char_to_token(position)
    if token is None:
        return None
    start = encoding.token_to_chars(token)[0]
    return token if start >= position else token + 1


def _token_bounds(encoding: Any, start: int, end: int, text_len: int, n_tokens: int) -> tuple[int, int] | None:
    lo = _first_token_from(encoding, start, text_len, n_tokens)
    hi = _first_token_from(encoding, end, text_len, n_tokens)
    return None if lo is None or hi is None else (lo, hi)


def mask_labels(input_ids: list[int], offsets: list[tuple[int, int]], spans: Spans, ignore_index: int) -> list[int]:
    """Labels from per-token offsets: the token where its first character lies in a span, ignore elsewhere."""
    starts = [start for start, _ in offsets]
    if starts != sorted(starts):  # offsets out of order: test every token against every span
        return [
            token if any(start <= char_start < end for start, end in spans) else ignore_index
            for token, char_start in zip(input_ids, starts, strict=True)
        ]
    import bisect

    labels = [ignore_index] * len(input_ids)
    for start, end in spans:
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        labels[lo:hi] = input_ids[lo:hi]
    return labels
