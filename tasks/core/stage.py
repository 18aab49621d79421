"""The thin command-line wrapper every stage module shares: ``python -m tasks.<stage>``."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import Any

from tasks.core.errors import SftopsError, StageCrashed
from tasks.core.hub import go_offline_for_local_sources
from tasks.core.params import Params, load_params
from tasks.core.paths import ProjectPaths

StageRun = Callable[[Params, ProjectPaths], Any]

# Exit codes of a stage. The flow retries a stage only for other codes (a crash, a kill, a lost resource):
# bad params or bad data fail the same way every time.
EXIT_CRASHED = 1
EXIT_BAD_PARAMS = 2
EXIT_USER_ERROR = 3
NOT_RETRYABLE = frozenset({EXIT_BAD_PARAMS, EXIT_USER_ERROR})


def setup_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S"
    )
    for noisy in ("httpx", "urllib3", "filelock", "git", "alembic", "great_expectations"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def stage_main(name: str, run: StageRun) -> None:
    """Validate params.yaml before any work, run the stage, turn user errors into one clear message."""
    setup_logging()
    paths = ProjectPaths.here()
    try:
        params = load_params(paths.params)
    except SftopsError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(EXIT_BAD_PARAMS)
    go_offline_for_local_sources(params.model.name_or_path)
    started = time.perf_counter()
    try:
        run(params, paths)
    except SftopsError as e:
        print(f"error: stage {name} failed: {e}", file=sys.stderr)
        sys.exit(EXIT_USER_ERROR)
    except StageCrashed as e:
        print(f"error: stage {name} crashed: {e}", file=sys.stderr)
        sys.exit(EXIT_CRASHED)
    logging.getLogger(f"sftops.{name}").info("stage %s done in %.1f s", name, time.perf_counter() - started)
