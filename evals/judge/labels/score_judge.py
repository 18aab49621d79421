"""Score a refusal judge against a labelled set (default: the held-out voices set, ``heldout.jsonl``).

``--judge`` is ``rules``, ``learned`` (the shipped default), an importable ``module:function``, or the path of a
``.py`` file with a ``judge(prompt, response)`` function. Prints the three-class agreement (share of rows where
the judge's label equals the human label), the binary agreement (refusal = full or partial refusal, against
compliance), the 3x3 confusion matrix (rows = human label, columns = judge label), the agreement per model voice
and per category, the speed (judgements per second), and every disagreement. ``--json PATH`` also writes
``{agreement, binary_agreement, n, confusion, per_voice, per_category, per_second, disagreements, invalid}``.

It is a report: the exit status is 0 even when the judge disagrees, raises, or cannot be imported (the
error is printed and, with ``--json``, recorded under ``error``). The pass/fail gate lives in
``tests/evals/judge/``.

Usage::

    python evals/judge/labels/score_judge.py                       # the shipped judge on heldout.jsonl
    python evals/judge/labels/score_judge.py --judge rules --json /tmp/judge_score.json
    python evals/judge/labels/score_judge.py --judge my_pkg.judges:llm_judge --labels evals/judge/labels/train.jsonl
    python evals/judge/labels/score_judge.py --judge path/to/other_judge.py
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EVALS_DIR = HERE.parents[1]
DEFAULT_LABELS = HERE / "heldout.jsonl"
DEFAULT_JUDGE = "learned"
REFUSALS = frozenset({"full_refusal", "partial_refusal"})
LABELS = ("full_compliance", "full_refusal", "partial_refusal")
SHORT = {"full_compliance": "FC", "full_refusal": "FR", "partial_refusal": "PR"}
SNIPPET_CHARS = 100

JudgeFn = Callable[[str, str], str]


def load_rows(path: Path = DEFAULT_LABELS) -> list[dict[str, str]]:
    """The labelled rows, in file order."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
    return rows


def load_judge(path: Path = DEFAULT_JUDGE) -> JudgeFn:
    """``judge(prompt, response) -> label`` imported from ``path`` by file path (its folder goes on sys.path)."""
    path = Path(path).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"judge not found: {path}")
    if str(path.parent) not in sys.path:
        sys.path.insert(0, str(path.parent))  # so the judge can import probe_common and friends
    spec = importlib.util.spec_from_file_location("_scored_judge", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot build an import spec for {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses, typing and pickle look the module up while it executes
    spec.loader.exec_module(module)
    judge = getattr(module, "judge", None)
    if not callable(judge):
        raise AttributeError(f"{path} has no callable `judge`")
    return judge


def resolve_judge(spec: str | Path) -> JudgeFn:
    """``rules``, ``learned``, ``module:function`` (through the judge package's registry, as the probes resolve
    eval.judge) or the path of a ``.py`` file."""
    text = str(spec)
    if text.endswith(".py"):
        return load_judge(Path(text))
    if str(EVALS_DIR) not in sys.path:
        sys.path.insert(0, str(EVALS_DIR))  # evals/: the judge package, as a probe imports it
    import judge

    return judge.resolve(text)


def binary(label: str) -> str:
    return "refusal" if label in REFUSALS else "compliance"


def score(rows: list[dict[str, str]], judge: JudgeFn) -> dict[str, Any]:
    """Agreement, confusion matrix, per-category agreement and disagreements of ``judge`` on ``rows``.

    A judge output that is not one of the three labels (or an exception, recorded as ``error: <type>``)
    counts as a disagreement and is tallied under ``invalid``, outside the 3x3 matrix.
    """
    confusion = {human: dict.fromkeys(LABELS, 0) for human in LABELS}
    per_category_total: Counter[str] = Counter()
    per_category_agree: Counter[str] = Counter()
    per_voice_total: Counter[str] = Counter()
    per_voice_agree: Counter[str] = Counter()
    per_voice_binary: Counter[str] = Counter()
    binary_agree = 0
    invalid = 0
    disagreements = []
    started = time.perf_counter()
    for row in rows:
        try:
            predicted = judge(row["prompt"], row["response"])
        except Exception as exc:  # a report must survive a crashing judge
            predicted = f"error: {type(exc).__name__}: {exc}"
        human = row["label"]
        category = row.get("category", "-")
        voice = row.get("voice", "-")
        per_category_total[category] += 1
        per_voice_total[voice] += 1
        same_side = predicted in LABELS and binary(predicted) == binary(human)
        binary_agree += same_side
        per_voice_binary[voice] += same_side
        per_voice_agree[voice] += predicted == human
        if predicted in LABELS:
            confusion[human][predicted] += 1
        else:
            invalid += 1
        if predicted == human:
            per_category_agree[category] += 1
        else:
            disagreements.append(
                {
                    "id": row["id"],
                    "category": category,
                    "human": human,
                    "judge": str(predicted),
                    "response": row["response"][:SNIPPET_CHARS],
                }
            )
    seconds = time.perf_counter() - started
    n = len(rows)
    agreed = n - len(disagreements)
    per_category = {
        category: {
            "n": per_category_total[category],
            "agreement": per_category_agree[category] / per_category_total[category],
        }
        for category in sorted(per_category_total)
    }
    per_voice = {
        voice: {
            "n": per_voice_total[voice],
            "agreement": per_voice_agree[voice] / per_voice_total[voice],
            "binary_agreement": per_voice_binary[voice] / per_voice_total[voice],
        }
        for voice in sorted(per_voice_total)
    }
    return {
        "agreement": agreed / n if n else 0.0,
        "binary_agreement": binary_agree / n if n else 0.0,
        "n": n,
        "confusion": confusion,
        "per_voice": per_voice,
        "per_category": per_category,
        "per_second": n / seconds if seconds > 0 else None,
        "disagreements": disagreements,
        "invalid": invalid,
    }


def format_confusion(confusion: dict[str, dict[str, int]], invalid_by_human: dict[str, int] | None = None) -> str:
    """The confusion matrix as a text table: rows = human label, columns = judge label."""
    width = max(len(label) for label in LABELS) + 2
    header = "human \\ judge".ljust(width) + "".join(label.rjust(width) for label in LABELS)
    if invalid_by_human:
        header += "invalid".rjust(10)
    lines = [header]
    for human in LABELS:
        line = human.ljust(width) + "".join(str(confusion[human][judged]).rjust(width) for judged in LABELS)
        if invalid_by_human:
            line += str(invalid_by_human.get(human, 0)).rjust(10)
        lines.append(line)
    return "\n".join(lines)


def format_report(report: dict[str, Any]) -> str:
    """Human-readable report: agreement, confusion matrix, per-category agreement, disagreements."""
    n = report["n"]
    agreed = n - len(report["disagreements"])
    invalid_by_human = Counter(d["human"] for d in report["disagreements"] if d["judge"] not in LABELS)
    parts = [
        f"agreement: {report['agreement']:.3f} ({agreed}/{n})",
        f"binary agreement (refusal vs compliance): {report['binary_agreement']:.3f}",
        f"speed: {report['per_second']:.0f} judgements/s" if report.get("per_second") else "speed: -",
        "",
        "confusion matrix (rows = human label, columns = judge label):",
        format_confusion(report["confusion"], dict(invalid_by_human)),
        "",
        "per-voice agreement (three-class / binary):",
        *(
            f"  {voice.ljust(18)}{stats['agreement']:.3f} / {stats['binary_agreement']:.3f}  (n={stats['n']})"
            for voice, stats in report.get("per_voice", {}).items()
        ),
        "",
        "per-category agreement:",
    ]
    width = max((len(c) for c in report["per_category"]), default=8) + 2
    for category, stats in report["per_category"].items():
        parts.append(f"  {category.ljust(width)}{stats['agreement']:.3f}  (n={stats['n']})")
    parts += ["", f"disagreements ({len(report['disagreements'])}):"]
    for d in report["disagreements"]:
        human = SHORT.get(d["human"], d["human"])
        judged = SHORT.get(d["judge"], d["judge"])
        snippet = d["response"].replace("\n", "\\n")
        parts.append(f"  {d['id']}  human={human}  judge={judged}  {snippet!r}")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score a refusal judge against a labelled set.")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="labelled JSONL (default: %(default)s)")
    parser.add_argument(
        "--judge", default=DEFAULT_JUDGE, help="rules | learned | module:function | path/to/judge.py (default: learned)"
    )
    parser.add_argument("--json", type=Path, default=None, metavar="PATH", help="also write the report as JSON")
    args = parser.parse_args(argv)

    try:
        rows = load_rows(args.labels)
        report = score(rows, resolve_judge(args.judge))
    except Exception as exc:  # a report, not a gate: say what went wrong and exit 0
        message = f"{type(exc).__name__}: {exc}"
        print(f"could not score the judge: {message}")
        report = {
            "agreement": None,
            "binary_agreement": None,
            "n": 0,
            "confusion": {},
            "per_category": {},
            "disagreements": [],
            "invalid": 0,
            "error": message,
        }
    else:
        print(format_report(report))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
