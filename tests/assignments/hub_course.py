"""A term's hub users' configuration, as the JupyterHub test lays it out: the course folder
(made by ``autograder course new``) in the instructor's home, the exchange beside it, and each hub
user's own nbgrader configuration.
"""

from __future__ import annotations

import json
from pathlib import Path

FORMGRADER = "nbgrader.server_extensions.formgrader"
#: nbgrader's JupyterLab plugins that only an instructor uses
INSTRUCTOR_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment")


def write_user_config(home: Path, text: str) -> None:
    """``~/.jupyter/nbgrader_config.py`` of a hub user (read by the user's Jupyter server)."""
    folder = home / ".jupyter"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n" + text)


def instructor_config(home: Path, course: Path) -> None:
    """The instructor's formgrader reads its configuration from ``~/.jupyter`` and the server's
    folder, not from the course folder: load the course's own file from there. The course folder
    must lie inside the instructor's server folder (the formgrader refuses it otherwise)."""
    assert course.is_relative_to(home), "the course folder must be inside the instructor's home"
    write_user_config(home, f"load_subconfig({str(course / 'nbgrader_config.py')!r})  # noqa: F821\n")


def student_config(home: Path, student: str, course_id: str, exchange: Path) -> None:
    """A student's configuration: the exchange and the course. The test's hub users share one
    operating-system account, so each also names its student id (on a real hub nbgrader takes it
    from the account). The instructor's tools are switched off for the student: the formgrader's
    server extension in the user's server configuration (``jupyter server extension disable``
    refuses nbgrader 0.9.6's module), the instructor's lab plugins as ``jupyter labextension
    disable --level=user`` writes it."""
    write_user_config(home, f"c.Exchange.root = {str(exchange)!r}\n"
                            f"c.CourseDirectory.course_id = {course_id!r}\n"
                            f"c.CourseDirectory.student_id = {student!r}\n")
    server = {"ServerApp": {"jpserver_extensions": {FORMGRADER: False}}}
    (home / ".jupyter" / "jupyter_server_config.json").write_text(json.dumps(server))
    lab = home / ".jupyter" / "labconfig" / "page_config.json"
    lab.parent.mkdir(parents=True, exist_ok=True)
    lab.write_text(json.dumps({"disabledExtensions": {p: True for p in INSTRUCTOR_PLUGINS}}))
