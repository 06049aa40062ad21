"""An exporter for ``nbgrader autograde`` that reads every submitted file, even a broken one.

nbgrader reads a submitted notebook with ``nbformat.read``; a file that is not a notebook (broken
JSON, a picture renamed ``.ipynb``, cells that are not cells) raises there, nbgrader reports an
error for that student and leaves the grades empty. With this exporter (``Autograde.exporter_class``)
such a file becomes an empty notebook whose metadata holds the reason, in the kit's plain words
(:func:`autograder.engine.submission.load_submission`). ``OverwriteCells.add_missing_cells`` then puts
every graded cell back, and :class:`autograder.deliver.nbgrader.KitExecute` gives each autograder test
cell zero points with that reason: the student gets a grade and a feedback that say why.

Being made once per autograde run, when it has found the submissions, it also begins the kit's
part of the run and starts its grading pools (:mod:`autograder.deliver.nbgrader.early_start`).
"""

from __future__ import annotations

import json
import os

import nbformat
from nbconvert.exporters import NotebookExporter

from autograder.engine.submission import SubmissionError, load_submission

#: the notebook metadata key that carries the reason (``{"unreadable": reason}``)
METADATA_KEY = "autograder"


def unreadable_notebook(reason: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata[METADATA_KEY] = {"unreadable": reason}
    return nb


def unreadable_reason(nb) -> str | None:
    """The reason recorded by :class:`KitNotebookExporter`, or None for a notebook it read."""
    data = nb.get("metadata", {}).get(METADATA_KEY)
    return data.get("unreadable") if isinstance(data, dict) else None


class KitNotebookExporter(NotebookExporter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # nbgrader makes its exporter once it knows the submissions, before the first one
        from autograder.deliver.nbgrader.early_start import start_run

        start_run(self)

    def from_filename(self, filename, resources=None, **kw):
        self._filename = filename
        return super().from_filename(filename, resources, **kw)

    def from_file(self, file_stream, resources=None, **kw):
        text = None
        try:
            text = file_stream.read()
            nb = nbformat.reads(text, as_version=4)
            broken = _broken_cells(nb)
        except Exception as exc:  # noqa: BLE001 (whatever the reader chokes on)
            broken = f"{type(exc).__name__}: {str(exc)[:300]}"
        if broken:
            nb = unreadable_notebook(self._reason(text, broken))
        return self.from_notebook_node(nb, resources=resources, **kw)

    def _reason(self, text: str | None, problem: str) -> str:
        """The kit's own message when it has one (broken JSON, not UTF-8, ...), else what is
        wrong with the cells."""
        path = getattr(self, "_filename", None)
        if path:
            try:
                load_submission(path)
            except SubmissionError as plain:
                return str(plain)
            except Exception:  # noqa: BLE001
                pass
        try:
            raw = json.loads(text) if text is not None else None
        except ValueError:
            raw = None
        if isinstance(raw, dict) and _broken_cells(raw):
            problem = _broken_cells(raw)
        name = os.path.basename(path) if path else "the notebook"
        return f"{name} is not a valid notebook: {problem}"


def _broken_cells(nb) -> str:
    """What makes nbgrader's preprocessors fail on ``nb`` (cells that are not cells), or "".

    Other departures from the schema (which nbformat only warns about) are left to nbgrader."""
    cells = nb.get("cells")
    if not isinstance(cells, list):
        return "it has no list of cells"
    for i, cell in enumerate(cells):
        if not (isinstance(cell, dict) and cell.get("cell_type") in ("code", "markdown", "raw")
                and isinstance(cell.get("source"), str)
                and isinstance(cell.get("metadata", {}), dict)):
            return f"its cell {i + 1} is not a notebook cell"
    return ""
