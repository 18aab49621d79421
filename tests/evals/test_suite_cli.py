"""The probe suite through lm-eval's own CLI, as a user without sftops would run it (tiny model, 2 items each)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from tests.helpers import run_cmd

REPO = Path(__file__).resolve().parents[2]
EVALS = REPO / "evals"
LM_EVAL = Path(sys.executable).parent / "lm_eval"


def _probe_folders() -> set[str]:
    """Task folders tagged sft_probes (sft_heldout is tagged sft_core, sycophancy_false_claim sft_probes_extra)."""
    tagged = re.compile(r"^tag: sft_probes(?![\w])", re.M)
    return {p.parent.name for p in EVALS.glob("*/*.yaml") if tagged.search(p.read_text(encoding="utf-8"))}


def test_stock_cli_runs_every_probe(tiny_model_dir: Path, tmp_path: Path) -> None:
    heldout = tmp_path / "heldout.jsonl"
    rows = [{"id": f"h{i}", "prompt": f"Name colour number {i}.", "response": "Blue is a colour."} for i in range(3)]
    heldout.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cmd(
        [
            str(LM_EVAL),
            "--model", "hf",
            "--model_args", f"pretrained={tiny_model_dir}",
            "--include_path", str(EVALS),
            "--tasks", "sft_probes",
            "--apply_chat_template",
            "--limit", "2",
            "--batch_size", "4",
            "--device", "cpu",
            "--metadata", json.dumps({"heldout_path": str(heldout)}),
            "--output_path", str(out),
        ],
        cwd=tmp_path,
        timeout=900,
    )  # fmt: skip
    output = f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    assert result.returncode == 0, f"lm_eval exited {result.returncode}\n{output}"
    [results_file] = list(out.rglob("results_*.json"))
    results = json.loads(results_file.read_text(encoding="utf-8"))
    probes = _probe_folders()
    assert len(probes) >= 6, probes
    assert probes <= set(results["results"]), f"missing from the CLI results: {probes - set(results['results'])}"
    for probe in probes:
        assert results["higher_is_better"][probe], f"{probe} declares no metric direction"
