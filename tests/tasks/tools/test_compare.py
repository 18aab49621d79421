"""compare: the dashboard's table logic (best per column by direction, deltas vs base and champion and whether
each is significant by a paired test), and the dashboard built from real MLflow runs (SQLite under tmp) shaped as
train, evaluate, report and register log them."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from tasks.core.errors import SftopsError
from tasks.core.io import write_jsonl
from tasks.core.paths import ProjectPaths
from tasks.tools.compare import DashboardResult, Selection, build_dashboard, read_lengths
from tasks.tools.comparison import page
from tasks.tools.comparison.model import (
    Champion,
    Comparison,
    Significance,
    Variant,
    best_labels,
    delta_vs_champion,
    params_diff,
    tally_vs_base,
    tally_vs_champion,
    unique_labels,
    verdict,
)
from tests.compare_page import Delta, read_page
from tests.compare_runs import (
    BASE_METRICS,
    DemoStore,
    LoggedRun,
    VariantSpec,
    demo_store,
    length_samples,
    log_variant,
    log_vs_base,
    other_samples,
    project_params,
    register_champion,
    use_store,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# --- pure: best, deltas, champion -------------------------------------------------------------------------------


def _variant(label: str, **values: float) -> Variant:
    return Variant(label=label, run_id=f"{label}-run-id-0000", run_name=f"{label}-sft", finetuned=dict(values))


def test_best_follows_each_metrics_direction_and_ties_share_it() -> None:
    variants = [_variant("a", m=0.5), _variant("b", m=0.7), _variant("c", m=0.7), _variant("d")]
    assert best_labels(variants, "m", True) == {"b", "c"}, "higher is better: the two 0.7 tie for best"
    assert best_labels(variants, "m", False) == {"a"}, "lower is better: 0.5 is best; a variant without it is skipped"
    assert best_labels(variants, "m", None) == set(), "no direction, no best"
    assert best_labels(variants[:1], "m", True) == set(), "one variant is not a comparison"
    assert best_labels([_variant("a", m=math.nan), _variant("b", m=0.1)], "m", True) == set(), "NaN is no value"


def test_verdict_reads_the_sign_through_the_direction() -> None:
    assert verdict(0.1, True) == "better" and verdict(0.1, False) == "worse"
    assert verdict(-0.1, False) == "better" and verdict(0.0, True) == "same"
    assert verdict(None, True) is None and verdict(0.1, None) is None


def test_delta_vs_base_prefers_the_logged_delta_and_falls_back_to_the_difference() -> None:
    v = _variant("a", m=0.5, n=0.4)
    v.base, v.delta = {"m": 0.3, "n": 0.1}, {"m": 0.25}
    assert v.delta_vs_base("m") == 0.25, "eval/delta as evaluate logged it"
    assert v.delta_vs_base("n") == pytest.approx(0.3), "fine-tuned minus base when no delta was logged"
    assert v.delta_vs_base("missing") is None


def test_champion_deltas_and_tallies() -> None:
    v = _variant("a", up=0.6, down=0.2, flat=1.0)
    v.base = {"up": 0.5, "down": 0.1, "flat": 1.0}
    dirs = {"up": True, "down": False, "flat": True}
    champion = Champion("m", "champion", "3", "run", {"up": 0.7, "down": 0.3})
    assert delta_vs_champion(v, champion, "up") == pytest.approx(-0.1)
    assert delta_vs_champion(v, champion, "flat") is None, "the champion has no value of it"
    assert delta_vs_champion(v, None, "up") is None
    metrics = ["down", "flat", "up"]
    assert tally_vs_base(v, metrics, dirs).text() == "1 better · 1 worse · 1 same (not tested)", "by the sign"
    vs_champion = tally_vs_champion(v, champion, metrics, dirs)
    assert vs_champion is not None and (vs_champion.better, vs_champion.worse) == (1, 1)
    assert tally_vs_champion(v, None, metrics, dirs) is None


def _test(low: float, high: float, mdd: float = 0.05) -> Significance:
    return Significance.of(low, high, mdd, max_detectable=0.10, confidence=0.95, n_items=200)


def test_paired_verdicts_and_tallies_count_only_significant_differences() -> None:
    # given intervals of worse_by (positive: worse) on five metrics, and one metric without a paired test
    assert _test(0.01, 0.05).verdict == "worse" and _test(-0.05, -0.01).verdict == "better"
    assert _test(-0.02, 0.03).verdict == "no_difference"
    assert _test(-0.02, 0.03, mdd=0.2).verdict == "too_few_items", "not significant and cannot see 0.10"
    assert _test(0.01, 0.05, mdd=0.2).verdict == "worse", "significant however wide"
    low, high = _test(-0.05, -0.01).delta_interval(higher=True)
    assert (low, high) == (0.01, 0.05), "higher is better: 0.01..0.05 less bad is +0.01..+0.05 in the metric"
    v = _variant("a", **{m: 0.5 for m in "abcdef"})
    v.base = {m: 0.4 for m in "abcdef"}  # every delta is +0.1, a "better" by its sign alone
    v.vs_base = {
        "a": _test(-0.15, -0.05),
        "b": _test(0.02, 0.2),  # the test's verdict, not the sign of the delta
        "c": _test(-0.15, 0.02),
        "d": _test(-0.15, 0.02),
        "e": _test(-0.3, 0.1, mdd=0.3),
    }
    dirs = dict.fromkeys("abcdef", True)
    # then only significant differences are counted, with what the tests could not call
    tally = tally_vs_base(v, list("abcdef"), dirs)
    assert (tally.better, tally.worse, tally.same, tally.too_few, tally.untested) == (1, 1, 2, 1, 1)
    assert tally.text() == "1 better · 1 worse · 1 too few items · 1 not tested"


def test_page_colours_only_significant_changes_and_flags_too_few_items() -> None:
    # given a variant tested against the base on t/up and t/down, and not tested on u/x (an older run's metric)
    comparison = _comparison(Champion("m", "champion", "3", None, {"t/up": 0.55}))
    a = comparison.variants[0]
    a.vs_base = {"t/up": _test(-0.16, -0.04), "t/down": _test(-0.02, 0.22, mdd=0.25)}
    a.vs_champion = {"t/up": _test(-0.09, 0.01)}
    rows = read_page(page.render(comparison)).tables
    down, up = rows["t"][0].deltas  # columns t/down, t/up
    # then t/up vs base (+0.100, interval [+0.040, +0.160]) is significantly better and coloured
    assert up["base"] == Delta("better", frozenset({"delta", "better", "sig"}), "base +0.100 [+0.040, +0.160] ▲")
    # t/up vs the champion: no significant difference, not coloured
    assert up["champ"].verdict == "no_difference" and not up["champ"].classes & {"better", "worse"}
    assert up["champ"].text == "champ +0.050 [−0.010, +0.090] ≈"
    # t/down (lower is better) got worse by +0.1 but the eval could not detect 0.10: flagged, not coloured
    assert down["base"].verdict == "too_few_items" and not down["base"].classes & {"better", "worse"}
    assert "too few items: detects ≥ 0.250" in down["base"].text, down["base"].text
    # u/x has no test: as before (no direction: not coloured) and marked "not tested"
    ux = rows["u"][0].deltas[0]["base"]
    assert ux.verdict == "untested" and ux.text == "base −0.500 not tested"
    overview = {r.header: [text for _, text in r.cells] for r in rows["overview-table"]}
    assert overview["a"][-2] == "1 better · 0 worse · 1 too few items · 1 not tested", overview["a"]
    assert overview["a"][-1] == "0 better · 0 worse", "vs the champion: no significant difference on t/up"


def test_params_diff_lists_only_params_that_differ_and_labels_are_unique() -> None:
    a, b = _variant("a"), _variant("b")
    a.params = {"train.lora.r": "8", "seed": "42", "only.a": "x"}
    b.params = {"train.lora.r": "32", "seed": "42"}
    assert params_diff([a, b]) == ["only.a", "train.lora.r"]
    assert params_diff([a]) == []
    assert unique_labels(["x-sft", "x-sft", "y"], ["1234567890", "abcdefghij", "zz"]) == [
        "x-sft (12345678)",
        "x-sft (abcdefgh)",
        "y",
    ]


def test_only_params_yaml_params_are_compared() -> None:
    """register logs the model's config into a registered run; a sweep variant has none, so without the filter
    every base_model_* key would show as a difference."""
    from tasks.tools.compare import pipeline_params

    logged = {"train.lora.r": "8", "seed": "42", "base_model_uri": "runs:/x/base", "max_new_tokens": "256"}
    assert pipeline_params(logged) == {"train.lora.r": "8", "seed": "42"}


def _comparison(champion: Champion | None) -> Comparison:
    a = _variant("a", **{"t/up": 0.6, "t/up_stderr": 0.05, "t/down": 0.3, "u/x": 1.0})
    b = _variant("<b>", **{"t/up": 0.4, "t/down": 0.1, "u/x": 2.0})
    for v in (a, b):
        v.higher_is_better = {"t/up": True, "t/down": False}  # u/x: no direction
        v.base = {"t/up": 0.5, "t/down": 0.2, "u/x": 1.5}
    return Comparison("demo", "2 runs picked by id", [a, b], champion, "sftops-assistant@champion")


def test_page_marks_the_best_cell_per_column_and_has_one_row_per_variant() -> None:
    # given two variants: a is best on t/up (higher), <b> on t/down (lower); u/x has no direction
    html = page.render(_comparison(Champion("m", "champion", "3", None, {"t/up": 0.55})))
    tables = read_page(html).tables
    # then every table has one row per variant, in order, and the best marks follow the directions
    for name in ("overview-table", "t", "u"):
        assert [r.header for r in tables[name]] == ["a", "<b>"], f"{name}: one row per variant"
    best = {r.header: ["best" in classes for classes, _ in r.cells] for r in tables["t"]}
    assert best == {"a": [False, True], "<b>": [True, False]}, "columns t/down (↓) then t/up (↑)"
    assert not any("best" in c for r in tables["u"] for c, _ in r.cells), "no direction: nothing marked"
    up_a = tables["t"][0].cells[1][1]
    assert "0.600" in up_a and "± 0.050" in up_a, f"value ± stderr: {up_a!r}"
    assert "base +0.100" in up_a and "champ +0.050" in up_a, f"deltas vs base and champion: {up_a!r}"
    assert "&lt;b&gt;" in html and "<b>" not in html, "labels are escaped"
    assert "<script" not in html, "the page runs no script"


def test_page_says_no_champion_when_none_holds_the_alias() -> None:
    html = page.render(_comparison(None))
    assert "no champion" in html and "sftops-assistant@champion" in html
    assert "champ " not in html, "no delta against a champion that does not exist"


def test_markdown_table_bolds_the_best_per_metric() -> None:
    text = page.markdown_table(_comparison(None), "reports/compare/demo.html")
    row = next(line for line in text.splitlines() if line.startswith("| `t/down`"))
    assert row.split(" | ")[1:] == ["↓", "0.200", "0.300", "**0.100** |"], row
    assert "No champion" in text


def test_lengths_are_read_from_evaluate_samples(tmp_path: Path) -> None:
    # given samples_finetuned.jsonl as evaluate writes it: every task's items, each {"task": ..., **sample}
    samples = length_samples(factor=1.5, seed=0)
    path = tmp_path / "samples_finetuned.jsonl"
    write_jsonl(path, [{"task": "hallucination", **s} for s in other_samples("hallucination")] +
                [{"task": "length_calibration", **s} for s in samples])  # fmt: skip
    # when the dashboard reads it
    points = read_lengths(path)
    # then it has one point per length_calibration item: expected and produced words as the probe scored them
    assert len(points) == len(samples) == 100
    first = samples[0]
    assert (points[0].item_id, points[0].expected) == (first["doc"]["id"], float(first["doc"]["expected_words"]))
    assert points[0].produced == float(len(first["response"].split())), "produced = words in the reply"
    assert {p.kind for p in points} >= {"word", "essay", "one_word"}
    assert read_lengths(None) == []


# --- integration: real MLflow runs ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoStore]:
    """An earlier run registered as champion (no sweep tags, no data card) and a two-variant sweep."""
    with pytest.MonkeyPatch.context() as mp:
        yield demo_store(tmp_path_factory.mktemp("compare_store"), mp)


@pytest.fixture(scope="module")
def sweep_dashboard(store: DemoStore) -> DashboardResult:
    paths = ProjectPaths(store.root)
    return build_dashboard(Selection(sweep=store.sweep), project_params(), paths, out=store.root / "sweep.html")


def test_sweep_dashboard_reads_what_the_stages_logged(store: DemoStore, sweep_dashboard: DashboardResult) -> None:
    comparison = sweep_dashboard.comparison
    assert comparison.labels() == ["lora-r8", "lora-r32"], "labelled by the sweep's variant names, in order"
    for variant, logged in zip(comparison.variants, store.variants, strict=True):
        assert variant.run_id == logged.run_id and variant.status == "ran"
        assert variant.finetuned == pytest.approx(logged.finetuned), "eval/finetuned/* with stderr"
        assert variant.base == pytest.approx(logged.base) and variant.delta == pytest.approx(logged.delta)
        assert variant.higher_is_better == logged.directions, "from eval/higher_is_better.json"
        assert [s for s, _ in variant.loss] == [s for s, _ in logged.loss], "train/loss history, every step"
        assert [v for _, v in variant.loss] == pytest.approx([v for _, v in logged.loss])
        assert len(variant.eval_loss) == 3 and len(variant.lengths) == 100 and len(variant.base_lengths) == 100
        assert variant.data_card is not None and set(variant.data_card.images) == {"token_lengths.png", "turns.png"}
        assert variant.overrides and variant.params["train.lora.r"] in ("8", "32")
    champion = comparison.champion
    assert champion is not None and champion.version == store.champion_version
    expected = {k: v for k, v in store.champion.finetuned.items() if not k.endswith("_stderr")}
    assert champion.metrics == pytest.approx(expected, rel=1e-5), "from the version's sftops.eval.* tags"


def test_sweep_dashboard_page_and_where_it_was_logged(store: DemoStore, sweep_dashboard: DashboardResult) -> None:
    html = sweep_dashboard.html_path.read_text(encoding="utf-8")
    reader = read_page(html)
    tasks = sorted({m.split("/")[0] for m in BASE_METRICS})
    for name in ["overview-table", "params-table", *tasks]:
        assert [r.header for r in reader.tables[name]] == ["lora-r8", "lora-r32"], f"{name}: one row per variant"
    charts = [src for src in reader.images if src.startswith("data:image/png;base64,")]
    assert len(charts) == len(reader.images) >= 5, "3 charts + the data card's 2 figures, all embedded"
    assert "same data card as lora-r8" in html, "identical data cards are shown once"
    assert "http://" not in html and "https://" not in html, "nothing to fetch"
    # logged to the sweep's parent run under compare/
    listed = [f.path for f in store.client.list_artifacts(store.parent_run_id, "compare")]
    assert listed == ["compare/sweep.html"], listed
    assert sweep_dashboard.artifact_uri and sweep_dashboard.artifact_uri.endswith(
        f"{store.parent_run_id}/artifacts/compare/sweep.html"
    )


def test_best_marks_match_the_logged_values(store: DemoStore, sweep_dashboard: DashboardResult) -> None:
    reader = read_page(sweep_dashboard.html_path.read_text(encoding="utf-8"))
    for task in sorted({m.split("/")[0] for m in BASE_METRICS}):
        metrics = sorted(m for m in BASE_METRICS if m.startswith(f"{task}/"))
        for column, metric in enumerate(metrics):
            values = [run.finetuned[metric] for run in store.variants]
            best = max(values) if BASE_METRICS[metric][1] else min(values)
            marked = ["best" in row.cells[column][0] for row in reader.tables[task]]
            assert marked == [v == best for v in values], f"{metric}: best by its direction"


def test_explicit_runs_are_labelled_by_run_name_and_logged_to_a_compare_run(store: DemoStore) -> None:
    # given a run made before any sweep (the champion's) and a sweep variant, picked by id
    ids = (store.champion.run_id, store.variants[0].run_id)
    result = build_dashboard(
        Selection(run_ids=ids), project_params(), ProjectPaths(store.root), out=store.root / "ids.html"
    )
    # then they are labelled by run name (both "sftops-assistant-sft": made unique by the run id)
    assert result.comparison.labels() == [f"sftops-assistant-sft ({i[:8]})" for i in ids]
    assert result.comparison.variants[0].status is None
    html = result.html_path.read_text(encoding="utf-8")
    assert "not logged" in html, "the earlier run logged no data card"
    assert "(champion)" in html, "the champion's own run is flagged"
    # and the page went to a new compare run beside them
    runs = store.client.search_runs([_experiment_id(store)], "tags.`sftops.compare` = 'true'")
    match = [r for r in runs if r.data.tags["sftops.compare.runs"] == ",".join(ids)]
    assert len(match) == 1 and match[0].info.status == "FINISHED"
    assert [f.path for f in store.client.list_artifacts(match[0].info.run_id, "compare")] == ["compare/ids.html"]


def _experiment_id(store: DemoStore) -> str:
    return store.client.get_experiment_by_name("sftops").experiment_id


def test_experiment_selection_takes_pipeline_runs_only(store: DemoStore) -> None:
    result = build_dashboard(
        Selection(experiment="sftops"),
        project_params(),
        ProjectPaths(store.root),
        out=store.root / "exp.html",
        log_to_mlflow=False,
    )
    expected = [store.champion.run_id] + [r.run_id for r in store.variants]
    assert [v.run_id for v in result.comparison.variants] == expected, "no sweep parent, no compare run"
    assert result.artifact_uri is None


def test_reused_variants_keep_their_sweep_label(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.compare_runs import SWEEP_SPECS, log_sweep

    demo = demo_store(tmp_path, monkeypatch, specs=SWEEP_SPECS[:1], sweep="first")
    reused = {"lora-r8": demo.variants[0].run_id}
    log_sweep(demo.client, "second", SWEEP_SPECS[1:], reused=reused, failed=("lora-r64",))
    result = build_dashboard(Selection(sweep="second"), project_params(), ProjectPaths(tmp_path), log_to_mlflow=False)
    assert [(v.label, v.status) for v in result.comparison.variants] == [("lora-r32", "ran"), ("lora-r8", "reused")]
    assert "Left out (no MLflow run): lora-r64: failed." in result.html_path.read_text(encoding="utf-8")
    assert result.comparison.variants[1].run_id == demo.variants[0].run_id
    assert result.html_path == tmp_path / "reports" / "compare" / "second.html", "the default place"


def test_no_champion_and_unknown_sweep(store: DemoStore) -> None:
    params = project_params(["pipeline.name=never-registered"])
    result = build_dashboard(
        Selection(sweep=store.sweep), params, ProjectPaths(store.root), out=store.root / "nc.html", log_to_mlflow=False
    )
    assert result.comparison.champion is None
    assert "no champion" in result.html_path.read_text(encoding="utf-8")
    with pytest.raises(SftopsError, match="no sweep named 'nope'.*lora-rank"):
        build_dashboard(Selection(sweep="nope"), params, ProjectPaths(store.root), log_to_mlflow=False)
    with pytest.raises(SftopsError, match="exactly one"):
        Selection(sweep="x", run_ids=("y",)).check()


def test_cli_prints_the_page_path(store: DemoStore, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app
    from tests.helpers import REPO

    out = tmp_path / "cli.html"
    args = ["compare", "--sweep", store.sweep, "--out", str(out), "--no-log", "--params", str(REPO / "params.yaml")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"dashboard: {out}" in result.output and out.is_file()
    bad = CliRunner().invoke(app, ["compare", "--params", str(REPO / "params.yaml")])
    assert bad.exit_code == 2 and "exactly one" in bad.output


def test_inside_a_flow_it_publishes_a_link_and_a_table(store: DemoStore) -> None:
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.testing.utilities import prefect_test_harness

    @flow
    def compare_flow() -> tuple[str, DashboardResult]:
        from prefect.runtime import flow_run

        paths = ProjectPaths(store.root)
        return flow_run.id, build_dashboard(
            Selection(sweep=store.sweep), project_params(), paths, out=store.root / "f.html"
        )

    with prefect_test_harness(server_startup_timeout=120):
        run_id, result = compare_flow()
        with get_client(sync_client=True) as client:
            artifacts = {a.key: a for a in client.read_artifacts() if str(a.flow_run_id) == run_id}
    link, table = artifacts["compare-lora-rank"], artifacts["compare-lora-rank-table"]
    assert result.artifact_uri and result.artifact_uri in str(link.data), "links to the MLflow artifact"
    assert "| `hallucination/hallucination_rate` |" in str(table.data), "variants × metrics as markdown"


# --- integration: paired tests from what evaluate logged ----------------------------------------------------------


@pytest.fixture(scope="module")
def paired_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LoggedRun, LoggedRun, LoggedRun, str]]:
    """A champion and a new run, both logged with item outcomes and vs-base intervals, and an old run without
    either (made before the paired tests); no data cards (not what is tested here)."""
    root = tmp_path_factory.mktemp("compare_paired")
    with pytest.MonkeyPatch.context() as mp:
        _, client = use_store(root, mp)
        champion = log_variant(client, VariantSpec("baseline", quality=0.3, seed=5, data_card=False))
        register_champion(client, champion)
        new = log_variant(client, VariantSpec("new", quality=0.6, seed=1, data_card=False))
        old = log_variant(client, VariantSpec("old", quality=0.6, seed=2, data_card=False, paired=False))
        yield champion, new, old, str(root)


SIGNIFICANT = "hallucination/hallucination_rate"
NOT_SIGNIFICANT = "sycophancy_answer/accuracy_neutral"
TOO_FEW = "refusal_consistency/over_refusal_rate"


def _worse_by(run: LoggedRun, metric: str) -> float:
    return -run.delta[metric] if BASE_METRICS[metric][1] else run.delta[metric]


@pytest.fixture(scope="module")
def paired_dashboard(paired_store: tuple[LoggedRun, LoggedRun, LoggedRun, str]) -> DashboardResult:
    from mlflow import MlflowClient

    _, new, old, root = paired_store
    with pytest.MonkeyPatch.context() as mp:
        uri = f"sqlite:///{Path(root) / 'mlflow.db'}"
        mp.setenv("MLFLOW_TRACKING_URI", uri)
        mp.setenv("MLFLOW_REGISTRY_URI", uri)
        client = MlflowClient(tracking_uri=uri, registry_uri=uri)
        # the new run's logged intervals around its own deltas: one significant, one not, one too wide to tell
        for metric, half, mdd in ((SIGNIFICANT, 0.5, 0.05), (NOT_SIGNIFICANT, 2.0, 0.05), (TOO_FEW, 2.0, 0.3)):
            worse_by = _worse_by(new, metric)
            assert abs(worse_by) > 0.001, f"{metric}: the synthetic run should change it"
            width = half * abs(worse_by)
            log_vs_base(client, new.run_id, metric, worse_by - width, worse_by + width, mdd)
        return build_dashboard(
            Selection(run_ids=(new.run_id, old.run_id)),
            project_params(),
            ProjectPaths(Path(root)),
            out=Path(root) / "paired.html",
            log_to_mlflow=False,
        )


def _cell(result: DashboardResult, row: int, metric: str) -> dict[str, Delta]:
    task = metric.split("/")[0]
    column = sorted(m for m in BASE_METRICS if m.startswith(f"{task}/")).index(metric)
    tables = read_page(result.html_path.read_text(encoding="utf-8")).tables
    return tables[task][row].deltas[column]


def test_a_significant_logged_interval_is_marked_and_coloured(
    paired_store: tuple[LoggedRun, LoggedRun, LoggedRun, str], paired_dashboard: DashboardResult
) -> None:
    new = paired_store[1]
    test = paired_dashboard.comparison.variants[0].vs_base[SIGNIFICANT]
    expected = "better" if _worse_by(new, SIGNIFICANT) < 0 else "worse"
    assert test.verdict == expected and test.significant
    base = _cell(paired_dashboard, 0, SIGNIFICANT)["base"]
    assert base.verdict == expected and {expected, "sig"} <= base.classes, base
    assert base.text.endswith("▲" if expected == "better" else "▼") and "[" in base.text, base.text


def test_a_non_significant_change_is_not_coloured(paired_dashboard: DashboardResult) -> None:
    base = _cell(paired_dashboard, 0, NOT_SIGNIFICANT)["base"]
    assert base.verdict == "no_difference", base
    assert not base.classes & {"better", "worse"}, f"no colour without significance: {base}"
    assert base.text.endswith("≈"), base.text


def test_too_few_items_is_flagged_with_the_detectable_difference(paired_dashboard: DashboardResult) -> None:
    variant = paired_dashboard.comparison.variants[0]
    assert variant.vs_base[TOO_FEW].verdict == "too_few_items" and variant.vs_base[TOO_FEW].mdd == 0.3
    base = _cell(paired_dashboard, 0, TOO_FEW)["base"]
    assert base.verdict == "too_few_items" and not base.classes & {"better", "worse"}
    assert "too few items: detects ≥ 0.300" in base.text, base.text


def test_the_logged_intervals_of_every_metric_are_read(
    paired_store: tuple[LoggedRun, LoggedRun, LoggedRun, str], paired_dashboard: DashboardResult
) -> None:
    """Every metric evaluate compared item by item has a test; the verdicts are paired.Comparison's."""
    variant = paired_dashboard.comparison.variants[0]
    paired_metrics = {m for m in BASE_METRICS if not m.startswith("length_calibration/")}
    assert set(variant.vs_base) == paired_metrics
    assert variant.outcomes is not None and set(variant.outcomes) == paired_metrics
    overview = read_page(paired_dashboard.html_path.read_text(encoding="utf-8")).tables["overview-table"]
    tally = tally_vs_base(variant, sorted(BASE_METRICS), variant.higher_is_better)
    assert overview[0].cells[-2][1] == tally.text() and tally.untested == 4, "length_calibration: not tested"
    significant = sum(t.significant for t in variant.vs_base.values())
    assert tally.better + tally.worse == significant


def test_an_old_run_without_paired_tests_renders_as_before(paired_dashboard: DashboardResult) -> None:
    old = paired_dashboard.comparison.variants[1]
    assert old.vs_base == {} and old.outcomes is None and old.vs_champion == {}
    dirs = old.higher_is_better
    for metric in (SIGNIFICANT, NOT_SIGNIFICANT, TOO_FEW):
        cell = _cell(paired_dashboard, 1, metric)
        for ref, delta in (("base", old.delta_vs_base(metric)), ("champ", None)):
            shown = cell[ref]
            assert shown.verdict == "untested" and shown.text.endswith("not tested"), shown
            if ref == "base":
                assert verdict(delta, dirs[metric]) in shown.classes, "coloured by the sign, as before"
    overview = read_page(paired_dashboard.html_path.read_text(encoding="utf-8")).tables["overview-table"]
    signed = tally_vs_base(old, sorted(BASE_METRICS), dirs)
    assert not signed.tested and overview[1].cells[-2][1] == signed.text()
    assert signed.text().endswith("(not tested)") and signed.better + signed.worse + signed.same == len(BASE_METRICS)


def test_vs_champion_is_a_paired_test_on_both_runs_item_outcomes(
    paired_store: tuple[LoggedRun, LoggedRun, LoggedRun, str], paired_dashboard: DashboardResult
) -> None:
    import json

    from mlflow import MlflowClient

    from tasks.core import paired
    from tests.helpers import REPO

    champion, new, _, root = paired_store
    variant = paired_dashboard.comparison.variants[0]
    assert paired_dashboard.comparison.champion is not None and paired_dashboard.comparison.champion.outcomes
    # the same test by hand, on the two runs' logged item_outcomes.json
    client = MlflowClient(tracking_uri=f"sqlite:///{Path(root) / 'mlflow.db'}")
    files = {}
    for run in (champion, new):
        local = client.download_artifacts(run.run_id, paired.ITEM_OUTCOMES_ARTIFACT, str(Path(root) / run.run_id))
        files[run.run_id] = json.loads(Path(local).read_text(encoding="utf-8"))
    settings = project_params().eval.significance
    verdicts = set()
    for metric in (SIGNIFICANT, NOT_SIGNIFICANT, TOO_FEW, "heldout_skill/rouge_l_f1"):
        expected = paired.compare_outcomes(
            paired.outcomes_of(files[new.run_id], "finetuned", "new"),
            paired.outcomes_of(files[champion.run_id], "finetuned", "champion"),
            metric,
            BASE_METRICS[metric][1],
            REPO / "evals",
            settings.confidence,
            settings.bootstrap_iters,
            project_params().seed,
        )
        assert expected is not None
        test = variant.vs_champion[metric]
        assert (test.low, test.high, test.mdd, test.n_items) == pytest.approx(
            (expected.low, expected.high, expected.mdd, expected.n_items)
        )
        assert test.verdict == expected.verdict(settings.detectable_for(metric))
        champ = _cell(paired_dashboard, 0, metric)["champ"]
        assert champ.verdict == test.verdict, f"{metric}: the page shows the paired verdict"
        verdicts.add(test.verdict)
    assert verdicts & {"better", "worse", "no_difference"}, verdicts
    overview = read_page(paired_dashboard.html_path.read_text(encoding="utf-8")).tables["overview-table"]
    vs_champion = tally_vs_champion(variant, paired_dashboard.comparison.champion, sorted(BASE_METRICS),
                                    variant.higher_is_better)  # fmt: skip
    assert vs_champion is not None and overview[0].cells[-1][1] == vs_champion.text()
