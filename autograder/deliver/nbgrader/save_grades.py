"""nbgrader's SaveAutoGrades, in one transaction per notebook.

nbgrader's SaveAutoGrades looks up each graded cell's grade and each solution cell's comment with
a query of its own and commits after each one: with SQLite, every commit is a disk sync, and a
notebook of the course (13 test cells, 13 solution cells) costs 26 lookups and 26 commits, the
largest part of nbgrader's own time per notebook. This version writes the same values (the
automatic score, whether a manual grade is needed, the "No response." comment) by the same
rules, after reading the notebook's grades and comments in two queries
(:class:`~autograder.deliver.nbgrader.gradebook.NotebookGradebook`), and commits once: a notebook's
grades are saved all together or, if anything fails, not at all.
"""

from __future__ import annotations

from nbgrader import utils
from nbgrader.preprocessors import SaveAutoGrades as NbgraderSaveAutoGrades

from autograder.deliver.nbgrader.gradebook import NotebookGradebook


class SaveAutoGrades(NbgraderSaveAutoGrades):
    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        self.notebook_id, self.assignment_id = info["notebook"], info["assignment"]
        self.student_id, self.db_url = info["student"], info["db_url"]
        self.gradebook = NotebookGradebook(self.db_url)
        with self.gradebook:
            # nbgrader's cell loop (the base class of nbgrader's SaveAutoGrades), then one commit
            nb, resources = super(NbgraderSaveAutoGrades, self).preprocess(nb, resources)
            self.gradebook.db.commit()
        return nb, resources

    def _add_score(self, cell, resources) -> None:
        """nbgrader's rule: the automatic score; a manual grade (kept) or no automatic score
        means the cell needs a grader's review."""
        grade = self.gradebook.find_grade(cell.metadata["nbgrader"]["grade_id"],
                                          self.notebook_id, self.assignment_id, self.student_id)
        grade.auto_score, _ = utils.determine_grade(cell, self.log)
        grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None

    def _add_comment(self, cell, resources) -> None:
        """nbgrader's rule: "No response." on an answer cell left as released."""
        comment = self.gradebook.find_comment(cell.metadata["nbgrader"]["grade_id"],
                                              self.notebook_id, self.assignment_id,
                                              self.student_id)
        unchanged = cell.metadata.nbgrader.get("checksum", None) == utils.compute_checksum(cell)
        comment.auto_comment = "No response." if unchanged and not utils.is_task(cell) else None
