"""A headless Chromium driven over the DevTools protocol (websockets, which Prefect already depends on): open a
local page, collect its console errors, exceptions and network requests, evaluate JavaScript, take a
full-page screenshot.

    python -m tests.browser PAGE.html SHOT.png [CSS-SELECTOR]   # a screenshot of PAGE, down to the selected element

Chromium is Debian's ``chromium`` package; :func:`find_or_install_chromium` installs it with apt-get when it is
missing and this is root, and says why otherwise; :func:`chromium_or_skip` skips a test with that reason.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
START_TIMEOUT_S = 30.0
LOAD_TIMEOUT_S = 30.0


class BrowserUnavailable(RuntimeError):
    """Chromium is missing and could not be installed here (the message says why)."""


def find_or_install_chromium() -> str:
    """The path of a Chromium binary; installs Debian's ``chromium`` when missing and this is root."""
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        raise BrowserUnavailable("chromium is not installed and this is not root (apt-get install -y chromium)")
    if shutil.which("apt-get") is None:
        raise BrowserUnavailable("chromium is not installed and there is no apt-get to install it")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise BrowserUnavailable(f"`{' '.join(cmd)}` failed ({done.returncode}): {' | '.join(tail)}")
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    raise BrowserUnavailable("apt-get installed chromium but no chromium binary is on PATH")


def chromium_or_skip() -> str:
    """find_or_install_chromium for a test: the binary, or the test is skipped with the reason."""
    import pytest

    try:
        return find_or_install_chromium()
    except (BrowserUnavailable, OSError) as e:  # OSError: apt-get itself could not run
        pytest.skip(f"no headless browser for the dashboard test: {e}")


@dataclass
class PageReport:
    """What happened while a page loaded."""

    console_errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return self.console_errors + self.exceptions + self.log_errors


class Page:
    """One tab of a headless Chromium, over the DevTools protocol."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.next_id = 0
        self.report = PageReport()

    def call(self, method: str, timeout: float = LOAD_TIMEOUT_S, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        call_id = self.next_id
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(deadline, method)
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def wait_for(self, event: str, timeout: float = LOAD_TIMEOUT_S) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(deadline, event)
            if message.get("method") == event:
                return message.get("params", {})

    def _receive(self, deadline: float, waiting_for: str) -> dict[str, Any]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no answer to {waiting_for} from chromium")
        message = json.loads(self.ws.recv(timeout=remaining))
        self._record(message)
        return message

    def _record(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.report.console_errors.append(
                " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
            )
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            thrown = details.get("exception", {}).get("description", "")
            self.report.exceptions.append(f"{details.get('text', 'exception')} {thrown}".strip())
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.report.log_errors.append(f"{params['entry'].get('text')} {params['entry'].get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            self.report.requests.append(params["request"]["url"])

    def open(self, path: Path, width: int = 1400, height: int = 900) -> PageReport:
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")
        self.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 100)))")  # late console messages
        return self.report

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def screenshot(self, out: Path, until: str | None = None) -> Path:
        """The whole page (beyond the viewport) as a PNG; with ``until`` (a CSS selector), only the part above
        the element it selects."""
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": True}
        if until is not None:
            size = self.evaluate(
                f"(() => {{ const e = document.querySelector({json.dumps(until)});"
                " return [document.documentElement.scrollWidth, e ? e.getBoundingClientRect().top + scrollY"
                " : document.documentElement.scrollHeight]; })()"
            )
            params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}
        data = self.call("Page.captureScreenshot", **params)["data"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(base64.b64decode(data))
        return out


@contextmanager
def headless_page(chromium: str) -> Iterator[Page]:
    """A fresh headless Chromium (own profile, no sandbox: tests run as root) and one blank tab."""
    from websockets.sync.client import connect

    with tempfile.TemporaryDirectory(prefix="sftops-chromium-") as profile:
        proc = subprocess.Popen(
            [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--no-default-browser-check",
             "--remote-debugging-port=0", "--remote-allow-origins=*", f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            port = _devtools_port(Path(profile), proc)
            with connect(_page_ws_url(port), max_size=None, open_timeout=START_TIMEOUT_S) as ws:
                yield Page(ws)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _devtools_port(profile: Path, proc: subprocess.Popen[bytes]) -> int:
    """Chromium writes the port it chose to ``DevToolsActivePort`` in its profile."""
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BrowserUnavailable(f"chromium exited at start with code {proc.returncode}")
        if marker.is_file() and marker.read_text().strip():
            return int(marker.read_text().splitlines()[0])
        time.sleep(0.1)
    raise BrowserUnavailable(f"chromium did not open its DevTools port within {START_TIMEOUT_S:.0f} s")


def _page_ws_url(port: int) -> str:
    from urllib.request import urlopen

    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        with urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as answer:
            pages = [t for t in json.load(answer) if t.get("type") == "page"]
        if pages:
            return pages[0]["webSocketDebuggerUrl"]
        time.sleep(0.1)
    raise BrowserUnavailable("chromium opened no page")


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print("usage: python -m tests.browser PAGE.html SHOT.png [CSS-SELECTOR]", file=sys.stderr)
        return 2
    page_path, shot = Path(argv[0]), Path(argv[1])
    with headless_page(find_or_install_chromium()) as page:
        report = page.open(page_path)
        page.screenshot(shot, until=argv[2] if len(argv) == 3 else None)
    for problem in report.problems():
        print(f"page problem: {problem}", file=sys.stderr)
    print(f"screenshot: {shot}")
    return 1 if report.problems() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
