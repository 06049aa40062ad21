"""The kit's OverwriteCells, a sanitize preprocessor of ``nbgrader autograde``.

nbgrader's OverwriteCells compares every locked cell of a submission with the checksum of its
source version. A hidden test cell can never match: the released cell is the source cell without
its hidden region, so every hidden test cell of every student raises a "checksum has changed"
warning, and the warnings that matter (a student who edited a locked cell) drown in them. This
version first restores a hidden test cell whose submitted source is exactly the released one, so
that only real changes are reported (and, as before, overwritten).

With ``add_missing_cells``, nbgrader puts a deleted graded cell back after the cell that precedes
it in the source notebook, assuming that cell is a graded or solution cell; any other locked cell
there (the kit's check cells) makes it fail with a KeyError. This version inserts it after the
nearest preceding source cell that the submission still has.

The check cells (locked, tagged ``check``) call the student's function in the kernel itself,
outside the sandbox of the hidden test cells: under autograde, a function that loops for ever
would cost nbgrader's cell timeout there, and one that crashes or exits would kill the kernel and
fail the whole notebook. They grade nothing (the kit's own grader skips them too), so this version
turns them into comments before the notebook is executed.

nbgrader restores a known cell's type, lock, points and source, but not whether it is a graded
cell or a solution cell: a student who flips those flags makes nbgrader fail on the notebook (or
asks for a manual grade). This version puts both back from the gradebook. A cell whose grade_id
nbgrader does not know loses the id but keeps its other nbgrader metadata, which then fails
validation; this version drops that metadata, so the cell is an ordinary cell of the student's.

Its gradebook answers the lookups of every cell from one query per kind of cell
(:class:`~autograder.deliver.nbgrader.gradebook.NotebookGradebook`) instead of one query per cell.
"""

from __future__ import annotations

import copy

from nbgrader import utils
from nbgrader.api import MissingEntry
from nbgrader.preprocessors import ClearHiddenTests
from nbgrader.preprocessors import OverwriteCells as NbgraderOverwriteCells

from autograder.deliver.nbgrader.gradebook import NotebookGradebook


def released_source(source_cell_source: str) -> str:
    """What generate_assignment makes of a cell's source: its hidden test region removed."""
    cell = utils.NotebookNode(cell_type="code", source=source_cell_source,
                              metadata={"nbgrader": {"grade": True, "solution": False}})
    ClearHiddenTests()._remove_hidden_test_region(cell)
    return cell.source


class OverwriteCells(NbgraderOverwriteCells):
    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        self.notebook_id, self.assignment_id = info["notebook"], info["assignment"]
        self.db_url = info["db_url"]
        self._graded = self._solutions = None
        self.gradebook = NotebookGradebook(self.db_url)
        with self.gradebook:  # nbgrader's steps (its cell loop is its base class's)
            nb, resources = super(NbgraderOverwriteCells, self).preprocess(nb, resources)
            if self.add_missing_cells:
                nb, resources = self.add_missing_grade_cells(nb, resources)
                nb, resources = self.add_missing_task_cells(nb, resources)
        return nb, resources

    def preprocess_cell(self, cell, resources, cell_index):
        if self._graded is None:  # the first cell: preprocess has opened the gradebook
            source = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
            self._graded = {c.name for c in source.grade_cells}
            self._solutions = {c.name for c in source.solution_cells}
        meta = cell.metadata.get("nbgrader")
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        if grade_id in self._graded or grade_id in self._solutions:
            meta["grade"] = grade_id in self._graded
            meta["solution"] = grade_id in self._solutions
        if grade_id and utils.is_grade(cell) and utils.is_locked(cell):
            try:
                source = self.gradebook.find_source_cell(
                    grade_id, self.notebook_id, self.assignment_id).source
            except MissingEntry:
                source = None
            if source is not None and source != cell.source and \
                    cell.source == released_source(copy.copy(source)):
                cell.source = source
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if isinstance(meta, dict) and "grade_id" not in meta:
            del cell.metadata["nbgrader"]  # unknown to nbgrader: an ordinary cell now
        if is_check_cell(cell):
            cell.source = NOT_RUN + "".join(f"\n# {line}" for line in cell.source.splitlines())
        return cell, resources

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        source_cells = source_nb.source_cells
        grade_cells = {cell.name: cell for cell in source_nb.grade_cells}
        solution_ids = {cell.name for cell in source_nb.solution_cells}
        present = _positions(nb)
        for i, source_cell in enumerate(source_cells):
            if source_cell.name not in grade_cells or source_cell.name in present:
                continue
            self.log.warning("Missing grade cell %s encountered, adding to notebook",
                             source_cell.name)
            after = next((present[c.name] for c in reversed(source_cells[:i])
                          if c.name in present), -1)
            nb.cells.insert(after + 1, self.missing_cell_transform(
                source_cell, grade_cells[source_cell.name].max_score,
                is_solution=source_cell.name in solution_ids))
            present = _positions(nb)
        return nb, resources


NOT_RUN = ("# Not run by the autograder (it would call your function outside the sandbox of "
           "the hidden tests):")


def is_check_cell(cell) -> bool:
    """A locked check cell of the kit (it grades nothing)."""
    return (cell.cell_type == "code" and "check" in cell.metadata.get("tags", [])
            and utils.is_locked(cell) and not utils.is_grade(cell)
            and not utils.is_solution(cell))


def _positions(nb) -> dict[str, int]:
    """grade_id -> index of every cell of ``nb`` that has one."""
    return {cell.metadata["nbgrader"]["grade_id"]: i for i, cell in enumerate(nb.cells)
            if "grade_id" in cell.metadata.get("nbgrader", {})}
