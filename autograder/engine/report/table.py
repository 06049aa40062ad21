"""Plain-text tables for the terminal."""

from __future__ import annotations

from autograder.engine.results import Result
from course_lib.wrap import wrap

_MARK = {"passed": "ok", "partial": "partial", "failed": "FAILED"}


def format_table(result: Result, feedback: bool = True) -> str:
    """One submission: a row per exercise, then the feedback of every exercise that lost points."""
    name_width = max([len(e.name) for e in result.exercises] + [8])
    lines = [f"{result.submission}  ({result.assignment})",
             f"  {'exercise':<{name_width}}  {'score':>13}  status"]
    for e in result.exercises:
        lines.append(f"  {e.name:<{name_width}}  {e.score:>6g} / {e.max_score:<4g}  "
                     f"{_MARK[e.status]}")
    lines.append(f"  {'total':<{name_width}}  {result.score:>6g} / {result.max_score:<4g}")
    if feedback:
        for e in result.exercises:
            if e.status != "passed":
                lines.append("")
                lines.append(f"  {e.name}: {e.score:g}/{e.max_score:g}")
                lines += ["    " + line for line in e.feedback_text(indent=4).splitlines()]
        if result.notes:
            lines.append("")
            lines.append("  notes:")
            lines += [f"    - {n}" for n in result.notes]
    return wrap("\n".join(lines))


def format_summary(results: list[Result]) -> str:
    """Several submissions: one row each with the total."""
    if not results:
        return "no submissions graded"
    width = max(len(r.submission) for r in results)
    lines = [f"{'submission':<{width}}  {'score':>15}"]
    for r in results:
        flag = "  (grader error: grade it again)" if r.grader_error else ""
        lines.append(f"{r.submission:<{width}}  {r.score:>7g} / {r.max_score:<6g}{flag}")
    return "\n".join(lines)
