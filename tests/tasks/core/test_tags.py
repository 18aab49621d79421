"""tasks/core/tags.py owns every MLflow tag name: no other module of the code spells one out."""

from __future__ import annotations

import re

import pytest

from tasks.core import tags
from tests.helpers import REPO

# a "sftops.<name>" string that is not a logger name (logging.getLogger("sftops.train") is not a tag)
TAG_LITERAL = re.compile(r"""(?<!getLogger\()["'](sftops\.[a-z_][a-z0-9_.]*|mlflow\.parentRunId)["']""")
CODE_DIRS = ("tasks", "flows", "evals")


def test_no_module_but_tags_spells_out_a_tag_name() -> None:
    offenders = []
    for folder in CODE_DIRS:
        for path in sorted((REPO / folder).rglob("*.py")):
            if path == REPO / "tasks" / "core" / "tags.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if TAG_LITERAL.search(line):
                    offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders, "tag names belong in tasks/core/tags.py:\n" + "\n".join(offenders)


def test_tag_names_are_distinct_and_namespaced() -> None:
    names = {k: v for k, v in vars(tags).items() if k.isupper() and isinstance(v, str)}
    assert len(set(names.values())) == len(names), f"two constants name the same tag: {names}"
    metric_names = {v for v in names.values() if "/" in v}  # run metrics are slash-separated, tags dotted
    assert all(v.startswith(("sftops.", "mlflow.")) for v in set(names.values()) - metric_names), names
    assert tags.eval_tag("refusal_consistency/flip_rate") == "sftops.eval.refusal_consistency/flip_rate"
    assert (
        tags.eval_metric("finetuned", "hallucination/hallucination_rate")
        == "eval/finetuned/hallucination/hallucination_rate"
    )
    with pytest.raises(ValueError, match="expected one of"):
        tags.eval_metric_prefix("finetune")
