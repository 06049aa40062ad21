"""Grade many submissions: parallel workers, a progress bar, resumable results on disk.

Each worker owns one sandbox (one launcher process, so TensorFlow is imported at most once per
worker). The expected table is computed, or read from the cache, once before the workers start.

With an output folder, each submission's result is written as soon as it is graded, atomically
(a temporary file renamed into place), together with the hash of the submission and the version
of the grader. Running the same batch again skips every submission whose result is already there
for the same file and the same grader, so a killed run resumes where it stopped and never leaves a
partial result behind.

Which files are graded, whose they are and what each result is named is
:mod:`autograder.engine.selection`'s job (nbgrader's ``submitted/<student>/<assignment>/`` tree
included); a record also keeps the submission's absolute path (``source``) and its ``student``
(from the tree, else None), and a rerun refuses to overwrite a record that belongs to another
submission.

:class:`Batch` holds that bookkeeping (what is done, what is left, recording a new result), so
that grading on a Dask cluster (:mod:`autograder.engine.distributed`) records exactly as the local
workers here do.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from autograder.course.expected import KIT_ROOT, expected_table
from autograder.course.registry import assignment_names
from autograder.course.spec import Assignment
from autograder.engine.grading import grade, grader_error_result, protected_paths
from autograder.engine.report.gradescope import to_gradescope
from autograder.engine.results import Result
from autograder.engine.sandbox.runner import Limits, Sandbox
from autograder.engine.selection import (  # noqa: F401 (find_submissions: part of this API)
    Selection,
    SelectionError,
    Submitted,
    find_submissions,
    select,
)


def grader_version(assignment: Assignment) -> str:
    """Changes whenever anything that decides a grade changes."""
    h = hashlib.sha256(assignment.name.encode())
    for folder in ("autograder", "course_lib", "solutions"):
        for path in sorted((KIT_ROOT / folder).rglob("*.py")):
            h.update(path.read_bytes())
    return h.hexdigest()[:20]


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _write_atomic(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(data, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_record(path: Path) -> dict | None:
    """The record at ``path``, or None when there is none (or a torn one from an older tool)."""
    try:
        data = json.loads(path.read_text())
        Result.from_dict(data["result"])
        return data
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _is_done(record: dict | None, sub: Submitted, sha: str, version: str) -> bool:
    """Whether ``record`` is the up-to-date result of ``sub``; raises SelectionError when it is
    another submission's (a rerun never overwrites a result it cannot tell is the same one's)."""
    if record is None:
        return False
    theirs = (("student", record["student"]) if record.get("student") is not None
              else ("file", record.get("source")))
    if theirs != sub.key:
        held = record.get("source") or record["result"].get("submission")
        raise SelectionError(
            f"the result {sub.name}.json in the --out folder is the grade of {held}, not of "
            f"{sub.path}; grading it would overwrite that grade: grade into another --out "
            f"folder, or delete that file to grade again")
    return (record.get("submission_sha256") == sha and record.get("grader_version") == version
            and not record["result"].get("grader_error"))  # a grader error is graded again


class Batch:
    """The submissions of one batch and their results: what is already on disk, what is left to
    grade, and the recording of each new result (written atomically, counted on the progress bar,
    passed to ``on_result``). The local workers and the Dask client both record through it.
    """

    def __init__(self, paths: Iterable[str | Path], assignment: Assignment, *,
                 out: str | Path | None = None, output_format: str = "json",
                 progress: bool = True,
                 on_result: Callable[[Result], None] | None = None,
                 nbgrader_assignment: str | None = None):
        self.roots = [Path(p) for p in paths]
        self.selection = select(self.roots, assignment.name, assignment_names(),
                                nbgrader_assignment)
        self.submissions = [s.path for s in self.selection.submissions]
        self._chosen = self.selection.submissions
        self.assignment = assignment
        self.version = grader_version(assignment)
        self.out_dir = Path(out) if out else None
        self.output_format = output_format
        self.on_result = on_result
        #: the result of each graded submission, or with an output folder its record's path
        #: (so that the grader's memory does not grow with the batch)
        self.results: dict[int, Result | Path] = {}
        #: (index, path, result name) of every submission without a valid result on disk
        self.todo: list[tuple[int, Path, str]] = []
        for i, sub in enumerate(self._chosen):
            if self.out_dir is not None:
                record = self.out_dir / f"{sub.name}.json"
                if _is_done(_read_record(record), sub, _sha256(sub.path), self.version):
                    self.results[i] = record
                    continue
            self.todo.append((i, sub.path, sub.name))
        self._lock = threading.Lock()
        self._bar = None
        if progress and self.todo:
            from tqdm import tqdm

            self._bar = tqdm(total=len(self.todo), desc=f"grading {assignment.name}",
                             unit="submission")

    def record(self, index: int, name: str, result: Result, sha: str) -> None:
        """Keep the result of submission ``index`` (whose file had hash ``sha``); thread-safe."""
        if self.out_dir is not None:
            sub = self._chosen[index]
            _write_outputs(self.out_dir, name, result, {
                "submission_sha256": sha, "grader_version": self.version, "source": sub.source,
                "student": sub.student}, self.output_format)
        with self._lock:
            self.results[index] = result if self.out_dir is None else self.out_dir / f"{name}.json"
            if self._bar is not None:
                self._bar.update(1)
            if self.on_result is not None:
                self.on_result(result)

    def finish(self) -> Sequence[Result]:
        """Close the progress bar; the results so far, in the order of the submissions."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        return Results([self.results[i] for i in sorted(self.results)], self.selection)


class Results(Sequence):
    """The results of a batch, in order; those recorded in an output folder are read from it
    when asked for, one at a time. ``selection``: what was taken, left out and why."""

    def __init__(self, items: list[Result | Path], selection: Selection | None = None):
        self._items = items
        self.selection = selection or Selection()

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Results(self._items[index], self.selection)
        item = self._items[index]
        if isinstance(item, Path):
            return Result.from_dict(json.loads(item.read_text())["result"])
        return item

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"<{len(self)} results>"


def grade_many(paths: Iterable[str | Path], assignment: Assignment, *, jobs: int = 2,
               out: str | Path | None = None, output_format: str = "json",
               limits: Limits = Limits(), execute: str = "definitions",
               progress: bool = True,
               on_result: Callable[[Result], None] | None = None,
               nbgrader_assignment: str | None = None) -> Sequence[Result]:
    """Grade every submission under ``paths``; results in the order of the submissions (with
    ``out``, read back from the records when asked for). ``nbgrader_assignment``: the
    assignment's folder name in nbgrader's tree, when not ``assignment.name``."""
    batch = Batch(paths, assignment, out=out, output_format=output_format, progress=progress,
                  on_result=on_result, nbgrader_assignment=nbgrader_assignment)
    table = expected_table(assignment)
    todo: queue.Queue = queue.Queue()
    for item in batch.todo:
        todo.put(item)
    # a linked submission's own folder (other students' work, maybe) is hidden too
    protected = protected_paths([*batch.roots, *{p.resolve().parent for p in batch.submissions
                                                  if p.is_symlink()}])
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            with Sandbox(tensorflow=assignment.uses_tensorflow, limits=limits,
                         protected=protected) as sandbox:
                while True:
                    try:
                        i, sub, name = todo.get_nowait()
                    except queue.Empty:
                        return
                    sha = _sha256(sub)
                    try:
                        result = grade(sub, assignment, execute=execute, sandbox=sandbox,
                                       table=table)
                    except Exception as exc:  # noqa: BLE001 (the next submission is graded)
                        result = grader_error_result(assignment, str(sub), exc)
                    batch.record(i, name, result, sha)
        except BaseException as exc:  # reported after the other workers finish
            failures.append(exc)

    threads = [threading.Thread(target=worker, daemon=True)
               for _ in range(max(1, min(jobs, todo.qsize())))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results = batch.finish()
    if failures:
        raise failures[0]
    return results


def _write_outputs(out_dir: Path, name: str, result: Result, about: dict,
                   output_format: str) -> None:
    """``about``: the record's ``submission_sha256``, ``grader_version``, ``source`` (the
    submission's absolute path) and ``student`` (from nbgrader's tree, else None)."""
    if output_format == "gradescope":
        _write_atomic(out_dir / f"{name}.results.json", to_gradescope(result))
    _write_atomic(out_dir / f"{name}.json", {**about, "result": result.to_dict()})
