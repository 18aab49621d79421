"""How probes import shared code (evals/README.md, evals/probe_common.py): one pattern, in every utils.py."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EVALS = REPO / "evals"
LINE = "sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/ on sys.path: see evals/README.md"


def test_every_probe_puts_evals_on_sys_path_with_the_same_line() -> None:
    probes = sorted(EVALS.glob("*/utils.py"))
    assert len(probes) >= 9
    for utils in probes:
        text = utils.read_text(encoding="utf-8")
        assert text.count(LINE) == 1, f"{utils.relative_to(REPO)}: not the one import pattern (evals/README.md)"
        assert "import probe_common  # noqa: E402" in text, utils
        assert not re.search(r"^\s*(?:import|from) judges\b|spec_from_file_location", text, re.M), utils


def test_the_judge_is_imported_by_name() -> None:
    text = (EVALS / "refusal_consistency" / "utils.py").read_text(encoding="utf-8")
    assert "from judge import judge  # noqa: E402" in text


def test_load_by_path_is_only_for_a_sibling_probes_utils() -> None:
    """probe_common.load_by_path exists for another probe's utils.py (all are called utils.py); nothing else."""
    pattern = re.compile(r"load_by_path\(\s*(\w+)")
    for utils in sorted(EVALS.glob("*/utils.py")):
        text = utils.read_text(encoding="utf-8")
        for name in pattern.findall(text):
            assert re.search(rf'^{name} = .*/ "\w+" / "utils\.py"$', text, re.M), f"{utils}: load_by_path({name})"
