"""What the benchmarks share: the embedded base model materialised once, and scratch projects around it."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MODEL_CACHE = Path(tempfile.gettempdir()) / "sftops_bench_smollm2_model"
RAW_DATA = ROOT / "data" / "raw" / "sft_sample.jsonl"


def materialise_model() -> Path:
    """models/base of a cache project: the base_model stage's own output, made once."""
    from tasks import base_model
    from tasks.core.params import Params
    from tasks.core.paths import ProjectPaths

    paths = ProjectPaths(root=MODEL_CACHE)
    if not (paths.base_model / "model.safetensors").is_file():
        print(f"materialising SmolLM2-135M-Instruct into {paths.base_model} (once)", flush=True)
        base_model.run(Params(), paths)
    return paths.base_model


def scratch_project(root: Path, model_dir: Path, max_seq_len: int = 512) -> Any:
    """A scratch project: the cached model linked as models/base, the sample data prepared by prepare.run."""
    from tasks import prepare
    from tasks.core.params import Params
    from tasks.core.paths import ProjectPaths

    paths = ProjectPaths(root=root)
    paths.base_model.parent.mkdir(parents=True, exist_ok=True)
    paths.base_model.symlink_to(model_dir, target_is_directory=True)
    raw = root / "data" / "raw" / RAW_DATA.name
    raw.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(RAW_DATA, raw)
    params = Params.model_validate({"data": {"path": f"data/raw/{RAW_DATA.name}", "max_seq_len": max_seq_len}})
    prepare.run(params, paths)
    return paths
