"""Shut the student's process in: its own session, limits, directory, environment, user, mounts.

Called in the forked child before any student code runs. What can be enforced depends on the
privileges of the grader:

- always: a new session (so the whole process group can be killed), stdin/stdout/stderr on
  /dev/null, every inherited file descriptor closed but the event pipe, a fresh working directory,
  a scrubbed environment, resource limits (address space, CPU time, file size, open files, no core
  dumps);
- as root: private mount and network namespaces, the protected paths (reference solutions,
  expected-value cache, source notebooks, other submissions) covered by empty read-only mounts, no
  network at all, then a drop to an unprivileged uid of its own (so that leftover processes of that
  uid can be killed) with ``no_new_privs``;
- as another user: the same namespaces through a user namespace where the kernel allows it;
  otherwise only the first list, and the result says so.
"""

from __future__ import annotations

import ctypes
import os
import resource
import sys
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
PR_SET_NO_NEW_PRIVS = 38

_libc = ctypes.CDLL(None, use_errno=True)

#: what the student's process must be able to read: Python and the library students import
READABLE = [sys.base_prefix, sys.prefix, sys.exec_prefix,
            str(Path(__file__).resolve().parents[3] / "course_lib")]


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _unshare(flags: int) -> None:
    _check(_libc.unshare(flags), "unshare")


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str | None) -> None:
    _check(
        _libc.mount(
            source.encode(), target.encode(), fstype.encode() if fstype else None, flags,
            data.encode() if data else None,
        ),
        f"mount {target}",
    )


def _write(path: str, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


def _hide(paths: list[str]) -> list[str]:
    """Cover each existing path with something empty and read-only; return the hidden ones."""
    hidden = []
    for path in paths:
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=555")
        elif os.path.exists(path):
            _mount("/dev/null", path, None, MS_BIND, None)
        else:
            continue
        hidden.append(path)
    return hidden


#: the folders any user may write to (/run/lock is world-writable on most Linux systems)
SHARED_TEMP_DIRS = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")


def _private_temp_dirs(size_bytes: int) -> None:
    """Fresh, empty, size-limited temporary directories only this process tree sees."""
    for path in SHARED_TEMP_DIRS:
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size_bytes},mode=1777")


MS_REMOUNT = 32


def _under_temp_dir(path: str) -> bool:
    return any(path == d or path.startswith(d + "/") for d in SHARED_TEMP_DIRS)


def _open_under_temp_dirs(needed: list[str]) -> list[tuple[str, int]]:
    """(path, O_PATH descriptor) of each needed folder (the Python installation, course_lib)
    that lies under a shared temporary folder, which the private ones are about to cover (a kit
    checked out or installed under /tmp)."""
    kept = []
    for path in dict.fromkeys(os.path.realpath(p) for p in needed):
        if _under_temp_dir(path) and os.path.isdir(path):
            kept.append((path, os.open(path, os.O_PATH | os.O_DIRECTORY)))
    return kept


def _bind_back(kept: list[tuple[str, int]]) -> list[str]:
    """Mount each kept folder again, read-only, at its path inside the private temporary folder
    (through its descriptor: its old path is covered now)."""
    for path, fd in kept:
        os.makedirs(path, mode=0o755, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC, None)
        _mount("none", path, None, MS_BIND | MS_REMOUNT | MS_RDONLY, None)
        os.close(fd)
    return [f"{len(kept)} folders of the Python installation kept readable in the private /tmp"
            ] if kept else []


def _private_ancestor(path: str) -> str | None:
    """The highest folder on the way to ``path`` that other users cannot enter (like /root)."""
    current = "/"
    for part in os.path.normpath(path).strip("/").split("/"):
        current = os.path.join(current, part)
        try:
            if not os.stat(current).st_mode & 0o001:
                return current
        except OSError:
            return None
    return None


def _readable_installation(needed: list[str], stage: str) -> list[str]:
    """Let the unprivileged user reach ``needed`` folders (the Python installation, course_lib)
    that lie under a private folder such as /root: cover that folder with an empty one anyone may
    enter and bind the needed folders back, read-only, at the same paths. Everything else in the
    private folder (a home directory, its caches) disappears from view."""
    moves = []
    for i, path in enumerate(dict.fromkeys(os.path.realpath(p) for p in needed)):
        blocked = _private_ancestor(path)
        if blocked is None or not os.path.isdir(path):
            continue
        staged = os.path.join(stage, f".needed-{i}")
        os.mkdir(staged)
        _mount(path, staged, None, MS_BIND | MS_REC, None)
        moves.append((path, staged, blocked))
    for blocked in dict.fromkeys(b for _, _, b in moves):
        _mount("tmpfs", blocked, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=755")
    for path, staged, _ in moves:
        os.makedirs(path, mode=0o755, exist_ok=True)
        _mount(staged, path, None, MS_BIND | MS_REC, None)
        _mount("none", path, None, MS_BIND | MS_REMOUNT | MS_RDONLY, None)
    return [f"{len(moves)} folders of the Python installation made readable under a private folder"
            ] if moves else []


def _enter_namespaces(protected: list[str], as_root: bool, temp_bytes: int,
                      stage: str) -> list[str]:
    """Private mounts and no network; returns notes on what was done."""
    uid, gid = os.getuid(), os.getgid()
    if as_root:
        _unshare(CLONE_NEWNS | CLONE_NEWNET)
    else:
        _unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET)
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    _mount("none", "/", None, MS_REC | MS_PRIVATE, None)
    notes = _readable_installation(READABLE, stage)
    hidden = _hide(protected)
    kept = _open_under_temp_dirs(READABLE)
    _private_temp_dirs(temp_bytes)
    notes += _bind_back(kept)
    return notes + ["no network (own network namespace)", f"{len(hidden)} protected paths hidden",
                    "private /tmp, /var/tmp, /dev/shm and /run/lock"]


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


def _set_limits(limits: dict, drop_to_uid: int | None) -> None:
    cpu = int(limits["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    memory = _vm_size() + int(limits["memory_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_bytes"], limits["file_bytes"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    uid = drop_to_uid if drop_to_uid is not None else os.getuid()
    base = 0 if drop_to_uid is not None else _count_own_processes(uid)
    nproc = base + int(limits["processes"])
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))


def enter_sandbox(
    *, keep_fd: int, workdir: str, env: dict, limits: dict, protected: list[str],
    drop_to_uid: int | None,
) -> list[str]:
    """Isolate the calling (freshly forked) process; returns notes on what is enforced."""
    notes = []
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.closerange(3, keep_fd)
    os.closerange(keep_fd + 1, 65536)
    as_root = os.geteuid() == 0
    try:
        notes += _enter_namespaces(protected, as_root, int(limits["file_bytes"]), workdir)
        # the launcher's directory is under the shared /tmp, now covered: work in the private one
        workdir = os.path.join("/tmp", os.path.basename(workdir))
        os.mkdir(workdir, 0o700)
        if as_root and drop_to_uid is not None:
            os.chown(workdir, drop_to_uid, drop_to_uid)
    except OSError as exc:
        notes.append(f"namespaces unavailable ({exc}): network, protected paths and temporary "
                     "directories not isolated")
    os.chdir(workdir)
    os.environ.clear()
    os.environ.update(env)
    if as_root and drop_to_uid is not None:
        _set_limits(limits, drop_to_uid)
        os.setgroups([])
        os.setresgid(drop_to_uid, drop_to_uid, drop_to_uid)
        os.setresuid(drop_to_uid, drop_to_uid, drop_to_uid)
        notes.append(f"runs as unprivileged uid {drop_to_uid}")
    else:
        _set_limits(limits, None)
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    return notes


def reap_child(pid: int) -> dict:
    """Kill a child's whole process group, wait for it, and say how it ended (``killed_here``:
    it was still running, so the SIGKILL is the grader's)."""
    try:
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


UID_RANGE = range(61000, 62000)
UID_LOCKS = "/run/autograder-uids" if os.path.isdir("/run") else "/tmp/autograder-uids"


def claim_uid() -> tuple[int, int]:
    """An unprivileged uid no other sandbox on this host is using, and the lock that holds it.

    Leftover processes of a submission are killed by uid, so two sandboxes must never share one.
    The claim is an exclusive ``flock`` on a file per uid; the kernel releases it when the
    holder's descriptor is closed or its process dies. Returns ``(uid, lock_fd)``.
    """
    import fcntl

    os.makedirs(UID_LOCKS, mode=0o700, exist_ok=True)
    for uid in UID_RANGE:
        fd = os.open(os.path.join(UID_LOCKS, str(uid)), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return uid, fd
    raise RuntimeError(f"all {len(UID_RANGE)} sandbox uids are in use on this host")


def _state_and_parent(pid: str) -> tuple[str, int]:
    """The state letter of a process (``Z`` for a zombie) and its parent's pid."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return fields[0], int(fields[1])


def kill_uid(uid: int) -> None:
    """Kill every process of ``uid``: what a submission left behind (called as root)."""
    for _ in range(100):  # a process may fork while we look: look again until none is left
        found = False
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid and _state_and_parent(entry)[0] != "Z":
                    os.kill(int(entry), 9)
                    found = True
            except (OSError, ValueError, IndexError):
                pass
        if not found:
            return


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
                if entry.isdigit() and _state_and_parent(entry)[1] == me:
                    os.kill(int(entry), 9)
            except (OSError, ValueError, IndexError):
                pass
        if time.monotonic() > deadline:
            return
        time.sleep(0.005)
