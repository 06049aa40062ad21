"""Shut the student's process in: its own session, namespaces, mounts, limits, user, filter.

Called in the forked child before any student code runs. What can be enforced depends on the
privileges of the grader (the README's table "Isolation: what is enforced" says it all):

- always: a new session (so the whole process group can be killed), stdin/stdout/stderr on
  /dev/null, every inherited file descriptor closed but the event pipe, a fresh working directory,
  a scrubbed environment, resource limits (address space, CPU time, file size, open files,
  processes, no core dumps), ``no_new_privs``, and the seccomp filter of
  :mod:`~autograder.engine.sandbox.seccomp_filter` where libseccomp is installed;
- as root: new PID, IPC, UTS, mount and network namespaces (:mod:`.namespaces`; the PID
  namespace makes the child fork once more, see there), a fresh /proc, the protected paths
  hidden and private temporary folders (:mod:`.mounts`), a cgroup of the submission's own where
  the host has one (:mod:`.cgroups`), then a drop to an unprivileged uid of its own
  (:mod:`.uids`);
- as another user: the same namespaces and mounts inside a user namespace where the kernel
  allows it, no cgroup, no change of uid; without user namespaces only the first list, and the
  result says so.

``AUTOGRADER_ISOLATION=baseline`` in the grader's environment turns off what issue 15 added (PID,
IPC and UTS namespaces, the second fork, /proc, seccomp, cgroups): for the benchmark
``benchmarks/isolation_cost.py`` only.
"""

from __future__ import annotations

import ctypes
import os
import resource

from autograder.engine.sandbox import cgroups as cgroup_limits
from autograder.engine.sandbox import mounts, namespaces, seccomp_filter
from autograder.engine.sandbox.uids import UID_RANGE, claim_uid, kill_uid, release_uid

__all__ = ["UID_RANGE", "claim_uid", "enter_sandbox", "kill_uid", "layers", "release_uid",
           "reap_child", "reap_leftovers", "become_subreaper"]

PR_SET_NO_NEW_PRIVS = 38
_libc = ctypes.CDLL(None, use_errno=True)


def layers() -> str:
    """``"full"``, or ``"baseline"`` (the isolation before issue 15, for the benchmark)."""
    return "baseline" if os.environ.get("AUTOGRADER_ISOLATION") == "baseline" else "full"


def _count_own_processes(uid: int) -> int:
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += 1
            except OSError:
                pass
    return count


def _vm_size() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _set_limits(limits: dict, drop_to_uid: int | None, in_user_namespace: bool) -> None:
    cpu = int(limits["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    memory = _vm_size() + int(limits["memory_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_bytes"], limits["file_bytes"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    uid = drop_to_uid if drop_to_uid is not None else os.getuid()
    # RLIMIT_NPROC counts the processes of the uid: a dropped-to uid has none yet; in a user
    # namespace of its own only the keeper counts; otherwise all the grader's processes do
    if drop_to_uid is not None:
        base = 0
    elif in_user_namespace:
        base = 1
    else:
        base = _count_own_processes(uid)
    nproc = base + int(limits["processes"])
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))


def _namespace_notes(flags: int) -> list[str]:
    notes = []
    if flags & namespaces.CLONE_NEWUSER:
        notes.append("own user namespace (the grader is not root)")
    if flags & namespaces.CLONE_NEWPID:
        notes.append("own PID namespace: it sees and can signal only its own processes, all "
                     "ended with it")
    if flags & namespaces.CLONE_NEWIPC:
        notes.append("own IPC namespace: no SysV shared memory, semaphore or message queue of "
                     "another submission is visible, and none outlives it")
    if flags & namespaces.CLONE_NEWUTS:
        notes.append(f"own host name ({namespaces.HOSTNAME})")
    if flags & namespaces.CLONE_NEWNET:
        notes.append("no network (own network namespace)")
    return notes


def enter_sandbox(
    *, keep_fd: int, workdir: str, env: dict, limits: dict, protected: list[str],
    drop_to_uid: int | None, cgroup: dict | None = None, isolation: str = "full",
) -> list[str]:
    """Isolate the calling (freshly forked) process; returns notes on what is enforced.

    ``cgroup``: the submission's group, made by the launcher (:func:`cgroups.for_child`),
    ``isolation``: what :func:`layers` said in the grader. With a PID namespace this forks
    twice: only the student's process returns (see :func:`namespaces.fork_into_pid_namespace`).
    """
    full = isolation != "baseline"
    notes = []
    launcher = os.getppid()
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.closerange(3, keep_fd)
    os.closerange(keep_fd + 1, 65536)
    as_root = os.geteuid() == 0
    try:
        flags = namespaces.unshare_all(as_root, separate=full)
    except OSError as exc:
        flags = 0
        notes.append(f"namespaces unavailable ({exc}): processes, IPC, network, protected paths "
                     "and temporary directories not isolated")
    namespaces.die_with_parent(launcher)
    if flags & namespaces.CLONE_NEWPID:
        namespaces.fork_into_pid_namespace()
    if flags:
        try:
            mounts.private_root()
            if flags & namespaces.CLONE_NEWPID:
                mounts.mount_own_proc()
            if flags & namespaces.CLONE_NEWUTS:
                namespaces.set_hostname()
            notes += mounts.set_up(protected, int(limits["file_bytes"]), workdir)
            # the launcher's directory is under the shared /tmp, now covered: work in the
            # private one
            workdir = os.path.join("/tmp", os.path.basename(workdir))
            os.mkdir(workdir, 0o700)
            if as_root and drop_to_uid is not None:
                os.chown(workdir, drop_to_uid, drop_to_uid)
            notes += _namespace_notes(flags)
        except OSError as exc:
            notes.append(f"mounts unavailable ({exc}): protected paths and temporary directories "
                         "not isolated")
    if full:
        if cgroup and as_root:
            cgroup_limits.join(cgroup["procs"])
        else:
            cgroup = None
        notes.append(cgroup_limits.describe(cgroup, int(limits["memory_bytes"]),
                                            int(limits["processes"])))
    os.chdir(workdir)
    os.environ.clear()
    os.environ.update(env)
    if as_root and drop_to_uid is not None:
        _set_limits(limits, drop_to_uid, in_user_namespace=False)
        os.setgroups([])
        os.setresgid(drop_to_uid, drop_to_uid, drop_to_uid)
        os.setresuid(drop_to_uid, drop_to_uid, drop_to_uid)
        notes.append(f"runs as unprivileged uid {drop_to_uid}")
    else:
        _set_limits(limits, None, in_user_namespace=bool(flags & namespaces.CLONE_NEWUSER))
    if not flags & namespaces.CLONE_NEWPID:
        namespaces.die_with_parent(launcher)  # a change of uid clears it: set it again
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    if full:
        notes.append(seccomp_filter.load())
    return notes


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except FileNotFoundError:  # a kernel without CONFIG_PROC_CHILDREN, or the process is gone
        if not os.path.exists(f"/proc/{pid}"):
            return []
        return [int(e) for e in os.listdir("/proc") if e.isdigit() and _safe_parent(e) == pid]


def _safe_parent(pid: str) -> int | None:
    try:
        return _parent(pid)
    except (OSError, ValueError, IndexError):
        return None


def _student_gone(keeper: int) -> bool:
    """True when the keeper's student process has ended (the keeper is then about to end with
    its status, see :func:`namespaces.fork_into_pid_namespace`)."""
    return not any(_running(child) for init in _children(keeper) for child in _children(init))


PF_EXITING = 0x4


def _running(pid: int) -> bool:
    """Not ending: neither gone, nor a zombie, nor on its way out (it closes its files, the
    event pipe included, before it becomes a zombie)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return fields[0] != "Z" and not int(fields[6]) & PF_EXITING
    except (OSError, IndexError, ValueError):
        return False


def reap_child(pid: int, keeper: bool = False) -> dict:
    """Kill a child's whole process group, wait for it, and say how it ended (``killed_here``:
    it was still running, so the SIGKILL is the grader's).

    ``keeper``: the child is a keeper (a PID namespace's, see :mod:`.namespaces`), which ends a
    moment after the student's process: when that process has already gone, the keeper is given
    that moment (up to a second) to end with its status before it is called killed here.
    """
    import time

    try:
        done, status = os.waitpid(pid, os.WNOHANG)
        if keeper and not done and _student_gone(pid):
            deadline = time.monotonic() + 1.0
            while not done and time.monotonic() < deadline:
                time.sleep(0.001)
                done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        done, status = pid, 0
    try:
        os.killpg(pid, 9)
    except OSError:
        pass
    if not done:
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            status = 0
    return {
        "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "killed_here": not done,
    }


def _parent(pid: str) -> int:
    with open(f"/proc/{pid}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> None:
    """Make the orphans of this process's descendants its children (so it can reap them)."""
    _libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def reap_leftovers(timeout: float = 2.0) -> None:
    """Kill and wait for every child still left: in a subreaper whose job child is already
    reaped, what a submission left behind, orphans that escaped into a session of their own
    included. Zombies left to an init that does not reap would count against the process limit
    of the next submission."""
    import time

    me = os.getpid()
    deadline = time.monotonic() + timeout
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid:
            continue
        for entry in os.listdir("/proc"):
            try:
                if entry.isdigit() and _parent(entry) == me:
                    os.kill(int(entry), 9)
            except (OSError, ValueError, IndexError):
                pass
        if time.monotonic() > deadline:
            return
        time.sleep(0.005)
