"""Sandbox uids: one per launcher on the host, reused only once no process of it is left.

A grader running as root drops each submission's processes to an unprivileged uid of its own, so
that what a submission leaves behind can be found and killed by uid. Two sandboxes must never
share a uid, and a uid must never be handed on while a process of it still runs: such a leftover
could signal the next submission's processes (same uid) and make an honest student score 0.
So a claim is an exclusive ``flock`` on a file per uid (the kernel releases it when its holder
dies), and it is taken only once a scan of ``/proc`` finds no process of that uid, killing what a
dead holder left behind first; a release kills and checks again.
"""

from __future__ import annotations

import fcntl
import os
import time

UID_RANGE = range(61000, 62000)
UID_LOCKS = "/run/autograder-uids" if os.path.isdir("/run") else "/tmp/autograder-uids"
#: how long a claim or a release waits for the processes of a uid to disappear
SETTLE_SECONDS = 5.0


def _uids_and_state(pid: str) -> tuple[set[int], str]:
    """The real, effective, saved and filesystem uids of a process and its state letter (``Z``
    for a zombie), from ``/proc/PID/status``: right even where the process is not dumpable and
    its ``/proc`` folder belongs to root."""
    uids: set[int] = set()
    state = ""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("State:"):
                state = line.split()[1]
            elif line.startswith("Uid:"):
                uids = {int(u) for u in line.split()[1:]}
                break
    return uids, state


def processes_of(uid: int) -> list[int]:
    """The pids of the living (not zombie) processes that have ``uid`` among their uids."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            uids, state = _uids_and_state(entry)
        except (OSError, ValueError, IndexError):
            continue  # it ended while we looked
        if uid in uids and state != "Z":
            found.append(int(entry))
    return found


def kill_uid(uid: int, timeout: float = SETTLE_SECONDS) -> bool:
    """SIGKILL every process of ``uid`` until none is left (as root); True once none is, False if
    some still ran after ``timeout`` seconds (a process may fork while we look: look again)."""
    deadline = time.monotonic() + timeout
    while True:
        pids = processes_of(uid)
        if not pids:
            return True
        for pid in pids:
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        if time.monotonic() > deadline:
            return False
        time.sleep(0.002)


def claim_uid() -> tuple[int, int]:
    """An unprivileged uid no other sandbox on this host uses and no process runs as, and the
    lock that holds it: ``(uid, lock_fd)``; close ``lock_fd`` through :func:`release_uid`.

    A uid whose lock is free but whose processes are still there (a grader that died without
    cleaning up) gets them killed first; if they cannot all be killed, the next uid is tried.
    """
    os.makedirs(UID_LOCKS, mode=0o700, exist_ok=True)
    for uid in UID_RANGE:
        fd = os.open(os.path.join(UID_LOCKS, str(uid)), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        if kill_uid(uid):
            return uid, fd
        os.close(fd)
    raise RuntimeError(f"all {len(UID_RANGE)} sandbox uids are in use on this host")


def release_uid(uid: int, lock_fd: int) -> bool:
    """Kill what is left of ``uid`` and give the uid back; False if a process of it survived
    (the uid is then still given back: the next claim kills it or skips the uid)."""
    try:
        return kill_uid(uid)
    finally:
        os.close(lock_fd)
