"""Versioning with the real dvc CLI: raw data added with `dvc add` and prepared data (a stage out) go to a local
DVC remote and come back byte for byte; dvc.yaml's prepare stage copes with a hub dataset id as data.path."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import yaml

from tasks.core.dvc import data_lineage_tags
from tests.helpers import REPO, copy_project, run_cmd

GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com"]
NO_ANALYTICS = {"DVC_NO_ANALYTICS": "1"}
RAW = "data/raw/my_data.jsonl"
# a stand-in for the prepare stage: same dep (data/raw) and out (data/prepared) as in dvc.yaml
TOY_PREPARE = """\
import json, pathlib
rows = [json.loads(line) for f in sorted(pathlib.Path("data/raw").glob("*.jsonl")) for line in f.open()]
out = pathlib.Path("data/prepared")
out.mkdir(parents=True, exist_ok=True)
for split, part in (("train", rows[::2]), ("eval", rows[1::2])):
    (out / f"{split}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\\n" for r in part))
"""
TOY_DVC_YAML = {
    "stages": {"prepare": {"cmd": "python prepare.py", "deps": ["prepare.py", "data/raw"], "outs": ["data/prepared"]}}
}


def dvc(root: Path, *args: str) -> str:
    result = run_cmd(["dvc", *args], cwd=root, env=NO_ANALYTICS, timeout=120)
    assert result.returncode == 0, f"dvc {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def git(root: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True, text=True).stdout


def sha256_tree(path: Path) -> dict[str, str]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {str(f.relative_to(path.parent)): hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def new_repo(root: Path) -> Path:
    """A git + DVC repo with the project's DVC settings (cache link types, no analytics, .dvcignore)."""
    root.mkdir(parents=True)
    git(root, "init", "-q")
    dvc(root, "init", "-q")
    shutil.copy(REPO / ".dvc" / "config", root / ".dvc" / "config")
    shutil.copy(REPO / ".dvcignore", root / ".dvcignore")
    raw = root / RAW
    raw.parent.mkdir(parents=True)
    sample = (REPO / "data" / "raw" / "sft_sample.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    raw.write_text("".join(sample[:30]) + '{"prompt": "Grüße — 你好", "completion": "👋"}\n', encoding="utf-8")
    git(root, "add", ".dvc", ".dvcignore")  # the data file stays out of git: DVC refuses to add a git-tracked file
    git(root, "commit", "-qm", "repo")
    return root


def add_remote(root: Path, remote: Path) -> None:
    dvc(root, "remote", "add", "-d", "storage", str(remote))
    git(root, "add", ".dvc/config")
    git(root, "commit", "-qm", "remote")


def test_raw_data_added_with_dvc_comes_back_from_the_remote_byte_for_byte(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    raw = root / RAW
    before = sha256_tree(raw)
    # given: the README's commands: dvc add, commit the pointer, a default remote, push
    dvc(root, "add", RAW)
    assert (root / f"{RAW}.dvc").is_file(), "dvc add must write the .dvc pointer"
    ignored = subprocess.run(["git", "check-ignore", "-q", RAW], cwd=root)
    assert ignored.returncode == 0, f"dvc add must git-ignore {RAW}"
    git(root, "add", f"{RAW}.dvc", "data/raw/.gitignore")
    git(root, "commit", "-qm", "add raw data")
    add_remote(root, tmp_path / "remote")
    assert "1 file pushed" in dvc(root, "push")
    # when: the workspace file and the whole DVC cache are gone, and we pull
    raw.unlink()
    shutil.rmtree(root / ".dvc" / "cache")
    dvc(root, "pull")
    # then: the same bytes, and DVC sees nothing to do
    assert sha256_tree(raw) == before, "dvc pull returned different bytes than were pushed"
    assert "up to date" in dvc(root, "status"), "dvc status is not clean after the pull"


def test_prepared_outputs_push_and_pull_into_a_fresh_clone(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    (root / "prepare.py").write_text(TOY_PREPARE)
    (root / "dvc.yaml").write_text(yaml.safe_dump(TOY_DVC_YAML, sort_keys=False))
    dvc(root, "add", RAW)
    dvc(root, "repro")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "run prepare")
    add_remote(root, tmp_path / "remote")
    dvc(root, "push")
    before = {**sha256_tree(root / "data" / "prepared"), **sha256_tree(root / RAW)}
    assert len(before) == 3, before

    # when: another machine clones the git repo (no DVC cache, no data) and pulls
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
    assert not (clone / "data" / "prepared").exists() and not (clone / RAW).exists(), "data must not be in git"
    dvc(clone, "pull")

    # then: identical bytes; nothing to re-run, even with Python bytecode lying in the data dep
    after = {**sha256_tree(clone / "data" / "prepared"), **sha256_tree(clone / RAW)}
    assert after == before, "pulled prepared or raw data differs from what was pushed"
    (clone / "data" / "raw" / "__pycache__").mkdir()
    (clone / "data" / "raw" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert "up to date" in dvc(clone, "status"), "dvc status is not clean after the pull"
    assert "Running stage" not in dvc(clone, "repro"), "dvc repro re-ran prepare after a full pull"

    # and: the lineage tags carry the hashes dvc.lock records for data/prepared (out) and data/raw (dep)
    lock = yaml.safe_load((clone / "dvc.lock").read_text())["stages"]["prepare"]
    tags = data_lineage_tags(clone)
    assert tags["sftops.data.prepared_md5"] == next(o["md5"] for o in lock["outs"] if o["path"] == "data/prepared")
    assert tags["sftops.data.raw_md5"] == next(d["md5"] for d in lock["deps"] if d["path"] == "data/raw")
    assert tags["sftops.data.prepared_md5"].endswith(".dir") and tags["sftops.data.raw_md5"].endswith(".dir"), tags


def test_prepare_depends_on_data_raw_so_a_hub_dataset_id_does_not_break_dvc(tmp_path: Path) -> None:
    prepare = yaml.safe_load((REPO / "dvc.yaml").read_text())["stages"]["prepare"]
    assert "data/raw" in prepare["deps"] and "${data.path}" not in prepare["deps"], prepare["deps"]
    assert "data" in prepare["params"], "the data params (path, hub id) must be a prepare dep"

    # given: a project copy whose data.path is a hub dataset id
    root = copy_project(tmp_path / "project")
    params = root / "params.yaml"
    text = params.read_text()
    line = next(x for x in text.splitlines() if x.strip().startswith("path: data/raw/"))
    params.write_text(text.replace(line, "  path: tatsu-lab/alpaca"))
    # then: DVC reads the pipeline and looks for no file named after the hub id
    status = dvc(root, "status", "prepare")
    assert "tatsu-lab/alpaca" not in status and "ERROR" not in status, status
