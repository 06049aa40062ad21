"""Grades out of a results folder: one row per student, one column per exercise and the total.

    autograder export results/ --format csv -o grades.csv

The folder is the ``--out`` of ``autograder grade``: one ``<name>.json`` record per submission
(``{"submission_sha256", "grader_version", "result"}``); a bare result (``--format json``) is read
too, Gradescope's ``results.json`` files are skipped. The student id comes from the submission's
path (see :func:`student_id`), or, for a submission graded from nbgrader's
``submitted/<student>/<assignment>/`` tree, from the tree (the record's ``student``). With results
of several assignments in the folder, the columns are ``<assignment>:<exercise>`` and
``<assignment>:total``.

With a gradebook (``gradebook=``, see :mod:`autograder.deliver.late_penalties`), nbgrader's late
penalties are applied as nbgrader's export applies them: the columns ``raw_total`` (the kit's
score) and ``late_penalty`` come before ``total``, which is then ``max(0, raw_total -
late_penalty)``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from autograder.deliver.late_penalties import (
    DECIMALS,
    GradebookError,
    apply_penalty,
    penalty_for,
    read_penalties,
)
from autograder.engine.results import Result

ID_FROM = ("auto", "name", "folder", "regex")
RAW, PENALTY = object(), object()  # the raw total and late penalty columns of grade_rows


class ExportError(ValueError):
    """The results cannot be exported as asked; the message says why."""


@dataclass
class Record:
    """One result file: the result, and from ``autograder grade --out`` the student (from
    nbgrader's tree, else None) and the submission's absolute path (``source``)."""

    result: Result
    student: str | None = None
    source: str | None = None

    @property
    def nbgrader_assignment(self) -> str:
        """The assignment's name in nbgrader's gradebook: its folder in the tree."""
        if self.student is not None and self.source:
            return Path(self.source).parent.name
        return self.result.assignment


def load_results(folder: str | Path) -> list[Result]:
    """Every result in ``folder`` (not recursive), in file-name order."""
    return [r.result for r in load_records(folder)]


def load_records(folder: str | Path) -> list[Record]:
    """Every result record in ``folder`` (not recursive), in file-name order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no such results folder: {folder}")
    results = []
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith(".") or path.name.endswith("results.json"):
            continue  # a temporary file of an atomic write, or Gradescope's format
        try:
            data = json.loads(path.read_text())
            if "result" in data:
                results.append(Record(Result.from_dict(data["result"]), data.get("student"),
                                      data.get("source")))
            else:
                results.append(Record(Result.from_dict(data)))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ExportError(f"{path} is not a result of autograder grade ({exc!r})") from exc
    if not results:
        raise ExportError(f"{folder} holds no result: grade with --out {folder} first")
    return results


def student_id(result: Result, id_from: str = "auto", id_regex: str | None = None) -> str:
    """The student a result belongs to, from its submission's path.

    ``name``: the file name without its suffix (``alice.ipynb`` -> ``alice``); ``folder``: the
    folder holding the file, or the one above when that folder is named after the assignment
    (nbgrader's ``submitted/<student>/<assignment>/<notebook>.ipynb``); ``regex``: the group
    ``id`` of ``id_regex``, else its first group, else the whole match, searched in the path;
    ``auto``: ``folder`` for nbgrader's layout or a file named after the assignment (the release
    notebook's name says nothing of the student), ``name`` otherwise.
    """
    path = Path(result.submission)
    nbgrader_layout = path.parent.name == result.assignment and path.parent.parent.name
    if id_from == "auto":
        id_from = "folder" if nbgrader_layout or path.stem == result.assignment else "name"
    if id_from == "name":
        return path.stem
    if id_from == "folder":
        return path.parent.parent.name if nbgrader_layout else path.parent.name
    if id_from == "regex":
        if not id_regex:
            raise ExportError("--id-from regex needs --id-regex PATTERN")
        match = re.search(id_regex, str(path))
        if match is None:
            raise ExportError(f"--id-regex {id_regex!r} does not match {path}")
        if "id" in match.re.groupindex:
            return match.group("id")
        return match.group(1) if match.re.groups else match.group(0)
    raise ExportError(f"--id-from must be one of {ID_FROM}, not {id_from!r}")


def by_student(results: Iterable[Result | Record], id_from: str = "auto",
               id_regex: str | None = None) -> dict[str, dict[str, Result]]:
    """assignment -> student id -> result; two submissions with one id are an error."""
    return {a: {sid: r.result for sid, r in students.items()}
            for a, students in records_by_student(results, id_from, id_regex).items()}


def records_by_student(results: Iterable[Result | Record], id_from: str = "auto",
                       id_regex: str | None = None) -> dict[str, dict[str, Record]]:
    """assignment -> student id -> record, assignments in the registry's order. The id is the
    record's student (from nbgrader's tree) with ``id_from="auto"``, else from the path."""
    table: dict[str, dict[str, Record]] = {}
    for record in results:
        record = record if isinstance(record, Record) else Record(record)
        result = record.result
        if id_from == "auto" and record.student is not None:
            sid = record.student
        else:
            sid = student_id(result, id_from, id_regex)
        other = table.setdefault(result.assignment, {}).get(sid)
        if other is not None:
            raise ExportError(
                f"two submissions of {result.assignment} give the student id {sid!r}: "
                f"{other.result.submission} and {result.submission}; choose the id with "
                f"--id-from (name, folder) or --id-from regex --id-regex PATTERN")
        table[result.assignment][sid] = record
    from autograder.course.registry import assignment_names

    order = {name: i for i, name in enumerate(assignment_names())}
    return dict(sorted(table.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def exercise_names(results) -> list[str]:
    """The exercises of these results, in the order the results list them."""
    return list(dict.fromkeys(e.name for r in results for e in r.exercises))


#: the column saying why the grader could not grade a submission (empty when it could)
GRADER_ERROR_COLUMN = object()


def _number(x: float) -> str:
    """Points as the kit writes them: at most DECIMALS decimals, no trailing zeros."""
    return f"{round(x, DECIMALS):.{DECIMALS}f}".rstrip("0").rstrip(".")


def late_penalty_table(table: dict[str, dict[str, Record]],
                       gradebook: str | Path) -> dict[str, dict[str, float]]:
    """assignment -> student id -> nbgrader's late penalty, from ``gradebook`` (see
    :mod:`autograder.deliver.late_penalties`); ExportError for a submission it lacks."""
    try:
        stored = read_penalties(gradebook)
        return {a: {sid: penalty_for(stored, r.nbgrader_assignment, sid)
                    for sid, r in students.items()} for a, students in table.items()}
    except GradebookError as exc:
        raise ExportError(str(exc)) from exc


def grade_rows(table: dict[str, dict[str, Result]],
               penalties: dict[str, dict[str, float]] | None = None,
               ) -> tuple[list[str], list[list[str]]]:
    """The header and one row per student (sorted), for :func:`export_csv`; with
    ``penalties`` (:func:`late_penalty_table`), ``raw_total`` and ``late_penalty`` columns and
    the total after the penalty; an assignment with a submission the grader could not grade
    gets a "grader error" column saying why."""
    several = len(table) > 1
    header, columns = ["student"], []
    for assignment, results in table.items():
        prefix = f"{assignment}:" if several else ""
        for name in exercise_names(results.values()):
            header.append(prefix + name)
            columns.append((assignment, name))
        if penalties is not None:
            header += [prefix + "raw_total", prefix + "late_penalty"]
            columns += [(assignment, RAW), (assignment, PENALTY)]
        header.append(prefix + "total")
        columns.append((assignment, None))
        if any(r.grader_error for r in results.values()):
            header.append(prefix + "grader error")
            columns.append((assignment, GRADER_ERROR_COLUMN))
    rows = []
    for sid in sorted({s for results in table.values() for s in results}):
        row = [sid]
        for assignment, name in columns:
            result = table[assignment].get(sid)
            penalty = penalties[assignment][sid] if penalties and result else 0.0
            if result is None:
                row.append("")
            elif name is None:
                row.append(_number(apply_penalty(result.score, penalty)))
            elif name is RAW:
                row.append(_number(result.score))
            elif name is PENALTY:
                row.append(_number(penalty))
            elif name is GRADER_ERROR_COLUMN:
                row.append(result.grader_error)
            else:
                scores = {e.name: e.score for e in result.exercises}
                row.append(_number(scores[name]) if name in scores else "")
        rows.append(row)
    return header, rows


def export_csv(folder: str | Path, id_from: str = "auto", id_regex: str | None = None,
               gradebook: str | Path | None = None) -> str:
    """The CSV text of the grades in the results folder ``folder``; with ``gradebook``,
    nbgrader's late penalties applied."""
    records = records_by_student(load_records(folder), id_from, id_regex)
    penalties = late_penalty_table(records, gradebook) if gradebook else None
    table = {a: {sid: r.result for sid, r in students.items()} for a, students in records.items()}
    header, rows = grade_rows(table, penalties)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
