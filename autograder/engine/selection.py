"""Which files a batch grades, whose they are, and the name of each one's result.

Two layouts are understood:

- **nbgrader's tree** ``submitted/<student>/<assignment>/<notebook>.ipynb`` (also ``autograded/``),
  given as a course folder (the one holding ``submitted/``), ``submitted/`` itself, a student's
  folder ``submitted/<student>/``, an assignment folder ``submitted/<student>/<assignment>/`` or
  one notebook in it. Only the named assignment's folders are taken; the student id is the folder
  name; in each folder the release notebook ``<assignment>.ipynb`` is graded, or, when the student
  renamed it, the folder's only notebook (with a note). Nothing else is graded (no ``.py`` file:
  nbgrader's submissions carry ``course_lib`` and the like).
- **Anything else** (flat folders, files, links): every ``.ipynb`` and ``.py`` found, as
  :func:`find_submissions` finds them; no student id (the export derives one from the path).

Result names never collide within a batch: ``<assignment>@<student>`` in the tree (one result per
student and assignment), ``<assignment>+<path>`` otherwise, where the path is relative to the
folder all the path arguments share, links not followed, each part percent-encoded (so ``+`` and
``@`` appear only as separators: two different paths, or a path and a student, never give one
name). What cannot be graded without
guessing (another assignment's folder given, a folder with several renamed notebooks, two files
for one student) is a :class:`SelectionError` or a problem listed in :attr:`Selection.problems`,
never a silent choice.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

#: nbgrader's folders of students' work (``CourseDirectory.submitted_directory`` and
#: ``autograded_directory``, at their defaults)
TREE_FOLDERS = ("submitted", "autograded")
SUFFIXES = (".ipynb", ".py")
#: file names stay below the 255 bytes of common file systems (".results.json" is added)
MAX_NAME = 200


class SelectionError(ValueError):
    """The paths cannot be graded as this assignment without guessing; the message says why."""


@dataclass(frozen=True)
class Submitted:
    """One file to grade. ``source``: its absolute path, links not followed (the record keeps
    it, to tell two submissions apart); ``student``: from nbgrader's tree, else None."""

    path: Path
    name: str
    source: str
    student: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        """What a result record belongs to: the student in the tree, else the file."""
        return ("student", self.student) if self.student is not None else ("file", self.source)


@dataclass
class Selection:
    submissions: list[Submitted] = field(default_factory=list)
    #: what was taken or left out, for the instructor to read (renamed notebooks, copies)
    notes: list[str] = field(default_factory=list)
    #: students who get no result, and why (several renamed notebooks, no notebook)
    problems: list[str] = field(default_factory=list)


def _encode(part: str) -> str:
    return quote(part, safe="")


def _bounded(name: str) -> str:
    if len(name.encode()) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    return f"{name.encode()[:MAX_NAME - 20].decode(errors='ignore')}~{digest}"


def _visible(path: Path) -> bool:
    return not path.name.startswith(".") and path.name != "__pycache__"


def find_submissions(paths: Iterable[str | Path]) -> list[Path]:
    """The ``.ipynb`` and ``.py`` files named by ``paths``: files as given, folders searched
    recursively (hidden folders and notebook checkpoints skipped), in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                parts = f.relative_to(p).parts
                if (f.is_file() and f.suffix in SUFFIXES
                        and not any(part.startswith(".") for part in parts)
                        and "__pycache__" not in parts):
                    found.append(f)
        elif p.exists():
            found.append(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    return list(dict.fromkeys(found))


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))  # normalised, links not followed


def tree_position(path: Path) -> str | None:
    """Where ``path`` (absolute) stands in nbgrader's tree: "course", "tree", "student",
    "assignment" (folders) or "notebook" (a file in an assignment folder); None outside it."""
    if path.is_dir() and any((path / t).is_dir() for t in TREE_FOLDERS) and path.name not in (
            TREE_FOLDERS):
        return "course"
    ancestors = [path.name, path.parent.name, path.parent.parent.name, path.parents[2].name
                 if len(path.parents) > 2 else ""]
    if path.is_dir():
        for depth, kind in enumerate(("tree", "student", "assignment")):
            if ancestors[depth] in TREE_FOLDERS:
                return kind
        return None
    return "notebook" if ancestors[3] in TREE_FOLDERS else None


def _assignment_folder(folder: Path, student: str, assignment: str, selection: Selection,
                       name: str) -> Submitted | None:
    """The notebook to grade in ``submitted/<student>/<assignment>/``, or None (a problem);
    ``assignment`` is the folder's (nbgrader's) name, the release notebook's too."""
    notebooks = sorted(f for f in folder.glob("*.ipynb") if f.is_file() and _visible(f))
    release = folder / f"{assignment}.ipynb"
    listing = ", ".join(f.name for f in sorted(folder.iterdir()) if _visible(f)) or "nothing"
    if release in notebooks:
        others = [f.name for f in notebooks if f != release]
        if others:
            selection.notes.append(
                f"{student}: graded {release.name}; not graded, also in {folder}: "
                f"{', '.join(others)}")
        chosen = release
    elif len(notebooks) == 1:
        chosen = notebooks[0]
        selection.notes.append(
            f"{student}: {folder} holds no {release.name}; graded its only notebook, "
            f"{chosen.name} (the student renamed it)")
    elif not notebooks:
        selection.problems.append(
            f"{student}: {folder} holds no notebook (it holds: {listing}); no result for "
            f"{student}")
        return None
    else:
        selection.problems.append(
            f"{student}: {folder} holds no {release.name} but several notebooks "
            f"({', '.join(f.name for f in notebooks)}); grade the right one alone: autograder "
            f"grade {folder / notebooks[0].name} -a {assignment} --out ...")
        return None
    return Submitted(chosen, name, str(_absolute(chosen)), student)


def _other_assignment(path: Path, held: str, assignment: str, known: set[str]) -> str:
    if held in known:
        return (f"{path} holds a submission of {held}, not of {assignment}: grade it with "
                f"-a {held}")
    return (f"{path} holds a submission of the nbgrader assignment {held}, not of "
            f"{assignment}: if {held} is nbgrader's name for {assignment}, add "
            f"--nbgrader-assignment {held}")


def _from_tree(path: Path, kind: str, assignment: str, known: set[str],
               selection: Selection, kit_name: str) -> list[Submitted]:
    """The submissions in the folders named ``assignment`` (nbgrader's name) at ``path``
    (absolute), whose place in the tree is ``kind`` (see :func:`tree_position`), graded as the
    kit's assignment ``kit_name``."""

    def named(student: str) -> str:
        return _bounded(f"{_encode(kit_name)}@{_encode(student)}")

    if kind == "course":
        trees = [path / t for t in TREE_FOLDERS if (path / t).is_dir()]
        tree = path / "submitted" if (path / "submitted").is_dir() else trees[0]
        selection.notes.append(f"{path} is a course folder: grading {tree}")
        path, kind = tree, "tree"
    if kind == "notebook":
        folder, student = path.parent, path.parent.parent.name
        if folder.name != assignment:
            raise SelectionError(_other_assignment(path, folder.name, assignment, known))
        if path.suffix != ".ipynb":
            raise SelectionError(f"{path} is not a notebook: in nbgrader's tree only the "
                                 f"student's notebook is graded")
        return [Submitted(path, named(student), str(path), student)]
    if kind == "assignment":
        student = path.parent.name
        if path.name != assignment:
            raise SelectionError(_other_assignment(path, path.name, assignment, known))
        found = _assignment_folder(path, student, assignment, selection, named(student))
        return [found] if found else []
    students = [path] if kind == "student" else sorted(
        s for s in path.iterdir() if s.is_dir() and _visible(s))
    found = []
    for student_folder in students:
        student = student_folder.name
        folder = student_folder / assignment
        if not folder.is_dir():
            if kind == "student":
                held = sorted(f.name for f in student_folder.iterdir() if _visible(f))
                raise SelectionError(f"{student_folder} holds no {assignment} folder (it holds: "
                                     f"{', '.join(held) or 'nothing'})")
            continue  # this student did not submit this assignment
        loose = sorted(f.name for f in student_folder.iterdir() if f.is_file() and _visible(f)
                       and f.suffix in SUFFIXES)
        if loose:
            selection.notes.append(f"{student}: not graded, outside any assignment folder: "
                                   f"{', '.join(loose)}")
        chosen = _assignment_folder(folder, student, assignment, selection, named(student))
        if chosen:
            found.append(chosen)
    if kind == "tree" and not found and not selection.problems:
        there = sorted({a.name for s in students for a in s.iterdir()
                        if a.is_dir() and _visible(a)})
        raise SelectionError(f"{path} holds no submission of {assignment} (assignments there: "
                             f"{', '.join(there) or 'none'})")
    return found


def select(paths: Iterable[str | Path], assignment: str, known: Iterable[str] = (),
           nbgrader_assignment: str | None = None) -> Selection:
    """The submissions of ``assignment`` named by ``paths`` (see the module's docstring);
    ``known``: every assignment's name (to say which one a wrong folder holds);
    ``nbgrader_assignment``: the assignment's folder name in nbgrader's tree when it is not
    ``assignment``.

    Raises :class:`SelectionError` for a path that holds another assignment's work, nbgrader's
    tree inside a folder given as a flat one, or two files for one student; FileNotFoundError
    for a path that does not exist."""
    selection = Selection()
    flat: list[tuple[Path, Path]] = []  # (file as found, the folder it was found under)
    tree: list[Submitted] = []
    for given in map(Path, paths):
        if not given.exists() and not given.is_symlink():
            raise FileNotFoundError(f"no such file or folder: {given}")
        path = _absolute(given)
        kind = tree_position(path)
        if kind is not None:
            tree += _from_tree(path, kind, nbgrader_assignment or assignment, set(known),
                               selection, assignment)
            continue
        for f in find_submissions([given]):
            inside = next((p for p in _absolute(f).parents if p.name in TREE_FOLDERS), None)
            if inside is not None:
                raise SelectionError(
                    f"{given} holds nbgrader's {inside.name}/ folder ({inside}): give that "
                    f"folder, or the course folder above it, to grade only the submissions "
                    f"of {assignment} with the student ids of the tree")
            flat.append((f, path if path.is_dir() else path.parent))
    base = Path(os.path.commonpath([str(b) for _, b in flat])) if flat else None
    for f, _ in flat:
        rel = _absolute(f).relative_to(base)
        name = _bounded("+".join([_encode(assignment), *map(_encode, rel.parts)]))
        tree.append(Submitted(f, name, str(_absolute(f))))
    seen: dict[str, Submitted] = {}
    for sub in tree:
        other = seen.get(sub.name)
        if other is None:
            seen[sub.name] = sub
        elif other.source != sub.source:
            raise SelectionError(
                f"two submissions of {assignment} for student {sub.student}: {other.path} and "
                f"{sub.path}; grade them into separate --out folders, or give one of them")
    selection.submissions = list(seen.values())
    return selection


def print_selection(selection: Selection, file) -> int:
    """Print the notes and problems of ``selection`` (one line each) to ``file``; 1 when a
    student got no result, else 0 (the exit status of ``autograder grade``)."""
    for note in selection.notes:
        print(f"autograder: note: {note}", file=file)
    for problem in selection.problems:
        print(f"autograder: not graded: {problem}", file=file)
    return 1 if selection.problems else 0
