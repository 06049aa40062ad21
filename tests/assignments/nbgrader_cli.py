"""nbgrader commands as the tests run them: this Python's nbgrader, from a course folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


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
