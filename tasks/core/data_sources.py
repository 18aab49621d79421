"""Where raw data may live so that DVC versions it: under data/raw/, or on the Hugging Face hub.

dvc.yaml's prepare stage depends on the ``data/raw`` directory (and on the ``data`` params section), not on
``data.path`` itself: a hub dataset id is not a file, and DVC fails on a dep that does not exist. The price is
that a local file elsewhere is invisible to DVC: ``dvc repro`` would not notice when it changes and ``dvc push``
would not store it. :func:`check_tracked_by_dvc` turns that silent gap into an error, before any work.

Paths are compared as written (made absolute, ``..`` folded), not resolved through symlinks: a file that
``dvc add`` links into the DVC cache, or a symlink under data/raw/ to a file on another disk (DVC follows it
when it hashes the directory), counts as under data/raw/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tasks.core.errors import SftopsError

RAW_DIR = "data/raw"  # the prepare stage's data dep in dvc.yaml
DATA_SUFFIXES = (".jsonl", ".json", ".parquet", ".csv")
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*(?::[\w.\[\]:%-]+)?$")


def _absolute(path: str, root: Path) -> Path:
    """``path`` (relative to ``root`` unless absolute) made absolute with ``..`` folded, symlinks kept."""
    joined = Path(path) if Path(path).is_absolute() else root / path
    return Path(os.path.normpath(os.path.abspath(joined)))


def is_hub_dataset_id(path: str, root: Path) -> bool:
    """True for ``owner/name`` or ``owner/name:split`` that names no existing local path and no data file."""
    spec = path.strip()
    if not _HUB_ID.match(spec) or spec.split(":", 1)[0].lower().endswith(DATA_SUFFIXES):
        return False
    local = _absolute(spec, root)
    return not (local.exists() or local.is_symlink())


def is_under_raw_dir(path: str, root: Path) -> bool:
    """True when the local ``path`` lies inside ``root``/data/raw/ (lexically; see the module docstring)."""
    raw, local = _absolute(RAW_DIR, root), _absolute(path, root)
    return local != raw and local.is_relative_to(raw)


def _dvc_pointer(local: Path, root: Path) -> Path | None:
    """The ``.dvc`` file of ``local`` or of a folder above it inside data/raw/ (``dvc add data/raw/shards``)."""
    raw = _absolute(RAW_DIR, root)
    for candidate in (local, *local.parents):
        if candidate == raw or not candidate.is_relative_to(raw):
            return None
        pointer = candidate.with_name(candidate.name + ".dvc")
        if pointer.is_file():
            return pointer
    return None


def check_tracked_by_dvc(path: str, root: Path) -> None:
    """Raise :class:`SftopsError` unless ``path`` is a hub dataset id or a local path under data/raw/.

    ``root`` is the project root (the folder holding dvc.yaml). Whether the file exists is left to the reader,
    except for a file that DVC tracks (a ``<file>.dvc`` beside it) but that is not in the workspace: the error
    then says to pull it.
    """
    if is_hub_dataset_id(path, root):
        return
    local = _absolute(path, root)
    if is_under_raw_dir(path, root):
        pointer = _dvc_pointer(local, root)
        if pointer is not None and not local.exists():
            raise SftopsError(
                f"data.path={path!r}: {local} is tracked by DVC ({pointer.name}) but not in the workspace; "
                f"fetch it with `dvc pull {pointer.relative_to(_absolute('.', root))}` (needs the DVC remote)"
            )
        return
    state = "" if local.exists() else " (and does not exist)"
    raise SftopsError(
        f"data.path={path!r}: {local} is outside {RAW_DIR}/{state}, so DVC does not track it: `dvc repro` would "
        f"not notice when it changes and `dvc push` would not store it. Move it under {RAW_DIR}/ so DVC tracks "
        f"it (then `dvc add {RAW_DIR}/<file>` to version and push it) and set data.path to "
        f"{RAW_DIR}/<file>; a file too big to move can be symlinked there instead "
        f"(`ln -s {local} {RAW_DIR}/`), which DVC follows for change detection but does not push"
    )
