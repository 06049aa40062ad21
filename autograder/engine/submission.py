"""Read a submission (a notebook or a Python module) into the units of code the grader executes.

A module becomes one unit per top-level statement, so that a statement that fails does not stop
the definitions after it. A notebook becomes one unit per code cell, in order, as Jupyter runs
it; by default the grader leaves out the cells that cannot define anything graded:

- cells tagged ``demo`` in the source notebook (training runs and plots), and
- the check cells (tagged ``check``) and nbgrader's autograder test cells.

With ``execute="all"`` every code cell but the autograder test cells runs, as in a full
execution; the test suite proves both give the same scores on the bundled notebooks. IPython
magics (``%...``, ``!...``) are blanked; a cell that starts with a cell magic (``%%``) is skipped.
"""

from __future__ import annotations

import ast
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

SKIPPED_TAGS = {"demo", "check"}
MAX_BYTES = 20 * 1024 * 1024


class SubmissionError(ValueError):
    """The file cannot be read as a submission; the message says why in plain words."""


@dataclass(frozen=True)
class Unit:
    """A piece of code to execute: its label for messages, its source and its file name."""

    label: str
    source: str
    filename: str


@dataclass
class Submission:
    path: Path
    kind: str  # "module" or "notebook"
    units: list[Unit]
    notes: list[str] = field(default_factory=list)


def load_submission(path: str | Path, execute: str = "definitions") -> Submission:
    """Read ``path`` (``.ipynb`` or ``.py``); raises :class:`SubmissionError` if it cannot be."""
    path = Path(path)
    if execute not in ("definitions", "all"):
        raise ValueError(f"execute must be 'definitions' or 'all', got {execute!r}")
    if not path.is_file():
        raise SubmissionError(f"{path} is not a file")
    if path.suffix not in (".ipynb", ".py"):
        raise SubmissionError(f"{path.name}: a submission is a notebook (.ipynb) or a Python "
                              f"module (.py)")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise SubmissionError(f"{path.name} is {len(data) // 2**20} MiB; submissions are "
                              f"limited to {MAX_BYTES // 2**20} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SubmissionError(
            f"{path.name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); save it again as UTF-8") from None
    if path.suffix == ".ipynb":
        return _load_notebook(path, text, execute)
    return Submission(path, "module", module_units(text, path.name))


#: CPython 3.11 keeps the AST builder's recursion depth per interpreter, not per thread: two
#: threads parsing at once (``--jobs 2``, a Dask worker's threads) can fail with "SystemError: AST
#: constructor recursion depth mismatch" (python/cpython#106905). Submissions are parsed one at a
#: time.
_PARSE_LOCK = threading.Lock()


def module_units(source: str, filename: str) -> list[Unit]:
    """One unit per top-level statement, keeping line numbers; a syntax error is contained."""
    try:
        with _PARSE_LOCK:
            tree = ast.parse(source, filename)
    except SyntaxError:
        return _units_around_syntax_error(source, filename)
    lines = source.splitlines(keepends=True)
    units = []
    for node in tree.body:
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        end = node.end_lineno or node.lineno
        text = "\n" * (start - 1) + "".join(lines[start - 1 : end])
        units.append(Unit(f"line {start}", text, filename))
    return units


def _units_around_syntax_error(source: str, filename: str) -> list[Unit]:
    """Split at top-level lines and keep each block that compiles, so that one broken function
    does not hide the others; the broken blocks run too, so that their SyntaxError is reported."""
    lines = source.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines)
              if line.strip() and not line[0].isspace() and not line.lstrip().startswith("#")
              and not re.match(r"(else|elif|except|finally)\b|[)\]}]", line)]
    if not starts or starts[0] != 0:
        starts = [0] + starts
    units = []
    for a, b in zip(starts, starts[1:] + [len(lines)]):
        block = "".join(lines[a:b])
        if block.strip():
            units.append(Unit(f"line {a + 1}", "\n" * a + block, filename))
    return units


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(str(s) for s in source)
    return source if isinstance(source, str) else ""


def _is_autograder_test(cell: dict) -> bool:
    meta = cell.get("metadata")
    nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
    return (isinstance(nbgrader, dict) and bool(nbgrader.get("grade"))
            and not nbgrader.get("solution"))


def _tags(cell: dict) -> set[str]:
    meta = cell.get("metadata")
    tags = meta.get("tags") if isinstance(meta, dict) else None
    return {t for t in tags if isinstance(t, str)} if isinstance(tags, list) else set()


def _blank_magics(source: str) -> str:
    out = []
    for line in source.splitlines():
        stripped = line.lstrip()
        if stripped.startswith(("%", "!")):
            indent = line[: len(line) - len(stripped)]
            out.append(indent + "pass" if indent else "")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def _load_notebook(path: Path, text: str, execute: str) -> Submission:
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"{path.name} is not a valid notebook: its JSON is broken at line {exc.lineno}, "
            f"column {exc.colno} ({exc.msg}). Open it in Jupyter to repair it, or submit the "
            f"last saved checkpoint.") from None
    return notebook_submission(nb, path, execute)


def notebook_submission(nb, path: str | Path, execute: str = "definitions") -> Submission:
    """The units of an already-parsed notebook (a dict, e.g. an ``nbformat`` node), read exactly
    as :func:`load_submission` reads a notebook file; ``path`` only names it in messages."""
    path = Path(path)
    if not isinstance(nb, dict):
        raise SubmissionError(f"{path.name} is JSON but not a notebook (no cells)")
    cells = nb.get("cells")
    if cells is None and isinstance(nb.get("worksheets"), list):  # nbformat 3
        cells = [c for ws in nb["worksheets"] if isinstance(ws, dict)
                 for c in ws.get("cells", [])]
        for c in cells:
            if isinstance(c, dict) and "input" in c and "source" not in c:
                c["source"] = c["input"]
    if not isinstance(cells, list):
        raise SubmissionError(f"{path.name} is JSON but not a notebook (no list of cells)")
    units, notes = [], []
    code_number = own = 0  # own: code cells that are not autograder tests (nbgrader adds those)
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        code_number += 1
        source = _cell_source(cell)
        first = next((line.strip() for line in source.splitlines() if line.strip()), "")
        label = f"code cell {code_number}" + (f" ({first[:60]!r})" if first else "")
        if _is_autograder_test(cell):
            continue
        own += 1
        if execute == "definitions" and _tags(cell) & SKIPPED_TAGS:
            continue
        if first.startswith("%%"):
            notes.append(f"{label} starts with a cell magic and was not run")
            continue
        units.append(Unit(label, _blank_magics(source), f"<code cell {code_number}>"))
    if own == 0:
        notes.append("the notebook has no code cells")
    return Submission(path, "notebook", units, notes)
