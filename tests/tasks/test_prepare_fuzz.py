"""prepare under fuzzed input: every row is kept or rejected with its source, line and a known reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.core.params import DataParams
from tasks.data.readers import RawRow
from tasks.prepare import REJECT_REASONS, prepare_rows

_TOKENIZER: dict[str, Any] = {}


@pytest.fixture(scope="module", autouse=True)
def _load_tokenizer(smollm2_tokenizer_dir: Path) -> None:
    from transformers import AutoTokenizer

    _TOKENIZER["tok"] = AutoTokenizer.from_pretrained(smollm2_tokenizer_dir)


text = st.text(max_size=40)
huge = st.builds(lambda n, c: c * n, st.integers(5_000, 200_000), st.sampled_from(["a", "word ", "\u00e9", "\x00"]))
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text)
json_value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3))
content = st.one_of(text, huge, scalar)
role = st.sampled_from(["user", "assistant", "system", "tool", ""]) | text
valid_rows = st.one_of(
    st.fixed_dictionaries({"instruction": content, "output": content}, optional={"input": content}),
    st.fixed_dictionaries({"prompt": content, "completion": content}),
    st.fixed_dictionaries(
        {"messages": st.lists(st.fixed_dictionaries({"role": role, "content": content}) | scalar, max_size=4)}
    ),
    st.fixed_dictionaries(
        {
            "conversations": st.lists(
                st.fixed_dictionaries({"from": st.sampled_from(["human", "gpt", "system", "bot"]), "value": content}),
                max_size=4,
            )
        }
    ),
)
# a JSONL line: a row serialised, arbitrary JSON, or garbage text; or an already-decoded value (JSON array, table)
jsonl_item = st.one_of(
    valid_rows.map(json.dumps), json_value.map(json.dumps), text, huge, st.just(""), st.just("[" * 100_000)
)
decoded_item = st.one_of(valid_rows, json_value)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    items=st.lists(
        st.one_of(jsonl_item.map(lambda t: ("text", t)), decoded_item.map(lambda v: ("value", v))), max_size=12
    ),
    overlength=st.sampled_from(["drop", "truncate"]),
)
def test_every_row_is_kept_or_rejected_with_source_line_and_known_reason(
    items: list[tuple[str, Any]], overlength: str
) -> None:
    # given rows mixing valid rows, garbage strings, wrong types and huge strings
    rows = [
        RawRow(line=i, text=v) if kind == "text" else RawRow(line=i, value=v, where="row")
        for i, (kind, v) in enumerate(items, start=1)
    ]
    # when prepared (this must never raise for row-level garbage)
    data = DataParams(max_seq_len=64, overlength=overlength)
    result = prepare_rows(rows, "fuzz.jsonl", data, _TOKENIZER["tok"], seed=3)
    # then rows_in == kept + rejected, and every reject has the source, a line that exists and a known reason
    kept = sum(len(split) for split in result.splits.values())
    assert result.rows_in == len(rows) == kept + len(result.rejects), (result.rows_in, kept, len(result.rejects))
    lines = {r.line for r in rows}
    for reject in result.rejects:
        assert set(reject) == {"source", "line", "reason", "detail"}, reject
        assert reject["source"] == "fuzz.jsonl" and reject["line"] in lines, reject
        assert reject["reason"] in REJECT_REASONS, reject
    kept_lines = [r["line"] for split in result.splits.values() for r in split]
    rejected_lines = [r["line"] for r in result.rejects]
    assert sorted(kept_lines + rejected_lines) == sorted(lines), "each row must be accounted for exactly once"
    for row in (r for split in result.splits.values() for r in split):
        assert 0 < row["n_label_tokens"] <= row["n_tokens"] <= 64, row["n_tokens"]
