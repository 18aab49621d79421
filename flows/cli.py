"""`sftops`: the command line (a typer app).

sftops run [--preset F] [-S k=v ...] run the Prefect flow over the dvc.yaml stages (preset, -S: into params.yaml)
sftops params [--preset F] [-S ...]  print the resolved, validated params
sftops export OUT                    the adapter merged into its base: one standalone model
sftops ui [--prefect]                MLflow UI (and the Prefect UI) on 127.0.0.1
sftops plan [--preset FILE ...]      memory per GPU and time for full / LoRA / QLoRA, before renting GPUs
sftops retrain                       retrain once if the data or params changed since the newest version, then gate
sftops serve                         serve the retrain flow on the cron schedule of params `schedule`
sftops sweep [-S ...]                run the variants of params `sweep` as DVC experiments; then their dashboard
sftops compare --sweep NAME          one HTML dashboard of variants (or --run ID ..., --experiment NAME)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml

from tasks.core.errors import SftopsError
from tasks.core.overrides import parse_overrides, read_preset, write_overrides
from tasks.core.params import Params, resolve_params
from tasks.core.paths import ProjectPaths

app = typer.Typer(
    help="sftops: validated data, LoRA SFT, lm-eval probes, MLflow registry, DVC lineage.",
    no_args_is_help=True,
    add_completion=False,
)

ParamsOption = Annotated[Path, typer.Option("--params", help="params file (in the project root)")]
PresetOption = Annotated[
    Path | None,
    typer.Option("--preset", help="params override file in params.yaml's shape (configs/presets/*.yaml); -S after it"),
]
SetOption = Annotated[
    list[str] | None,
    typer.Option("--set-param", "-S", help="override KEY=VALUE (YAML value), e.g. -S train.epochs=1; repeatable"),
]


def _fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def resolve(params_path: Path | None, overrides: list[str], preset: Path | None = None) -> Params:
    """Validate params.yaml with the preset and overrides applied, before any work starts."""
    return resolve_params(params_path, preset, parse_overrides(overrides))


def apply_set_params(params: Path, overrides: list[str], preset: Path | None = None) -> None:
    """Validate params.yaml with the preset and `-S` overrides applied (exit 2 on an error), then write them into
    it, so that DVC records what runs."""
    try:
        resolve(params, overrides, preset)
        dotted = {**(read_preset(preset) if preset else {}), **parse_overrides(overrides)}
    except SftopsError as e:
        _fail(str(e))
    if dotted:
        write_overrides(params, dotted)


@app.command()
def run(params: ParamsOption = Path("params.yaml"), set_param: SetOption = None, preset: PresetOption = None) -> None:
    """Run the whole pipeline (base_model → prepare → validate → train → evaluate → register → gate → report)."""
    apply_set_params(params, set_param or [], preset)
    from flows.pipeline import StageFailed, sft_pipeline

    try:
        result = sft_pipeline(root=str(params.resolve().parent))
    except StageFailed as e:  # already in the Prefect log with its context; say it once, plainly, and exit 1
        _fail(str(e), code=1)
    version = result["model_version"]
    typer.echo(f"registered {version['model_uri']} (version {version['version']})")
    if result.get("gate") is not None:
        from tasks.core.gate_decision import plain_summary

        typer.echo(f"promotion gate: {plain_summary(result['gate'])}")
    typer.echo(f"report: {ProjectPaths(params.resolve().parent).report}")


@app.command("retrain")
def retrain_once(
    params: ParamsOption = Path("params.yaml"),
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="train, register and gate even when nothing changed (e.g. the MLflow store was wiped or is new)",
        ),
    ] = False,
) -> None:
    """Retrain now if the data or the params changed since the newest registered version; the gate decides."""
    try:
        resolve(params, [])
    except SftopsError as e:
        _fail(str(e))
    from flows.pipeline import StageFailed
    from flows.retrain import retrain

    try:
        result = retrain(root=str(params.resolve().parent), force=force)
    except StageFailed as e:
        _fail(str(e), code=1)
    typer.echo(result["summary"])


@app.command()
def sweep(params: ParamsOption = Path("params.yaml"), set_param: SetOption = None) -> None:
    """Run every variant of params `sweep` as a DVC experiment up to evaluate (nothing is registered); variants
    already run with the same params and data are reused; ends with the dashboard (reports/compare/<name>.html).
    Ship one with `dvc exp apply <exp>` then `sftops run`."""
    apply_set_params(params, set_param or [])
    from flows.sweep import DashboardFailed, VariantFailed, result_path
    from flows.sweep import sweep as sweep_flow

    paths = ProjectPaths(params.resolve().parent)
    try:
        result = sweep_flow(root=str(paths.root))
    except (VariantFailed, DashboardFailed) as e:  # already in the Prefect log and outputs/sweep/<name>.json
        done = result_path(paths, resolve(params, []).sweep.name)
        built = json.loads(done.read_text(encoding="utf-8")).get("dashboard") if done.is_file() else None
        _fail(str(e) + (f"\ndashboard of the variants that finished: {built}" if built else ""), code=1)
    except SftopsError as e:
        _fail(str(e))
    for v in result["variants"]:
        exp = f"DVC experiment {v['dvc_exp']}" if v["dvc_exp"] else "no DVC experiment"
        typer.echo(f"{v['variant']}: {v['status']}, MLflow run {v['run_id']}, {exp}")
    name = result["sweep"]
    typer.echo(
        f"sweep {name}: MLflow parent run {result['parent_run_id']}; result {result_path(paths, name)}\n"
        f"dashboard: {result['dashboard']}\n"
        f"logged to MLflow: {result['dashboard_uri']}\n"
        f"ship one: dvc exp apply <experiment> && sftops run"
    )


@app.command()
def serve(params: ParamsOption = Path("params.yaml")) -> None:
    """Serve the retrain flow on the cron schedule of params `schedule` until stopped (Ctrl-C)."""
    try:
        resolved = resolve(params, [])
    except SftopsError as e:
        _fail(str(e))
    from prefect.settings import PREFECT_API_URL

    from flows.retrain import FLOW_NAME, cron_schedule
    from flows.retrain import serve as serve_retrain

    schedule, root = resolved.schedule, params.resolve().parent
    try:
        cron_schedule(schedule)
    except SftopsError as e:
        _fail(str(e))
    if not PREFECT_API_URL.value():  # Prefect's temporary server runs no scheduler: the cron would never fire
        _fail(
            "sftops serve needs a Prefect server to schedule runs: start one with `prefect server start` (or "
            "`sftops ui --prefect`), then `prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api`"
        )
    typer.echo(
        f"serving {FLOW_NAME}/{schedule.deployment} on cron {schedule.cron!r} ({schedule.timezone}) for {root}\n"
        f"run it now with: prefect deployment run '{FLOW_NAME}/{schedule.deployment}'"
    )
    serve_retrain(root, schedule)


@app.command("params")
def show_params(
    params: ParamsOption = Path("params.yaml"), set_param: SetOption = None, preset: PresetOption = None
) -> None:
    """Validate params.yaml (with a preset and overrides) and print the fully resolved params."""
    try:
        resolved = resolve(params, set_param or [], preset)
    except SftopsError as e:
        _fail(str(e))
    typer.echo(yaml.safe_dump(resolved.to_dict(), sort_keys=False))


@app.command()
def compare(
    sweep: Annotated[str | None, typer.Option("--sweep", help="the variants of this sweep (its parent run)")] = None,
    run_ids: Annotated[
        list[str] | None, typer.Option("--run", help="an MLflow run id (repeatable): runs made with or without a sweep")
    ] = None,
    experiment: Annotated[
        str | None, typer.Option("--experiment", help="every pipeline run of this MLflow experiment")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="HTML file [reports/compare/<name>.html]")] = None,
    log: Annotated[
        bool, typer.Option("--log/--no-log", help="log the page to MLflow (the sweep's parent run or a new run)")
    ] = True,
    params: ParamsOption = Path("params.yaml"),
) -> None:
    """Compare variants side by side in one self-contained HTML page: metrics vs the base model and the champion,
    probe scores, loss curves, length calibration, data cards."""
    from tasks.core.stage import setup_logging
    from tasks.tools.compare import Selection, build_dashboard

    setup_logging()
    try:
        resolved = resolve(params, [])
        selection = Selection(sweep=sweep, run_ids=tuple(run_ids or ()), experiment=experiment)
        selection.check()
        result = build_dashboard(selection, resolved, ProjectPaths(params.resolve().parent), out=out, log_to_mlflow=log)
    except SftopsError as e:
        _fail(str(e))
    typer.echo(f"dashboard: {result.html_path}")
    if result.artifact_uri:
        typer.echo(f"logged to MLflow: {result.artifact_uri}")


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="new directory for the standalone model")],
    dtype: Annotated[str, typer.Option(help="float32 | bfloat16 | float16")] = "float32",
) -> None:
    """Merge the trained adapter into its base and save one standalone transformers model (with tokenizer)."""
    from tasks.core.stage import setup_logging
    from tasks.tools.export import export as export_model

    setup_logging()
    if dtype not in {"float32", "bfloat16", "float16"}:
        _fail(f"--dtype {dtype!r}: expected float32, bfloat16 or float16")
    try:
        written = export_model(ProjectPaths.here(), out, dtype)
    except SftopsError as e:
        _fail(str(e), code=3)
    typer.echo(f"exported to {written}: AutoModelForCausalLM.from_pretrained({str(written)!r})")


@app.command()
def ui(
    port: Annotated[int, typer.Option(help="MLflow UI port")] = 5000,
    prefect: Annotated[bool, typer.Option("--prefect", help="also start the Prefect server (port 4200)")] = False,
) -> None:
    """Start the MLflow UI (and optionally the Prefect UI), bound to 127.0.0.1 only."""
    from tasks.core.tracking import tracking_uri

    uri = tracking_uri(ProjectPaths.here())
    procs = []
    if prefect:
        prefect_bin = shutil.which("prefect") or str(Path(sys.executable).parent / "prefect")
        procs.append(subprocess.Popen([prefect_bin, "server", "start", "--host", "127.0.0.1"]))
        typer.echo("Prefect UI: http://127.0.0.1:4200")
    typer.echo(f"MLflow UI: http://127.0.0.1:{port}  (store: {uri})")
    cmd = [sys.executable, "-m", "mlflow", "ui", "--backend-store-uri", uri, "--host", "127.0.0.1", "--port", str(port)]
    try:
        subprocess.run(cmd, check=False, env=os.environ)
    finally:
        for p in procs:
            p.terminate()


@app.command()
def plan(
    model: Annotated[
        str | None,
        typer.Option("--model", help="known architecture (llama-3-8b ...), hub id, or a dir with config.json"),
    ] = None,
    params_b: Annotated[float | None, typer.Option("--params-b", help="model size in billions (generic shape)")] = None,
    method: Annotated[str, typer.Option(help="full | lora | qlora | all")] = "all",
    seq_len: Annotated[int | None, typer.Option(help="tokens per sequence [data.max_seq_len]")] = None,
    batch_size: Annotated[int | None, typer.Option(help="micro-batch per GPU [train.batch_size]")] = None,
    grad_accum: Annotated[
        int | None, typer.Option(help="gradient accumulation steps [train.gradient_accumulation_steps]")
    ] = None,
    gpus: Annotated[int | None, typer.Option(help="GPU count [num_processes of train.accelerate_config]")] = None,
    gpu: Annotated[str | None, typer.Option(help="only this GPU type (h100, a100-80gb, l40s, rtx4090, ...)")] = None,
    shard: Annotated[
        bool | None, typer.Option("--shard/--no-shard", help="FSDP full shard (default unless the config is DDP)")
    ] = None,
    gradient_checkpointing: Annotated[
        bool | None,
        typer.Option("--gradient-checkpointing/--no-gradient-checkpointing", help="[train / FSDP config]"),
    ] = None,
    fp32_master: Annotated[
        bool, typer.Option("--fp32-master", help="full: + fp32 master weights (16 B/param)")
    ] = False,
    lora_r: Annotated[int | None, typer.Option(help="LoRA rank [train.lora.r]")] = None,
    dataset_rows: Annotated[
        int | None, typer.Option(help="rows in the dataset [known hub sizes, local .jsonl]")
    ] = None,
    train_share: Annotated[float | None, typer.Option(help="share of rows trained on [1 - data.split shares]")] = None,
    epochs: Annotated[int | None, typer.Option(help="[train.epochs]")] = None,
    tokens: Annotated[float | None, typer.Option(help="total training tokens, all epochs (instead of rows)")] = None,
    tokens_per_row: Annotated[int | None, typer.Option(help="mean tokens per row [--seq-len: an upper bound]")] = None,
    mfu: Annotated[float | None, typer.Option(help="share of peak FLOP/s reached [full, lora 0.4; qlora 0.25]")] = None,
    preset: PresetOption = None,
    params: Annotated[Path | None, typer.Option("--params", help="params file [params.yaml if present]")] = None,
    set_param: SetOption = None,
) -> None:
    """Estimate memory per GPU and training time for full / LoRA / QLoRA; say which GPUs each fits. What it plans
    is the run `sftops run` would do with the same --params, --preset and -S; the options below override that."""
    from rich.console import Console

    from tasks.tools.plan import PlanOptions, make_plan, render, resolve_inputs

    given = {k: v for k, v in locals().items() if k in PlanOptions.__dataclass_fields__}
    default = Path("params.yaml")
    params_path = params if params is not None else default if default.is_file() else None  # None: the defaults
    try:
        resolved = resolve(params_path, set_param or [], preset)
        preset_method = read_preset(preset).get("train.method") if preset else None
        options = PlanOptions(**given, preset_method=preset_method)
        if params_path is not None:
            root = params_path.resolve().parent
        else:  # configs/presets/x.yaml -> the project its relative paths (accelerate configs) name
            root = preset.resolve().parent.parent.parent if preset else Path.cwd()
        result = make_plan(resolve_inputs(options, resolved, root))
    except SftopsError as e:
        _fail(str(e))
    render(result, Console(width=max(shutil.get_terminal_size((130, 24)).columns, 100)))


if __name__ == "__main__":
    app()
