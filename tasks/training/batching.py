"""What the train loop iterates: the prepared examples, padded (or packed) batches in length-grouped order, and
gradient-accumulation windows of them."""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from tasks.core.errors import SftopsError
from tasks.core.io import read_jsonl
from tasks.core.paths import ProjectPaths
from tasks.core.schema import IGNORE_INDEX
from tasks.training import packing

log = logging.getLogger("sftops.train")


@dataclass(frozen=True)
class TokenizedExample:
    input_ids: list[int]
    labels: list[int]


def load_split(paths: ProjectPaths, split: str, train_on_prompt: bool = False) -> list[TokenizedExample]:
    """The split's examples; with ``train_on_prompt`` every token is a label (the loss mask switched off)."""
    path = paths.split_file(split)
    if not path.is_file():
        raise SftopsError(f"{path}: not found; run the prepare stage first")
    examples = []
    for number, row in enumerate(read_jsonl(path), 1):
        if not isinstance(row, dict) or not {"input_ids", "labels"} <= row.keys():
            raise SftopsError(f"{path}: row {number} has no input_ids and labels; run the prepare stage again")
        labels = list(row["input_ids"]) if train_on_prompt else row["labels"]
        examples.append(TokenizedExample(row["input_ids"], labels))
    return examples


def pad_batch(examples: list[TokenizedExample], pad_id: int) -> dict[str, Any]:
    """Right-pad to the longest example; padding is masked out of attention and loss."""
    import torch

    width = max(len(e.input_ids) for e in examples)
    input_ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    labels = torch.full((len(examples), width), IGNORE_INDEX, dtype=torch.long)
    attention = torch.zeros((len(examples), width), dtype=torch.long)
    for row, e in enumerate(examples):
        n = len(e.input_ids)
        input_ids[row, :n] = torch.tensor(e.input_ids)
        labels[row, :n] = torch.tensor(e.labels)
        attention[row, :n] = 1
    return {"input_ids": input_ids, "labels": labels, "attention_mask": attention}


def train_items(
    rows: list[TokenizedExample], pad_id: int, pack: bool, max_seq_len: int, model_config: Any
) -> tuple[list[Any], Callable[[list[Any]], dict[str, Any]], list[int]]:
    """What the train loader batches, its collate function and each item's length: the examples padded, or
    (``pack``) packs of up to ``max_seq_len`` tokens, each example attending only to itself (with the attention
    implementation of ``model_config``, checked here)."""
    if not pack:
        return rows, partial(pad_batch, pad_id=pad_id), [len(e.input_ids) for e in rows]
    attn = packing.require_backend(model_config._attn_implementation)
    lengths = [len(e.input_ids) for e in rows]
    bins = packing.best_fit_decreasing(lengths, max_seq_len)
    log.info(
        "packed %d examples into %d rows of %d tokens (%s attention, non-pad share %.3f)",
        len(rows),
        len(bins),
        max_seq_len,
        attn,
        packing.packing_efficiency(bins, lengths, max_seq_len),
    )
    collate = partial(packing.collate_packed, pad_id=pad_id, attn_implementation=attn)
    return [[rows[i] for i in b] for b in bins], collate, [sum(lengths[i] for i in b) for b in bins]


def real_tokens(batch: dict[str, Any]) -> int:
    """Example (non-pad) tokens in a padded or a packed batch."""
    return int(batch["real_tokens"]) if "real_tokens" in batch else int(batch["attention_mask"].sum())


def padded_tokens(batch: dict[str, Any]) -> int:
    return int(batch["padded_tokens"]) if "padded_tokens" in batch else batch["attention_mask"].numel()


class LengthGroupedBatches:
    """Batches of similar length, in a seeded random order that changes every epoch (HF's group_by_length).

    Examples are shuffled, cut into mega-batches of ``batch_size * mega`` examples, each sorted by length and
    cut into batches; the batches are then shuffled. Padding drops to a few percent, which is most of the
    speed of packing without its cross-example attention concerns.
    """

    def __init__(self, lengths: list[int], batch_size: int, seed: int, mega: int = 50) -> None:
        self.lengths, self.batch_size, self.seed, self.mega = lengths, batch_size, seed, mega
        self.epoch = 0

    def __len__(self) -> int:
        return math.ceil(len(self.lengths) / self.batch_size)

    def __iter__(self) -> Iterator[list[int]]:
        rng = random.Random(f"{self.seed}:{self.epoch}")
        self.epoch += 1
        order = list(range(len(self.lengths)))
        rng.shuffle(order)
        span = self.batch_size * self.mega
        batches = []
        for start in range(0, len(order), span):
            chunk = sorted(order[start : start + span], key=lambda i: -self.lengths[i])
            batches += [chunk[i : i + self.batch_size] for i in range(0, len(chunk), self.batch_size)]
        rng.shuffle(batches)
        return iter(batches)


def windows(batches: Any, size: int) -> Iterator[list[dict[str, Any]]]:
    """Group micro-batches into gradient-accumulation windows (the last one may be shorter)."""
    window: list[dict[str, Any]] = []
    for batch in batches:
        window.append(batch)
        if len(window) == size:
            yield window
            window = []
    if window:
        yield window
