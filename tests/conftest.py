"""Shared fixtures: a tiny random Llama with the real SmolLM2 tokenizer, and throwaway project copies."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import copy_project

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
# The base-model eval cache (tasks/evaluate.py) of this test session, not the user's ~/.cache/sftops; one for all
# pytest-xdist workers of a run (their tiny base models are the same bytes, and cache writes are atomic), so a
# base model evaluated by one worker's pipeline is not evaluated again by the other's.
_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID")
if _RUN:
    os.environ["SFTOPS_CACHE_DIR"] = os.path.join(tempfile.gettempdir(), f"sftops-test-cache-{_RUN}")
    os.makedirs(os.environ["SFTOPS_CACHE_DIR"], exist_ok=True)
else:
    os.environ["SFTOPS_CACHE_DIR"] = tempfile.mkdtemp(prefix="sftops-test-cache-")
# Prefect's home (profiles, the ephemeral server's database) of this session, not the user's ~/.prefect: a user's
# profile may point at Prefect Cloud, and the test workers (pytest-xdist) must not share one SQLite database.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="sftops-test-prefect-")
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("PREFECT_PROFILE", None)


@pytest.fixture(scope="session")
def smollm2_tokenizer_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real SmolLM2 tokenizer (ChatML template), extracted once from the embedded GGUF."""
    from transformers import AutoTokenizer

    from tasks.core.hub import EMBEDDED_GGUF, embedded_gguf_path

    out = tmp_path_factory.mktemp("smollm2_tokenizer")
    tokenizer = AutoTokenizer.from_pretrained(embedded_gguf_path().parent, gguf_file=EMBEDDED_GGUF)
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory, smollm2_tokenizer_dir: Path) -> Path:
    """A randomly initialised 2-layer Llama (about 3M parameters) with the SmolLM2 tokenizer, as safetensors."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    out = tmp_path_factory.mktemp("tiny_llama")
    tokenizer = AutoTokenizer.from_pretrained(smollm2_tokenizer_dir)
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=1024,
        tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    LlamaForCausalLM(config).save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture
def project_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Factory: a fresh copy of the project under this test's tmp_path."""
    return lambda name="project": copy_project(tmp_path / name)

