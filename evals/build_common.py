"""What the probes' ``build_items.py`` scripts share: reading hand-written sources, ordering, checking, writing.

Hand-written rows (questions, prompts, claims, answers written by a person) live in JSONL files under
``evals/<probe>/sources/``, their single source; a builder reads them with :func:`read_source`, computes
whatever is derived (ids, interleaving, templates, expected lengths) and writes ``items.jsonl`` through
:func:`main`. Sources are ``.jsonl``, never ``.yaml``: lm-eval's ``--include_path evals`` reads every
``*.yaml`` below ``evals/`` as a task config.

Every builder runs the same way::

    python evals/<probe>/build_items.py            # rewrite items.jsonl next to the script
    python evals/<probe>/build_items.py --out X    # write somewhere else (the tests compare X to items.jsonl)

The builders are scripts, not a package, so each puts ``evals/`` on ``sys.path`` first::

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/: build_common
    import build_common  # noqa: E402

Standard library only, like the builders.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R", bound=Mapping[str, Any])


def read_source(path: Path, fields: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of a hand-written JSONL source, in file order; each line an object with exactly ``fields``.

    Blank lines, malformed JSON and missing or unknown fields stop the build with the file and line number.
    """
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{number}: not a JSON object ({exc.msg})") from exc
        if not isinstance(row, dict) or set(row) != set(fields):
            got = sorted(row) if isinstance(row, dict) else type(row).__name__
            raise SystemExit(f"{path}:{number}: expected the fields {sorted(fields)}, got {got}")
        rows.append(row)
    if not rows:
        raise SystemExit(f"{path}: no rows")
    return rows


def group_by(rows: Iterable[R], field: str, order: Sequence[str] | None = None) -> dict[str, list[R]]:
    """``rows`` by the value of ``field``, row order kept within each group.

    With ``order`` the groups are exactly its values, in its order (possibly empty), and any other value stops
    the build: a typo in a source must not drop its row silently. Without it, the groups come in the order in
    which their values first appear.
    """
    groups: dict[str, list[R]] = {value: [] for value in order or ()}
    for row in rows:
        if order is not None and row[field] not in groups:
            raise SystemExit(f"unknown {field} {row[field]!r} (expected one of {list(order)})")
        groups.setdefault(row[field], []).append(row)
    return groups


def interleave(groups: Iterable[Sequence[T]]) -> list[T]:
    """Round-robin over ``groups``: every group's first element, then every second one, and so on.

    lm-eval's ``--limit N`` takes the first N docs, so interleaving makes a short run cover every group.
    """
    groups = list(groups)
    out: list[T] = []
    for position in range(max((len(group) for group in groups), default=0)):
        out.extend(group[position] for group in groups if position < len(group))
    return out


def render(items: Iterable[Mapping[str, Any]], *, sort_keys: bool = True, ensure_ascii: bool = False) -> str:
    """JSON Lines with ``\\n`` endings: the bytes of ``items.jsonl`` (the probe's README names its options)."""
    return "".join(json.dumps(item, ensure_ascii=ensure_ascii, sort_keys=sort_keys) + "\n" for item in items)


def check_unique(items: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> None:
    """Stop the build when two items share a value of one of ``fields`` (ids, prompts)."""
    for field in fields:
        counts = Counter(item[field] for item in items)
        repeated = sorted(value for value, count in counts.items() if count > 1)
        if repeated:
            raise SystemExit(f"duplicate {field}s in the items: {repeated[:5]}")


def source_path(script: str, name: str) -> Path:
    """``sources/<name>`` in the folder of the builder ``script`` (its ``__file__``)."""
    return Path(script).resolve().parent / "sources" / name


def main(
    script: str,
    doc: str | None,
    build: Callable[[], list[dict[str, Any]]],
    *,
    unique: Sequence[str] = ("id", "prompt"),
    noun: str = "items",
    argv: list[str] | None = None,
    **render_options: bool,
) -> None:
    """The command line of the builder ``script`` (its ``__file__``; ``doc``: its docstring).

    Builds the items, checks that no two share a value of a ``unique`` field, and writes them (``render``
    with ``render_options``) to ``items.jsonl`` beside the script, or to ``--out PATH``.
    """
    parser = argparse.ArgumentParser(description=(doc or "").partition("\n")[0])
    default_out = Path(script).resolve().parent / "items.jsonl"
    parser.add_argument(
        "--out", type=Path, default=default_out, help=f"where to write the JSONL (default: {default_out})"
    )
    args = parser.parse_args(argv)
    items = build()
    check_unique(items, unique)
    args.out.write_bytes(render(items, **render_options).encode("utf-8"))
    print(f"wrote {len(items)} {noun} to {args.out}")
