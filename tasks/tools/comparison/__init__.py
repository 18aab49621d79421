"""The comparison dashboard (``sftops compare``): what is compared (model), its charts and its HTML page.

tasks/tools/compare.py reads the runs from MLflow into :class:`tasks.tools.comparison.model.Comparison`; everything here
is pure (no MLflow, no Prefect), so it is tested on hand-made comparisons.
"""
