"""Tests for evals/build_common.py, the code the probes' build_items.py scripts share."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.helpers import EVALS

sys.path.insert(0, str(EVALS))  # as the builders import it
import build_common  # noqa: E402

PROBES_WITH_SOURCES = sorted(p.parent.parent.name for p in EVALS.glob("*/sources/*.jsonl"))


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_read_source_keeps_file_order(tmp_path: Path) -> None:
    rows = [{"kind": "b", "prompt": "Why?"}, {"kind": "a", "prompt": "Caf\u00e9?"}]
    source = _write(tmp_path / "s.jsonl", [json.dumps(row, ensure_ascii=False) for row in rows])
    assert build_common.read_source(source, ("kind", "prompt")) == rows


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"kind": "a"}'], r"s\.jsonl:1: expected the fields \['kind', 'prompt'\], got \['kind'\]"),
        (['{"kind": "a", "prompt": "x", "extra": 1}'], r"s\.jsonl:1: expected the fields"),
        (['{"kind": "a", "prompt": "x"}', "not json"], r"s\.jsonl:2: not a JSON object"),
        (['{"kind": "a", "prompt": "x"}', ""], r"s\.jsonl:2: not a JSON object"),  # no blank lines
        (['["a", "x"]'], r"s\.jsonl:1: expected the fields .*got list"),
        ([], r"s\.jsonl: no rows"),
    ],
)
def test_read_source_rejects_malformed_lines_with_file_and_line(tmp_path: Path, lines: list[str], message: str) -> None:
    source = _write(tmp_path / "s.jsonl", lines)
    with pytest.raises(SystemExit, match=message):
        build_common.read_source(source, ("kind", "prompt"))


def test_group_by_with_and_without_a_fixed_order() -> None:
    rows = [{"k": "b", "n": 1}, {"k": "a", "n": 2}, {"k": "b", "n": 3}]
    # a fixed order gives exactly its groups (empty ones too), rows in source order within each
    fixed = build_common.group_by(rows, "k", ("a", "b", "c"))
    assert fixed == {"a": [rows[1]], "b": [rows[0], rows[2]], "c": []}
    # without one, groups come in order of first appearance
    assert list(build_common.group_by(rows, "k")) == ["b", "a"]
    # a value outside the fixed order (a typo in a source) stops the build
    with pytest.raises(SystemExit, match="unknown k 'b'"):
        build_common.group_by(rows, "k", ("a",))


def test_interleave_is_round_robin_over_uneven_groups() -> None:
    assert build_common.interleave([[1, 2, 3], [], ["a"], ["x", "y"]]) == [1, "a", "x", 2, "y", 3]
    assert build_common.interleave([]) == []


def test_check_unique_names_the_repeated_values() -> None:
    items = [{"id": "a", "prompt": "p"}, {"id": "b", "prompt": "p"}]
    build_common.check_unique(items, ("id",))
    with pytest.raises(SystemExit, match=r"duplicate prompts in the items: \['p'\]"):
        build_common.check_unique(items, ("id", "prompt"))


def test_main_writes_beside_the_script_or_to_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "probe" / "build_items.py"
    script.parent.mkdir()
    items = [{"prompt": "\u00e9", "id": "x_1"}]
    build_common.main(str(script), "Doc line.\nMore.", lambda: items, argv=[])
    assert (script.parent / "items.jsonl").read_bytes() == '{"id": "x_1", "prompt": "\u00e9"}\n'.encode()
    out = tmp_path / "other.jsonl"
    build_common.main(str(script), None, lambda: items, argv=["--out", str(out)], sort_keys=False, ensure_ascii=True)
    assert out.read_text(encoding="utf-8") == '{"prompt": "\\u00e9", "id": "x_1"}\n'
    assert "wrote 1 items" in capsys.readouterr().out


def test_sources_are_jsonl_not_yaml() -> None:
    # lm-eval's --include_path evals reads every *.yaml below evals/ as a task config
    assert PROBES_WITH_SOURCES, "no probe has sources/*.jsonl"
    assert not list(EVALS.glob("*/sources/*.y*ml")), "a YAML source would be read as an lm-eval task"
