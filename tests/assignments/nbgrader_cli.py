"""nbgrader as the tests use it: this Python's nbgrader commands, run from a course folder, and a
student's copy of a released notebook."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat

#: nbgrader's late penalty as nbgrader's guide writes one (appended to a course's
#: ``nbgrader_config.py``): 1.3 points per started hour late, a float that does not add up exactly
LATE_PENALTY_PLUGIN = '''
import math
from nbgrader.plugins import LateSubmissionPlugin


class PerHour(LateSubmissionPlugin):
    """1.3 points per started hour late, at most the score."""

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        return min(score, 1.3 * math.ceil(total_seconds_late / 3600))


c.AssignLatePenalties.plugin_class = PerHour
'''


def nbgrader(cwd: Path, *args: str, home: Path | None = None, timeout: float = 1200,
             check: bool = True) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` in ``cwd`` (as a student with ``home``); unless ``check`` is false,
    fail the test if it fails."""
    # nbgrader runs `alembic` from PATH when it creates a gradebook
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    if home is not None:
        env["HOME"] = str(home)
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0 or not check, done.stdout[-5000:] + done.stderr[-8000:]
    return done


#: runs each argv (a JSON list of lists) with the app that ``nbgrader ARGV[0]`` runs
_MANY = """
import json, sys
from nbgrader.apps.nbgraderapp import NbGraderApp

for argv in json.loads(sys.argv[1]):
    app_class = NbGraderApp.subcommands[argv[0]][0]
    app = app_class.instance()
    app.initialize(argv[1:])
    app.start()
    app_class.clear_instance()
"""


def nbgrader_many(cwd: Path, *commands: list[str], home: Path | None = None,
                  timeout: float = 600) -> subprocess.CompletedProcess:
    """``nbgrader COMMAND`` for each of ``commands`` in turn, in one process (nbgrader's own apps
    with the same arguments; one start-up of nbgrader, about 3 s, instead of one per command);
    fail the test if one fails (nbgrader exits at the first failure)."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    if home is not None:
        env["HOME"] = str(home)
    done = subprocess.run([sys.executable, "-c", _MANY, json.dumps(list(commands))], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-8000:]
    return done


def fill(release: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A student's copy of the released notebook with some solution cells answered."""
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb
