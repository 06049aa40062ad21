"""A term's course folder, as the README runs it: `autograder course new`, a course file that gives
two exercises (worked code, not graded) and reweights one, then nbgrader from the folder
(generate, release, two students fetching with the students' configuration, the check cell
running on the course_lib that came with the release, submit, collect, autograde), the CLI run
from inside the folder and the Gradescope bundle made there: every total is the course file's.
Last, a test cell's points edited by hand in the source notebook: autograde refuses.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbgrader_cli import fill, nbgrader

from autograder.course.course_file import ENV, read_course
from autograder.course.expected import KIT_ROOT, default_cache_dir
from autograder.course.registry import declared_assignment
from autograder.course.sources import strip_markers

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

NAME = "regularization"  # no TensorFlow in the student's process
COURSE_ID = "dnn-term"


def run(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``args`` with this Python, in ``cwd``, without a course named in the environment."""
    env = {k: v for k, v in (env or os.environ).items() if k != ENV}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)


@dataclass
class Term:
    folder: Path
    homes: dict[str, Path]
    points: dict[str, float]  # the course file's graded exercises
    given: list[str]
    reweighted: str


@pytest.fixture(scope="module")
def term(tmp_path_factory) -> Term:
    root = tmp_path_factory.mktemp("term")
    folder = root / "courses" / COURSE_ID
    made = run(root, "-m", "autograder", "course", "new", str(folder), "--course-id", COURSE_ID,
               "--assignments", NAME)
    assert made.returncode == 0, made.stderr
    declared = declared_assignment(NAME)
    first, *_, before_last, last = [e.name for e in declared.exercises]
    text = (folder / "course.toml").read_text()
    for name in (before_last, last):
        text = re.sub(rf"^({name}\s*=\s*)\S+", r'\g<1>"given"', text, flags=re.M)
    new_points = declared.exercise(first).points + 10
    text = re.sub(rf"^({first}\s*=\s*)\S+", rf"\g<1>{new_points:g}", text, flags=re.M)
    (folder / "course.toml").write_text(text)
    sources = run(folder, "-m", "autograder", "course", "sources")  # from inside the folder
    assert sources.returncode == 0, sources.stderr
    points = {e.name: e.points for e in declared.exercises
              if e.name not in (before_last, last) and not e.optional}
    points[first] = new_points

    env_before = os.environ.pop(ENV, None)
    try:
        nbgrader(folder, "generate_assignment", NAME)
        nbgrader(folder, "release_assignment", NAME)
        source = nbformat.read(folder / "source" / NAME / f"{NAME}.ipynb", 4)
        solutions = {c.metadata.nbgrader["grade_id"]: strip_markers(c.source).rstrip()
                     for c in source.cells if c.metadata.get("nbgrader", {}).get("solution")}
        homes = {}
        for student, answers in (("alice", solutions), ("bob", {})):
            home = homes[student] = root / "home" / student
            (home / ".jupyter").mkdir(parents=True)
            shutil.copy(folder / "student_nbgrader_config.py",
                        home / ".jupyter" / "nbgrader_config.py")
            # no --course, no --Exchange.root: the students' configuration says them
            nbgrader(home, "fetch_assignment", NAME, home=home)
            fetched = home / NAME / f"{NAME}.ipynb"
            nbformat.write(fill(nbformat.read(fetched, 4), answers), fetched)
            nbgrader(home, "submit", NAME, f"--student={student}", home=home)
        nbgrader(folder, "collect", NAME)
        nbgrader(folder, "autograde", NAME)
    finally:
        if env_before is not None:
            os.environ[ENV] = env_before
    return Term(folder, homes, points, [before_last, last], first)


def test_the_course_folder_is_outside_the_kit_and_private(term):
    assert KIT_ROOT not in term.folder.parents
    assert term.folder.stat().st_mode & 0o777 == 0o711  # students reach exchange/ only
    for name in ("gradebook", "submitted", "autograded", "source", "release", "feedback"):
        assert (term.folder / name).stat().st_mode & 0o777 == 0o700, name
    assert (term.folder / "gradebook" / "gradebook.db").is_file()
    assert (term.folder / "exchange").stat().st_mode & 0o7777 == 0o1777
    assert (term.folder / "submitted" / "alice" / NAME / f"{NAME}.ipynb").is_file()
    assert (term.folder / "autograded" / "bob" / NAME / f"{NAME}.ipynb").is_file()


def test_the_gradebook_holds_the_course_files_points(term):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{term.folder / 'gradebook' / 'gradebook.db'}") as gb:
        notebook = gb.find_notebook(NAME, NAME)
        assert {c.name: c.max_score for c in notebook.grade_cells} == {
            f"{name}-tests": points for name, points in term.points.items()}
        alice = gb.find_submission_notebook(NAME, NAME, "alice")
        assert {g.name: g.score for g in alice.grades} == {
            f"{name}-tests": points for name, points in term.points.items()}
        assert alice.score == sum(term.points.values())
        assert gb.find_submission_notebook(NAME, NAME, "bob").score == 0


def test_course_lib_reaches_the_students_with_the_release(term):
    folder = term.homes["alice"] / NAME
    public = json.loads((folder / "course_lib" / "public_cases" / f"{NAME}.json").read_text())
    assert public  # this assignment's check data, no other's
    assert os.listdir(folder / "course_lib" / "public_cases") == [f"{NAME}.json"]
    nb = nbformat.read(folder / f"{NAME}.ipynb", 4)
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in nb.cells}
    script = "\n".join([
        "import course_lib", "print(course_lib.__file__)", cells["imports"],
        cells[term.reweighted], f'check("{term.reweighted}", plot=False)',
        *(cells[name] for name in term.given)])  # the given functions are worked code
    done = run(folder, "-c", script, env={**os.environ, "PYTHONPATH": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == str(folder / "course_lib" / "__init__.py")
    assert f"✓ {term.reweighted}:" in done.stdout, done.stdout
    for name in term.given:  # worked code, not an exercise: no check, no test cell
        assert f'check("{name}")' not in "".join(cells.values())
        assert f"{name}-tests" not in cells


def test_the_cli_run_in_the_course_folder_gives_the_course_files_totals(term):
    notebook = term.folder / "submitted" / "alice" / NAME / f"{NAME}.ipynb"
    done = run(term.folder, "-m", "autograder", "grade", str(notebook), "-a", NAME,
               "--format", "json", "--no-progress")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["max_score"] == result["score"] == sum(term.points.values())
    assert {e["name"]: e["max_score"] for e in result["exercises"]} == term.points


def test_the_gradescope_bundle_made_in_the_course_folder_grades_with_its_points(term, tmp_path):
    made = run(term.folder, "-m", "autograder", "gradescope-bundle", "-a", NAME, "-o",
               str(tmp_path / "autograder.zip"))
    assert made.returncode == 0, made.stderr
    root = tmp_path / "autograder"
    with zipfile.ZipFile(tmp_path / "autograder.zip") as zf:
        zf.extractall(root / "source")
    assert (root / "source" / "course.toml").read_text() == (term.folder / "course.toml").read_text()
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    (root / "run_autograder").chmod(0o755)
    (root / "submission").mkdir()
    shutil.copy(term.folder / "submitted" / "alice" / NAME / f"{NAME}.ipynb",
                root / "submission" / f"{NAME}.ipynb")
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "AUTOGRADER_PYTHON": sys.executable,
           "AUTOGRADER_CACHE_DIR": str(default_cache_dir())}
    env.pop(ENV, None)
    done = subprocess.run([str(root / "run_autograder")], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads((root / "results" / "results.json").read_text())
    assert data["score"] == sum(term.points.values())
    assert sum(t["max_score"] for t in data["tests"]) == pytest.approx(sum(term.points.values()))


def test_the_student_bundle_made_in_the_course_folder_is_the_terms_release(term, tmp_path):
    made = run(term.folder, "-m", "autograder", "release", "-a", NAME, "-o",
               str(tmp_path / "bundle"))
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "bundle" / f"{NAME}.ipynb").read_text() == (
        term.folder / "release" / NAME / f"{NAME}.ipynb").read_text()
    nb = nbformat.read(tmp_path / "bundle" / f"{NAME}.ipynb", 4)
    graded = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"] for c in nb.cells
              if c.metadata.get("nbgrader", {}).get("grade")}
    assert graded == {f"{name}-tests": points for name, points in term.points.items()}


def test_autograde_refuses_a_test_cell_whose_points_were_edited_by_hand(term):
    """Runs last: it leaves the source notebook edited."""
    source = term.folder / "source" / NAME / f"{NAME}.ipynb"
    nb = nbformat.read(source, 4)
    cell = next(c for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == f"{term.reweighted}-tests")
    course_points = term.points[term.reweighted]
    cell.metadata.nbgrader["points"] = course_points * 2  # as an instructor would, in nbgrader
    nbformat.write(nb, source)
    nbgrader(term.folder, "generate_assignment", NAME, "--force")
    done = run(term.folder, "-m", "nbgrader", "autograde", NAME, "--force",
               env={**os.environ,
                    "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"})
    assert done.returncode != 0
    assert (f"the source notebook's test cell {term.reweighted}-tests is worth "
            f"{course_points * 2:g} points, but the course gives {term.reweighted} "
            f"{course_points:g} points") in done.stdout + done.stderr
    assert read_course(term.folder).assignments[NAME].exercise(
        term.reweighted).points == course_points
