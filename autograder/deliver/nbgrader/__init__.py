"""The kit's parts of an nbgrader course (named in ``assignments/nbgrader_config.py``).

- :class:`KitNotebookExporter` (``Autograde.exporter_class``): a submission nbgrader cannot read
  becomes an empty notebook that says why, so that its tests score zero with the reason instead
  of failing the student.
- :class:`OverwriteCells` (a sanitize preprocessor): nbgrader's, without its noise about hidden
  test cells, with the check cells turned into comments.
- :class:`CheckCellMetadata` (sanitize and autograde): nbgrader's, with its JSON schema
  compiled once per run instead of once per cell.
- :class:`SaveAutoGrades` (autograde): nbgrader's, one transaction per notebook.
- :class:`KitExecute` (replaces ``Execute`` among the autograde preprocessors): grades the
  notebook with the kit's sandboxed engine, as ``autograder grade`` does, and writes each
  autograder test cell's feedback and points.
- :class:`RoundedCsvExport` (``ExportApp.plugin_class``): nbgrader's CSV export, its numbers
  rounded as the kit writes points.

The classes are imported on first use: the grading pool's process
(:mod:`autograder.deliver.nbgrader.pool_process`) lives in this package and must not import nbgrader.
"""

import importlib

_MODULES = {
    "CheckCellMetadata": "check_metadata",
    "KitExecute": "kit_execute",
    "KitNotebookExporter": "reader",
    "OverwriteCells": "overwrite_cells",
    "RoundedCsvExport": "rounded_export",
    "SaveAutoGrades": "save_grades",
}
__all__ = sorted(_MODULES)


def __getattr__(name: str):
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
