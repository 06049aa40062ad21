"""What both hostile tests share: the placeholders of the corpus, and looking for what a hostile
submission may have left behind (processes, planted files, connections)."""

from __future__ import annotations

import os
import secrets
import socket
import sysconfig
from pathlib import Path

import pytest

from autograder.course.expected import KIT_ROOT, default_cache_dir
from autograder.engine.sandbox.isolation import UID_RANGE

ROOT = os.geteuid() == 0
#: the world-writable folder outside /tmp where an escaped process could leave files
LOCK = "/run/lock" if os.path.isdir("/run/lock") and os.access("/run/lock", os.W_OK) else ""


class Watch:
    """The placeholders of one run of the corpus, and what to look at afterwards."""

    def __init__(self, folder: Path):
        self.token = "h" + secrets.token_hex(3)  # short: it becomes a process name (15 chars)
        self.marks = folder / "marks"
        self.marks.mkdir()
        self.marks.chmod(0o777)
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.server.setblocking(False)
        self.env = {
            "KIT_ROOT": str(KIT_ROOT), "CACHE": str(default_cache_dir()), "MARKS": str(self.marks),
            "LOCK": LOCK or str(self.marks), "HOME": str(Path.home()),
            "SITE": sysconfig.get_paths()["purelib"], "PORT": str(self.server.getsockname()[1]),
            "TOKEN": self.token,
        }

    def planted(self) -> list[str]:
        """The files of the write_outside case that exist, and the escaped daemon's files."""
        from corpus import PLANTED, render_text

        found = [p for p in (render_text(p, self.env) for p in PLANTED) if os.path.exists(p)]
        for folder in {self.env["LOCK"], str(self.marks), "/tmp"}:
            found += [str(p) for p in Path(folder).glob(f"escaped-{self.token}-*")]
        return found

    def remove_planted(self) -> None:
        for path in self.planted():
            Path(path).unlink(missing_ok=True)

    def connections(self) -> int:
        count = 0
        while True:
            try:
                conn, _ = self.server.accept()
            except (BlockingIOError, OSError):
                return count
            conn.close()
            count += 1

    def close(self) -> None:
        self.remove_planted()
        self.server.close()


def sandbox_processes(token: str = "", prefix: str = "") -> list[str]:
    """Living processes of the sandbox uids, or named after ``token`` (the escaped daemon).

    With ``prefix``, only the sandbox uids' processes whose command line starts with it (the
    launcher and its forked children run this Python): others' graders on the same host use
    sandbox uids too."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            uid = os.stat(f"/proc/{entry}").st_uid
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name, state = stat[stat.index("(") + 1: stat.rindex(")")], stat.rsplit(")", 1)[1].split()[0]
        if prefix and uid in UID_RANGE and not (token and token in name):
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if not f.read().decode(errors="replace").startswith(prefix):
                        continue
            except OSError:
                continue
        if state != "Z" and (uid in UID_RANGE or (token and token in name)):
            found.append(f"pid {entry} uid {uid} {name} ({state})")
    return found


@pytest.fixture(scope="module")
def watch(tmp_path_factory):
    w = Watch(tmp_path_factory.mktemp("watch"))
    try:
        yield w
    finally:
        w.close()
