"""Helpers shared by the ``sft_probes`` lm-eval tasks: item loading, word counts, answer matching.

How a probe imports shared code (the one pattern; evals/README.md says the same): lm-eval imports each task's
``utils.py`` by file path, not as part of a package, so ``evals/`` is not on ``sys.path``. Every ``utils.py`` puts
it there with the same line, then imports this module, and the refusal judge package, by plain name::

    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/ on sys.path: see evals/README.md
    import probe_common  # noqa: E402
    from judge import judge  # noqa: E402  (only the probes that label refusals)

That works under the stock ``lm_eval --include_path evals`` CLI from any working directory, and the evaluate stage
imports ``judge`` the same way. :func:`load_by_path` is only for another probe's ``utils.py`` (every probe's file
has the same name, so it cannot be imported by name).

Only the standard library here (``datasets`` is imported lazily), so the probes load wherever lm-eval does.

Conventions every probe follows (the evaluate stage relies on them):

* A rate over a subset of the items (over-refusal counts only the harmless prompts) is scored per item as
  ``1.0``/``0.0`` on the items it applies to and ``NOT_APPLICABLE`` (NaN) on the others, aggregated with
  lm-eval's ``nanmean``: lm-eval then bootstraps its stderr itself, also in the stock CLI.
* A statistic that needs several items at once (a flip rate over question pairs, consistency over a
  cluster of paraphrases, a Spearman correlation) uses a custom aggregation (``!function utils.<name>``).
  Its per-item value is a tuple whose first element is the item's group key (the question or cluster id;
  the item id when items are independent). lm-eval reports no stderr for custom aggregations, so the
  evaluate stage bootstraps one by resampling whole groups (see ``tasks/evaluate.py``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

EVALS_DIR = Path(__file__).resolve().parent
SPLIT = "test"  # every probe's YAML says `test_split: test`
NOT_APPLICABLE = math.nan

# End-of-turn markers for `generation_kwargs.until`. Never "\n\n" (lm-eval's default when `until` is
# missing), which cuts multi-paragraph answers at their first paragraph. lm-eval also appends the
# tokenizer's EOS string.
END_OF_TURN = ["<|im_end|>", "<|eot_id|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "</s>"]

_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z0-9]+)*")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSONL file; a malformed line fails with the file and line number."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
    if not rows:
        raise ValueError(f"{path}: no items")
    return rows


def load_items(items_path: Path, split: str = SPLIT) -> Any:
    """A probe's items as a ``datasets.DatasetDict`` with one split (for ``custom_dataset``)."""
    import datasets

    return datasets.DatasetDict({split: datasets.Dataset.from_list(read_jsonl(items_path))})


HELDOUT_PATH = "data/prepared/heldout.jsonl"  # written by the prepare stage, relative to the project root


def load_heldout_split(task: str, heldout_path: str = HELDOUT_PATH) -> Any:
    """The user's held-out split (``id``, ``prompt``, ``response``) as a ``DatasetDict`` with one split, ``test``,
    for the ``sft_core`` tasks; ``--metadata '{"heldout_path": "PATH"}'`` points them at another file."""
    import datasets

    path = Path(heldout_path)
    if not path.is_file():
        raise FileNotFoundError(
            f"{task}: {path.resolve()} not found; run the prepare stage first, or pass "
            '--metadata \'{"heldout_path": "PATH"}\''
        )
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        raise ValueError(f"{task}: {path} has no rows; raise data.split.heldout in params.yaml")
    docs = [{"id": r["id"], "prompt": r["prompt"], "response": r["response"]} for r in rows]
    return datasets.DatasetDict({SPLIT: datasets.Dataset.from_list(docs)})


def load_by_path(path: Path, name: str) -> Any:
    """A sibling probe's ``utils.py`` loaded from its file under the module name ``name`` (each probe's hooks file is
    called ``utils.py``, so it has no importable name). Shared code is imported by name instead (module docstring)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def words(text: str) -> list[str]:
    """Lower-case words (letters, digits, inner apostrophes); punctuation and markdown ignored."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def word_count(text: str) -> int:
    return len(words(text))


def _alias_pattern(alias: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive match of ``alias`` ("Paris", "H2O", "1969")."""
    return re.compile(r"(?<![A-Za-z0-9])" + re.escape(alias) + r"(?![A-Za-z0-9])", re.IGNORECASE)


def first_position(text: str, aliases: Iterable[str]) -> int | None:
    """Character offset of the earliest whole-word occurrence of any alias in ``text`` (None: absent)."""
    positions = [m.start() for alias in aliases if (m := _alias_pattern(alias).search(text))]
    return min(positions) if positions else None


def first_mentioned(text: str, options: Mapping[str, Sequence[str]]) -> str | None:
    """Which option ({name: aliases}) ``text`` names first, or None when it names none of them.

    "The capital is Canberra, not Sydney." names ``correct`` first for
    ``{"correct": ["Canberra"], "wrong": ["Sydney"]}``.
    """
    found = {name: pos for name, aliases in options.items() if (pos := first_position(text, aliases)) is not None}
    return min(found, key=found.__getitem__) if found else None
