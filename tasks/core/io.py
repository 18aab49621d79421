"""Small, deterministic file helpers shared by the stages."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
import yaml

from tasks.core.errors import SftopsError


def write_json(path: Path, payload: Any) -> None:
    """Write JSON with sorted keys and a trailing newline, so equal content gives equal bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def read_json(path: Path) -> Any:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: not found; run the stage that writes it first (see dvc.yaml)")
    return json.loads(path.read_text(encoding="utf-8"))


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write one JSON object per line (sorted keys, UTF-8, no ASCII escapes); return the number of rows.

    orjson, because prepared splits hold every token id: the standard library takes seconds on a large corpus.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    options = orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
    with path.open("wb") as f:
        for row in rows:
            f.write(orjson.dumps(row, option=options))
            count += 1
    return count


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a JSON Lines file; blank lines are skipped, a line that is not JSON is named by number."""
    with path.open("rb") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield orjson.loads(line)
            except orjson.JSONDecodeError as e:
                raise SftopsError(f"{path}: line {number} is not JSON ({e})") from None


def read_yaml_mapping(path: Path, what: str, error: type[SftopsError] = SftopsError, hint: str = "") -> dict[str, Any]:
    """A YAML file whose top level must be a mapping (an empty file is an empty mapping); ``error`` names the
    file as ``what`` with what is wrong, and ``hint`` follows a "not found"."""
    if not path.is_file():
        raise error(f"{what} {path}: not found{hint}".strip())
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise error(f"{what} {path}: not valid YAML: {e}".strip()) from None
    if data is not None and not isinstance(data, dict):
        raise error(f"{what} {path}: expected a mapping at the top level, got {type(data).__name__}".strip())
    return data or {}
