"""The former name of :mod:`autograder.nbgrader` (course configurations written for it keep
working): ``autograder.nbgrader_ext.OverwriteCells`` and friends."""

from autograder.nbgrader import KitExecute, KitNotebookExporter, OverwriteCells  # noqa: F401
from autograder.nbgrader.overwrite_cells import NOT_RUN, is_check_cell, released_source  # noqa: F401
