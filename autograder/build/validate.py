"""Prove the grader right on known answers, through the same sandbox students go through.

For each assignment: the reference solution must score full marks; the untouched stub must score
zero, with every exercise saying it is not implemented, without crashing the grader; and a
submission carrying each known mistake must lose points on that exercise and be diagnosed as that
mistake; and every failed check of these must say why (in JSON, Gradescope and the feedback).
In the students' check cells, in process: each known mistake shows ✗ and is named, and each
exercise shows a fixed and an edge case (:mod:`autograder.build.check_cells`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder.build.check_cells import check_cell_verdicts, missing_groups
from autograder.course.expected import expected_table
from autograder.course.registry import declared_assignment
from autograder.course.sources import solution_module, strip_markers, stub_module
from autograder.course.spec import resolve
from autograder.engine.grading import grade
from autograder.engine.report.reasons import unexplained_failures
from autograder.engine.sandbox.runner import Sandbox


@dataclass
class Finding:
    ok: bool
    what: str
    detail: str = ""


def check_assignment(name: str) -> list[Finding]:
    assignment = declared_assignment(name)
    table = expected_table(assignment)
    findings: list[Finding] = []
    with tempfile.TemporaryDirectory() as tmp, \
            Sandbox(tensorflow=assignment.uses_tensorflow) as sandbox:

        def run(label: str, source: str):
            path = Path(tmp) / f"{label}.py"
            path.write_text(source)
            return grade(path, assignment, sandbox=sandbox, table=table)

        ref = run("reference", strip_markers(solution_module(assignment)))
        lost = [f"{e.name} {e.score:g}/{e.max_score:g}: {e.feedback}" for e in ref.exercises
                if e.score != e.max_score]
        findings.append(Finding(not lost and ref.score == ref.max_score,
                                f"{name}: reference scores {ref.score:g}/{ref.max_score:g}",
                                "\n".join(lost)))

        stub = run("stub", stub_module(assignment))
        silent = [f"stub: {f}" for f in unexplained_failures(stub)]
        unexplained = [e.name for e in stub.exercises
                       if "not implemented" not in e.feedback]
        findings.append(Finding(stub.score == 0 and not unexplained,
                                f"{name}: untouched stub scores {stub.score:g}",
                                f"exercises without a 'not implemented' message: {unexplained}"
                                if unexplained else ""))

        for exercise in assignment.exercises:
            for mistake in exercise.mistakes:
                source = solution_module(
                    assignment, replace={exercise.name: resolve(mistake.implementation)})
                whole = run(f"mistake-{exercise.name}", source)
                silent += [f"{mistake.name}: {f}" for f in unexplained_failures(whole)]
                result = whole.exercise(exercise.name)
                problems = []
                if result.score >= result.max_score:
                    problems.append("earns full marks")
                if result.diagnosis != mistake.message:
                    problems.append(f"diagnosed as {result.diagnosis!r}")
                findings.append(Finding(
                    not problems,
                    f"{name}.{exercise.name}: mistake '{mistake.name}' loses "
                    f"{result.max_score - result.score:g} points and is named",
                    "; ".join(problems)))
        findings.append(Finding(not silent, f"{name}: every failed check says why",
                                "\n".join(silent[:20])))
    findings += check_cell_findings(name)
    return findings


def check_cell_findings(name: str) -> list[Finding]:
    """The rule "a mistake the grader penalises shows ✗ in the notebook", for one assignment."""
    assignment = declared_assignment(name)
    findings = []
    for exercise in assignment.exercises:
        missing = missing_groups(exercise)
        findings.append(Finding(
            not missing, f"{name}.{exercise.name}: the check cell shows fixed and edge cases",
            f"no visible case in the group(s) {missing}: mark a small case of each visible=True"
            if missing else ""))
    for verdict in check_cell_verdicts(assignment):
        findings.append(Finding(
            verdict.ok, f"{name}.{verdict.exercise}: mistake '{verdict.mistake}' shows ✗ in the "
            "check cell and is named", verdict.problem))
    return findings


def authoring_findings(name: str) -> list[Finding]:
    """The authoring rules (:mod:`autograder.build.rules`): one finding per exercise and one for
    the assignment's wiring, each failure with its fixes."""
    from autograder.build.alternatives import alternative_failures
    from autograder.build.rules import assignment_problems

    problems = assignment_problems(name)
    if not problems:  # the cases build and the references run: the alternatives can be run
        problems = alternative_failures(name)
    try:
        exercises = [""] + [e.name for e in declared_assignment(name).exercises]
    except Exception:  # noqa: BLE001 (the declarations do not import: the problems say why)
        exercises = [""]
    exercises += sorted({p.exercise for p in problems} - set(exercises))
    return [Finding(not mine, f"{name}.{exercise}: follows the authoring rules" if exercise
                    else f"{name}: declaration modules registered, teaching text matches",
                    "\n".join(mine))
            for exercise in exercises
            for mine in [[p.message for p in problems if p.exercise == exercise]]]


def generated_findings(names: list[str]) -> list[Finding]:
    """Whether every generated file of ``names`` is what ``autograder regenerate`` writes."""
    from autograder.build.regenerate import regenerate

    stale = regenerate(names, check=True)
    return [Finding(not stale, f"{', '.join(names)}: generated files are up to date",
                    "\n".join(s.message for s in stale))]


def validate(names: list[str], verbose: bool = True) -> bool:
    ok = True
    for name in names:
        authoring = authoring_findings(name)
        graded = (check_assignment(name) if all(f.ok for f in authoring) else
                  [Finding(False, f"{name}: grading checks skipped",
                           "The grading checks run once the rules above hold: fix what they say, "
                           "then run autograder validate again.")])
        for finding in authoring + graded + (
                generated_findings([name]) if all(f.ok for f in authoring) else []):
            ok &= finding.ok
            if verbose or not finding.ok:
                print(("ok    " if finding.ok else "FAIL  ") + finding.what)
                if finding.detail and not finding.ok:
                    print("      " + finding.detail.replace("\n", "\n      "))
    print("validate: " + ("every check passed" if ok else "some checks FAILED"))
    return ok
