"""Saving what was trained: the adapter (lora, qlora) or the whole model (full), also from under FSDP, whose
wrappers change parameter names; and the stage's outputs (model, tokenizer, loss curve, metrics)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tasks.core.errors import SftopsError
from tasks.core.io import write_json
from tasks.core.paths import ProjectPaths
from tasks.training.history import StepLog, write_loss_curve

# what wrappers insert into module (and so parameter) names: accelerate's FSDP activation checkpointing
# (torch's checkpoint_wrapper / offload_wrapper), FSDP1 and torch.compile. A gathered state dict
# (get_model_state_dict, model.state_dict()) names the same tensors without them.
WRAPPER_NAME_PARTS = ("_checkpoint_wrapped_module.", "_fsdp_wrapped_module.", "_orig_mod.")


def is_fsdp(accelerator: Any) -> bool:
    from accelerate.utils import DistributedType

    return accelerator.distributed_type == DistributedType.FSDP


def unwrapped_name(name: str) -> str:
    """A parameter's or module's name with the wrappers' parts taken out: the name a gathered state dict uses."""
    for part in WRAPPER_NAME_PARTS:
        name = name.replace(part, "")
    return name


def adapter_state_dict(model: Any, state_dict: dict[str, Any] | None = None) -> dict[str, Any]:
    """The active adapter's tensors of a PeftModel, keyed as ``PeftModel.from_pretrained`` expects.

    peft picks the adapter's entries by matching its module names against the state dict's keys; when
    layers are wrapped (FSDP activation checkpointing) the module names hold ``_checkpoint_wrapped_module``
    and a gathered state dict does not, so peft alone finds nothing. Here the state dict is re-keyed with
    the model's own names first, and the wrappers' parts taken out of the result.
    """
    from peft.utils import get_peft_model_state_dict

    source = model.state_dict() if state_dict is None else state_dict
    own: dict[str, str] = {}  # unwrapped name -> the model's own name
    for name, _ in [*model.named_parameters(remove_duplicate=False), *model.named_buffers(remove_duplicate=False)]:
        own.setdefault(unwrapped_name(name), name)
    keyed = {own.get(unwrapped_name(k), k): v for k, v in source.items()}
    adapter = get_peft_model_state_dict(model, state_dict=keyed, adapter_name=model.active_adapter)
    return {unwrapped_name(k): v for k, v in adapter.items()}


def check_adapter_complete(model: Any, adapter: dict[str, Any]) -> None:
    """Refuse to save an adapter that lacks any of the model's trained (LoRA) tensors."""
    trained = [(unwrapped_name(n), p.numel()) for n, p in model.named_parameters() if p.requires_grad]
    saved_values = sum(v.numel() for v in adapter.values())
    if not trained:
        raise SftopsError("saving the adapter: the model has no trainable parameters, so there is nothing to save")
    if len(adapter) < len(trained) or saved_values < sum(n for _, n in trained):
        raise SftopsError(
            f"saving the adapter: it would hold {len(adapter)} tensors ({saved_values} values) but the model "
            f"trained {len(trained)} ({sum(n for _, n in trained)} values, e.g. {trained[0][0]}); the state dict "
            "handed to the save does not name the model's LoRA parameters (wrapped module names?). Nothing was "
            "written: an adapter without its weights would load as the untouched base model."
        )


def save_trained_model(model: Any, directory: Path, state_dict: dict[str, Any] | None = None) -> None:
    """Write what was trained to ``directory``: the adapter (lora, qlora) or the whole model (full).

    ``state_dict`` is the full state dict gathered under FSDP (unwrapped names), None to use the model's own.
    The adapter is written here rather than by ``PeftModel.save_pretrained(state_dict=...)``, which silently
    writes an empty adapter when the layers are wrapped (see ``adapter_state_dict``); whatever the
    wrapping, an adapter missing any trained tensor is an SftopsError, never an empty file.
    """
    import copy

    from peft import PeftModel

    if not isinstance(model, PeftModel):
        if state_dict is not None:
            missing = [
                name
                for name in (unwrapped_name(n) for n, p in model.named_parameters() if p.requires_grad)
                if name not in state_dict
            ]
            if missing:
                raise SftopsError(
                    f"saving the model: the gathered state dict lacks {len(missing)} trained parameters "
                    f"(e.g. {missing[0]}); nothing was written"
                )
        directory.mkdir(parents=True, exist_ok=True)
        model.save_pretrained(directory, safe_serialization=True, state_dict=state_dict)
        return
    from peft.utils import SAFETENSORS_WEIGHTS_NAME
    from safetensors.torch import save_file

    adapter = adapter_state_dict(model, state_dict)
    check_adapter_complete(model, adapter)
    directory.mkdir(parents=True, exist_ok=True)
    model.create_or_update_model_card(str(directory))
    # own CPU copies: safetensors refuses tensors that share storage (tied weights) or are not contiguous
    save_file(
        {k: v.detach().to("cpu", copy=True).contiguous() for k, v in adapter.items()},
        str(directory / SAFETENSORS_WEIGHTS_NAME),
        metadata={"format": "pt"},
    )
    config = copy.deepcopy(model.peft_config[model.active_adapter])  # as PeftModel.save_pretrained writes it
    if config.base_model_name_or_path is None:
        config.base_model_name_or_path = model.base_model.model.__dict__.get("name_or_path") or None
    config.inference_mode = True
    config.save_pretrained(str(directory))


def save_outputs(
    model: Any,
    state_dict: dict[str, Any] | None,
    tokenizer: Any,
    history: list[StepLog],
    summary: dict[str, Any],
    paths: ProjectPaths,
) -> None:
    """The stage's outputs: the trained model and tokenizer (models/adapter), the loss curve, metrics/train.json."""
    save_trained_model(model, paths.adapter, state_dict)
    tokenizer.save_pretrained(paths.adapter)
    paths.train_dir.mkdir(parents=True, exist_ok=True)
    write_loss_curve(history, paths.loss_curve)
    write_json(paths.metrics("train"), summary)
