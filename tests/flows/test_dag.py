"""dvc.yaml is the one DAG: the flow's stage order comes from it and each stage's params exist."""

from __future__ import annotations

import importlib

import yaml

from flows.sft_pipeline import stage_order
from tasks.core.params import Params
from tests.helpers import REPO

STAGES = ["base_model", "prepare", "data_card", "validate", "train", "evaluate", "register", "gate", "report"]


def test_flow_runs_the_stages_in_dependency_order() -> None:
    assert stage_order(REPO / "dvc.yaml") == STAGES


def test_every_stage_runs_its_own_module_and_reads_existing_params() -> None:
    stages = yaml.safe_load((REPO / "dvc.yaml").read_text())["stages"]
    resolved = Params().to_dict()
    for name, spec in stages.items():
        assert spec["cmd"] == f"python -m tasks.{name}", f"{name}: unexpected cmd {spec['cmd']!r}"
        module = importlib.import_module(f"tasks.{name}")
        assert callable(getattr(module, "run", None)), f"tasks.{name} has no run()"
        assert f"tasks/{name}.py" in spec["deps"], f"{name}: its own module must be a dep"
        for key in spec.get("params", []):
            node = resolved
            for part in key.split("."):
                assert isinstance(node, dict) and part in node, f"{name}: params key {key!r} is not in params"
                node = node[part]
