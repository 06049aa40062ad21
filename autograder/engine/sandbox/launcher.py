"""A fork server for student processes: import the heavy libraries once, fork one child per job.

Started by :class:`autograder.engine.sandbox.runner.Sandbox` as ``python -m autograder.engine.sandbox.launcher
FD`` with a scrubbed environment. It never imports the reference solutions, the exercise
declarations or the expected values, so a child forked from it has none of them in memory.

Protocol on the socket ``FD`` (frames of a 4-byte length and a body): the grader sends pickles
(it is trusted); the launcher answers with JSON.

- ``{"op": "config", ...}`` once: what to preload, limits, protected paths, the uid to drop to,
  the isolation layers (``"full"``, or ``"baseline"`` for the benchmark). Answer
  ``{"ready": true}``.
- ``{"op": "run", "job": bytes}``: make the submission's cgroup (as root, where the host has
  cgroups), fork a child that isolates itself and runs the job. Answer
  ``{"pid": n}`` with the read end of the child's event pipe attached (SCM_RIGHTS).
- ``{"op": "reap", "pid": n}``: kill the child's process group (and, as root, every process of
  its uid and of its cgroup), wait for it and for whatever it left behind (the launcher is a
  subreaper, so orphans become its children), remove its cgroup and its directory. Answer
  ``{"status": ..., "signal": ...}``.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import shutil
import signal
import socket
import struct
import sys
import tempfile

from autograder.engine.sandbox import cgroups, isolation, seccomp_filter, worker

_HEADER = struct.Struct("!I")


def recv_frame(sock: socket.socket, start: bytes = b"") -> bytes | None:
    """One frame's body, or None at the end of the stream; ``start``: its bytes already read."""
    rest = _recv_exact(sock, _HEADER.size - len(start))
    if rest is None:
        return None
    header = start + rest
    (size,) = _HEADER.unpack(header)
    return _recv_exact(sock, size)


def _recv_exact(sock: socket.socket, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def send_frame(sock: socket.socket, body: bytes, fds: list[int] | None = None) -> None:
    data = _HEADER.pack(len(body)) + body
    if fds:
        socket.send_fds(sock, [data[:1]], fds)
        sock.sendall(data[1:])
    else:
        sock.sendall(data)


def _preload(config: dict) -> list[str]:
    """Import what submissions use, so that each child starts warm; return what failed."""
    import numpy  # noqa: F401

    os.environ.setdefault("MPLBACKEND", "Agg")
    failed = []
    for name in config.get("preload", ()):
        try:
            __import__(name)
        except Exception as exc:  # a missing optional module must not stop grading
            failed.append(f"{name}: {exc}")
    if "course_lib.tf" in sys.modules:
        # Start TensorFlow's runtime once here rather than in every child (forking after eager
        # ops is safe with one intra/inter-op thread, as the sandbox environment sets).
        tf = sys.modules["course_lib.tf"].tf
        tf.reduce_sum(tf.one_hot([1], 3, axis=0) * tf.constant(1.0)).numpy()
    return failed


class Launcher:
    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.config: dict = {}
        self.workdirs: dict[int, str] = {}
        self.cgroups: dict[int, cgroups.Cgroup] = {}

    def reply(self, message: dict, fds: list[int] | None = None) -> None:
        send_frame(self.sock, json.dumps(message).encode(), fds)

    def serve(self) -> None:
        while True:
            frame = recv_frame(self.sock)
            if frame is None:
                return
            message = pickle.loads(frame)
            getattr(self, "op_" + message["op"])(message)

    def op_config(self, message: dict) -> None:
        self.config = message
        failed = _preload(message)
        if message.get("isolation") != "baseline":
            seccomp_filter.prepare()  # built once here: each child only loads it
        # Keep the preloaded heap out of the collector's sight, so that a child's garbage
        # collections do not write to (and so copy) every page it shares with the launcher.
        gc.collect()
        gc.freeze()
        self.reply({"ready": True, "preload_failed": failed})

    def op_run(self, message: dict) -> None:
        uid = self.config.get("drop_to_uid") if os.geteuid() == 0 else None
        workdir = tempfile.mkdtemp(prefix="submission-", dir=self.config.get("work_root"))
        if uid is not None:
            os.chown(workdir, uid, uid)
        layers = self.config.get("isolation", "full")
        limits = self.config["limits"]
        group = None
        if layers != "baseline" and os.geteuid() == 0:
            group = cgroups.create(int(limits["memory_bytes"]), int(limits["processes"]))
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            worker.sandboxed_child(message["job"], write_end, {
                "workdir": workdir, "env": self.config["env"], "limits": limits,
                "protected": self.config["protected"], "drop_to_uid": uid,
                "cgroup": cgroups.for_child(group), "isolation": layers,
            })
        os.close(write_end)
        self.workdirs[pid] = workdir
        if group is not None:
            self.cgroups[pid] = group
        self.reply({"pid": pid}, fds=[read_end])
        os.close(read_end)

    def op_reap(self, message: dict) -> None:
        pid = message["pid"]
        status = isolation.reap_child(pid, keeper=self.config.get("isolation") != "baseline")
        # The grader has what it needs: answer first, then clean up while it scores the outcome
        # (the next request waits for the cleanup: the launcher serves one at a time)
        self.reply(status)
        uid = self.config.get("drop_to_uid")
        if os.geteuid() == 0 and uid is not None:
            isolation.kill_uid(uid)
        group = self.cgroups.pop(pid, None)
        if group is not None:
            cgroups.destroy(group)
        isolation.reap_leftovers()
        shutil.rmtree(self.workdirs.pop(pid, ""), ignore_errors=True)


def main() -> None:
    sock = socket.socket(fileno=int(sys.argv[1]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    isolation.become_subreaper()
    Launcher(sock).serve()


if __name__ == "__main__":
    main()
