"""packing: best-fit-decreasing bins, and packed batches that neither attend nor train across examples."""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.core.errors import SftopsError
from tasks.core.schema import IGNORE_INDEX
from tasks.training.packing import (
    BATCH_INFO_KEYS,
    SUPPORTED_BACKENDS,
    best_fit_decreasing,
    collate_packed,
    model_inputs,
    pack_examples,
    packing_efficiency,
    require_backend,
)

# ---------------------------------------------------------------- best-fit-decreasing


def reference_bfd(lengths: list[int], capacity: int) -> list[list[int]]:
    """The textbook algorithm, quadratic: scan every bin for the tightest fit (ties: the older bin)."""
    bins: list[list[int]] = []
    room: list[int] = []
    for i in sorted(range(len(lengths)), key=lambda i: (-lengths[i], i)):
        fits = [b for b in range(len(bins)) if room[b] >= lengths[i]]
        if fits:
            b = min(fits, key=lambda b: (room[b], b))
        else:
            b = len(bins)
            bins.append([])
            room.append(capacity)
        bins[b].append(i)
        room[b] -= lengths[i]
    return bins


def realistic_lengths(n: int, longest: int, seed: int = 0) -> list[int]:
    """Token counts shaped like chat-templated alpaca rows (DESIGN.md: mean ≈ 154): log-normal (mean ≈ 145, with a
    tail past 1,000), at least 16 and cut at ``longest`` as prepare's max length would."""
    rng = random.Random(seed)
    return [min(longest, max(16, round(rng.lognormvariate(4.8, 0.6)))) for _ in range(n)]


def check_bins(bins: list[list[int]], lengths: list[int], capacity: int) -> None:
    placed = sorted(i for b in bins for i in b)
    assert placed == list(range(len(lengths))), "every example must be in exactly one bin"
    loads = [sum(lengths[i] for i in b) for b in bins]
    assert all(0 < load <= capacity for load in loads), f"a bin is empty or over capacity {capacity}: {loads}"
    # any-fit property: the example that opened a later bin did not fit in any earlier one
    ordered = sorted(loads)
    assert len(ordered) < 2 or ordered[0] + ordered[1] > capacity, f"two bins could have been one: {ordered[:2]}"


def test_bfd_puts_each_example_in_the_tightest_bin() -> None:
    # given lengths whose best fit differs from first fit, when packed into 10-token bins
    bins = best_fit_decreasing([6, 5, 4, 3, 2], capacity=10)
    # then 6 opens bin 0 (room 4), 5 opens bin 1 (room 5), 4 fills bin 0, 3 and 2 fill bin 1 exactly
    assert bins == [[0, 2], [1, 3, 4]], bins
    assert packing_efficiency(bins, [6, 5, 4, 3, 2], 10) == 1.0


@settings(max_examples=200, deadline=None)
@given(
    capacity=st.integers(min_value=1, max_value=64),
    fractions=st.lists(st.floats(min_value=0.0, max_value=1.0), max_size=60),
)
def test_bfd_invariants_hold_for_any_lengths(capacity: int, fractions: list[float]) -> None:
    lengths = [max(1, round(f * capacity)) for f in fractions]
    bins = best_fit_decreasing(lengths, capacity)
    check_bins(bins, lengths, capacity)
    assert bins == reference_bfd(lengths, capacity), "must make the same choices as the textbook algorithm"
    assert best_fit_decreasing(list(lengths), capacity) == bins, "must be deterministic"


def test_bfd_rejects_examples_it_cannot_place() -> None:
    with pytest.raises(SftopsError, match="example 1 has 11 tokens, more than the packing capacity 10"):
        best_fit_decreasing([3, 11], capacity=10)
    with pytest.raises(SftopsError, match="example 0 is empty"):
        best_fit_decreasing([0, 3], capacity=10)
    assert best_fit_decreasing([], capacity=10) == []


@pytest.mark.parametrize("capacity", [512, 2048])
def test_bfd_packs_50k_realistic_examples_fast_and_tightly(capacity: int) -> None:
    lengths = realistic_lengths(50_000, longest=capacity)
    started = time.perf_counter()
    bins = best_fit_decreasing(lengths, capacity)
    seconds = time.perf_counter() - started
    check_bins(bins, lengths, capacity)
    efficiency = packing_efficiency(bins, lengths, capacity)
    lower_bound = -(-sum(lengths) // capacity)
    assert efficiency >= 0.99, f"non-pad share {efficiency:.4f} over {len(bins)} bins (at least {lower_bound} needed)"
    assert seconds < 1.0, f"packing 50,000 examples took {seconds:.2f} s"


# ---------------------------------------------------------------- collate: layout per backend


def ex(ids: list[int], labels: list[int] | None = None) -> dict[str, list[int]]:
    return {"input_ids": ids, "labels": list(ids) if labels is None else labels}


def test_collate_restarts_positions_masks_first_labels_and_blocks_attention_across_examples() -> None:
    packs = [[ex([1, 2, 3]), ex([4, 5])], [ex([6, 7], [IGNORE_INDEX, 7])]]
    batch = collate_packed(packs, pad_id=0, attn_implementation="sdpa")
    assert batch["input_ids"].tolist() == [[1, 2, 3, 4, 5], [6, 7, 0, 0, 0]]
    assert batch["position_ids"].tolist() == [[0, 1, 2, 0, 1], [0, 1, 0, 1, 2]], "0-based per example and pad tail"
    assert batch["labels"].tolist() == [[-100, 2, 3, -100, 5], [-100, 7, -100, -100, -100]], (
        "the first token of each example and the padding carry no loss"
    )
    assert batch["segment_ids"].tolist() == [[0, 0, 0, 1, 1], [0, 0, 1, 1, 1]]
    assert (batch["real_tokens"], batch["padded_tokens"]) == (7, 10)
    assert sorted(model_inputs(batch)) == ["attention_mask", "input_ids", "position_ids", "use_cache"]
    unpacked = {"input_ids": 1, "labels": 2, "attention_mask": 3}  # what train.pad_batch returns
    assert model_inputs(unpacked) == {"input_ids": 1, "attention_mask": 3, "use_cache": False}
    mask = batch["attention_mask"]
    assert mask.dtype.is_floating_point is False and tuple(mask.shape) == (2, 1, 5, 5)
    assert mask[0, 0].int().tolist() == [
        [1, 0, 0, 0, 0],
        [1, 1, 0, 0, 0],
        [1, 1, 1, 0, 0],
        [0, 0, 0, 1, 0],  # the second example starts afresh: it cannot see the first
        [0, 0, 0, 1, 1],
    ]
    assert mask[1, 0, 2:, 2:].int().tolist() == [[1, 0, 0], [1, 1, 0], [1, 1, 1]], "padding attends only to padding"
    assert mask[1, 0, 2:, :2].sum() == 0 and mask[1, 0, :2, 2:].sum() == 0


def test_eager_gets_the_same_mask_as_additive_floats_and_pad_to_fixes_the_width() -> None:
    import torch

    packs = [[ex([1, 2]), ex([3])]]
    sdpa = collate_packed(packs, pad_id=0, attn_implementation="sdpa", pad_to=4)
    eager = collate_packed(packs, pad_id=0, attn_implementation="eager", pad_to=4)
    assert eager["input_ids"].shape == (1, 4) and eager["attention_mask"].dtype == torch.float32
    assert torch.equal(eager["attention_mask"] == 0, sdpa["attention_mask"]), "0 exactly where sdpa allows"
    assert eager["attention_mask"].min() == torch.finfo(torch.float32).min
    with pytest.raises(SftopsError, match="more than pad_to=2"):
        collate_packed(packs, pad_id=0, attn_implementation="sdpa", pad_to=2)


def test_an_unsupported_attention_implementation_is_named_with_the_supported_ones() -> None:
    with pytest.raises(SftopsError, match="flex_attention.*sdpa, eager, flash_attention_2, flash_attention_3"):
        collate_packed([[ex([1])]], pad_id=0, attn_implementation="flex_attention")
    with pytest.raises(SftopsError, match="None"):
        require_backend(None)


def test_flash_batches_carry_varlen_offsets_instead_of_a_mask() -> None:
    from transformers.modeling_flash_attention_utils import prepare_fa_kwargs_from_position_ids

    packs = [[ex([1, 2, 3]), ex([4, 5])], [ex([6, 7])]]
    batch = collate_packed(packs, pad_id=0, attn_implementation="flash_attention_2")
    assert "attention_mask" not in batch, "flash takes no mask: a 2-D one would make it un-pad instead"
    assert batch["position_ids"].tolist() == [[0, 1, 2, 0, 1], [0, 1, 0, 1, 2]]
    # segments over the flattened 2 x 5 tokens: 3, 2 | 2, padding 3
    assert batch["cu_seq_lens_q"].tolist() == batch["cu_seq_lens_k"].tolist() == [0, 3, 5, 7, 10]
    assert str(batch["cu_seq_lens_q"].dtype) == "torch.int32", "flash_attn_varlen_func takes int32 offsets"
    assert batch["max_length_q"] == batch["max_length_k"] == 3 and isinstance(batch["max_length_q"], int)
    (cu_q, _), (max_q, _) = prepare_fa_kwargs_from_position_ids(batch["position_ids"])
    assert cu_q.tolist() == batch["cu_seq_lens_q"].tolist() and int(max_q) == 3, (
        "transformers' own reading of these position ids must give the same segments"
    )


def test_the_flash_path_without_cuda_or_flash_attn_fails_naming_what_is_missing() -> None:
    import importlib.util

    import torch

    if torch.cuda.is_available() and importlib.util.find_spec("flash_attn") is not None:
        pytest.skip("CUDA and flash_attn are both here")
    batch = collate_packed([[ex([1, 2]), ex([3])]], pad_id=0, attn_implementation="flash_attention_2")
    expected = "CUDA GPU" if not torch.cuda.is_available() else "flash-attn package"
    with pytest.raises(SftopsError, match=f"attn_implementation='flash_attention_2' needs .*{expected}"):
        model_inputs(batch)
    with pytest.raises(SftopsError, match="flash-attn-3"):
        require_backend("flash_attention_3")


# ---------------------------------------------------------------- the model: no leak, same loss

PACK_LENGTHS = [23, 7, 15, 31, 12]  # into 48-token rows: [31, 15] and [23, 12, 7], 4 tokens of padding
CAPACITY = 48


@pytest.fixture(scope="module")
def examples(tiny_model_dir: Path) -> list[dict[str, list[int]]]:
    """Random token ids; a prompt of 3 untrained tokens, except example 1 which trains every token."""
    import torch

    generator = torch.Generator().manual_seed(0)
    out = []
    for k, n in enumerate(PACK_LENGTHS):
        ids = torch.randint(10, 1000, (n,), generator=generator).tolist()
        labels = list(ids) if k == 1 else [IGNORE_INDEX] * 3 + ids[3:]
        out.append(ex(ids, labels))
    return out


@pytest.fixture(scope="module", params=["sdpa", "eager"])
def model(request: pytest.FixtureRequest, tiny_model_dir: Path) -> Any:
    import torch
    from transformers import AutoModelForCausalLM

    loaded = AutoModelForCausalLM.from_pretrained(
        tiny_model_dir, dtype=torch.float32, attn_implementation=request.param
    ).eval()
    assert loaded.config._attn_implementation == request.param
    return loaded


def alone(model: Any, example: dict[str, list[int]]) -> Any:
    import torch

    with torch.no_grad():
        return model(input_ids=torch.tensor([example["input_ids"]])).logits[0]


def logit_diffs(model: Any, packs: list[list[dict]], logits: Any) -> list[float]:
    """Max |packed - unpacked| logit difference of every example, in pack order."""
    diffs = []
    for row, pack in enumerate(packs):
        start = 0
        for e in pack:
            n = len(e["input_ids"])
            diffs.append(float((logits[row, start : start + n] - alone(model, e)).abs().max()))
            start += n
    return diffs


def test_packs_used_by_the_model_tests_hold_several_examples_per_row(examples: list[dict]) -> None:
    packs = pack_examples(examples, CAPACITY)
    assert [[len(e["input_ids"]) for e in p] for p in packs] == [[31, 15], [23, 12, 7]]


def test_each_packed_example_gets_its_unpacked_logits(model: Any, examples: list[dict]) -> None:
    import torch

    packs = pack_examples(examples, CAPACITY)
    batch = collate_packed(packs, pad_id=0, attn_implementation=model.config._attn_implementation)
    with torch.no_grad():
        logits = model(**model_inputs(batch)).logits
    assert torch.isfinite(logits).all(), "padding rows must not produce NaN or inf"
    diffs = logit_diffs(model, packs, logits)
    assert max(diffs) <= 1e-4, f"{model.config._attn_implementation}: max |packed - alone| per example {diffs}"


def test_without_the_block_mask_position_ids_alone_leak(model: Any, examples: list[dict]) -> None:
    import torch

    packs = pack_examples(examples, CAPACITY)
    batch = collate_packed(packs, pad_id=0, attn_implementation=model.config._attn_implementation)
    used = torch.tensor([sum(len(e["input_ids"]) for e in p) for p in packs])
    padding = torch.arange(batch["input_ids"].shape[1])[None, :] < used[:, None]
    with torch.no_grad():
        # the usual 2-D padding mask (a plain causal mask) with per-example position ids
        with_2d = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], attention_mask=padding)
        # position ids and nothing else, the model's defaults otherwise
        bare = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"])
    for name, out in (("2-D mask", with_2d), ("position ids only", bare)):
        diffs = logit_diffs(model, packs, out.logits)
        first_in_row = [diffs[0], diffs[2]]
        assert max(first_in_row) <= 1e-4, f"{name}: the first example of a row sees nothing before it {diffs}"
        assert min(diffs[1], *diffs[3:]) > 1e-2, f"{name}: later examples must see earlier ones (the leak) {diffs}"


def test_packed_token_loss_equals_the_sum_of_unpacked_losses(model: Any, examples: list[dict]) -> None:
    import torch
    import torch.nn.functional as F

    def token_loss(logits: Any, labels: Any) -> Any:
        return F.cross_entropy(
            logits[..., :-1, :].reshape(-1, logits.shape[-1]), labels[..., 1:].reshape(-1), reduction="sum"
        )

    packs = pack_examples(examples, CAPACITY)
    batch = collate_packed(packs, pad_id=0, attn_implementation=model.config._attn_implementation)
    width = batch["labels"].shape[1]
    # the same rows with the examples' labels as they are: the first label of a later example stays trained
    raw = torch.tensor(
        [(lab := sum((e["labels"] for e in p), [])) + [IGNORE_INDEX] * (width - len(lab)) for p in packs]
    )
    with torch.no_grad():
        logits = model(**model_inputs(batch)).logits
        unpacked = sum(token_loss(alone(model, e), torch.tensor(e["labels"])) for e in examples)
    packed, unmasked = token_loss(logits, batch["labels"]), token_loss(logits, raw)
    assert float(abs(packed - unpacked) / unpacked) <= 1e-4, f"packed {float(packed):.6f} vs {float(unpacked):.6f}"
    trained = int((batch["labels"][:, 1:] != IGNORE_INDEX).sum())
    assert trained == sum(sum(x != IGNORE_INDEX for x in e["labels"][1:]) for e in examples), trained
    assert float(unmasked - unpacked) > 1.0, (
        "without masking first labels, the last token of one example is trained to predict the next example"
    )


# ---------------------------------------------------------------- the flash layout, run on CPU

VARLEN_REFERENCE = "sftops_varlen_reference"


def varlen_reference_attention(
    module: Any,
    query: Any,
    key: Any,
    value: Any,
    attention_mask: Any,
    scaling: float | None = None,
    dropout: float = 0.0,
    cu_seq_lens_q: Any = None,
    max_length_q: int | None = None,
    **kwargs: Any,
) -> tuple[Any, None]:
    """What flash_attn_varlen_func computes, with sdpa per segment: causal attention inside each cu_seq_lens span."""
    import torch
    import torch.nn.functional as F

    assert attention_mask is None, "a flash batch must reach attention without a mask"
    assert cu_seq_lens_q is not None and max_length_q is not None, "cu_seq_lens / max_length must reach attention"
    b, heads, length, dim = query.shape
    q = query.transpose(1, 2).reshape(b * length, heads, dim)
    k = key.transpose(1, 2).reshape(b * length, key.shape[1], dim)
    v = value.transpose(1, 2).reshape(b * length, value.shape[1], dim)
    out = torch.empty_like(q)
    bounds = cu_seq_lens_q.tolist()
    assert bounds[-1] == b * length and max(y - x for x, y in zip(bounds, bounds[1:], strict=False)) == max_length_q
    for start, end in zip(bounds[:-1], bounds[1:], strict=True):
        qs, ks, vs = (t[start:end].transpose(0, 1) for t in (q, k, v))
        ks, vs = (t.repeat_interleave(heads // t.shape[0], dim=0) for t in (ks, vs))
        out[start:end] = F.scaled_dot_product_attention(qs, ks, vs, is_causal=True, scale=scaling).transpose(0, 1)
    return out.view(b, length, heads, dim), None


def test_the_flash_layout_keeps_examples_apart_when_attention_honours_cu_seq_lens(
    tiny_model_dir: Path, examples: list[dict]
) -> None:
    import torch
    from transformers import AttentionInterface, AutoModelForCausalLM
    from transformers.masking_utils import AttentionMaskInterface, flash_attention_mask

    AttentionInterface.register(VARLEN_REFERENCE, varlen_reference_attention)
    AttentionMaskInterface.register(VARLEN_REFERENCE, flash_attention_mask)
    varlen = AutoModelForCausalLM.from_pretrained(
        tiny_model_dir, dtype=torch.float32, attn_implementation=VARLEN_REFERENCE
    ).eval()
    reference = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32).eval()
    packs = pack_examples(examples, CAPACITY)
    batch = collate_packed(packs, pad_id=0, attn_implementation="flash_attention_2")
    inputs = {k: v for k, v in batch.items() if k not in BATCH_INFO_KEYS}
    with torch.no_grad():
        logits = varlen(**inputs, use_cache=False).logits
    diffs = logit_diffs(reference, packs, logits)
    assert max(diffs) <= 1e-4, f"flash layout: max |packed - alone| per example {diffs}"


def test_supported_backends_are_the_documented_ones() -> None:
    assert SUPPORTED_BACKENDS == ("sdpa", "eager", "flash_attention_2", "flash_attention_3")
