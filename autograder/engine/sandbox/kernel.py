"""The sandbox inside a Jupyter kernel, for nbgrader's hidden test cells.

Under ``nbgrader autograde`` the student's code has already run in the kernel when a hidden test
cell runs. :class:`KernelSandbox` forks the kernel itself, so the child has the student's
functions, and the child isolates itself exactly like a child of the launcher (limits, session,
working directory, mounts, user: as root, a sandbox uid claimed for the call, whose processes are
all killed after it) before calling them. The kernel (the parent) reads the outputs
with the same deadlines and compares them. What this cannot guarantee: anything the student's
code did to the kernel before the test cell ran (see the README).
"""

from __future__ import annotations

import os
import pickle
import shutil
import sys
import tempfile

from autograder.engine.sandbox import cgroups, isolation, worker
from autograder.engine.sandbox.runner import Limits, Sandbox, scrubbed_env


class KernelSandbox(Sandbox):
    """Fork the current process (a kernel) for each attempt; ``namespace`` holds the functions."""

    def __init__(self, namespace: dict, *, limits: Limits = Limits(), protected=()):
        super().__init__(tensorflow="tensorflow" in sys.modules, limits=limits,
                         protected=protected)
        self.namespace = namespace
        self._workdirs: dict[int, str] = {}
        self._cgroups: dict[int, cgroups.Cgroup] = {}
        self._uid = None

    def run(self, job: dict):
        """As :meth:`Sandbox.run`; as root, the children drop to a sandbox uid claimed for it."""
        lock = None
        if os.geteuid() == 0:
            self._uid, lock = isolation.claim_uid()
        try:
            return super().run(job)
        finally:
            if lock is not None:
                isolation.release_uid(self._uid, lock)
            self._uid = None

    #: keep each output as the child encoded it (checked JSON): the grader process decodes
    #: it, not this kernel, whose code (even ``float``) the student's cells may have patched
    decode_outputs = False

    def start(self) -> None:  # nothing to start: the kernel is the launcher
        return None

    def close(self) -> None:
        return None

    def _spawn(self, job: dict) -> tuple[int, int]:
        workdir = tempfile.mkdtemp(prefix="submission-")
        if self._uid is not None:
            os.chown(workdir, self._uid, self._uid)
        layers = isolation.layers()
        group = None
        if layers != "baseline" and os.geteuid() == 0:
            group = cgroups.create(self.limits.memory_bytes, self.limits.processes)
        read_end, write_end = os.pipe()
        job_bytes = pickle.dumps(job)
        pid = os.fork()
        if pid == 0:  # the child never returns into the kernel's code
            try:
                os.close(read_end)
                # ipykernel's streams talk to the notebook over ZMQ: never touch them here
                sys.stdout = sys.stderr = open(os.devnull, "w")
                worker.sandboxed_child(job_bytes, write_end, {
                    "workdir": workdir, "env": scrubbed_env(self.tensorflow),
                    "limits": self.limits.as_rlimits(), "protected": self.protected,
                    "drop_to_uid": self._uid, "cgroup": cgroups.for_child(group),
                    "isolation": layers,
                }, self.namespace)
            finally:
                os._exit(4)
        os.close(write_end)
        self._workdirs[pid] = workdir
        if group is not None:
            self._cgroups[pid] = group
        return pid, read_end

    def _reap(self, pid: int) -> dict:
        status = isolation.reap_child(pid, keeper=isolation.layers() != "baseline")
        if self._uid is not None:
            isolation.kill_uid(self._uid)
        group = self._cgroups.pop(pid, None)
        if group is not None:
            cgroups.destroy(group)
        shutil.rmtree(self._workdirs.pop(pid, ""), ignore_errors=True)
        return status
