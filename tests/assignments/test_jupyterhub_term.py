"""A term on a real JupyterHub on localhost: the instructor in the formgrader (headless Chromium),
two students through the hub's API and nbgrader's exchange.

JupyterHub with configurable-http-proxy (npm, installed by ``dev.py``'s test set-up), a shared
password, one local process per user. The course folder is made as the README makes it
(``autograder course new --exchange``) in the instructor's home, the exchange beside it; the
instructor logs in through the hub's form and, in the formgrader, generates and releases
``regularization``; alice and bob log in through the hub's REST API, start their servers, fetch
the assignment, write their answers through the contents API and submit; the instructor
collects, autogrades each submission, generates and releases feedback; the students fetch it.
The scores in the gradebook and on the formgrader's page must be those of ``autograder grade`` on
the same submitted notebooks. Screenshots go to ``$ARTIFACTS_DIR/jupyterhub/`` or
``test-artifacts/jupyterhub/``.

Skips with the reason when a piece is missing (the proxy, Chromium, playwright, jupyterhub),
except under ``CI=true``, where it fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from browser_support import CHROMIUM, CHROMIUM_FLAGS, artifacts_dir, chromium_present, require
from formgrader_page import Formgrader
from hub_course import instructor_config, student_config
from hub_server import PROXY, START, HubUser, running_hub
from nbgrader_cli import fill

from autograder.build.examples import mistaken_exercises
from autograder.course.registry import get_assignment
from autograder.course.sources import renamed_source, strip_markers
from autograder.course.spec import resolve
from autograder.engine.report.test_cells import cell_texts
from autograder.engine.results import Result

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

NAME = "regularization"
COURSE_ID = "dnn-hub-term"
INSTRUCTOR = "instructor"
ROSTER = {"alice": ("Alice", "Martin"), "bob": ("Bob", "Durand")}
STUDENTS = tuple(ROSTER)
ACTION = 600  # seconds for one formgrader action (autograde grades a notebook)


def answers(source: Path) -> dict[str, dict[str, str]]:
    """Each student's answers, by grade id: alice's all correct; bob one exercise correct, one a
    declared mistake, the others left as released."""
    assignment = get_assignment(NAME)
    source_nb = nbformat.read(source, 4)
    solutions = {c.metadata["nbgrader"]["grade_id"]: strip_markers(c.source).rstrip()
                 for c in source_nb.cells
                 if c.metadata.get("nbgrader", {}).get("grade_id") in
                 {e.name for e in assignment.exercises}}
    mistake_of, mistake = next(iter(mistaken_exercises(assignment).items()))
    first = assignment.exercises[0].name
    assert first != mistake_of
    return {"alice": solutions,
            "bob": {first: solutions[first],
                    mistake_of: renamed_source(resolve(mistake.implementation), mistake_of)}}


def gradebook_scores(course: Path, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook' / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(NAME, NAME, student)
        return {g.name.removesuffix("-tests"): g.score for g in notebook.grades
                if g.name.endswith("-tests")}


def cli_results(course: Path, notebooks: list[Path]) -> list[dict]:
    """``autograder --course COURSE grade NOTEBOOK... -a NAME -f json``: the kit's own grading
    with the term's course file, in that order."""
    done = subprocess.run([str(Path(sys.executable).parent / "autograder"), "--course",
                           str(course), "grade", *map(str, notebooks), "-a", NAME, "-f", "json",
                           "--no-progress"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    results = json.loads(done.stdout)
    assert [r["submission"] for r in results] == [str(n) for n in notebooks]
    return results


def seen_by(browser, user: HubUser, feedback: Path, shots: Path) -> str:
    """The feedback page as the student sees it, opened from the student's server with the
    student's token; the page's text, and a screenshot of it."""
    context = browser.new_context(viewport={"width": 1400, "height": 900},
                                  extra_http_headers={"Authorization": f"token {user.token}"})
    try:
        page = context.new_page()
        page.goto(f"{user.server}/files/{feedback.relative_to(user.hub.home(user.name))}")
        page.screenshot(path=shots / f"feedback-of-{user.name}.png", full_page=True)
        return page.locator("body").inner_text()
    finally:
        context.close()


def test_a_term_on_jupyterhub_with_the_formgrader(tmp_path):
    require(f"the JupyterHub test needs configurable-http-proxy at {PROXY} and node "
            "(python3 dev.py test installs the proxy with npm)",
            PROXY.exists() and shutil.which("node") is not None)
    require(f"the JupyterHub test needs Chromium at {CHROMIUM} (.ci/run installs it)",
            chromium_present())
    require("the JupyterHub test needs the Python package jupyterhub (dev extras)",
            (Path(sys.executable).parent / "jupyterhub-singleuser").exists())
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require("the JupyterHub test needs the Python package playwright (dev extras)",
            sync_playwright is not None)

    started = time.monotonic()
    shots = artifacts_dir("jupyterhub")
    print(f"JupyterHub screenshots: {shots}")
    homes = tmp_path / "home"  # the hub's spawner makes each user's home here
    course = homes / INSTRUCTOR / COURSE_ID
    made = subprocess.run([str(Path(sys.executable).parent / "autograder"), "course", "new",
                           str(course), "--course-id", COURSE_ID, "--assignments", NAME,
                           "--exchange", str(tmp_path / "exchange")],
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    instructor_config(homes / INSTRUCTOR, course)
    for student in STUDENTS:
        student_config(homes / student, student, COURSE_ID, tmp_path / "exchange")
    answers_of = answers(course / "source" / NAME / f"{NAME}.ipynb")
    env = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"}

    with running_hub(tmp_path, [INSTRUCTOR, *STUDENTS], env) as hub, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(START * 1000)
        formgrader = Formgrader(page, hub.url, INSTRUCTOR, shots, ACTION)
        try:
            # the students log in first; their servers start while the instructor works
            students = {s: HubUser(hub, s).log_in() for s in STUDENTS}
            for user in students.values():
                user.start_server()
            formgrader.log_in(hub.password, START)
            formgrader.add_students(ROSTER)
            assert "Success" in formgrader.on_assignment("generate", NAME)
            assert (course / "release" / NAME / f"{NAME}.ipynb").exists()
            formgrader.on_assignment("release", NAME)

            for user in students.values():
                user.wait_for_server()
                # the formgrader is the instructor's: not served to a student
                assert user.api("GET", "formgrader", ok=False).status_code == 404
                assert user.api("GET", "formgrader/api/assignments", ok=False).status_code == 404
            for student, user in students.items():
                listed = user.nbgrader("fetch", COURSE_ID, NAME)
                assert [a["status"] for a in listed if a["assignment_id"] == NAME] == ["fetched"]
                path = f"{NAME}/{NAME}.ipynb"
                released = nbformat.from_dict(user.read_notebook(path))
                user.write_notebook(path, fill(released, answers_of[student]))
                listed = user.nbgrader("submit", COURSE_ID, NAME)
                assert any(a["status"] == "submitted" for a in listed), listed

            assert "Success" in formgrader.on_assignment("collect", NAME)
            formgrader.submissions(NAME)
            shown = {}
            for student in STUDENTS:
                log = formgrader.autograde(student)
                assert "Applying preprocessor: KitExecute" in log  # the kit's engine graded
                shown[student] = formgrader.score_shown(student)
            formgrader.shot("autograded")
            formgrader.on_assignment("generate feedback", NAME)
            formgrader.on_assignment("release feedback", NAME)
            formgrader.shot("feedback-released")
            roster = formgrader.roster_scores(STUDENTS)

            feedback = {}
            for student, user in students.items():
                user.nbgrader("fetch_feedback", COURSE_ID, NAME)
                fetched = list((hub.home(student) / NAME / "feedback").glob("*/*.html"))
                assert len(fetched) == 1, fetched
                feedback[student] = seen_by(browser, user, fetched[0], shots)
        except BaseException:
            formgrader.shot("failure")
            raise
        finally:
            browser.close()
    hub_seconds = time.monotonic() - started

    assignment = get_assignment(NAME)
    total = sum(e.points for e in assignment.exercises)
    submitted = [course / "submitted" / student / NAME / f"{NAME}.ipynb" for student in STUDENTS]
    for student, result in zip(STUDENTS, cli_results(course, submitted)):
        kit = {e["name"]: e["score"] for e in result["exercises"]}
        assert gradebook_scores(course, student) == kit, student
        assert shown[student] == f"{round(result['score'], 2):g} / {total:g}", student
        assert roster[student] == shown[student], student
        text = feedback[student]
        assert "BEGIN HIDDEN TESTS" not in text
        assert "from autograder.deliver.hidden_tests import score" not in text
        for exercise_text in cell_texts(Result.from_dict(result), list(kit)).values():
            for line in exercise_text.splitlines():
                assert line.strip() in text, (student, line)
    assert gradebook_scores(course, "alice") == {e.name: e.points for e in assignment.exercises}
    bob = gradebook_scores(course, "bob")
    assert bob[assignment.exercises[0].name] == assignment.exercises[0].points
    assert sum(bob.values()) < total
    steps = ", ".join(f"{name} {at - started:.0f}" for name, at in formgrader.times)
    print(f"the hub part took {hub_seconds:.0f} s; the whole test "
          f"{time.monotonic() - started:.0f} s (screenshots at seconds: {steps})")
