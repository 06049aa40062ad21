"""A seccomp filter for the submission's processes, built with libseccomp (``pyseccomp``).

The system calls it denies are those Docker's default profile keeps from a container (that
profile allows a list and denies the rest; this filter allows by default and denies the list
below, with the same ``EPERM``): the calls are named, so a kernel newer than the list still
denies them, and libseccomp turns names into numbers for the machine it runs on. System calls of
another ABI than the native one (``int 0x80`` on x86-64) kill the process: libseccomp's default
for an architecture the filter does not name. ``clone3`` answers ``ENOSYS``, as under Docker, so
that the C library falls back to ``clone``, whose namespace flags a filter can see (and denies).

Compiled to BPF once per process by libseccomp (the launcher compiles it before forking, so each
child only hands the program to the kernel), and loaded last in the child, after the namespaces,
mounts, limits and the change of user, and after ``no_new_privs``. :data:`DENIED` is the table of the README.
"""

from __future__ import annotations

import ctypes
import errno

from autograder.engine.sandbox import namespaces

#: (system calls, why a submission must not make them); every call named is denied with EPERM
DENIED: list[tuple[tuple[str, ...], str]] = [
    (("ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd"),
     "read or change another process (Docker: only with CAP_SYS_PTRACE)"),
    (("keyctl", "add_key", "request_key"), "the kernel keyring is not namespaced"),
    (("bpf", "perf_event_open", "userfaultfd"),
     "kernel attack surface: BPF programs, performance counters, page-fault handling"),
    (("mount", "umount2", "pivot_root", "chroot", "fsopen", "fsconfig", "fsmount", "fspick",
      "move_mount", "open_tree", "mount_setattr"), "change the file system's view"),
    (("unshare", "setns"), "new or other namespaces (clone with a namespace flag is denied too)"),
    (("init_module", "finit_module", "delete_module", "create_module", "query_module",
      "get_kernel_syms"), "load or unload kernel modules"),
    (("kexec_load", "kexec_file_load", "reboot"), "replace or stop the kernel"),
    (("acct", "swapon", "swapoff", "quotactl", "quotactl_fd", "nfsservctl", "_sysctl", "sysfs",
      "ustat", "uselib", "syslog", "vhangup", "fanotify_init", "lookup_dcookie"),
     "system administration"),
    (("settimeofday", "clock_settime", "clock_adjtime", "stime"), "the clock is not namespaced"),
    (("sethostname", "setdomainname"), "the host's names"),
    (("iopl", "ioperm", "vm86", "vm86old"), "hardware I/O ports, virtual 8086 mode"),
    (("open_by_handle_at", "name_to_handle_at"),
     "open files by handle, around the mount namespace (Docker: only with CAP_DAC_READ_SEARCH)"),
    (("get_mempolicy", "set_mempolicy", "mbind", "move_pages"),
     "NUMA placement (Docker: only with CAP_SYS_NICE)"),
    (("io_uring_setup", "io_uring_enter", "io_uring_register"),
     "io_uring (denied by Docker since 25.0: a frequent source of kernel exploits)"),
]
#: clone flags that would make new namespaces: clone with any of them is denied
CLONE_NAMESPACE_FLAGS = (namespaces.CLONE_NEWNS, namespaces.CLONE_NEWUTS,
                         namespaces.CLONE_NEWIPC, namespaces.CLONE_NEWUSER,
                         namespaces.CLONE_NEWPID, namespaces.CLONE_NEWNET,
                         0x02000000,  # CLONE_NEWCGROUP
                         0x00000080)  # CLONE_NEWTIME
#: what else the filter does, for the README's table
SPECIAL = [
    ("clone with a namespace flag", "EPERM: new namespaces"),
    ("clone3", "ENOSYS (its flags are out of a filter's sight): the C library falls back to clone"),
    ("personality", "EPERM unless 0 (Docker allows a few more values); no ASLR switch-off"),
    ("a system call of another ABI (int 0x80 on x86-64)", "kills the process"),
]


def denied_calls() -> list[str]:
    return [name for names, _ in DENIED for name in names]


def build():
    """The filter, ready to ``load()`` in a child; None where libseccomp is not installed."""
    try:
        import pyseccomp as seccomp
    except (ImportError, RuntimeError, OSError):  # pyseccomp raises RuntimeError without the .so
        return None
    deny = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    for name in denied_calls():
        rules.add_rule(deny, name)
    for flag in CLONE_NAMESPACE_FLAGS:
        rules.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    rules.add_rule(deny, "personality", seccomp.Arg(0, seccomp.NE, 0))
    rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    return rules


_program: bytes | None | bool = None


def _compile() -> bytes | None:
    """The filter as a BPF program (libseccomp's ``seccomp_export_bpf``), or None."""
    import tempfile

    rules = build()
    if rules is None:
        return None
    with tempfile.TemporaryFile() as f:
        rules.export_bpf(f)
        f.seek(0)
        return f.read()


def prepare() -> None:
    """Compile the filter now (in the launcher), so that the forked children only load it: the
    compilation takes milliseconds, the loading microseconds."""
    global _program
    if _program is None:
        _program = _compile() or False


PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def load() -> str:
    """Load the filter into this process (for good), after ``no_new_privs``; returns a note on
    what applies."""
    prepare()
    if _program is False:
        return "no seccomp filter (libseccomp or pyseccomp is not installed)"
    libc = ctypes.CDLL(None, use_errno=True)
    buffer = ctypes.create_string_buffer(_program, len(_program))
    program = _SockFprog(len(_program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    namespaces.check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")
    namespaces.check(libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0),
                     "prctl(PR_SET_SECCOMP)")
    return f"seccomp filter: {len(denied_calls())} system calls denied, as in Docker's default"
