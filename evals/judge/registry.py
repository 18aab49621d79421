"""Which refusal judge the probes use: ``rules``, ``learned`` (the shipped default) or a user's ``module:function``.

A judge is any callable ``judge(prompt: str, response: str) -> str`` returning one of ``full_compliance``,
``full_refusal`` or ``partial_refusal`` (the labelling guidelines are in evals/judge/labels/README.md). The
probes call :func:`judge`, which uses the judge named by the environment variable :data:`JUDGE_ENV` (the evaluate
stage sets it from ``eval.judge`` in params.yaml; under the stock ``lm_eval`` CLI set it yourself, e.g.
``SFTOPS_JUDGE=rules lm_eval ...``) and :data:`DEFAULT` when it is unset.

* ``rules``: :mod:`.rules` and the modules beside it, regular expressions and clause stances (thousands of
  judgements a second).
* ``learned``: :mod:`.learned`, a linear classifier over the rules' signals and the reply's words, trained by
  evals/judge/labels/train_judge.py from the labelled rows; its weights ship beside it (learned_judge.npz).
* ``package.module:function``: anything importable, e.g. a local classifier or a chat model on a GPU.

Standard library only (the learned judge needs numpy, which lm-eval already brings).
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from .rules import LABELS

PACKAGE_DIR = Path(__file__).resolve().parent
JUDGE_ENV = "SFTOPS_JUDGE"
DEFAULT = "learned"
BUILTIN = ("rules", "learned")

Judge = Callable[[str, str], str]


@cache
def resolve(name: str) -> Judge:
    """The judge ``name`` selects; ImportError / AttributeError / ValueError say why it cannot be used."""
    if name == "rules":
        from . import rules

        return rules.judge
    if name == "learned":
        from . import learned

        return learned.judge
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


def source_files(name: str) -> list[Path]:
    """The files a built-in judge's verdicts depend on: the package's modules (the learned judge's own module and
    weights only for ``learned``); the label sets and their scripts in labels/ are not among them."""
    files = sorted(path for path in PACKAGE_DIR.glob("*.py") if name == "learned" or path.name != "learned.py")
    if name == "learned":
        from . import learned

        files.append(learned.WEIGHTS_PATH)
    return files


def fingerprint(name: str) -> str:
    """What a judge's verdicts depend on, for caches: its source files (and weights); a user judge by name and
    module file."""
    digest = hashlib.sha256(name.encode())
    if name in BUILTIN:
        files = source_files(name)
    else:
        module = importlib.import_module(name.partition(":")[0])
        files = [Path(module.__file__)] if getattr(module, "__file__", None) else []
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
