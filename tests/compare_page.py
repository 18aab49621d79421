"""Reading a compare dashboard back: its variant tables and images (HTML parser), what it would load from outside
(nothing: it is self-contained), and the same checks in a real browser (tests/browser.py Page)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

# The charts every dashboard draws (alt texts of tasks/tools/comparison/page.py's <img class="chart">).
CHART_ALTS = {"probe scores per variant", "training loss curves", "length calibration per variant"}
# Each table with an id or a data-task (the data card's own tables have neither): [name, [row header, ...]]
TABLE_ROWS_JS = (
    "[...document.querySelectorAll('table')].filter(t => t.id || t.dataset.task).map(t => [t.id || t.dataset.task,"
    " [...t.querySelectorAll('tbody.variants tr th')].map(th => th.textContent.trim())])"
)
IMAGES_JS = (
    "[...document.querySelectorAll('img')].map(i => ({alt: i.alt, ok: i.complete && i.naturalWidth > 0,"
    " w: i.naturalWidth}))"
)
_EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


@dataclass(frozen=True)
class Delta:
    """One change shown in a metric cell (``<span class="delta" data-ref="base|champ" data-verdict=...>``)."""

    verdict: str  # better | worse | no_difference | too_few_items | untested ("" for no delta)
    classes: frozenset[str]
    text: str


@dataclass
class Row:
    header: str
    cells: list[tuple[set[str], str]] = field(default_factory=list)  # (classes, text) per td
    deltas: list[dict[str, Delta]] = field(default_factory=list)  # per td: {"base": ..., "champ": ...}


class TableReader(HTMLParser):
    """The variant rows (``tbody.variants``) of every table with an id or a data-task, and every <img>."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[Row]] = {}
        self.images: list[str] = []
        self._table: str | None = None
        self._in_variants = False
        self._cell: tuple[str, set[str]] | None = None  # ("th" | "td", classes)
        self._text: list[str] = []
        self._deltas: dict[str, Delta] = {}
        self._delta: tuple[str, str, frozenset[str]] | None = None  # (ref, verdict, classes) of the open delta
        self._delta_depth = 0
        self._delta_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self._table = a.get("data-task") or a.get("id") or "?"
            self.tables[self._table] = []
        elif tag == "tbody":
            self._in_variants = a.get("class") == "variants"
        elif tag == "tr" and self._in_variants and self._table:
            self.tables[self._table].append(Row(""))
        elif tag in ("th", "td") and self._in_variants and self._table:
            self._cell, self._text, self._deltas = (tag, set(a.get("class", "").split())), [], {}
        elif tag == "span" and self._delta is not None:
            self._delta_depth += 1
        elif tag == "span" and self._cell is not None and "data-ref" in a:
            self._delta = (a["data-ref"], a.get("data-verdict", ""), frozenset(a.get("class", "").split()))
            self._delta_depth, self._delta_text = 1, []
        elif tag == "img":
            self.images.append(a.get("src", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._delta is not None:
            self._delta_depth -= 1
            if self._delta_depth == 0:
                ref, verdict, classes = self._delta
                self._deltas[ref] = Delta(verdict, classes, "".join(self._delta_text).strip())
                self._delta = None
        if tag == "table":
            self._table = None
        elif tag == "tbody":
            self._in_variants = False
        elif tag in ("th", "td") and self._cell is not None and self._table:
            row, text = self.tables[self._table][-1], "".join(self._text).strip()
            if self._cell[0] == "th":
                row.header = text
            else:
                row.cells.append((self._cell[1], text))
                row.deltas.append(self._deltas)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._text.append(data)
        if self._delta is not None:
            self._delta_text.append(data)


def read_page(html: str) -> TableReader:
    reader = TableReader()
    reader.feed(html)
    return reader


def external_loads(html: str) -> list[str]:
    """The tags that would fetch something from the network when the page opens (http(s):// or //host)."""
    return [m.group(0) for m in _EXTERNAL.finditer(html)]


def browser_rows(page: Any) -> list[tuple[str, list[str]]]:
    """TABLE_ROWS_JS evaluated in an opened tests.browser.Page."""
    return [(name, headers) for name, headers in page.evaluate(TABLE_ROWS_JS)]
