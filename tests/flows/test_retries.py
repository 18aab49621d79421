"""The flow retries crashed stages but not stages that failed on bad params or data."""

from __future__ import annotations

from collections import deque

import pytest

from flows.pipeline import StageFailed, retry_unless_user_error, stage_exit_code


class _State:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def result(self) -> None:
        raise self.error


def test_the_stage_exit_code_is_read_from_dvc_output() -> None:
    # dvc repro exits 255 whatever the command returned; the command's own code is in its last error line
    tail = deque(
        ["...", "ERROR: failed to reproduce 'validate': failed to run: python -m tasks.validate, exited with 3"]
    )
    assert stage_exit_code(255, tail) == 3
    assert stage_exit_code(255, deque(["ERROR: something else"])) == 255


@pytest.mark.parametrize(("code", "retried"), [(2, False), (3, False), (1, True), (137, True), (255, True)])
def test_only_crashes_are_retried(code: int, retried: bool) -> None:
    state = _State(StageFailed("train", code, ["boom"]))
    assert retry_unless_user_error(None, None, state) is retried, f"exit code {code}"
