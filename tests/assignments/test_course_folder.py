"""A whole term in its course folder, as the README runs it: `autograder course new` with two
assignments, a course file that gives two exercises of the first (worked code, not graded) and
reweights one, a late penalty in the course's nbgrader configuration; then nbgrader from the
folder (generate, release, three students fetching with the students' configuration, the check
cell running on the course_lib that came with the release, submit, collect, autograde), the kit
grading nbgrader's tree into one results folder, and the term's exports.

The three students: alice renames hyperparameter_tuning's notebook (nbgrader's autograde finds no
notebook for her; the kit grades it and says so; renamed back, nbgrader autogrades her), bob
submits regularization half done and resubmits it finished (collected again, regraded alone by
nbgrader and the kit), carol submits hyperparameter_tuning after its due date (nbgrader's late
penalty). Every grade of nbgrader's export, the kit's export and the class report must agree.
Also: the CLI run in the folder and the Gradescope bundle made there give the course file's
totals, and a test cell's points edited by hand in the source notebook make autograde refuse.
One course folder for the module, each assignment autograded once (and the two fixes).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import pytest
from nbgrader_cli import LATE_PENALTY_PLUGIN, fill, nbgrader, nbgrader_many

from autograder.build.examples import mistaken_exercises
from autograder.course.course_file import ENV, read_course
from autograder.course.expected import KIT_ROOT, default_cache_dir
from autograder.course.registry import declared_assignment, get_assignment
from autograder.course.sources import renamed_source, strip_markers
from autograder.course.spec import resolve

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

NAME = "regularization"  # the reweighted assignment (no TensorFlow in the student's process)
OTHER = "hyperparameter_tuning"  # alice's renamed notebook, carol's late submission
ASSIGNMENTS = (NAME, OTHER)
STUDENTS = ("alice", "bob", "carol")
COURSE_ID = "dnn-term"
RENAMED = "my copy.ipynb"


def run(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``args`` with this Python, in ``cwd``, without a course named in the environment."""
    env = {k: v for k, v in (env or os.environ).items() if k != ENV}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)


def kit(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``autograder ARGS`` in ``cwd``; fail the test unless it succeeds."""
    done = run(cwd, "-m", "autograder", *args)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return done


def solutions(source: Path) -> dict[str, str]:
    nb = nbformat.read(source, 4)
    return {c.metadata.nbgrader["grade_id"]: strip_markers(c.source).rstrip()
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")}


@dataclass
class Term:
    folder: Path
    homes: dict[str, Path]
    points: dict[str, float]  # the course file's graded exercises of NAME
    given: list[str]
    reweighted: str
    due: str = ""  # OTHER's due date
    out: dict[str, str] = field(default_factory=dict)  # what the steps printed, by step


def student_work(home: Path, student: str, work: dict[str, dict[str, str]],
                 submit: tuple[str, ...] = ASSIGNMENTS) -> None:
    """The student's nbgrader: fetch each assignment, answer (``RENAMED`` for alice's OTHER), and
    submit those of ``submit``; with no --course and no --Exchange.root: the students'
    configuration says them."""
    nbgrader_many(home, *(["fetch_assignment", a] for a in work), home=home)
    for assignment, answers in work.items():
        fetched = home / assignment / f"{assignment}.ipynb"
        nbformat.write(fill(nbformat.read(fetched, 4), answers), fetched)
        if (student, assignment) == ("alice", OTHER):  # saved under another name
            fetched.rename(fetched.with_name(RENAMED))
    nbgrader_many(home, *(["submit", a, f"--student={student}"] for a in submit), home=home)


@pytest.fixture(scope="module")
def term(tmp_path_factory) -> Term:
    root = tmp_path_factory.mktemp("term")
    folder = root / "courses" / COURSE_ID
    made = run(root, "-m", "autograder", "course", "new", str(folder), "--course-id", COURSE_ID,
               "--assignments", ",".join(ASSIGNMENTS))
    assert made.returncode == 0, made.stderr
    declared = declared_assignment(NAME)
    first, *_, before_last, last = [e.name for e in declared.exercises]
    text = (folder / "course.toml").read_text()
    for name in (before_last, last):
        text = re.sub(rf"^({name}\s*=\s*)\S+", r'\g<1>"given"', text, flags=re.M)
    new_points = declared.exercise(first).points + 10
    text = re.sub(rf"^({first}\s*=\s*)\S+", rf"\g<1>{new_points:g}", text, flags=re.M)
    (folder / "course.toml").write_text(text)
    with (folder / "nbgrader_config.py").open("a") as config:  # as nbgrader's guide does
        config.write(LATE_PENALTY_PLUGIN)
    sources = run(folder, "-m", "autograder", "course", "sources")  # from inside the folder
    assert sources.returncode == 0, sources.stderr
    points = {e.name: e.points for e in declared.exercises
              if e.name not in (before_last, last) and not e.optional}
    points[first] = new_points
    term = Term(folder, {}, points, [before_last, last], first)

    env_before = os.environ.pop(ENV, None)
    try:
        nbgrader_many(folder, *([step, a] for a in ASSIGNMENTS
                                for step in ("generate_assignment", "release_assignment")))
        right = {a: solutions(folder / "source" / a / f"{a}.ipynb") for a in ASSIGNMENTS}
        wrong = {n: renamed_source(resolve(m.implementation), n)
                 for n, m in mistaken_exercises(get_assignment(OTHER)).items()}
        work = {"alice": {NAME: right[NAME], OTHER: right[OTHER]},
                "bob": {NAME: {first: right[NAME][first]},  # the rest: fixed later
                        OTHER: {**right[OTHER], **wrong}},
                "carol": {NAME: {first: right[NAME][first]}, OTHER: right[OTHER]}}
        for student in STUDENTS:
            home = term.homes[student] = root / "home" / student
            (home / ".jupyter").mkdir(parents=True)
            shutil.copy(folder / "student_nbgrader_config.py",
                        home / ".jupyter" / "nbgrader_config.py")
        with ThreadPoolExecutor(len(STUDENTS)) as pool:  # the students work side by side
            list(pool.map(lambda s: student_work(term.homes[s], s, work[s],
                                                 (NAME,) if s == "carol" else ASSIGNMENTS),
                          STUDENTS))
        carol = term.homes["carol"]
        # OTHER's due date falls between alice's and bob's submissions and carol's
        term.due = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
        nbgrader(folder, "db", "assignment", "add", OTHER, f"--duedate={term.due}")
        time.sleep(0.01)
        nbgrader(carol, "submit", OTHER, "--student=carol", home=carol)

        nbgrader_many(folder, *(["collect", a] for a in ASSIGNMENTS))
        nbgrader(folder, "autograde", NAME)
        term.out["autograde other"] = nbgrader(folder, "autograde", OTHER, check=False)
        for assignment in ASSIGNMENTS:  # the kit grades nbgrader's tree, from the folder
            term.out[f"grade {assignment}"] = kit(folder, "grade", ".", "-a", assignment,
                                                  "--out", "results", "--no-progress")
        term.out["first results"] = {p.name: p.stat().st_mtime_ns
                                     for p in (folder / "results").glob("*.json")}
        term.out["bob before"] = json.loads((folder / "results" / f"{NAME}@bob.json").read_text())

        # alice's notebook renamed back, and autograded alone
        submitted = folder / "submitted" / "alice" / OTHER
        (submitted / RENAMED).rename(submitted / f"{OTHER}.ipynb")
        nbgrader(folder, "autograde", OTHER, "--student=alice")
        # bob fixes his work and submits again; collected again and regraded alone
        bob = term.homes["bob"]
        fetched = bob / NAME / f"{NAME}.ipynb"
        nbformat.write(fill(nbformat.read(fetched, 4), right[NAME]), fetched)
        nbgrader(bob, "submit", NAME, "--student=bob", home=bob)
        term.out["collect again"] = nbgrader(folder, "collect", "--update", NAME)
        nbgrader(folder, "autograde", NAME, "--student=bob", "--force")
        term.out["regrade bob"] = kit(folder, "grade", f"submitted/bob/{NAME}", "-a", NAME,
                                      "--out", "results", "--no-progress")
        term.out["rerun other"] = kit(folder, "grade", ".", "-a", OTHER, "--out", "results",
                                      "--no-progress")

        nbgrader(folder, "export", "--to", "exports/grades.csv")
        kit(folder, "export", "results", "--gradebook", ".", "-o", "exports/kit-grades.csv")
        kit(folder, "report", "results", "--gradebook", ".", "-o", "exports/report.html")
    finally:
        if env_before is not None:
            os.environ[ENV] = env_before
    return term


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text())))


def report_tables(page: str, assignment: str, cls: str) -> dict[str, list[str]]:
    """The rows of the class report's table ``cls`` in ``assignment``'s section, by student."""
    section = page.split(f'<section id="{assignment}">')[1].split("</section>")[0]
    html = section.split(f'<table class="{cls}">')[1].split("</table>")[0]
    return {cells[0]: cells[1:] for cells in
            (re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in html.split("<tr>")[2:])}


def test_every_grade_of_the_term_agrees_in_the_three_exports_late_penalties_applied(term):
    """nbgrader's export, the kit's export with the gradebook and the class report with it: the
    same raw score, late penalty and grade for each of the three students on both assignments."""
    theirs = {(r["assignment"], r["student_id"]): r
              for r in rows(term.folder / "exports" / "grades.csv")}
    assert sorted(theirs) == sorted((a, s) for a in ASSIGNMENTS for s in STUDENTS)  # no loss
    ours = {r["student"]: r for r in rows(term.folder / "exports" / "kit-grades.csv")}
    assert sorted(ours) == list(STUDENTS)
    page = (term.folder / "exports" / "report.html").read_text()
    for assignment in ASSIGNMENTS:
        scores = report_tables(page, assignment, "slowest-submissions")  # every student: 3 < 10
        assert sorted(scores) == list(STUDENTS)
        for student in STUDENTS:
            nb, row = theirs[assignment, student], ours[student]
            raw, penalty, grade = (float(row[f"{assignment}:{c}"])
                                   for c in ("raw_total", "late_penalty", "total"))
            assert (raw, penalty, grade) == (float(nb["raw_score"]),
                                             float(nb["late_submission_penalty"]),
                                             float(nb["score"])), (assignment, student)
            assert float(scores[student][1]) == raw, (assignment, student)
    total = sum(term.points.values())
    nbgrader_scores = {key: float(r["score"]) for key, r in theirs.items()}
    assert nbgrader_scores[NAME, "alice"] == nbgrader_scores[NAME, "bob"] == total  # bob fixed
    assert nbgrader_scores[NAME, "carol"] == term.points[term.reweighted]
    full = sum(e.points for e in get_assignment(OTHER).exercises)
    assert nbgrader_scores[OTHER, "alice"] == full  # her renamed notebook, graded
    assert 0 < nbgrader_scores[OTHER, "bob"] < full
    # carol: a few seconds late, one started hour: 1.3 points off, in all three
    assert float(theirs[OTHER, "carol"]["raw_score"]) == full
    assert float(ours["carol"][f"{OTHER}:late_penalty"]) == 1.3
    assert nbgrader_scores[OTHER, "carol"] == float(ours["carol"][f"{OTHER}:total"]) == full - 1.3
    assert report_tables(page, OTHER, "late") == {"carol": [f"{full:g}", "1.3", f"{full - 1.3:g}"]}
    assert "<p>None was late.</p>" in page.split(f'<section id="{NAME}">')[1]
    assert [float(r["late_submission_penalty"]) for k, r in theirs.items()
            if k != (OTHER, "carol")] == [0.0] * 5


def test_a_renamed_notebook_nbgrader_misses_the_kit_grades_and_names(term):
    autograded = term.out["autograde other"]
    assert autograded.returncode != 0  # nbgrader: "No notebooks found" for alice, the others graded
    assert "No notebooks found" in autograded.stdout + autograded.stderr
    graded = term.out[f"grade {OTHER}"]
    assert (f"alice: {term.folder / 'submitted' / 'alice' / OTHER} holds no {OTHER}.ipynb; "
            f"graded its only notebook, {RENAMED} (the student renamed it)") in graded.stderr
    first = json.loads((term.folder / "results" / f"{OTHER}@alice.json").read_text())
    assert first["result"]["score"] == sum(e.points for e in get_assignment(OTHER).exercises)
    # renamed back for nbgrader: the kit's rerun sees the same notebook, grades nothing again
    assert term.out["rerun other"].returncode == 0
    for student in STUDENTS:
        path = term.folder / "results" / f"{OTHER}@{student}.json"
        assert path.stat().st_mtime_ns == term.out["first results"][path.name], student


def test_regrading_one_student_after_a_fix_touches_nobody_else(term):
    assert "bob" in term.out["collect again"].stdout + term.out["collect again"].stderr
    before, after = term.out["bob before"], json.loads(
        (term.folder / "results" / f"{NAME}@bob.json").read_text())
    assert before["result"]["score"] == term.points[term.reweighted]
    assert after["result"]["score"] == sum(term.points.values())
    assert before["submission_sha256"] != after["submission_sha256"]
    for name, mtime in term.out["first results"].items():
        if name != f"{NAME}@bob.json":
            assert (term.folder / "results" / name).stat().st_mtime_ns == mtime, name


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
        carol = gb.find_submission_notebook(NAME, NAME, "carol")
        assert carol.score == term.points[term.reweighted]


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
    """``autograder grade . -a NAME`` ran in the folder (the fixture): the course file's points."""
    record = json.loads((term.folder / "results" / f"{NAME}@alice.json").read_text())
    result = record["result"]
    assert record["student"] == "alice"
    assert result["max_score"] == result["score"] == sum(term.points.values())
    assert {e["name"]: e["max_score"] for e in result["exercises"]} == term.points


def test_the_gradescope_bundle_made_in_the_course_folder_grades_with_its_points(term, tmp_path):
    made = run(term.folder, "-m", "autograder", "gradescope-bundle", "-a", NAME, "-o",
               str(tmp_path / "autograder.zip"))
    assert made.returncode == 0, made.stderr
    root = tmp_path / "autograder"
    with zipfile.ZipFile(tmp_path / "autograder.zip") as zf:
        zf.extractall(root / "source")
    # the course file's table of NAME only: the bundle carries no other assignment's exercises
    bundled = read_course(root / "source" / "course.toml")
    assert list(bundled.assignments) == [NAME]
    assert bundled.assignments[NAME] == read_course(term.folder).assignments[NAME]
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
