"""Grading ahead of nbgrader: warm launchers grade the class while nbgrader prepares and saves it.

nbgrader hands :class:`~autograder.deliver.nbgrader.KitExecute` one notebook at a time and spends about
as long on each (reading, sanitizing, writing it twice, saving its grades) as the kit needs to
grade it. The :class:`GradingPool` grades the submitted notebooks in threads of its own, one per
warm launcher (``autograder grade --jobs``), in the order nbgrader will ask for them, so that
the result is usually ready when nbgrader gets there. It reads the submitted files as
``autograder grade`` does (:func:`load_submission`).

A prefetched result is used only when the notebook nbgrader hands over (after sanitizing) yields
exactly the same units of code as the submitted file did: it is then the result KitExecute would
have computed itself. Otherwise (a locked cell edited, a deleted test cell put back, a file the
pool could not read) the pool grades the sanitized notebook ahead of everything else, and
KitExecute waits for it. Either way every result comes from :func:`grade_loaded` on one of the
pool's launchers.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from autograder.engine.grading import grade_loaded
from autograder.engine.results import Result
from autograder.engine.sandbox.runner import Sandbox
from autograder.engine.submission import Submission, load_submission

#: seconds a caller waits on busy launchers before the pool starts another one (a launcher takes
#: about a second to start; a notebook usually takes a tenth of that to grade)
SPARE_AFTER = 0.5


def units_key(submission: Submission) -> tuple:
    """What must be equal for two submissions to be graded alike."""
    return tuple(submission.units), tuple(submission.notes)


@dataclasses.dataclass
class _Request:
    """A submission to grade now, ahead of the prefetching."""

    submission: Submission
    result: Result | None = None
    error: BaseException | None = None
    done: bool = False


class GradingPool:
    """Grades ``paths`` (student -> submitted notebook, in nbgrader's order) on up to
    ``workers`` threads, each with a launcher made by ``new_sandbox``; :meth:`grade` answers for
    one student.

    One launcher starts at once; it grades a notebook in less time than nbgrader spends on one,
    so it keeps ahead alone, and a second one starting beside nbgrader would only slow it down.
    Another starts (up to ``workers``) when a caller has waited ``SPARE_AFTER`` while every
    launcher was grading: a slow or hanging submission then holds up only itself."""

    def __init__(self, paths: dict[str, Path], assignment, table,
                 new_sandbox: Callable[[], Sandbox], workers: int):
        self.paths = paths
        self.assignment, self.table, self.new_sandbox = assignment, table, new_sandbox
        self.workers = max(1, workers)
        self.lock = threading.Condition()
        self.queue: deque[str] = deque(paths)  # not started yet, in nbgrader's order
        self.running: set[str] = set()
        self.prefetched: dict[str, tuple[tuple, Result] | None] = {}
        self.requests: deque[_Request] = deque()
        self.closed = False
        self.busy = 0  # threads grading (not starting their launcher, not idle)
        self.threads: list[threading.Thread] = []
        with self.lock:
            self._add_worker()

    def _add_worker(self) -> None:
        """Under the lock: one more thread and launcher."""
        thread = threading.Thread(target=self._work, daemon=True,
                                  name=f"kit-grade-{len(self.threads)}")
        self.threads.append(thread)
        thread.start()

    def _wait(self, since: float) -> None:
        """Under the lock: wait for a worker, adding one if the caller, waiting since ``since``
        (time.monotonic), has waited ``SPARE_AFTER`` while every launcher was grading."""
        if time.monotonic() - since >= SPARE_AFTER and self.busy >= len(self.threads) and \
                len(self.threads) < self.workers:
            self._add_worker()
        self.lock.wait(timeout=SPARE_AFTER)

    def _next(self) -> _Request | str | None:
        """Under the lock: a request, else the next student to prefetch; None once closed."""
        while True:
            if self.requests:
                return self.requests.popleft()
            if self.closed:
                return None
            if self.queue:
                student = self.queue.popleft()
                self.running.add(student)
                return student
            self.lock.wait()

    def _work(self) -> None:
        sandbox = self.new_sandbox()
        try:
            try:
                sandbox.start()
            except Exception:  # noqa: BLE001 (the first job starts it again and reports it)
                pass
            while True:
                with self.lock:
                    item = self._next()
                    if item is None:
                        return
                    self.busy += 1
                broken = False
                if isinstance(item, _Request):
                    try:
                        item.result = grade_loaded(item.submission, self.assignment, self.table,
                                                   sandbox)
                    except BaseException as exc:  # noqa: BLE001 (handed to the waiting caller)
                        item.error, broken = exc, True
                    with self.lock:
                        item.done = True
                else:
                    found, broken = self._prefetch(item, sandbox)
                    with self.lock:
                        self.prefetched[item] = found
                        self.running.discard(item)
                with self.lock:
                    self.busy -= 1
                    self.lock.notify_all()
                if broken:  # a broken launcher must not grade the next student
                    sandbox.close()
                    sandbox = self.new_sandbox()
        finally:
            sandbox.close()

    def _prefetch(self, student: str, sandbox: Sandbox) -> tuple[tuple[tuple, Result] | None,
                                                                 bool]:
        """(units key and result, or None if it could not be graded here; whether the launcher
        broke)."""
        try:
            submission = load_submission(self.paths[student], "definitions")
        except Exception:  # noqa: BLE001 (graded from what nbgrader hands over)
            return None, False
        try:
            return (units_key(submission),
                    grade_loaded(submission, self.assignment, self.table, sandbox)), False
        except Exception:  # noqa: BLE001 (graded again, on a new launcher)
            return None, True

    def grade(self, student: str | None, submission: Submission) -> tuple[Result, bool]:
        """(the result of ``submission``, whether it was prefetched). ``student`` is nbgrader's
        id of its author, or None for a notebook the pool does not know."""
        with self.lock:
            if self.closed:
                raise RuntimeError("the grading pool is closed")
            if student in self.queue:
                self.queue.remove(student)  # graded below, from what nbgrader hands over
            since = time.monotonic()
            while student in self.running:
                self._wait(since)
            found = self.prefetched.pop(student, None)
        if found is not None and found[0] == units_key(submission):
            return found[1], True
        request = _Request(submission)
        with self.lock:
            self.requests.append(request)
            self.lock.notify_all()
            since = time.monotonic()
            while not request.done:
                self._wait(since)
        if request.error is not None:
            raise request.error
        return request.result, False

    def close(self) -> None:
        """Grade nothing more; finish what is running and close the launchers."""
        with self.lock:
            self.closed = True
            self.queue.clear()
            self.lock.notify_all()
        for thread in self.threads:
            thread.join(timeout=120)
