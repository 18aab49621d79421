"""Probe loaded into sftops' train worker by benchmarks/gpu/check_cuda_paths.py (this folder goes first on PYTHONPATH).

It changes nothing in training; it only observes, and only in a process where SFTOPS_GPU_PROBE names a folder and
SFTOPS_TRAIN_WORKER=1 (the worker that ``accelerate launch`` starts, and that launcher itself, which never calls
``Accelerator.prepare`` and so writes nothing). What it records, into SFTOPS_GPU_PROBE/probe_<pid>.json at exit:

- from ``Accelerator.prepare``: accelerate's mixed_precision, distributed type, device, process count; the dtype
  (and tensor class: Params4bit, DTensor) of every parameter, counted by numel, trainable and frozen apart; module
  classes of interest (Linear4bit, LoRA layers, FSDP-wrapped modules); the model's attention implementation;
- forward hooks (first call only) on the first q_proj, the first decoder layer and lm_head: the dtype that each
  module's input and output really had, under whatever autocast accelerate set up;
- ``torch.nn.functional.scaled_dot_product_attention`` (wrapped): calls, and for the first call the query dtype,
  the mask's dtype and shape, and is_causal (a packed batch passes a 4-D bool mask);
- the prepared optimizer's ``step``: a CUDA-synchronised timestamp after each step (seconds per step);
- CUDA memory: allocated after prepare, and ``torch.cuda.max_memory_allocated()`` at exit.

After its own work it runs any other sitecustomize.py further down sys.path, so an image's own one still runs.
"""

from __future__ import annotations

import os
import sys


def _chain_other_sitecustomize() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    for entry in sys.path:
        candidate = os.path.join(entry or ".", "sitecustomize.py")
        if os.path.abspath(os.path.dirname(candidate)) == here or not os.path.isfile(candidate):
            continue
        import importlib.util

        spec = importlib.util.spec_from_file_location("_sitecustomize_chained", candidate)
        if spec and spec.loader:
            try:
                spec.loader.exec_module(importlib.util.module_from_spec(spec))
            except Exception as e:  # noqa: BLE001 - an image's hook failing must not stop the probe
                print(f"[gpu-probe] chained {candidate} failed: {e!r}", file=sys.stderr)
        return


def _install(out_dir: str) -> None:
    import atexit
    import json
    import time

    import accelerate
    import torch

    state: dict = {"pid": os.getpid(), "rank": os.environ.get("RANK"), "prepared": False, "sdpa": {"calls": 0}}

    def dtype_name(x) -> str | None:
        return str(x.dtype).removeprefix("torch.") if hasattr(x, "dtype") else None

    def first_tensor(x):
        if torch.is_tensor(x):
            return x
        if isinstance(x, (tuple, list)) and x:
            return first_tensor(x[0])
        if hasattr(x, "logits"):
            return x.logits
        if isinstance(x, dict) and x:
            return first_tensor(next(iter(x.values())))
        return None

    def hook_once(module, key: str) -> None:
        def hook(mod, args, kwargs, output):
            if key not in state["activations"]:
                inp = first_tensor(args) if args else first_tensor(list(kwargs.values()))
                out = first_tensor(output)
                state["activations"][key] = {
                    "module": type(mod).__name__,
                    "input": dtype_name(inp) if inp is not None else None,
                    "output": dtype_name(out) if out is not None else None,
                    "autocast_gpu": torch.is_autocast_enabled("cuda") if torch.cuda.is_available() else None,
                }
            return None

        module.register_forward_hook(hook, with_kwargs=True)

    def describe_model(model, accelerator) -> None:
        params: dict = {"trainable": {}, "frozen": {}}
        for _, p in model.named_parameters():
            kind = "trainable" if p.requires_grad else "frozen"
            key = f"{dtype_name(p)}/{type(p).__name__}"
            params[kind][key] = params[kind].get(key, 0) + p.numel()
        classes: dict = {}
        for _, m in model.named_modules():
            name = type(m).__name__
            if any(s in name for s in ("Linear4bit", "Linear8bit", "FSDP", "lora", "Lora")) or name.startswith("FSDP"):
                classes[name] = classes.get(name, 0) + 1
        inner = accelerator.unwrap_model(model)
        config = getattr(inner, "config", None)
        state["model"] = {
            "class": type(model).__name__,
            "unwrapped_class": type(inner).__name__,
            "params": params,
            "module_classes": classes,
            "attn_implementation": getattr(config, "_attn_implementation", None),
            "gradient_checkpointing": any(getattr(m, "gradient_checkpointing", False) is True for m in inner.modules()),
        }
        quant = []
        for name, m in model.named_modules():
            if type(m).__name__ == "Linear4bit":
                w = m.weight
                qs = getattr(w, "quant_state", None)
                quant.append(
                    {
                        "name": name,
                        "weight_dtype": dtype_name(w),
                        "quant_type": getattr(qs, "quant_type", None),
                        "compute_dtype": str(getattr(m, "compute_dtype", None)),
                    }
                )
                if len(quant) >= 2:
                    break
        if quant:
            state["model"]["linear4bit_samples"] = quant
        state["activations"] = {}
        done = set()
        for name, m in model.named_modules():
            if "q_proj" not in done and name.endswith("q_proj"):
                hook_once(m, f"q_proj ({name})")
                done.add("q_proj")
            elif "layer0" not in done and name.endswith("layers.0"):
                hook_once(m, f"decoder_layer0 ({name})")
                done.add("layer0")
            elif "lm_head" not in done and name.endswith("lm_head"):
                hook_once(m, f"lm_head ({name})")
                done.add("lm_head")
        hook_once(model, "model")

    def wrap_step(optimizer) -> None:
        original = optimizer.step
        state["step_times"] = []

        def step(self, *args, **kwargs):
            result = original(*args, **kwargs)
            if torch.cuda.is_available():
                torch.cuda.synchronize()
            state["step_times"].append(time.perf_counter())
            return result

        import types

        optimizer.step = types.MethodType(step, optimizer)  # a bound method: torch's LR scheduler re-wraps it

    original_prepare = accelerate.Accelerator.prepare

    def prepare(self, *args, **kwargs):
        result = original_prepare(self, *args, **kwargs)
        try:
            state["accelerator"] = {
                "mixed_precision": str(self.mixed_precision),
                "distributed_type": str(self.distributed_type),
                "device": str(self.device),
                "num_processes": self.num_processes,
            }
            items = result if isinstance(result, tuple) else (result,)
            for obj in items:
                if isinstance(obj, torch.nn.Module):
                    describe_model(obj, self)
                elif isinstance(obj, accelerate.optimizer.AcceleratedOptimizer):
                    wrap_step(obj)
            if torch.cuda.is_available():
                state["cuda_allocated_after_prepare_mib"] = torch.cuda.memory_allocated() / 2**20
            state["prepared"] = True
            state["prepared_at"] = time.perf_counter()
        except Exception as e:  # noqa: BLE001 - the probe must never break the run it observes
            state["probe_error"] = repr(e)
        return result

    accelerate.Accelerator.prepare = prepare

    original_sdpa = torch.nn.functional.scaled_dot_product_attention

    def sdpa(query, key, value, attn_mask=None, *args, **kwargs):
        record = state["sdpa"]
        record["calls"] += 1
        if record["calls"] == 1:
            record.update(
                query_dtype=dtype_name(query),
                query_shape=list(query.shape),
                mask_dtype=dtype_name(attn_mask) if attn_mask is not None else None,
                mask_shape=list(attn_mask.shape) if attn_mask is not None else None,
                is_causal=kwargs.get("is_causal"),
            )
        if attn_mask is not None and attn_mask.dim() == 4:
            record["calls_with_4d_mask"] = record.get("calls_with_4d_mask", 0) + 1
        return original_sdpa(query, key, value, attn_mask, *args, **kwargs)

    torch.nn.functional.scaled_dot_product_attention = sdpa

    def write() -> None:
        if not state["prepared"]:
            return
        if torch.cuda.is_available() and torch.cuda.is_initialized():
            state["cuda_max_allocated_mib"] = torch.cuda.max_memory_allocated() / 2**20
            state["cuda_max_reserved_mib"] = torch.cuda.max_memory_reserved() / 2**20
            state["cuda_device_name"] = torch.cuda.get_device_name()
        times = state.pop("step_times", [])
        start = state.pop("prepared_at", None)
        if times:
            gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
            state["steps_timed"] = len(times)
            state["first_step_s_since_prepare"] = times[0] - start if start else None
            state["step_gaps_s"] = [round(g, 4) for g in gaps]
            if gaps:
                ordered = sorted(gaps)
                state["median_step_s"] = ordered[len(ordered) // 2]
        os.makedirs(out_dir, exist_ok=True)
        with open(os.path.join(out_dir, f"probe_{os.getpid()}.json"), "w") as f:
            json.dump(state, f, indent=1, default=str)

    atexit.register(write)


_dir = os.environ.get("SFTOPS_GPU_PROBE")
if _dir and os.environ.get("SFTOPS_TRAIN_WORKER") == "1":
    try:
        _install(_dir)
    except Exception as _e:  # noqa: BLE001
        print(f"[gpu-probe] not installed: {_e!r}", file=sys.stderr)
_chain_other_sitecustomize()
