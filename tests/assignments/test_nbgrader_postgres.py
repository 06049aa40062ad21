"""nbgrader's gradebook on PostgreSQL (as nbgrader recommends for several graders) holds what the
SQLite gradebook holds.

The test starts a private PostgreSQL server (Debian's ``postgresql`` package, which ``.ci/run``
installs) on 127.0.0.1 and a free port, with its data in a temporary folder, and stops it at the
end. The same course (the repository's ``nbgrader_config.py`` as it is, so whatever it configures
is exercised) runs generate_assignment and autograde for three students twice: with the default
SQLite gradebook and with ``--CourseDirectory.db_url=postgresql+psycopg://...``. Every graded cell's
score must be the same in both. Without PostgreSQL the test is skipped, except in CI (CI=true),
where it fails.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbgrader_cli import fill, nbgrader

from autograder.build.examples import mistaken_exercises
from autograder.build.notebooks import COURSE_DIR
from autograder.course.registry import get_assignment
from autograder.course.sources import renamed_source, strip_markers
from autograder.course.spec import resolve

pytestmark = pytest.mark.slow
NAME = "optimization_methods"  # no TensorFlow: the quickest to autograde


def _missing(what: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing; .ci/run installs it (apt-get install postgresql)")
    pytest.skip(f"{what} is missing (apt-get install postgresql)")


def postgres_bin() -> Path | None:
    """Debian's server binaries (not on PATH there), else the ones on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    """A private server's database URL; the server is stopped and its files removed after."""
    try:
        import psycopg  # noqa: F401  (the driver SQLAlchemy 2.1 uses for postgresql://)
    except ImportError:
        _missing("the psycopg driver")
    bindir = postgres_bin()
    if bindir is None:
        _missing("PostgreSQL (initdb, pg_ctl)")
    # initdb refuses to run as root: as root the server runs as the postgres user, in a folder
    # of its own under /tmp (pytest's folders are private to root)
    as_user = []
    folder = Path(tempfile.mkdtemp(prefix="kit-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()

    def pg(*cmd: str) -> None:
        done = subprocess.run([*as_user, str(bindir / cmd[0]), *cmd[1:]], capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, (cmd, done.stdout, done.stderr)

    pg("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale")
    pg("pg_ctl", "-D", str(data), "-l", str(folder / "server.log"), "-w", "-o",
       f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start")
    try:
        pg("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "gradebook")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                        "stop"], capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def student_notebooks(release: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """full marks, the untouched release, and one with known mistakes and a missing answer."""
    assignment = get_assignment(NAME)
    source = nbformat.read(COURSE_DIR / "source" / NAME / f"{NAME}.ipynb", 4)
    answers = {c.metadata["nbgrader"]["grade_id"]: strip_markers(c.source).rstrip()
               for c in source.cells if c.metadata.get("nbgrader", {}).get("solution")}
    partial = dict(answers)
    for name, mistake in mistaken_exercises(assignment).items():
        partial[name] = renamed_source(resolve(mistake.implementation), name)
    del partial[assignment.exercises[0].name]

    return {"full": fill(release, answers), "stub": fill(release, {}),
            "partial": fill(release, partial)}


def autograded_course(folder: Path, db_args: list[str]) -> Path:
    folder.mkdir()
    shutil.copy(COURSE_DIR / "nbgrader_config.py", folder)
    shutil.copytree(COURSE_DIR / "source" / NAME, folder / "source" / NAME)
    nbgrader(folder, "generate_assignment", NAME, "--force", *db_args, timeout=1800)
    release = nbformat.read(folder / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    for student, nb in student_notebooks(release).items():
        (folder / "submitted" / student / NAME).mkdir(parents=True)
        nbformat.write(nb, folder / "submitted" / student / NAME / f"{NAME}.ipynb")
    nbgrader(folder, "autograde", NAME, *db_args, timeout=1800)
    return folder


def gradebook(url: str) -> dict[str, dict[str, tuple]]:
    """student -> graded cell -> (auto score, max score), every graded cell of the notebook."""
    from nbgrader.api import Gradebook

    with Gradebook(url) as gb:
        return {student: {g.name: (g.auto_score, g.max_score)
                          for g in gb.find_submission_notebook(NAME, NAME, student).grades}
                for student in ("full", "stub", "partial")}


@pytest.fixture(scope="module")
def gradebooks(postgres_url, tmp_path_factory):
    root = tmp_path_factory.mktemp("nbgrader-databases")
    sqlite = autograded_course(root / "sqlite", [])
    pg = autograded_course(root / "postgres", [f"--CourseDirectory.db_url={postgres_url}"])
    assert not (pg / "gradebook.db").exists()  # the PostgreSQL course wrote no SQLite file
    return gradebook(f"sqlite:///{sqlite / 'gradebook.db'}"), gradebook(postgres_url)


def test_postgresql_holds_the_same_grades_as_sqlite(gradebooks):
    sqlite, postgres = gradebooks
    assert postgres == sqlite


def test_the_grades_compared_are_not_trivial(gradebooks):
    _, postgres = gradebooks
    assignment = get_assignment(NAME)
    tests = {f"{e.name}-tests": e.points for e in assignment.exercises}
    full = {k: v for k, v in postgres["full"].items() if k in tests}
    assert full == {k: (p, p) for k, p in tests.items()}
    assert all(postgres["stub"][k][0] == 0 for k in tests)
    partial = [postgres["partial"][k][0] for k in tests]
    assert 0 < sum(partial) < assignment.max_score
