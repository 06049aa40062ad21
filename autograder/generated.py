"""Files the kit generates from its sources: write them, or check that they are up to date.

Each generator (examples, source notebooks, public check data) lists the files it would write;
:func:`sync` writes the ones that differ (or, with ``check``, only reports them) and :func:`main`
is the command line every generator shares: ``python -m autograder.<generator> [--check]``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from autograder.expected import KIT_ROOT


def sync(files: dict[Path, str], check: bool = False) -> list[Path]:
    """Write every file whose text differs (unless ``check``); return those that differed."""
    stale = [path for path, text in files.items()
             if not path.exists() or path.read_text() != text]
    if not check:
        for path in stale:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(files[path])
    return stale


def main(write: Callable[[bool], list[Path]]) -> None:
    """Run ``write(check)`` from the command line; with ``--check`` exit 1 when anything is stale."""
    check = "--check" in sys.argv
    stale = write(check)
    for path in stale:
        print(("out of date: " if check else "wrote ") + str(path.relative_to(KIT_ROOT)))
    sys.exit(1 if check and stale else 0)
