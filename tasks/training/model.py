"""The model to train: precision and method checks (fail fast, before any worker starts), the base loaded for
the method, and its LoRA adapters."""

from __future__ import annotations

from typing import Any

from tasks.core.errors import SftopsError
from tasks.core.params import TrainParams
from tasks.core.paths import ProjectPaths


def resolve_precision(train: TrainParams) -> str:
    """accelerate's mixed_precision: bf16 where the GPU has it, fp32 ('no') on CPU."""
    import torch

    bf16_ok = torch.cuda.is_available() and torch.cuda.is_bf16_supported()
    if train.precision == "bf16" and not bf16_ok:
        raise SftopsError("train.precision=bf16 needs a CUDA GPU with bf16 support; use 'auto' or 'fp32' here")
    if train.precision == "auto":
        return "bf16" if bf16_ok else "no"
    return "bf16" if train.precision == "bf16" else "no"


def check_method_supported(train: TrainParams) -> None:
    """Fail fast, before launching workers, when the method or precision needs hardware or packages missing here."""
    import importlib.util

    import torch

    if train.method == "qlora":
        if not torch.cuda.is_available():
            raise SftopsError(
                "train.method=qlora loads the base model in 4 bits with bitsandbytes, which needs a CUDA GPU; "
                "none is visible here (torch.cuda.is_available() is False). Use train.method=lora on CPU."
            )
        if importlib.util.find_spec("bitsandbytes") is None:
            raise SftopsError("train.method=qlora needs bitsandbytes: pip install bitsandbytes")
    resolve_precision(train)


def build_model(paths: ProjectPaths, train: TrainParams, trust_remote_code: bool, device_index: int = 0) -> Any:
    """The model to train: the base with LoRA adapters (lora), on a 4-bit base (qlora), or all of it (full)."""
    import torch
    from transformers import AutoModelForCausalLM

    kwargs: dict[str, Any] = {"use_safetensors": True, "trust_remote_code": trust_remote_code, "dtype": torch.float32}
    if train.method == "qlora":
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16,
        )
        kwargs["dtype"] = torch.bfloat16
        kwargs["device_map"] = {"": device_index}
    model = AutoModelForCausalLM.from_pretrained(paths.base_model, **kwargs)
    if train.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.config.use_cache = False
    if train.method == "full":
        return model
    if train.method == "qlora":
        from peft import prepare_model_for_kbit_training

        # peft re-enables gradient checkpointing here: keep it non-reentrant, as set above
        model = prepare_model_for_kbit_training(
            model,
            use_gradient_checkpointing=train.gradient_checkpointing,
            gradient_checkpointing_kwargs={"use_reentrant": False},
        )
    return _with_lora(model, train)


def _with_lora(model: Any, train: TrainParams) -> Any:
    from peft import LoraConfig, get_peft_model

    lora = train.lora
    present = {name.rsplit(".", 1)[-1] for name, _ in model.named_modules()}
    missing = [m for m in lora.target_modules if m not in present]
    if missing:
        raise SftopsError(
            f"train.lora.target_modules: {missing} not found in {type(model).__name__}; "
            f"linear layers it has include {sorted(n for n in present if n.endswith('proj'))}"
        )
    config = LoraConfig(
        task_type="CAUSAL_LM",
        r=lora.r,
        lora_alpha=lora.alpha,
        lora_dropout=lora.dropout,
        target_modules=list(lora.target_modules),
    )
    return get_peft_model(model, config)
