"""nbgrader's Gradebook, answering the autograde preprocessors' per-cell lookups from memory.

nbgrader's OverwriteCells and SaveAutoGrades look every cell up with a query of its own (a join
over four to six tables): about 75 queries per notebook for the course's notebooks, a tenth of
nbgrader's time per notebook. :class:`NotebookGradebook` loads a notebook's cells (or a submitted
notebook's grades and comments) with one query when it is first asked, and then answers
``find_notebook``, ``find_source_cell``, ``find_graded_cell``, ``find_grade`` and
``find_comment`` from that: the same objects, in the same session, and
:class:`~nbgrader.api.MissingEntry` where nbgrader raises it. The preprocessors only read cells
and update grades and comments, never add or remove any, so what was loaded stays true for the
life of the gradebook (one preprocessor call).

It also keeps one engine per database for the whole run: SQLAlchemy compiles each query once per
engine, and nbgrader makes a new engine for every gradebook it opens (compiling the queries was
most of the lookups' time).
"""

from __future__ import annotations

from nbgrader.api import (
    Assignment,
    BaseCell,
    Comment,
    Grade,
    Gradebook,
    GradeCell,
    MissingEntry,
    Notebook,
    SourceCell,
    TaskCell,
)
from sqlalchemy.orm import scoped_session, sessionmaker

#: which kind of cell nbgrader's lookups try first, for a name two kinds share
GRADED_FIRST = ("GradeCell", "TaskCell")
COMMENTED_FIRST = ("SolutionCell", "TaskCell")


#: db_url -> the engine of every NotebookGradebook of that database in this process
_ENGINES: dict[str, object] = {}


class NotebookGradebook(Gradebook):
    """A :class:`~nbgrader.api.Gradebook` with per-notebook lookups loaded once."""

    def __init__(self, db_url: str, course_id: str = "default_course", authenticator=None):
        if db_url not in _ENGINES:  # nbgrader's set-up: the tables, their version, the course
            super().__init__(db_url, course_id, authenticator)
            _ENGINES[db_url] = self.engine
        else:  # done once in this process; the engine keeps its compiled statements
            self.engine = _ENGINES[db_url]
            self.db = scoped_session(sessionmaker(autoflush=True, bind=self.engine, future=True))
            self.check_course(course_id=course_id)
            self.course_id, self.authenticator = course_id, authenticator
        self._loaded: dict[tuple, object] = {}

    def close(self) -> None:
        """End the session; the engine stays for the next notebook (nbgrader disposes of it)."""
        self.db.remove()

    def _once(self, key: tuple, load):
        if key not in self._loaded:
            self._loaded[key] = load()
        return self._loaded[key]

    def _of_notebook(self, query, cell_class, notebook: str, assignment: str):
        return (query.join(Notebook, Notebook.id == cell_class.notebook_id)
                .join(Assignment, Assignment.id == Notebook.assignment_id)
                .filter(Notebook.name == notebook, Assignment.name == assignment))

    def find_notebook(self, name: str, assignment: str) -> Notebook:
        return self._once(("notebook", name, assignment),
                          lambda: super(NotebookGradebook, self).find_notebook(name, assignment))

    def find_source_cell(self, name: str, notebook: str, assignment: str) -> SourceCell:
        cells = self._once(("source", notebook, assignment), lambda: {
            cell.name: cell for cell in self._of_notebook(
                self.db.query(SourceCell), SourceCell, notebook, assignment)})
        if name not in cells:
            raise MissingEntry(f"No such source cell: {assignment}/{notebook}/{name}")
        return cells[name]

    def find_graded_cell(self, name: str, notebook: str, assignment: str):
        def load():
            found: dict = {}
            for cell_class in (TaskCell, GradeCell):  # GradeCell last: it wins a shared name
                query = self._of_notebook(self.db.query(cell_class), cell_class, notebook,
                                          assignment)
                found.update({cell.name: cell for cell in query})
            return found

        cells = self._once(("graded", notebook, assignment), load)
        if name not in cells:
            raise MissingEntry(f"No such grade cell: {assignment}/{notebook}/{name}")
        return cells[name]

    def _record(self, record_class, first: tuple[str, str], cell: str, notebook: str,
                assignment: str, student: str):
        """The ``record_class`` (Grade or Comment) of ``cell`` in one submitted notebook; the
        records of the notebook are loaded at the first call, the cell kinds nbgrader tries
        first winning a name two kinds share."""
        def load() -> dict:
            submitted = self._once(("submitted", notebook, assignment, student),
                                   lambda: self.find_submission_notebook(notebook, assignment,
                                                                         student))
            rows = (self.db.query(record_class, BaseCell.name, BaseCell.type)
                    .join(BaseCell, BaseCell.id == record_class.cell_id)
                    .filter(record_class.notebook_id == submitted.id,
                            BaseCell.type.in_(first)))
            ranked = sorted(rows, key=lambda row: first.index(row[2]), reverse=True)
            return {name: record for record, name, _ in ranked}

        records = self._once((record_class.__name__, notebook, assignment, student), load)
        if cell not in records:
            kind = record_class.__name__.lower()
            raise MissingEntry(f"No such {kind}: {assignment}/{notebook}/{cell} for {student}")
        return records[cell]

    def find_grade(self, grade_cell: str, notebook: str, assignment: str, student: str) -> Grade:
        return self._record(Grade, GRADED_FIRST, grade_cell, notebook, assignment, student)

    def find_comment(self, solution_cell: str, notebook: str, assignment: str,
                     student: str) -> Comment:
        return self._record(Comment, COMMENTED_FIRST, solution_cell, notebook, assignment,
                            student)
