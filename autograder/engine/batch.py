"""Grade many submissions: parallel workers, a progress bar, resumable results on disk.

Each worker owns one sandbox (one launcher process, so TensorFlow is imported at most once per
worker). The expected table is computed, or read from the cache, once before the workers start.

With an output folder, each submission's result is written as soon as it is graded, atomically
(a temporary file renamed into place), together with the hash of the submission and the version
of the grader. Running the same batch again skips every submission whose result is already there
for the same file and the same grader, so a killed run resumes where it stopped and never leaves a
partial result behind.

:class:`Batch` holds that bookkeeping (what is done, what is left, recording a new result), so
that grading on a Dask cluster (:mod:`autograder.engine.distributed`) records exactly as the local
workers here do.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from autograder.course.expected import KIT_ROOT, expected_table
from autograder.course.spec import Assignment
from autograder.engine.grading import grade, grader_error_result, protected_paths
from autograder.engine.report.gradescope import to_gradescope
from autograder.engine.results import Result
from autograder.engine.sandbox.runner import Limits, Sandbox

SUFFIXES = (".ipynb", ".py")


def find_submissions(paths: Iterable[str | Path]) -> list[Path]:
    """The submissions named by ``paths``: files as given, folders searched recursively
    (hidden folders and notebook checkpoints skipped), in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                parts = f.relative_to(p).parts
                if (f.is_file() and f.suffix in SUFFIXES
                        and not any(part.startswith(".") for part in parts)
                        and "__pycache__" not in parts):
                    found.append(f)
        elif p.exists():
            found.append(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    return list(dict.fromkeys(found))


def grader_version(assignment: Assignment) -> str:
    """Changes whenever anything that decides a grade changes."""
    h = hashlib.sha256(assignment.name.encode())
    for folder in ("autograder", "course_lib", "solutions"):
        for path in sorted((KIT_ROOT / folder).rglob("*.py")):
            h.update(path.read_bytes())
    return h.hexdigest()[:20]


def result_name(path: Path, roots: list[Path]) -> str:
    """A file name for a submission's result, unique within the batch."""
    path = path.resolve()
    for root in roots:
        root = root.resolve()
        base = root if root.is_dir() else root.parent
        if path.is_relative_to(base):
            rel = path.relative_to(base)
            break
    else:
        rel = Path(path.name)
    return re.sub(r"[^A-Za-z0-9._-]+", "__", str(rel))


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


def _load_done(record_path: Path, sha: str, version: str) -> Result | None:
    try:
        data = json.loads(record_path.read_text())
        if (data.get("submission_sha256") == sha and data.get("grader_version") == version
                and not data["result"].get("grader_error")):  # a grader error is graded again
            return Result.from_dict(data["result"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


class Batch:
    """The submissions of one batch and their results: what is already on disk, what is left to
    grade, and the recording of each new result (written atomically, counted on the progress bar,
    passed to ``on_result``). The local workers and the Dask client both record through it.
    """

    def __init__(self, paths: Iterable[str | Path], assignment: Assignment, *,
                 out: str | Path | None = None, output_format: str = "json",
                 progress: bool = True,
                 on_result: Callable[[Result], None] | None = None):
        self.roots = [Path(p) for p in paths]
        self.submissions = find_submissions(self.roots)
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
        for i, sub in enumerate(self.submissions):
            name = result_name(sub, self.roots)
            if self.out_dir is not None:
                record = self.out_dir / f"{name}.json"
                if _load_done(record, _sha256(sub), self.version) is not None:
                    self.results[i] = record
                    continue
            self.todo.append((i, sub, name))
        self._lock = threading.Lock()
        self._bar = None
        if progress and self.todo:
            from tqdm import tqdm

            self._bar = tqdm(total=len(self.todo), desc=f"grading {assignment.name}",
                             unit="submission")

    def record(self, index: int, name: str, result: Result, sha: str) -> None:
        """Keep the result of submission ``index`` (whose file had hash ``sha``); thread-safe."""
        if self.out_dir is not None:
            _write_outputs(self.out_dir, name, result, sha, self.version, self.output_format)
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
        return Results([self.results[i] for i in sorted(self.results)])


class Results(Sequence):
    """The results of a batch, in order; those recorded in an output folder are read from it
    when asked for, one at a time."""

    def __init__(self, items: list[Result | Path]):
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Results(self._items[index])
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
               on_result: Callable[[Result], None] | None = None) -> Sequence[Result]:
    """Grade every submission under ``paths``; results in the order of the submissions (with
    ``out``, read back from the records when asked for)."""
    batch = Batch(paths, assignment, out=out, output_format=output_format, progress=progress,
                  on_result=on_result)
    table = expected_table(assignment)
    todo: queue.Queue = queue.Queue()
    for item in batch.todo:
        todo.put(item)
    protected = protected_paths(batch.roots)
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


def _write_outputs(out_dir: Path, name: str, result: Result, sha: str, version: str,
                   output_format: str) -> None:
    if output_format == "gradescope":
        _write_atomic(out_dir / f"{name}.results.json", to_gradescope(result))
    _write_atomic(out_dir / f"{name}.json", {
        "submission_sha256": sha, "grader_version": version, "result": result.to_dict(),
    })
