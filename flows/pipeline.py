"""Prefect flow `sft-pipeline`: one run of the dvc.yaml DAG, stage by stage.

dvc.yaml is the one definition of the DAG; this flow reads the stage order from it and runs each stage with
``dvc repro --single-item <stage>``, so a flow run updates dvc.lock exactly like ``dvc repro`` and skips
stages whose inputs did not change. What Prefect adds: a task run per stage with its logs, retries of
crashed stages (``flow.retries``), the run report and the promotion gate's decision as markdown artifacts, and
a UI and schedules.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections import deque
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import yaml
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from tasks.core.dvc import dvc_executable, stage_env
from tasks.core.errors import SftopsError
from tasks.core.gate_decision import render_markdown
from tasks.core.io import read_json
from tasks.core.params import load_params
from tasks.core.paths import ProjectPaths
from tasks.core.stage import NOT_RETRYABLE

PROGRESS_BAR = re.compile(r"\d+%\|")
# DVC's per-stage advice about git and remotes: true, but noise in a flow log
DVC_ADVICE = (
    "To track the changes with git",
    "git add ",
    "To enable auto staging",
    "dvc config core.autostage",
    "Use `dvc push`",
)


class StageFailed(RuntimeError):
    def __init__(self, stage: str, returncode: int, tail: list[str]) -> None:
        self.stage, self.returncode = stage, returncode
        detail = "\n".join(tail)
        super().__init__(f"stage {stage!r} failed (exit code {returncode}):\n{detail}")


def stage_order(dvc_yaml: Path) -> list[str]:
    """Topological order of the stages in dvc.yaml: a stage runs after every stage whose outs it depends on."""
    stages = yaml.safe_load(dvc_yaml.read_text(encoding="utf-8"))["stages"]

    def paths_of(entries: list[Any]) -> list[str]:
        return [next(iter(e)) if isinstance(e, dict) else str(e) for e in entries or []]

    produced = {
        out: name
        for name, spec in stages.items()
        for key in ("outs", "metrics", "plots")
        for out in paths_of(spec.get(key))
    }
    graph: dict[str, set[str]] = {}
    for name, spec in stages.items():
        graph[name] = {
            producer
            for dep in paths_of(spec.get("deps"))
            for out, producer in produced.items()
            if producer != name and (dep == out or dep.startswith(out + "/") or out.startswith(dep + "/"))
        }
    return list(TopologicalSorter(graph).static_order())


def stream_output(proc: subprocess.Popen[str], logger: Any, tail: deque[str]) -> None:
    """Forward the stage's output to the Prefect log; progress bars at most every 15 s or when done."""
    last_bar = 0.0
    assert proc.stdout is not None
    for raw in proc.stdout:
        line = raw.rstrip()
        if not line:
            continue
        tail.append(line)
        if line.strip().startswith(DVC_ADVICE):
            continue
        if PROGRESS_BAR.search(line) and "100%|" not in line and time.monotonic() - last_bar < 15:
            continue
        if PROGRESS_BAR.search(line):
            last_bar = time.monotonic()
        logger.info(line)


DVC_STAGE_EXIT = re.compile(r"failed to run: .*, exited with (\d+)")


def stage_exit_code(dvc_returncode: int, tail: deque[str]) -> int:
    """The stage command's own exit code: dvc repro exits 255 whatever the command returned."""
    for line in reversed(tail):
        match = DVC_STAGE_EXIT.search(line)
        if match:
            return int(match.group(1))
    return dvc_returncode


def retry_unless_user_error(task_: Any, task_run: Any, state: Any) -> bool:
    try:
        state.result()
    except StageFailed as e:
        return e.returncode not in NOT_RETRYABLE
    except Exception:  # anything else (a lost process, an I/O hiccup) is worth another try
        return True
    return False


@task(task_run_name="{stage}", retry_condition_fn=retry_unless_user_error)
def run_stage(stage: str, root: str, force: bool = False) -> str:
    logger = get_run_logger()
    cmd = [dvc_executable(), "repro", "--single-item", *(["--force"] if force else []), stage]
    logger.info("$ %s", " ".join(cmd))
    tail: deque[str] = deque(maxlen=25)
    proc = subprocess.Popen(
        cmd, cwd=root, env=stage_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    stream_output(proc, logger, tail)
    returncode = stage_exit_code(proc.wait(), tail)
    if returncode != 0:
        errors = [line for line in tail if line.startswith(("error", "ERROR", "  - ", "(full result"))]
        create_markdown_artifact(
            key=f"failed-{stage.replace('_', '-')}",
            markdown=f"# Stage `{stage}` failed\n\n```\n" + "\n".join(errors or list(tail)) + "\n```\n",
            description=f"why stage {stage} failed",
        )
        raise StageFailed(stage, returncode, errors or list(tail))
    skipped = any("didn't change, skipping" in line for line in tail)
    return "skipped (up to date)" if skipped else "ran"


def publish_gate_decision(paths: ProjectPaths) -> dict[str, Any] | None:
    """Publish the promotion gate's decision (outputs/gate/decision.json) as the `gate-decision` markdown
    artifact; return the decision, or None when the gate has not run."""
    if not paths.gate_decision.is_file():
        return None
    decision = read_json(paths.gate_decision)
    outcome = decision["decision"].replace("_", " ")
    title = f"# Promotion gate: `{decision['model']}` version {decision['version']} {outcome}"
    create_markdown_artifact(
        key="gate-decision",
        markdown=f"{title}\n\n{render_markdown(decision)}",
        description=f"promotion gate: {outcome}",
    )
    return decision


@flow(name="sft-pipeline", log_prints=True)
def sft_pipeline(root: str = ".", force_from: str | None = None) -> dict[str, Any]:
    """Run every dvc.yaml stage in order and publish the run report.

    ``force_from``: this stage and every later one run even when DVC finds them up to date (``--force``)."""
    paths = ProjectPaths(Path(root).resolve())
    params = load_params(paths.params)
    logger = get_run_logger()
    stages = stage_order(paths.root / "dvc.yaml")
    if force_from is not None and force_from not in stages:
        raise SftopsError(f"force_from={force_from!r}: dvc.yaml has no such stage (stages: {', '.join(stages)})")
    forced = stages[stages.index(force_from) :] if force_from else []
    outcome: dict[str, str] = {}
    for stage in stages:
        started = time.perf_counter()
        outcome[stage] = run_stage.with_options(
            retries=params.flow.retries, retry_delay_seconds=params.flow.retry_delay_s
        )(stage, str(paths.root), force=stage in forced)
        logger.info("stage %s: %s in %.1f s", stage, outcome[stage], time.perf_counter() - started)
    report = paths.report.read_text(encoding="utf-8")
    create_markdown_artifact(key="sft-report", markdown=report, description="sftops run report")
    gate = publish_gate_decision(paths)
    return {
        "stages": outcome,
        "model_version": read_json(paths.model_version),
        "eval": read_json(paths.metrics("eval")),
        "gate": gate,
    }


if __name__ == "__main__":
    sft_pipeline()
