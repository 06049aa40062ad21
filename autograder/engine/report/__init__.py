"""Renderers of :class:`autograder.engine.results.Result`: a terminal table, JSON, Gradescope."""

from autograder.engine.report.gradescope import to_gradescope
from autograder.engine.report.table import format_summary, format_table

__all__ = ["format_table", "format_summary", "to_gradescope"]
