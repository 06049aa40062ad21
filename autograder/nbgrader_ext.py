"""nbgrader preprocessors of the course (named in ``assignments/nbgrader_config.py``).

nbgrader's OverwriteCells compares every locked cell of a submission with the checksum of its
source version. A hidden test cell can never match: the released cell is the source cell without
its hidden region, so every hidden test cell of every student raises a "checksum has changed"
warning, and the warnings that matter (a student who edited a locked cell) drown in them. This
version first restores a hidden test cell whose submitted source is exactly the released one, so
that only real changes are reported (and, as before, overwritten).
"""

from __future__ import annotations

import copy

from nbgrader import utils
from nbgrader.api import MissingEntry
from nbgrader.preprocessors import ClearHiddenTests
from nbgrader.preprocessors import OverwriteCells as NbgraderOverwriteCells


def released_source(source_cell_source: str) -> str:
    """What generate_assignment makes of a cell's source: its hidden test region removed."""
    cell = utils.NotebookNode(cell_type="code", source=source_cell_source,
                              metadata={"nbgrader": {"grade": True, "solution": False}})
    ClearHiddenTests()._remove_hidden_test_region(cell)
    return cell.source


class OverwriteCells(NbgraderOverwriteCells):
    def preprocess_cell(self, cell, resources, cell_index):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id and utils.is_grade(cell) and utils.is_locked(cell):
            try:
                source = self.gradebook.find_source_cell(
                    grade_id, self.notebook_id, self.assignment_id).source
            except MissingEntry:
                source = None
            if source is not None and source != cell.source and \
                    cell.source == released_source(copy.copy(source)):
                cell.source = source
        return super().preprocess_cell(cell, resources, cell_index)
