"""What the tests compare the registry with, read from the course's other sources (never copied
into a test): the teaching order of the teaching text and the points of the source notebook.

So adding an exercise edits no test: the lists and totals the tests check come from here.
"""

from __future__ import annotations

import json

from autograder.build.notebooks import CONTENT_DIR, notebook_path, parse_content


def teaching_order(assignment: str) -> list[str]:
    """The exercises in the order of the ``# %% exercise NAME`` lines of the teaching text."""
    cells = parse_content((CONTENT_DIR / f"{assignment}.py").read_text())
    return [d.split()[1] for d, _ in cells if d.split()[:1] == ["exercise"]]


def notebook_points(assignment: str) -> float:
    """The points nbgrader grades: the sum over the source notebook's autograded test cells."""
    nb = json.loads(notebook_path(assignment).read_text())
    return sum(cell["metadata"]["nbgrader"].get("points", 0) for cell in nb["cells"]
               if cell["metadata"].get("nbgrader", {}).get("grade")
               and not cell["metadata"]["nbgrader"].get("solution"))
