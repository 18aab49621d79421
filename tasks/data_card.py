"""Stage data_card: what the prepared data is made of, as metrics, DVC plots, PNGs and a markdown card.

Reads data/prepared/<split>.jsonl, outputs/prepare/rejects.jsonl and metrics/prepare.json; writes
metrics/data_card.json and outputs/data_card/ (data_card.md, token_lengths.png/.csv, turns.png/.csv). The report
stage logs the folder to the pipeline's MLflow run (artifact path ``data_card``).

Definitions, per kept example:

- response tokens: ``n_label_tokens``, the tokens trained on (every assistant reply of the conversation,
  end-of-turn token included);
- prompt tokens: ``n_tokens - n_label_tokens``, everything else the model reads (system prompt, user turns,
  earlier context, chat-template markup);
- turns: the number of user messages (a single instruction and its reply is one turn).

Only these counts and the messages' roles are read: the token arrays are cut out of each JSON line before it
is decoded, so a large prepared set costs little more than reading the file.
"""

from __future__ import annotations

import csv
import json
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tasks.core.errors import SftopsError
from tasks.core.io import read_json, read_jsonl, write_json
from tasks.core.params import Params
from tasks.core.paths import ProjectPaths
from tasks.core.schema import IGNORE_INDEX, SPLITS
from tasks.core.stage import stage_main

log = logging.getLogger("sftops.data_card")

HIST_BINS = 30  # at most this many bins in the token-length histograms (widths are 1, 2 or 5 x 10^k tokens)
TOKEN_ARRAYS = ('"input_ids": [', '"labels": [')  # as io.write_jsonl writes them (json.dumps separators)
INT_LIST_CHARS = "0123456789-, "
KINDS = ("prompt", "response")


@dataclass(frozen=True, slots=True)
class CardRow:
    split: str
    source: str
    prompt_tokens: int
    response_tokens: int
    turns: int


# ---------------------------------------------------------------- reading


def without_token_arrays(line: str) -> str:
    """The JSON line with its input_ids and labels arrays replaced by null (decoding them is most of the cost).

    Inside a JSON string a quote is always escaped, so ``"input_ids": [`` can only be the key itself; a span
    that is not a plain list of integers is left alone.
    """
    for key in TOKEN_ARRAYS:
        start = line.find(key)
        if start < 0:
            continue
        first = start + len(key)
        end = line.find("]", first)
        if end < 0 or line[first:end].strip(INT_LIST_CHARS):
            continue
        line = line[: first - 1] + "null" + line[end + 1 :]
    return line


def _card_row(row: dict[str, Any], split: str) -> CardRow:
    n_tokens, n_label = row.get("n_tokens"), row.get("n_label_tokens")
    if not isinstance(n_tokens, int) or not isinstance(n_label, int):
        raise KeyError("n_tokens")
    messages = row.get("messages") or []
    return CardRow(
        split=split,
        source=str(row.get("source", "unknown")),
        prompt_tokens=n_tokens - n_label,
        response_tokens=n_label,
        turns=sum(1 for m in messages if isinstance(m, dict) and m.get("role") == "user"),
    )


def read_card_rows(path: Path, split: str) -> Iterator[CardRow]:
    """The card's view of one prepared split file (a missing file is an empty split)."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                yield _card_row(json.loads(without_token_arrays(line)), split)
            except (json.JSONDecodeError, KeyError):
                # a row without the counts (or one the shortcut could not cut): decode all of it
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise SftopsError(f"{path}:{number}: not valid JSON ({e.msg}); rerun the prepare stage") from e
                ids, labels = row.get("input_ids") or [], row.get("labels") or []
                row.setdefault("n_tokens", len(ids))
                row.setdefault("n_label_tokens", sum(1 for t in labels if t != IGNORE_INDEX))
                try:
                    yield _card_row(row, split)
                except KeyError as e:
                    raise SftopsError(f"{path}:{number}: a prepared row needs n_tokens and n_label_tokens") from e


# ---------------------------------------------------------------- summarising (pure)


def percentile(sorted_values: list[int], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default); None for no values."""
    if not sorted_values:
        return None
    pos = (len(sorted_values) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return round(sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo), 2)


def length_stats(values: list[int]) -> dict[str, Any]:
    ordered = sorted(values)
    return {
        "count": len(ordered),
        "mean": round(sum(ordered) / len(ordered), 2) if ordered else None,
        "median": percentile(ordered, 0.5),
        "p95": percentile(ordered, 0.95),
        "min": ordered[0] if ordered else None,
        "max": ordered[-1] if ordered else None,
    }


def summarise(rows: list[CardRow], rejects: list[dict[str, Any]], prepare: dict[str, Any]) -> dict[str, Any]:
    """The data card as one JSON-able dict (metrics/data_card.json).

    Raises SftopsError when the prepared files and rejects disagree with metrics/prepare.json (stale files).
    """
    kept, rejected = len(rows), len(rejects)
    if "rows_in" in prepare and prepare["rows_in"] != kept + rejected:
        raise SftopsError(
            f"data/prepared has {kept} rows and the rejects file {rejected}, but metrics/prepare.json says "
            f"rows_in={prepare['rows_in']} (kept={prepare.get('kept')}, rejected={prepare.get('rejected')}): "
            "the files are from different runs; rerun the prepare stage"
        )
    reject_sources = [str(r.get("source", "unknown")) for r in rejects]
    sources: dict[str, dict[str, int]] = {}
    for source in sorted({r.source for r in rows} | set(reject_sources)):
        per_split = Counter(r.split for r in rows if r.source == source)
        n_kept, n_rejected = sum(per_split.values()), reject_sources.count(source)
        sources[source] = {
            **{split: per_split.get(split, 0) for split in SPLITS},
            "kept": n_kept,
            "rejected": n_rejected,
            "rows_in": n_kept + n_rejected,
        }
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for source, r in zip(reject_sources, rejects, strict=True):
        by_source[source][str(r.get("reason", "unknown"))] += 1
    tokens = {
        kind: {
            group: length_stats([getattr(r, f"{kind}_tokens") for r in rows if group in ("all", r.split)])
            for group in ("all", *SPLITS)
        }
        for kind in KINDS
    }
    turns = [r.turns for r in rows]
    return {
        "rows_in": kept + rejected,
        "kept": kept,
        "rejected": rejected,
        "splits": {split: sum(1 for r in rows if r.split == split) for split in SPLITS},
        "sources": sources,
        "rejected_by_reason": dict(Counter(str(r.get("reason", "unknown")) for r in rejects)),
        "rejected_by_source": {source: dict(counts) for source, counts in by_source.items()},
        "tokens": tokens,
        "turns": {
            "mean": round(sum(turns) / len(turns), 2) if turns else None,
            "max": max(turns, default=0),
            "conversations": {str(k): v for k, v in sorted(Counter(turns).items())},
            "by_split": {
                split: {str(k): v for k, v in sorted(Counter(r.turns for r in rows if r.split == split).items())}
                for split in SPLITS
            },
        },
    }


def bin_width(max_value: int, max_bins: int = HIST_BINS) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... tokens that covers 0..max_value in at most max_bins bins."""
    needed = max(1, math.ceil((max_value + 1) / max_bins))
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude >= needed:
                return step * magnitude
        magnitude *= 10


def histogram(rows: list[CardRow]) -> tuple[list[int], list[dict[str, int]]]:
    """Bin edges shared by prompt and response lengths, and one row per bin: bin (lower edge), prompt, response."""
    top = max((max(r.prompt_tokens, r.response_tokens) for r in rows), default=0)
    width = bin_width(top)
    edges = list(range(0, top + width + 1, width))
    table = [{"bin": lo, "prompt": 0, "response": 0} for lo in edges[:-1]]
    for r in rows:
        table[r.prompt_tokens // width]["prompt"] += 1
        table[r.response_tokens // width]["response"] += 1
    return edges, table


# ---------------------------------------------------------------- writing


def write_csv(path: Path, header: list[str], rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def plot_token_lengths(rows: list[CardRow], edges: list[int], path: Path) -> None:
    """Two panels (prompt, response), one step histogram per split."""
    from matplotlib.figure import Figure  # Agg canvas, no pyplot state

    fig = Figure(figsize=(10, 4), layout="constrained")
    for ax, kind in zip(fig.subplots(1, 2, sharey=True), KINDS, strict=True):
        for split in SPLITS:
            values = [getattr(r, f"{kind}_tokens") for r in rows if r.split == split]
            if values:
                ax.hist(values, bins=edges, histtype="step", linewidth=1.5, label=f"{split} (n={len(values)})")
        ax.set_title(f"{kind} tokens per example")
        ax.set_xlabel("tokens")
        ax.grid(alpha=0.3)
        if ax.has_data():
            ax.legend()
    fig.axes[0].set_ylabel("examples")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)


def plot_turns(card: dict[str, Any], path: Path) -> None:
    """Grouped bars: conversations per number of user turns, one bar per split."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4), layout="constrained")
    ax = fig.subplots()
    turns = sorted(int(k) for k in card["turns"]["conversations"])
    width = 0.8 / len(SPLITS)
    for i, split in enumerate(SPLITS):
        counts = card["turns"]["by_split"][split]
        if counts:
            xs = [t + (i - (len(SPLITS) - 1) / 2) * width for t in turns]
            ax.bar(xs, [counts.get(str(t), 0) for t in turns], width=width, label=split)
    ax.set_xticks(turns)
    ax.set_title("turns per conversation")
    ax.set_xlabel("user turns")
    ax.set_ylabel("conversations")
    if ax.has_data():
        ax.legend()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def render_markdown(card: dict[str, Any], png: dict[str, str]) -> str:
    """The data card, readable on its own; ``png`` maps figure name to its path relative to the card."""
    sources = card["sources"]
    lines = [
        "# Data card",
        "",
        f"{card['rows_in']} rows in = {card['kept']} kept + {card['rejected']} rejected; kept rows by split: "
        + ", ".join(f"{split} {n}" for split, n in card["splits"].items())
        + ".",
        "",
        "## Rows per source and split",
        "",
        "| source | " + " | ".join(SPLITS) + " | kept | rejected | rows in |",
        "|---|" + "---:|" * (len(SPLITS) + 3),
    ]
    for source, c in sources.items():
        cells = [c[split] for split in SPLITS] + [c["kept"], c["rejected"], c["rows_in"]]
        lines.append(f"| `{source}` | " + " | ".join(map(str, cells)) + " |")
    if len(sources) > 1:
        totals = [card["splits"][split] for split in SPLITS] + [card["kept"], card["rejected"], card["rows_in"]]
        lines.append("| **all** | " + " | ".join(map(str, totals)) + " |")
    lines += ["", "## Rejected rows per reason", ""]
    reasons = sorted(card["rejected_by_reason"].items(), key=lambda kv: (-kv[1], kv[0]))
    if not reasons:
        lines.append("No row was rejected.")
    else:
        reject_sources = sorted(card["rejected_by_source"])
        per_source = len(reject_sources) > 1
        header = "| reason | rejected |" + "".join(f" `{s}` |" for s in reject_sources if per_source)
        lines += [header, "|---|---:|" + "---:|" * (len(reject_sources) if per_source else 0)]
        for reason, n in reasons:
            cells = [str(card["rejected_by_source"][s].get(reason, 0)) for s in reject_sources] if per_source else []
            lines.append(f"| {reason} | {n} |" + "".join(f" {c} |" for c in cells))
        lines += ["", "Each rejected row, with its source line and a detail, is in `outputs/prepare/rejects.jsonl`."]
    lines += [
        "",
        "## Token lengths",
        "",
        "Response tokens are the tokens trained on (`n_label_tokens`: every assistant reply, end-of-turn token "
        "included); prompt tokens are the rest of the example (`n_tokens - n_label_tokens`: system prompt, user "
        "turns, chat-template markup).",
        "",
        "| tokens | split | examples | mean | median | p95 | max |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for kind in KINDS:
        for split in ("all", *SPLITS):
            s = card["tokens"][kind][split]
            cells = [s["count"], s["mean"], s["median"], s["p95"], s["max"]]
            lines.append(f"| {kind} | {split} | " + " | ".join(map(_cell, cells)) + " |")
    lines += [
        "",
        f"![prompt and response token lengths per split]({png['token_lengths']})",
        "",
        "## Turns per conversation",
        "",
        "A turn is one user message (a single instruction and its reply is one turn); "
        f"mean {_cell(card['turns']['mean'])}, max {card['turns']['max']}.",
        "",
        "| user turns | conversations | " + " | ".join(SPLITS) + " |",
        "|---:|---:|" + "---:|" * len(SPLITS),
    ]
    for turns, n in card["turns"]["conversations"].items():
        cells = [card["turns"]["by_split"][split].get(turns, 0) for split in SPLITS]
        lines.append(f"| {turns} | {n} | " + " | ".join(map(str, cells)) + " |")
    lines += ["", f"![turns per conversation]({png['turns']})", ""]
    return "\n".join(lines)


def run(params: Params, paths: ProjectPaths) -> dict[str, Any]:
    del params  # the card describes whatever prepare wrote; it reads no params
    rows = [row for split in SPLITS for row in read_card_rows(paths.split_file(split), split)]
    rejects = list(read_jsonl(paths.rejects)) if paths.rejects.is_file() else []
    card = summarise(rows, rejects, read_json(paths.metrics("prepare")))
    edges, table = histogram(rows)
    write_csv(paths.token_lengths_csv, ["bin", "prompt", "response"], table)
    write_csv(
        paths.turns_csv,
        ["turns", "conversations"],
        [{"turns": k, "conversations": v} for k, v in card["turns"]["conversations"].items()],
    )
    plot_token_lengths(rows, edges, paths.token_lengths_png)
    plot_turns(card, paths.turns_png)
    png = {"token_lengths": paths.token_lengths_png.name, "turns": paths.turns_png.name}
    paths.data_card.write_text(render_markdown(card, png), encoding="utf-8")
    write_json(paths.metrics("data_card"), card)
    log.info(
        "data card: %d rows in = %d kept + %d rejected, %d source(s); written to %s",
        card["rows_in"],
        card["kept"],
        card["rejected"],
        len(card["sources"]),
        paths.data_card_dir,
    )
    return card


if __name__ == "__main__":
    stage_main("data_card", run)
