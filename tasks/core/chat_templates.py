"""Chat templates sftops can put on a tokenizer (``model.chat_template`` in params.yaml).

The base_model stage saves the chosen template with the tokenizer in models/base, so prepare (rendering and
the loss mask), train, evaluate (lm-eval's ``apply_chat_template``) and the registered model all format
conversations the same way.

- ``auto``: the tokenizer's own template; ChatML when it has none (typical of base, non-instruct models).
- ``chatml``: ChatML whatever the tokenizer ships.
- ``alpaca``: the classic "### Instruction: … ### Response: …" format of Stanford Alpaca, for base models and
  for reproducing Alpaca-era recipes. A system message, when present, is the preamble line.
"""

from __future__ import annotations

from typing import Any, Literal

ChatTemplateChoice = Literal["auto", "chatml", "alpaca"]

CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)

# Every reply ends with the EOS token so the model learns to stop; the prefix rendered with the generation
# prompt ends with "### Response:\n", so the header is never trained.
ALPACA_TEMPLATE = (
    "{% for message in messages %}"
    "{% if message['role'] == 'system' %}{{ message['content'] + '\\n\\n' }}"
    "{% elif message['role'] == 'user' %}{{ '### Instruction:\\n' + message['content'] + '\\n\\n' }}"
    "{% elif message['role'] == 'assistant' %}{{ '### Response:\\n' + message['content'] + eos_token + '\\n\\n' }}"
    "{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '### Response:\\n' }}{% endif %}"
)


def apply_template_choice(tokenizer: Any, choice: ChatTemplateChoice) -> str:
    """Set the tokenizer's chat template for ``choice``; return which template it now has."""
    if choice == "alpaca":
        tokenizer.chat_template = ALPACA_TEMPLATE
        return "alpaca"
    if choice == "chatml" or not getattr(tokenizer, "chat_template", None):
        tokenizer.chat_template = CHATML_TEMPLATE
        return "chatml"
    return "tokenizer"
