"""base_model: local directories go through from_pretrained; an unreachable hub id is one clear error."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_cmd


def test_a_local_model_directory_is_materialised_as_safetensors(tmp_path: Path, tiny_model_dir: Path) -> None:
    (tmp_path / "params.yaml").write_text(f"model:\n  name_or_path: {tiny_model_dir}\n")
    result = run_cmd(["python", "-m", "tasks.base_model"], cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    out = tmp_path / "models/base"
    assert (out / "model.safetensors").is_file(), sorted(p.name for p in out.iterdir())
    assert not list(out.glob("*.bin")), "weights must be saved as safetensors only"
    assert json.loads((out / "sftops_source.json").read_text())["name_or_path"] == str(tiny_model_dir)


def test_an_unreachable_hub_id_fails_with_one_clear_message(tmp_path: Path) -> None:
    (tmp_path / "params.yaml").write_text("model:\n  name_or_path: example-org/not-a-cached-model\n")
    result = run_cmd(
        ["python", "-m", "tasks.base_model"],
        cwd=tmp_path,
        env={"HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")},
        timeout=300,
    )
    assert result.returncode == 3, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert "model.name_or_path='example-org/not-a-cached-model': could not load it" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
