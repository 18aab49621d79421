"""The dashboard as one self-contained HTML page (inline CSS, charts as embedded PNGs, no script, nothing fetched),
and its summary as a markdown table (for the Prefect artifact).

Sections: overview (one row per variant), params that differ, metrics (one table per task, rows = variants,
each cell the fine-tuned value ± stderr with its change against the base model and the champion, each change with
its paired interval and whether it is significant, the best value of each column marked by the metric's
direction), probe scores chart, training loss, length calibration and the data card of each variant's dataset.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping, Sequence

from tasks.tools.comparison import charts
from tasks.tools.comparison.model import (
    Champion,
    Comparison,
    DataCard,
    Mark,
    Significance,
    Variant,
    arrow,
    best_labels,
    by_task,
    delta_vs_champion,
    direction_text,
    directions,
    is_finite,
    mark,
    metric_names,
    overrides_text,
    params_diff,
    reference_base,
    short_name,
    tally_vs_base,
    tally_vs_champion,
    verdict,
    wins,
)

MINUS = "\u2212"
# The mark after a change (its symbol and what it means); colour only where the paired test is significant.
MARKS: dict[Mark, tuple[str, str]] = {
    "better": ("▲", "significantly better"),
    "worse": ("▼", "significantly worse"),
    "no_difference": ("≈", "no significant difference"),
    "too_few_items": ("⚠", "too few items"),
    "untested": ("?", "not tested"),
}
MARK_CLASSES: dict[Mark, str] = {
    "better": "better sig",
    "worse": "worse sig",
    "no_difference": "nodiff",
    "too_few_items": "fewitems",
    "untested": "untested",
}
PARAM_VALUE_CHARS = 60  # longer logged params are cut in the table (the full value is in the cell's title)

CSS = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --best: #fff1b8; --better: #1a7f37; --worse: #cf222e;
  --head: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--fg);
  margin: 0; background: #fff; }
header { padding: 18px 28px 10px; border-bottom: 1px solid var(--line); background: var(--head); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 2px 0; color: var(--muted); }
nav a { margin-right: 14px; color: #0969da; text-decoration: none; font-size: 13px; }
main { padding: 8px 28px 28px; max-width: 1500px; }
section { margin-top: 22px; }
h2 { font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-bottom: 10px; }
h3 { font-size: 15px; margin: 10px 0 6px; }
.tasks { display: flex; flex-wrap: wrap; gap: 4px 26px; align-items: flex-start; }
p.note { color: var(--muted); margin: 4px 0 10px; font-size: 13px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 4px 0 10px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
table.metrics th, table.metrics td { padding: 3px 6px; }
th[scope="row"] { white-space: nowrap; text-align: left; }
thead th { background: var(--head); text-align: left; font-weight: 600; }
th.metric { min-width: 110px; max-width: 170px; }
th .dir { display: block; font-weight: 400; color: var(--muted); font-size: 11px; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td .err { color: var(--muted); margin-left: 3px; font-size: 12px; }
td .deltas { font-size: 11px; margin-top: 1px; }
td .deltas .delta { display: block; }
td .deltas .ci { color: var(--muted); }
td .deltas .sig { font-weight: 600; }
td .deltas .sig .ci { color: inherit; font-weight: 400; }
.nodiff { color: var(--muted); }
.fewitems { color: var(--muted); }
.fewitems .flag { color: #7d4e00; background: #fff8c5; border: 1px dashed #d4a72c; border-radius: 3px;
  padding: 0 3px; }
.untested .flag { color: var(--muted); font-style: italic; font-weight: 400; }
td.best { background: var(--best); font-weight: 600; }
td.best .deltas { font-weight: 400; }
.mark { color: #9a6700; margin-left: 3px; }
.better { color: var(--better); }
.worse { color: var(--worse); }
.same { color: var(--muted); }
tbody.reference td, tbody.reference th { background: #fafbfc; color: var(--muted); font-style: italic; }
.sw { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px;
  vertical-align: -1px; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
img.chart { max-width: 100%; height: auto; border: 1px solid var(--line); }
.missing { color: var(--muted); font-style: italic; }
details.card { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; margin: 8px 0; }
details.card summary { cursor: pointer; font-weight: 600; }
details.card summary .note { font-weight: 400; margin-left: 6px; }
details.card img { max-width: min(100%, 820px); height: auto; }
footer { color: var(--muted); font-size: 12px; padding: 12px 28px 24px; border-top: 1px solid var(--line); }
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def fmt(value: float | None) -> str:
    if not is_finite(value):
        return "—"
    if value != 0 and abs(value) < 0.001:
        return f"{value:.1e}"
    return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:.3f}"


def fmt_delta(value: float | None) -> str:
    if not is_finite(value):
        return "—"
    text = fmt(abs(value))
    return f"+{text}" if value > 0 else f"{MINUS}{text}" if value < 0 else f"±{text}"


def breakable(name: str) -> str:
    """``name`` escaped, with a line-break opportunity after each underscore (long metric names in headers)."""
    return "_<wbr>".join(esc(part) for part in name.split("_"))


def swatch(color: str) -> str:
    return f'<span class="sw" style="background:{esc(color)}"></span>'


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def chart_img(png: bytes | None, alt: str, missing: str) -> str:
    if png is None:
        return f'<p class="missing">{esc(missing)}</p>'
    return f'<img class="chart" alt="{esc(alt)}" src="{data_uri(png)}">'


# --- page -------------------------------------------------------------------------------------------------------


def render(comparison: Comparison) -> str:
    """The whole page."""
    dirs = directions(comparison.variants)
    colors = charts.variant_colors(comparison.labels())
    sections = [
        overview_section(comparison, dirs, colors),
        params_section(comparison.variants, colors),
        metrics_section(comparison, dirs, colors),
        probe_chart_section(comparison, dirs),
        loss_section(comparison),
        length_section(comparison),
        data_card_section(comparison.variants, colors),
    ]
    title = f"sftops compare: {comparison.name}"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body>",
            header(comparison, title),
            "<main>",
            *sections,
            "</main>",
            f"<footer>Written by <code>sftops compare</code> at {esc(comparison.created)} from the MLflow store "
            f"<code>{esc(comparison.tracking_uri)}</code>. Metric names are MLflow's (<code>eval/finetuned/&lt;task&gt;"
            "/&lt;metric&gt;</code>), so MLflow's compare view shows the same columns.</footer>",
            "</body></html>",
        ]
    )


def header(comparison: Comparison, title: str) -> str:
    champion = comparison.champion
    if champion is None:
        champ = f"no champion: no version of the registered model holds <code>{esc(comparison.champion_ref)}</code>"
    else:
        champ = f"champion: <code>{esc(comparison.champion_ref)}</code> = version {esc(champion.version)}" + (
            f" (run <code>{esc(champion.run_id[:8])}</code>)" if champion.run_id else ""
        )
    links = [
        ("overview", "Overview"),
        ("params", "Params"),
        ("metrics", "Metrics"),
        ("probe-scores", "Probe scores"),
        ("loss", "Training loss"),
        ("length-calibration", "Length calibration"),
        ("data-cards", "Data cards"),
    ]
    nav = "".join(f'<a href="#{anchor}">{text}</a>' for anchor, text in links)
    left_out = ""
    if comparison.left_out:
        left_out = f"<p>Left out (no MLflow run): {esc('; '.join(comparison.left_out))}.</p>"
    return (
        f"<header><h1>{esc(title)}</h1><p>{len(comparison.variants)} variants from {esc(comparison.source)}; "
        f"{champ}.</p>{left_out}<nav>{nav}</nav></header>"
    )


def _variant_head(variant: Variant, colors: Mapping[str, str], champion: Champion | None) -> str:
    badge = ' <span class="mark" title="this run is the champion\'s">(champion)</span>'
    is_champion = champion is not None and champion.run_id == variant.run_id
    return f'<th scope="row">{swatch(colors[variant.label])}{esc(variant.label)}{badge if is_champion else ""}</th>'


# --- overview ---------------------------------------------------------------------------------------------------


def overview_section(comparison: Comparison, dirs: Mapping[str, bool], colors: Mapping[str, str]) -> str:
    metrics = metric_names(comparison.variants)
    rows = [overview_row(v, comparison, metrics, dirs, colors) for v in comparison.variants]
    head = (
        "<tr><th>variant</th><th>MLflow run</th><th>status</th><th>final train/loss</th>"
        "<th>best in</th><th>vs base model</th><th>vs champion</th></tr>"
    )
    return (
        '<section id="overview"><h2>Overview</h2>'
        '<p class="note">"best in": the metric columns where the variant has the best value (★ below); '
        '"better"/"worse" count only significant differences (paired tests on the same items) by each metric\'s '
        'direction; runs without paired tests are counted by the sign of the change and say "not tested".</p>'
        f'<div class="scroll"><table id="overview-table"><thead>{head}</thead>'
        f'<tbody class="variants">{"".join(rows)}</tbody></table></div></section>'
    )


def overview_row(
    variant: Variant,
    comparison: Comparison,
    metrics: Sequence[str],
    dirs: Mapping[str, bool],
    colors: Mapping[str, str],
) -> str:
    vs_champion = tally_vs_champion(variant, comparison.champion, metrics, dirs)
    cells = [
        _variant_head(variant, colors, comparison.champion),
        f'<td><code title="{esc(variant.run_id)}">{esc(variant.run_id[:8])}</code> {esc(variant.run_name)}</td>',
        f"<td>{esc(variant.status or '—')}</td>",
        f'<td class="num">{fmt(variant.final_loss())}</td>',
        f'<td class="num">{wins(variant, comparison.variants, metrics, dirs)} of {len(metrics)}</td>',
        f"<td>{esc(tally_vs_base(variant, metrics, dirs).text())}</td>",
        f"<td>{esc(vs_champion.text()) if vs_champion else 'no champion'}</td>",
    ]
    return f"<tr>{''.join(cells)}</tr>"


# --- params -----------------------------------------------------------------------------------------------------


def params_section(variants: Sequence[Variant], colors: Mapping[str, str]) -> str:
    keys = params_diff(variants)
    with_overrides = any(v.overrides is not None for v in variants)
    if not keys and not with_overrides:
        note = "Only one variant." if len(variants) < 2 else "The variants' logged params are all the same."
        return f'<section id="params"><h2>Params that differ</h2><p class="missing">{note}</p></section>'
    head = "<th>variant</th>" + ("<th>sweep overrides</th>" if with_overrides else "")
    head += "".join(f"<th><code>{esc(k)}</code></th>" for k in keys)
    rows = []
    for variant in variants:
        cells = [f'<th scope="row">{swatch(colors[variant.label])}{esc(variant.label)}</th>']
        if with_overrides:
            cells.append(f"<td><code>{esc(overrides_text(variant.overrides) or '—')}</code></td>")
        cells += [_param_cell(variant.params.get(k)) for k in keys]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        '<section id="params"><h2>Params that differ</h2>'
        '<p class="note">The logged MLflow params (train\'s resolved params) whose value is not the same in every '
        "variant; a sweep variant also shows the overrides it was declared with.</p>"
        f'<div class="scroll"><table id="params-table"><thead><tr>{head}</tr></thead>'
        f'<tbody class="variants">{"".join(rows)}</tbody></table></div></section>'
    )


def _param_cell(value: str | None) -> str:
    if value is None:
        return '<td class="missing">not logged</td>'
    shown = value if len(value) <= PARAM_VALUE_CHARS else value[: PARAM_VALUE_CHARS - 1] + "…"
    return f'<td title="{esc(value)}"><code>{esc(shown)}</code></td>'


# --- metrics ----------------------------------------------------------------------------------------------------


def metrics_section(comparison: Comparison, dirs: Mapping[str, bool], colors: Mapping[str, str]) -> str:
    tasks = by_task(metric_names(comparison.variants))
    if not tasks:
        return '<section id="metrics"><h2>Metrics</h2><p class="missing">No run has eval metrics.</p></section>'
    champion = comparison.champion
    reference = f"the champion (version {champion.version})" if champion else "the champion (there is none)"
    tables = [task_table(task, metrics, comparison, dirs, colors) for task, metrics in tasks.items()]
    level = round(100 * (2 * comparison.confidence - 1))
    return (
        '<section id="metrics"><h2>Metrics</h2>'
        f'<p class="note">Fine-tuned value ± bootstrap standard error; below it the change against the base model '
        f"(<code>eval/delta</code>) and against {esc(reference)} with its {level}% paired interval [low, high] "
        "(a bootstrap over the same items both models answered). ▲ significantly better and ▼ significantly worse "
        "by the metric's direction are the only coloured changes; ≈ is no significant difference; ⚠ too few items: "
        "no significant difference, but the smallest difference the eval detects (shown) is above "
        '<code>eval.significance.max_detectable</code>; "not tested" marks a run logged before the paired tests, '
        "coloured by the sign alone. ★ marks the best variant in each column. Probe definitions: "
        f'<code>evals/&lt;task&gt;/README.md</code>.</p><div class="tasks">{"".join(tables)}</div></section>'
    )


def task_table(
    task: str, metrics: Sequence[str], comparison: Comparison, dirs: Mapping[str, bool], colors: Mapping[str, str]
) -> str:
    head = "<th>variant</th>" + "".join(
        f'<th class="metric" title="{esc(m)}: {esc(direction_text(dirs.get(m)))}">{breakable(short_name(m))}'
        f'<span class="dir">{esc(direction_text(dirs.get(m)))}</span></th>'
        for m in metrics
    )
    best = {m: best_labels(comparison.variants, m, dirs.get(m)) for m in metrics}
    rows = [
        "<tr>"
        + _variant_head(v, colors, comparison.champion)
        + "".join(metric_cell(v, m, comparison.champion, dirs.get(m), v.label in best[m]) for m in metrics)
        + "</tr>"
        for v in comparison.variants
    ]
    return (
        f'<div class="task"><h3>{esc(task)}</h3><div class="scroll"><table class="metrics" data-task="{esc(task)}">'
        f"<thead><tr>{head}</tr></thead>"
        f'<tbody class="variants">{"".join(rows)}</tbody>'
        f'<tbody class="reference">{reference_rows(comparison, metrics)}</tbody></table></div></div>'
    )


def metric_cell(variant: Variant, metric: str, champion: Champion | None, higher: bool | None, best: bool) -> str:
    value = variant.value(metric)
    if not is_finite(value):
        return '<td class="num missing">—</td>'
    err = variant.stderr(metric)
    parts = [f'<span class="val">{fmt(value)}</span>']
    if is_finite(err):
        parts.append(f'<span class="err">± {fmt(err)}</span>')
    if best:
        parts.append('<span class="mark" title="best in this column">★</span>')
    deltas = [
        _delta_span("base", variant.delta_vs_base(metric), higher, "vs the base model", variant.vs_base.get(metric))
    ]
    if champion is not None:
        title = f"vs the champion, version {champion.version}"
        delta = delta_vs_champion(variant, champion, metric)
        deltas.append(_delta_span("champ", delta, higher, title, variant.vs_champion.get(metric)))
    classes = "num best" if best else "num"
    return f'<td class="{classes}">{"".join(parts)}<div class="deltas">{"".join(deltas)}</div></td>'


def _delta_span(name: str, delta: float | None, higher: bool | None, title: str, test: Significance | None) -> str:
    """One change: the delta, its paired interval and its mark (see MARKS); without a paired test, coloured by
    the sign alone and marked "not tested"."""
    shown = mark(delta, test)
    if shown is None:
        return f'<span class="delta same" data-ref="{name}" title="{esc(title)}">{name} —</span>'
    symbol, meaning = MARKS[shown]
    if test is None or higher is None:
        judged = verdict(delta, higher) or "same"
        why = "no paired test (an older run, or no per-item outcomes to pair)" if test is None else "direction unknown"
        return (
            f'<span class="delta {judged} untested" data-ref="{name}" data-verdict="untested" '
            f'title="{esc(f"{title}: {meaning}, {why}; coloured by the sign alone")}">{name} {fmt_delta(delta)} '
            f'<span class="flag">not tested</span></span>'
        )
    low, high = test.delta_interval(higher)
    interval = f"[{_bound(low)}, {_bound(high)}]"
    items = f" over {test.n_items} items" if test.n_items is not None else ""
    detail = f"{title}: {fmt_delta(delta)}, {test.level}% paired interval {interval}{items}: {meaning}"
    flag = f'<span class="flag">{symbol}</span>'
    if shown == "too_few_items":
        detail += (
            f" (it detects a difference of {fmt(test.mdd)} with 80% power, more than the {fmt(test.max_detectable)} "
            "of eval.significance.max_detectable: add items)"
        )
        flag = f'<span class="flag">{symbol} too few items: detects ≥ {fmt(test.mdd)}</span>'
    elif shown == "no_difference":
        detail += f" (it would detect {fmt(test.mdd)} with 80% power)"
    return (
        f'<span class="delta {MARK_CLASSES[shown]}" data-ref="{name}" data-verdict="{shown}" title="{esc(detail)}">'
        f'{name} {fmt_delta(delta)} <span class="ci">{esc(interval)}</span> {flag}</span>'
    )


def _bound(value: float) -> str:
    """An interval bound: signed like a delta, but a bound of 0 is just 0."""
    return fmt(0.0) if value == 0 else fmt_delta(value)


def reference_rows(comparison: Comparison, metrics: Sequence[str]) -> str:
    base_cells = []
    for metric in metrics:
        value, err, differs = reference_base(comparison.variants, metric)
        note = ' <span title="the variants report different base values; deltas use each its own">*</span>'
        base_cells.append(_plain_cell(value, err, note if differs else ""))
    rows = [f'<tr><th scope="row">base model</th>{"".join(base_cells)}</tr>']
    champion = comparison.champion
    if champion is None:
        rows.append(f'<tr><th scope="row">champion</th><td colspan="{len(metrics)}">no champion</td></tr>')
    else:
        cells = "".join(_plain_cell(champion.metrics.get(m), None, "") for m in metrics)
        rows.append(f'<tr><th scope="row">champion v{esc(champion.version)}</th>{cells}</tr>')
    return "".join(rows)


def _plain_cell(value: float | None, err: float | None, note: str) -> str:
    err_text = f'<span class="err">± {fmt(err)}</span>' if is_finite(err) else ""
    return f'<td class="num">{fmt(value)}{err_text}{note}</td>'


# --- charts -----------------------------------------------------------------------------------------------------


def _chart_section(section_id: str, title: str, note: str, png: bytes | None, alt: str, empty: str) -> str:
    """A section with its heading, a note (HTML) and one chart, or ``empty`` when there is nothing to draw."""
    return (
        f'<section id="{section_id}"><h2>{title}</h2><p class="note">{note}</p>{chart_img(png, alt, empty)}</section>'
    )


def probe_chart_section(comparison: Comparison, dirs: Mapping[str, bool]) -> str:
    note = (
        "One panel per task, one bar per variant (± stderr); the dashed line is the base model, the dotted one the "
        "champion. The arrow after each metric is its direction (↑ higher is better, ↓ lower is better)."
    )
    png = charts.probe_scores(comparison, dirs)
    return _chart_section(
        "probe-scores", "Probe scores per variant", note, png, "probe scores per variant", "No run has eval metrics."
    )


def loss_section(comparison: Comparison) -> str:
    note = (
        "MLflow metric history <code>train/loss</code> per optimizer step (solid) and "
        "<code>train/eval_loss</code> (dashed)."
    )
    png = charts.loss_curves(comparison)
    return _chart_section("loss", "Training loss", note, png, "training loss curves", "No run logged train/loss.")


def length_section(comparison: Comparison) -> str:
    note = (
        "Each point is one <code>length_calibration</code> item of the fine-tuned model "
        "(<code>eval/samples_finetuned.jsonl</code>): the documented length of a good reply against the reply's "
        "length, in words (log scales; empty replies drawn at 0.5). The line joins the medians of half-octave bins of "
        "expected length; grey dashed: the base model's; the shaded band is within a factor of 2 of y = x."
    )
    png = charts.length_calibration(comparison)
    return _chart_section(
        "length-calibration",
        "Length calibration: expected vs produced length",
        note,
        png,
        "length calibration per variant",
        "No run logged length_calibration samples.",
    )


# --- data cards -------------------------------------------------------------------------------------------------


def data_card_section(variants: Sequence[Variant], colors: Mapping[str, str]) -> str:
    seen: dict[str, str] = {}
    blocks = []
    for index, variant in enumerate(variants):
        card = variant.data_card
        title = f"{swatch(colors[variant.label])}{esc(variant.label)}"
        if card is None:
            title += '<span class="note">not logged</span>'
            body = '<p class="missing">not logged (the run has no <code>data_card</code> artifact)</p>'
        elif card.digest() in seen:
            title += f'<span class="note">same data card as {esc(seen[card.digest()])}</span>'
            body = f'<p class="note">Same data card as {esc(seen[card.digest()])}.</p>'
        else:
            seen[card.digest()] = variant.label
            body = render_card(card)
        opened = " open" if index == 0 else ""
        blocks.append(f'<details class="card"{opened}><summary>{title}</summary>{body}</details>')
    return (
        '<section id="data-cards"><h2>Data cards</h2>'
        '<p class="note">The data card each run logged (artifact <code>data_card/data_card.md</code> and its '
        f"figures).</p>{''.join(blocks)}</section>"
    )


def render_card(card: DataCard) -> str:
    """The card's markdown as HTML (escaped), headings moved two levels down, its figures embedded."""
    import mistune

    body = str(mistune.create_markdown(escape=True, plugins=["table"])(card.markdown))
    body = re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}>", body)
    for name, png in card.images.items():
        body = body.replace(f'src="{esc(name)}"', f'src="{data_uri(png)}"')
    return body


# --- markdown summary -------------------------------------------------------------------------------------------


def markdown_table(comparison: Comparison, where: str) -> str:
    """Metrics × (base, variants, champion), best in bold: the Prefect markdown artifact."""
    dirs = directions(comparison.variants)
    champion = comparison.champion
    head = ["metric", "dir", "base", *comparison.labels()] + ([f"champion v{champion.version}"] if champion else [])
    lines = [
        f"**sftops compare: {comparison.name}**: {len(comparison.variants)} variants from {comparison.source}. "
        f"Dashboard: {where}",
        "",
        "| " + " | ".join(_md(h) for h in head) + " |",
        "|---|:-:|" + "---:|" * (len(head) - 2),
    ]
    for metric in metric_names(comparison.variants):
        best = best_labels(comparison.variants, metric, dirs.get(metric))
        base, _, _ = reference_base(comparison.variants, metric)
        cells = [f"`{metric}`", arrow(dirs.get(metric)), fmt(base)]
        cells += [
            f"**{fmt(v.value(metric))}**" if v.label in best else fmt(v.value(metric)) for v in comparison.variants
        ]
        if champion is not None:
            cells.append(fmt(champion.metrics.get(metric)))
        lines.append("| " + " | ".join(cells) + " |")
    if champion is None:
        lines += ["", f"No champion: no version holds `{comparison.champion_ref}`."]
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|")
