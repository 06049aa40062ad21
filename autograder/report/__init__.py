"""Renderers of :class:`autograder.results.Result`: a terminal table, JSON, Gradescope."""

from autograder.report.gradescope import to_gradescope
from autograder.report.table import format_summary, format_table

__all__ = ["format_table", "format_summary", "to_gradescope"]
