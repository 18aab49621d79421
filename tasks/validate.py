"""Stage validate: a Great Expectations suite over the prepared data; a failed expectation stops the DAG.

The prepared rows are reduced to one small frame (:func:`frame_from_rows`): one row per example with cheap
derived columns, never the token lists or the long texts (GX hashes the whole frame, and every column costs).
The suite (:func:`build_expectations`) takes its thresholds from params (``validate``, ``data.max_seq_len``
and ``data.refusal_patterns``) and checks, per example:

- schema: every field of the prepared-data contract is present, not null and of its type, and the token
  lists agree with the counts (``schema_problems`` is null);
- non-empty prompt and response (``prompt_chars`` / ``response_chars``, stripped);
- token-length bounds (``n_tokens`` in [validate.min_tokens, data.max_seq_len]);
- the share of examples whose assistant mask is non-empty (``n_label_tokens`` >= 1);
- role order (``roles``: an optional system turn, then user/assistant turns alternating, ending on assistant);
- the duplicate rate (``duplicate_of``: the line of an earlier example with the same normalised content);
- the refusal-boilerplate rate (``refusal``: the ``data.refusal_patterns`` pattern an assistant turn matches);
- and that there are at least ``validate.min_rows`` examples.

The GX result is written to outputs/validate/validation.json and rendered as GX Data Docs (static HTML,
built offline) in outputs/validate/data_docs/; the observed rates go to metrics/validate.json. On failure the
stage exits non-zero with one line per failed expectation naming it, its column and the observed value, so
train never sees data that failed the gate.
"""

from __future__ import annotations

import gc
import html
import logging
import re
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tasks.core.errors import SftopsError
from tasks.core.io import read_jsonl, write_json
from tasks.core.params import Params
from tasks.core.paths import ProjectPaths
from tasks.core.schema import SPLITS
from tasks.core.stage import stage_main
from tasks.data.filters import RefusalMatcher, normalise

log = logging.getLogger("sftops.validate")

# the columns of the frame the suite runs on (one row per prepared example)
COLUMNS = [
    "id",
    "split",
    "line",
    "schema_problems",
    "roles",
    "prompt_chars",
    "response_chars",
    "n_tokens",
    "n_label_tokens",
    "duplicate_of",
    "refusal",
]
# the fields of a prepared row and their types (tasks/prepare.py writes them)
FIELDS: dict[str, type] = {
    "id": str,
    "source": str,
    "line": int,
    "messages": list,
    "prompt": str,
    "response": str,
    "text": str,
    "input_ids": list,
    "labels": list,
    "n_tokens": int,
    "n_label_tokens": int,
}
# an optional system turn, then user and assistant alternating, starting with user and ending with assistant
ROLE_ORDER = r"^(?:system,)?user,assistant(?:,user,assistant)*$"
_ROLE_ORDER = re.compile(ROLE_ORDER)
_FIELD_NAMES, _FIELD_TYPES = tuple(FIELDS), tuple(FIELDS.values())
# failed rows are named by their line in the raw data file: the key run_suite adds to a failed result
LINES_KEY = "partial_unexpected_lines"
SUITE = "prepared_sft_data"


class ValidationFailed(SftopsError):
    pass


def role_order_ok(roles: Sequence[str]) -> bool:
    """True for [system,] user, assistant[, user, assistant ...]: the turn order SFT chat templates expect."""
    return _ROLE_ORDER.fullmatch(",".join(roles)) is not None


def schema_problems(row: Mapping[str, Any]) -> str | None:
    """What is wrong with a prepared row's fields (missing, null, of another type, token lists that disagree
    with their counts), or None when nothing is. The messages themselves are checked by frame_from_rows."""
    values = list(map(row.get, _FIELD_NAMES))
    if all(map(isinstance, values, _FIELD_TYPES)) and bool not in map(type, values):
        input_ids, labels, n, n_label = (row["input_ids"], row["labels"], row["n_tokens"], row["n_label_tokens"])
        if len(input_ids) == n and len(labels) == n and 0 <= n_label <= n:
            return None
        problems = []
        if len(input_ids) != n:
            problems.append(f"n_tokens={n} but {len(input_ids)} input_ids")
        if len(labels) != len(input_ids):
            problems.append(f"{len(labels)} labels for {len(input_ids)} input_ids")
        if not 0 <= n_label <= n:
            problems.append(f"n_label_tokens={n_label} outside [0, n_tokens={n}]")
        return "; ".join(problems)
    problems = []
    for (key, kind), value in zip(FIELDS.items(), values, strict=True):
        if value is None:
            problems.append(f"{key} is {'null' if key in row else 'missing'}")
        elif not isinstance(value, kind) or isinstance(value, bool):
            problems.append(f"{key} is {type(value).__name__}, expected {kind.__name__}")
    return "; ".join(problems)


class FirstOccurrences:
    """Finds, for each conversation, the line of an earlier one with the same roles and contents up to case and
    whitespace (``tasks.data.filters.normalise`` equal, prepare's exact-duplicate rule), or None.

    ``normalise`` splits every text into words (~10 µs for a 1,300-character reply), so conversations are
    first bucketed by the hash of a cheaper key: roles and contents joined, every whitespace character
    deleted, case-folded, UTF-8 encoded (one C pass each; for ASCII text, bytes.translate and bytes.lower give
    the same bytes faster). Equal normalised conversations always give equal keys (casefold is context-free
    and ``casefold(lower(c)) == casefold(c)`` for every character), and only conversations whose key was seen
    before are normalised and compared. Their messages are kept for that, not the rows.
    """

    # every character str.split() splits on (a test checks the list)
    WHITESPACE = (
        "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
        + "".join(map(chr, range(0x2000, 0x200B)))
        + "\u2028\u2029\u202f\u205f\u3000"
    )
    _DELETE = dict.fromkeys(map(ord, WHITESPACE))
    _ASCII_WHITESPACE = "".join(c for c in WHITESPACE if c.isascii()).encode("ascii")

    def __init__(self) -> None:
        self._seen: dict[int, list[tuple[Any, list[tuple[str, str]]]]] = {}

    @staticmethod
    def _exact(turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(role, normalise(content)) for role, content in turns]

    def duplicate_of(self, line: Any, turns: list[tuple[str, str]]) -> str | None:
        """``"line N"`` of the first earlier conversation equal to ``turns`` ((role, content) pairs), else None
        (and ``turns`` is remembered as the first of its kind, at ``line``)."""
        joined = "\x00".join(f"{role}\x01{content}" for role, content in turns)
        if joined.isascii():  # the same key, several times faster: bytes.translate deletes in one table pass
            loose = joined.encode("ascii").translate(None, self._ASCII_WHITESPACE).lower()
        else:
            loose = joined.translate(self._DELETE).casefold().encode("utf-8")
        loose = hash(loose)
        bucket = self._seen.setdefault(loose, [])
        if bucket:
            exact = self._exact(turns)
            for first_line, first_turns in bucket:
                if self._exact(first_turns) == exact:
                    return f"line {first_line}"
        bucket.append((line, turns))
        return None


def frame_from_rows(splits: Mapping[str, Iterable[Mapping[str, Any]]], params: Params) -> Any:
    """The frame the suite runs on (see COLUMNS), from prepared rows by split, in one pass that keeps of each
    row only its messages (for the duplicate check).

    ``duplicate_of`` is ``"line N"`` when an earlier row (in any split) has the same roles and contents up to
    case and whitespace (tasks.data.filters.normalise, as prepare's exact-duplicate filter); ``refusal`` is
    the first ``data.refusal_patterns`` pattern an assistant turn matches.
    """
    import pandas as pd

    refusals = RefusalMatcher(params.data.refusal_patterns)
    occurrences = FirstOccurrences()
    records = []
    with _no_cyclic_gc():
        _collect(splits, refusals, occurrences, records)
    object_columns = {"line", "schema_problems", "roles", "duplicate_of", "refusal"}
    values = list(zip(*records, strict=True)) if records else [() for _ in COLUMNS]
    return pd.DataFrame(
        {c: pd.Series(v, dtype=object if c in object_columns else None) for c, v in zip(COLUMNS, values, strict=True)},
        columns=COLUMNS,
    )


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: building millions of small objects (parsed rows, records) while
    holding many triggers full collections that scan them all again (~40% of the frame's time); nothing
    built here forms a cycle, so reference counting frees it all the same."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _collect(
    splits: Mapping[str, Iterable[Mapping[str, Any]]],
    refusals: RefusalMatcher,
    occurrences: FirstOccurrences,
    records: list[tuple[Any, ...]],
) -> None:
    """Append one record (the values of COLUMNS) per prepared row to ``records``."""
    for split, rows in splits.items():
        for row in rows:
            if isinstance(row, Mapping):
                problems = schema_problems(row)
            else:
                row, problems = {}, f"the row is a JSON {type(row).__name__}, not an object"
            turns, refusal, bad_turn = [], None, None
            messages = row.get("messages")
            for i, m in enumerate(messages if isinstance(messages, list) else ()):
                role, content = (m.get("role"), m.get("content")) if isinstance(m, dict) else (None, None)
                if not (isinstance(role, str) and isinstance(content, str)):
                    bad_turn = bad_turn or f"messages[{i}] has no string role and content"
                    role, content = str(role), str(content)
                turns.append((role, content))
                if refusal is None and role == "assistant":
                    refusal = refusals.match(content)
            if bad_turn:
                problems = f"{problems}; {bad_turn}" if problems else bad_turn
            line, prompt, response = row.get("line"), row.get("prompt"), row.get("response")
            n, n_label = row.get("n_tokens"), row.get("n_label_tokens")
            records.append(
                (
                    row.get("id"),
                    split,
                    line,
                    problems,
                    ",".join(role for role, _ in turns) if turns else None,
                    len(prompt.strip()) if isinstance(prompt, str) else 0,
                    len(response.strip()) if isinstance(response, str) else 0,
                    n if type(n) is int else None,
                    n_label if type(n_label) is int else None,
                    occurrences.duplicate_of(line, turns),
                    refusal,
                )
            )


def load_prepared(paths: ProjectPaths, params: Params) -> Any:
    """The suite's frame from data/prepared/<split>.jsonl, read row by row (see frame_from_rows)."""
    missing = [str(paths.split_file(s)) for s in SPLITS if not paths.split_file(s).is_file()]
    if missing:
        raise SftopsError(f"{', '.join(missing)}: not found; run the prepare stage first")
    return frame_from_rows({split: read_jsonl(paths.split_file(split)) for split in SPLITS}, params)


def observed_rates(df: Any) -> dict[str, float | None]:
    """The rates the suite bounds, as measured on the frame (None for an empty frame)."""
    n = len(df)

    def share(mask: Any) -> float | None:
        return round(float(mask.sum()) / n, 6) if n else None

    roles = df["roles"]
    bad_order = ~roles.map(lambda r: isinstance(r, str) and _ROLE_ORDER.fullmatch(r) is not None).astype(bool)
    return {
        "duplicate_rate": share(df["duplicate_of"].notna()),
        "refusal_rate": share(df["refusal"].notna()),
        "mask_nonempty_share": share(df["n_label_tokens"].fillna(0) > 0),
        "bad_role_order_share": share(bad_order),
        "schema_problem_share": share(df["schema_problems"].notna()),
    }


def _percent(share: float) -> str:
    return f"{round(100 * share, 4):g}%"


def build_expectations(params: Params) -> list[Any]:
    """The suite; each expectation's description (shown in Data Docs) names its threshold and param."""
    import great_expectations.expectations as gxe

    v, max_seq_len = params.validate_, params.data.max_seq_len
    return [
        gxe.ExpectTableRowCountToBeBetween(
            min_value=v.min_rows, description=f"at least {v.min_rows} examples (validate.min_rows)"
        ),
        gxe.ExpectColumnValuesToBeNull(
            column="schema_problems",
            description="every field present, not null and of its type; token lists as long as n_tokens",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="prompt_chars",
            min_value=v.min_prompt_chars,
            description=f"a last user turn of at least {v.min_prompt_chars} non-blank characters "
            "(validate.min_prompt_chars)",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="response_chars",
            min_value=v.min_response_chars,
            description=f"a reply of at least {v.min_response_chars} non-blank characters "
            "(validate.min_response_chars)",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="n_tokens",
            min_value=v.min_tokens,
            max_value=max_seq_len,
            description=f"{v.min_tokens} to {max_seq_len} tokens (validate.min_tokens, data.max_seq_len)",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="n_label_tokens",
            min_value=1,
            mostly=v.min_mask_nonempty_share,
            description=f"at least {_percent(v.min_mask_nonempty_share)} of examples train on an assistant token "
            "(validate.min_mask_nonempty_share)",
        ),
        gxe.ExpectColumnValuesToMatchRegex(
            column="roles",
            regex=ROLE_ORDER,
            mostly=1.0 - v.max_bad_role_order_share,
            description=f"at most {_percent(v.max_bad_role_order_share)} of examples with turns other than "
            "[system,] user, assistant, user, ... assistant (validate.max_bad_role_order_share)",
        ),
        gxe.ExpectColumnValuesToBeNull(
            column="duplicate_of",
            mostly=1.0 - v.max_duplicate_rate,
            description=f"at most {_percent(v.max_duplicate_rate)} of examples repeat an earlier one up to case "
            "and whitespace (validate.max_duplicate_rate)",
        ),
        gxe.ExpectColumnValuesToBeNull(
            column="refusal",
            mostly=1.0 - v.max_refusal_rate,
            description=f"at most {_percent(v.max_refusal_rate)} of examples with a reply matching "
            "data.refusal_patterns (validate.max_refusal_rate)",
        ),
    ]


def run_suite(df: Any, expectations: list[Any], data_docs: Path | None = None) -> dict[str, Any]:
    """Run the expectations on a fresh ephemeral GX context (re-adding a suite to one context raises).

    The sample of failed rows in each result is named by their ``line`` too. With ``data_docs``, GX's Data
    Docs (static HTML) for this run are built into that folder (emptied first): they build offline, but the
    pages load Bootstrap, jQuery and Vega from public CDNs when opened, so offline they show unstyled.
    """
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)  # it sets INFO
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch = context.data_sources.add_pandas("prepared").add_dataframe_asset("examples")
    batch_definition = batch.add_batch_definition_whole_dataframe("all_rows")
    suite = context.suites.add(gx.ExpectationSuite(name=SUITE, expectations=expectations))
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=SUITE, data=batch_definition, suite=suite)
    )
    result = definition.run(
        batch_parameters={"dataframe": df},
        result_format="SUMMARY",
        run_id=RunIdentifier(run_name="validate"),
    )
    raw = result.to_json_dict()
    _add_lines(raw, df)
    if data_docs is not None:
        build_data_docs(context, raw, data_docs)
    return raw


def _add_lines(raw: dict[str, Any], df: Any) -> None:
    """Name the sample of failed rows by their raw-data line (``partial_unexpected_lines``).

    GX's own ``unexpected_index_column_names`` does this with one pandas lookup per failed row (12 s for
    50,000); the sample of row positions it returns anyway maps to lines in microseconds.
    """
    lines = df["line"]
    for result in raw["results"]:
        observed = result.get("result") or {}
        positions = observed.get("partial_unexpected_index_list")
        if positions and all(isinstance(p, int) for p in positions):
            observed[LINES_KEY] = [lines.iloc[p] for p in positions]


def build_data_docs(context: Any, raw: dict[str, Any], folder: Path) -> None:
    """GX Data Docs for the context's validation results in ``folder``; a summary page if GX cannot render."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    site = {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(folder.resolve())},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    try:
        context.update_data_docs_site("local_site", site)
        context.build_data_docs(site_names=["local_site"])
    except Exception as e:  # noqa: BLE001 - a rendering bug must not hide the gate's verdict
        log.warning("GX Data Docs did not build (%s: %s); writing a summary page instead", type(e).__name__, e)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(summary_html(summarise(raw)), encoding="utf-8")


def summary_html(summary: dict[str, Any]) -> str:
    """A self-contained page listing each expectation and what was observed (the Data Docs fallback)."""
    rows = [("FAILED", line) for line in summary["failed"]] + [("passed", line) for line in summary["passed"]]
    body = "\n".join(f"<tr><td>{status}</td><td>{html.escape(line)}</td></tr>" for status, line in rows)
    verdict = "passed" if summary["success"] else f"FAILED ({len(summary['failed'])} of {summary['evaluated']})"
    return (
        "<!doctype html>\n<html><head><meta charset='utf-8'><title>sftops data validation</title></head><body>\n"
        f"<h1>Data validation: {verdict}</h1>\n<table border='1'>\n{body}\n</table>\n</body></html>\n"
    )


def describe(result: dict[str, Any]) -> str:
    """One line for an expectation result: its type, its arguments and what was observed."""
    config = result["expectation_config"]
    kwargs = {k: v for k, v in config["kwargs"].items() if k not in {"batch_id"}}
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    observed = result.get("result") or {}
    if "observed_value" in observed:
        seen = f"observed {observed['observed_value']}"
    elif "unexpected_count" in observed:
        seen = (
            f"{observed['unexpected_count']} of {observed.get('element_count', '?')} rows unexpected "
            f"({observed.get('unexpected_percent') or 0:.2f}%)"
        )
        sample, lines = (observed.get("partial_unexpected_list") or [])[:5], (observed.get(LINES_KEY) or [])[:5]
        if sample:
            seen += f", e.g. {sample}" + (f" at lines {lines}" if lines else "")
    elif result.get("exception_info", {}).get("raised_exception"):
        seen = f"raised {result['exception_info'].get('exception_message')}"
    else:
        seen = "no observation"
    return f"{config['type']}({args}): {seen}"


def summarise(raw: dict[str, Any]) -> dict[str, Any]:
    results = raw["results"]
    return {
        "success": bool(raw["success"]),
        "evaluated": len(results),
        "failed": [describe(r) for r in results if not r["success"]],
        "passed": [describe(r) for r in results if r["success"]],
    }


def run(params: Params, paths: ProjectPaths) -> dict[str, Any]:
    df = load_prepared(paths, params)
    raw = run_suite(df, build_expectations(params), data_docs=paths.data_docs)
    summary = summarise(raw)
    rates = observed_rates(df)
    write_json(paths.validation, {"summary": summary, "observed": rates, "great_expectations": raw})
    write_json(
        paths.metrics("validate"),
        {
            "success": summary["success"],
            "rows": len(df),
            "n_expectations": summary["evaluated"],
            "n_failed": len(summary["failed"]),
            "failed_expectations": len(summary["failed"]),
            **rates,
        },
    )
    if not summary["success"]:
        lines = "\n".join(f"  - {line}" for line in summary["failed"])
        raise ValidationFailed(
            f"data validation failed: {len(summary['failed'])} of {summary['evaluated']} expectations on "
            f"{paths.prepared}:\n{lines}\n(full result: {paths.validation}; Data Docs: {paths.data_docs}/index.html)"
        )
    log.info("all %d expectations passed on %d rows (Data Docs: %s)", summary["evaluated"], len(df), paths.data_docs)
    return summary


if __name__ == "__main__":
    stage_main("validate", run)
