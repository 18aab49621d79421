"""Chat rendering: skeleton filling equals rendering every prefix with Jinja, on several templates.

Given conversations of varied roles and contents (whitespace at the edges, newlines, markup-like text), when
ChatRenderer renders them, then text and reply spans equal the reference ``assistant_char_spans`` exactly;
templates that trim contents are filled trimmed, and templates that inspect contents are never filled.
The char_to_token mask equals the mask from per-token offsets.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import pytest

from tasks.core.chat_templates import ALPACA_TEMPLATE, CHATML_TEMPLATE, apply_template_choice
from tasks.core.schema import IGNORE_INDEX
from tasks.data.templates import ChatRenderer, assistant_char_spans, encode_masked, mask_labels

# Llama-3's template in its essentials: header tokens, contents trimmed, <|eot_id|> after each turn.
LLAMA3_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim "
    "+ '<|eot_id|>' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}"
)
# A template that looks inside contents (like reasoning templates splitting on </think>): never filled.
INSPECTING_TEMPLATE = (
    "{% for message in messages %}{% if '</think>' in message.content %}"
    "{{ '<|im_start|>' + message.role + '\\n' + message.content.split('</think>')[-1] + '<|im_end|>\\n' }}"
    "{% else %}{{ '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}{% endif %}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
# No end-of-turn marker at all: the reference appends EOS to each reply.
BARE_TEMPLATE = (
    "{% for message in messages %}{{ message['role'] + ': ' + message['content'] + '\\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ 'assistant: ' }}{% endif %}"
)
TEMPLATES = {
    "smollm2": None,
    "chatml": CHATML_TEMPLATE,
    "llama3": LLAMA3_TEMPLATE,
    "alpaca": ALPACA_TEMPLATE,
    "inspecting": INSPECTING_TEMPLATE,
    "bare": BARE_TEMPLATE,
}
PIECES = ["Hello", " world", "\n\nList:\n- a\n- b", "  padded  ", "x", "<think>plan</think>answer", "ünïcödé ✓", "42"]


@pytest.fixture(scope="module")
def base_tokenizer(smollm2_tokenizer_dir: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(smollm2_tokenizer_dir)


def with_template(tokenizer: Any, template: str | None) -> Any:
    tokenizer = copy.deepcopy(tokenizer)
    if template is not None:
        tokenizer.chat_template = template
    return tokenizer


def conversations(n: int, seed: int = 0) -> list[list[dict[str, str]]]:
    rng = random.Random(seed)
    shapes = [["user", "assistant"], ["system", "user", "assistant"], ["user", "assistant", "user", "assistant"]]
    out = []
    for _ in range(n):
        roles = rng.choice(shapes)
        out.append([{"role": r, "content": "".join(rng.sample(PIECES, rng.randint(1, 3)))} for r in roles])
    return out


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_renderer_equals_reference(name: str, base_tokenizer: Any) -> None:
    tokenizer = with_template(base_tokenizer, TEMPLATES[name])
    convs = conversations(200)
    renderer = ChatRenderer(tokenizer)
    fast = renderer.render_many(convs)
    for i, messages in enumerate(convs):
        assert fast[i] == assistant_char_spans(messages, tokenizer), f"{name}: conversation {i} differs"
    if name == "inspecting":
        assert renderer.filled == 0, "a template that inspects contents must never be filled from a skeleton"
    elif name != "bare":
        assert renderer.filled == len(convs), f"{name}: expected every conversation filled, got {renderer.filled}"


def test_trimming_template_is_filled_trimmed(base_tokenizer: Any) -> None:
    tokenizer = with_template(base_tokenizer, LLAMA3_TEMPLATE)
    messages = [{"role": "user", "content": "  hi  "}, {"role": "assistant", "content": "\n answer \n"}]
    ((text, spans),) = ChatRenderer(tokenizer).render_many([messages])
    assert "\n answer" not in text and "answer<|eot_id|>" in text, text
    assert text[spans[0][0] : spans[0][1]] == "answer<|eot_id|>"


@pytest.mark.parametrize("name", ["smollm2", "llama3", "alpaca"])
def test_char_to_token_mask_equals_offset_mask(name: str, base_tokenizer: Any) -> None:
    tokenizer = with_template(base_tokenizer, TEMPLATES[name])
    rendered = ChatRenderer(tokenizer).render_many(conversations(150, seed=1))
    encoded = encode_masked([t for t, _ in rendered], [s for _, s in rendered], tokenizer, IGNORE_INDEX)
    for (text, spans), (ids, labels) in zip(rendered, encoded, strict=True):
        reference = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        assert ids == reference["input_ids"]
        assert labels == mask_labels(ids, reference["offset_mapping"], spans, IGNORE_INDEX), text
        assert any(label != IGNORE_INDEX for label in labels), f"no trained token in {text!r}"


def test_alpaca_choice_renders_instruction_response(base_tokenizer: Any) -> None:
    tokenizer = copy.deepcopy(base_tokenizer)
    assert apply_template_choice(tokenizer, "alpaca") == "alpaca"
    messages = [{"role": "user", "content": "Name a colour."}, {"role": "assistant", "content": "Blue."}]
    ((text, spans),) = ChatRenderer(tokenizer).render_many([messages])
    assert text == f"### Instruction:\nName a colour.\n\n### Response:\nBlue.{tokenizer.eos_token}\n\n"
    assert text[spans[0][0] : spans[0][1]] == f"Blue.{tokenizer.eos_token}", "header untrained, reply + EOS trained"


def test_auto_choice_keeps_own_template_and_adds_chatml_when_missing(base_tokenizer: Any) -> None:
    own = copy.deepcopy(base_tokenizer)
    assert apply_template_choice(own, "auto") == "tokenizer"
    assert own.chat_template == base_tokenizer.chat_template
    bare = copy.deepcopy(base_tokenizer)
    bare.chat_template = None
    assert apply_template_choice(bare, "auto") == "chatml" and bare.chat_template == CHATML_TEMPLATE
