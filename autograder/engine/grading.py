"""Grade one submission: run it in the sandbox, compare outside it, score, explain.

``grade(path, assignment)`` is the Python API the CLI calls. The comparison of each output, the
check groups, the diagnosis of known mistakes and the messages are decided here, in the grader's
process, from the expected table and the decoded outputs.
"""

from __future__ import annotations

import difflib
import functools
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from autograder.course.expected import CaseRecord, ExpectedTable, expected_table
from autograder.course.registry import get_assignment
from autograder.course.spec import GROUPS, Assignment, Exercise
from autograder.engine.calls import GradedCall, add_calls, cache_keys_hint, forward_of, graded_calls
from autograder.engine.results import Check, ExerciseResult, Result
from autograder.engine.sandbox.runner import CallOutcome, Limits, RunOutcome, Sandbox
from autograder.engine.scoring import split_points, total
from autograder.engine.submission import Submission, SubmissionError, load_submission
from course_lib.compare import Mismatch, compare, compare_named, matches_mistake
from course_lib.errors import RaisedAt, raised_sentence

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
        add_calls(calls, index, exercise, table.records[exercise.name],
                  forward_of(assignment, exercise))
    units = [{"label": u.label, "source": u.source, "filename": u.filename}
             for u in submission.units]
    module_name = "__main__" if submission.kind == "notebook" else "__submission__"
    return {"units": units, "calls": calls, "module_name": module_name}, index


def _error_problem(exercise: Exercise, error: dict, defined: set[str]) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        close = _similar_name(exercise.name, frozenset(defined))
        hint = f" (there is a function called {close[0]!r}: check the name)" if close else ""
        return (f"{exercise.name} is not defined in the submission{hint}; if a cell defines "
                f"it, that cell failed or was not saved")
    if kind == "NotImplementedError":
        return "not implemented yet: the function still raises NotImplementedError"
    if kind in ("timeout", "crash"):
        return error.get("message") or f"its process stopped ({kind}) during this call"
    if kind == "not callable":
        return f"{exercise.name} is not a function (it is a {error.get('message')})"
    if kind == "chain":
        return f"it could not be given the cache of your own forward: {error.get('message')}"
    if kind == "unreadable output":
        return f"its output could not be read: {error.get('message')}"
    return raised_sentence(kind, error.get("message", ""), _raised_at(error))


def _raised_at(error: dict) -> RaisedAt | None:
    """Where the learner's code raised, from the sandbox's report (untrusted text)."""
    line = str(error.get("line", ""))
    if not error.get("function") or not line.isdigit():
        return None
    return RaisedAt(str(error["function"])[:100], int(line), str(error.get("code", "")))


#: the most names the "did you mean" suggestion compares (of a length near the exercise's)
SUGGESTION_NAMES = 200


@functools.lru_cache(maxsize=64)
def _similar_name(name: str, defined: frozenset) -> list[str]:
    """At most one defined name close to ``name``; bounded work whatever ``defined`` holds."""
    near = sorted(n for n in defined if abs(len(n) - len(name)) <= max(3, len(name) // 3))
    return difflib.get_close_matches(name, near[:SUGGESTION_NAMES], n=1)


def judge_case(exercise: Exercise, record: CaseRecord, outcome: CallOutcome | GradedCall,
               defined: set[str], forward: Exercise | None = None) -> CaseVerdict:
    """Compare one call's outcome with the expected output."""
    call = outcome if isinstance(outcome, GradedCall) else GradedCall(outcome)
    outcome = call.outcome
    if outcome.error is not None:
        problem = _error_problem(exercise, outcome.error, defined)
        if outcome.error.get("type") == "KeyError":
            hint = cache_keys_hint(call, forward, outcome.error.get("message", ""))
            problem += f"; {hint}" if hint else ""
        return CaseVerdict(record, outcome, [], problem)
    mismatches = compare_named(exercise.returns, record.expected, outcome.output,
                                exercise.tolerance_for(record.case), exercise.items)
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
    if v.record.case.visible:
        text = f"case '{v.record.case.label}': {v.problem}"
    else:
        text = f"hidden case '{v.record.case.label}': {v.problem}"
    if v.record.case.visible and v.record.shown_inputs:
        text += "\nThe inputs of this case:\n  " + v.record.shown_inputs.replace("\n", "\n  ")
    if len(failed) > 1:
        text += f"\n{len(failed) - 1} more of the {len(verdicts)} cases in this group fail"
    return text


#: errors that are the student's code raising (not the sandbox stopping it, nor a missing name)
_NOT_RAISED = ("missing", "not callable", "timeout", "crash", "unreadable output", "chain",
               "NotImplementedError")


def diagnose(exercise: Exercise, verdicts: list[CaseVerdict]) -> str | None:
    """The message of the first known mistake that explains every completed output.

    A mistake that raises on some cases (the course's shuffle reshapes Y to one row, which fails
    on several label rows) also explains a function that raises on exactly those cases and agrees
    with it on all the others.
    """
    completed = [v for v in verdicts if v.outcome.error is None]
    if not completed or all(v.passed for v in verdicts):
        return None
    raised = [v for v in verdicts if v.outcome.error is not None]
    student_raised = all(v.outcome.error.get("type") not in _NOT_RAISED for v in raised)
    for mistake in exercise.mistakes:
        cases = [(v.record.expected, v.record.mistakes.get(mistake.name), v.outcome.output,
                  exercise.tolerance_for(v.record.case)) for v in completed]
        if not raised and matches_mistake(cases):
            return mistake.message
        if raised and student_raised and _raises_like(mistake.name, raised, cases):
            return mistake.message
    return None


def _raises_like(mistake: str, raised: list[CaseVerdict], completed_cases) -> bool:
    """The mistake raised on every case the student's function raised on, and agrees with it on
    the others (where the mistake returned)."""
    if any(v.record.mistakes.get(mistake, 0) is not None for v in raised):
        return False
    return all(produced is not None and not compare(produced, got, tol)
               for _, produced, got, tol in completed_cases)


def score_exercise(exercise: Exercise, records: list[CaseRecord], run: RunOutcome,
                   index: dict, forward: Exercise | None = None) -> ExerciseResult:
    """Check groups, points and feedback of one exercise.

    ``forward`` is the exercise whose cache this one takes (``Exercise.cache_from``), if any: its
    cases are then graded on the student's own forward cache where that forward is right (see
    :mod:`autograder.engine.calls`).
    """
    verdicts = [_case_verdict(exercise, forward, r, i, run, index)
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
        message = verdicts[0].problem  # the same error everywhere: the exercise's message too
    seconds = sum(run.call_seconds.get(index[(exercise.name, i)], 0.0)
                  for i in range(len(records)))
    return ExerciseResult(exercise.name, total(c.score for c in checks), exercise.points,
                          checks, diagnose(exercise, verdicts), exercise.summary, message,
                          round(seconds, 3))


#: the groups of ordinary inputs, on which the function must return for the shapes check to pass
ORDINARY_GROUPS = ("fixed", "random")


def _case_verdict(exercise: Exercise, forward: Exercise | None, record: CaseRecord, i: int,
                  run: RunOutcome, index: dict) -> CaseVerdict:
    """The verdict of the first graded call that passes, else of the preferred one."""
    verdicts = [judge_case(exercise, record, call, run.defined, forward)
                for call in graded_calls(exercise, forward, record, i, run, index)]
    return next((v for v in verdicts if v.passed), verdicts[0])


def _shapes_check(verdicts: list[CaseVerdict]) -> tuple[bool, str]:
    """Passes when the function returned on every fixed and random case, and every output it
    returned (on any case) has no difference of type, length, keys or shape.

    A function that raises on an edge or TensorFlow case loses that group only.
    """
    for v in verdicts:
        if v.outcome.error is not None and v.record.case.group in ORDINARY_GROUPS:
            return False, f"case '{v.record.case.label}': {v.problem}"
    for v in verdicts:
        wrong = [m for m in v.mismatches if m.kind in STRUCTURE_KINDS]
        if wrong:
            return False, f"case '{v.record.case.label}': {wrong[0].message}"
    returned = sum(v.outcome.error is None for v in verdicts)
    if returned == len(verdicts):
        return True, f"all {len(verdicts)} cases return the right types and shapes"
    return True, (f"the {returned} cases it returned on have the right types and shapes "
                  f"({len(verdicts) - returned} edge or TensorFlow cases raised: see their group)")


def zero_result(assignment: Assignment, submission: str, reason: str) -> Result:
    """A result with no points, for a submission that cannot be read at all."""
    exercises = []
    for e in assignment.exercises:
        checks = [Check(GROUPS[g], False, 0.0, pts, reason, visible=g in ("shapes", "fixed"))
                  for g, pts in split_points(e.points, ["shapes", "fixed", "random",
                                                        *(["tensorflow"] if e.tensorflow else []),
                                                        "edge"]).items()]
        exercises.append(ExerciseResult(e.name, 0.0, e.points, checks, None, e.summary, reason))
    return Result(assignment.name, submission, 0.0, assignment.max_score, exercises, [reason])


GRADER_ERROR = "The grader could not grade this submission: {error}. An instructor can grade it again."


def grader_error_result(assignment: Assignment, submission: str, exc: BaseException) -> Result:
    """The result of a submission on which the grader itself failed: no points, flagged."""
    reason = GRADER_ERROR.format(error=f"{type(exc).__name__}: {str(exc)[:500]}")
    result = zero_result(assignment, submission, reason)
    result.grader_error = reason
    return result


def grade_loaded(submission: Submission, assignment: Assignment, table: ExpectedTable,
                 sandbox: Sandbox) -> Result:
    """Grade an already-read submission with a running sandbox."""
    started = time.monotonic()
    job, index = build_job(submission, table, assignment)
    run = sandbox.run(job)
    exercises = [score_exercise(e, table.records[e.name], run, index, forward_of(assignment, e))
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
    does raises here. Whatever fails in the grader while it grades the submission becomes its
    result, flagged (``Result.grader_error``); ``sandbox`` is then closed, so that the next
    submission gets a fresh launcher.
    """
    if isinstance(assignment, str):
        assignment = get_assignment(assignment)
    table = table or expected_table(assignment)
    try:
        submission = load_submission(path, execute)
    except SubmissionError as exc:
        return zero_result(assignment, str(path), str(exc))
    try:
        if sandbox is not None:
            return grade_loaded(submission, assignment, table, sandbox)
        with Sandbox(tensorflow=assignment.uses_tensorflow, limits=limits,
                     protected=protected_paths([path])) as own:
            return grade_loaded(submission, assignment, table, own)
    except Exception as exc:  # noqa: BLE001 (one submission's failure stops no other)
        discard(sandbox)
        return grader_error_result(assignment, str(path), exc)


def discard(sandbox: Sandbox | None) -> None:
    """Close ``sandbox`` after a grader error (its next job starts a fresh launcher)."""
    if sandbox is None:
        return
    try:
        sandbox.close()
    except Exception:  # noqa: BLE001 (already reported as the submission's grader error)
        pass


def protected_paths(submission_paths) -> list[str]:
    """What the student's process must not see: the kit's reference code, its tests and source
    notebooks, its git history, the expected-value cache, and the folders holding the
    submissions."""
    from autograder.course.expected import KIT_ROOT, default_cache_dir

    paths = [KIT_ROOT / "solutions", KIT_ROOT / "autograder" / "course" / "exercises", KIT_ROOT / "tests",
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
