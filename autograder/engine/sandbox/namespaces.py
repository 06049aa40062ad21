"""The kernel namespaces of one submission: its own processes, IPC, host name, mounts, network.

:func:`enter` unshares them all at once (under a user namespace where the grader is not root),
then forks: a PID namespace takes effect for the children of the process that unshares it, the
first of which is its init, and when that init ends the kernel kills every process left in it
(see :func:`fork_into_pid_namespace`). The process that unshared (the *keeper*) stays outside,
so that the grader, which watches its pid, sees the submission's exit status; the keeper dies
with the launcher and the init with the keeper (``PR_SET_PDEATHSIG``), so nothing of a
submission outlives its launcher either.

What the calls do, and need: unshare(2), pid_namespaces(7), ipc_namespaces(7), uts_namespaces(7),
user_namespaces(7).
"""

from __future__ import annotations

import ctypes
import os
import signal

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
#: every namespace a submission gets, but the user namespace (only where the grader is not root)
ALL = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET
#: what the grader had before PID, IPC and UTS namespaces (kept as a fallback)
MOUNT_AND_NETWORK = CLONE_NEWNS | CLONE_NEWNET

PR_SET_PDEATHSIG = 1
HOSTNAME = "sandbox"

_libc = ctypes.CDLL(None, use_errno=True)


def check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def unshare(flags: int) -> None:
    check(_libc.unshare(flags), "unshare")


def _write(path: str, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when its parent ends; end now if ``parent`` has already gone (the
    parent may end between the fork and this call). Must be called after any change of uid,
    which clears the setting."""
    check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(PR_SET_PDEATHSIG)")
    if os.getppid() != parent:
        os._exit(9)


def _map_own_user() -> None:
    """Inside a new user namespace, be the same uid and gid as outside (all we may map)."""
    uid, gid = os.geteuid(), os.getegid()
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")


def unshare_all(as_root: bool, separate: bool = True) -> int:
    """Enter new namespaces (the PID namespace only for the children to come); returns the
    flags that took effect. ``separate=False`` asks only for mount and network namespaces, as
    the grader did before (for the isolation-cost benchmark's baseline)."""
    uid, gid = os.geteuid(), os.getegid()
    flags = ALL if separate else MOUNT_AND_NETWORK
    if as_root:
        unshare(flags)
        return flags
    unshare(CLONE_NEWUSER | flags)
    try:
        _map_own_user()
    except OSError:
        if (os.geteuid(), os.getegid()) != (uid, gid):
            raise
    return CLONE_NEWUSER | flags


def set_hostname() -> None:
    """A host name that says nothing about the grading machine (in the UTS namespace)."""
    import socket

    socket.sethostname(HOSTNAME)


def fork_into_pid_namespace() -> None:
    """Fork twice after ``unshare(CLONE_NEWPID)``; returns only in the student's process.

    Three processes, each the parent of the next: the *keeper* (outside the namespace, the
    process the grader watches), the namespace's *init* (pid 1 inside) and the student's process
    (pid 2). The init reaps the orphans of the namespace and, when the student's process ends,
    hands its wait status to the keeper and ends, which kills whatever it left. The keeper ends
    with that status (exit code or signal). Not the init itself runs the student's code: an init
    ignores the signals it sends itself (``os.abort()``, ``os.kill(os.getpid(), ...)``) and a
    ``kill(getppid(), ...)`` would read ``kill(0, ...)`` and hit the whole process group.
    """
    lifeline, held = os.pipe()  # the keeper holds ``held``: its end tells the init to end
    status_read, status_write = os.pipe()
    init = os.fork()
    if init:
        os.close(lifeline)
        os.close(status_write)
        _keep(init, keep=(held, status_read))
    os.close(held)
    os.close(status_read)
    die_with_keeper(lifeline)
    student = os.fork()
    if student == 0:
        os.close(lifeline)
        os.close(status_write)
        return
    _init(student, status_write)


def die_with_keeper(lifeline: int) -> None:
    """SIGKILL this init when the keeper ends; end now if it has already ended (its end of the
    lifeline is then closed: the read end is readable, at its end). ``getppid()`` cannot tell:
    the keeper is outside the namespace, so it reads 0."""
    import select

    check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(PR_SET_PDEATHSIG)")
    if select.select([lifeline], [], [], 0)[0]:
        os._exit(9)


def _close_all_but(keep: tuple[int, ...]) -> None:
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 65536)


def _init(student: int, status_write: int) -> None:
    """Pid 1: reap every process of the namespace until the student's process ends, then hand
    its wait status to the keeper and end (the kernel then kills what is left)."""
    try:
        _close_all_but((status_write,))  # the event pipe too: only the student's process has it
        while True:
            try:
                pid, status = os.waitpid(-1, 0)
            except InterruptedError:
                continue
            if pid == student:
                os.write(status_write, status.to_bytes(4, "little"))
                break
    except BaseException:
        pass
    os._exit(0)


def _keep(init: int, keep: tuple[int, int]) -> None:
    """The keeper: end with the status of the student's process as soon as the init hands it
    over (the init's own end, which waits for the namespace to be torn down, is the launcher's
    to reap: it is a subreaper); with the init's status if the init was killed first."""
    held, status_read = keep
    code = 1
    try:
        _close_all_but((held, status_read))
        reported = b""
        while True:
            try:
                reported = os.read(status_read, 4)  # the status, or b"" once the init is gone
                break
            except InterruptedError:
                continue
        if len(reported) == 4:
            status = int.from_bytes(reported, "little")
        else:
            _, status = os.waitpid(init, 0)
        if os.WIFSIGNALED(status):
            import resource

            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            sig = os.WTERMSIG(status)
            signal.signal(sig, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
            os.kill(os.getpid(), sig)
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1
    except BaseException:
        pass
    os._exit(code)
