"""Start the grading pools of an ``nbgrader autograde`` run before its first notebook.

A pool's launchers take about a second to start (a fresh interpreter importing NumPy, Matplotlib
and the course library; TensorFlow for the week-3 assignment). The earliest moment the kit's
code runs in an autograde run is when nbgrader makes its exporter
(:class:`~autograder.deliver.nbgrader.reader.KitNotebookExporter`), after it has found the submissions
and before it prepares the first one: :func:`start_run` starts the pools of the first
submission's notebooks then, so that their launchers start while nbgrader reads, sanitizes and
registers that submission. Nothing else changes: :class:`~autograder.deliver.nbgrader.KitExecute` finds
the running pool where it would otherwise have started it.

The exporter is made once per run, so this is also where a run begins: what an earlier run in the
same process kept (the formgrader runs autograde in its own process) is closed and forgotten.
"""

from __future__ import annotations

from pathlib import Path

from traitlets.utils.importstring import import_item

from autograder.course.registry import get_assignment
from autograder.deliver.nbgrader.kit_execute import KitExecute, begin_run, kit_test_cells, nbgrader_queue


def runs_kit_execute(converter) -> bool:
    """Whether ``converter`` is an autograde run with KitExecute among its preprocessors."""
    for preprocessor in getattr(converter, "autograde_preprocessors", None) or []:
        if isinstance(preprocessor, str):
            try:
                preprocessor = import_item(preprocessor)
            except ImportError:
                continue
        if isinstance(preprocessor, type) and issubclass(preprocessor, KitExecute):
            return True
    return False


def start_run(exporter) -> None:
    """A new autograde run: forget the last one's state (:func:`begin_run`) and start the pools
    of the first submission that ``exporter``'s run will grade. Starting them never raises:
    whatever goes wrong there happens again, and is reported, on first use."""
    converter = getattr(exporter, "parent", None)
    begin_run(converter)
    try:
        if not runs_kit_execute(converter):
            return
        assignment_ids = {Path(folder).name for folder in converter.assignments}
        for assignment_id in sorted(assignment_ids):
            queue = nbgrader_queue(converter, assignment_id)
            if queue:
                break
        else:
            return
        student, folder = queue[0]
        kit = KitExecute(parent=exporter, config=exporter.config)
        for notebook in converter.assignments[folder]:
            notebook_id = Path(notebook).stem
            tests = kit_test_cells(converter.coursedir.db_url, notebook_id, assignment_id)
            if not tests or None in tests.values():
                continue
            kit.set_notebook(student, assignment_id, notebook_id)
            for name in dict.fromkeys(a for a, _ in tests.values()):
                kit.pool(get_assignment(name))
    except Exception as exc:  # noqa: BLE001 (an optimisation only)
        exporter.log.debug("the kit's grading pools start on first use: %s", exc)
