"""The grading pool in a process of its own, so that grading does not slow nbgrader down.

A :class:`~autograder.deliver.nbgrader.pool.GradingPool` in nbgrader's process would share its global
interpreter lock: the grader's own work per notebook (reading the launcher's outputs, comparing
them with the expected values, about 30 ms) would run between nbgrader's steps instead of beside
them. :class:`PoolProcess` runs the pool in a fresh interpreter that imports only the kit
(``python -m autograder.deliver.nbgrader.pool_process``), on the other core, and talks to it over a
socket: nbgrader's process sends the submission it has to grade and receives its result. Both
ends are the kit's own code; the student's code runs only in the pool's sandboxes, as before.

If the pool process dies, :meth:`PoolProcess.grade` raises (nbgrader then reports that student's
notebook as failed) and the next notebook starts a new pool process.
"""

from __future__ import annotations

import os
import pickle
import socket
import subprocess
import sys
from pathlib import Path

from autograder.course.expected import KIT_ROOT
from autograder.engine.sandbox.launcher import recv_frame, send_frame


class PoolProcess:
    """A :class:`GradingPool` of ``workers`` launchers in a child process. ``paths``: student ->
    submitted notebook, in nbgrader's order (graded ahead); ``tensorflow`` and ``settings``: the
    keyword arguments of its :class:`~autograder.engine.sandbox.runner.Sandbox`; ``patience``: seconds
    one answer may take before the pool counts as stuck."""

    def __init__(self, paths: dict[str, Path], assignment: str, tensorflow: bool, settings: dict,
                 workers: int, patience: float):
        parent, child = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(KIT_ROOT), os.environ.get("PYTHONPATH")) if p)}
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "autograder.deliver.nbgrader.pool_process", str(child.fileno())],
            pass_fds=[child.fileno()], env=env, stdin=subprocess.DEVNULL)
        child.close()
        self._sock = parent
        self._sock.settimeout(patience)
        self._send({"paths": {s: str(p) for s, p in paths.items()}, "assignment": assignment,
                    "tensorflow": tensorflow, "settings": settings, "workers": workers})

    def _send(self, message) -> None:
        send_frame(self._sock, pickle.dumps(message))

    def alive(self) -> bool:
        return self._sock is not None and self._proc.poll() is None

    def grade(self, student: str | None, submission):
        """(result, whether it was graded ahead), as :meth:`GradingPool.grade`."""
        try:
            self._send(("grade", student, submission))
            frame = recv_frame(self._sock)
        except OSError as exc:  # includes the socket's timeout
            self.close(kill=True)
            raise RuntimeError(f"the kit's grading pool did not answer: {exc}") from exc
        if frame is None:
            self.close(kill=True)
            raise RuntimeError("the kit's grading pool stopped")
        kind, payload = pickle.loads(frame)
        if kind == "error":
            raise RuntimeError(f"the kit's grading pool could not grade it: {payload}")
        return payload

    def close(self, kill: bool = False) -> None:
        """Let the pool finish what it grades and stop (``kill``: stop it now)."""
        if kill and self._proc.poll() is None:
            self._proc.kill()
        if self._sock is not None:
            try:
                self._send(("close",))
            except OSError:
                pass
            self._sock.close()
            self._sock = None
        try:
            self._proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def serve(sock: socket.socket) -> None:
    """The child's side: build the pool from the first message, then answer until closed."""
    import threading

    from autograder.engine.sandbox.runner import Sandbox

    first = recv_frame(sock)
    if first is None:
        return
    config = pickle.loads(first)

    def fresh() -> Sandbox:
        return Sandbox(tensorflow=config["tensorflow"], **config["settings"])

    # the first launcher starts while the kit's declarations and expected values load
    ready = fresh()
    starting = threading.Thread(target=_start_quietly, args=(ready,), daemon=True)
    starting.start()

    from autograder.course.expected import expected_table
    from autograder.course.registry import get_assignment
    from autograder.deliver.nbgrader.pool import GradingPool

    assignment = get_assignment(config["assignment"])
    table = expected_table(assignment)
    spare = [ready]

    def new_sandbox() -> Sandbox:
        try:
            sandbox = spare.pop()
        except IndexError:
            pass
        else:
            starting.join()
            return sandbox
        return fresh()

    paths = {student: Path(p) for student, p in config["paths"].items()}
    pool = GradingPool(paths, assignment, table, new_sandbox, config["workers"])
    try:
        while (frame := recv_frame(sock)) is not None:
            message = pickle.loads(frame)
            if message[0] == "close":
                break
            _, student, submission = message
            try:
                answer = ("result", pool.grade(student, submission))
            except Exception as exc:  # noqa: BLE001 (said to the parent, which reports it)
                answer = ("error", f"{type(exc).__name__}: {exc}")
            send_frame(sock, pickle.dumps(answer))
    finally:
        pool.close()


def _start_quietly(sandbox) -> None:
    try:
        sandbox.start()
    except Exception:  # noqa: BLE001 (the first job starts it again and reports it)
        pass


if __name__ == "__main__":
    serve(socket.socket(fileno=int(sys.argv[1])))
