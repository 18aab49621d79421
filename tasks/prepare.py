"""Stage prepare: raw instruction data → chat messages → tokens with labels masked to the assistant replies.

Every raw row ends up either in one split (train / eval / heldout) or in the rejects file with its source
line and a reason, so ``rows_in == kept + rejected`` always holds. Splits are assigned by a hash of each
example's content: deterministic, and stable when rows are added (a retrain never moves an old held-out
example into training).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import orjson

from tasks.core.data_sources import check_tracked_by_dvc
from tasks.core.errors import SftopsError
from tasks.core.io import write_json, write_jsonl
from tasks.core.params import DataParams, DataSourceParams, Params
from tasks.core.paths import ProjectPaths
from tasks.core.schema import IGNORE_INDEX, SPLITS
from tasks.core.stage import stage_main
from tasks.data.filters import RefusalMatcher, bad_encoding, find_near_duplicates, normalise
from tasks.data.readers import RawRow, read_rows
from tasks.data.templates import ChatRenderer, encode_masked

log = logging.getLogger("sftops.prepare")

Messages = list[dict[str, str]]
# every reason a row can be rejected for, in the order the checks run (cheapest first; one reason per row)
REJECT_REASONS = (
    "malformed_json",
    "unknown_format",
    "bad_field",
    "no_final_assistant_turn",
    "bad_role_order",
    "empty_response",
    "bad_encoding",
    "too_long",
    "response_equals_prompt",
    "refusal_boilerplate",
    "duplicate",
    "near_duplicate",
    "empty_mask",
    "mix_downsampled",
    "mix_over_cap",
)
ENCODE_BATCH = 2048  # texts per fast-tokenizer call
# a row with more characters than this is rejected as too_long before tokenising, whatever data.overlength
MAX_ROW_CHARS = 1_000_000
SHAREGPT_ROLES = {"system": "system", "human": "user", "user": "user", "gpt": "assistant", "assistant": "assistant"}


class RejectedRow(Exception):
    """A raw row that cannot become a training example; ``reason`` is a short stable code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass
class Example:
    messages: Messages
    text: str
    input_ids: list[int]
    labels: list[int]

    @property
    def n_tokens(self) -> int:
        return len(self.input_ids)

    @property
    def n_label_tokens(self) -> int:
        return len(self.labels) - self.labels.count(IGNORE_INDEX)


@dataclass
class PrepareResult:
    splits: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {s: [] for s in SPLITS})
    rejects: list[dict[str, Any]] = field(default_factory=list)
    rows_in: int = 0
    rows_in_by_source: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------- reading and normalising


def detect_format(row: dict[str, Any]) -> str:
    if "messages" in row:
        return "messages"
    if "conversations" in row:
        return "sharegpt"
    if "instruction" in row and "output" in row:
        return "alpaca"
    if "prompt" in row and "completion" in row:
        return "prompt_completion"
    raise RejectedRow(
        "unknown_format",
        "expected 'messages', 'conversations', 'instruction'+'output' or 'prompt'+'completion', "
        f"got keys {sorted(map(str, row))[:20]}",
    )


def _require_str(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if not isinstance(value, str):
        raise RejectedRow("bad_field", f"field {key!r} must be a string, got {type(value).__name__}")
    return value


def _turns(row: dict[str, Any], key: str, role_key: str, text_key: str, roles: dict[str, str] | None) -> Messages:
    raw = row.get(key)
    if not isinstance(raw, list) or not raw:
        raise RejectedRow("bad_field", f"field {key!r} must be a non-empty list")
    messages = []
    for i, m in enumerate(raw):
        if not isinstance(m, dict) or not isinstance(m.get(role_key), str) or not isinstance(m.get(text_key), str):
            raise RejectedRow("bad_field", f"{key}[{i}] must have string {role_key!r} and {text_key!r}")
        role = m[role_key]
        if roles is not None:
            if role not in roles:
                raise RejectedRow(
                    "bad_field", f"{key}[{i}].{role_key}={role[:40]!r}: unknown role; expected one of {sorted(roles)}"
                )
            role = roles[role]
        messages.append({"role": role, "content": m[text_key]})
    return messages


def to_messages(row: dict[str, Any], fmt: str, system_prompt: str | None) -> Messages:
    """Normalise one raw row to a list of chat messages (system first when given)."""
    fmt = detect_format(row) if fmt == "auto" else fmt
    if fmt == "alpaca":
        instruction = _require_str(row, "instruction").strip()
        extra = row.get("input") or ""
        if not isinstance(extra, str):
            raise RejectedRow("bad_field", f"field 'input' must be a string, got {type(extra).__name__}")
        user = f"{instruction}\n\n{extra.strip()}" if extra.strip() else instruction
        messages = [{"role": "user", "content": user}, {"role": "assistant", "content": _require_str(row, "output")}]
    elif fmt == "prompt_completion":
        messages = [
            {"role": "user", "content": _require_str(row, "prompt")},
            {"role": "assistant", "content": _require_str(row, "completion")},
        ]
    elif fmt == "sharegpt":
        messages = _turns(row, "conversations", "from", "value", SHAREGPT_ROLES)
    else:
        messages = _turns(row, "messages", "role", "content", None)
    if system_prompt and messages[0]["role"] != "system":
        messages.insert(0, {"role": "system", "content": system_prompt})
    if messages[-1]["role"] != "assistant":
        raise RejectedRow("no_final_assistant_turn", "the conversation must end with an assistant reply")
    if not any(m["role"] == "user" for m in messages):
        raise RejectedRow("bad_field", "the conversation has no user turn")
    roles = [m["role"] for m in (messages[1:] if messages[0]["role"] == "system" else messages)]
    expected = ["user", "assistant"] * (len(roles) // 2)
    if roles != expected:
        raise RejectedRow(
            "bad_role_order",
            f"roles {','.join(m['role'] for m in messages)}; expected an optional system turn, then user and "
            "assistant turns alternating",
        )
    if not messages[-1]["content"].strip():
        raise RejectedRow("empty_response")
    return messages


# ---------------------------------------------------------------- rendering and masking


def build_examples(conversations: list[Messages], tokenizer: Any) -> list[Example]:
    """Render every conversation, tokenise the texts in one batch and mask the labels to the replies."""
    rendered = ChatRenderer(tokenizer).render_many(conversations)
    encoded = encode_masked([t for t, _ in rendered], [s for _, s in rendered], tokenizer, IGNORE_INDEX)
    return [
        Example(messages=messages, text=text, input_ids=ids, labels=labels)
        for messages, (text, _), (ids, labels) in zip(conversations, rendered, encoded, strict=True)
    ]


def build_example(messages: Messages, tokenizer: Any) -> Example:
    """Tokenise a conversation; labels equal input_ids on assistant-reply tokens and -100 elsewhere."""
    return build_examples([messages], tokenizer)[0]


# ---------------------------------------------------------------- dedup and split


def dedup_key(messages: Messages) -> str:
    """Content key that ignores case and whitespace differences."""
    return _dedup_key([m["role"] for m in messages], [normalise(m["content"]) for m in messages])


def _dedup_key(roles: list[str], normalised: list[str]) -> str:
    return hashlib.sha256(json.dumps(list(map(list, zip(roles, normalised, strict=True)))).encode()).hexdigest()


def assign_split(key: str, split: Any, seed: int) -> str:
    bucket = _bucket(f"{seed}:{key}")
    if bucket < split.eval:
        return "eval"
    if bucket < split.eval + split.heldout:
        return "heldout"
    return "train"


# ---------------------------------------------------------------- the stage


@dataclass
class _Candidate:
    index: int
    source: int  # position in the list of sources
    line: int
    messages: Messages
    key: str
    dedup_text: str  # normalised user and assistant contents, for near-duplicate detection


def max_token_chars(tokenizer: Any) -> int:
    """An upper bound on the characters one token covers (byte-level token strings are at least as long)."""
    try:
        return max(64, max(len(token) for token in tokenizer.get_vocab()))
    except Exception:  # noqa: BLE001 - a tokenizer without a readable vocabulary: a generous bound
        return 256


def _parse(item: RawRow | tuple[int, str]) -> tuple[int, str, dict[str, Any]]:
    """(line, detail prefix, row object) of one raw item; a JSONL item is decoded here."""
    if isinstance(item, RawRow):
        line, text, value, where = item.line, item.text, item.value, item.where
    else:
        (line, text), value, where = item, None, "line"
    prefix = "" if where == "line" else f"{where} {line}: "
    if text is not None:
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError as e:
            raise RejectedRow("malformed_json", f"{e.msg} at column {e.colno}") from None
    if not isinstance(value, dict):
        raise RejectedRow("malformed_json", f"{prefix}expected a JSON object, got {type(value).__name__}")
    return line, prefix, value


def _local_checks(messages: Messages, data: DataParams, refusals: RefusalMatcher, char_limit: int | None) -> list[str]:
    """The checks that need only the row itself, cheapest first; raise RejectedRow on the first failure.

    Returns the normalised contents of the messages (for the duplicate checks).
    """
    for i, m in enumerate(messages):
        problem = bad_encoding(m["content"])
        if problem:
            raise RejectedRow("bad_encoding", f"messages[{i}] ({m['role']}): {problem}")
    chars = sum(len(m["content"]) for m in messages)
    if chars > MAX_ROW_CHARS or (char_limit is not None and chars > char_limit):
        raise RejectedRow("too_long", f"{chars} characters cannot fit in data.max_seq_len={data.max_seq_len} tokens")
    normalised = [normalise(m["content"]) for m in messages]
    prompt = next(n for n, m in zip(reversed(normalised), reversed(messages), strict=True) if m["role"] == "user")
    if normalised[-1] == prompt:
        raise RejectedRow("response_equals_prompt", "the reply repeats the prompt")
    for i, m in enumerate(messages):
        if m["role"] == "assistant":
            pattern = refusals.match(m["content"])
            if pattern:
                raise RejectedRow("refusal_boilerplate", f"messages[{i}] matches {pattern!r}")
    return normalised


def prepare_rows(
    lines: list[RawRow] | list[tuple[int, str]], source: str, data: DataParams, tokenizer: Any, seed: int
) -> PrepareResult:
    """``prepare_sources`` for one source named ``source`` read with ``data.format``."""
    return prepare_sources([(DataSourceParams(path=source, format=data.format), lines)], data, tokenizer, seed)


def prepare_sources(
    inputs: list[tuple[DataSourceParams, list[RawRow] | list[tuple[int, str]]]],
    data: DataParams,
    tokenizer: Any,
    seed: int,
) -> PrepareResult:
    """Turn raw rows into examples: each one is kept in a split or rejected with its source, line and one reason.

    The checks run cheapest first: decoding, format and fields, the row's own content (encoding, length in
    characters, reply equals prompt, refusal boilerplate), exact then near duplicates against earlier rows
    (of any source) that passed those checks, the checks that need tokens (too_long, empty_mask) on a
    batched tokenisation of the survivors, and last each source's weight and cap.
    """
    result = PrepareResult()
    result.rows_in = sum(len(lines) for _, lines in inputs)
    result.rows_in_by_source = {spec.path: len(lines) for spec, lines in inputs}
    rejects: list[tuple[int, dict[str, Any]]] = []
    refusals = RefusalMatcher(data.refusal_patterns)
    char_limit = data.max_seq_len * max_token_chars(tokenizer) if data.overlength == "drop" else None
    candidates: list[_Candidate] = []
    seen: set[str] = set()
    names = [spec.path for spec, _ in inputs]

    def reject(index: int, source: int, line: int, reason: str, detail: str) -> None:
        rejects.append((index, {"source": names[source], "line": line, "reason": reason, "detail": detail}))

    items = ((s, spec, item) for s, (spec, lines) in enumerate(inputs) for item in lines)
    for index, (source, spec, item) in enumerate(items):
        line = item.line if isinstance(item, RawRow) else item[0]
        prefix = ""
        try:
            line, prefix, row = _parse(item)
            messages = to_messages(row, spec.format, data.system_prompt)
            normalised = _local_checks(messages, data, refusals, char_limit)
            key = _dedup_key([m["role"] for m in messages], normalised)
            if key in seen:
                raise RejectedRow("duplicate", "same content as an earlier row (ignoring case and whitespace)")
        except RejectedRow as r:
            detail = r.detail if not prefix or r.detail.startswith(prefix) else prefix + r.detail
            reject(index, source, line, r.reason, detail)
            continue
        seen.add(key)
        text = " ".join(n for n, m in zip(normalised, messages, strict=True) if n and m["role"] != "system")
        candidates.append(_Candidate(index, source, line, messages, key, text))

    # Tokenising is the slowest step and runs in Rust without the GIL: render everything (cheap, from skeletons),
    # tokenise in a worker thread, and find near-duplicates here meanwhile (the few rows they remove are
    # tokenised anyway).
    rendered = ChatRenderer(tokenizer).render_many([c.messages for c in candidates])
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = [
            pool.submit(
                encode_masked,
                [text for text, _ in rendered[first : first + ENCODE_BATCH]],
                [spans for _, spans in rendered[first : first + ENCODE_BATCH]],
                tokenizer,
                IGNORE_INDEX,
            )
            for first in range(0, len(rendered), ENCODE_BATCH)
        ]
        near: list[tuple[int, float] | None] = [None] * len(candidates)
        if data.near_dup_threshold < 1.0 and candidates:
            near = find_near_duplicates([c.dedup_text for c in candidates], data.near_dup_threshold)
        examples = [
            Example(messages=c.messages, text=text, input_ids=ids, labels=labels)
            for c, (text, _), (ids, labels) in zip(
                candidates, rendered, (e for future in pending for e in future.result()), strict=True
            )
        ]
    kept: list[tuple[_Candidate, Example]] = []
    for c, hit, example in zip(candidates, near, examples, strict=True):
        if hit is not None:
            other = candidates[hit[0]]
            where = f"line {other.line}" if other.source == c.source else f"{names[other.source]} line {other.line}"
            detail = f"Jaccard {hit[1]:.2f} >= {data.near_dup_threshold} with {where}"
            reject(c.index, c.source, c.line, "near_duplicate", detail)
            continue
        if example.n_tokens > data.max_seq_len:
            if data.overlength == "drop":
                detail = f"{example.n_tokens} tokens > data.max_seq_len={data.max_seq_len}"
                reject(c.index, c.source, c.line, "too_long", detail)
                continue
            example.input_ids = example.input_ids[: data.max_seq_len]
            example.labels = example.labels[: data.max_seq_len]
            if example.n_label_tokens == 0:
                detail = f"truncated to {data.max_seq_len} tokens, no trained token left"
                reject(c.index, c.source, c.line, "too_long", detail)
                continue
        if example.n_label_tokens == 0:
            reject(c.index, c.source, c.line, "empty_mask", "no assistant token survived tokenisation")
            continue
        kept.append((c, example))

    chosen, left_out = mix([c.key for c, _ in kept], [c.source for c, _ in kept], [s for s, _ in inputs], seed)
    for position, reason, detail in left_out:
        c = kept[position][0]
        reject(c.index, c.source, c.line, reason, detail)
    for c, example in (kept[position] for position in chosen):
        result.splits[assign_split(c.key, data.split, seed)].append(
            {
                "id": c.key[:16],
                "source": names[c.source],
                "line": c.line,
                "messages": c.messages,
                "prompt": next(m["content"] for m in reversed(c.messages) if m["role"] == "user"),
                "response": c.messages[-1]["content"],
                "text": example.text,
                "input_ids": example.input_ids,
                "labels": example.labels,
                "n_tokens": example.n_tokens,
                "n_label_tokens": example.n_label_tokens,
            }
        )
    result.rejects = [r for _, r in sorted(rejects, key=lambda pair: pair[0])]
    return result


def mix(
    keys: list[str], sources: list[int], specs: list[DataSourceParams], seed: int
) -> tuple[list[int], list[tuple[int, str, str]]]:
    """Apply each source's weight, then its cap, to the kept rows (given by content key and source index).

    Returns the positions chosen, in order, and (position, reason, detail) for each row left out. A row is in
    a source's ``weight`` share when a seeded hash of its content falls below the weight, and the cap keeps
    the rows with the lowest such hashes: both are stable when the source grows, like the split assignment.
    """
    if all(spec.weight == 1.0 and spec.max_rows is None for spec in specs):
        return list(range(len(keys))), []
    bucket = [_bucket(f"mix:{seed}:{key}") for key in keys]
    left_out: dict[int, tuple[str, str]] = {}
    for s, spec in enumerate(specs):
        rows = [i for i, source in enumerate(sources) if source == s]
        if spec.weight < 1.0:
            for i in rows:
                if bucket[i] >= spec.weight:
                    left_out[i] = ("mix_downsampled", f"outside the weight={spec.weight} share of {spec.path}")
            rows = [i for i in rows if i not in left_out]
        if spec.max_rows is not None and len(rows) > spec.max_rows:
            for i in sorted(rows, key=bucket.__getitem__)[spec.max_rows :]:
                left_out[i] = ("mix_over_cap", f"over max_rows={spec.max_rows} of {spec.path}")
    chosen = [i for i in range(len(keys)) if i not in left_out]
    return chosen, [(i, *left_out[i]) for i in sorted(left_out)]


def _bucket(text: str) -> float:
    """A uniform number in [0, 1) from a hash of ``text``."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16) / 16**12


def summarise(result: PrepareResult) -> dict[str, Any]:
    kept = sum(len(rows) for rows in result.splits.values())
    all_rows = [r for rows in result.splits.values() for r in rows]
    n_tokens = [r["n_tokens"] for r in all_rows]
    kept_by_source = Counter(r["source"] for r in all_rows)
    rejected_by_source = Counter(r["source"] for r in result.rejects)
    return {
        "rows_in": result.rows_in,
        "sources": {
            name: {"rows_in": rows_in, "kept": kept_by_source[name], "rejected": rejected_by_source[name]}
            for name, rows_in in result.rows_in_by_source.items()
        },
        "kept": kept,
        "rejected": len(result.rejects),
        "rejected_by_reason": dict(sorted(Counter(r["reason"] for r in result.rejects).items())),
        "splits": {split: len(rows) for split, rows in result.splits.items()},
        "tokens": {
            "total": sum(n_tokens),
            "mean": round(sum(n_tokens) / len(n_tokens), 2) if n_tokens else 0.0,
            "max": max(n_tokens, default=0),
            "trained": sum(r["n_label_tokens"] for r in all_rows),
        },
    }


def run(params: Params, paths: ProjectPaths) -> dict[str, Any]:
    from transformers import AutoTokenizer

    sources = params.data.resolved_sources()
    for spec in sources:
        check_tracked_by_dvc(spec.path, paths.root)
    inputs = [(spec, read_rows(spec.path, paths.root)) for spec in sources]
    tokenizer = AutoTokenizer.from_pretrained(paths.base_model)
    result = prepare_sources(inputs, params.data, tokenizer, params.seed)
    summary = summarise(result)
    if summary["rows_in"] != summary["kept"] + summary["rejected"]:
        raise AssertionError(f"row accounting is broken: {summary}")
    if summary["splits"]["train"] == 0:
        names = ", ".join(spec.path for spec in sources)
        raise SftopsError(f"{names}: no usable training rows ({summary['rejected_by_reason']})")
    for split, rows in result.splits.items():
        write_jsonl(paths.split_file(split), rows)
    write_jsonl(paths.rejects, result.rejects)
    write_json(paths.metrics("prepare"), summary)
    log.info(
        "rows in %d = kept %d + rejected %d %s; splits %s",
        summary["rows_in"],
        summary["kept"],
        summary["rejected"],
        summary["rejected_by_reason"],
        summary["splits"],
    )
    return summary


if __name__ == "__main__":
    stage_main("prepare", run)
