"""A term's nbgrader course folder, outside the kit's checkout.

    autograder course new ~/courses/dnn-2027 --course-id dnn-2027 [--assignments a,b]
                          [--exchange /srv/nbgrader/exchange]
    autograder course sources [--course DIR]    # after editing course.toml

``course new`` writes::

    DIR/course.toml                 the term's assignments, exercises and points (course_file)
    DIR/nbgrader_config.py          the kit's nbgrader configuration + this term's settings
    DIR/student_nbgrader_config.py  what students' nbgrader needs (course id, exchange)
    DIR/source/<a>/<a>.ipynb        the term's source notebooks, made from course.toml
    DIR/source/<a>/course_lib/      the course's library and <a>'s public check data (with
                                    that of the extras the term turns on)
    DIR/exchange/                   nbgrader's exchange (unless --exchange names another)

and nbgrader keeps the term's gradebook (``gradebook/``), release, submissions, autograded
notebooks and feedback there. ``course_lib`` reaches students inside the released assignment:
nbgrader's generate_assignment copies the files beside a source notebook into the release, and
fetch_assignment puts them beside the student's notebook, where its imports find them.

Permissions: the folder holds every student's work and grades, so it is private (0700), and
so are the folders in it; only the exchange is shared (1777, as nbgrader wants it, with the
sticky bit so that no user can remove another's files). An exchange inside the folder makes the
folder itself traversable (0711: students reach ``exchange/`` without listing anything else).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbformat

from autograder.course.course_file import (
    ENV,
    FILE_NAME,
    Course,
    CourseFileError,
    active_course,
    default_course_text,
    read_course,
)
from autograder.course.expected import KIT_ROOT
from autograder.course.registry import declared_names

PRIVATE = ("source", "release", "submitted", "autograded", "feedback", "gradebook", "exports")
KIT_CONFIG = KIT_ROOT / "assignments" / "nbgrader_config.py"

TERM_CONFIG = '''
# ---- This term's course folder (written by `autograder course new`) ----
# The settings above are the kit's (assignments/nbgrader_config.py when this folder was made);
# these come last, so they win.
import os  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
c.CourseDirectory.course_id = @COURSE_ID@
c.CourseDirectory.root = str(HERE)
# The gradebook in a private folder of its own (the course folder may be traversable).
c.CourseDirectory.db_url = f"sqlite:///{HERE / 'gradebook' / 'gradebook.db'}"
# Where release_assignment, fetch, submit, collect and the feedback meet (1777).
c.Exchange.root = @EXCHANGE@
# The kit grades with this folder's course.toml (its exercises and points), in nbgrader's
# processes and in those they start.
os.environ["AUTOGRADER_COURSE"] = str(HERE)
'''

STUDENT_CONFIG = '''\
"""The students' nbgrader configuration for course @COURSE_ID@.

On a JupyterHub, copy it to /etc/jupyter/nbgrader_config.py (every user) or to each student's
~/.jupyter/nbgrader_config.py; the Assignments tab and `nbgrader fetch_assignment` then find
the course's assignments.
"""

c = get_config()  # noqa: F821 (provided by nbgrader)
c.CourseDirectory.course_id = @COURSE_ID@
c.Exchange.root = @EXCHANGE@
'''


class CourseFolderError(ValueError):
    """A course folder that cannot be made as asked; the message says why."""


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _add_extras_check_data(path: Path, assignment) -> None:
    """The kit's check data is the default course's: a term that turns optional extras on gets
    the check data of its own assignment, so that the extras' check cells work too."""
    from autograder.build.public import public_cases, render

    shipped = json.loads(path.read_text())["exercises"]
    if any(e.name not in shipped for e in assignment.exercises):
        path.write_text(render(public_cases(assignment)))


def write_sources(course: Course) -> list[Path]:
    """Write the term's source notebook and course_lib of every assignment of ``course`` into
    its folder's ``source/``; returns the notebooks written."""
    from autograder.build.notebooks import CONTENT_DIR, build_notebook, render
    from autograder.deliver.student_bundle import copy_course_lib

    folder = course.path.parent
    written = []
    for name, assignment in course.assignments.items():
        target = folder / "source" / name
        target.mkdir(parents=True, exist_ok=True)
        notebook = target / f"{name}.ipynb"
        nb = build_notebook(assignment, (CONTENT_DIR / f"{name}.py").read_text())
        nbformat.validate(nb)
        notebook.write_text(render(nb))
        shutil.rmtree(target / "course_lib", ignore_errors=True)
        copy_course_lib(target / "course_lib", name)
        _add_extras_check_data(target / "course_lib" / "public_cases" / f"{name}.json", assignment)
        written.append(notebook)
    return written


def new_course(folder: str | Path, course_id: str, names: list[str] | None = None,
               exchange: str | Path | None = None) -> Course:
    """Make the course folder of a term (see the module's docstring)."""
    folder = Path(folder).expanduser().resolve()
    if folder == KIT_ROOT or KIT_ROOT in folder.parents:
        raise CourseFolderError(
            f"{folder} is inside the kit's checkout ({KIT_ROOT}); a term's course lives outside "
            "it, so that updating the kit never touches the term's data.")
    if folder.exists() and any(folder.iterdir()):
        raise CourseFolderError(f"{folder} exists and is not empty; name a new folder.")
    unknown = [n for n in names or [] if n not in declared_names()]
    if unknown:
        raise CourseFolderError(f"no assignment called {', '.join(unknown)}; the kit has "
                                f"{', '.join(declared_names())}.")
    exchange = Path(exchange).expanduser().resolve() if exchange else folder / "exchange"
    inside = folder in exchange.parents
    if exchange.exists() and exchange.stat().st_mode & 0o777 != 0o777:
        raise CourseFolderError(
            f"{exchange} has mode {exchange.stat().st_mode & 0o7777:o}; nbgrader's exchange must "
            "be writable by every student: make it 1777 (chmod 1777, as its owner), or name "
            "another with --exchange.")
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o711 if inside else 0o700)
    for name in PRIVATE:
        (folder / name).mkdir(mode=0o700)
    if not exchange.exists():  # an existing one is used as it is (checked above)
        exchange.mkdir(parents=True)
        exchange.chmod(0o1777)
    (folder / FILE_NAME).write_text(default_course_text(course_id, names or None))
    config = KIT_CONFIG.read_text() + TERM_CONFIG
    values = {"@COURSE_ID@": _quoted(course_id), "@EXCHANGE@": _quoted(str(exchange))}
    for key, value in values.items():
        config = config.replace(key, value)
    student = STUDENT_CONFIG
    for key, value in values.items():
        student = student.replace(key, value)
    (folder / "nbgrader_config.py").write_text(config)
    (folder / "student_nbgrader_config.py").write_text(student)
    for path in (folder / FILE_NAME, folder / "nbgrader_config.py"):
        path.chmod(0o600)
    course = read_course(folder)
    write_sources(course)
    return course


def _new(args) -> int:
    names = [n.strip() for n in args.assignments.split(",")] if args.assignments else None
    course = new_course(args.folder, args.course_id, names, args.exchange)
    folder = course.path.parent
    print(f"wrote {folder}")
    for name, assignment in course.assignments.items():
        print(f"  source/{name}/{name}.ipynb  ({len(assignment.exercises)} exercises, "
              f"{assignment.max_score:g} points)")
    print(f"Next: cd {folder}; edit {FILE_NAME} (then autograder course sources); "
          "nbgrader generate_assignment NAME")
    return 0


def _sources(args) -> int:
    course = active_course()
    if course is None:
        raise CourseFolderError(f"no course: run this in a course folder (with {FILE_NAME}) or "
                                "give --course DIR.")
    for path in write_sources(course):
        print(f"wrote {path}")
    return 0


def add_commands(sub) -> None:
    """The ``autograder course`` commands, added to the CLI's subcommands."""
    course = sub.add_parser("course", help="a term's nbgrader course folder, outside the kit")
    commands = course.add_subparsers(dest="course_command", required=True)
    new = commands.add_parser("new", help="make a term's course folder: course.toml, nbgrader's "
                              "configuration, an exchange, the source notebooks")
    new.add_argument("folder", metavar="DIR")
    new.add_argument("--course-id", required=True, help="nbgrader's course id")
    new.add_argument("--assignments", help="comma-separated assignments (default: the kit's "
                     "default course; an optional assignment named here is on whole)")
    new.add_argument("--exchange", metavar="DIR", help="nbgrader's exchange (default: "
                     "DIR/exchange); on a multi-user hub, a shared folder such as "
                     "/srv/nbgrader/exchange")
    new.set_defaults(run=_new)
    sources = commands.add_parser("sources", help="rewrite source/ from course.toml (run "
                                  "nbgrader generate_assignment NAME --force after)")
    sources.set_defaults(run=_sources)


def activate_from(argv: list[str]) -> list[str]:
    """Make the course of ``--course DIR`` (anywhere in ``argv``), else the one
    ``AUTOGRADER_COURSE`` names, else a course.toml in the current folder, the one the command
    runs with; returns ``argv`` without ``--course``."""
    from autograder.course.course_file import activate

    rest, where = [], None
    items = iter(argv)
    for item in items:
        if item == "--course":
            where = next(items, None)
            if where is None:
                raise CourseFolderError("--course needs a folder (the term's course folder).")
        elif item.startswith("--course="):
            where = item.split("=", 1)[1]
        else:
            rest.append(item)
    if where:
        activate(where)
    elif not os.environ.get(ENV) and Path(FILE_NAME).is_file():
        activate(Path.cwd())
    return rest


ERRORS = (CourseFileError, CourseFolderError)
