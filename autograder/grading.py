"""Grade one submission: run it in the sandbox, compare outside it, score, explain.

``grade(path, assignment)`` is the Python API the CLI calls. The comparison of each output, the
check groups, the diagnosis of known mistakes and the messages are decided here, in the grader's
process, from the expected table and the decoded outputs.
"""

from __future__ import annotations

import difflib
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from autograder.expected import CaseRecord, ExpectedTable, expected_table
from autograder.registry import get_assignment
from autograder.results import Check, ExerciseResult, Result
from autograder.sandbox.runner import CallOutcome, Limits, RunOutcome, Sandbox
from autograder.scoring import split_points, total
from autograder.spec import GROUPS, Assignment, Exercise
from autograder.submission import Submission, SubmissionError, load_submission
from course_lib.compare import Mismatch, compare_named, matches_mistake

STRUCTURE_KINDS = ("type", "shape", "keys", "length")


@dataclass
class CaseVerdict:
    record: CaseRecord
    outcome: CallOutcome
    mismatches: list[Mismatch]
    problem: str  # "" when the case passed

    @property
    def passed(self) -> bool:
        return not self.problem


def build_job(submission: Submission, table: ExpectedTable, assignment: Assignment):
    """The job for the sandbox, and which call id belongs to which (exercise, case index)."""
    calls, index = [], {}
    for exercise in assignment.exercises:
        for i, record in enumerate(table.records[exercise.name]):
            call_id = len(calls)
            calls.append({"id": call_id, "function": exercise.name, "inputs": record.inputs,
                          "rng_seed": record.case.rng_seed})
            index[(exercise.name, i)] = call_id
    units = [{"label": u.label, "source": u.source, "filename": u.filename}
             for u in submission.units]
    module_name = "__main__" if submission.kind == "notebook" else "__submission__"
    return {"units": units, "calls": calls, "module_name": module_name}, index


def _error_problem(exercise: Exercise, error: dict, defined: set[str]) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        close = difflib.get_close_matches(exercise.name, sorted(defined), n=1)
        hint = f" (there is a function called {close[0]!r}: check the name)" if close else ""
        return (f"{exercise.name} is not defined in the submission{hint}; if a cell defines "
                f"it, that cell failed or was not saved")
    if kind == "NotImplementedError":
        return "not implemented yet: the function still raises NotImplementedError"
    if kind in ("timeout", "crash"):
        return error.get("message", kind)
    if kind == "not callable":
        return f"{exercise.name} is not a function (it is a {error.get('message')})"
    if kind == "unreadable output":
        return f"its output could not be read: {error.get('message')}"
    where = f" at {error['where']}" if error.get("where") else ""
    message = error.get("message", "")
    return f"raised {kind}{where}: {message}" if message else f"raised {kind}{where}"


def judge_case(exercise: Exercise, record: CaseRecord, outcome: CallOutcome,
               defined: set[str]) -> CaseVerdict:
    """Compare one call's outcome with the expected output."""
    if outcome.error is not None:
        return CaseVerdict(record, outcome, [], _error_problem(exercise, outcome.error, defined))
    mismatches = compare_named(exercise.returns, record.expected, outcome.output,
                                exercise.tolerance_for(record.case))
    if not mismatches:
        return CaseVerdict(record, outcome, [], "")
    first = mismatches[0]
    problem = first.message
    if record.case.visible and first.detail:
        problem += "\n" + first.detail
    if len(mismatches) > 1:
        problem += f"\n(and {len(mismatches) - 1} more differences in this case)"
    return CaseVerdict(record, outcome, mismatches, problem)


def _group_message(verdicts: list[CaseVerdict]) -> str:
    failed = [v for v in verdicts if not v.passed]
    if not failed:
        return f"all {len(verdicts)} cases pass"
    v = failed[0]
    shown = "" if v.record.case.visible else "hidden "
    text = f"{shown}case '{v.record.case.label}': {v.problem}"
    if v.record.case.visible and v.record.shown_inputs:
        text += "\ninputs:\n  " + v.record.shown_inputs.replace("\n", "\n  ")
    if len(failed) > 1:
        text += f"\n{len(failed) - 1} more of the {len(verdicts)} cases in this group fail"
    return text


def diagnose(exercise: Exercise, verdicts: list[CaseVerdict]) -> str | None:
    """The message of the first known mistake that explains every completed output."""
    completed = [v for v in verdicts if v.outcome.error is None]
    if not completed or all(v.passed for v in verdicts):
        return None
    for mistake in exercise.mistakes:
        cases = [(v.record.expected, v.record.mistakes.get(mistake.name), v.outcome.output,
                  exercise.tolerance_for(v.record.case)) for v in completed]
        if matches_mistake(cases):
            return mistake.message
    return None


def score_exercise(exercise: Exercise, records: list[CaseRecord], run: RunOutcome,
                   index: dict) -> ExerciseResult:
    """Check groups, points and feedback of one exercise."""
    verdicts = [judge_case(exercise, r, run.calls.get(index[(exercise.name, i)],
                                                        CallOutcome(error={"type": "crash",
                                                                           "message": "not run"})),
                           run.defined)
                for i, r in enumerate(records)]
    by_group: dict[str, list[CaseVerdict]] = {}
    for v in verdicts:
        by_group.setdefault(v.record.case.group, []).append(v)
    shares = split_points(exercise.points, ["shapes", *by_group])
    checks = []
    for group in GROUPS:
        if group not in shares:
            continue
        if group == "shapes":
            passed, message = _shapes_check(verdicts)
        else:
            passed = all(v.passed for v in by_group[group])
            message = _group_message(by_group[group])
        visible = group == "shapes" or all(v.record.case.visible for v in by_group[group])
        checks.append(Check(GROUPS[group], passed, shares[group] if passed else 0.0,
                            shares[group], message, visible))
    message = ""
    problems = {v.problem for v in verdicts}
    if len(problems) == 1 and all(v.outcome.error is not None for v in verdicts):
        message = verdicts[0].problem  # the same error everywhere: say it once
        for check in checks:
            check.message = ""
    seconds = sum(run.call_seconds.get(index[(exercise.name, i)], 0.0)
                  for i in range(len(records)))
    return ExerciseResult(exercise.name, total(c.score for c in checks), exercise.points,
                          checks, diagnose(exercise, verdicts), exercise.summary, message,
                          round(seconds, 3))


def _shapes_check(verdicts: list[CaseVerdict]) -> tuple[bool, str]:
    """Passes when every case returned, with no difference of type, length, keys or shape."""
    for v in verdicts:
        if v.outcome.error is not None:
            return False, f"case '{v.record.case.label}': {v.problem}"
        wrong = [m for m in v.mismatches if m.kind in STRUCTURE_KINDS]
        if wrong:
            return False, f"case '{v.record.case.label}': {wrong[0].message}"
    return True, f"all {len(verdicts)} cases return the right types and shapes"


def zero_result(assignment: Assignment, submission: str, reason: str) -> Result:
    """A result with no points, for a submission that cannot be read at all."""
    exercises = []
    for e in assignment.exercises:
        checks = [Check(GROUPS[g], False, 0.0, pts, visible=g in ("shapes", "fixed"))
                  for g, pts in split_points(e.points, ["shapes", "fixed", "random",
                                                        *(["tensorflow"] if e.tensorflow else []),
                                                        "edge"]).items()]
        exercises.append(ExerciseResult(e.name, 0.0, e.points, checks, None, e.summary, reason))
    return Result(assignment.name, submission, 0.0, assignment.max_score, exercises, [reason])


def grade_loaded(submission: Submission, assignment: Assignment, table: ExpectedTable,
                 sandbox: Sandbox) -> Result:
    """Grade an already-read submission with a running sandbox."""
    started = time.monotonic()
    job, index = build_job(submission, table, assignment)
    run = sandbox.run(job)
    exercises = [score_exercise(e, table.records[e.name], run, index)
                 for e in assignment.exercises]
    notes = list(submission.notes)
    for i, unit in enumerate(submission.units):
        outcome = run.units.get(i)
        if outcome is not None and outcome.error is not None:
            err = outcome.error
            where = f" ({err['where']})" if err.get("where") else ""
            notes.append(f"{unit.label} failed{where}: {err['type']}: {err['message']}".rstrip(": "))
    return Result(assignment.name, str(submission.path), total(e.score for e in exercises),
                  assignment.max_score, exercises, notes, round(time.monotonic() - started, 3),
                  isolation=list(run.notes), incidents=incidents(submission, run, job))


def incidents(submission: Submission, run: RunOutcome, job: dict) -> list[dict]:
    """The cells, statements and functions that hung or crashed (the first per function)."""
    found = []
    for i, unit in enumerate(submission.units):
        error = getattr(run.units.get(i), "error", None) or {}
        if error.get("type") in ("timeout", "crash"):
            found.append({"kind": error["type"], "where": unit.label, "message": error["message"]})
    seen = set()
    for call in job["calls"]:
        error = getattr(run.calls.get(call["id"]), "error", None) or {}
        if error.get("type") in ("timeout", "crash") and call["function"] not in seen:
            seen.add(call["function"])
            found.append({"kind": error["type"], "where": call["function"],
                          "message": error["message"]})
    return found


def grade(path: str | Path, assignment: str | Assignment, *, limits: Limits = Limits(),
          execute: str = "definitions", sandbox: Sandbox | None = None,
          table: ExpectedTable | None = None) -> Result:
    """Grade one submission (``.ipynb`` or ``.py``) and return its :class:`Result`.

    A submission that cannot be read scores zero with a message saying why; nothing a submission
    does raises here.
    """
    if isinstance(assignment, str):
        assignment = get_assignment(assignment)
    table = table or expected_table(assignment)
    try:
        submission = load_submission(path, execute)
    except SubmissionError as exc:
        return zero_result(assignment, str(path), str(exc))
    if sandbox is not None:
        return grade_loaded(submission, assignment, table, sandbox)
    with Sandbox(tensorflow=assignment.uses_tensorflow, limits=limits,
                 protected=protected_paths([path])) as own:
        return grade_loaded(submission, assignment, table, own)


def protected_paths(submission_paths) -> list[str]:
    """What the student's process must not see: the kit's reference code, its tests and source
    notebooks, its git history, the expected-value cache, and the folders holding the
    submissions."""
    from autograder.expected import KIT_ROOT, default_cache_dir

    paths = [KIT_ROOT / "solutions", KIT_ROOT / "autograder" / "exercises", KIT_ROOT / "tests",
             KIT_ROOT / "assignments", KIT_ROOT / "examples", KIT_ROOT / ".git",
             default_cache_dir()]
    # A folder that holds the kit, Python or the temporary directory (where the student's working
    # directory is made) cannot be hidden; submissions kept there are not protected from each other.
    needed = [KIT_ROOT, Path(sys.prefix).resolve(), Path(tempfile.gettempdir()).resolve()]
    for p in submission_paths:
        folder = Path(p).resolve()
        folder = folder if folder.is_dir() else folder.parent
        if not any(n == folder or n.is_relative_to(folder) for n in needed):
            paths.append(folder)
    return [str(p) for p in dict.fromkeys(Path(p).resolve() for p in paths)]
