"""dvc.yaml's deps follow the code: each stage depends on exactly the project code it imports, and on data.

A stage's code is the import closure of ``tasks/<stage>.py`` inside the project (its module, the core modules and
helper packages it reaches, import by import, at any depth and inside functions too). An edit to any file of it
must make ``dvc status`` report the stage changed, and a file outside it must not: so dvc.yaml lists exactly
that closure. Generators and label sets are never a stage's dependency (.dvcignore keeps them out of the
directories stages depend on), so editing one re-runs nothing and retrain's "data changed" means data.
"""

from __future__ import annotations

import ast
import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO

CODE_ROOTS = ("tasks", "flows")  # project packages: a dep under one of these is code
# read at run time by a stage, not imported: lm-eval loads the task folders (and their utils.py the judge)
RUNTIME_FOLDERS = {"evaluate": {"evals"}}
# never a stage's dependency: generators of data and items, hand-written sources, label sets
NOT_DEPENDENCIES = ("build_", "/sources/", "labels.jsonl", "evals/judge/labels/", "data/sample/")


def _stages(dvc_yaml: Path = REPO / "dvc.yaml") -> dict:
    return yaml.safe_load(dvc_yaml.read_text(encoding="utf-8"))["stages"]


def _is_code(path: Path) -> bool:
    """A .py file with more than a docstring (an __init__.py that only documents its package is not code)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    body = tree.body[1:] if tree.body and isinstance(tree.body[0], ast.Expr) else tree.body
    return bool(body)


def _module_file(root: Path, dotted: str) -> Path | None:
    base = root.joinpath(*dotted.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_modules(path: Path) -> set[str]:
    """Every module an import statement in ``path`` names (``from a.b import c`` names a.b and a.b.c)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {n for n in names if n.split(".")[0] in CODE_ROOTS}


def import_closure(root: Path, module: str) -> set[str]:
    """The project files (relative paths) that importing ``module`` executes, packages' __init__ included."""
    seen: set[Path] = set()
    todo = [module]
    while todo:
        dotted = todo.pop()
        parts = dotted.split(".")
        for depth in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__, a/b/__init__, then a/b/c
            found = _module_file(root, ".".join(parts[:depth]))
            if found is not None and found not in seen:
                seen.add(found)
                todo.extend(_imported_modules(found))
    return {p.relative_to(root).as_posix() for p in seen if _is_code(p)}


def _code_files(root: Path, dep: str) -> set[str]:
    path = root / dep
    files = sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.suffix == ".py" else []
    return {p.relative_to(root).as_posix() for p in files if "__pycache__" not in p.parts and _is_code(p)}


def dependency_errors(stages: dict, root: Path = REPO) -> list[str]:
    """What dvc.yaml gets wrong about the stages' code: files a stage imports but does not list, and code it
    lists but does not import."""
    errors = []
    for name, spec in stages.items():
        closure = import_closure(root, f"tasks.{name}")
        deps = [next(iter(d)) if isinstance(d, dict) else str(d) for d in spec.get("deps", [])]
        code_deps = [d for d in deps if d.split("/")[0] in CODE_ROOTS]
        listed = set().union(*(_code_files(root, d) for d in code_deps)) if code_deps else set()
        for missing in sorted(closure - listed):
            errors.append(f"{name}: imports {missing} but dvc.yaml does not list it")
        for extra in sorted(listed - closure):
            errors.append(f"{name}: dvc.yaml lists {extra} but the stage does not import it")
        for folder in RUNTIME_FOLDERS.get(name, set()) - set(deps):
            errors.append(f"{name}: reads {folder}/ at run time but dvc.yaml does not list it")
    return errors


def test_every_stage_depends_on_exactly_the_code_it_imports() -> None:
    errors = dependency_errors(_stages())
    assert not errors, "dvc.yaml deps do not follow the code:\n" + "\n".join(errors)


@pytest.mark.parametrize(("stage", "dep"), [("train", "tasks/training"), ("prepare", "tasks/core/params.py")])
def test_the_check_fails_when_a_dep_is_removed(stage: str, dep: str) -> None:
    stages = copy.deepcopy(_stages())
    assert dep in stages[stage]["deps"], f"{stage}: expected {dep} in dvc.yaml to remove it"
    stages[stage]["deps"].remove(dep)
    errors = dependency_errors(stages)
    assert any(e.startswith(f"{stage}: imports {dep}") for e in errors), errors


def test_the_check_fails_when_a_stage_lists_code_it_does_not_import() -> None:
    stages = copy.deepcopy(_stages())
    stages["base_model"]["deps"].append("tasks/core/paired.py")
    errors = dependency_errors(stages)
    assert "base_model: dvc.yaml lists tasks/core/paired.py but the stage does not import it" in errors, errors


def test_no_stage_imports_another_stage_or_a_flow() -> None:
    stages = set(_stages())
    for name in stages:
        closure = import_closure(REPO, f"tasks.{name}")
        others = {f"tasks/{s}.py" for s in stages - {name}} & closure
        assert not others, f"{name} imports the stage(s) {sorted(others)}"
        assert not {f for f in closure if f.startswith("flows/")}, f"{name} imports flows/"


def _dvc_visible_files(root: Path, dep: str) -> list[str]:
    """The files DVC hashes for a dep (.dvcignore applied)."""
    from dvc.repo import Repo

    repo = Repo(str(root))
    path = root / dep
    if not path.is_dir():
        return [dep]
    return [
        Path(dirpath, f).relative_to(root).as_posix()
        for dirpath, _, files in repo.dvcignore.walk(repo.fs, str(path))
        for f in files
    ]


def test_generators_and_label_sets_are_no_stage_dependency() -> None:
    offenders = []
    for name, spec in _stages().items():
        for entry in spec.get("deps", []):
            dep = next(iter(entry)) if isinstance(entry, dict) else str(entry)
            if "${" in dep:
                continue
            for file in _dvc_visible_files(REPO, dep):
                if any(marker in file for marker in NOT_DEPENDENCIES) or file.endswith("README.md"):
                    offenders.append(f"{name}: {file}")
    assert not offenders, "generators, sources, labels or docs inside a stage's deps:\n" + "\n".join(offenders)


# --- what a user sees: dvc status after an edit ------------------------------------------------------------------


def _run(root: Path, *cmd: str) -> str:
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def locked_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose dvc.lock records every stage's code and data deps as they are now: dvc.yaml's
    stages with their deps kept (those other stages make are left out, nothing has run) and a no-op command,
    reproduced once. `dvc status` there answers "would this edit re-run the stage?" in seconds."""
    root = tmp_path_factory.mktemp("dvc_status") / "project"
    tracked = _run(REPO, "git", "ls-files").splitlines()
    for rel in tracked:
        if (REPO / rel).is_file() and not rel.startswith(("tests/", "benchmarks/", "docs/")):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, root / rel)
    _run(root, "git", "init", "-q")
    params = yaml.safe_load((root / "params.yaml").read_text(encoding="utf-8"))
    stages = {}
    for name, spec in _stages(root / "dvc.yaml").items():
        deps = [next(iter(d)) if isinstance(d, dict) else str(d) for d in spec.get("deps", [])]
        deps = [d.replace("${train.accelerate_config}", params["train"]["accelerate_config"]) for d in deps]
        stages[name] = {"cmd": "echo ok", "deps": [d for d in deps if (root / d).exists()]}
    (root / "dvc.yaml").write_text(yaml.safe_dump({"stages": stages}), encoding="utf-8")
    dvc = str(Path(sys.executable).parent / "dvc")
    _run(root, dvc, "repro", "--quiet")
    return root


def _changed_stages(root: Path) -> set[str]:
    out = _run(root, str(Path(sys.executable).parent / "dvc"), "status", "--json")
    return {name for name, entries in json.loads(out or "{}").items() if entries}


@pytest.mark.parametrize(
    ("edited", "changed"),
    [
        ("tasks/training/packing.py", {"train"}),
        ("tasks/core/params.py", {"base_model", "prepare", "data_card", "validate", "train", "evaluate"}),
        ("data/sample/build_sample.py", set()),  # the sample's generator: prepare stays up to date
        ("evals/judge/labels/README.md", set()),
        ("data/raw/sft_sample.jsonl", {"prepare"}),
    ],
)
def test_dvc_status_after_an_edit(locked_copy: Path, edited: str, changed: set[str]) -> None:
    # given a workspace whose stages are up to date
    assert _changed_stages(locked_copy) == set(), "the locked copy should start up to date"
    path = locked_copy / edited
    before = path.read_bytes()
    try:
        # when one file is edited (a comment, or a row of data)
        path.write_bytes(before + (b"\n" if edited.endswith(".jsonl") else b"\n# edited\n"))
        # then dvc status reports the stages that depend on it, and only those
        got = _changed_stages(locked_copy)
        assert changed <= got, f"editing {edited}: dvc status misses {sorted(changed - got)}"
        if not changed:
            assert got == set(), f"editing {edited} should re-run nothing, dvc status says {sorted(got)}"
    finally:
        path.write_bytes(before)
