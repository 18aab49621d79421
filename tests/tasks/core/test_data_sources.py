"""data.path must be something DVC versions: a file under data/raw/ or a Hugging Face hub dataset id."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.data_sources import check_tracked_by_dvc, is_hub_dataset_id, is_under_raw_dir
from tasks.core.errors import SftopsError


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "mine.jsonl").write_text('{"prompt": "a", "completion": "b"}\n')
    return tmp_path


@pytest.mark.parametrize("spec", ["tatsu-lab/alpaca", "HuggingFaceH4/no_robots:test", "owner/my.data-set:train[:10%]"])
def test_owner_name_that_is_no_local_path_is_a_hub_id(root: Path, spec: str) -> None:
    assert is_hub_dataset_id(spec, root), f"{spec!r} should read as a hub dataset id"
    check_tracked_by_dvc(spec, root)  # when: a hub id → then: no error


@pytest.mark.parametrize("spec", ["data/x.jsonl", "owner/name.parquet", "a/b/c", "/abs/name", "mine.jsonl", "x"])
def test_file_like_or_nested_specs_are_not_hub_ids(root: Path, spec: str) -> None:
    assert not is_hub_dataset_id(spec, root), f"{spec!r} must not read as a hub dataset id"


def test_an_existing_local_owner_name_path_is_not_a_hub_id(root: Path) -> None:
    # given: a local folder that happens to look like owner/name
    (root / "owner" / "name").mkdir(parents=True)
    assert not is_hub_dataset_id("owner/name", root), "an existing local path wins over the hub"
    with pytest.raises(SftopsError, match="outside data/raw/"):
        check_tracked_by_dvc("owner/name", root)


@pytest.mark.parametrize(
    "spec", ["data/raw/mine.jsonl", "./data/raw/mine.jsonl", "data/raw/sub/part-0.parquet", "data/raw/new.csv"]
)
def test_local_paths_under_data_raw_pass(root: Path, spec: str) -> None:
    assert is_under_raw_dir(spec, root), f"{spec!r} is under data/raw/"
    check_tracked_by_dvc(spec, root)


def test_an_absolute_path_under_data_raw_passes(root: Path) -> None:
    check_tracked_by_dvc(str(root / "data" / "raw" / "mine.jsonl"), root)


@pytest.mark.parametrize(
    "spec",
    ["data/mine.jsonl", "data/raw/../mine.jsonl", "data/rawish/mine.jsonl", "data/raw", "mine.jsonl", "/tmp/x.jsonl"],
)
def test_local_paths_outside_data_raw_fail_with_the_fix(root: Path, spec: str) -> None:
    with pytest.raises(SftopsError) as err:
        check_tracked_by_dvc(spec, root)
    message = str(err.value)
    assert f"data.path={spec!r}" in message, message
    assert "move it under data/raw/ so dvc tracks it" in message.lower(), message
    assert "dvc add data/raw/<file>" in message, message


def test_a_file_outside_data_raw_is_named_even_when_it_exists(
    root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "big.jsonl"
    elsewhere.write_text("{}\n")
    with pytest.raises(SftopsError) as err:
        check_tracked_by_dvc(str(elsewhere), root)
    assert str(elsewhere) in str(err.value) and "does not exist" not in str(err.value), str(err.value)


def test_a_symlink_under_data_raw_counts_as_under_it(root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    # given: a big file on another disk, symlinked under data/raw/ (DVC follows it when hashing the directory)
    target = tmp_path_factory.mktemp("disk") / "big.jsonl"
    target.write_text("{}\n")
    (root / "data" / "raw" / "big.jsonl").symlink_to(target)
    check_tracked_by_dvc("data/raw/big.jsonl", root)


def test_a_dvc_tracked_file_missing_from_the_workspace_says_to_pull_it(root: Path) -> None:
    # given: a fresh clone: the .dvc pointer is in git, the data is on the DVC remote only
    (root / "data" / "raw" / "big.jsonl.dvc").write_text("outs:\n- md5: 0\n  path: big.jsonl\n")
    with pytest.raises(SftopsError, match=r"tracked by DVC \(big.jsonl.dvc\).*`dvc pull data/raw/big.jsonl.dvc`"):
        check_tracked_by_dvc("data/raw/big.jsonl", root)


def test_a_file_in_a_dvc_tracked_folder_missing_from_the_workspace_says_to_pull_the_folder(root: Path) -> None:
    (root / "data" / "raw" / "shards.dvc").write_text("outs:\n- md5: 0.dir\n  path: shards\n")
    with pytest.raises(SftopsError, match=r"`dvc pull data/raw/shards.dvc`"):
        check_tracked_by_dvc("data/raw/shards/part-0.parquet", root)


def test_a_present_dvc_tracked_file_passes(root: Path) -> None:
    (root / "data" / "raw" / "mine.jsonl.dvc").write_text("outs:\n- md5: 0\n  path: mine.jsonl\n")
    check_tracked_by_dvc("data/raw/mine.jsonl", root)
