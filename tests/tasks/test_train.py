"""train: batching, padding and the precision guard (the loop itself runs in the end-to-end test)."""

from __future__ import annotations

import pytest

from tasks.core.errors import SftopsError
from tasks.core.params import TrainParams
from tasks.train import IGNORE_INDEX, LengthGroupedBatches, TokenizedExample, pad_batch, resolve_precision, windows


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


def test_bf16_without_a_gpu_fails_with_a_clear_message() -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("a CUDA GPU is present")
    with pytest.raises(SftopsError, match="train.precision=bf16 needs a CUDA GPU"):
        resolve_precision(TrainParams(precision="bf16"))
    assert resolve_precision(TrainParams(precision="auto")) == "no", "auto must fall back to fp32 on CPU"


def test_loss_on_trained_positions_equals_the_full_logits_reference(tiny_model_dir) -> None:  # noqa: ANN001
    import torch
    import torch.nn.functional as F
    from transformers import AutoModelForCausalLM

    from tasks.train import token_loss_sum

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32)
    examples = [
        TokenizedExample([1, 2, 3, 4, 5, 6], [IGNORE_INDEX] * 3 + [4, 5, 6]),
        TokenizedExample([1, 2, 3, 4], [IGNORE_INDEX, IGNORE_INDEX, 3, 4]),
    ]
    batch = pad_batch(examples, pad_id=0)
    loss, count = token_loss_sum(model, batch)
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    reference = F.cross_entropy(
        logits[:, :-1].reshape(-1, logits.size(-1)), batch["labels"][:, 1:].reshape(-1), reduction="sum"
    )
    assert count == 5, count
    assert torch.allclose(loss, reference, atol=1e-4), f"{loss.item()} != {reference.item()}"
