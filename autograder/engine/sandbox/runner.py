"""The grader's side of the sandbox: start a launcher, run jobs in it with deadlines, read results.

A job runs its units (cells or top-level statements) and then its calls. The grader reads the
child's events with a deadline per item (``Limits.item_seconds``) and one for the whole submission
(``Limits.time_seconds``). When an item hangs or kills the process, that item is recorded as
failed and a fresh child runs what is left, skipping it; so an infinite loop in one function costs
that function, not the others, and nothing runs longer than the submission's time limit.
"""

from __future__ import annotations

import ctypes
import json
import os
import pickle
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.engine.sandbox import isolation
from autograder.engine.sandbox.channel import LIMITS, Budget, Channel, Event, LineReader, Rejected
from autograder.engine.sandbox.launcher import recv_frame, send_frame
from autograder.engine.sandbox.worker import CHANNEL_LOST

#: glibc's ``mallopt`` parameter and the size from which a buffer gets its own mapping
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024

#: Modules every child finds already imported (what the notebooks and stubs import).
PRELOAD = (
    "math", "copy", "numpy", "matplotlib", "matplotlib.pyplot", "tqdm", "tqdm.auto",
    "course_lib.validation", "course_lib.compare", "course_lib.data", "course_lib.network",
    "course_lib.training", "course_lib.plots", "course_lib.checks", "course_lib.demos",
    "course_lib.codec",
)


@dataclass(frozen=True)
class Limits:
    """What one submission may use. ``item_seconds`` bounds one cell, statement or call."""

    time_seconds: float = 60.0
    item_seconds: float = 20.0
    memory_bytes: int = 2 * 1024**3
    file_bytes: int = 64 * 1024**2
    processes: int = 32

    def as_rlimits(self) -> dict:
        """What :func:`autograder.engine.sandbox.isolation.enter_sandbox` takes as ``limits``."""
        return {"cpu_seconds": int(self.time_seconds) + 5, "memory_bytes": self.memory_bytes,
                "file_bytes": self.file_bytes, "processes": self.processes}


@dataclass
class UnitOutcome:
    error: dict | None = None  # {"type", "message", "where"}; "type" may be "timeout" or "crash"


@dataclass
class CallOutcome:
    output: object = None
    #: {"type", "message", "where", "function", "line", "code"}; "missing", "timeout", "crash", ...
    error: dict | None = None


@dataclass
class RunOutcome:
    units: dict[int, UnitOutcome] = field(default_factory=dict)
    calls: dict[int, CallOutcome] = field(default_factory=dict)
    defined: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: call id -> seconds from its start to its end (or its failure), timed by the grader
    call_seconds: dict[int, float] = field(default_factory=dict)


def scrubbed_env(tensorflow: bool) -> dict:
    """The whole environment of a student's process: nothing of the grader's."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": "/nonexistent",
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "TQDM_DISABLE": "1",
        "MPLCONFIGDIR": "/tmp",
    }
    if tensorflow:
        env.update({
            "TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0",
            "CUDA_VISIBLE_DEVICES": "-1", "TF_NUM_INTRAOP_THREADS": "1",
            "TF_NUM_INTEROP_THREADS": "1",
        })
    return env


def pin_mmap_threshold() -> bool:
    """Keep glibc from raising its mmap threshold in the grader's process; False off glibc.

    Every submission passes buffers of a few hundred KiB through the grader (its job, about
    190 KiB pickled for optimization_methods, and the children's output lines). glibc serves the
    first with a mapping of its own, then, freeing it, raises the threshold above that size, so
    the later ones come from the heap, where their holes fragment it: the process grew about
    7 KiB per submission with nothing alive to show for it (tracemalloc stays flat). Pinning the
    threshold (which also stops its automatic adjustment) returns those buffers to the system.
    """
    try:
        return bool(ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    except (AttributeError, OSError):
        return False


def _describe_end(status: dict) -> str:
    """Why a child's channel ended before it said it had finished."""
    if (status.get("killed_here") and status.get("signal") == signal.SIGKILL
            or status.get("exit_code") == CHANNEL_LOST):
        return ("it closed the channel the grader reads its results from (the grader then "
                "stopped the Python process)")
    return _describe_exit(status)


def _describe_exit(status: dict) -> str:
    if status.get("signal"):
        name = signal.Signals(status["signal"]).name if status["signal"] in iter(
            signal.Signals) else str(status["signal"])
        if name == "SIGXCPU":
            return "it used up its CPU time"
        return f"the Python process was killed by {name}"
    return f"the Python process exited (exit code {status.get('exit_code')})"


class Sandbox:
    """One launcher (one worker). Not thread-safe: one job at a time."""

    #: turn each call's output into its value here (:func:`course_lib.codec.decode`)
    decode_outputs = True

    def __init__(self, *, tensorflow: bool, limits: Limits = Limits(),
                 protected: list[str] = ()):
        self.tensorflow = tensorflow
        self.limits = limits
        self.protected = list(protected)
        self._proc = None
        self._sock = None
        self._uid_lock = None

    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        if self._proc is not None:
            return
        pin_mmap_threshold()
        parent, child = socket.socketpair()
        kit_root = str(Path(__file__).resolve().parents[3])
        env = scrubbed_env(self.tensorflow)
        env["PYTHONPATH"] = kit_root
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "autograder.engine.sandbox.launcher", str(child.fileno())],
            pass_fds=[child.fileno()], env=env, cwd="/", stdin=subprocess.DEVNULL,
        )
        child.close()
        self._sock = parent
        preload = list(PRELOAD) + (["course_lib.tf"] if self.tensorflow else [])
        lim = self.limits
        uid = None
        if os.geteuid() == 0:
            self._uid_lock = isolation.claim_uid()  # (uid, lock descriptor)
            uid = self._uid_lock[0]
        self._request({
            "op": "config", "preload": preload, "env": scrubbed_env(self.tensorflow),
            "protected": self.protected,
            "drop_to_uid": uid,
            "limits": lim.as_rlimits(),
            "isolation": isolation.layers(),
        })

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self._proc is not None:
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        if self._uid_lock is not None:
            # given back only once no process of it is left (checked, killed if need be)
            isolation.release_uid(*self._uid_lock)
            self._uid_lock = None

    def _request(self, message: dict) -> tuple[dict, list[int]]:
        send_frame(self._sock, pickle.dumps(message))
        fds: list[int] = []
        if message["op"] == "run":
            first, fds, _, _ = socket.recv_fds(self._sock, 1, 1)
            if not first:
                raise RuntimeError("the sandbox launcher stopped")
        else:
            first = b""
        rest = recv_frame(self._sock, first)
        if rest is None:
            raise RuntimeError("the sandbox launcher stopped")
        return json.loads(rest), fds

    def run(self, job: dict) -> RunOutcome:
        """Run ``job`` to the end (restarting past hanging or crashing items); never raises."""
        self.start()
        started = time.monotonic()
        deadline = started + self.limits.time_seconds
        out = RunOutcome()
        n_units = len(job["units"])
        call_ids = [c["id"] for c in job["calls"]]
        skip_units: set[int] = set()
        functions = {c["id"]: c["function"] for c in job["calls"]}
        spent = Budget()  # what the submission sent and left with the grader, over its children
        while True:
            # a function that failed (hung, crashed, raised) has its other calls made last
            failed = {functions.get(i) for i, c in out.calls.items() if c.error is not None}
            attempt = dict(job, skip_units=sorted(skip_units),
                           skip_calls=sorted(out.calls), defer=sorted(failed - {None}),
                           output_budget=spent.output_left(LIMITS))
            finished, current, why = self._attempt(attempt, deadline, out, spent)
            if finished:
                break
            if current is None:
                reason = f"the submission's process stopped outside any cell or call: {why}"
                self._fail_remaining(out, call_ids, "crash", reason)
                out.notes.append(reason)
                break
            kind, key = current
            if kind == "unit":
                skip_units.add(key)
            if time.monotonic() >= deadline:
                self._fail_remaining(
                    out, call_ids, "timeout",
                    f"not run: the submission used up its time limit of "
                    f"{self.limits.time_seconds:g} s")
                for i in range(n_units):
                    if i not in out.units and i not in skip_units:
                        out.units[i] = UnitOutcome({"type": "timeout", "message":
                                                    "not run: time limit used up", "where": ""})
                break
        out.seconds = time.monotonic() - started
        return out

    @staticmethod
    def _fail_remaining(out: RunOutcome, call_ids, kind: str, message: str) -> None:
        for cid in call_ids:
            if cid not in out.calls:
                out.calls[cid] = CallOutcome(error={"type": kind, "message": message,
                                                    "where": ""})

    def _spawn(self, job: dict) -> tuple[int, int]:
        """Start a child on ``job``: its pid and the read end of its event pipe.

        If the launcher is gone (a previous submission killed it, where the grader does not
        run as root), a fresh one is started and asked once more.
        """
        message = {"op": "run", "job": pickle.dumps(job)}
        try:
            reply, fds = self._request(message)
        except (OSError, RuntimeError, ValueError):
            self._restart()
            reply, fds = self._request(message)
        return reply["pid"], fds[0]

    def _restart(self) -> None:
        if self._proc is not None:
            self._proc.kill()
        self.close()
        self.start()

    def _attempt(self, job: dict, deadline: float, out: RunOutcome, spent: Budget):
        """One child: returns (finished, the item running when it stopped, why it stopped).

        Every line the child writes goes through :class:`Channel`; whatever it rejects costs
        the item that was running. The child is reaped on every path.
        """
        pid, fd = self._spawn(job)
        reader = LineReader(fd)
        channel = Channel(len(job["units"]), frozenset(c["id"] for c in job["calls"]), spent,
                          frozenset(job["skip_units"]), frozenset(job["skip_calls"]),
                          decode_outputs=self.decode_outputs)
        item_deadline = min(deadline, time.monotonic() + self.limits.item_seconds)
        started_at = time.monotonic()
        reaped = False
        try:
            while True:
                line = reader.readline(item_deadline - time.monotonic(), channel.read_limit())
                if isinstance(line, bytes):
                    event = channel.decode(line)
                    if isinstance(event, Event) and event.kind == "finished":
                        break
                    if isinstance(event, Event) or not event.fatal:
                        item_deadline, started_at = self._take(event, out, started_at, deadline)
                        continue
                    kind, why = "crash", event.reason
                elif line is LineReader.TIMEOUT:
                    kind, why = "timeout", self._timeout_message(deadline)
                elif line is LineReader.TOO_LONG:
                    kind, why = "unreadable output", channel.too_long_reason()
                current = channel.current
                status = self._reap(pid)
                reaped = True
                if line is None:
                    kind, why = "crash", _describe_end(status)
                self._record_failure(out, current, kind, why)
                return False, current, why if current is None else None
        finally:
            reader.close()
            if channel.current is not None and channel.current[0] == "call":  # hung or crashed
                out.call_seconds.setdefault(channel.current[1], time.monotonic() - started_at)
            if not reaped:
                self._reap(pid)
        return True, None, None

    def _take(self, event: Event | Rejected, out: RunOutcome, started_at: float,
              deadline: float) -> tuple[float, float]:
        """Record an accepted event (or a call's rejected output); the item's deadline and
        start."""
        now = time.monotonic()
        item_deadline = min(deadline, started_at + self.limits.item_seconds)
        if isinstance(event, Rejected):
            out.calls[event.call_id] = CallOutcome(error={
                "type": "unreadable output", "message": event.reason, "where": ""})
            out.call_seconds[event.call_id] = now - started_at
        elif event.kind == "sandbox":
            for note in event.notes:
                if note not in out.notes and len(out.notes) < LIMITS.notes:
                    out.notes.append(note)
        elif event.kind == "sandbox_failed":
            note = f"sandbox set-up failed: {event.message}"
            if note not in out.notes:
                out.notes.append(note)
        elif event.kind in ("unit_start", "call_start"):
            item_deadline, started_at = min(deadline, now + self.limits.item_seconds), now
        elif event.kind == "unit_done":
            out.units[event.index] = UnitOutcome(event.error)
        elif event.kind == "defined":
            out.defined = set(event.names)
        elif event.kind == "call_done":
            out.calls[event.call_id] = CallOutcome(output=event.output, error=event.error)
            out.call_seconds[event.call_id] = now - started_at
        return item_deadline, started_at

    def _timeout_message(self, deadline: float) -> str:
        if time.monotonic() >= deadline - 0.05:
            return f"stopped: the submission's time limit of {self.limits.time_seconds:g} s ran out"
        return (f"stopped after {self.limits.item_seconds:g} s (the limit for one cell, "
                "statement or call): an infinite loop, a long sleep or far too much work")

    @staticmethod
    def _record_failure(out: RunOutcome, current, kind: str, message: str) -> None:
        if current is None:
            return
        error = {"type": kind, "message": message, "where": ""}
        item_kind, key = current
        if item_kind == "unit":
            out.units[key] = UnitOutcome(error)
        else:
            out.calls[key] = CallOutcome(error=error)

    def _reap(self, pid: int) -> dict:
        try:
            reply, _ = self._request({"op": "reap", "pid": pid})
            return reply
        except (OSError, RuntimeError, ValueError):  # the launcher is gone: the child goes too
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
            self._restart()
            return {"exit_code": None, "signal": None, "note": "the grader's launcher was killed"}
