"""evaluate: lm-eval results become flat, direction-aware metrics."""

from __future__ import annotations

import math
import os
import shutil
from pathlib import Path

import pytest

from tasks.core.errors import SftopsError
from tasks.core.params import EvalParams
from tasks.core.paths import ProjectPaths
from tasks.evaluate import (
    bootstrap_stderr,
    cache_key,
    deltas,
    directions,
    flatten_results,
    load_tasks,
    read_cached,
    resolve_tasks,
    task_fingerprint,
    task_manager,
    write_cached,
)

REPO = Path(__file__).resolve().parents[2]

RESULTS = {
    "results": {
        "sft_heldout": {"alias": "sft_heldout", "bits_per_byte,none": 0.5, "bits_per_byte_stderr,none": "N/A"},
        "prompt_continuation": {
            "continuation_rate,none": 0.25,
            "continuation_rate_stderr,none": 0.1,
            "continuation_rate,strict": 0.5,
        },
    },
    "higher_is_better": {"sft_heldout": {"bits_per_byte": False}, "prompt_continuation": {"continuation_rate": False}},
}


def test_results_flatten_to_task_slash_metric() -> None:
    assert flatten_results(RESULTS) == {
        "sft_heldout/bits_per_byte": 0.5,
        "prompt_continuation/continuation_rate": 0.25,
        "prompt_continuation/continuation_rate_stderr": 0.1,
        "prompt_continuation/continuation_rate_strict": 0.5,
    }


def test_directions_come_from_the_tasks() -> None:
    assert directions(RESULTS) == {"sft_heldout/bits_per_byte": False, "prompt_continuation/continuation_rate": False}


def test_deltas_are_finetuned_minus_base_without_stderr() -> None:
    assert deltas({"a/x": 1.0, "a/x_stderr": 0.1}, {"a/x": 0.75, "a/x_stderr": 0.2}) == {"a/x": -0.25}


# --- stderr by group bootstrap ------------------------------------------------------------------------------


def _flip_rate(items: list[tuple[str, str, bool]]) -> float:
    """Share of questions right when neutral and wrong when biased (each occurrence of a pair is one draw)."""
    pairs: dict[str, list[dict[str, bool]]] = {}
    for qid, variant, correct in items:
        slots = pairs.setdefault(qid, [])
        if not slots or variant in slots[-1]:
            slots.append({})
        slots[-1][variant] = correct
    complete = [p for slot in pairs.values() for p in slot if len(p) == 2 and p["neutral"]]
    return sum(not p["biased"] for p in complete) / len(complete) if complete else float("nan")


def test_bootstrap_stderr_of_a_mean_matches_the_closed_form() -> None:
    values = [1.0] * 30 + [0.0] * 70
    closed_form = math.sqrt(0.3 * 0.7 / 99)
    stderr = bootstrap_stderr(values, lambda xs: sum(xs) / len(xs), iters=2000, seed=0)
    assert stderr is not None and abs(stderr - closed_form) < 0.1 * closed_form


def test_bootstrap_resamples_pairs_whole() -> None:
    """A pair statistic stays defined on every resample only if a question's two replies travel together."""
    items = []
    for i in range(40):
        items += [(f"q{i}", "neutral", True), (f"q{i}", "biased", i % 4 != 0)]
    calls: list[float] = []

    def recording_flip_rate(xs: list[tuple[str, str, bool]]) -> float:
        calls.append(_flip_rate(xs))
        return calls[-1]

    stderr = bootstrap_stderr(items, recording_flip_rate, iters=300, seed=1)
    assert stderr is not None and 0.02 < stderr < 0.12
    assert all(math.isfinite(c) for c in calls), "a resample split a pair"


def test_bootstrap_needs_two_groups() -> None:
    assert bootstrap_stderr([("only", 1.0), ("only", 0.0)], lambda xs: 0.5, iters=100, seed=0) is None


# --- tasks, the cache and unavailable stock tasks ------------------------------------------------------------


@pytest.fixture(scope="module")
def tm() -> object:
    return task_manager(ProjectPaths(REPO))


def test_the_task_index_holds_lm_evals_registry_only_when_a_stock_task_is_asked_for(tm: object) -> None:
    paths = ProjectPaths(REPO)
    ours = task_manager(paths, ["sft_probes", "sft_core", "prompt_continuation"])
    assert len(ours.task_index) < 50 and "arc_easy" not in ours.task_index, "evals/ alone: no 6 s registry scan"
    wanted = ["sft_probes", "sft_core"]
    assert resolve_tasks(wanted, ours, paths) == resolve_tasks(wanted, tm, paths), "the same tasks either way"
    assert "arc_easy" in task_manager(paths, ["sft_probes", "arc_easy"]).task_index, "a stock task needs the registry"


def test_sft_probes_tag_expands_to_every_probe(tm: object) -> None:
    names = resolve_tasks(["sft_probes", "sft_core"], tm, ProjectPaths(REPO))
    extra = resolve_tasks(["sft_probes_extra"], tm, ProjectPaths(REPO))
    folders = {p.parent.name for p in (REPO / "evals").glob("*/*.yaml")}
    assert "prompt_continuation" in names and set(names[-2:]) == {"heldout_skill", "sft_heldout"}
    assert extra == ["sycophancy_false_claim"] and "sycophancy_false_claim" not in names
    assert set(names) | set(extra) == folders, "every task folder in evals/ is tagged sft_probes(_extra) or sft_core"


def test_unknown_task_fails_with_the_tasks_there_are(tm: object) -> None:
    with pytest.raises(SftopsError, match=r"'no_such_probe'.*sft_probes"):
        resolve_tasks(["no_such_probe"], tm, ProjectPaths(REPO))


def test_offline_stock_task_is_reported_and_the_rest_load(tm: object) -> None:
    loaded, unavailable = load_tasks(["prompt_continuation", "hellaswag"], tm, ProjectPaths(REPO))
    assert list(loaded) == ["prompt_continuation"]
    assert set(unavailable) == {"hellaswag"}
    assert "hellaswag" in unavailable["hellaswag"] or "Hub" in unavailable["hellaswag"]


def test_a_broken_project_task_fails_the_stage(tmp_path: Path) -> None:
    evals = tmp_path / "evals"
    shutil.copytree(REPO / "evals" / "prompt_continuation", evals / "prompt_continuation")
    (evals / "prompt_continuation" / "items.jsonl").write_text("{not json\n", encoding="utf-8")
    paths = ProjectPaths(tmp_path)
    with pytest.raises(SftopsError, match="prompt_continuation.*failed to load"):
        load_tasks(["prompt_continuation"], task_manager(paths), paths)


def test_task_fingerprint_follows_the_task_files_and_the_heldout_split(tmp_path: Path) -> None:
    shutil.copytree(REPO / "evals", tmp_path / "evals", ignore=shutil.ignore_patterns("__pycache__"))
    heldout = tmp_path / "data" / "prepared" / "heldout.jsonl"
    heldout.parent.mkdir(parents=True)
    heldout.write_text('{"id": "a", "prompt": "p", "response": "r"}\n', encoding="utf-8")
    paths = ProjectPaths(tmp_path)

    def prints() -> dict[str, str]:
        manager = task_manager(paths)
        return {t: task_fingerprint(t, manager, paths) for t in ("prompt_continuation", "sft_heldout")}

    before = prints()
    heldout.write_text('{"id": "b", "prompt": "p", "response": "r2"}\n', encoding="utf-8")
    after_data = prints()
    assert after_data["prompt_continuation"] == before["prompt_continuation"], "probes do not read the data"
    assert after_data["sft_heldout"] != before["sft_heldout"]
    items = tmp_path / "evals" / "prompt_continuation" / "items.jsonl"
    items.write_text(items.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_items = prints()
    assert after_items["prompt_continuation"] != after_data["prompt_continuation"]
    # the generator, its sources, the label set and the README are not read when the probe runs
    for rel in ("build_items.py", "sources/prompts.jsonl", "labels.jsonl", "README.md"):
        edited = tmp_path / "evals" / "prompt_continuation" / rel
        edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert prints()["prompt_continuation"] == after_items["prompt_continuation"], "a file lm-eval never reads counted"


def test_cache_round_trip_is_keyed_by_everything_that_matters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SFTOPS_CACHE_DIR", str(tmp_path))
    settings = EvalParams()
    key = cache_key("dvc:abc", "task-hash", settings, seed=1)
    assert read_cached(key) is None
    write_cached(key, {"metrics": {"m": 1.0}})
    assert read_cached(key) == {"metrics": {"m": 1.0}}
    others = {
        cache_key("dvc:abd", "task-hash", settings, seed=1),
        cache_key("dvc:abc", "task-hash2", settings, seed=1),
        cache_key("dvc:abc", "task-hash", settings.model_copy(update={"limit": 5}), seed=1),
        cache_key("dvc:abc", "task-hash", settings, seed=2),
    }
    assert key not in others and len(others) == 4


@pytest.mark.parametrize("name", ["rules", "learned"])
def test_eval_judge_is_checked_and_handed_to_the_probes(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """eval.judge reaches the probes through SFTOPS_JUDGE; the base-eval cache is keyed by the judge."""
    from tasks.core.params import Params
    from tasks.evaluate import judges_module, select_judge

    monkeypatch.delenv("SFTOPS_JUDGE", raising=False)
    params = Params.model_validate({"eval": {"judge": name}})
    select_judge(params, ProjectPaths(REPO))
    assert os.environ["SFTOPS_JUDGE"] == name
    judges = judges_module(ProjectPaths(REPO))
    assert judges.fingerprint("rules") != judges.fingerprint("learned")


def test_a_judge_that_cannot_be_imported_stops_the_stage_before_any_generation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tasks.core.params import Params
    from tasks.evaluate import select_judge

    monkeypatch.delenv("SFTOPS_JUDGE", raising=False)
    params = Params.model_validate({"eval": {"judge": "no_such_module_here:judge"}})
    with pytest.raises(SftopsError, match="eval.judge: 'no_such_module_here:judge' cannot be used"):
        select_judge(params, ProjectPaths(REPO))
