"""Dotted overrides of params (``train.lora.r=8``): the one owner of how they are read, flattened and applied.

Three ways name them and all go through :func:`set_dotted`: ``-S KEY=VALUE`` on the command line, a preset file
(``--preset configs/presets/x.yaml``, a params override in params.yaml's shape, flattened to its leaves) and the
``overrides`` of a sweep variant. :func:`write_overrides` writes them into params.yaml (comments kept), as
``dvc exp run -S`` does, so that DVC records what ran.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

import yaml

from tasks.core.errors import ParamsError
from tasks.core.io import read_yaml_mapping

Overrides = Mapping[str, Any]  # dotted key -> value, in the order they apply


def parse_override(text: str) -> tuple[str, Any]:
    """Parse ``train.epochs=1`` into ("train.epochs", 1); the value is read as YAML."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ParamsError(f"override {text!r}: expected KEY=VALUE, e.g. train.epochs=1")
    try:
        parsed = yaml.safe_load(value) if value.strip() else None
    except yaml.YAMLError as e:
        raise ParamsError(f"override {text!r}: value is not valid YAML: {e}") from None
    return key.strip(), parsed


def parse_overrides(texts: Iterable[str]) -> dict[str, Any]:
    """``-S`` arguments as one mapping; a key given twice keeps its last value, as on any command line."""
    return dict(parse_override(text) for text in texts)


def flatten(tree: Mapping[str, Any], prefix: str = "", sep: str = ".", keep_empty: bool = False) -> dict[str, Any]:
    """A nested mapping as its leaves, ``{"train": {"epochs": 1}}`` -> ``{"train.epochs": 1}``; an empty section
    is a leaf of its own with ``keep_empty`` (a preset's ``gate.floors: {}`` clears the floors), else dropped."""
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        name = f"{prefix}{sep}{key}" if prefix else str(key)
        if isinstance(value, Mapping) and (value or not keep_empty):
            flat.update(flatten(value, name, sep, keep_empty))
        else:
            flat[name] = value
    return flat


def set_dotted(tree: MutableMapping[str, Any], key: str, value: Any, where: str = "override") -> None:
    """Set one dotted key in a nested mapping (a plain dict or ruamel's commented map), creating sections."""
    if not key or any(not part for part in key.split(".")):
        raise ParamsError(f"{where}: {key!r}: expected a dotted key such as train.lora.r")
    *sections, leaf = key.split(".")
    node = tree
    for part in sections:
        child = node.setdefault(part, {})
        if not isinstance(child, MutableMapping):
            raise ParamsError(f"{where}: {key}: {part} is not a section")
        node = child
    node[leaf] = value


def apply_overrides(raw: Mapping[str, Any], overrides: Overrides | Iterable[str], where: str = "override") -> dict:
    """A copy of ``raw`` with the overrides applied (``-S`` strings or a dotted mapping); validation is after."""
    merged = json.loads(json.dumps(raw))
    dotted = parse_overrides(overrides) if not isinstance(overrides, Mapping) else overrides
    for key, value in dotted.items():
        set_dotted(merged, key, value, where)
    return merged


def read_preset(path: Path) -> dict[str, Any]:
    """A preset file (params.yaml's shape, only the keys it changes) as dotted overrides."""
    return flatten(read_yaml_mapping(path, "preset", ParamsError), keep_empty=True)


def write_overrides(params_path: Path, overrides: Overrides | Iterable[str]) -> None:
    """Write overrides into params.yaml, comments and order kept, as ``dvc exp run -S`` does."""
    from ruamel.yaml import YAML

    dotted = parse_overrides(overrides) if not isinstance(overrides, Mapping) else overrides
    rt = YAML()
    rt.preserve_quotes = True
    doc = rt.load(params_path.read_text(encoding="utf-8")) or {}
    for key, value in dotted.items():
        set_dotted(doc, key, value, str(params_path))
    with params_path.open("w", encoding="utf-8") as f:
        rt.dump(doc, f)
