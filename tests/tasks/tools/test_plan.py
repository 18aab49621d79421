"""`sftops plan`: the memory and time arithmetic, the seed's three figures, and the command on the preset."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app, apply_set_params
from tasks.core.overrides import parse_overrides
from tasks.core.params import load_params, resolve_params
from tasks.tools.plan import (
    ARCHITECTURES,
    GB,
    GPUS,
    PlanError,
    PlanOptions,
    TrainSetup,
    estimate_memory,
    flops_per_token,
    generic_architecture,
    lora_trainable_params,
    make_plan,
    optimizer_steps,
    resolve_architecture,
    resolve_gpu,
    resolve_inputs,
)
from tests.helpers import REPO

PRESET = REPO / "configs" / "presets" / "llama3_8b_alpaca.yaml"


def _gpu_memory(name: str) -> float:
    return next(g.memory_bytes for g in GPUS if g.name.startswith(name))


# ---------------------------------------------------------------- the seed's three figures


@pytest.mark.parametrize("model", ["generic-7b", "Llama-2-7B", "Mistral-7B"])
def test_7b_full_finetuning_in_bf16_with_adamw_needs_roughly_80_gb_before_activations(model: str) -> None:
    # given a 7B model, full fine-tuning on one GPU / when estimated / then weights + grads + AdamW ~ 80 GB
    arch = generic_architecture(7) if model == "generic-7b" else resolve_architecture(model, None)
    memory = estimate_memory(arch, TrainSetup(method="full", gpus=1))
    assert 70 * GB <= memory.before_activations <= 90 * GB, f"{model}: {memory.before_activations / GB:.1f} GB"
    # 12 bytes per parameter: bf16 weights 2 + bf16 grads 2 + fp32 m and v 8
    assert memory.before_activations == pytest.approx(12 * arch.params), "the 12 bytes/param convention changed"
    assert memory.total > _gpu_memory("H100"), "a 7B full fine-tune must not fit one 80 GB GPU"


def test_7b_full_finetuning_with_an_fp32_master_copy_is_16_bytes_per_parameter() -> None:
    arch = generic_architecture(7)
    memory = estimate_memory(arch, TrainSetup(method="full", fp32_master=True))
    assert memory.before_activations == pytest.approx(16 * 7e9), f"{memory.before_activations / GB:.1f} GB"


@pytest.mark.parametrize("model", ["generic-7b", "Llama-2-7B", "Mistral-7B"])
def test_7b_lora_fits_a_24_gb_gpu(model: str) -> None:
    # given a 7B model with LoRA r16 on every linear layer, 2048 tokens, gradient checkpointing / then < 24 GB
    arch = generic_architecture(7) if model == "generic-7b" else resolve_architecture(model, None)
    memory = estimate_memory(arch, TrainSetup(method="lora", seq_len=2048, micro_batch=1))
    assert memory.fits(resolve_gpu("l4")), f"{model}: LoRA needs {memory.total / GB:.1f} GB > 24 GB"
    assert memory.fits(resolve_gpu("rtx4090")) and memory.fits(resolve_gpu("a10"))


@pytest.mark.parametrize("model", ["generic-70b", "Llama-2-70B"])
def test_70b_qlora_fits_a_48_gb_gpu(model: str) -> None:
    # given a 70B model in NF4 with LoRA r16, 2048 tokens, gradient checkpointing / then it fits an A40 / L40S
    arch = generic_architecture(70) if model == "generic-70b" else resolve_architecture(model, None)
    memory = estimate_memory(arch, TrainSetup(method="qlora", seq_len=2048, micro_batch=1))
    assert memory.total <= 48 * GB, f"{model}: QLoRA needs {memory.total / GB:.1f} GB > 48 GB"
    assert memory.fits(resolve_gpu("a40")) and memory.fits(resolve_gpu("l40s"))
    assert not memory.fits(resolve_gpu("a100-40gb")), f"{memory.total / GB:.1f} GB should not fit 40 GB"


# ---------------------------------------------------------------- the arithmetic


@pytest.mark.parametrize(
    ("name", "billions"),
    [
        ("SmolLM2-135M", 0.1345),
        ("Llama-2-7B", 6.738),
        ("Mistral-7B", 7.242),
        ("Llama-3-8B", 8.030),
        ("Llama-2-70B", 68.98),
        ("Llama-3-70B", 70.55),
    ],
)
def test_parameter_counts_from_the_shapes_match_the_published_ones(name: str, billions: float) -> None:
    arch = resolve_architecture(name, None)
    assert arch.params / 1e9 == pytest.approx(billions, rel=0.002), f"{name}: {arch.params / 1e9:.4f}B"


def test_lora_trainable_parameters_are_r_times_in_plus_out_per_module() -> None:
    # given Llama-2-7B (h 4096, MLP 11008, 32 layers), r 16 on all 7 linears / then 32 x 16 x (4 x 8192 + 3 x 15104)
    arch = resolve_architecture("llama-2-7b", None)
    assert lora_trainable_params(arch, 16) == 32 * 16 * (4 * 8192 + 3 * (4096 + 11008)) == 39_976_960
    assert lora_trainable_params(arch, 8, ["q_proj", "v_proj"]) == 32 * 8 * 2 * 8192


def test_unknown_lora_target_modules_are_named() -> None:
    with pytest.raises(PlanError, match=r"\['c_attn'\]"):
        lora_trainable_params(resolve_architecture("llama-2-7b", None), 16, ["q_proj", "c_attn"])


def test_fsdp_full_shard_divides_weights_grads_and_optimizer_but_not_activations() -> None:
    arch = resolve_architecture("llama-3-8b", None)
    one = estimate_memory(arch, TrainSetup(method="full", gpus=1))
    eight = estimate_memory(arch, TrainSetup(method="full", gpus=8))
    ddp = estimate_memory(arch, TrainSetup(method="full", gpus=8, shard=False))
    assert eight.optimizer == pytest.approx(one.optimizer / 8) and eight.gradients == pytest.approx(one.gradients / 8)
    assert one.weights / 8 < eight.weights < one.weights / 2, "sharded weights plus the layers in flight"
    assert eight.activations == one.activations == ddp.activations
    assert ddp.before_activations == one.before_activations, "DDP replicates everything"


def test_gradient_checkpointing_cuts_activations_several_fold() -> None:
    arch = resolve_architecture("llama-2-7b", None)
    on = estimate_memory(arch, TrainSetup(method="full", seq_len=2048, gradient_checkpointing=True))
    off = estimate_memory(arch, TrainSetup(method="full", seq_len=2048, gradient_checkpointing=False))
    assert off.activations > 5 * on.activations, f"{off.activations / GB:.1f} vs {on.activations / GB:.1f} GB"


def test_lora_costs_two_thirds_of_full_finetuning_flops() -> None:
    arch = resolve_architecture("llama-3-8b", None)
    full = flops_per_token(arch, "full", context=0, gradient_checkpointing=False)
    lora = flops_per_token(arch, "lora", context=0, gradient_checkpointing=False)
    assert full == pytest.approx(6 * arch.matmul_params, rel=1e-6)
    assert lora / full == pytest.approx(2 / 3, rel=1e-6)


def test_steps_are_rounded_per_epoch_as_the_train_stage_counts_them() -> None:
    # 52,000 rows x 3 epochs / global batch 128 (4 per GPU x 4 accumulation x 8 GPUs)
    assert math.ceil(52_000 * 3 / 128) == 1_219, "rounded once over all epochs"
    assert optimizer_steps(52_000, 3, micro_batch=4, grad_accum=4, gpus=8) == 3 * 407 == 1_221
    assert optimizer_steps(52_002, 3, micro_batch=4, grad_accum=4, gpus=8) == 1_221
    assert optimizer_steps(128, 1, micro_batch=4, grad_accum=4, gpus=8) == 1


def test_a_local_hf_directory_is_read_from_its_config_json(tmp_path: Path) -> None:
    config = {
        "hidden_size": 576,
        "num_hidden_layers": 30,
        "intermediate_size": 1536,
        "num_attention_heads": 9,
        "num_key_value_heads": 3,
        "vocab_size": 49152,
        "tie_word_embeddings": True,
    }
    (tmp_path / "config.json").write_text(json.dumps(config))
    arch = resolve_architecture(str(tmp_path), None)
    assert arch.params == ARCHITECTURES["smollm2-135m"].params


def test_hub_ids_map_to_known_shapes() -> None:
    assert resolve_architecture("meta-llama/Meta-Llama-3-8B", None).name == "Llama-3-8B"
    assert resolve_architecture("embedded:SmolLM2-135M-Instruct", None).name == "SmolLM2-135M"


# ---------------------------------------------------------------- the preset and the command


def test_the_preset_plans_978_steps_on_8_gpus_and_fits_full_finetuning_on_40_gb(monkeypatch) -> None:
    # given the Llama-3-8B / Alpaca preset over the repo's params.yaml
    plan = make_plan(
        resolve_inputs(PlanOptions(preset_method="full"), resolve_params(REPO / "params.yaml", PRESET), REPO)
    )
    setup = plan.inputs.setup
    assert (setup.gpus, setup.micro_batch, plan.inputs.grad_accum, setup.seq_len) == (8, 4, 4, 2048)
    assert plan.global_batch == 128
    # 52,002 Alpaca rows, 10% eval + 10% held out -> 41,602 train rows -> 3 x ceil(41,602 / 128) steps
    assert plan.train_rows == 41_602 and plan.steps == 978 == 3 * math.ceil(41_602 / 128), plan.steps
    full = next(m.memory for m in plan.methods if m.memory.method == "full")
    assert setup.gradient_checkpointing, "fsdp_8gpu.yaml turns activation checkpointing on"
    assert full.fits(resolve_gpu("a100-40gb")) and not full.fits(resolve_gpu("l4")), f"{full.total / GB:.1f} GB"


def test_the_cli_on_the_preset_prints_memory_steps_and_time(monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(app, ["plan", "--preset", str(PRESET)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Llama-3-8B" in out and "Memory per GPU" in out, out
    assert "Steps   978 = 3 epochs x 326" in out and "global batch 128" in out, out
    assert "41,602 trained = 52,002" in out, out
    assert "H100 SXM 80GB" in out and ("min" in out or " h " in out), out
    for method in ("full*", "lora", "qlora"):
        assert method in out, f"{method} row missing:\n{out}"


def test_the_cli_with_all_rows_trained_gives_1221_steps(monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    args = ["plan", "--preset", str(PRESET), "--dataset-rows", "52000", "--train-share", "1", "--method", "full"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "Steps   1,221 = 3 epochs x 407" in result.output, result.output


def test_the_preset_over_params_yaml_is_valid_params() -> None:
    params = resolve_params(REPO / "params.yaml", PRESET)
    assert (params.train.method, params.train.epochs, params.data.max_seq_len) == ("full", 3, 2048)
    assert (REPO / params.train.accelerate_config).is_file(), params.train.accelerate_config


@pytest.mark.parametrize(
    ("params_text", "preset", "overrides"),
    [
        (None, None, []),
        ("", None, []),  # an empty params.yaml: every value is params.py's default, in plan as in run
        (None, PRESET, []),
        (None, PRESET, ["train.batch_size=2", "data.max_seq_len=1024", "train.lora.r=8", "train.max_steps=50"]),
        ("", None, ["train.epochs=1", "train.gradient_accumulation_steps=8", "data.split.heldout=0.2"]),
    ],
)
def test_plan_and_run_describe_the_same_run(
    tmp_path: Path, params_text: str | None, preset: Path | None, overrides: list[str]
) -> None:
    # given params.yaml (the repo's, or empty), a preset and -S overrides
    params_yaml = tmp_path / "params.yaml"
    text = (REPO / "params.yaml").read_text(encoding="utf-8") if params_text is None else params_text
    params_yaml.write_text(text, encoding="utf-8")
    # when `sftops plan` resolves them, and `sftops run` writes them into params.yaml for its stages to load
    planned = resolve_inputs(PlanOptions(), resolve_params(params_yaml, preset, parse_overrides(overrides)), REPO)
    apply_set_params(params_yaml, overrides, preset)
    ran = load_params(params_yaml)
    # then every value they share is the same
    setup = planned.setup
    shared = {
        "data.max_seq_len": (setup.seq_len, ran.data.max_seq_len),
        "train.batch_size": (setup.micro_batch, ran.train.batch_size),
        "train.gradient_accumulation_steps": (planned.grad_accum, ran.train.gradient_accumulation_steps),
        "train.epochs": (planned.epochs, ran.train.epochs),
        "train.max_steps": (planned.max_steps, ran.train.max_steps),
        "train.lora.r": (setup.lora_r, ran.train.lora.r),
        "train.lora.dropout": (setup.lora_dropout, ran.train.lora.dropout),
        "train.gradient_checkpointing": (setup.gradient_checkpointing, ran.train.gradient_checkpointing or None),
        "data.split": (planned.train_share, 1 - ran.data.split.eval - ran.data.split.heldout),
        "model.name_or_path": (planned.arch.name, resolve_architecture(ran.model.name_or_path, None).name),
    }
    if setup.gradient_checkpointing and not ran.train.gradient_checkpointing:  # the FSDP launch config turns it on
        shared.pop("train.gradient_checkpointing")
    else:
        shared["train.gradient_checkpointing"] = (setup.gradient_checkpointing, ran.train.gradient_checkpointing)
    differ = {k: v for k, v in shared.items() if v[0] != pytest.approx(v[1])}
    assert not differ, f"plan and run disagree (plan, run): {differ}"


def test_an_unknown_model_is_a_one_line_error() -> None:
    result = CliRunner().invoke(app, ["plan", "--model", "gpt-17"])
    assert result.exit_code == 2, result.output
    assert "unknown model 'gpt-17'" in result.output and "--params-b" in result.output, result.output
