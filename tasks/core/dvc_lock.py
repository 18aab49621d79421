"""Read data and model hashes from dvc.lock, for lineage tags.

dvc.lock is written by DVC after each stage; the hash of a stage out there is the identity DVC uses for
caching, so it is the identity we tag models with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tasks.core import tags
from tasks.core.data_sources import RAW_DIR

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
