"""dvc.yaml is the one DAG: the flow's stage order comes from it and each stage's params exist."""

from __future__ import annotations

import importlib

import yaml

from flows.pipeline import stage_order
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


def _declared_paths(stages: dict) -> set[str]:
    """Every path dvc.yaml names in deps, outs, metrics or plots (an entry may be `path` or `{path: opts}`)."""
    declared = set()
    for spec in stages.values():
        for field in ("deps", "outs", "metrics", "plots"):
            for entry in spec.get(field, []):
                declared |= set(entry) if isinstance(entry, dict) else {entry}
    return declared


# ProjectPaths entries that are not DVC-tracked on purpose: folders that only hold tracked files, and the
# checkpoints a killed train stage must keep (a DVC out is deleted before its stage reruns)
NOT_IN_DVC = {"outputs/train", "outputs/gate", "outputs/data_card", "outputs/train/checkpoints"}


def test_project_paths_agree_with_dvc_yaml() -> None:
    from tasks.core.paths import ProjectPaths

    paths = ProjectPaths(REPO)
    declared = _declared_paths(yaml.safe_load((REPO / "dvc.yaml").read_text())["stages"])
    named = {
        name: getattr(paths, name)
        for name, value in vars(ProjectPaths).items()
        if isinstance(value, property) and name not in ("params", "evals")
    }
    named |= {f"split_file({s!r})": paths.split_file(s) for s in ("train", "eval")}
    named |= {f"metrics({s!r})": paths.metrics(s) for s in ("prepare", "data_card", "validate", "train", "eval")}
    for name, path in named.items():
        relative = path.relative_to(REPO).as_posix()
        if relative in NOT_IN_DVC:
            continue
        inside = [d for d in declared if relative == d or relative.startswith(d + "/")]
        assert inside, f"ProjectPaths.{name} = {relative} is named nowhere in dvc.yaml"
