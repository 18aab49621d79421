"""The loss mask against an independent reference: transformers' own assistant-token mask.

Given templates that mark each reply with ``{% generation %}`` (ChatML as SmolLM2 uses it, a Llama-3-style
template, the "### Instruction/### Response" template) and conversations with one or several assistant turns,
when prepare builds the labels, then exactly the tokens transformers' ``return_assistant_tokens_mask`` marks
are trained (the reply and its end-of-turn token; never system, user or role headers, never padding) —
except a token that merges the header's last character with the reply's first (byte-level BPE joins
"\\n" + "\\n\\n"): it starts in the header, so prepare does not train it, and the test checks that such a token
occurs so the difference is covered. ``train_on_prompt`` is covered in test_methods.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tasks.core.schema import IGNORE_INDEX
from tasks.prepare import build_examples

CHATML = (
    "{% for message in messages %}{% if loop.first and message['role'] != 'system' %}"
    "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}"
    "{% if message['role'] == 'assistant' %}{{ '<|im_start|>assistant\\n' }}"
    "{% generation %}{{ message['content'] + '<|im_end|>' }}{% endgeneration %}{{ '\\n' }}"
    "{% else %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{% endif %}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
LLAMA3 = (
    "{{ '<|begin_of_text|>' }}{% for message in messages %}"
    "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' }}"
    "{% if message['role'] == 'assistant' %}{% generation %}{{ message['content'] | trim + '<|eot_id|>' }}"
    "{% endgeneration %}{% else %}{{ message['content'] | trim + '<|eot_id|>' }}{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}"
)
ALPACA = (
    "{% for message in messages %}{% if message['role'] == 'system' %}{{ message['content'] + '\\n\\n' }}"
    "{% elif message['role'] == 'user' %}{{ '### Instruction:\\n' + message['content'] + '\\n\\n' }}"
    "{% else %}{{ '### Response:\\n' }}{% generation %}{{ message['content'] + eos_token }}{% endgeneration %}"
    "{{ '\\n\\n' }}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '### Response:\\n' }}{% endif %}"
)
CONVERSATIONS = [
    [{"role": "user", "content": "What is 2+2?"}, {"role": "assistant", "content": "4."}],
    [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Name a colour."},
        {"role": "assistant", "content": "Blue, like the sky."},
        {"role": "user", "content": "Another?"},
        {"role": "assistant", "content": "Green.\n\n- leaves\n- grass"},
    ],
    [{"role": "user", "content": "Say hi"}, {"role": "assistant", "content": "\n\nHi there!"}],  # merges in ChatML
    [{"role": "user", "content": "Unicode?"}, {"role": "assistant", "content": "Sí, ünïcödé ✓ works."}],
]


@pytest.fixture(scope="module")
def base_tokenizer(smollm2_tokenizer_dir: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(smollm2_tokenizer_dir)


def hf_assistant_mask(tokenizer: Any, messages: list[dict[str, str]]) -> tuple[list[int], list[int]]:
    out = tokenizer.apply_chat_template(messages, tokenize=True, return_dict=True, return_assistant_tokens_mask=True)
    return list(out["input_ids"]), list(out["assistant_masks"])


@pytest.mark.parametrize("template", [CHATML, LLAMA3, ALPACA], ids=["chatml", "llama3", "alpaca"])
def test_labels_are_exactly_the_assistant_tokens(template: str, base_tokenizer: Any) -> None:
    tokenizer = copy.deepcopy(base_tokenizer)
    tokenizer.chat_template = template
    merged_tokens = 0
    for example, messages in zip(build_examples(CONVERSATIONS, tokenizer), CONVERSATIONS, strict=True):
        ids, mask = hf_assistant_mask(tokenizer, messages)
        assert example.input_ids == ids, "prepare must tokenise the rendered conversation exactly as transformers"
        encoding = tokenizer(example.text, add_special_tokens=False, return_offsets_mapping=True)
        reply_starts = _reply_starts(example.text, messages)
        for i, (label, marked) in enumerate(zip(example.labels, mask, strict=True)):
            start, end = encoding["offset_mapping"][i]
            straddles = any(start < s < end for s in reply_starts)
            if straddles:
                merged_tokens += 1
                assert label == IGNORE_INDEX, f"token {i} {tokenizer.decode([ids[i]])!r} begins in the header"
            elif marked:
                assert label == ids[i], f"assistant token {i} {tokenizer.decode([ids[i]])!r} is not trained"
            else:
                assert label == IGNORE_INDEX, f"non-assistant token {i} {tokenizer.decode([ids[i]])!r} is trained"
    if template == CHATML:
        assert merged_tokens >= 1, "the '\\n\\n' reply must merge with the header's newline, or this case is untested"


def _reply_starts(text: str, messages: list[dict[str, str]]) -> list[int]:
    """Where each assistant reply's content begins in the rendered text, found turn by turn from the start."""
    starts, cursor = [], 0
    for m in messages:
        content = m["content"] if m["content"] in text[cursor:] else m["content"].strip()  # Llama-3 trims
        position = text.index(content, cursor)
        if m["role"] == "assistant":
            starts.append(position)
        cursor = position + len(content)
    return starts
