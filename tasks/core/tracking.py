"""MLflow helpers: one MLflow run per pipeline run, opened by train and resumed by the stages after it.

The run id travels in outputs/train/mlflow_run.json (a train out), not in thread-local state, because every
stage is its own process. The default store is SQLite under the project root (MLflow >= 3.13 refuses a plain
file store); MLFLOW_TRACKING_URI overrides it.

Several pipelines may share one store. For a SQLite store, :func:`configure` creates the schema under a lock
and switches the database to WAL mode (see :func:`prepare_sqlite_store`); registry writes go through
:func:`call_with_retries`, which retries what a busy or unreachable store raises ("database is locked", a
refused connection, a 5xx) with exponential backoff.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from tasks.core import tags
from tasks.core.errors import SftopsError
from tasks.core.io import read_json, write_json
from tasks.core.overrides import flatten
from tasks.core.paths import ProjectPaths

log = logging.getLogger("sftops.tracking")

T = TypeVar("T")

# Parameter keys that may carry credentials are never logged, whatever their section.
SECRET_MARKERS = ("token", "secret", "password", "api_key", "apikey", "credential")


def tracking_uri(paths: ProjectPaths) -> str:
    return os.environ.get("MLFLOW_TRACKING_URI") or f"sqlite:///{paths.root / 'mlflow.db'}"


def configure(paths: ProjectPaths) -> str:
    import mlflow

    uri = tracking_uri(paths)
    registry = os.environ.get("MLFLOW_REGISTRY_URI") or uri
    for store in dict.fromkeys((uri, registry)):
        prepare_sqlite_store(store)
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(registry)
    return uri


def redacted(uri: str) -> str:
    """``uri`` without a password (``http://user:secret@host`` -> ``http://user:***@host``), for messages."""
    parts = urlsplit(uri)
    if not parts.password:
        return uri
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


# --- SQLite stores -------------------------------------------------------------------------------------------


def sqlite_path(uri: str) -> Path | None:
    """The database file of a ``sqlite:///`` URI (None for other stores and in-memory databases)."""
    if not uri.startswith("sqlite:///"):
        return None
    path = uri.removeprefix("sqlite:///").split("?", 1)[0]
    return None if path in ("", ":memory:") else Path(path)


_PREPARED_STORES: set[str] = set()


@contextmanager
def _exclusive_lock(name: str) -> Iterator[None]:
    """An inter-process lock (flock) on a file in the temp dir; a no-op where fcntl is missing (Windows)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with open(Path(tempfile.gettempdir()) / name, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prepare_sqlite_store(uri: str) -> None:
    """Make a SQLite store safe for several pipelines at once (once per process and URI; other stores: no-op).

    - Schema under a lock: MLflow's tracking store creates the tables of a new database without one, so two
      runs starting together on a fresh store both run the migrations and all but one die ("duplicate column
      name", alembic's "Online migration expected to match one row"). The first process creates them here
      while the others wait on a lock file in the temp dir (so: processes on one machine, which is where a
      SQLite store can be shared anyway).
    - WAL journal: readers (another pipeline, ``mlflow ui``) no longer block a writer nor wait for one; writers
      still take turns, which MLflow's ``busy_timeout`` of 20 s per session covers. WAL needs a local disk (not
      NFS), as SQLite under several writers does anyway.
    """
    path = sqlite_path(uri)
    if path is None or uri in _PREPARED_STORES:
        return
    from mlflow import MlflowClient

    path = path.expanduser().absolute()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_name = f"sftops-mlflow-{hashlib.sha256(str(path).encode()).hexdigest()[:16]}.lock"
    with _exclusive_lock(lock_name):
        _use_wal(path)
        client = MlflowClient(tracking_uri=uri, registry_uri=uri)
        client.search_experiments(max_results=1)  # builds the tracking store: creates or migrates the tables
        client.search_registered_models(max_results=1)
    _PREPARED_STORES.add(uri)


@contextmanager
def registry_lock() -> Iterator[None]:
    """Hold an inter-process lock on the current registry while a read-decide-write sequence runs (the promotion
    gate: read @champion, compare, move it), so that two pipelines finishing together on one SQLite store decide
    one after the other. Only SQLite stores are shared by processes of one machine; for a server this is a no-op
    and the caller re-checks before it writes."""
    import mlflow

    path = sqlite_path(mlflow.get_registry_uri())
    if path is None:
        yield
        return
    digest = hashlib.sha256(str(path.expanduser().absolute()).encode()).hexdigest()[:16]
    with _exclusive_lock(f"sftops-registry-{digest}.lock"):
        yield


def _use_wal(path: Path) -> None:
    """Switch the database to WAL (persistent: a no-op once done); a failure only costs concurrency."""
    connection = sqlite3.connect(path, timeout=60)
    try:
        mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    except sqlite3.Error as e:
        log.warning("%s: could not switch to WAL mode (%s); concurrent runs may wait on each other", path, e)
        return
    finally:
        connection.close()
    if str(mode).lower() != "wal":
        log.warning("%s: SQLite kept journal mode %r instead of WAL (a network file system?)", path, mode)


def artifact_location(paths: ProjectPaths) -> str | None:
    """Where a new experiment's artifacts go: ``mlartifacts/`` beside a SQLite store (for the default store,
    the project root); for a server, wherever the server puts them (None).

    MLflow's own default for a SQLite store is relative to the working directory of whoever creates the
    experiment, which would put a shared store's artifacts inside one of the project copies using it.
    """
    db = sqlite_path(tracking_uri(paths))
    return None if db is None else (db.expanduser().absolute().parent / "mlartifacts").as_uri()


def ensure_experiment(name: str, paths: ProjectPaths) -> str:
    """Get or create the experiment; safe when another pipeline creates it at the same moment."""
    import mlflow
    from mlflow.exceptions import MlflowException

    experiment = mlflow.get_experiment_by_name(name)
    if experiment is not None:
        return experiment.experiment_id
    try:
        return mlflow.create_experiment(name, artifact_location=artifact_location(paths))
    except MlflowException as e:
        experiment = mlflow.get_experiment_by_name(name)  # created by a concurrent run in the meantime
        if experiment is None:
            raise
        log.debug("experiment %s was created concurrently (%s)", name, e)
        return experiment.experiment_id


# --- retries ---------------------------------------------------------------------------------------------------

# Messages of a store that is busy or out of reach, wherever in the exception chain they appear.
_TRANSIENT_MESSAGE = re.compile(
    r"database is locked|database table is locked|unable to open database file|disk I/O error"
    r"|connection refused|connection reset|connection aborted|failed to establish a new connection"
    r"|max retries exceeded|temporarily unavailable|read timed out|timed out"
    r"|error code (?:429|5\d\d)|too many (?:429|5\d\d) error responses",
    re.IGNORECASE,
)
_TRANSIENT_ERROR_CODES = frozenset({"TEMPORARILY_UNAVAILABLE", "REQUEST_LIMIT_EXCEEDED"})


def _exception_chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_transient(error: BaseException) -> bool:
    """True for what a busy or unreachable tracking store raises: worth retrying, unlike a bad request."""
    import requests
    from mlflow.exceptions import MlflowException, RestException

    for link in _exception_chain(error):
        if isinstance(link, (ConnectionError, TimeoutError, requests.ConnectionError, requests.Timeout)):
            return True
        if isinstance(link, MlflowException) and link.error_code in _TRANSIENT_ERROR_CODES:
            return True
        if isinstance(link, RestException) and link.get_http_status_code() >= 500:  # the server answered 5xx
            return True
        if _TRANSIENT_MESSAGE.search(str(link)):
            return True
    return False


@dataclass(frozen=True)
class RetryPolicy:
    retries: int  # extra attempts after the first
    delay_s: float  # first wait; doubles after each failed attempt

    def delays(self) -> list[float]:
        return [self.delay_s * 2**attempt for attempt in range(self.retries)]


class StoreUnavailable(SftopsError):
    """The tracking store or registry stayed unreachable (or busy) through every retry."""

    def __init__(self, what: str, attempts: int, waited_s: float, last: BaseException) -> None:
        self.what, self.attempts, self.waited_s, self.last = what, attempts, waited_s, last
        super().__init__(f"{what}: failed {attempts} times over {waited_s:.0f} s; last error: {short_error(last)}")


def short_error(error: BaseException, limit: int = 300) -> str:
    """One line: the exception type and the start of its message (MLflow's can run to pages)."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:limit]}{'...' if len(text) > limit else ''}"


def call_with_retries(
    call: Callable[[], T], policy: RetryPolicy, what: str, sleep: Callable[[float], None] = time.sleep
) -> T:
    """``call()``, retried with exponential backoff while it fails with a transient store error (see
    :func:`is_transient`); any other error propagates at once. Raises :class:`StoreUnavailable` when the
    retries run out, chained to the last error."""
    waited = 0.0
    delays = policy.delays()
    for attempt in range(len(delays) + 1):
        try:
            return call()
        except Exception as e:
            if not is_transient(e):
                raise
            if attempt == len(delays):
                raise StoreUnavailable(what, attempt + 1, waited, e) from e
            log.warning(
                "%s: attempt %d of %d failed (%s); retrying in %.3g s",
                what,
                attempt + 1,
                len(delays) + 1,
                short_error(e, 200),
                delays[attempt],
            )
            sleep(delays[attempt])
            waited += delays[attempt]
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def limit_mlflow_http_retries(max_retries: int = 0) -> None:
    """Let the caller's :class:`RetryPolicy` decide how long to wait for a server, for the rest of this process
    (a stage's own process; in a process that lives on, such as a test session, use :func:`http_retries_limited`).

    MLflow retries every HTTP request itself, 7 times with exponential backoff (about 4 minutes per call)
    before it raises; under a policy of a few retries that would multiply into a quarter of an hour. A value
    the user set in MLFLOW_HTTP_REQUEST_MAX_RETRIES wins.
    """
    os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", str(max_retries))


@contextmanager
def http_retries_limited(max_retries: int = 0) -> Iterator[None]:
    """:func:`limit_mlflow_http_retries` inside the block only (MLflow reads the variable on every request)."""
    before = os.environ.get("MLFLOW_HTTP_REQUEST_MAX_RETRIES")
    limit_mlflow_http_retries(max_retries)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("MLFLOW_HTTP_REQUEST_MAX_RETRIES", None)


# --- params, lineage, the pipeline's run -------------------------------------------------------------------


def loggable_params(params_dict: dict[str, Any]) -> dict[str, str]:
    """Flatten resolved params for mlflow.log_params, dropping anything that looks like a credential."""
    flat = flatten(params_dict)
    return {k: str(v)[:6000] for k, v in flat.items() if not any(marker in k.lower() for marker in SECRET_MARKERS)}


def git_commit(root: Path) -> str:
    """The checked-out commit, with '-dirty' when tracked files differ; 'unknown' outside git."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{sha}-dirty" if dirty else sha


# --- grouping: a run started under an orchestrating run (a sweep's parent) ----------------------------------------

# Set by whoever runs the pipeline on behalf of a larger run (flows/sweep.py, for each variant of a sweep) and read
# by train when it opens the pipeline's run: stage processes inherit the environment through `dvc exp run`.
ENV_PARENT_RUN_ID = "SFTOPS_PARENT_RUN_ID"
ENV_SWEEP = "SFTOPS_SWEEP"
ENV_VARIANT = "SFTOPS_VARIANT"


def grouping_tags(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Tags that put a new pipeline run under its parent run, from :data:`ENV_PARENT_RUN_ID`,
    :data:`ENV_SWEEP` and :data:`ENV_VARIANT` (each only when set and not empty)."""
    env = os.environ if environ is None else environ
    names = {tags.PARENT_RUN: ENV_PARENT_RUN_ID, tags.SWEEP: ENV_SWEEP, tags.VARIANT: ENV_VARIANT}
    return {tag: env[var] for tag, var in names.items() if env.get(var)}


def grouping_env(parent_run_id: str, sweep: str, variant: str) -> dict[str, str]:
    """The environment that makes the pipeline's run a child of ``parent_run_id`` (see :func:`grouping_tags`)."""
    return {ENV_PARENT_RUN_ID: parent_run_id, ENV_SWEEP: sweep, ENV_VARIANT: variant}


def save_run_ref(paths: ProjectPaths, run_id: str, experiment_id: str) -> None:
    write_json(paths.tracking_run, {"run_id": run_id, "experiment_id": experiment_id})


def load_run_id(paths: ProjectPaths) -> str:
    return read_json(paths.tracking_run)["run_id"]


@contextmanager
def resume_run(paths: ProjectPaths) -> Iterator[Any]:
    """Re-open the pipeline's MLflow run (the one train started) in this process."""
    import mlflow
    from mlflow.exceptions import MlflowException

    uri = configure(paths)
    run_id = load_run_id(paths)
    try:
        run = mlflow.start_run(run_id=run_id)
    except MlflowException as e:
        if e.error_code != "RESOURCE_DOES_NOT_EXIST":
            raise
        raise SftopsError(
            f"MLflow run {run_id} (from {paths.tracking_run.relative_to(paths.root)}) is not in the store "
            f"{redacted(uri)}: train logged to another store. Point MLFLOW_TRACKING_URI at that store, or "
            "retrain with `dvc repro -f train` to log to this one"
        ) from e
    with run:
        yield run
