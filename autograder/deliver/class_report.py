"""A class report: one self-contained HTML page about a results folder.

    autograder report results/ -o report.html

Per assignment: the distribution of the scores of every exercise (and of the total), the named
mistakes ranked by how many students made them (what to re-teach next week), the submissions
whose code hung or crashed (``Result.incidents``), the exercises that ran out of time most often,
the slowest exercises (the time of their calls, ``ExerciseResult.seconds``, measured by the
grader) and the slowest submissions. Given nbgrader's gradebook, the grades after its late
penalties and the late submissions. Figures are matplotlib PNGs embedded as base64, so the page
is one file.
"""

from __future__ import annotations

import base64
import io
import statistics
from collections import Counter
from html import escape
from pathlib import Path

from autograder.deliver.export import (
    exercise_names,
    late_penalty_table,
    load_records,
    records_by_student,
)
from autograder.deliver.late_penalties import apply_penalty
from autograder.engine.results import Result

SLOWEST = 10

STYLE = """
body { font-family: sans-serif; margin: 2em; max-width: 70em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; }
img { max-width: 100%; }
"""


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode()


def _img(fig, alt: str) -> str:
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{_png(fig)}">'


def distribution_figure(results: list[Result]):
    """One histogram per exercise and one of the total: how many students got how much."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    names = exercise_names(results)
    panels = [(n, [e.score for r in results for e in r.exercises if e.name == n],
               max(e.max_score for r in results for e in r.exercises if e.name == n))
              for n in names]
    panels.append(("total", [r.score for r in results], max(r.max_score for r in results)))
    cols = 3
    rows = -(-len(panels) // cols)
    fig = Figure(figsize=(4 * cols, 2.6 * rows))
    for i, (name, scores, top) in enumerate(panels):
        ax = fig.add_subplot(rows, cols, i + 1)
        ax.hist(scores, bins=10, range=(0, top or 1), color="#4878a8" if name != "total" else "#a84848",
                edgecolor="white")
        ax.set_title(name, fontsize=9)
        ax.set_xlabel(f"points (of {top:g})", fontsize=8)
        ax.set_ylabel("students", fontsize=8)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(labelsize=7)
    fig.tight_layout()
    return fig


def mistake_counts(results: list[Result]) -> list[tuple[int, str, str, list[str]]]:
    """(how many, exercise, the mistake's message, which submissions), most frequent first."""
    seen: dict[tuple[str, str], list[str]] = {}
    for r in results:
        for e in r.exercises:
            if e.diagnosis:
                seen.setdefault((e.name, e.diagnosis), []).append(r.submission)
    return sorted(((len(subs), ex, msg, subs) for (ex, msg), subs in seen.items()),
                  key=lambda t: (-t[0], t[1], t[2]))


def mistakes_figure(counts):
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    top = counts[:10][::-1]
    fig = Figure(figsize=(9, 0.45 * len(top) + 1))
    ax = fig.add_subplot()
    labels = [f"{ex}: {msg[:60]}{'...' if len(msg) > 60 else ''}" for _, ex, msg, _ in top]
    ax.barh(range(len(top)), [n for n, *_ in top], color="#d08040")
    ax.set_yticks(range(len(top)), labels, fontsize=7)
    ax.set_xlabel("students")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.tight_layout()
    return fig


def _table(header: list[str], rows: list[list], cls: str) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c:g}</td>' if isinstance(c, (int, float))
                         else f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
        for row in rows)
    return f'<table class="{cls}"><tr>{head}</tr>{body}</table>'


def late_section(students: dict[str, Result], penalties: dict[str, float]) -> list[str]:
    """The grades after nbgrader's late penalties, and the table of the late submissions."""
    grades = [apply_penalty(r.score, penalties[sid]) for sid, r in students.items()]
    late = [[sid, round(r.score, 4), penalties[sid], apply_penalty(r.score, penalties[sid])]
            for sid, r in sorted(students.items()) if penalties[sid] > 0]
    parts = ["<h3>Late submissions (nbgrader's late penalties)</h3>",
             f"<p>Grades after the penalties: mean {statistics.mean(grades):.2f}, median "
             f"{statistics.median(grades):g}; {len(late)} late submissions.</p>"]
    parts.append(_table(["student", "score", "late penalty", "grade"], late, "late")
                 if late else "<p>None was late.</p>")
    return parts


def assignment_section(assignment: str, students: dict[str, Result],
                       penalties: dict[str, float] | None = None) -> str:
    results = list(students.values())
    ids = {r.submission: sid for sid, r in students.items()}
    totals = [r.score for r in results]
    parts = [f'<section id="{escape(assignment)}"><h2>{escape(assignment)}</h2>',
             f"<p>{len(results)} submissions; total score: mean {statistics.mean(totals):.2f}, "
             f"median {statistics.median(totals):g}, of {max(r.max_score for r in results):g}"
             f"</p>", "<h3>Score distribution per exercise</h3>",
             _img(distribution_figure(results), f"score distribution of {assignment}")]
    rows = []
    for name in exercise_names(results):
        es = [e for r in results for e in r.exercises if e.name == name]
        rows.append([name, round(statistics.mean(e.score for e in es), 3), es[0].max_score,
                     sum(e.status == "passed" for e in es), sum(e.status == "partial" for e in es),
                     sum(e.status == "failed" for e in es)])
    parts.append(_table(["exercise", "mean", "points", "full marks", "partial", "zero"], rows,
                        "exercises"))
    if penalties is not None:
        parts += late_section(students, penalties)

    errors = sorted((ids[r.submission], r.grader_error) for r in results if r.grader_error)
    if errors:
        parts.append("<h3>Submissions the grader could not grade (grade them again)</h3>")
        parts.append(_table(["student", "grader error"], [list(e) for e in errors],
                            "grader-errors"))

    counts = mistake_counts(results)
    parts.append("<h3>Named mistakes, most frequent first (what to re-teach)</h3>")
    if counts:
        parts.append(_img(mistakes_figure(counts), f"named mistakes of {assignment}"))
        parts.append(_table(["students", "exercise", "mistake", "who"],
                            [[n, ex, msg, ", ".join(sorted(ids[s] for s in subs))]
                             for n, ex, msg, subs in counts], "mistakes"))
    else:
        parts.append("<p>No submission matched a known mistake.</p>")

    incidents = [(ids[r.submission], i) for r in results for i in r.incidents]
    parts.append("<h3>Submissions that timed out or crashed</h3>")
    if incidents:
        parts.append(_table(["student", "what", "where", "message"],
                            [[sid, i["kind"], i["where"], i["message"]]
                             for sid, i in sorted(incidents, key=lambda t: t[0])], "incidents"))
    else:
        parts.append("<p>None: no cell, statement or call hung or crashed.</p>")

    timeouts = Counter(i["where"] for _, i in incidents if i["kind"] == "timeout")
    parts.append("<h3>Exercises and cells that ran out of time most often</h3>")
    parts.append(_table(["where", "submissions"], [[w, n] for w, n in timeouts.most_common()],
                        "timeouts") if timeouts else "<p>None ran out of time.</p>")
    parts.append("<h3>Slowest exercises (seconds of the student's calls)</h3>")
    times = []
    for name in exercise_names(results):
        timed = [(e.seconds, ids[r.submission]) for r in results for e in r.exercises
                 if e.name == name]
        worst = max(timed)
        times.append([name, round(statistics.mean(t for t, _ in timed), 3), round(worst[0], 3),
                      worst[1]])
    parts.append(_table(["exercise", "mean", "longest", "longest for"],
                        sorted(times, key=lambda row: -row[1]), "slowest-exercises"))
    slowest = sorted(results, key=lambda r: -r.seconds)[:SLOWEST]
    parts.append("<h3>Slowest submissions (whole submission, seconds)</h3>")
    parts.append(_table(["student", "seconds", "score"],
                        [[ids[r.submission], round(r.seconds, 2), round(r.score, 3)]
                         for r in slowest], "slowest-submissions"))
    parts.append("</section>")
    return "\n".join(parts)


def render_report(folder: str | Path, id_from: str = "auto", id_regex: str | None = None,
                  gradebook: str | Path | None = None) -> str:
    """The HTML page for the results folder ``folder``; with ``gradebook``, nbgrader's late
    penalties applied."""
    records = records_by_student(load_records(folder), id_from, id_regex)
    penalties = late_penalty_table(records, gradebook) if gradebook else {}
    sections = [assignment_section(a, {sid: r.result for sid, r in students.items()},
                                   penalties.get(a)) for a, students in records.items()]
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Class report</title>"
            f"<style>{STYLE}</style></head><body><h1>Class report: {escape(str(folder))}</h1>\n"
            + "\n".join(sections) + "\n</body></html>\n")


def write_report(folder: str | Path, out: str | Path = "report.html", id_from: str = "auto",
                 id_regex: str | None = None, gradebook: str | Path | None = None) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(folder, id_from, id_regex, gradebook))
    return out
