"""`sftops ui` serves MLflow on the loopback interface only."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import psutil

from tests.helpers import BIN


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
