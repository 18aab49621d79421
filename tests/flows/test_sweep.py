"""The sweep (flows/sweep.py) on the tiny model, with real DVC experiments, MLflow and Prefect.

One project copy lives through the module: sweep #1 runs the two shipped variants (masked, unmasked) as DVC
experiments grouped under one MLflow parent run; sweep #2, with nothing changed, runs nothing and reuses both
runs; sweep #3 adds a variant that fails its data gate and stops, naming it, while the others stay. Each sweep
ends with its compare dashboard: sweep #1's page is kept and opened in a headless chromium. The override
plumbing to `dvc exp run -S` is checked on its own, without a run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from flows.sweep import (
    FAILED,
    RAN,
    REUSED,
    VariantFailed,
    experiment_name,
    hydra_value,
    result_path,
    sweep,
)
from tasks.core.overrides import write_overrides
from tasks.core.params import Variant, sweep_variants, validate_params
from tests.browser import Page, chromium_or_skip, headless_page
from tests.compare_page import CHART_ALTS, IMAGES_JS, browser_rows, external_loads, read_page
from tests.helpers import REPO, copy_project, run_cmd, tiny_overrides

SWEEP = "tiny"
VARIANTS = ["masked", "unmasked"]
TASKS = ["length_calibration", "sft_heldout"]
DASHBOARD = f"reports/compare/{SWEEP}.html"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass
class History:
    root: Path
    first: dict[str, Any]
    second: dict[str, Any]
    failed: VariantFailed
    failed_result: dict[str, Any]
    params_before: list[str]  # params.yaml before each sweep
    params_after: list[str]  # and after it
    train_runs_after: list[int]  # MLflow pipeline runs (tag sftops.stage=train) after each sweep
    exp_show: list[dict[str, Any]]  # `dvc exp show --json` after sweep #2
    markdown: str  # the sftops-sweep Prefect artifact of sweep #2
    cli_stdout: str  # of sweep #2, run as `sftops sweep`
    first_page: Path  # sweep #1's dashboard, copied out of the project before the next sweep rewrites it
    compare_artifacts: dict[str, str]  # sweep #1's Prefect artifacts of the dashboard: {key: data}
    failed_page: str  # sweep #3's dashboard (the variant that finished before the failure)


def _client(root: Path) -> Any:
    from mlflow import MlflowClient

    return MlflowClient(tracking_uri=f"sqlite:///{root / 'mlflow.db'}")


def _search(root: Path, filter_string: str) -> list[Any]:
    client = _client(root)
    ids = [e.experiment_id for e in client.search_experiments()]
    return client.search_runs(ids, filter_string=filter_string, max_results=1000)


def _exp_show(root: Path) -> list[dict[str, Any]]:
    shown = run_cmd(["dvc", "exp", "show", "--json"], cwd=root)
    assert shown.returncode == 0, shown.stderr[-3000:]
    return json.loads(shown.stdout)


def _markdown_artifact() -> str:
    from prefect.artifacts import Artifact

    artifact = Artifact.get("sftops-sweep")
    assert artifact is not None and artifact.type == "markdown", artifact
    return str(artifact.data)


def _compare_artifacts() -> dict[str, str]:
    from prefect.artifacts import Artifact

    found = {key: Artifact.get(key) for key in (f"compare-{SWEEP}", f"compare-{SWEEP}-table")}
    return {key: f"{a.type}: {a.data}" for key, a in found.items() if a is not None}


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Iterator[History]:
    from prefect.testing.utilities import prefect_test_harness

    root = copy_project(tmp_path_factory.mktemp("sweep") / "project")
    first_page = tmp_path_factory.mktemp("sweep_dashboard") / f"{SWEEP}.html"
    overrides = [*tiny_overrides(tiny_model_dir), f"eval.tasks={TASKS}", "eval.limit=4", f"sweep.name={SWEEP}"]
    write_overrides(root / "params.yaml", [*overrides, "flow.retry_delay_s=0"])
    params_before = (root / "params.yaml").read_text()
    before, after = [params_before, params_before], []
    runs: list[int] = []
    with pytest.MonkeyPatch.context() as mp, prefect_test_harness(server_startup_timeout=120):
        for var in ("MLFLOW_TRACKING_URI", "MLFLOW_REGISTRY_URI"):  # the project's own sqlite store
            mp.delenv(var, raising=False)
        first = sweep(root=str(root))
        shutil.copyfile(root / DASHBOARD, first_page)
        compare_artifacts = _compare_artifacts()
        after.append((root / "params.yaml").read_text())
        runs.append(len(_search(root, "tags.`sftops.stage` = 'train'")))
        from prefect.settings import PREFECT_API_URL

        cli = run_cmd(["sftops", "sweep"], cwd=root, env={"PREFECT_API_URL": PREFECT_API_URL.value()}, timeout=300)
        assert cli.returncode == 0, f"sftops sweep exited {cli.returncode}\n{cli.stdout[-3000:]}\n{cli.stderr[-3000:]}"
        second = json.loads(result_path_for(root).read_text())
        after.append((root / "params.yaml").read_text())
        runs.append(len(_search(root, "tags.`sftops.stage` = 'train'")))
        markdown = _markdown_artifact()
        exp_show = _exp_show(root)

        broken = {"name": "no-data", "overrides": {"validate.min_rows": 100000}}
        raw = yaml.safe_load(params_before)  # sweep #3: the first variant and one that fails its data gate
        raw["sweep"]["variants"] = [raw["sweep"]["variants"][0], broken]
        (root / "params.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
        before.append((root / "params.yaml").read_text())
        with pytest.raises(VariantFailed) as failed:
            sweep(root=str(root))
        after.append((root / "params.yaml").read_text())
    failed_result = json.loads(result_path_for(root).read_text())
    failed_page = (root / DASHBOARD).read_text(encoding="utf-8")
    yield History(
        root, first, second, failed.value, failed_result, before, after, runs, exp_show, markdown, cli.stdout,
        first_page, compare_artifacts, failed_page,
    )  # fmt: skip


def result_path_for(root: Path) -> Path:
    from tasks.core.paths import ProjectPaths

    return result_path(ProjectPaths(root), SWEEP)


def _experiments(exp_show: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """{experiment name: its data} from `dvc exp show --json` (the baseline's experiments)."""
    found = {}
    for commit in exp_show:
        for exp in commit.get("experiments") or []:
            for rev in exp["revs"]:
                found[rev["name"]] = rev["data"]
    return found


def _eval_metric_names(data: dict[str, Any]) -> set[str]:
    eval_json = data["metrics"]["metrics/eval.json"]["data"]
    return {f"{group}/{name}" for group, values in eval_json.items() for name in values}


# --- sweep #1: both variants run -----------------------------------------------------------------------------------


def test_each_variant_runs_as_a_dvc_experiment_with_its_own_mlflow_run(history: History) -> None:
    variants = history.first["variants"]
    assert [v["variant"] for v in variants] == VARIANTS, variants
    assert [v["status"] for v in variants] == [RAN, RAN], variants
    assert [v["dvc_exp"] for v in variants] == [f"{SWEEP}-masked", f"{SWEEP}-unmasked"], variants
    assert len({v["run_id"] for v in variants}) == 2, f"two variants, one MLflow run: {variants}"
    assert history.first["status"] == "finished", history.first
    assert json.loads(result_path_for(history.root).read_text())["variants"][0]["variant"] == "masked"


def test_dvc_exp_show_lists_both_variants_with_the_same_metric_names(history: History) -> None:
    experiments = _experiments(history.exp_show)
    names = [f"{SWEEP}-{v}" for v in VARIANTS]
    assert set(names) <= set(experiments), f"dvc exp show lists {sorted(experiments)}, expected {names}"
    masked, unmasked = (experiments[n] for n in names)
    assert _eval_metric_names(masked) == _eval_metric_names(unmasked), "metrics/eval.json keys differ"
    assert "finetuned/sft_heldout/bits_per_byte" in _eval_metric_names(masked), _eval_metric_names(masked)
    on_prompt = [e["params"]["params.yaml"]["data"]["train"]["train_on_prompt"] for e in (masked, unmasked)]
    assert on_prompt == [False, True], f"the experiments' params: train_on_prompt {on_prompt}"


def test_mlflow_lists_both_variants_under_the_parent_with_the_same_metric_names(history: History) -> None:
    parent_id = history.first["parent_run_id"]
    tagged = _search(history.root, f"tags.`sftops.sweep` = '{SWEEP}'")
    parents = [r for r in tagged if r.data.tags.get("sftops.sweep.parent") == "true"]
    assert parent_id in {r.info.run_id for r in parents}, "the parent run is not tagged as the sweep's parent"
    children = [r for r in tagged if r.data.tags.get("mlflow.parentRunId") == parent_id]
    assert sorted(r.data.tags["sftops.variant"] for r in children) == VARIANTS, [r.data.tags for r in children]
    names = [{k for k in r.data.metrics if k.startswith("eval/")} for r in children]
    assert names[0] == names[1] and "eval/finetuned/sft_heldout/bits_per_byte" in names[0], names
    in_dvc = _eval_metric_names(_experiments(history.exp_show)[f"{SWEEP}-masked"])
    assert names[0] == {f"eval/{name}" for name in in_dvc}, "MLflow's names are dvc exp show's under eval/"
    by_variant = {v["variant"]: v["run_id"] for v in history.first["variants"]}
    assert {r.data.tags["sftops.variant"]: r.info.run_id for r in children} == by_variant


def test_each_variant_run_has_what_its_dashboard_needs(history: History) -> None:
    client = _client(history.root)
    for variant in history.first["variants"]:
        artifacts = {a.path for a in client.list_artifacts(variant["run_id"])}
        assert {"eval", "data_card"} <= artifacts, f"{variant['variant']}: artifacts {artifacts}"
        card = {a.path for a in client.list_artifacts(variant["run_id"], "data_card")}
        assert {"data_card/data_card.md", "data_card/data_card.json"} <= card, card
        tags = client.get_run(variant["run_id"]).data.tags
        assert tags["sftops.dvc_exp"] == variant["dvc_exp"], tags


def test_the_parent_lists_the_variants_for_the_dashboard(history: History) -> None:
    client = _client(history.root)
    local = client.download_artifacts(history.first["parent_run_id"], "sweep/variants.json")
    entries = json.loads(Path(local).read_text())
    assert [(e["variant"], e["status"]) for e in entries] == [(v, RAN) for v in VARIANTS], entries
    assert entries[1]["overrides"] == {"train.train_on_prompt": True}, entries
    assert [e["run_id"] for e in entries] == [v["run_id"] for v in history.first["variants"]], entries
    assert client.get_run(history.first["parent_run_id"]).info.status == "FINISHED"


def test_the_base_model_is_evaluated_once_and_shared(history: History) -> None:
    second = history.first["variants"][1]
    assert second["base_cache_hits"] == TASKS, f"the second variant evaluated the base model again: {second}"
    tag = _client(history.root).get_run(second["run_id"]).data.tags["sftops.eval.base_cache_hits"]
    assert tag == ",".join(TASKS), tag


def test_the_sweep_leaves_the_users_params_and_registers_nothing(history: History) -> None:
    assert history.params_after == history.params_before, "params.yaml was not restored after a sweep"
    assert not (history.root / "outputs/register/model_version.json").exists(), "a sweep must stop at evaluate"
    from mlflow.exceptions import MlflowException

    with pytest.raises(MlflowException):
        _client(history.root).get_registered_model("sftops-assistant")


# --- sweep #2 (`sftops sweep`): nothing new --------------------------------------------------------------------------


def test_a_second_sweep_reuses_every_variant_and_runs_nothing(history: History) -> None:
    first, second = history.first["variants"], history.second["variants"]
    assert [v["status"] for v in second] == [REUSED, REUSED], second
    assert [v["run_id"] for v in second] == [v["run_id"] for v in first], "reused variants must name the old runs"
    assert [v["dvc_exp"] for v in second] == [v["dvc_exp"] for v in first], second
    assert history.train_runs_after[1] == history.train_runs_after[0] == 2, history.train_runs_after
    parent = _client(history.root).get_run(history.second["parent_run_id"])
    assert parent.data.tags["sftops.sweep.reused"] == "masked,unmasked", parent.data.tags
    assert "| masked | reused |" in history.markdown and "dvc exp apply" in history.markdown, history.markdown
    run_id = first[1]["run_id"]
    assert f"unmasked: reused, MLflow run {run_id}, DVC experiment {SWEEP}-unmasked" in history.cli_stdout, (
        history.cli_stdout
    )


def test_a_sweep_of_reused_variants_still_builds_its_dashboard(history: History) -> None:
    assert history.second["dashboard"] == DASHBOARD, history.second
    assert f"\ndashboard: {DASHBOARD}\n" in history.cli_stdout, history.cli_stdout
    assert f"dashboard: `{DASHBOARD}`" in history.markdown, history.markdown
    parent_id = history.second["parent_run_id"]
    listed = [f.path for f in _client(history.root).list_artifacts(parent_id, "compare")]
    assert listed == [f"compare/{SWEEP}.html"], listed
    assert history.second["dashboard_uri"].endswith(f"{parent_id}/artifacts/compare/{SWEEP}.html"), history.second


# --- sweep #3: a variant fails --------------------------------------------------------------------------------


def test_a_failed_variant_stops_the_sweep_naming_it_and_keeps_the_others(history: History) -> None:
    error = str(history.failed)
    assert error.startswith("sweep variant 'no-data' (DVC experiment tiny-no-data) failed (exit code 3)"), error
    assert "expect_table_row_count_to_be_between(min_value=100000)" in error, error
    result = history.failed_result
    assert result["status"] == "failed", result
    assert [(v["variant"], v["status"]) for v in result["variants"]] == [("masked", REUSED), ("no-data", FAILED)]
    assert result["variants"][0]["run_id"] == history.first["variants"][0]["run_id"], result
    assert result["variants"][1]["run_id"] is None, result
    parent = _client(history.root).get_run(result["parent_run_id"])
    assert parent.info.status == "FAILED", parent.info
    assert f"{SWEEP}-masked" in _experiments(_exp_show(history.root)), "the earlier experiments must stay"
    # and the dashboard shows the variant that finished before the failure
    assert result["dashboard"] == DASHBOARD, result
    assert [r.header for r in read_page(history.failed_page).tables["overview-table"]] == ["masked"]
    assert "Left out (no MLflow run): no-data: failed." in history.failed_page
    listed = [f.path for f in _client(history.root).list_artifacts(result["parent_run_id"], "compare")]
    assert listed == [f"compare/{SWEEP}.html"], listed


# --- the dashboard of sweep #1 ------------------------------------------------------------------------------------


def test_the_sweep_ends_with_a_self_contained_dashboard_of_its_variants(history: History) -> None:
    assert history.first["dashboard"] == DASHBOARD, history.first
    html = history.first_page.read_text(encoding="utf-8")
    assert external_loads(html) == [], "the page must open without a network"
    reader = read_page(html)
    assert {"overview-table", "params-table", *TASKS} <= set(reader.tables), sorted(reader.tables)
    for name, rows in reader.tables.items():
        if name != "?":  # the data card's own tables
            assert [r.header for r in rows] == VARIANTS, f"table {name}: one row per variant"
    assert reader.images and all(src.startswith("data:image/") for src in reader.images), "images are embedded"


def test_the_dashboard_is_logged_to_the_parent_run_and_linked_from_prefect(history: History) -> None:
    client = _client(history.root)
    parent_id = history.first["parent_run_id"]
    assert [f.path for f in client.list_artifacts(parent_id, "compare")] == [f"compare/{SWEEP}.html"]
    logged = Path(client.download_artifacts(parent_id, f"compare/{SWEEP}.html"))
    assert logged.read_bytes() == history.first_page.read_bytes(), "the parent holds the page the sweep wrote"
    assert client.get_run(parent_id).data.tags["sftops.compare.html"] == f"compare/{SWEEP}.html"
    link, table = history.compare_artifacts[f"compare-{SWEEP}"], history.compare_artifacts[f"compare-{SWEEP}-table"]
    assert f"[sftops compare: {SWEEP}]({history.first['dashboard_uri']})" in link, link  # a link, as markdown
    assert table.startswith("markdown: ") and "`sft_heldout/bits_per_byte`" in table, table


@pytest.fixture(scope="module")
def opened(history: History) -> Iterator[Page]:
    with headless_page(chromium_or_skip()) as page:
        page.open(history.first_page)
        yield page


def test_the_dashboard_opens_in_a_browser_without_errors(opened: Page) -> None:
    assert opened.report.problems() == [], f"console errors, exceptions or failed loads: {opened.report.problems()}"
    outside = [url for url in opened.report.requests if not url.startswith(("file:", "data:"))]
    assert outside == [], f"the page fetched something: {outside}"
    assert opened.evaluate("document.title") == f"sftops compare: {SWEEP}"


def test_the_browser_shows_one_row_per_variant_and_the_charts(opened: Page, history: History) -> None:
    rows = browser_rows(opened)
    assert {name for name, _ in rows} >= {"overview-table", *TASKS}, rows
    assert all(headers == VARIANTS for _, headers in rows), f"one row per variant: {rows}"
    images = opened.evaluate(IMAGES_JS)
    assert {i["alt"] for i in images} >= CHART_ALTS, f"charts: {sorted(i['alt'] for i in images)}"
    assert [i for i in images if not i["ok"]] == [], f"images that did not decode: {images}"
    shot = opened.screenshot(history.first_page.with_suffix(".png"))
    assert shot.read_bytes().startswith(PNG_MAGIC) and shot.stat().st_size > 20_000, shot
    print(f"dashboard screenshot: {shot}")


# --- without a run ------------------------------------------------------------------------------------------------


def test_a_bad_override_names_the_variant_and_the_key_before_anything_runs(tmp_path: Path) -> None:
    raw = yaml.safe_load((REPO / "params.yaml").read_text())
    raw["sweep"]["variants"].append({"name": "typo", "overrides": {"train.lora.rank": 8}})
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(raw))
    result = run_cmd(["sftops", "sweep"], cwd=tmp_path, timeout=120)
    assert result.returncode == 2, f"exit code {result.returncode}\n{result.stdout}\n{result.stderr[-3000:]}"
    assert "sweep variant 'typo': train.lora.rank: unknown key" in result.stderr, result.stderr[-3000:]
    assert not (tmp_path / "outputs").exists() and not (tmp_path / "mlflow.db").exists(), "work started"


@pytest.mark.parametrize(
    "value",
    [None, True, False, 8, 2e-4, 1e-5, -3.5e-7, "8", "it's", r"\bas an ai\b", r"ends\\", "/tmp/a b:c", "a=b,c", ""]
    + [["q_proj", "v,p"], [], [r"\bi(?:'|’)?m\b"]],
)
def test_overrides_reach_params_yaml_through_dvc_exp_run_unchanged(value: Any, tmp_path: Path) -> None:
    from dvc.utils.hydra import apply_overrides

    path = tmp_path / "params.yaml"
    path.write_text("x: {}\n")
    apply_overrides(path, [f"++x.key={hydra_value(value)}"])
    loaded = yaml.safe_load(path.read_text())["x"]["key"]
    assert loaded == value or (isinstance(value, float) and float(loaded) == value), f"{value!r} came back {loaded!r}"


def test_experiment_names_are_valid_git_refs_and_never_reuse_a_name(tmp_path: Path) -> None:
    taken = {"s-a"}
    names = [
        experiment_name("s", "a", taken),
        experiment_name("s", "train.lora.r=8,train.epochs=2", set()),
        experiment_name("s", "odd name/with..dots: ~^?*[", set()),
        experiment_name("s", "x.lock", set()),
    ]
    assert names[:2] == ["s-a-2", "s-train.lora.r=8,train.epochs=2"], names
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    for name in names:
        ok = subprocess.run(["git", "check-ref-format", f"refs/exps/ab/{name}"], cwd=tmp_path).returncode == 0
        assert ok and "/" not in name and not name.endswith(".lock"), f"{name!r} is not a valid experiment name"


def test_a_variant_that_dvc_would_read_differently_fails_before_anything_runs(tmp_path: Path) -> None:
    from flows.sweep import check_overrides_apply
    from tasks.core.errors import SftopsError
    from tasks.core.paths import ProjectPaths

    (tmp_path / "params.yaml").write_text((REPO / "params.yaml").read_text())
    paths = ProjectPaths(tmp_path)
    raw = yaml.safe_load((REPO / "params.yaml").read_text())
    raw["sweep"]["variants"] = [{"name": "r8", "overrides": {"train.lora.r": 8}}]
    [good] = sweep_variants(validate_params(raw))
    check_overrides_apply(paths, good)
    lying = Variant("r8", good.overrides, validate_params({}))  # params that the overrides do not give
    with pytest.raises(SftopsError, match="sweep variant 'r8': dvc exp run -S"):
        check_overrides_apply(paths, lying)


def test_a_dashboard_that_cannot_be_built_fails_the_sweep_after_recording_it(tmp_path: Path) -> None:
    """A real store and a real Prefect flow run; the dashboard fails for real: the variant's run is not in the
    store (deleted by hand, say). Everything is recorded first, then DashboardFailed is raised."""
    from mlflow import MlflowClient
    from prefect import flow
    from prefect.artifacts import Artifact
    from prefect.testing.utilities import prefect_test_harness

    import flows.sweep as compare
    from tasks.core.paths import ProjectPaths

    store = f"sqlite:///{tmp_path / 'mlflow.db'}"
    client = MlflowClient(tracking_uri=store, registry_uri=store)
    experiment_id = client.create_experiment("sweep-test", artifact_location=(tmp_path / "art").as_uri())
    parent = client.create_run(experiment_id, tags={"sftops.sweep": SWEEP, "sftops.sweep.parent": "true"})
    parent_id = parent.info.run_id
    params = validate_params({"sweep": {"name": SWEEP}})
    sw = compare.SweepRun(
        client, ProjectPaths(tmp_path), params, "", experiment_id, parent_id, compare.WorkspaceData(None, None), set()
    )
    missing_run = "0" * 32
    outcomes = [compare.Outcome("masked", {}, RAN, missing_run, f"{SWEEP}-masked")]

    @flow
    def publish_sweep(status: str, extra: list[Any]) -> dict[str, Any]:
        return compare.publish(sw, [*outcomes, *extra], status)

    import mlflow

    mlflow.set_tracking_uri(store)
    mlflow.set_registry_uri(store)
    with prefect_test_harness():
        with pytest.raises(compare.DashboardFailed, match="every variant finished"):
            publish_sweep("finished", [])
        artifact = Artifact.get(compare.ARTIFACT_KEY)
        # a failed variant keeps its own error: the dashboard's is recorded, not raised
        failed = publish_sweep("failed", [compare.Outcome("no-data", {}, FAILED)])
    result = json.loads(result_path(sw.paths, SWEEP).read_text())
    assert result["dashboard"] is None and result["dashboard_error"], result
    assert client.get_run(parent_id).info.status == "FAILED"
    assert artifact is not None and "dashboard: not built" in artifact.data, artifact
    assert failed["dashboard_error"], failed
