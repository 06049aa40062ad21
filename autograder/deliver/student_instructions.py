"""The short instructions file of the student bundle (``INSTRUCTIONS.md``): how to work, how to
submit, which file name to keep. One text for every assignment, with its title, file name and
points filled in; each sentence whole (translatable as a unit)."""

from __future__ import annotations

from autograder.course.spec import Assignment

TEMPLATE = """\
# {title}: how to work and how to submit

This folder holds your notebook `{notebook}`, the course's library `course_lib/` (used by the
notebook's check cells) and `requirements.txt`. The assignment is worth {points:g} points.

## Set up (once)

    python3 -m venv .venv
    .venv/bin/pip install -r requirements.txt
    .venv/bin/jupyter lab {notebook}

On Windows the programs are in `.venv\\Scripts\\` instead of `.venv/bin/`. On the course's
JupyterHub everything is installed already: open the notebook from the Assignments tab.

## Work

- Write your code in the cells that say `# YOUR CODE HERE`, and delete the line
  `raise NotImplementedError()` below it.
- Run the check cell under each exercise: it tests your function on the visible cases and says
  what is wrong. The grade also uses hidden cases, so a passing check is not the whole grade.
- Keep the names of the functions and of their arguments as they are: the autograder calls them
  by name.
- Do not delete, split or merge the cells you were given; add new cells if you need them.
- Before submitting, run Kernel > Restart Kernel and Run All Cells, and check that no cell fails.

## Keep the file name

Submit the notebook as `{notebook}`, in this folder, beside `course_lib/`. Do not rename it and
do not copy your work into another notebook: the autograder looks for `{notebook}`.

## Submit

- On the course's JupyterHub (nbgrader): save the notebook, then click Submit next to
  `{name}` in the Assignments tab. You may submit again; the last submission is graded.
- On Gradescope: upload `{notebook}` alone (not the folder, not a zip).
- A submission after the due date may lose points, as the course announces.
"""


def instructions(assignment: Assignment) -> str:
    """The text of ``INSTRUCTIONS.md`` for ``assignment``."""
    return TEMPLATE.format(title=assignment.title, name=assignment.name,
                           notebook=f"{assignment.name}.ipynb", points=assignment.max_score)
