"""Grade a batch on a Dask cluster: the same results, resumable output and progress as a local run.

    autograder grade submissions/ -a optimization_methods --dask tcp://scheduler:8786 --out results/

The client (this process) finds the submissions, skips those already graded in ``--out``, reads
each remaining file and sends its *bytes* and file name to the cluster (a worker on another
machine cannot read the grader's paths). On the worker, :class:`SandboxPool`, a Dask worker
plugin, keeps warm sandboxes (one launcher each, TensorFlow imported once) per assignment and
limits, and the expected table read from the worker's own install; the task writes the bytes
into a private folder under the same file name, grades them with :func:`autograder.engine.grading.grade`
and returns ``Result.to_dict()``. The client records each result through
:class:`autograder.engine.batch.Batch`, exactly as the local workers do.

Every worker must run the same version of the kit as the client: the grader version (recorded
in each result) and the key of the expected values (which covers NumPy's and TensorFlow's
versions) are compared before anything is sent, and again in every task (a worker may join
later); a worker that differs is refused with a message naming it.

A worker lost mid-batch loses nothing: the scheduler runs its unfinished tasks on another
worker (``distributed.scheduler.allowed-failures`` times at most, 3 by default); a killed client
loses nothing written, and the same command resumes. At most a few submissions per worker thread
are in flight at a time, so the client's and the scheduler's memory stay flat on big batches.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import dask
from distributed import Client, WorkerPlugin, as_completed, get_worker

from autograder.course.expected import expected_table, version_key
from autograder.course.registry import default_assignment, get_assignment
from autograder.course.spec import Assignment
from autograder.engine.batch import Batch, grader_version
from autograder.engine.grading import grade, grader_error_result, protected_paths, zero_result
from autograder.engine.results import Result
from autograder.engine.sandbox.runner import Limits, Sandbox
from autograder.engine.submission import MAX_BYTES, SubmissionError, load_submission

PLUGIN_NAME = "autograder-sandboxes"
#: submissions in flight per worker thread: enough to keep every thread busy between two replies
IN_FLIGHT_PER_THREAD = 3
#: messages a client made here keeps for debugging (see _connect)
LOW_LEVEL_LOG = 20


class KitMismatch(RuntimeError):
    """A worker runs another version of the kit (or cannot import it)."""


def kit_versions(assignment_name: str) -> dict[str, str]:
    """What must be equal on the client and every worker for the grades to be the same."""
    assignment = get_assignment(assignment_name)
    return {"grader": grader_version(assignment), "expected": version_key(assignment)}


class SandboxPool(WorkerPlugin):
    """Per Dask worker process: warm sandboxes, expected tables and kit versions, kept between
    tasks and between batches (the plugin is idempotent: registering it again keeps the one a
    worker has). A sandbox serves one task at a time; a worker with several threads makes one
    per thread that needs it. At most two per thread are kept idle (the least recently used
    go first), so that runs with other limits or assignments do not pile up launchers."""

    idempotent = True
    name = PLUGIN_NAME

    def setup(self, worker=None) -> None:
        self._lock = threading.Lock()
        self._idle: list[tuple[tuple, Sandbox]] = []  # least recently used first
        state = getattr(worker, "state", None)
        self._keep = 2 * max(1, int(getattr(state, "nthreads", 1) or 1))
        self._tables: dict[str, object] = {}
        self._versions: dict[str, dict[str, str]] = {}
        # Submissions are written here; the folder is among the paths hidden from student code.
        # In the worker's own directory, Dask removes it even when the worker is killed.
        local = getattr(worker, "local_directory", None)
        self.folder = Path(tempfile.mkdtemp(prefix="autograder-submissions-", dir=local))
        self.protected = protected_paths([self.folder / "submission"])

    def teardown(self, worker=None) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for _, sandbox in idle:
            sandbox.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def idle_count(self) -> int:
        with self._lock:
            return len(self._idle)

    def versions(self, assignment: Assignment) -> dict[str, str]:
        with self._lock:
            if assignment.name not in self._versions:
                self._versions[assignment.name] = kit_versions(assignment.name)
            return self._versions[assignment.name]

    def table(self, assignment: Assignment):
        with self._lock:  # computed (or read from the cache) once per worker process
            if assignment.name not in self._tables:
                self._tables[assignment.name] = expected_table(assignment)
            return self._tables[assignment.name]

    @contextlib.contextmanager
    def sandbox(self, assignment: Assignment, limits: Limits):
        """A started sandbox for this assignment and these limits, returned to the pool after
        use (closed instead if the grading raised)."""
        key = (assignment.name, assignment.uses_tensorflow, limits)
        sandbox = None
        with self._lock:
            for j in range(len(self._idle) - 1, -1, -1):
                if self._idle[j][0] == key:
                    sandbox = self._idle.pop(j)[1]
                    break
        if sandbox is None:
            sandbox = Sandbox(tensorflow=assignment.uses_tensorflow, limits=limits,
                              protected=self.protected)
            sandbox.start()
        try:
            yield sandbox
        except BaseException:
            sandbox.close()
            raise
        with self._lock:
            self._idle.append((key, sandbox))
            surplus = self._idle[: max(0, len(self._idle) - self._keep)]
            del self._idle[: len(surplus)]
        for _, old in surplus:
            old.close()


def _pool() -> SandboxPool:
    worker = get_worker()
    pool = worker.plugins.get(PLUGIN_NAME)
    if pool is None:  # not registered through grade_on_dask: keep one on the worker all the same
        pool = SandboxPool()
        pool.setup(worker)
        worker.plugins[PLUGIN_NAME] = pool
    return pool


def idle_sandboxes(dask_worker) -> int:
    """How many warm sandboxes this worker keeps (for ``client.run``)."""
    pool = dask_worker.plugins.get(PLUGIN_NAME)
    return pool.idle_count() if pool is not None else 0


def grade_on_worker(data: bytes, filename: str, assignment_name: str, limits: Limits,
                    execute: str, versions: dict[str, str]) -> dict:
    """The Dask task: grade one submission's bytes, saved as ``filename``; ``Result.to_dict()``.

    Raises :class:`KitMismatch` when this worker's kit differs from the client's.
    """
    pool = _pool()
    assignment = get_assignment(assignment_name)
    if pool.versions(assignment) != versions:
        raise KitMismatch(f"the Dask worker {get_worker().address} runs another version of the "
                          f"kit than the client ({pool.versions(assignment)} != {versions})")
    folder = Path(tempfile.mkdtemp(dir=pool.folder))
    try:
        path = folder / filename
        path.write_bytes(data)
        with pool.sandbox(assignment, limits) as sandbox:
            result = grade(path, assignment, execute=execute, sandbox=sandbox,
                           table=pool.table(assignment))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return result.to_dict()


def check_workers(client: Client, assignment: Assignment, timeout: float) -> dict[str, str]:
    """The client's kit versions, once at least one worker is up and every worker has them."""
    ours = kit_versions(assignment.name)
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        raise KitMismatch(f"no Dask worker joined the scheduler {client.scheduler.address} "
                          f"within {timeout:g} s") from None
    try:
        theirs = client.run(kit_versions, assignment.name)
    except Exception as exc:
        raise KitMismatch(f"the Dask workers cannot run the kit ({type(exc).__name__}: {exc}); "
                          f"install it on every worker, at the same version") from None
    wrong = sorted(address for address, v in theirs.items() if v != ours)
    if wrong:
        raise KitMismatch(f"{len(wrong)} Dask worker(s) run another version of the kit than "
                          f"this client: {', '.join(wrong)}; install the same version everywhere "
                          f"(grader {ours['grader']}, expected values {ours['expected']})")
    return ours


def _read(sub: Path, assignment: Assignment, execute: str) -> tuple[bytes | None, Result | None]:
    """The submission's bytes (None if it cannot be read), and its zero result when it cannot be
    sent as it is (gone, or too big to be a submission): made here, exactly as ``grade`` makes
    it."""
    try:
        data = sub.read_bytes()
    except OSError:
        data = None
    if data is not None and len(data) <= MAX_BYTES:
        return data, None
    try:
        load_submission(sub, execute)
    except SubmissionError as exc:
        return data, zero_result(assignment, str(sub), str(exc))
    raise RuntimeError(f"{sub} could not be read here but is a submission")


@contextlib.contextmanager
def _connect(cluster):
    """A client for ``cluster``: a Client (kept open), a scheduler address or a cluster object."""
    if isinstance(cluster, Client):
        yield cluster
        return
    # A client keeps its last messages for debugging (1,000 by default), each with a
    # submission's bytes: tens of MiB that a grader does not need.
    with dask.config.set({"distributed.admin.low-level-log-length": LOW_LEVEL_LOG}):
        client = Client(cluster)
    try:
        yield client
    finally:
        client.close()


def grade_on_dask(paths: Iterable[str | Path], assignment: Assignment, cluster, *,
                  out: str | Path | None = None, output_format: str = "json",
                  limits: Limits = Limits(), execute: str = "definitions",
                  progress: bool = True, on_result: Callable[[Result], None] | None = None,
                  workers_timeout: float = 60.0,
                  nbgrader_assignment: str | None = None) -> Sequence[Result]:
    """Like :func:`autograder.engine.batch.grade_many`, on the workers of a Dask cluster.

    ``cluster``: a scheduler address (``tcp://HOST:PORT``), a ``distributed.Client`` or a
    cluster object (``LocalCluster``). Results in the order of the submissions.
    """
    if assignment != default_assignment(assignment.name):
        # the workers read the kit's declarations; a term's course file does not reach them
        raise KitMismatch(f"a term's course file changes {assignment.name} (its exercises or "
                          "points) and is not sent to Dask workers: grade this course without "
                          "--dask, or with the kit's default course.")
    batch = Batch(paths, assignment, out=out, output_format=output_format, progress=progress,
                  on_result=on_result, nbgrader_assignment=nbgrader_assignment)
    if not batch.todo:
        return batch.finish()
    failures: list[BaseException] = []
    with _connect(cluster) as client:
        versions = check_workers(client, assignment, workers_timeout)
        client.register_plugin(SandboxPool(), name=PLUGIN_NAME)
        todo = iter(batch.todo)
        running: dict[str, tuple[int, Path, str, str]] = {}
        done = as_completed()
        threads = _Threads(client)

        def send_more() -> None:
            while len(running) < IN_FLIGHT_PER_THREAD * threads.count():
                item = next(todo, None)
                if item is None:
                    return
                i, sub, name = item
                data, unreadable = _read(sub, assignment, execute)
                sha = "" if data is None else hashlib.sha256(data).hexdigest()  # as batch's
                if unreadable is not None:
                    batch.record(i, name, unreadable, sha)
                    continue
                future = client.submit(grade_on_worker, data, sub.name, assignment.name, limits,
                                       execute, versions, pure=False)
                running[future.key] = (i, sub, name, sha)
                done.add(future)

        send_more()
        for future in done:
            i, sub, name, sha = running.pop(future.key)
            try:
                data = future.result()
            except KitMismatch as exc:  # reported after the others are recorded
                failures.append(exc)
                break
            except Exception as exc:  # noqa: BLE001 (this submission's result; the next goes on)
                batch.record(i, name, grader_error_result(assignment, str(sub), exc), sha)
            else:
                result = Result.from_dict(data)
                result.submission = str(sub)  # the worker graded a copy under its own path
                batch.record(i, name, result, sha)
            finally:
                future.release()
            send_more()
    results = batch.finish()
    if failures:
        raise failures[0]
    return results


class _Threads:
    """The cluster's worker threads, asked again every few seconds (workers come and go)."""

    def __init__(self, client: Client, every: float = 5.0):
        self.client, self.every = client, every
        self._count, self._asked = 1, float("-inf")

    def count(self) -> int:
        if time.monotonic() - self._asked > self.every:
            self._count = max(1, sum(self.client.nthreads().values()))
            self._asked = time.monotonic()
        return self._count
