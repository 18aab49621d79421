"""Stage validate: a Great Expectations suite over the prepared data; a failed expectation stops the DAG.

The suite's thresholds come from params (``validate`` and ``data.max_seq_len``). The result is written to
outputs/validate/validation.json either way; on failure the stage exits non-zero with one line per failed
expectation naming it and the observed value, so train never sees data that failed the gate.
"""

from __future__ import annotations

import logging
from typing import Any

from tasks.core.cli import stage_main
from tasks.core.errors import SftopsError
from tasks.core.io import read_jsonl, write_json
from tasks.core.params import Params
from tasks.core.paths import ProjectPaths
from tasks.core.schema import SPLITS

log = logging.getLogger("sftops.validate")

COLUMNS = ["id", "split", "prompt", "response", "n_tokens", "n_label_tokens"]


class ValidationFailed(SftopsError):
    pass


def load_prepared(paths: ProjectPaths) -> Any:
    import pandas as pd

    rows = []
    for split in SPLITS:
        path = paths.split_file(split)
        if not path.is_file():
            raise SftopsError(f"{path}: not found; run the prepare stage first")
        rows += [{**{c: r.get(c) for c in COLUMNS}, "split": split} for r in read_jsonl(path)]
    return pd.DataFrame(rows, columns=COLUMNS)


def build_expectations(params: Params) -> list[Any]:
    import great_expectations.expectations as gxe

    v = params.validate_
    return [
        gxe.ExpectTableColumnsToMatchSet(column_set=COLUMNS, exact_match=True),
        gxe.ExpectTableRowCountToBeBetween(min_value=v.min_rows),
        gxe.ExpectColumnValuesToBeInSet(column="split", value_set=list(SPLITS)),
        gxe.ExpectColumnValuesToNotBeNull(column="prompt"),
        gxe.ExpectColumnValuesToNotBeNull(column="response"),
        gxe.ExpectColumnValueLengthsToBeBetween(column="response", min_value=v.min_response_chars),
        gxe.ExpectColumnValuesToNotMatchRegex(column="response", regex=r"^\s*$"),
        gxe.ExpectColumnValuesToBeBetween(column="n_tokens", min_value=1, max_value=params.data.max_seq_len),
        gxe.ExpectColumnValuesToBeBetween(column="n_label_tokens", min_value=1),
        gxe.ExpectColumnValuesToBeUnique(column="id", mostly=1.0 - v.max_duplicate_rate),
    ]


def run_suite(df: Any, expectations: list[Any]) -> dict[str, Any]:
    """Run the expectations on a fresh ephemeral GX context (re-adding a suite to one context raises)."""
    import great_expectations as gx

    context = gx.get_context(mode="ephemeral")
    batch = context.data_sources.add_pandas("prepared").add_dataframe_asset("examples")
    batch_definition = batch.add_batch_definition_whole_dataframe("all_rows")
    suite = context.suites.add(gx.ExpectationSuite(name="prepared_sft_data"))
    for expectation in expectations:
        suite.add_expectation(expectation)
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name="prepared_sft_data", data=batch_definition, suite=suite)
    )
    return definition.run(batch_parameters={"dataframe": df}).to_json_dict()


def describe(result: dict[str, Any]) -> str:
    """One line for an expectation result: its type, its arguments and what was observed."""
    config = result["expectation_config"]
    kwargs = {k: v for k, v in config["kwargs"].items() if k not in {"batch_id"}}
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    observed = result.get("result") or {}
    if "observed_value" in observed:
        seen = f"observed {observed['observed_value']}"
    elif "unexpected_count" in observed:
        sample = observed.get("partial_unexpected_list", [])[:5]
        seen = (
            f"{observed['unexpected_count']} of {observed.get('element_count', '?')} rows unexpected "
            f"({observed.get('unexpected_percent', 0):.1f}%), e.g. {sample}"
        )
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
    df = load_prepared(paths)
    raw = run_suite(df, build_expectations(params))
    summary = summarise(raw)
    write_json(paths.validation, {"summary": summary, "great_expectations": raw})
    write_json(
        paths.metrics("validate"),
        {"success": summary["success"], "rows": len(df), "failed_expectations": len(summary["failed"])},
    )
    if not summary["success"]:
        lines = "\n".join(f"  - {line}" for line in summary["failed"])
        raise ValidationFailed(
            f"data validation failed: {len(summary['failed'])} of {summary['evaluated']} expectations on "
            f"{paths.prepared}:\n{lines}\n(full result: {paths.validation})"
        )
    log.info("all %d expectations passed on %d rows", summary["evaluated"], len(df))
    return summary


if __name__ == "__main__":
    stage_main("validate", run)
