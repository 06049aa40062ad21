"""The submission's view of the file system, set up in its private mount namespace.

Protected paths (reference solutions, the expected-value cache, source notebooks, other
submissions) are covered by empty read-only mounts; /tmp, /var/tmp, /dev/shm and /run/lock are
fresh, size-limited and private; /proc is a new one that shows only the submission's own PID
namespace; the Python installation stays readable to the unprivileged user.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

from autograder.engine.sandbox.namespaces import check

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MS_NOEXEC = 8

_libc = ctypes.CDLL(None, use_errno=True)

#: what the student's process must be able to read: Python and the library students import
READABLE = [sys.base_prefix, sys.prefix, sys.exec_prefix,
            str(Path(__file__).resolve().parents[3] / "course_lib")]


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str | None) -> None:
    check(
        _libc.mount(
            source.encode(), target.encode(), fstype.encode() if fstype else None, flags,
            data.encode() if data else None,
        ),
        f"mount {target}",
    )


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


def private_root() -> None:
    """Stop mounts from propagating between this namespace and the host's."""
    _mount("none", "/", None, MS_REC | MS_PRIVATE, None)


def mount_own_proc() -> None:
    """A /proc of the PID namespace this process is in (call it in the namespace's init): the
    submission sees only its own processes, and no /proc/PID/root of the grader's."""
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)


def set_up(protected: list[str], temp_bytes: int, stage: str) -> list[str]:
    """Everything but /proc, in a private mount namespace; returns notes on what was done."""
    notes = _readable_installation(READABLE, stage)
    hidden = _hide(protected)
    kept = _open_under_temp_dirs(READABLE)
    _private_temp_dirs(temp_bytes)
    notes += _bind_back(kept)
    return notes + [f"{len(hidden)} protected paths hidden",
                    "private /tmp, /var/tmp, /dev/shm and /run/lock"]
