"""The `sftops` command: presets and -S resolve the same way for every command; `sftops ui` serves MLflow on the
loopback interface only."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import psutil
import yaml
from typer.testing import CliRunner

from flows.cli import app
from tests.helpers import BIN, REPO

PRESET = REPO / "configs" / "presets" / "llama3_8b_alpaca.yaml"


def test_params_with_a_preset_then_s_overrides(tmp_path: Path) -> None:
    params = tmp_path / "params.yaml"
    params.write_text((REPO / "params.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    args = ["params", "--params", str(params), "--preset", str(PRESET), "-S", "train.epochs=1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    shown = yaml.safe_load(result.output)
    assert shown["train"]["method"] == "full" and shown["data"]["max_seq_len"] == 2048, "the preset's keys apply"
    assert shown["train"]["epochs"] == 1, "-S comes after the preset"
    assert shown["eval"] == yaml.safe_load(params.read_text())["eval"], "keys the preset does not name are kept"


def test_run_with_a_bad_preset_fails_before_touching_params_yaml(tmp_path: Path) -> None:
    params = tmp_path / "params.yaml"
    params.write_text((REPO / "params.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = params.read_bytes()
    bad = tmp_path / "preset.yaml"
    for text, expected in [("train:\n  epochs: -1\n", "train.epochs"), ("- a list\n", "expected a mapping")]:
        bad.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["run", "--params", str(params), "--preset", str(bad)])
        assert result.exit_code == 2, result.output
        assert expected in result.output and str(bad) in result.output, result.output
        assert params.read_bytes() == before, "a refused preset must leave params.yaml as it was"
    missing = CliRunner().invoke(app, ["run", "--params", str(params), "--preset", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "not found" in missing.output, missing.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(pid: int, port: int) -> list[str]:
    """Loopback addresses on `port` held by `pid` or any of its children.

    mlflow's start-up spawns short-lived helpers (the server, its workers, a migration
    check); one that exits between `children()` and `net_connections()` is skipped, not
    an error: the next poll sees the survivors.
    """
    addresses = []
    for proc in [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]:
        try:
            connections = proc.net_connections(kind="inet")
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
        addresses += [c.laddr.ip for c in connections if c.status == psutil.CONN_LISTEN and c.laddr.port == port]
    return addresses


def test_ui_listens_on_127_0_0_1_only(tmp_path: Path) -> None:
    # given a project folder / when `sftops ui` starts / then MLflow listens on 127.0.0.1 and nowhere else
    port = _free_port()
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    env.pop("MLFLOW_TRACKING_URI", None)
    proc = subprocess.Popen(
        [str(BIN / "sftops"), "ui", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline, addresses = time.monotonic() + 90, []
        while time.monotonic() < deadline and not addresses:
            assert proc.poll() is None, f"sftops ui exited early: {proc.stdout.read().decode()[-2000:]}"
            addresses = _listening(proc.pid, port)
            time.sleep(0.5)
        assert addresses, "the MLflow UI never started listening"
        assert set(addresses) == {"127.0.0.1"}, f"listening on {addresses}, expected loopback only"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
