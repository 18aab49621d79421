"""The MLflow pyfunc wrapper of a fine-tuned assistant: a LoRA adapter on its base model.

``mlflow.pyfunc.load_model("models:/<name>@challenger").predict(["How do I boil an egg?"])`` returns the
replies. The adapter travels as an artifact of the logged model; the base model is referenced by the path it
was materialised to (``base_model_path`` in the model config, with its DVC hash beside it), so registering a
version does not copy hundreds of megabytes per run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mlflow.pyfunc


def is_peft_adapter(directory: Path) -> bool:
    """True for a PEFT adapter directory (LoRA, QLoRA); False for a whole model (full fine-tuning)."""
    return (directory / "adapter_config.json").is_file()


class SftAssistant(mlflow.pyfunc.PythonModel):
    def load_context(self, context: Any) -> None:
        import torch
        from peft import PeftModel
        from transformers import AutoModelForCausalLM, AutoTokenizer

        base_path = context.model_config["base_model_path"]
        adapter = context.artifacts["adapter"]
        self.tokenizer = AutoTokenizer.from_pretrained(adapter)
        if is_peft_adapter(Path(adapter)):
            base = AutoModelForCausalLM.from_pretrained(base_path, use_safetensors=True, dtype=torch.float32)
            self.model = PeftModel.from_pretrained(base, adapter).eval()
        else:  # full fine-tuning: the artifact is the whole model
            self.model = AutoModelForCausalLM.from_pretrained(adapter, use_safetensors=True, dtype=torch.float32).eval()
        self.max_new_tokens = int(context.model_config.get("max_new_tokens", 128))

    def predict(self, context, model_input, params=None):  # noqa: ANN001 - MLflow reads these type hints
        import torch

        prompts = _as_prompts(model_input)
        max_new = int((params or {}).get("max_new_tokens", self.max_new_tokens))
        replies = []
        for prompt in prompts:
            ids = self.tokenizer.apply_chat_template(
                [{"role": "user", "content": prompt}],
                add_generation_prompt=True,
                return_tensors="pt",
                return_dict=True,
            )
            with torch.no_grad():
                out = self.model.generate(
                    **ids, max_new_tokens=max_new, do_sample=False, pad_token_id=self.tokenizer.pad_token_id
                )
            replies.append(self.tokenizer.decode(out[0, ids["input_ids"].shape[1] :], skip_special_tokens=True))
        return replies


def _as_prompts(model_input: Any) -> list[str]:
    if hasattr(model_input, "columns"):
        column = "prompt" if "prompt" in model_input.columns else model_input.columns[0]
        return [str(v) for v in model_input[column].tolist()]
    if isinstance(model_input, str):
        return [model_input]
    return [str(v) for v in model_input]
