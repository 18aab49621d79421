"""The promotion gate's decision (outputs/gate/decision.json) as people read it: the one owner of its summary line
and checks table. The gate stage writes them (decision.md, the model version's description, its log line); the
report stage, the pipeline and retrain flows and the CLI read them from here, so every place says the same."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tasks.core import paired

SEVERITY = {"fail": 0, "inconclusive": 1, "pass": 2, "skip": 3}


def num(value: float) -> str:
    return f"{value:.4g}"


def bounds_text(limit: Mapping[str, float]) -> str:
    """``{"min": 0.05}`` → ``>= 0.05``; both bounds → ``>= a and <= b``."""
    return " and ".join(f"{'>=' if bound == 'min' else '<='} {num(value)}" for bound, value in limit.items())


def outcome_of(check: Any) -> str:
    """pass | fail | inconclusive | skip, of a Check or of a check as decision.json stores it."""
    if isinstance(check, Mapping):
        return check.get("outcome", "pass" if check["passed"] else "fail")
    return check.outcome


def severity(check: Any) -> int:
    """Sort key: failed checks first, then inconclusive, passed, skipped."""
    return SEVERITY[outcome_of(check)]


def _cell(value: Any) -> str:
    return "—" if value is None else num(value) if isinstance(value, float) else str(value)


def _limit_text(check: Mapping[str, Any]) -> str:
    limit = check["limit"]
    if check["kind"] == "regression":
        return f"<= {num(limit)} worse"
    return bounds_text(limit)


def _result(check: Mapping[str, Any]) -> str:
    outcome = outcome_of(check)
    return {"fail": "**FAIL**", "inconclusive": "**inconclusive**", "skip": "skipped"}.get(outcome, "pass")


def _interval_cell(check: Mapping[str, Any]) -> str:
    """``+0.01 [-0.03, +0.05]``: how much worse the challenger is, with its paired interval ("—" for floors)."""
    if check.get("low") is None or check.get("challenger") is None or check.get("champion") is None:
        return "—"
    return f"[{paired.signed(check['low'])}, {paired.signed(check['high'])}]"


def summary_line(decision: Mapping[str, Any]) -> str:
    name, version, alias = decision["model"], decision["version"], decision["champion_alias"]
    before = decision["champion_before"]
    failed = sum(not c["passed"] for c in decision["checks"])
    if decision["decision"] == "already_champion":
        return f"**already champion**: version {version} of `{name}` already holds `@{alias}`; nothing changed."
    if decision["decision"] == "promoted":
        was = f"was version {before}" if before is not None else "the first champion"
        return f"**promoted**: version {version} of `{name}` is now `@{alias}` ({was}); no check failed."
    stays = f"`@{alias}` stays on version {before}" if before is not None else f"there is no `@{alias}` yet"
    total = len(decision["checks"])
    if decision["decision"] == "inconclusive":
        undecided = ", ".join(f"`{m}`" for m in decision.get("inconclusive", []))
        return (
            f"**inconclusive**: version {version} of `{name}` stays a challenger; {stays}. No check failed, but the "
            f"eval cannot tell whether {undecided} regressed (too few items for the allowance; "
            "`gate.on_inconclusive: keep_champion`)."
        )
    return (
        f"**rejected**: version {version} of `{name}` stays a challenger; {stays}. {failed} of {total} checks failed."
    )


def plain_summary(decision: Mapping[str, Any]) -> str:
    """:func:`summary_line` without markdown, for logs and the terminal."""
    return summary_line(decision).replace("**", "").replace("`", "")


def checks_table(decision: Mapping[str, Any], max_rows: int | None = None) -> list[str]:
    """The checks as a markdown table, failed first; ``max_rows`` cuts it (with a note of what was left out)."""
    checks = sorted(decision["checks"], key=severity)
    if not checks:
        return []
    lines = [
        f"| result | metric | check | challenger (v{decision['version']}) | reference | reference value "
        "| worse by (paired interval) | detectable | limit | why |",
        "|---|---|---|---:|---|---:|---|---:|---|---|",
    ]
    shown = checks if max_rows is None else checks[:max_rows]
    for c in shown:
        reason = c["reason"].removeprefix(f"{c['metric']}: ").replace("|", "\\|")
        lines.append(
            f"| {_result(c)} | `{c['metric']}` | {c['kind']} | {_cell(c['challenger'])} | {c.get('reference') or '—'} "
            f"| {_cell(c['champion'])} | {_interval_cell(c)} | {_cell(c.get('detectable'))} | {_limit_text(c)} "
            f"| {reason} |"
        )
    if len(shown) < len(checks):
        lines += ["", f"… and {len(checks) - len(shown)} more checks in outputs/gate/decision.json"]
    return lines


def render_markdown(decision: Mapping[str, Any], max_rows: int | None = None) -> str:
    """The decision as markdown (no heading): the summary line and the checks table."""
    table = checks_table(decision, max_rows)
    return "\n".join([summary_line(decision), *([""] + table if table else [])]) + "\n"
