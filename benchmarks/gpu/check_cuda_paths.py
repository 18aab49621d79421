"""Exercise sftops' CUDA training paths on a real GPU: each case is the train stage as dvc runs it.

    python3 benchmarks/gpu/check_cuda_paths.py --out OUT_DIR [--cases a,b] [--budget 330] [--case-timeout 120]

For every case this builds a throwaway project under --work (``tasks`` linked to this checkout, ``configs``
copied, a ``params.yaml`` = this checkout's params.yaml + the case's overrides, validated by sftops' own params
models before anything runs), with a tiny random Llama as ``models/base`` (the construction of
tests/conftest.py's ``tiny_model_dir``, a little wider, with the real SmolLM2 tokenizer) and this checkout's
``data/prepared`` splits; then runs ``python -m tasks.train`` there (which re-launches itself through
``accelerate launch`` with ``train.accelerate_config``), in its own process group with its own timeout.
benchmarks/gpu/probe/sitecustomize.py rides along in the worker and records what really ran (dtypes, memory,
step times). Per case, results.json gets: pass/fail, exit code, sftops' error line, per-step losses (first/last),
seconds per step, peak CUDA memory, the dtypes of parameters and activations, accelerate's mixed precision and
distributed type, the SDPA mask the packed batches used, and the dtypes of the saved weights.

Writes OUT_DIR/results.json (after every case, so a kill keeps what finished) and OUT_DIR/run.log (every case's
full output). On a machine without CUDA every bf16/qlora case must fail with sftops' own message (exit 3); the
fp32/auto cases then train on the CPU, which checks the plumbing end to end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROBE_DIR = Path(__file__).resolve().parent / "probe"
ASSETS = REPO / ".whl" / "assets"  # where the device run finds the tokenizer and prepared data (see README.md)

COMMON = [
    "train.epochs=1",
    "train.max_steps=8",
    "train.checkpoint_every=null",
    "train.batch_size=8",
    "train.gradient_accumulation_steps=2",
    "train.lora.r=8",
    "train.lora.alpha=16",
    "train.accelerate_config=configs/accelerate/single_gpu.yaml",
]
FSDP = "train.accelerate_config=configs/accelerate/fsdp_1gpu.yaml"

# name -> (overrides, model variant, note); in priority order: a tight budget drops the last ones
CASES: dict[str, tuple[list[str], str, str]] = {
    "lora_bf16": (["train.method=lora", "train.precision=bf16"], "sdpa", "LoRA, bf16 autocast"),
    "full_bf16": (["train.method=full", "train.precision=bf16"], "sdpa", "full fine-tune, bf16 autocast"),
    "qlora_bf16_gc": (
        ["train.method=qlora", "train.precision=bf16", "train.gradient_checkpointing=true"],
        "sdpa",
        "4-bit NF4 base (bitsandbytes) + LoRA, gradient checkpointing",
    ),
    "fsdp_full_bf16": (
        ["train.method=full", "train.precision=bf16", FSDP],
        "sdpa",
        "FSDP2 full shard via accelerate launch (torchrun), 1 process, full fine-tune",
    ),
    "packing_sdpa_lora_bf16": (
        ["train.method=lora", "train.precision=bf16", "train.packing=true"],
        "sdpa",
        "best-fit packing, 4-D block-diagonal bool mask on SDPA",
    ),
    "fsdp_lora_bf16": (["train.method=lora", "train.precision=bf16", FSDP], "sdpa", "FSDP2 + LoRA, 1 process"),
    "lora_fp32": (["train.method=lora", "train.precision=fp32"], "sdpa", "baseline: fp32 on the GPU"),
    "lora_auto": (["train.method=lora", "train.precision=auto"], "sdpa", "precision auto must pick bf16 on a GPU"),
    "packing_eager_lora_bf16": (
        ["train.method=lora", "train.precision=bf16", "train.packing=true"],
        "eager",
        "packing with eager attention (additive float mask); base config.json names attn_implementation=eager",
    ),
    "packing_flash2_lora_bf16": (
        ["train.method=lora", "train.precision=bf16", "train.packing=true"],
        "flash_attention_2",
        "packing with flash-attention 2 varlen (needs the flash_attn package)",
    ),
}


RUNNING: list[subprocess.Popen] = []  # the case in flight, so a SIGTERM (timeout) takes its process group down too


def _on_term(signum, frame) -> None:
    for proc in RUNNING:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    raise SystemExit(f"stopped by signal {signum}")


def log(msg: str) -> None:
    print(f"[check_cuda_paths {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def find_assets(assets_only: bool = False) -> tuple[Path, Path]:
    """(tokenizer dir, prepared data dir): this checkout's models/base and data/prepared, else .whl/assets/."""
    tok = REPO / "models" / "base"
    if assets_only or not (tok / "tokenizer.json").is_file():
        tok = ASSETS / "tokenizer"
    prepared = REPO / "data" / "prepared"
    if assets_only or not (prepared / "train.jsonl").is_file():
        prepared = ASSETS / "prepared"
    for need in (tok / "tokenizer.json", prepared / "train.jsonl", prepared / "eval.jsonl"):
        if not need.is_file():
            sys.exit(
                f"missing {need}: see benchmarks/gpu/README.md (copy the tokenizer and data/prepared to .whl/assets)"
            )
    return tok, prepared


BUILD_MODEL = r"""
import json, shutil, sys
from pathlib import Path
import torch
from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM
tok_dir, out, variants = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3].split(",")
tokenizer = AutoTokenizer.from_pretrained(tok_dir)
torch.manual_seed(0)
config = LlamaConfig(
    vocab_size=len(tokenizer), hidden_size=256, intermediate_size=768, num_hidden_layers=4,
    num_attention_heads=8, num_key_value_heads=4, max_position_embeddings=1024, tie_word_embeddings=True,
    bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
)
base = out / "sdpa"
model = LlamaForCausalLM(config)
model.save_pretrained(base, safe_serialization=True)
tokenizer.save_pretrained(base)
for v in variants:
    if v == "sdpa":
        continue
    d = out / v
    shutil.copytree(base, d)
    cfg = json.loads((d / "config.json").read_text())
    cfg["attn_implementation"] = v  # a base model's config.json must say it: sftops has no param for it
    (d / "config.json").write_text(json.dumps(cfg, indent=2))
print(json.dumps({"parameters": sum(p.numel() for p in model.parameters()), "vocab": len(tokenizer),
                  "pad_token_id": tokenizer.pad_token_id}))
"""

ENV_REPORT = r"""
import importlib, importlib.util, json, platform
info = {"python": platform.python_version()}
import torch
info["torch"] = torch.__version__
info["torch_cuda"] = torch.version.cuda
info["cuda_available"] = torch.cuda.is_available()
if torch.cuda.is_available():
    info["device"] = torch.cuda.get_device_name()
    info["bf16_supported"] = torch.cuda.is_bf16_supported()
    info["capability"] = list(torch.cuda.get_device_capability())
names = "transformers peft accelerate bitsandbytes mlflow pydantic flash_attn orjson sqlalchemy protobuf"
for name in names.replace("protobuf", "google.protobuf").split():
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        info[name] = None
        continue
    try:
        info[name] = getattr(importlib.import_module(name), "__version__", "?")
    except Exception as e:
        info[name] = f"import failed: {e!r}"
print(json.dumps(info))
"""


RELOAD_ADAPTER = r"""
import json, sys
import torch
from peft import PeftModel
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM
base_dir, adapter_dir = sys.argv[1], sys.argv[2]
saved = load_file(f"{adapter_dir}/adapter_model.safetensors")
ids = torch.tensor([[1, 5, 9, 14, 3, 27, 8, 2]])
base = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)
with torch.no_grad():
    base_logits = base(input_ids=ids).logits
model = PeftModel.from_pretrained(base, adapter_dir)
lora = {n: p for n, p in model.named_parameters() if "lora_" in n}
with torch.no_grad():
    logits = model(input_ids=ids).logits
print(json.dumps({
    "saved_tensors": len(saved),
    "model_lora_tensors": len(lora),
    "lora_B_nonzero": sum(int(p.abs().sum() > 0) for n, p in lora.items() if "lora_B" in n),
    "max_abs_logit_change_vs_base": float((logits - base_logits).abs().max()),
}))
"""


def run_py(code: str, args: list[str], timeout: float, env: dict[str, str] | None = None) -> dict:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"helper failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def make_project(case_dir: Path, model_dir: Path, prepared: Path, overrides: list[str]) -> None:
    """A minimal sftops project in case_dir whose train stage reads the tiny model and the prepared splits."""
    import yaml

    from tasks.core.overrides import apply_overrides
    from tasks.core.params import read_params_file, validate_params

    if case_dir.exists():
        shutil.rmtree(case_dir)
    (case_dir / "models").mkdir(parents=True)
    (case_dir / "data").mkdir()
    (case_dir / "metrics").mkdir()
    os.symlink(REPO / "tasks", case_dir / "tasks")
    shutil.copytree(REPO / "configs", case_dir / "configs")
    fsdp = yaml.safe_load((REPO / "configs/accelerate/fsdp_8gpu.yaml").read_text())
    fsdp["num_processes"] = 1
    header = "# fsdp_8gpu.yaml with num_processes: 1 (written by benchmarks/gpu/check_cuda_paths.py)\n"
    (case_dir / "configs/accelerate/fsdp_1gpu.yaml").write_text(header + yaml.safe_dump(fsdp, sort_keys=False))
    os.symlink(model_dir, case_dir / "models" / "base")
    os.symlink(prepared, case_dir / "data" / "prepared")
    # train logs the prepare stage's metrics to MLflow; an empty set stands in for a prepare run
    (case_dir / "metrics" / "prepare.json").write_text("{}\n")
    raw = apply_overrides(read_params_file(REPO / "params.yaml"), overrides)
    validate_params(raw, source=f"{case_dir.name} overrides")  # a typo fails here, not on the GPU
    (case_dir / "params.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))


def safetensors_dtypes(folder: Path) -> dict[str, int]:
    """Tensor count per dtype in every .safetensors file of folder (read from the headers)."""
    counts: dict[str, int] = {}
    for f in sorted(folder.glob("*.safetensors")):
        with f.open("rb") as fh:
            (n,) = struct.unpack("<Q", fh.read(8))
            header = json.loads(fh.read(n))
        for key, meta in header.items():
            if key != "__metadata__":
                counts[meta["dtype"]] = counts.get(meta["dtype"], 0) + 1
    return counts


def run_case(name: str, case_dir: Path, timeout: float, log_file) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROBE_DIR), str(case_dir), env.get("PYTHONPATH")) if p)
    env["SFTOPS_GPU_PROBE"] = str(case_dir / "probe")
    env.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", PYTHONUNBUFFERED="1", TOKENIZERS_PARALLELISM="false")
    env.pop("MLFLOW_TRACKING_URI", None)
    env.pop("SFTOPS_TRAIN_WORKER", None)
    cmd = [sys.executable, "-m", "tasks.train"]
    log_file.write(f"\n===== case {name}: {' '.join(cmd)} (cwd {case_dir}, timeout {timeout:.0f} s)\n")
    log_file.flush()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=case_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    RUNNING.append(proc)
    timed_out = False
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, signal.SIGKILL)  # the stage, accelerate launch and its workers: one process group
        out, _ = proc.communicate()
    RUNNING.remove(proc)
    wall = time.perf_counter() - t0
    log_file.write(out)
    log_file.write(
        f"\n===== case {name}: exit {proc.returncode}{' (TIMEOUT)' if timed_out else ''} after {wall:.1f} s\n"
    )
    log_file.flush()
    lines = out.splitlines()
    result: dict = {
        "exit_code": proc.returncode,
        "timed_out": timed_out,
        "wall_s": round(wall, 1),
        "error": next((ln for ln in reversed(lines) if ln.startswith("error:")), None),
    }
    loss_csv = case_dir / "outputs" / "train" / "loss.csv"
    if loss_csv.is_file():
        rows = [r.split(",") for r in loss_csv.read_text().splitlines()[1:] if r]
        result["losses"] = [float(r[1]) for r in rows]
        result["grad_norms"] = [float(r[3]) for r in rows]
        result["tokens_per_s_by_step"] = [float(r[4]) for r in rows]
    metrics = case_dir / "metrics" / "train.json"
    if metrics.is_file():
        result["train_metrics"] = json.loads(metrics.read_text())
    probes = sorted((case_dir / "probe").glob("probe_*.json")) if (case_dir / "probe").is_dir() else []
    if probes:
        result["probe"] = [json.loads(p.read_text()) for p in probes]
    adapter = case_dir / "models" / "adapter"
    if adapter.is_dir():
        result["saved_files"] = sorted(p.name for p in adapter.iterdir())
        result["saved_dtypes"] = safetensors_dtypes(adapter)
        if (adapter / "adapter_config.json").is_file():  # LoRA/QLoRA: does the adapter hold its tensors and load?
            try:
                base = (case_dir / "models" / "base").resolve()
                result["reload"] = run_py(RELOAD_ADAPTER, [str(base), str(adapter)], 120)
            except Exception as e:  # a check's own failure must not lose the case's other results
                result["reload"] = {"error": repr(e)[-2000:]}
    losses = result.get("losses") or []
    ok = proc.returncode == 0 and bool(losses) and all(math.isfinite(x) for x in losses)
    reload = result.get("reload")
    if reload is not None:  # an adapter saved without its tensors is a failure, whatever the exit code
        ok = (
            ok
            and reload.get("saved_tensors", 0) > 0
            and reload.get("saved_tensors") == reload.get("model_lora_tensors")
        )
    result["status"] = "pass" if ok else "fail"
    if not ok and not result["error"]:
        result["output_tail"] = lines[-40:]
    return result


def headline(r: dict) -> str:
    if r.get("status") == "skipped":
        return f"SKIPPED ({r.get('reason')})"
    parts = [r["status"].upper(), f"exit={r['exit_code']}", f"wall={r['wall_s']}s"]
    if r.get("losses"):
        parts.append(f"loss {r['losses'][0]:.4f}->{r['losses'][-1]:.4f} ({len(r['losses'])} steps)")
    probe = next(iter(r.get("probe") or []), {})
    if probe.get("median_step_s") is not None:
        parts.append(f"{probe['median_step_s'] * 1000:.1f} ms/step")
    if probe.get("cuda_max_allocated_mib") is not None:
        parts.append(f"peak {probe['cuda_max_allocated_mib']:.0f} MiB")
    if probe.get("accelerator"):
        parts.append(f"mp={probe['accelerator']['mixed_precision']}")
    acts = probe.get("activations") or {}
    q = next((v for k, v in acts.items() if k.startswith("q_proj")), None)
    if q:
        parts.append(f"q_proj out={q['output']}")
    reload = r.get("reload")
    if reload:
        parts.append(
            f"adapter {reload['saved_tensors']}/{reload['model_lora_tensors']} tensors, reload dlogit "
            f"{reload['max_abs_logit_change_vs_base']:.3g}"
            if "saved_tensors" in reload
            else f"reload failed: {reload.get('error', '')[:120]}"
        )
    if r.get("error"):
        parts.append(r["error"][:200])
    return " | ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.environ.get("OUT", "gpu_check_out"))
    ap.add_argument("--work", default="/tmp/sftops_gpu_check")
    ap.add_argument("--cases", default=",".join(CASES), help="comma-separated, from: " + ", ".join(CASES))
    ap.add_argument("--case-timeout", type=float, default=120.0)
    ap.add_argument("--budget", type=float, default=330.0, help="seconds for all cases; later cases are skipped")
    ap.add_argument("--extra", action="append", default=[], help="one more override for every case (repeatable)")
    ap.add_argument("--assets-only", action="store_true", help="read tokenizer and data from .whl/assets only")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, _on_term)
    started = time.perf_counter()
    out, work = Path(args.out), Path(args.work)
    out.mkdir(parents=True, exist_ok=True)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    sys.path.insert(0, str(REPO))
    names = [n.strip() for n in args.cases.split(",") if n.strip()]
    unknown = [n for n in names if n not in CASES]
    if unknown:
        sys.exit(f"unknown cases {unknown}; known: {list(CASES)}")

    results: dict = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "cases": {}}

    def save() -> None:
        results["elapsed_s"] = round(time.perf_counter() - started, 1)
        (out / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n")

    results["env"] = run_py(ENV_REPORT, [], 120)
    log(f"env: {json.dumps(results['env'])}")
    tok, prepared = find_assets(args.assets_only)
    variants = sorted({CASES[n][1] for n in names} | {"sdpa"})
    models = work / "models"
    results["model"] = run_py(BUILD_MODEL, [str(tok), str(models), ",".join(variants)], 300)
    results["model"]["variants"] = variants
    results["data"] = {
        "prepared": str(prepared),
        "train_rows": sum(1 for _ in (prepared / "train.jsonl").open()),
        "eval_rows": sum(1 for _ in (prepared / "eval.jsonl").open()),
    }
    log(f"tiny model {results['model']}, data {results['data']}")
    save()
    with (out / "run.log").open("w") as log_file:
        for name in names:
            overrides, variant, note = CASES[name]
            left = args.budget - (time.perf_counter() - started)
            if variant.startswith("flash") and results["env"].get("flash_attn") is None:
                results["cases"][name] = {"status": "skipped", "reason": "flash_attn is not installed", "note": note}
            elif left < 45:
                results["cases"][name] = {"status": "skipped", "reason": f"budget ({left:.0f} s left)", "note": note}
            else:
                case_dir = work / "cases" / name
                make_project(case_dir, models / variant, prepared, COMMON + overrides + args.extra)
                log(f"case {name}: {note}")
                r = run_case(name, case_dir, min(args.case_timeout, left), log_file)
                r.update(note=note, overrides=overrides + args.extra, model_variant=variant)
                results["cases"][name] = r
            log(f"case {name}: {headline(results['cases'][name])}")
            save()
    log("summary:")
    for name, r in results["cases"].items():
        print(f"  {name:26s} {headline(r)}", flush=True)
    save()


if __name__ == "__main__":
    main()
