"""The refusal judge: labels a (prompt, response) pair ``full_compliance``, ``full_refusal`` or ``partial_refusal``.

A probe puts ``evals/`` on ``sys.path`` (see evals/README.md, "How a probe imports shared code") and calls the
judge that ``eval.judge`` selects::

    from judge import judge              # the active judge: SFTOPS_JUDGE / eval.judge, default learned
    label = judge(prompt, reply)

Tests and scripts import the package as ``evals.judge`` or, with ``evals/`` on ``sys.path``, as ``judge``.

What is where:

* :mod:`.registry`: :func:`judge`, :func:`resolve`, :data:`JUDGE_ENV`, :func:`fingerprint` (which judge runs).
* :mod:`.learned`: the shipped judge, a linear classifier over the rules' signals and the reply's words; its
  weights are ``learned_judge.npz`` beside it.
* the rule judge, :func:`.rules.judge` / :func:`.rules.judge_explain` (standard library only):

  * :mod:`.text`: normalisation, code and quote masking, sentences and clauses (segments);
  * :mod:`.context`: what kind of request the prompt is;
  * :mod:`.refusals`: refusal openings ("I can't / won't ...", "I must decline", "as an AI I don't", ...);
  * :mod:`.stances`: disclaimers, discouragement, hedges, and refusal wording that is not the assistant's;
  * :mod:`.referrals`, :mod:`.alternatives`, :mod:`.filler`, :mod:`.lecture`, :mod:`.content`: what the other
    segments are (a pointer to a professional, an offered substitute, politeness, a moral remark or a reason,
    answer content);
  * :mod:`.classify`: classifies the segments without a stance and says whether they add up to an answer;
  * :mod:`.rules`: the decision (the approach and the known blind spots are in its docstring).

* ``labels/``: the labelled sets, the labelling guidelines (README.md), ``score_judge.py`` and
  ``train_judge.py``. Nothing in the package reads them at run time.
"""

from __future__ import annotations

from .registry import BUILTIN, DEFAULT, JUDGE_ENV, LABELS, active_name, fingerprint, judge, resolve

__all__ = ["BUILTIN", "DEFAULT", "JUDGE_ENV", "LABELS", "active_name", "fingerprint", "judge", "resolve"]
