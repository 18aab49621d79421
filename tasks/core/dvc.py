"""DVC as sftops uses it: the dvc of this venv, dvc.lock's hashes (lineage tags) and `dvc status` (the one owner).

dvc.lock is written by DVC after each stage; the hash of a stage out there is the identity DVC uses for
caching, so it is the identity we tag models with. `dvc status --json STAGE` says which of a stage's deps no
longer match dvc.lock: retrain reads it to decide whether the data changed, sweep to trust dvc.lock's hashes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tasks.core import tags
from tasks.core.data_sources import RAW_DIR
from tasks.core.errors import SftopsError

PREPARED_DIR = "data/prepared"  # the prepare stage's data out in dvc.yaml


def read_lock(root: Path) -> dict[str, Any]:
    path = root / "dvc.lock"
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def out_hash(root: Path, stage: str, out_path: str) -> str | None:
    """The md5 DVC recorded for ``out_path`` of ``stage`` (None when the stage has not run under DVC)."""
    for out in read_lock(root).get("stages", {}).get(stage, {}).get("outs", []):
        if out.get("path") == out_path:
            return out.get("md5")
    return None


def dep_hash(root: Path, stage: str, dep_path: str) -> str | None:
    for dep in read_lock(root).get("stages", {}).get(stage, {}).get("deps", []):
        if dep.get("path") == dep_path:
            return dep.get("md5")
    return None


def data_lineage_tags(root: Path, missing: str = "") -> dict[str, str]:
    """``sftops.data.*`` tags for an MLflow run or model version: the DVC hashes of the prepared data (the
    prepare stage's out) and of data/raw (its data dep), as dvc.lock records them; ``missing`` where the
    prepare stage has not run under DVC (``dvc repro`` and ``sftops run`` update dvc.lock after each stage).
    """
    return {
        tags.PREPARED_PATH: PREPARED_DIR,
        tags.PREPARED_MD5: out_hash(root, "prepare", PREPARED_DIR) or missing,
        tags.RAW_PATH: RAW_DIR,
        tags.RAW_MD5: dep_hash(root, "prepare", RAW_DIR) or missing,
    }


def dvc_executable() -> str:
    """The dvc installed beside this interpreter (the project's venv), else whatever is on PATH."""
    beside = Path(sys.executable).parent / "dvc"
    return str(beside) if beside.is_file() else "dvc"


def stage_env() -> dict[str, str]:
    """Make `python` in dvc.yaml commands the interpreter running this process (the project's venv)."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def run_dvc(args: list[str], root: Path) -> subprocess.CompletedProcess[str]:
    """A dvc command of this venv in ``root``; raises :class:`SftopsError` with its output when it fails."""
    cmd = [dvc_executable(), *args]
    proc = subprocess.run(cmd, cwd=root, env=stage_env(), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SftopsError(f"`{' '.join(cmd)}` failed in {root} (exit code {proc.returncode}):\n{proc.stderr[-2000:]}")
    return proc


@dataclass(frozen=True)
class StageStatus:
    """What `dvc status --json STAGE` says of one stage: its entries, empty when the stage is up to date.

    A stage that never ran has no lock entry; DVC then reports its deps as changed, which is what callers want."""

    stage: str
    entries: tuple[Any, ...]

    @property
    def up_to_date(self) -> bool:
        return not self.entries

    @property
    def changed_deps(self) -> dict[str, Any]:
        """Deps that differ from dvc.lock, path -> DVC's word for it ("modified", "deleted", "new")."""
        return next((e["changed deps"] for e in self.entries if isinstance(e, dict) and "changed deps" in e), {})


def stage_status(root: Path, stage: str) -> StageStatus:
    out = run_dvc(["status", "--json", stage], root).stdout
    try:
        report = json.loads(out or "{}")
    except json.JSONDecodeError as e:
        raise SftopsError(f"`dvc status --json {stage}` in {root} printed no JSON: {out[:500]!r}") from e
    return StageStatus(stage, tuple(report.get(stage, [])))
