"""The compare dashboard opened in a real headless browser (Debian's chromium over the DevTools protocol): it
loads with no console error and no request leaving the file, has one table row per variant and its charts
render; a full-page screenshot is written (its path is printed)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tasks.core.paths import ProjectPaths
from tasks.tools.compare import DashboardResult, Selection, build_dashboard
from tests.browser import BrowserUnavailable, Page, chromium_or_skip, find_or_install_chromium, headless_page
from tests.compare_page import CHART_ALTS, IMAGES_JS, browser_rows
from tests.compare_runs import SWEEP_SPECS, DemoStore, demo_store, project_params

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def chromium() -> str:
    return chromium_or_skip()


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoStore, DashboardResult]]:
    with pytest.MonkeyPatch.context() as mp:
        store = demo_store(tmp_path_factory.mktemp("compare_browser"), mp)
        paths = ProjectPaths(store.root)
        result = build_dashboard(Selection(sweep=store.sweep), project_params(), paths, out=store.root / "dash.html")
        yield store, result


@pytest.fixture(scope="module")
def opened(chromium: str, dashboard: tuple[DemoStore, DashboardResult]) -> Iterator[Page]:
    with headless_page(chromium) as page:
        page.open(dashboard[1].html_path)
        yield page


def test_loads_without_console_errors_or_network(opened: Page) -> None:
    report = opened.report
    assert report.problems() == [], f"console errors, exceptions or failed loads: {report.problems()}"
    outside = [url for url in report.requests if not url.startswith(("file:", "data:"))]
    assert outside == [], f"the page fetched something: {outside}"
    assert opened.evaluate("document.title") == "sftops compare: lora-rank"


def test_tables_have_one_row_per_variant(opened: Page) -> None:
    labels = [spec.name for spec in SWEEP_SPECS]
    rows = browser_rows(opened)
    assert len(rows) >= 10, f"overview, params and one table per task: {[name for name, _ in rows]}"
    for name, headers in rows:
        assert headers == labels, f"table {name}: one row per variant"
    assert opened.evaluate("document.querySelectorAll('td.best').length") > 0, "best values are marked"


def test_charts_render(opened: Page) -> None:
    images = opened.evaluate(IMAGES_JS)
    charts = {i["alt"] for i in images}
    assert charts >= CHART_ALTS, f"charts: {sorted(charts)}"
    broken = [i for i in images if not i["ok"]]
    assert broken == [], f"images that did not decode: {broken}"
    visible = opened.evaluate(
        "[...document.querySelectorAll('img.chart')].every(i => i.getBoundingClientRect().width > 300)"
    )
    assert visible, "each chart is laid out at a readable width"


def test_screenshot(opened: Page, dashboard: tuple[DemoStore, DashboardResult]) -> None:
    shot = opened.screenshot(dashboard[1].html_path.with_name("compare_dashboard.png"))
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 50_000, f"{shot}: {len(data)} bytes"
    height = int.from_bytes(data[20:24], "big")
    assert height > 2000, f"full page, not just the viewport: {height} px"
    print(f"dashboard screenshot: {shot}")


def test_without_chromium_and_root_the_reason_is_clear(monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.browser as browser

    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.setattr(browser.os, "geteuid", lambda: 1000)
    with pytest.raises(BrowserUnavailable, match="not installed and this is not root"):
        find_or_install_chromium()
