"""nbgrader as the tests use it: this Python's nbgrader commands, run from a course folder, and a
student's copy of a released notebook."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat


def nbgrader(cwd: Path, *args: str, home: Path | None = None,
             timeout: float = 1200) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` in ``cwd`` (as a student with ``home``); fail the test if it fails."""
    # nbgrader runs `alembic` from PATH when it creates a gradebook
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    if home is not None:
        env["HOME"] = str(home)
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)
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
