"""batching (tasks/training/batching.py): the prepared examples, padded batches, length-grouped order, windows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.errors import SftopsError
from tasks.core.paths import ProjectPaths
from tasks.core.schema import IGNORE_INDEX
from tasks.training.batching import LengthGroupedBatches, TokenizedExample, load_split, pad_batch, windows


def test_length_grouped_batches_cover_every_example_once_per_epoch_and_cut_padding() -> None:
    lengths = [(i * 37) % 150 + 10 for i in range(203)]
    sampler = LengthGroupedBatches(lengths, batch_size=8, seed=3)
    first, second = list(sampler), list(sampler)
    for epoch in (first, second):
        assert sorted(i for batch in epoch for i in batch) == list(range(203)), "each example exactly once"
        assert len(epoch) == len(sampler) == 26, len(epoch)
    assert first != second, "the order must change between epochs"
    assert list(LengthGroupedBatches(lengths, 8, seed=3)) == first, "same seed, same first epoch"
    padded = sum(max(lengths[i] for i in b) * len(b) for b in first)
    assert sum(lengths) / padded > 0.95, f"non-pad share {sum(lengths) / padded:.2f}"


def test_pad_batch_masks_padding_out_of_attention_and_loss() -> None:
    batch = pad_batch([TokenizedExample([5, 6, 7], [-100, 6, 7]), TokenizedExample([8], [8])], pad_id=0)
    assert batch["input_ids"].tolist() == [[5, 6, 7], [8, 0, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 0, 0]]
    assert batch["labels"].tolist() == [[IGNORE_INDEX, 6, 7], [8, IGNORE_INDEX, IGNORE_INDEX]]


def test_windows_group_micro_batches_for_gradient_accumulation() -> None:
    assert [len(w) for w in windows(range(7), 3)] == [3, 3, 1]


def test_a_prepared_row_without_labels_is_named_by_file_and_row(tmp_path: Path) -> None:
    paths = ProjectPaths(tmp_path)
    paths.split_file("train").parent.mkdir(parents=True)
    paths.split_file("train").write_text('{"input_ids": [1, 2], "labels": [-100, 2]}\n{"input_ids": [3]}\n')
    with pytest.raises(SftopsError, match=r"train.jsonl: row 2 has no input_ids and labels; run the prepare stage"):
        load_split(paths, "train")
    paths.split_file("train").write_text('{"input_ids": [1, 2], "labels": [-100, 2]}\n\n{"input_ids": [3\n')
    with pytest.raises(SftopsError, match=r"train.jsonl: line 3 is not JSON \("):
        load_split(paths, "train")
