"""The optional extras, end to end in a term that turns every one of them on.

`autograder course new` with every assignment that declares an optional extra, a course file that
grades the extras and gives the course's own exercises (worked code: the notebooks still run, and
only the extras are graded), nbgrader's generate_assignment and autograde on a student who wrote
the references and one who left the stubs. The extras earn their points and nothing else; the
released notebook's check cells tick for the references, with the check data that came with the
release; the kit's default course does not mention them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbgrader_cli import fill, nbgrader

from autograder.course.course_file import ENV
from autograder.course.registry import declared_assignment, declared_names, get_assignment
from autograder.course.sources import strip_markers

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


def extras_by_assignment() -> dict[str, dict[str, float]]:
    """assignment -> {optional extra: declared points}, for every assignment that has one."""
    found = {}
    for name in declared_names():
        extras = {e.name: e.points for e in declared_assignment(name).exercises if e.optional}
        if extras:
            found[name] = extras
    return found


EXTRAS = extras_by_assignment()


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``args`` with this Python, in ``cwd``, without a course named in the environment."""
    env = {k: v for k, v in os.environ.items() if k != ENV}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)


@dataclass
class Term:
    folder: Path
    scores: dict[str, dict[str, dict[str, float]]]  # student -> assignment -> grade cell -> score


def graded_extras_text(text: str) -> str:
    """The default course file with every extra graded at its declared points and every other
    exercise given."""
    for name, extras in EXTRAS.items():
        for exercise in declared_assignment(name).exercises:
            value = f"{extras[exercise.name]:g}" if exercise.name in extras else '"given"'
            text = re.sub(rf"^({exercise.name}\s*=\s*)\S+", rf"\g<1>{value}", text, flags=re.M)
    return text


@pytest.fixture(scope="module")
def term(tmp_path_factory) -> Term:
    if not EXTRAS:
        pytest.skip("the kit declares no optional extra")
    from nbgrader.api import Gradebook

    folder = tmp_path_factory.mktemp("extras") / "extras-term"
    made = run(folder.parent, "-m", "autograder", "course", "new", str(folder), "--course-id",
               "extras-term", "--assignments", ",".join(EXTRAS))
    assert made.returncode == 0, made.stderr
    course_file = folder / "course.toml"
    course_file.write_text(graded_extras_text(course_file.read_text()))
    sources = run(folder, "-m", "autograder", "course", "sources")
    assert sources.returncode == 0, sources.stderr
    for name in EXTRAS:
        nbgrader(folder, "generate_assignment", name)
        source = nbformat.read(folder / "source" / name / f"{name}.ipynb", 4)
        release = nbformat.read(folder / "release" / name / f"{name}.ipynb", 4)
        solutions = {c.metadata.nbgrader["grade_id"]: strip_markers(c.source).rstrip()
                     for c in source.cells if c.metadata.get("nbgrader", {}).get("solution")}
        for student, answers in (("wrote-references", solutions), ("left-stubs", {})):
            target = folder / "submitted" / student / name
            target.mkdir(parents=True)
            nbformat.write(fill(release, answers), target / f"{name}.ipynb")
        nbgrader(folder, "autograde", name)
    scores: dict = {}
    with Gradebook(f"sqlite:///{folder / 'gradebook' / 'gradebook.db'}") as gb:
        for name in EXTRAS:
            for student in ("wrote-references", "left-stubs"):
                notebook = gb.find_submission_notebook(name, name, student)
                scores.setdefault(student, {})[name] = {g.name: g.score for g in notebook.grades}
    return Term(folder, scores)


@pytest.mark.parametrize("name", list(EXTRAS) or ["none"])
def test_the_extras_earn_their_points_for_the_references_and_nothing_for_the_stubs(term, name):
    extras = EXTRAS[name]
    assert term.scores["wrote-references"][name] == {f"{e}-tests": p for e, p in extras.items()}
    assert term.scores["left-stubs"][name] == {f"{e}-tests": 0 for e in extras}


@pytest.mark.parametrize("name", list(EXTRAS) or ["none"])
def test_the_released_check_cells_tick_for_the_references(term, name):
    """Every cell of the release in order, the extras' solution cells answered, demonstrations
    left out (they are the teaching, not the check): each extra's check cell shows a tick."""
    release = nbformat.read(term.folder / "release" / name / f"{name}.ipynb", 4)
    source = nbformat.read(term.folder / "source" / name / f"{name}.ipynb", 4)
    answers = {c.metadata.nbgrader["grade_id"]: strip_markers(c.source).rstrip()
               for c in source.cells if c.metadata.get("nbgrader", {}).get("solution")}
    cells = [c.source for c in fill(release, answers).cells
             if c.cell_type == "code" and "demo" not in c.metadata.get("tags", [])
             and not c.metadata.get("nbgrader", {}).get("grade")]
    script = re.sub(r'check\("(\w+)"\)', r'check("\1", plot=False)', "\n".join(cells))
    done = run(term.folder / "release" / name, "-c", script)
    assert done.returncode == 0, done.stderr[-3000:]
    for extra in EXTRAS[name]:
        assert f"✓ {extra}:" in done.stdout, done.stdout[-3000:]


def test_the_default_course_leaves_the_extras_out():
    for name, extras in EXTRAS.items():
        if name not in declared_names() or not any(
                not e.optional for e in declared_assignment(name).exercises):
            continue  # an assignment of extras only is not in the default course at all
        default = get_assignment(name)
        assert not set(extras) & {e.name for e in default.exercises}
        notebook = Path(__file__).parents[2] / "assignments" / "source" / name / f"{name}.ipynb"
        text = notebook.read_text()
        for extra in extras:
            assert extra not in text, f"{extra} appears in the default {notebook.name}"
