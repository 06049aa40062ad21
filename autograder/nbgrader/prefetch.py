"""A second worker for ``nbgrader autograde``: grade the class from its end while nbgrader walks
it from its start.

nbgrader hands KitExecute one notebook at a time, so one launcher would grade the class alone
(``autograder grade`` uses two workers). The :class:`Prefetcher` grades the submitted notebooks in
a thread of its own, on a second warm launcher, from the last student nbgrader will process
backwards, and stops where KitExecute has arrived. KitExecute uses a prefetched result only when
the notebook it received (after nbgrader's sanitizing) yields exactly the same units of code as
the submitted file did, so the result is the one it would have computed itself; otherwise (a
locked cell edited, a deleted test cell put back) it grades the sanitized notebook as usual.
"""

from __future__ import annotations

import threading
from pathlib import Path

import nbformat

from autograder.grading import grade_loaded
from autograder.results import Result
from autograder.sandbox.runner import Sandbox
from autograder.submission import Submission, notebook_submission


def _key(submission: Submission) -> tuple:
    return tuple(submission.units), tuple(submission.notes)


class Prefetcher:
    """Grades ``paths`` (student -> submitted notebook) from the last one backwards."""

    def __init__(self, paths: dict[str, Path], assignment, table, sandbox: Sandbox):
        self.order = list(paths)
        self.paths = paths
        self.assignment, self.table, self.sandbox = assignment, table, sandbox
        self.lock = threading.Condition()
        self.claimed: set[str] = set()  # by KitExecute: not to be graded here
        self.running: str | None = None
        self.done: dict[str, tuple[tuple, Result]] = {}
        self.thread = threading.Thread(target=self._work, daemon=True, name="kit-prefetch")
        self.thread.start()

    def _work(self) -> None:
        try:
            for student in reversed(self.order):
                with self.lock:
                    if student in self.claimed:
                        return  # KitExecute got here: the rest is graded or being graded there
                    self.running = student
                try:
                    nb = nbformat.read(self.paths[student], as_version=4)
                    submission = notebook_submission(nb, self.paths[student], "definitions")
                    found = (_key(submission), grade_loaded(submission, self.assignment,
                                                            self.table, self.sandbox))
                except Exception:  # noqa: BLE001 (KitExecute grades it itself)
                    found = None
                with self.lock:
                    if found is not None:
                        self.done[student] = found
                    self.running = None
                    self.lock.notify_all()
        finally:
            with self.lock:
                self.running = None
                self.lock.notify_all()
            self.sandbox.close()

    def stop(self) -> None:
        """Grade nothing more; wait for the student being graded and close the launcher."""
        with self.lock:
            self.claimed.update(self.order)
        self.thread.join(timeout=120)

    def result_for(self, student: str, submission: Submission) -> Result | None:
        """The prefetched result of ``student`` if it was graded from the same units, else None
        (and the student is claimed: this worker will not grade it)."""
        with self.lock:
            self.claimed.add(student)
            while self.running == student:
                self.lock.wait()
            found = self.done.pop(student, None)
        if found is not None and found[0] == _key(submission):
            return found[1]
        return None
