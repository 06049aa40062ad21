"""The hostile corpus under ``nbgrader autograde`` with the course's configuration (KitExecute).

A tiny course in a temporary folder (the kit's ``nbgrader_config.py`` with the limits of the CLI
test, one notebook with the imports cell and, for three fast exercises, the solution, check and
hidden test cells), one student per case plus a correct student, a stub student and the
nbgrader-only cheats below, ONE autograde run for all; then the gradebook must hold, for every
case, exactly the scores ``autograder grade`` gives it (``tests/hostile/test_hostile_cli.py``),
and its hidden test cells the message a student understands.

Each hostile function goes into its target's solution cell; a case's module-level code (``top``)
goes into a cell of the student's own after the imports: under nbgrader's own Execute that cell
would run in the kernel that also runs the hidden tests (replacing the kit's ``score``, faking
the grader process, reading the cache from disk all earned points there). With KitExecute no
kernel runs: every cell runs in the kit's sandbox and every value nbgrader reads is written by
the grader. Broken files are submitted as the notebook itself.

The cheats that only make sense under nbgrader: outputs typed into the notebook's JSON (a score
as every test cell's value, an error-free stream), and a cell that tries to rewrite the course's
files (the autograded notebooks, the gradebook) while grading runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, sandbox_processes
from corpus import (
    ASSIGNMENT,
    ATTACKED,
    CASES,
    ITEM_SECONDS,
    POINTS,
    hostile_function,
    render,
    render_text,
)

from autograder.build.notebooks import COURSE_DIR, _meta, exercise_cells
from autograder.course.sources import assignment_imports, strip_markers
from autograder.deliver.nbgrader import KitExecute
from autograder.deliver.nbgrader.overwrite_cells import NOT_RUN

# if autograde ever hangs on a case, fail instead of hanging the suite
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

NAME = "hostile"  # the nbgrader assignment; its hidden test cells grade optimization_methods
NB_CASES = [c for c in CASES if c.on_nbgrader and (ROOT or not c.needs_root)]
#: the limits of the CLI test (test_hostile_cli.LIMITS), so that both paths must agree exactly
LIMITS = {"time_limit": 12, "item_time_limit": ITEM_SECONDS, "memory_limit": 1024**3}
HANGING = {"infinite_loop", "long_sleep", "fork_loop", "memory_bomb", "loop_at_import",
           "channel_stall"}

FAKE_OUTPUTS = "fake_outputs_in_json"
REWRITE_COURSE = "rewrite_course_files"
REWRITE_CELL = """\
import glob, json, os
for path in glob.glob("@COURSE@/**/*.ipynb", recursive=True) + ["@COURSE@/gradebook.db"]:
    try:
        os.chmod(path, 0o666)
        with open(path, "w") as f:
            f.write("{}")
    except OSError:
        pass
"""


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    # nbgrader runs `alembic` from PATH when it creates a gradebook
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]
    return done


def source_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                  "language": "python"},
                   "language_info": {"name": "python"}}
    imports = nbformat.v4.new_code_cell(
        (assignment_imports(ASSIGNMENT) + "from course_lib.checks import check").rstrip("\n"),
        metadata=_meta("imports"))
    imports.id = "imports"
    nb.cells.append(imports)
    for name in ATTACKED:
        nb.cells += exercise_cells(ASSIGNMENT, ASSIGNMENT.exercise(name))
    return nb


def solution_sources(nb: nbformat.NotebookNode) -> dict[str, str]:
    return {c.metadata["nbgrader"]["grade_id"]: strip_markers(c.source).rstrip("\n")
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")}


def student(release, solutions: dict[str, str], case, env: dict) -> nbformat.NotebookNode:
    """The released notebook answered correctly, but for what ``case`` does."""
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            cell.source = solutions[grade_id]
            if case is not None and case.target and grade_id == case.target:
                cell.source = render_text(hostile_function(case), env)
    if case is not None and case.top:
        nb.cells.insert(1, nbformat.v4.new_code_cell(render_text(textwrap.dedent(case.top), env)))
    return nb


def is_test(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


@dataclass
class Course:
    path: Path
    students: list[str]
    wall: float
    leftovers: list[str]
    planted: list[str]
    planted_later: list[str]
    connections: int
    untouched: dict[str, bytes]  # autograded notebooks of others, read before REWRITE_COURSE ran


@pytest.fixture(scope="module")
def course(tmp_path_factory, watch) -> Course:
    path = tmp_path_factory.mktemp("course")
    config = (COURSE_DIR / "nbgrader_config.py").read_text()
    config += "".join(f"\nc.KitExecute.{k} = {v!r}" for k, v in LIMITS.items()) + "\n"
    (path / "nbgrader_config.py").write_text(config)
    source = source_notebook()
    (path / "source" / NAME).mkdir(parents=True)
    nbformat.write(source, path / "source" / NAME / f"{NAME}.ipynb")
    nbgrader(path, "generate_assignment", NAME, "--force")
    release = nbformat.read(path / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    solutions = solution_sources(source)
    env = {**watch.env, "COURSE": str(path)}
    students = {"correct": student(release, solutions, None, env),
                "stub": nbformat.from_dict(release)}
    fake = nbformat.from_dict(release)
    for cell in fake.cells:
        if is_test(cell):
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="5 / 5 points"),
                            nbformat.v4.new_output("execute_result", execution_count=1, data={
                                "text/plain": str(cell.metadata.nbgrader["points"])})]
    students[FAKE_OUTPUTS] = fake
    rewrite = student(release, solutions, None, env)
    rewrite.cells.insert(1, nbformat.v4.new_code_cell(render_text(REWRITE_CELL, env)))
    students["zz_" + REWRITE_COURSE] = rewrite  # graded last: the others' files exist by then
    files = {}
    for case in NB_CASES:
        files[case.name] = (render(case, env) if case.content is not None else
                            nbformat.writes(student(release, solutions, case, env)))
    files.update({name: nbformat.writes(nb) for name, nb in students.items()})
    for name, data in files.items():
        folder = path / "submitted" / name / NAME
        folder.mkdir(parents=True)
        target = folder / f"{NAME}.ipynb"
        target.write_bytes(data) if isinstance(data, bytes) else target.write_text(data)
    started = time.monotonic()
    nbgrader(path, "autograde", NAME)
    wall = time.monotonic() - started
    leftovers = sandbox_processes(watch.token, prefix=sys.prefix)
    planted = watch.planted()
    watch.remove_planted()
    time.sleep(0.5)
    untouched = {p.parts[-3]: p.read_bytes() for p in (path / "autograded").glob("*/*/*.ipynb")}
    return Course(path, list(files), wall, leftovers, planted, watch.planted(),
                  watch.connections(), untouched)


def gradebook_scores(course: Course, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course.path / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(NAME, NAME, student)
        return {g.name.removesuffix("-tests"): g.score for g in submission.grades
                if g.name.endswith("-tests")}


def hidden_cells(course: Course, student: str) -> dict[str, nbformat.NotebookNode]:
    """The hidden test cells of a student's autograded notebook, by exercise."""
    nb = nbformat.read(course.path / "autograded" / student / NAME / f"{NAME}.ipynb", 4)
    return {c.metadata["nbgrader"]["grade_id"].removesuffix("-tests"): c for c in nb.cells
            if is_test(c)}


def stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


@pytest.mark.parametrize("case", NB_CASES, ids=lambda c: c.name)
def test_each_case_gets_exactly_the_clis_scores_and_message(course, case):
    assert gradebook_scores(course, case.name) == case.expected_nbgrader_scores(), case.what
    message = case.nbgrader_message if case.nbgrader_message is not None else case.message
    if message:
        cells = hidden_cells(course, case.name)
        text = (stdout(cells[case.target]) if case.target and not case.total_zero
                else "".join(map(stdout, cells.values())))
        # the feedback cell is wrapped at word boundaries: compare the words
        assert " ".join(message.split()) in " ".join(text.split()), text


def test_correct_and_stub_students_score_full_and_zero(course):
    assert gradebook_scores(course, "correct") == {name: POINTS[name] for name in ATTACKED}
    assert gradebook_scores(course, "stub") == {name: 0 for name in ATTACKED}
    for cell in hidden_cells(course, "stub").values():
        assert "not implemented yet" in stdout(cell)


def test_outputs_typed_into_the_notebook_count_for_nothing(course):
    assert gradebook_scores(course, FAKE_OUTPUTS) == {name: 0 for name in ATTACKED}
    for cell in hidden_cells(course, FAKE_OUTPUTS).values():
        assert "5 / 5 points" not in stdout(cell)


def test_a_student_cannot_rewrite_the_course_while_it_is_graded(course):
    assert gradebook_scores(course, "zz_" + REWRITE_COURSE) == {n: POINTS[n] for n in ATTACKED}
    if ROOT:  # the course folder is out of the sandbox's sight only with namespaces
        for student, data in course.untouched.items():
            assert data.startswith(b"{\n"), student
        assert (course.path / "gradebook.db").stat().st_size > 1000


def test_hidden_test_cells_write_no_stderr_and_return_plain_floats(course):
    for name in course.students:
        for exercise, cell in hidden_cells(course, name).items():
            kinds = [(o.get("output_type"), o.get("name")) for o in cell.get("outputs", [])]
            assert kinds == [("stream", "stdout"), ("execute_result", None)], (name, exercise)
            value = cell.outputs[1]["data"]["text/plain"]
            assert 0 <= float(value) <= POINTS[exercise] and "np.float" not in value


def test_no_student_cell_is_executed_by_nbgrader(course):
    for name in course.students:
        nb = nbformat.read(course.path / "autograded" / name / NAME / f"{NAME}.ipynb", 4)
        for cell in nb.cells:
            if cell.cell_type == "code" and not is_test(cell):
                assert not cell.outputs and cell.execution_count is None, (name, cell.source)
    checks = [c for c in nb.cells if "check" in c.metadata.get("tags", [])]
    assert len(checks) == len(ATTACKED) and all(c.source.startswith(NOT_RUN) for c in checks)


def test_autograde_is_bounded_by_the_kits_limits(course):
    hanging = sum(c.name in HANGING for c in NB_CASES)
    # about a second per student on one warm launcher, plus the submission's whole time limit
    # for each hanging case: never nbgrader's cell timeout, never a kernel per student
    assert course.wall < 30 + 2 * len(course.students) + hanging * LIMITS["time_limit"], (
        course.wall)


def test_no_sandbox_process_is_left_and_nothing_got_out(course):
    assert course.leftovers == []
    assert sandbox_processes(prefix=sys.prefix) == []
    assert course.planted == [] and course.planted_later == []
    assert course.connections == 0


def test_the_config_names_the_kits_engine():
    config = (COURSE_DIR / "nbgrader_config.py").read_text()
    assert '"autograder.deliver.nbgrader.KitExecute"' in config
    assert '"nbgrader.preprocessors.Execute"' not in config.split("autograde_preprocessors")[1]
    assert KitExecute.class_traits()["run_demonstrations"].default_value is False
