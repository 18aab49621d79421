"""Packing: several examples per row of ``capacity`` tokens, with no attention and no loss across examples.

Rows are filled by best-fit-decreasing (``best_fit_decreasing``); ``collate_packed`` turns a batch of packs into
tensors whose attention arguments keep every example alone, whatever the attention backend:

- position ids restart at 0 for every example, so rotary embeddings see what they would see unpacked;
- ``sdpa`` / ``eager``: a 4-D mask ``[B, 1, L, L]`` that is causal AND block-diagonal (boolean, True = may attend,
  for sdpa; additive float, 0 / ``finfo.min``, for eager, which adds the mask to the scores: a boolean there would
  be added as 0/1 and mask nothing). transformers returns a user-supplied 4-D mask unchanged
  (``masking_utils._preprocess_mask_arguments``). Position ids alone are NOT enough here (DESIGN.md): transformers
  only derives a packed mask from them when no 2-D attention mask and no cache are passed, and ``use_cache``
  defaults to True even in train mode, which creates a cache and skips that detection, so the examples of a pack
  silently attend to each other;
- ``flash_attention_2`` / ``flash_attention_3``: no mask (a 2-D mask would route flash through un-padding, and a
  4-D one is not what flash takes) but ``position_ids`` plus ``cu_seq_lens_q/k`` and ``max_length_q/k``, which
  ``modeling_flash_attention_utils._flash_attention_forward`` hands to ``flash_attn_varlen_func`` over the whole
  flattened batch. transformers infers packing from position ids only for a batch of ONE row
  (``_is_packed_sequence``), so with several rows the explicit ``cu_seq_lens`` are what keeps examples apart. The
  padding at the end of a row is a segment of its own there (and in the 4-D masks): it attends only to padding,
  never produces NaN, and carries no loss.

Loss: the model shifts labels (position t predicts label t + 1), so the last token of example A would predict the
first token of example B. ``collate_packed`` sets the label of every example's first token to -100. Unpacked, that
first token is never a target either (nothing precedes it), so the token-sum loss of a pack equals the sum of its
examples' unpacked losses.

Everything here is pure (no I/O, no model); ``require_backend`` is the one check of the machine (CUDA, flash
packages) and is meant to run once at setup.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import Any, Protocol

from tasks.core.errors import SftopsError
from tasks.core.schema import IGNORE_INDEX

MASK_BACKENDS = ("sdpa", "eager")
VARLEN_BACKENDS = ("flash_attention_2", "flash_attention_3")
SUPPORTED_BACKENDS = MASK_BACKENDS + VARLEN_BACKENDS
# attn_implementation -> (import name, pip distribution) of the kernel transformers calls for it
FLASH_PACKAGES = {
    "flash_attention_2": ("flash_attn", "flash-attn"),
    "flash_attention_3": ("flash_attn_interface", "flash-attn-3 (FlashAttention hopper build)"),
}
# keys of a collated batch that are not model inputs
BATCH_INFO_KEYS = ("labels", "segment_ids", "real_tokens", "padded_tokens", "attn_implementation")


class Example(Protocol):
    input_ids: Sequence[int]
    labels: Sequence[int]


# ---------------------------------------------------------------- bin packing


def best_fit_decreasing(lengths: Sequence[int], capacity: int) -> list[list[int]]:
    """Pack example indices into as few bins of ``capacity`` tokens as best-fit-decreasing finds.

    Examples are taken longest first (ties: lower index first); each goes into the open bin with the least room
    that still fits it (ties: the older bin), or opens a new bin. Open bins are kept as a sorted list of
    (room, bin number), so finding the best fit is a bisect. Because examples come longest first, a bin whose
    room is smaller than the shortest example can never take another one and leaves the list, which keeps it
    short. Deterministic: the same lengths give the same bins, listed in the order they were opened, each
    holding its indices in the order they went in.

    Raises SftopsError when capacity < 1 or an example is empty or longer than capacity.
    """
    if capacity < 1:
        raise SftopsError(f"packing capacity must be at least 1 token, got {capacity}")
    for i, n in enumerate(lengths):
        if not 1 <= n <= capacity:
            problem = "is empty" if n < 1 else f"has {n} tokens, more than the packing capacity {capacity}"
            raise SftopsError(
                f"example {i} {problem}; prepare should have dropped or truncated it "
                f"(set the packing length to at least the prepared max length)"
            )
    if not lengths:
        return []
    shortest = min(lengths)
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])  # sorted() is stable: ties keep index order
    bins: list[list[int]] = []
    open_bins: list[tuple[int, int]] = []  # (room left, bin number), ascending
    for i in order:
        n = lengths[i]
        k = bisect.bisect_left(open_bins, (n, -1))
        if k < len(open_bins):
            room, b = open_bins.pop(k)
        else:
            room, b = capacity, len(bins)
            bins.append([])
        bins[b].append(i)
        room -= n
        if room >= shortest:
            bisect.insort(open_bins, (room, b))
    return bins


def pack_examples(examples: Sequence[Any], capacity: int) -> list[list[Any]]:
    """The examples grouped into packs by ``best_fit_decreasing`` on their token counts."""
    bins = best_fit_decreasing([len(_field(e, "input_ids")) for e in examples], capacity)
    return [[examples[i] for i in b] for b in bins]


def packing_efficiency(bins: Sequence[Sequence[int]], lengths: Sequence[int], capacity: int) -> float:
    """Share of the packed rows that is real tokens: sum of lengths / (number of bins x capacity).

    This is the non-pad share when every row is padded to ``capacity`` (``collate_packed(pad_to=capacity)``);
    padding only to the longest pack of each batch wastes less. 1.0 for no bins.
    """
    if not bins:
        return 1.0
    return sum(lengths[i] for b in bins for i in b) / (len(bins) * capacity)


# ---------------------------------------------------------------- attention backends


def check_backend(attn_implementation: str | None) -> str:
    """The attention implementation's name if packing supports it; SftopsError naming the supported ones if not."""
    if attn_implementation not in SUPPORTED_BACKENDS:
        raise SftopsError(
            f"packing does not support attn_implementation={attn_implementation!r}: it needs one that can keep "
            f"packed examples apart, one of {', '.join(SUPPORTED_BACKENDS)} "
            f"({' / '.join(MASK_BACKENDS)}: block-diagonal 4-D mask; {' / '.join(VARLEN_BACKENDS)}: varlen "
            f"cu_seq_lens); load the model with one of them or turn packing off"
        )
    return attn_implementation


def require_backend(attn_implementation: str | None) -> str:
    """``check_backend``, and for flash attention also that this machine can run it (CUDA and the kernel package).

    Call once at setup; the SftopsError names everything that is missing.
    """
    name = check_backend(attn_implementation)
    if name in VARLEN_BACKENDS:
        missing = _missing_for_flash(name)
        if missing:
            raise SftopsError(
                f"attn_implementation={name!r} needs {' and '.join(missing)}; on this machine use 'sdpa' "
                f"(packing then uses a block-diagonal mask)"
            )
    return name


@functools.cache
def _missing_for_flash(name: str) -> tuple[str, ...]:
    import torch

    module, distribution = FLASH_PACKAGES[name]
    missing = []
    if not torch.cuda.is_available():
        missing.append("a CUDA GPU (torch.cuda.is_available() is False)")
    if importlib.util.find_spec(module) is None:
        missing.append(f"the {distribution} package (module {module!r} is not installed)")
    return tuple(missing)


# ---------------------------------------------------------------- collate


def collate_packed(
    packs: Sequence[Sequence[Example | Mapping[str, Sequence[int]]]],
    *,
    pad_id: int,
    attn_implementation: str,
    pad_to: int | None = None,
    mask_dtype: Any = None,
) -> dict[str, Any]:
    """Tensors for a batch of packs (each a list of examples with ``input_ids`` and ``labels``).

    Rows are the packs laid end to end, right-padded to the longest pack (or to ``pad_to``, e.g. the capacity,
    for fixed shapes). Returns:

    - ``input_ids`` [B, L]; ``labels`` [B, L]: -100 on padding and on every example's first token (see the module
      docstring); ``position_ids`` [B, L]: 0, 1, ... per example (and per row tail of padding);
    - sdpa: ``attention_mask`` [B, 1, L, L] bool, True where a query may attend a key (same example, not later);
      eager: the same as an additive float mask (0 / finfo.min) of ``mask_dtype`` (default float32; the model's
      dtype halves its size for bf16 weights). Sizes: B x L x L bytes (bool) or 4 B x L x L (float32), e.g. 32 MiB
      and 128 MiB for 8 rows of 2,048 tokens;
    - flash_attention_2/3: ``cu_seq_lens_q`` = ``cu_seq_lens_k`` (int32 [segments + 1], offsets of every example
      and every padding tail in the flattened B x L tokens) and ``max_length_q`` = ``max_length_k`` (int);
    - ``segment_ids`` [B, L]: which example of its row each token belongs to (the row's padding: one more), from
      which ``block_causal_mask`` rebuilds the mask, e.g. on the GPU instead of copying a B x L x L mask there;
    - ``real_tokens`` (int, example tokens) and ``padded_tokens`` (int, B x L) for the non-pad share, and
      ``attn_implementation`` (the backend the batch was built for).

    Pass ``model_inputs(batch)`` to the model (it leaves out labels and counts and adds ``use_cache=False``).
    """
    import torch

    backend = check_backend(attn_implementation)
    if not packs:
        raise SftopsError("collate_packed: no packs to collate")
    rows = [[(list(_field(e, "input_ids")), list(_field(e, "labels"))) for e in pack] for pack in packs]
    for r, row in enumerate(rows):
        if not row:
            raise SftopsError(f"collate_packed: pack {r} is empty")
        for k, (ids, labels) in enumerate(row):
            if not ids or len(ids) != len(labels):
                raise SftopsError(
                    f"collate_packed: example {k} of pack {r} has {len(ids)} input ids and {len(labels)} labels; "
                    f"both must be the same non-zero length"
                )
    used = [sum(len(ids) for ids, _ in row) for row in rows]
    width = max(used)
    if pad_to is not None:
        if pad_to < width:
            raise SftopsError(f"collate_packed: a pack has {width} tokens, more than pad_to={pad_to}")
        width = pad_to

    flat_ids: list[int] = []
    flat_labels: list[int] = []
    flat_positions: list[int] = []
    flat_segments: list[int] = []
    segment_lengths: list[int] = []  # every example, then the row's padding tail, row after row
    for row, n_used in zip(rows, used, strict=True):
        for k, (ids, labels) in enumerate(row):
            flat_ids += ids
            flat_labels += [IGNORE_INDEX, *labels[1:]]  # the previous example's last token must not predict this one
            flat_positions += range(len(ids))
            flat_segments += [k] * len(ids)
            segment_lengths.append(len(ids))
        tail = width - n_used
        if tail:
            flat_ids += [pad_id] * tail
            flat_labels += [IGNORE_INDEX] * tail
            flat_positions += range(tail)
            flat_segments += [len(row)] * tail
            segment_lengths.append(tail)

    shape = (len(rows), width)
    segment_ids = torch.tensor(flat_segments, dtype=torch.long).view(shape)
    batch: dict[str, Any] = {
        "input_ids": torch.tensor(flat_ids, dtype=torch.long).view(shape),
        "labels": torch.tensor(flat_labels, dtype=torch.long).view(shape),
        "position_ids": torch.tensor(flat_positions, dtype=torch.long).view(shape),
        "segment_ids": segment_ids,
        "real_tokens": sum(used),
        "padded_tokens": shape[0] * shape[1],
        "attn_implementation": backend,
    }
    if backend in MASK_BACKENDS:
        allowed = block_causal_mask(segment_ids)
        batch["attention_mask"] = allowed if backend == "sdpa" else additive_mask(allowed, mask_dtype)
    else:
        cu_seq_lens = torch.tensor([0, *accumulate(segment_lengths)], dtype=torch.int32)
        longest = max(segment_lengths)
        batch.update(cu_seq_lens_q=cu_seq_lens, cu_seq_lens_k=cu_seq_lens, max_length_q=longest, max_length_k=longest)
    return batch


def block_causal_mask(segment_ids: Any) -> Any:
    """[B, 1, L, L] bool from per-token segment ids [B, L]: query i may attend key j iff j <= i, same segment."""
    import torch

    width = segment_ids.shape[1]
    same = segment_ids[:, :, None] == segment_ids[:, None, :]
    causal = torch.ones(width, width, dtype=torch.bool, device=segment_ids.device).tril()
    return (same & causal).unsqueeze(1)


def additive_mask(allowed: Any, dtype: Any = None) -> Any:
    """A boolean mask as eager attention takes it: 0 where allowed, the dtype's most negative value elsewhere."""
    import torch

    dtype = dtype or torch.float32
    return torch.zeros(allowed.shape, dtype=dtype, device=allowed.device).masked_fill(~allowed, torch.finfo(dtype).min)


def model_inputs(batch: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments for ``model(...)`` from a ``collate_packed`` batch (labels and counts left out).

    ``use_cache=False``: a training forward needs no KV cache. For a flash batch this also runs
    ``require_backend`` (cached), so a machine without CUDA or the flash package gets a clear error, not a
    failure deep inside transformers. An unpacked ``train.pad_batch`` batch works too (input_ids, attention_mask).
    """
    if batch.get("attn_implementation") in VARLEN_BACKENDS:
        require_backend(batch["attn_implementation"])
    return {k: v for k, v in batch.items() if k not in BATCH_INFO_KEYS} | {"use_cache": False}


def _field(example: Any, name: str) -> Sequence[int]:
    return example[name] if isinstance(example, Mapping) else getattr(example, name)
