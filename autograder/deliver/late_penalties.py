"""nbgrader's late penalties, read from a course's gradebook, for the kit's export and report.

nbgrader computes a late submission's penalty when it autogrades it (``AssignLatePenalties``,
with the course's ``LateSubmissionPlugin``) and keeps it in the gradebook; its own ``export``
writes ``score = max(0, raw_score - late_submission_penalty)``. :func:`read_penalties` reads the
same stored penalties, and :func:`apply_penalty` gives the same grade, rounded as the kit writes
points (:data:`DECIMALS`), so the kit's export and nbgrader's agree.

The gradebook is given as a database URL (``sqlite:///course/gradebook.db``,
``postgresql+psycopg://...``), a gradebook file, or a course folder holding ``gradebook.db``
(nbgrader's default) or ``gradebook/gradebook.db`` (a folder made by ``autograder course new``). It
is only read: no table is created, no course added.
"""

from __future__ import annotations

from pathlib import Path

#: the kit writes points with 4 decimals (nbgrader's export shows 26.799999999999997)
DECIMALS = 4


class GradebookError(ValueError):
    """The gradebook cannot be read or lacks a submission; the message says why."""


#: where a course folder keeps its gradebook: nbgrader's default, then ``autograder course new``'s
GRADEBOOK_PLACES = ("gradebook.db", "gradebook/gradebook.db")


def gradebook_url(where: str | Path) -> str:
    """The database URL of ``where``: a URL as given, a gradebook file, or a course folder."""
    text = str(where)
    if "://" in text:
        return text
    path = Path(text)
    if path.is_dir():
        found = [path / place for place in GRADEBOOK_PLACES if (path / place).is_file()]
        if len(found) > 1:
            raise GradebookError(f"two gradebooks in {where}: {found[0]} and {found[1]}; give "
                                 f"the one the course uses")
        path = found[0] if found else path / GRADEBOOK_PLACES[0]
    if not path.is_file():
        raise GradebookError(f"no gradebook at {where}: give the course folder (holding "
                             f"gradebook.db or gradebook/gradebook.db), the gradebook file, or "
                             f"its database URL")
    return f"sqlite:///{path.resolve()}"


def read_penalties(where: str | Path) -> dict[tuple[str, str], float]:
    """(nbgrader assignment, student id) -> the late penalty of every submission the gradebook
    holds (0.0 when on time or not autograded yet, as nbgrader's export counts it)."""
    from nbgrader.api import SubmittedAssignment
    from sqlalchemy import create_engine, select
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session

    url = gradebook_url(where)
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return {(s.assignment.name, s.student.id): float(s.late_submission_penalty or 0.0)
                    for s in session.scalars(select(SubmittedAssignment))}
    except SQLAlchemyError as exc:
        raise GradebookError(f"cannot read the gradebook {url}: {exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0]}") from exc
    finally:
        engine.dispose()


def apply_penalty(score: float, penalty: float) -> float:
    """The grade nbgrader's export gives (never below zero), rounded as the kit writes points."""
    return round(max(0.0, score - penalty), DECIMALS)


def penalty_for(penalties: dict[tuple[str, str], float], assignment: str, student: str) -> float:
    """The penalty of ``student``'s ``assignment`` (nbgrader's names); GradebookError when the
    gradebook has no such submission (a guess of zero could hide a late one)."""
    try:
        return penalties[(assignment, student)]
    except KeyError:
        raise GradebookError(
            f"the gradebook has no submission of {assignment} by {student}: collect and "
            f"autograde it with nbgrader first, or export without --gradebook") from None
