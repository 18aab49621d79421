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
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tasks.core.cli import stage_main
from tasks.core.errors import SftopsError
from tasks.core.io import write_json, write_jsonl
from tasks.core.params import DataParams, Params
from tasks.core.paths import ProjectPaths

log = logging.getLogger("sftops.prepare")

IGNORE_INDEX = -100
SPLITS = ("train", "eval", "heldout")
Messages = list[dict[str, str]]


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
        return sum(1 for t in self.labels if t != IGNORE_INDEX)


@dataclass
class PrepareResult:
    splits: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {s: [] for s in SPLITS})
    rejects: list[dict[str, Any]] = field(default_factory=list)
    rows_in: int = 0


# ---------------------------------------------------------------- reading and normalising


def detect_format(row: dict[str, Any]) -> str:
    if "messages" in row:
        return "messages"
    if "instruction" in row and "output" in row:
        return "alpaca"
    raise RejectedRow("unknown_format", f"expected 'messages' or 'instruction'+'output', got keys {sorted(row)}")


def _require_str(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if not isinstance(value, str):
        raise RejectedRow("bad_field", f"field {key!r} must be a string, got {type(value).__name__}")
    return value


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
    else:
        raw = row.get("messages")
        if not isinstance(raw, list) or not raw:
            raise RejectedRow("bad_field", "field 'messages' must be a non-empty list")
        messages = []
        for i, m in enumerate(raw):
            if not isinstance(m, dict) or not isinstance(m.get("role"), str) or not isinstance(m.get("content"), str):
                raise RejectedRow("bad_field", f"messages[{i}] must have string 'role' and 'content'")
            messages.append({"role": m["role"], "content": m["content"]})
    if system_prompt and messages[0]["role"] != "system":
        messages.insert(0, {"role": "system", "content": system_prompt})
    if messages[-1]["role"] != "assistant":
        raise RejectedRow("no_final_assistant_turn", "the conversation must end with an assistant reply")
    if not messages[-1]["content"].strip():
        raise RejectedRow("empty_response")
    return messages


# ---------------------------------------------------------------- rendering and masking


def assistant_char_spans(messages: Messages, tokenizer: Any) -> tuple[str, list[tuple[int, int]]]:
    """Render the conversation and locate each assistant reply in it by rendering its prefix.

    A reply spans from the end of the prefix rendered with the generation prompt (so the role header is
    not trained) to the end of the conversation rendered through that reply, trailing newlines excluded
    (so the end-of-turn token is trained). Templates whose rendering of a prefix is not a prefix of the
    whole conversation cannot be masked this way and are an error.
    """
    text = tokenizer.apply_chat_template(messages, tokenize=False)
    spans: list[tuple[int, int]] = []
    for i, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        before = tokenizer.apply_chat_template(messages[:i], tokenize=False, add_generation_prompt=True)
        through = tokenizer.apply_chat_template(messages[: i + 1], tokenize=False)
        if not (text.startswith(before) and text.startswith(through) and len(before) <= len(through)):
            raise SftopsError(
                "the tokenizer's chat template renders a conversation prefix differently from the whole "
                "conversation, so the assistant replies cannot be located for the loss mask"
            )
        end = len(through.rstrip("\n"))
        if through[len(before) : end].strip() == message["content"].strip() and tokenizer.eos_token:
            # the template closes replies with nothing: append EOS so the model learns to stop
            text = text[:end] + tokenizer.eos_token + text[end:]
            end += len(tokenizer.eos_token)
        spans.append((len(before), end))
    return text, spans


def build_example(messages: Messages, tokenizer: Any) -> Example:
    """Tokenise a conversation; labels equal input_ids on assistant-reply tokens and -100 elsewhere."""
    text, spans = assistant_char_spans(messages, tokenizer)
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    labels = [
        token if any(start <= char_start < end for start, end in spans) else IGNORE_INDEX
        for token, (char_start, _) in zip(enc["input_ids"], enc["offset_mapping"], strict=True)
    ]
    return Example(messages=messages, text=text, input_ids=list(enc["input_ids"]), labels=labels)


# ---------------------------------------------------------------- dedup and split


def dedup_key(messages: Messages) -> str:
    """Content key that ignores case and whitespace differences."""
    norm = [(m["role"], re.sub(r"\s+", " ", m["content"]).strip().lower()) for m in messages]
    return hashlib.sha256(json.dumps(norm).encode()).hexdigest()


def assign_split(key: str, split: Any, seed: int) -> str:
    bucket = int(hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()[:12], 16) / 16**12
    if bucket < split.eval:
        return "eval"
    if bucket < split.eval + split.heldout:
        return "heldout"
    return "train"


# ---------------------------------------------------------------- the stage


def read_raw_lines(path: Path) -> list[tuple[int, str]]:
    if not path.is_file():
        raise SftopsError(f"data.path={str(path)!r}: file not found")
    if path.suffix not in {".jsonl", ".json"}:
        raise SftopsError(f"{path}: unsupported container {path.suffix!r}; expected .jsonl")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as e:
        raise SftopsError(f"{path}: not UTF-8 text (byte {e.start}): {e.reason}") from None
    numbered = [(i, line) for i, line in enumerate(lines, start=1) if line.strip()]
    if not numbered:
        raise SftopsError(f"{path}: empty file; expected one JSON object per line")
    return numbered


def prepare_rows(
    lines: list[tuple[int, str]], source: str, data: DataParams, tokenizer: Any, seed: int
) -> PrepareResult:
    from tqdm.auto import tqdm

    result = PrepareResult()
    seen: set[str] = set()
    for line_no, line in tqdm(lines, desc="prepare", unit="row", mininterval=2.0):
        result.rows_in += 1
        try:
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise RejectedRow("malformed_json", f"{e.msg} at column {e.colno}") from None
            if not isinstance(row, dict):
                raise RejectedRow("malformed_json", f"expected a JSON object, got {type(row).__name__}")
            messages = to_messages(row, data.format, data.system_prompt)
            key = dedup_key(messages)
            if key in seen:
                raise RejectedRow("duplicate")
            example = build_example(messages, tokenizer)
            if example.n_tokens > data.max_seq_len:
                raise RejectedRow("too_long", f"{example.n_tokens} tokens > data.max_seq_len={data.max_seq_len}")
            if example.n_label_tokens == 0:
                raise RejectedRow("empty_mask", "no assistant token survived tokenisation")
        except RejectedRow as r:
            result.rejects.append({"source": source, "line": line_no, "reason": r.reason, "detail": r.detail})
            continue
        seen.add(key)
        split = assign_split(key, data.split, seed)
        result.splits[split].append(
            {
                "id": key[:16],
                "source": source,
                "line": line_no,
                "messages": messages,
                "prompt": next(m["content"] for m in reversed(messages) if m["role"] == "user"),
                "response": messages[-1]["content"],
                "text": example.text,
                "input_ids": example.input_ids,
                "labels": example.labels,
                "n_tokens": example.n_tokens,
                "n_label_tokens": example.n_label_tokens,
            }
        )
    return result


def summarise(result: PrepareResult) -> dict[str, Any]:
    kept = sum(len(rows) for rows in result.splits.values())
    all_rows = [r for rows in result.splits.values() for r in rows]
    n_tokens = [r["n_tokens"] for r in all_rows]
    return {
        "rows_in": result.rows_in,
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

    raw_path = paths.root / params.data.path
    tokenizer = AutoTokenizer.from_pretrained(paths.base_model)
    result = prepare_rows(read_raw_lines(raw_path), params.data.path, params.data, tokenizer, params.seed)
    summary = summarise(result)
    if summary["rows_in"] != summary["kept"] + summary["rejected"]:
        raise AssertionError(f"row accounting is broken: {summary}")
    if summary["splits"]["train"] == 0:
        raise SftopsError(f"{params.data.path}: no usable training rows ({summary['rejected_by_reason']})")
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
