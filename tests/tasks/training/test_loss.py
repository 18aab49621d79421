"""loss (tasks/training/loss.py): the token loss over trained positions."""

from __future__ import annotations

from tasks.core.schema import IGNORE_INDEX
from tasks.training.batching import TokenizedExample, pad_batch


def test_loss_on_trained_positions_equals_the_full_logits_reference(tiny_model_dir) -> None:  # noqa: ANN001
    import torch
    import torch.nn.functional as F
    from transformers import AutoModelForCausalLM

    from tasks.training.loss import token_loss_sum

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
