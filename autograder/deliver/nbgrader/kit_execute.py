"""nbgrader's ``Execute`` step of ``autograde`` replaced by the kit's sandboxed engine.

nbgrader's ``Execute`` runs every cell of the student's notebook in one Jupyter kernel and reads
each autograder test cell's outputs as its grade: the hidden test cells run after the student's
code, in the same kernel, so a cell of the student's can change what they print and return
(``h.score = lambda *a, **k: -1.0`` earns full marks: nbgrader counts a negative value as full
credit). :class:`KitExecute` runs no kernel. For a notebook of one of the kit's assignments it

1. maps each autograder test cell to its exercise through the gradebook's source cell
   (``score("<assignment>", "<exercise>")`` in its hidden region; the student's copy of the cell is
   never read),
2. grades the notebook exactly as ``autograder grade`` does (:func:`notebook_submission`, then
   :func:`autograder.engine.grading.grade_loaded` on a warm launcher: same sandbox, limits, cases and
   scoring), and
3. writes into each autograder test cell what nbgrader reads: the exercise's feedback as a stdout
   stream and its points as the ``execute_result`` (``text/plain`` a plain float).

The student's code runs only in children of the launchers; every output nbgrader reads is written
here, in the grader's process, after the whole notebook has run. Up to ``workers`` warm launchers
(2 by default, as ``autograder grade --jobs 2``) serve the whole ``nbgrader autograde`` run and
grade the class ahead of nbgrader, in its order, in a process of their own
(:mod:`autograder.deliver.nbgrader.pool`, :mod:`autograder.deliver.nbgrader.pool_process`;
nbgrader makes a new preprocessor for every notebook, so the pools live at module level and are
closed at exit).

A notebook whose autograder test cells are not the kit's goes to nbgrader's own ``Execute``.
"""

from __future__ import annotations

import atexit
import dataclasses
import os
import re
import weakref
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Bool, Float, Integer

from autograder.course.registry import UnknownAssignment, get_assignment
from autograder.deliver.nbgrader.demonstrations import demonstration_numbers, demonstration_outputs
from autograder.deliver.nbgrader.pool_process import PoolProcess
from autograder.deliver.nbgrader.reader import unreadable_reason
from autograder.engine.grading import grader_error_result, protected_paths, zero_result
from autograder.engine.report.test_cells import cell_texts
from autograder.engine.results import Result
from autograder.engine.sandbox.runner import Limits, Sandbox
from autograder.engine.submission import notebook_submission

#: the call in a hidden test cell's hidden region (see autograder.build.notebooks.hidden_test_source)
HIDDEN_CALL = re.compile(r'^\s*score\(\s*"(?P<assignment>\w+)"\s*,\s*"(?P<exercise>\w+)"\s*\)\s*$',
                         re.M)

_SANDBOXES: dict[tuple, Sandbox] = {}
_POOLS: dict[tuple, PoolProcess] = {}
_TESTS: dict[tuple, dict] = {}
_PROTECTED: dict[tuple, list[str]] = {}
#: where nbgrader keeps a student's notebooks: the pool prefetches only in this layout
DEFAULT_STRUCTURE = "{nbgrader_step}/{student_id}/{assignment_id}"


def warm_sandbox(tensorflow: bool, limits: Limits, protected: list[str]) -> Sandbox:
    """The launcher for these settings, started on first use and kept for the whole run."""
    key = (tensorflow, limits, tuple(protected))
    if key not in _SANDBOXES:
        sandbox = Sandbox(tensorflow=tensorflow, limits=limits, protected=protected)
        sandbox.start()
        _SANDBOXES[key] = sandbox
    return _SANDBOXES[key]


def discard_sandbox(sandbox: Sandbox) -> None:
    for key, known in list(_SANDBOXES.items()):
        if known is sandbox:
            del _SANDBOXES[key]
    sandbox.close()


@atexit.register
def end_run() -> None:
    """Close what an autograde run kept (its pools and launchers) and forget what it read from
    the gradebook, so that the next run in this process starts afresh (the formgrader runs
    autograde in its own long-lived process, after the instructor may have changed the source
    notebooks)."""
    for pool in list(_POOLS.values()):
        pool.close()
    _POOLS.clear()
    for sandbox in list(_SANDBOXES.values()):
        discard_sandbox(sandbox)
    _TESTS.clear()
    _PROTECTED.clear()


_CURRENT_RUN: list[object] = [None]


def begin_run(converter) -> None:
    """A new autograde run (nbgrader made its exporter): the last run's state is stale. What
    this run keeps is closed when its converter is collected, at the next run, or at exit."""
    end_run()
    token = _CURRENT_RUN[0] = object()
    if converter is not None:
        weakref.finalize(converter, _end_if_current, token)


def _end_if_current(token: object) -> None:
    if _CURRENT_RUN[0] is token:
        end_run()


def hidden_call(source: str) -> tuple[str, str] | None:
    """(assignment, exercise) of a kit hidden test cell's source, or None if it is not one."""
    match = HIDDEN_CALL.search(source or "")
    if match is None:
        return None
    try:
        assignment = get_assignment(match["assignment"])
        assignment.exercise(match["exercise"])
    except (UnknownAssignment, KeyError, ValueError):
        return None
    return match["assignment"], match["exercise"]


def kit_test_cells(db_url: str, notebook_id: str, assignment_id: str) -> dict[str, tuple | None]:
    """grade_id -> (assignment, exercise) of every autograder test cell in the gradebook's source
    notebook; None for a test cell that is not the kit's. Read once per run."""
    key = (db_url, notebook_id, assignment_id)
    if key not in _TESTS:
        _TESTS[key] = _read_test_cells(db_url, notebook_id, assignment_id)
    return _TESTS[key]


def _read_test_cells(db_url: str, notebook_id: str, assignment_id: str) -> dict:
    with Gradebook(db_url) as gb:
        try:
            nb = gb.find_notebook(notebook_id, assignment_id)
        except MissingEntry:
            return {}
        tests = {c.name for c in nb.grade_cells if c.cell_type == "code"}
        tests -= {c.name for c in nb.solution_cells}
        return {c.name: hidden_call(c.source) for c in nb.source_cells if c.name in tests}


class PointsMismatch(ValueError):
    """A source notebook's test cell is worth other points than the course gives its exercise."""


def points_mismatches(db_url: str, notebook_id: str, assignment_id: str,
                      tests: dict[str, tuple | None]) -> list[str]:
    """One message per kit test cell whose points in the gradebook (the source notebook's, as
    generate_assignment read them) differ from its exercise's points in the course being run."""
    key = ("points", db_url, notebook_id, assignment_id)
    if key not in _TESTS:
        with Gradebook(db_url) as gb:
            try:
                cells = gb.find_notebook(notebook_id, assignment_id).grade_cells
            except MissingEntry:
                cells = []
            _TESTS[key] = {c.name: c.max_score for c in cells}
    found = []
    for name, points in _TESTS[key].items():
        if tests.get(name) is None:
            continue
        assignment, exercise = tests[name]
        wanted = get_assignment(assignment).exercise(exercise).points
        if abs(float(points) - wanted) > 1e-9:
            found.append(
                f"{notebook_id}.ipynb: the source notebook's test cell {name} is worth "
                f"{float(points):g} points, but the course gives {exercise} {wanted:g} points. "
                "Points come from one place: set them in the course file (course.toml), run "
                f"'autograder course sources' and 'nbgrader generate_assignment {assignment_id} "
                "--force'; autograde stops rather than grade out of the wrong total.")
    return found


def nbgrader_queue(converter, assignment_id: str) -> list[tuple[str, str]]:
    """(student, submitted folder) of every submission of ``assignment_id`` that this run of
    nbgrader's ``Autograde`` will grade, in its order; empty for a converter of an unknown kind
    or another folder layout. nbgrader's rules of ``init_destination``, without its side
    effects: an excluded student is skipped; a submission is graded if its autograded notebook
    is missing, with ``--force``, or if the submission is newer than it."""
    folders = getattr(converter, "assignments", None)
    coursedir = getattr(converter, "coursedir", None)
    if not isinstance(folders, dict) or coursedir is None or \
            coursedir.directory_structure != DEFAULT_STRUCTURE:
        return []
    excluded = set((coursedir.student_id_exclude or "").split(",")) - {""}
    queue = []
    for folder in sorted(folders):
        student = Path(folder).parent.name
        if Path(folder).name != assignment_id or student in excluded:
            continue
        dest = coursedir.format_path(coursedir.autograded_directory, student, assignment_id)
        notebooks = [] if coursedir.notebook_id == "*" else [
            os.path.join(dest, os.path.basename(n)) for n in folders[folder]]
        missing = not os.path.exists(dest) or any(not os.path.exists(n) for n in notebooks)
        new, old = coursedir.get_existing_timestamp(folder), coursedir.get_existing_timestamp(dest)
        if missing or getattr(converter, "force", False) or (
                new is not None and old is not None and new > old):
            queue.append((student, folder))
    return queue


class KitExecute(NbGraderPreprocessor):
    """Grade the notebook with the kit's engine (see the module's docstring)."""

    run_demonstrations = Bool(False, help=(
        "Also show what the demonstration cells (tagged demo: training runs, plots) print: the "
        "notebook runs a second time, sandboxed and limited like the first. The scores come "
        "from the first run only; this costs time."
    )).tag(config=True)
    time_limit = Float(Limits.time_seconds,
                       help="Seconds one submission may run (autograder grade --time-limit)."
                       ).tag(config=True)
    item_time_limit = Float(Limits.item_seconds,
                            help="Seconds one cell or graded call may run.").tag(config=True)
    memory_limit = Integer(Limits.memory_bytes,
                           help="Address-space limit of the student's process, in bytes."
                           ).tag(config=True)
    workers = Integer(2, help=(
        "At most this many launchers grade at once (autograder grade --jobs), ahead of "
        "nbgrader, in its order, in a process of their own: one starts with the run, another "
        "when nbgrader has waited half a second on busy ones (a slow submission).")
    ).tag(config=True)

    def limits(self) -> Limits:
        return Limits(time_seconds=self.time_limit, item_seconds=self.item_time_limit,
                      memory_bytes=self.memory_limit)

    def set_notebook(self, student: str, assignment_id: str, notebook_id: str) -> None:
        """Which submitted notebook this preprocessor grades (nbgrader's ids)."""
        self._student, self._assignment_id, self._notebook_id = student, assignment_id, notebook_id

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        self.set_notebook(info["student"], info["assignment"], info["notebook"])
        tests = kit_test_cells(info["db_url"], info["notebook"], info["assignment"])
        if not tests or None in tests.values():
            if tests:
                self.log.warning("%s has autograder tests that are not the kit's: running it "
                                 "with nbgrader's Execute, in a kernel", info["notebook"])
            return Execute(parent=self.parent, config=self.config).preprocess(nb, resources)
        mismatches = points_mismatches(info["db_url"], info["notebook"], info["assignment"], tests)
        if mismatches:
            raise PointsMismatch("\n".join(mismatches))
        path = Path(resources.get("metadata", {}).get("path") or ".") / f"{info['notebook']}.ipynb"
        results = {name: self.grade(nb, path, get_assignment(name))
                   for name in dict.fromkeys(a for a, _ in tests.values())}
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        cells = [c for c in nb.cells if c.cell_type == "code" and utils.is_grade(c)
                 and c.metadata.get("nbgrader", {}).get("grade_id") in tests]
        texts = {}
        for name, result in results.items():
            mine = [tests[c.metadata.nbgrader.grade_id][1] for c in cells
                    if tests[c.metadata.nbgrader.grade_id][0] == name]
            texts[name] = cell_texts(result, list(dict.fromkeys(mine)))
        for count, cell in enumerate(cells, 1):
            assignment_name, exercise = tests[cell.metadata.nbgrader.grade_id]
            score = results[assignment_name].exercise(exercise).score
            cell.execution_count = count
            cell.outputs = [
                new_output("stream", name="stdout", text=texts[assignment_name][exercise] + "\n"),
                new_output("execute_result", execution_count=count,
                           data={"text/plain": repr(float(score))}),
            ]
        if self.run_demonstrations and not unreadable_reason(nb):
            self.show_demonstrations(nb, path, get_assignment(next(iter(results))))
        return nb, resources

    def show_demonstrations(self, nb, path: Path, assignment) -> None:
        """Run the notebook once more, sandboxed, for what its demonstrations print."""
        sandbox = warm_sandbox(assignment.uses_tensorflow, self.limits(), self.protected())
        demos = demonstration_numbers(nb)
        for number, text in demonstration_outputs(nb, path, sandbox).items():
            # a progress bar redraws its line with "\r": keep what it shows last
            text = "\n".join(line.rsplit("\r", 1)[-1] for line in text.split("\n"))
            if text.strip():
                demos[number].outputs = [new_output("stream", name="stdout", text=text)]

    def grade(self, nb, path: Path, assignment) -> Result:
        reason = unreadable_reason(nb)
        if reason:
            return zero_result(assignment, str(path), reason)
        # the demonstrations never run here: their time must not count against the graded calls
        try:
            submission = notebook_submission(nb, path, "definitions")
            found, prefetched = self.pool(assignment).grade(self._student, submission)
        except Exception as exc:  # noqa: BLE001 (scored and flagged; nbgrader goes on)
            result = grader_error_result(assignment, str(path), exc)
            self.log.error("%s: %s", self._student, result.grader_error)
            return result
        if prefetched:
            self.log.info("%s: graded ahead by the kit's pool", self._student)
        return dataclasses.replace(found, submission=str(path))

    def pool(self, assignment) -> PoolProcess:
        """This run's grading pool for the notebook, started with the first student's: it
        grades ahead the students nbgrader will grade, when the course keeps nbgrader's folder
        layout. A pool that died is replaced by one that grades on request only."""
        key = (self._assignment_id, self._notebook_id, assignment.name, self.limits(),
               tuple(self.protected()))
        known = _POOLS.get(key)
        if known is None or not known.alive():
            converter = getattr(self.parent, "parent", None)  # the exporter's parent: Autograde
            queue = [] if known is not None else nbgrader_queue(converter, self._assignment_id)
            paths = {student: Path(folder) / f"{self._notebook_id}.ipynb"
                     for student, folder in queue}
            settings = {"limits": self.limits(), "protected": self.protected()}
            # waiting for a notebook graded ahead, then for its own grading, at most
            patience = 3 * self.time_limit + 120
            _POOLS[key] = PoolProcess(paths, assignment.name, assignment.uses_tensorflow, settings,
                                      self.workers, patience)
        return _POOLS[key]

    def protected(self) -> list[str]:
        """What the student's process must not see: the kit's protected paths, the course
        folder (source notebooks, gradebook, every student's submission) and the exchange."""
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.exchange.default.exchange import Exchange

        # the converter running autograde (the exporter's parent) has the course directory
        coursedir = getattr(getattr(self.parent, "parent", None), "coursedir", None)
        if coursedir is None:
            coursedir = CourseDirectory(config=self.config)
        exchange = Exchange(config=self.config).root
        key = (coursedir.root, exchange)
        if key not in _PROTECTED:
            folders = [Path(coursedir.root).resolve()]
            if Path(exchange).is_dir():
                folders.append(Path(exchange).resolve())
            _PROTECTED[key] = protected_paths(folders)
        return _PROTECTED[key]
