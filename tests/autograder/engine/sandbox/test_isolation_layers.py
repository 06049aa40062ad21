"""The layers of issue 15 around each submission, seen from inside it: its own PID, IPC and UTS
namespaces, the seccomp filter, the cgroup, and what happens to its processes when the launcher
dies. Each job below reports what it sees by raising it (a unit's error message)."""

from __future__ import annotations

import ast
import os
import threading
import time

import pytest

from autograder.engine.sandbox import cgroups, isolation
from autograder.engine.sandbox.runner import Limits, Sandbox

ROOT = os.geteuid() == 0
LIMITS = Limits(time_seconds=20, item_seconds=10, memory_bytes=512 * 1024**2)

pytestmark = pytest.mark.timeout(300)


def seen(sandbox: Sandbox, source: str) -> object:
    """Run ``source`` as a unit that ends with ``raise RuntimeError(repr(value))``; the value."""
    out = sandbox.run({"units": [{"source": source, "filename": "probe.py"}], "calls": [],
                       "module_name": "__main__"})
    error = out.units[0].error
    assert error and error["type"] == "RuntimeError", (error, out.notes)
    return ast.literal_eval(error["message"])


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(tensorflow=False, limits=LIMITS) as sb:
        yield sb


PIDS = """
import os
raise RuntimeError(repr(sorted(int(p) for p in os.listdir("/proc") if p.isdigit())))
"""


@pytest.mark.skipif(not ROOT, reason="namespaces are made by root here")
def test_a_submission_sees_only_its_own_processes(sandbox):
    assert seen(sandbox, PIDS) == [1, 2]  # the namespace's init and the student's process


KEY = 0x5E000000 + os.getpid() % 0x100000  # a key of this run's own
SHM_CREATE = f"""
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
shmid = libc.shmget({KEY}, 1 << 20, 0o1666)  # IPC_CREAT | 0o666
raise RuntimeError(repr(shmid))
"""
SHM_FIND = f"""
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
raise RuntimeError(repr(libc.shmget({KEY}, 0, 0o666)))
"""


def host_segments(key: int) -> list[str]:
    with open("/proc/sysvipc/shm") as f:
        return [line for line in f.read().splitlines()[1:] if int(line.split()[0]) == key]


@pytest.mark.skipif(not ROOT, reason="namespaces are made by root here")
def test_shared_memory_is_neither_seen_by_the_next_submission_nor_left_on_the_host(sandbox):
    assert seen(sandbox, SHM_CREATE) >= 0
    assert seen(sandbox, SHM_FIND) == -1  # ENOENT: the first submission's segment is gone
    assert host_segments(KEY) == []


HOST = """
import socket
raise RuntimeError(repr(socket.gethostname()))
"""


@pytest.mark.skipif(not ROOT, reason="namespaces are made by root here")
def test_the_host_name_is_the_sandboxs(sandbox):
    assert seen(sandbox, HOST) == "sandbox"


CALLS = """
import ctypes, errno, os
libc = ctypes.CDLL(None, use_errno=True)
def result(value):
    return "ok" if value >= 0 else errno.errorcode[ctypes.get_errno()]
found = {
    "unshare(CLONE_NEWUSER)": result(libc.unshare(0x10000000)),
    "ptrace(PTRACE_ATTACH, 1)": result(libc.ptrace(16, 1, 0, 0)),
    "keyctl": result(libc.syscall(250, 0, 0, 0, 0)),
    "bpf": result(libc.syscall(321, 0, 0, 0)),
    "perf_event_open": result(libc.syscall(298, 0, 0, -1, -1, 0)),
    "userfaultfd": result(libc.syscall(323, 0)),
    "personality(ADDR_NO_RANDOMIZE)": result(libc.personality(0x0040000)),
}
child = os.fork()
if child == 0:
    os._exit(0)
found["fork"] = "ok" if os.waitpid(child, 0)[0] == child else "failed"
raise RuntimeError(repr(found))
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/ns/pid") or os.uname().machine != "x86_64",
                    reason="the system call numbers of the probe are x86-64's")
def test_the_seccomp_filter_denies_the_calls_of_the_table_and_allows_fork(sandbox):
    found = seen(sandbox, CALLS)
    assert found.pop("fork") == "ok"
    assert found == dict.fromkeys(found, "EPERM"), found


CGROUP = """
import os
lines = dict(line.split(":", 2)[1:] for line in open("/proc/self/cgroup").read().splitlines())
memory = "/sys/fs/cgroup/memory" + lines.get("memory", "") + "/memory.limit_in_bytes"
raise RuntimeError(repr(int(open(memory).read()) if os.path.exists(memory) else None))
"""


@pytest.mark.skipif(not (ROOT and os.access("/sys/fs/cgroup/memory", os.W_OK)),
                    reason="a cgroup v1 memory hierarchy writable by root is needed here")
def test_the_submission_runs_in_a_memory_cgroup_of_its_own(sandbox):
    assert seen(sandbox, CGROUP) == cgroups.memory_limit(LIMITS.memory_bytes)


DAEMON = """
import ctypes, os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        ctypes.CDLL(None).prctl(15, b"leftover-@TOKEN@", 0, 0, 0)
        time.sleep(120)
    os._exit(0)
while True:
    time.sleep(1)
"""


def processes_named(name: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/comm") as f:
                if f.read().strip() == name[:15]:
                    found.append(int(entry))
        except OSError:
            pass
    return found


@pytest.mark.skipif(not ROOT, reason="namespaces are made by root here")
def test_nothing_of_a_submission_outlives_its_launcher():
    """The launcher dies (the OOM killer, say) while a submission with a daemon runs: the daemon
    must die with it, before its uid can be handed to anyone else."""
    token = f"{os.getpid() % 100000}"
    name = f"leftover-{token}"
    sandbox = Sandbox(tensorflow=False, limits=Limits(time_seconds=8, item_seconds=6))
    sandbox.start()
    launcher = sandbox._proc

    def kill_launcher_once_the_daemon_runs():
        deadline = time.monotonic() + 20
        while not processes_named(name) and time.monotonic() < deadline:
            time.sleep(0.05)
        launcher.kill()

    killer = threading.Thread(target=kill_launcher_once_the_daemon_runs)
    killer.start()
    try:
        sandbox.run({"units": [{"source": DAEMON.replace("@TOKEN@", token),
                                "filename": "daemon.py"}], "calls": []})
    finally:
        killer.join()
        sandbox.close()
    deadline = time.monotonic() + 5
    while processes_named(name) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_named(name) == []


def processes_of(uid: int) -> list[int]:
    """Living processes with ``uid`` as their real, effective or saved uid (from /proc)."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/status") as f:
                status = dict(line.split(":", 1) for line in f.read().splitlines() if ":" in line)
        except OSError:
            continue
        if str(uid) in status["Uid"].split() and not status["State"].strip().startswith("Z"):
            found.append(int(entry))
    return found


@pytest.mark.skipif(not ROOT, reason="sandbox uids are claimed by root")
def test_a_uid_is_claimed_only_once_no_process_of_it_is_left():
    """A process of a free uid (what a grader killed mid-batch leaves) is killed before the uid
    is handed out, or the uid is skipped."""
    uid, lock = isolation.claim_uid()
    os.close(lock)  # free again, as after a grader that died: the next claim would get it
    pid = os.fork()
    if pid == 0:
        try:
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            time.sleep(60)
        finally:
            os._exit(0)
    try:
        deadline = time.monotonic() + 5
        while pid not in processes_of(uid) and time.monotonic() < deadline:
            time.sleep(0.01)
        claimed, lock = isolation.claim_uid()
        try:
            assert processes_of(claimed) == []
            if claimed == uid:
                assert os.waitpid(pid, os.WNOHANG)[0] == pid  # it was killed
        finally:
            os.close(lock)
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (OSError, ChildProcessError):
            pass


def test_the_baseline_switch_turns_the_new_layers_off(monkeypatch):
    monkeypatch.setenv("AUTOGRADER_ISOLATION", "baseline")
    with Sandbox(tensorflow=False, limits=LIMITS) as sb:
        out = sb.run({"units": [{"source": "x = 1\n", "filename": "a.py"}], "calls": []})
    text = "\n".join(out.notes)
    assert "PID namespace" not in text and "seccomp" not in text and "cgroup" not in text
