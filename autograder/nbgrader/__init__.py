"""The kit's parts of an nbgrader course (named in ``assignments/nbgrader_config.py``).

- :class:`KitNotebookExporter` (``Autograde.exporter_class``): a submission nbgrader cannot read
  becomes an empty notebook that says why, so that its tests score zero with the reason instead
  of failing the student.
- :class:`OverwriteCells` (a sanitize preprocessor): nbgrader's, without its noise about hidden
  test cells, with the check cells turned into comments.
- :class:`KitExecute` (replaces ``Execute`` among the autograde preprocessors): grades the
  notebook with the kit's sandboxed engine, as ``autograder grade`` does, and writes each
  autograder test cell's feedback and points.
"""

from autograder.nbgrader.kit_execute import KitExecute
from autograder.nbgrader.overwrite_cells import OverwriteCells
from autograder.nbgrader.reader import KitNotebookExporter

__all__ = ["KitExecute", "KitNotebookExporter", "OverwriteCells"]
