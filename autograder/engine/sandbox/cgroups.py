"""A memory and process-count cgroup per submission, where the host lets the grader make one.

cgroup v1 (a hierarchy per controller, ``memory`` and ``pids``): the submission's group is made
under the grader's own group of each hierarchy. cgroup v2 (one hierarchy): processes may only
sit in leaves of groups that distribute controllers, so the groups are made under
``autograder-sandboxes`` at the top of the hierarchy, whose ``memory`` and ``pids`` controllers
are switched on for it. Both need write access to the hierarchy (root, in practice); otherwise
:func:`create` returns None and rlimits alone bound the submission.

The limits: ``pids.max`` is the submission's process limit (threads count too); the memory limit
is a quarter above the submission's own, because the address-space rlimit of each process stops
a single process first with a ``MemoryError`` its code can see, while the cgroup bounds all its
processes together, and its SysV shared memory, whose pages are charged to it.

See cgroups(7), the kernel's cgroup-v1/memory and cgroup-v2 documents.
"""

from __future__ import annotations

import itertools
import os
import signal
import time
from dataclasses import dataclass

V2_PARENT = "autograder-sandboxes"
_counter = itertools.count()


@dataclass
class Cgroup:
    """The folders of one submission's group (one per hierarchy in v1, one in v2)."""

    version: int
    folders: list[str]

    @property
    def procs_files(self) -> list[str]:
        return [os.path.join(f, "cgroup.procs") for f in self.folders]


def memory_limit(memory_bytes: int) -> int:
    return memory_bytes + memory_bytes // 4


def _mounts() -> list[tuple[str, str, str, str]]:
    """(hierarchy root, mount point, file system type, super options) of each cgroup mount."""
    found = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            left, _, right = line.partition(" - ")
            fields, rfields = left.split(), right.split()
            if rfields and rfields[0] in ("cgroup", "cgroup2"):
                found.append((fields[3], fields[4], rfields[0], rfields[2] if len(rfields) > 2
                              else ""))
    return found


def _own_paths() -> dict[str, str]:
    """The grader's group in each hierarchy: controller name (``""`` for v2) -> path."""
    paths = {}
    with open("/proc/self/cgroup") as f:
        for line in f:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            for name in controllers.split(",") if controllers else [""]:
                paths[name] = path
    return paths


def _folder(root: str, mount_point: str, path: str) -> str:
    if root != "/" and path.startswith(root):
        path = path[len(root):]
    return os.path.join(mount_point, path.lstrip("/"))


def _write(path: str, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


def _v1_bases() -> dict[str, str] | None:
    own = _own_paths()
    bases = {}
    for root, point, fstype, options in _mounts():
        for controller in ("memory", "pids"):
            if fstype == "cgroup" and controller in options.split(",") and controller in own:
                bases[controller] = _folder(root, point, own[controller])
    if len(bases) < 2 or not all(os.access(b, os.W_OK) for b in bases.values()):
        return None
    return bases


def _v2_parent() -> str | None:
    for root, point, fstype, _ in _mounts():
        if fstype != "cgroup2" or root != "/":
            continue
        try:
            with open(os.path.join(point, "cgroup.controllers")) as f:
                if not {"memory", "pids"} <= set(f.read().split()):
                    continue
            parent = os.path.join(point, V2_PARENT)
            os.makedirs(parent, exist_ok=True)
            for folder in (point, parent):
                with open(os.path.join(folder, "cgroup.subtree_control")) as f:
                    if not {"memory", "pids"} <= set(f.read().split()):
                        _write(os.path.join(folder, "cgroup.subtree_control"), "+memory +pids")
            return parent
        except OSError:
            continue
    return None


def create(memory_bytes: int, processes: int) -> Cgroup | None:
    """A new group with the submission's limits, for one submission; None where the host does
    not let the grader make one (not root, no memory or pids controller)."""
    name = f"submission-{os.getpid()}-{next(_counter)}"
    try:
        bases = _v1_bases()
        if bases is not None:
            group = Cgroup(1, [os.path.join(b, name) for b in bases.values()])
            memory, pids = (os.path.join(bases[c], name) for c in ("memory", "pids"))
            for folder in group.folders:
                os.mkdir(folder)
            _write(os.path.join(memory, "memory.limit_in_bytes"), str(memory_limit(memory_bytes)))
            swap = os.path.join(memory, "memory.memsw.limit_in_bytes")
            if os.path.exists(swap):
                _write(swap, str(memory_limit(memory_bytes)))
            _write(os.path.join(pids, "pids.max"), str(processes))
            return group
        parent = _v2_parent()
        if parent is not None:
            group = Cgroup(2, [os.path.join(parent, name)])
            os.mkdir(group.folders[0])
            _write(os.path.join(group.folders[0], "memory.max"), str(memory_limit(memory_bytes)))
            swap = os.path.join(group.folders[0], "memory.swap.max")
            if os.path.exists(swap):
                _write(swap, "0")
            _write(os.path.join(group.folders[0], "pids.max"), str(processes))
            return group
    except OSError:
        pass
    return None


def join(procs_files: list[str]) -> None:
    """Move the calling process into the group (in the child, before it drops its uid)."""
    for path in procs_files:
        _write(path, "0")


def _members(group: Cgroup) -> list[int]:
    pids: set[int] = set()
    for path in group.procs_files:
        try:
            with open(path) as f:
                pids.update(int(p) for p in f.read().split())
        except OSError:
            pass
    return sorted(pids)


def destroy(group: Cgroup, timeout: float = 5.0) -> bool:
    """Kill whatever is left in the group and remove it; False if that did not happen in time."""
    deadline = time.monotonic() + timeout
    remaining = list(group.folders)
    while remaining:
        for pid in _members(group):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for folder in list(remaining):
            try:
                os.rmdir(folder)
                remaining.remove(folder)
            except FileNotFoundError:
                remaining.remove(folder)
            except OSError:
                pass
        if remaining:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.002)
    return True


def for_child(group: Cgroup | None) -> dict | None:
    """What the child needs to join ``group`` (plain data: it crosses the launcher's fork)."""
    return None if group is None else {"version": group.version, "procs": group.procs_files}


def describe(joined: dict | None, memory_bytes: int, processes: int) -> str:
    """The note on the cgroup a child joined (``joined``: :func:`for_child`'s answer)."""
    if joined is None:
        return ("no cgroup (the host lets the grader make none): rlimits alone bound memory and "
                "processes")
    return (f"cgroup v{joined['version']}: at most {memory_limit(memory_bytes) // 2**20} MiB of "
            f"memory and {processes} processes for the whole submission")
