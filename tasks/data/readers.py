"""Read raw rows from a container: JSONL, a JSON array, Parquet, CSV, or a Hugging Face hub dataset id.

Every reader returns :class:`RawRow` items numbered from 1 (a JSONL line, a JSON array element, a table row),
so a reject can always name where its row came from. Problems with a whole file (missing, empty, not UTF-8,
unknown suffix, invalid JSON array, a CSV header with none of the known fields) raise :class:`SftopsError`
naming the file, the line or byte where known, and what was expected; problems with one row are left to the
row path (they become rejects).
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tasks.core.data_sources import DATA_SUFFIXES
from tasks.core.errors import SftopsError

SUFFIXES = DATA_SUFFIXES  # one list, in the core: the DVC path check needs it too
# the field sets that identify a format (any one of them is enough for a CSV header)
FORMAT_FIELDS: dict[str, tuple[str, ...]] = {
    "alpaca": ("instruction", "output"),
    "sharegpt": ("conversations",),
    "messages": ("messages",),
    "prompt_completion": ("prompt", "completion"),
}
# table cells holding a list of turns arrive as JSON text in a CSV
_JSON_CELLS = ("messages", "conversations")
_HUB_ID = re.compile(r"^(?P<name>[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)(?::(?P<split>[\w.\[\]:%-]+))?$")


@dataclass(frozen=True)
class RawRow:
    """One raw row: ``line`` is its 1-based position; ``text`` is JSON still to decode (JSONL), else ``value``."""

    line: int
    text: str | None = None
    value: Any = None
    where: str = "line"  # how ``line`` reads in a reject's detail: line, array element, row


def hub_dataset_id(spec: str) -> tuple[str, str] | None:
    """``owner/name`` or ``owner/name:split`` → (name, split); None when spec does not look like a hub id."""
    match = _HUB_ID.match(spec.strip())
    if not match or match["name"].lower().endswith(SUFFIXES):
        return None
    return match["name"], match["split"] or "train"


def read_rows(spec: str, root: Path) -> list[RawRow]:
    """The rows of ``spec``: a file (relative to ``root`` or absolute) or, when no such file exists, a hub id."""
    path = Path(spec) if Path(spec).is_absolute() else root / spec
    if not path.is_file():
        hub = hub_dataset_id(spec)
        if hub is not None and not path.exists():
            return read_hub_dataset(*hub)
        raise SftopsError(
            f"data.path={spec!r}: file not found ({path}); expected a {'/'.join(SUFFIXES)} file "
            "or a hub dataset id like owner/name or owner/name:split"
        )
    return read_file(path)


def read_file(path: Path) -> list[RawRow]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SftopsError(f"{path}: unsupported container {path.suffix!r}; expected one of {', '.join(SUFFIXES)}")
    if path.stat().st_size == 0:
        raise SftopsError(f"{path}: empty file; expected {_EXPECTED[suffix]}")
    rows = _READERS[suffix](path)
    if not rows:
        raise SftopsError(f"{path}: no rows; expected {_EXPECTED[suffix]}")
    return rows


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise SftopsError(f"{path}: not UTF-8 text (line {line}, byte {e.start}: {e.reason}); expected UTF-8") from None


def _read_jsonl(path: Path) -> list[RawRow]:
    lines = _read_text(path).split("\n")
    return [RawRow(line=i, text=line) for i, line in enumerate(lines, start=1) if line.strip()]


def _read_json_array(path: Path) -> list[RawRow]:
    text = _read_text(path)
    if not text.strip():
        raise SftopsError(f"{path}: empty file; expected {_EXPECTED['.json']}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise SftopsError(
            f"{path}: invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}; expected {_EXPECTED['.json']} "
            "(for one object per line, name the file .jsonl)"
        ) from None
    if not isinstance(data, list):
        raise SftopsError(f"{path}: top-level JSON {type(data).__name__}; expected {_EXPECTED['.json']}")
    return [RawRow(line=i, value=v, where="array element") for i, v in enumerate(data, start=1)]


def _table_rows(records: list[dict[str, Any]]) -> list[RawRow]:
    rows = []
    for i, record in enumerate(records, start=1):
        value = {k: v for k, v in record.items() if v is not None}
        for key in _JSON_CELLS:
            cell = value.get(key)
            if isinstance(cell, str) and cell.lstrip().startswith("["):
                # a cell that is not JSON stays a string: the row is rejected as bad_field
                with contextlib.suppress(json.JSONDecodeError):
                    value[key] = json.loads(cell)
        rows.append(RawRow(line=i, value=value, where="row"))
    return rows


def _read_csv(path: Path) -> list[RawRow]:
    import pandas as pd

    _read_text(path)  # a clear error for non-UTF-8 before pandas gives its own
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.EmptyDataError:
        raise SftopsError(f"{path}: empty file; expected {_EXPECTED['.csv']}") from None
    except (pd.errors.ParserError, ValueError) as e:
        raise SftopsError(f"{path}: not a readable CSV ({e}); expected {_EXPECTED['.csv']}") from None
    header = [str(c) for c in frame.columns]
    if not any(set(fields) <= set(header) for fields in FORMAT_FIELDS.values()):
        raise SftopsError(
            f"{path}: CSV header {header} has none of the known field sets; expected one of "
            + "; ".join(f"{fmt}: {','.join(fields)}" for fmt, fields in FORMAT_FIELDS.items())
        )
    return _table_rows(frame.to_dict(orient="records"))


def _read_parquet(path: Path) -> list[RawRow]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as e:
        raise SftopsError(f"{path}: not a readable Parquet file ({e}); expected {_EXPECTED['.parquet']}") from None
    return _table_rows(table.to_pylist())


def read_hub_dataset(name: str, split: str) -> list[RawRow]:
    """Load a hub dataset split with ``datasets``; its rows then take the same path as a file's."""
    try:
        import datasets

        dataset = datasets.load_dataset(name, split=split)
    except Exception as e:  # noqa: BLE001 - offline, unknown id, gated, bad split: one clear error
        raise SftopsError(
            f"data.path={name}:{split}: could not load the hub dataset {name!r} (split {split!r}): "
            f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''} "
            "(offline? HF_HUB_OFFLINE/HF_DATASETS_OFFLINE set? expected a public dataset id owner/name)"
        ) from None
    return [RawRow(line=i, value=dict(r), where="row") for i, r in enumerate(dataset, start=1)]


_READERS = {".jsonl": _read_jsonl, ".json": _read_json_array, ".csv": _read_csv, ".parquet": _read_parquet}
_EXPECTED = {
    ".jsonl": "one JSON object per line",
    ".json": "a JSON array of objects",
    ".csv": "a header row and one example per row",
    ".parquet": "a Parquet table with one example per row",
}
