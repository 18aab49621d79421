"""Which refusal judge the probes use: ``rules``, ``learned`` (the shipped default) or a user's ``module:function``.

A judge is any callable ``judge(prompt: str, response: str) -> str`` returning one of ``full_compliance``,
``full_refusal`` or ``partial_refusal`` (the labelling guidelines are in evals/judge_labels/README.md). The
probes call :func:`judge`, which uses the judge named by the environment variable :data:`JUDGE_ENV` (the evaluate
stage sets it from ``eval.judge`` in params.yaml; under the stock ``lm_eval`` CLI set it yourself, e.g.
``SFTOPS_JUDGE=rules lm_eval ...``) and :data:`DEFAULT` when it is unset.

* ``rules``: evals/judge.py, regular expressions and clause stances (thousands of judgements a second).
* ``learned``: evals/judge_learned.py, a linear classifier over the rules' signals and the reply's words, trained
  by evals/judge_labels/train_judge.py from the labelled rows; its weights ship in evals/judge_labels/.
* ``package.module:function``: anything importable, e.g. a local classifier or a chat model on a GPU.

Standard library only (the learned judge needs numpy, which lm-eval already brings).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

EVALS_DIR = Path(__file__).resolve().parent
JUDGE_ENV = "SFTOPS_JUDGE"
DEFAULT = "learned"
BUILTIN = ("rules", "learned")
LABELS = ("full_compliance", "full_refusal", "partial_refusal")

Judge = Callable[[str, str], str]

if str(EVALS_DIR) not in sys.path:
    sys.path.insert(0, str(EVALS_DIR))  # judge, judge_learned (lm-eval loads probes by path; evals/ is no package)


@cache
def resolve(name: str) -> Judge:
    """The judge ``name`` selects; ImportError / AttributeError / ValueError say why it cannot be used."""
    if name == "rules":
        import judge as rules

        return rules.judge
    if name == "learned":
        import judge_learned

        return judge_learned.judge
    module_name, sep, attribute = name.partition(":")
    if not sep or not module_name or not attribute:
        raise ValueError(f"judge {name!r}: expected rules, learned or module:function")
    function = getattr(importlib.import_module(module_name), attribute)
    if not callable(function):
        raise ValueError(f"judge {name!r}: {attribute} is not callable")
    return function


def active_name() -> str:
    return os.environ.get(JUDGE_ENV, "").strip() or DEFAULT


def judge(prompt: str, response: str) -> str:
    """The active judge's label for ``response`` to ``prompt``; anything outside :data:`LABELS` is an error."""
    name = active_name()
    label = resolve(name)(prompt, response)
    if label not in LABELS:
        raise ValueError(f"judge {name!r} returned {label!r}, expected one of {list(LABELS)}")
    return label


def fingerprint(name: str) -> str:
    """What a judge's verdicts depend on, for caches: its source files (and weights); a user judge by name and
    module file."""
    digest = hashlib.sha256(name.encode())
    if name in BUILTIN:
        files = [EVALS_DIR / "judge.py"]
        if name == "learned":
            import judge_learned

            files += [EVALS_DIR / "judge_learned.py", judge_learned.WEIGHTS_PATH]
    else:
        module = importlib.import_module(name.partition(":")[0])
        files = [Path(module.__file__)] if getattr(module, "__file__", None) else []
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
