"""`sftops`: the command line (a typer app).

sftops run [-S train.epochs=1 ...]   run the Prefect flow over the dvc.yaml stages
sftops params [-S ...]               print the resolved, validated params
sftops export OUT                    the adapter merged into its base: one standalone model
sftops ui [--prefect]                MLflow UI (and the Prefect UI) on 127.0.0.1
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml

from tasks.core.errors import SftopsError
from tasks.core.params import Params, apply_overrides, parse_override, read_params_file, validate_params
from tasks.core.paths import ProjectPaths

app = typer.Typer(
    help="sftops: validated data, LoRA SFT, lm-eval probes, MLflow registry, DVC lineage.",
    no_args_is_help=True,
    add_completion=False,
)

ParamsOption = Annotated[Path, typer.Option("--params", help="params file (in the project root)")]
SetOption = Annotated[
    list[str] | None,
    typer.Option("--set-param", "-S", help="override KEY=VALUE (YAML value), e.g. -S train.epochs=1; repeatable"),
]


def _fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def resolve(params_path: Path, overrides: list[str]) -> Params:
    """Validate params.yaml with the overrides applied, before any work starts."""
    raw = read_params_file(params_path)
    return validate_params(apply_overrides(raw, overrides), source=str(params_path))


def write_overrides(params_path: Path, overrides: list[str]) -> None:
    """Write overrides into params.yaml (comments kept), as `dvc exp run -S` does, so DVC sees them."""
    from ruamel.yaml import YAML

    rt = YAML()
    rt.preserve_quotes = True
    doc = rt.load(params_path.read_text(encoding="utf-8")) or {}
    for text in overrides:
        keys, value = parse_override(text)
        node = doc
        for part in keys[:-1]:
            node = node.setdefault(part, {})
        node[keys[-1]] = value
    with params_path.open("w", encoding="utf-8") as f:
        rt.dump(doc, f)


@app.command()
def run(params: ParamsOption = Path("params.yaml"), set_param: SetOption = None) -> None:
    """Run the whole pipeline (base_model → prepare → validate → train → evaluate → register → report)."""
    overrides = set_param or []
    try:
        resolve(params, overrides)
    except SftopsError as e:
        _fail(str(e))
    if overrides:
        write_overrides(params, overrides)
    from flows.sft_pipeline import StageFailed, sft_pipeline

    try:
        result = sft_pipeline(root=str(params.resolve().parent))
    except StageFailed as e:  # already in the Prefect log with its context; say it once, plainly, and exit 1
        _fail(str(e), code=1)
    version = result["model_version"]
    typer.echo(
        f"registered {version['model_uri']} (version {version['version']}); "
        f"report: {ProjectPaths(params.resolve().parent).report}"
    )


@app.command("params")
def show_params(params: ParamsOption = Path("params.yaml"), set_param: SetOption = None) -> None:
    """Validate params.yaml (with overrides) and print the fully resolved params."""
    try:
        resolved = resolve(params, set_param or [])
    except SftopsError as e:
        _fail(str(e))
    typer.echo(yaml.safe_dump(resolved.to_dict(), sort_keys=False))


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="new directory for the standalone model")],
    dtype: Annotated[str, typer.Option(help="float32 | bfloat16 | float16")] = "float32",
) -> None:
    """Merge the trained adapter into its base and save one standalone transformers model (with tokenizer)."""
    from tasks.core.cli import setup_logging
    from tasks.export import export as export_model

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


if __name__ == "__main__":
    app()
