"""An error raised in the learner's code, said in plain words with the line that raised it.

    raised_sentence("IndexError", "index 6 is out of bounds for axis 0 with size 6",
                    RaisedAt("exponentially_weighted_average", 7, "v[t] = beta * v[t - 1]"))
    -> 'Line 7 of your function exponentially_weighted_average raised IndexError: `v[t] =
        beta * v[t - 1]`. Index 6 is past the end of axis 0, which has size 6 (its indices run
        from 0 to 5).'

Used by the check cells (:mod:`course_lib.checks`, in the learner's process, from the traceback)
and by the autograder (from what its sandbox reports: the function, the line and the code, all
untrusted text that is only quoted here).
"""

from __future__ import annotations

import linecache
import re
import sysconfig
import traceback
from dataclasses import dataclass
from pathlib import Path

#: the code of a line is quoted up to this many characters
CODE_LIMIT = 60


@dataclass(frozen=True)
class RaisedAt:
    """Where the learner's code raised: the function (``"<module>"`` for a cell's top level),
    the line counted from the function's ``def`` line (1), and that line's code."""

    function: str
    line: int
    code: str = ""


def _plain_index(m):
    size = int(m["size"])
    return (f"Index {m['index']} is past the end of axis {m['axis']}, which has size {size} "
            f"(its indices run from 0 to {size - 1}).")


#: (exception type, pattern of its message, the message in plain words)
PLAIN = [
    ("IndexError", re.compile(r"index (?P<index>-?\d+) is out of bounds for axis (?P<axis>\d+) "
                              r"with size (?P<size>\d+)"), _plain_index),
    ("IndexError", re.compile(r"(list|tuple) index out of range"),
     lambda m: f"An index is past the end of a {m[1]}."),
    ("IndexError", re.compile(r"too many indices for array: array is (?P<dims>\d+)-dimensional, "
                              r"but (?P<given>\d+) were indexed"),
     lambda m: f"The array has {m['dims']} axes, but {m['given']} indices were given."),
    ("ValueError", re.compile(r"operands could not be broadcast together with shapes "
                              r"(?P<a>\S+) (?P<b>\S+)"),
     lambda m: f"Arrays of shapes {m['a']} and {m['b']} cannot be combined entry by entry: "
               "their shapes do not match (NumPy calls this broadcasting)."),
    ("ValueError", re.compile(r"shapes (?P<a>\(.*?\)) and (?P<b>\(.*?\)) not aligned"),
     lambda m: f"A matrix product of shapes {m['a']} and {m['b']} is impossible: the number of "
               "columns of the first must equal the number of rows of the second."),
    ("ValueError", re.compile(r"matmul: Input operand 1 has a mismatch in its core dimension 0"
                              r".*\(size (?P<b>\d+) is different from (?P<a>\d+)\)"),
     lambda m: f"A matrix product is impossible: the first matrix has {m['a']} columns but the "
               f"second has {m['b']} rows."),
    ("ValueError", re.compile(r"cannot reshape array of size (?P<size>\d+) into shape "
                              r"(?P<shape>\S+)"),
     lambda m: f"An array of {m['size']} values cannot be reshaped to {m['shape']}: the shape "
               "must hold the same number of values."),
    ("KeyError", re.compile(r"(?P<key>.+)"),
     lambda m: f"The key {m['key']} is not in the dict."),
    ("ZeroDivisionError", re.compile(r".*"), lambda m: "A number was divided by zero."),
]


def plain_message(kind: str, message: str) -> str:
    """The exception's message in plain words, where it is a common one; else as it is."""
    for known, pattern, say in PLAIN:
        if known == kind:
            match = pattern.search(message)
            if match:
                return say(match)
    return message.strip()


def raised_sentence(kind: str, message: str, at: RaisedAt | None) -> str:
    """The whole sentence for a learner: the exception, where it was raised and why."""
    plain = plain_message(kind, message)
    code = _short(at.code) if at else ""
    if at is None:
        return f"Your function raised {kind}: {plain}" if plain else \
            f"Your function raised {kind}."
    if at.function == "<module>":
        if code:
            return f"Line {at.line} of your cell raised {kind}: `{code}`. {plain}".rstrip()
        return f"Line {at.line} of your cell raised {kind}. {plain}".rstrip()
    if code:
        return (f"Line {at.line} of your function {at.function} raised {kind}: `{code}`. "
                f"{plain}").rstrip()
    return f"Line {at.line} of your function {at.function} raised {kind}. {plain}".rstrip()


def _short(code: str) -> str:
    code = " ".join(code.split())
    return code if len(code) <= CODE_LIMIT else code[: CODE_LIMIT - 5] + " ..."


_LIBRARIES = tuple(str(Path(p).resolve()) for p in {
    sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")})
_COURSE_LIB = str(Path(__file__).resolve().parent)


def _learner_file(filename: str) -> bool:
    if filename.startswith("<") and not filename.startswith("<code cell"):
        return False  # <frozen ...>, <string> and the like
    resolved = str(Path(filename).resolve()) if not filename.startswith("<") else filename
    return not resolved.startswith(_LIBRARIES) and not resolved.startswith(_COURSE_LIB)


def raised_at(exc: BaseException, is_learners=_learner_file) -> RaisedAt | None:
    """The last line of the learner's code that the exception passed through (None if none):
    ``is_learners(filename)`` says which files are theirs (by default: not the libraries')."""
    found = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        code = frame.f_code
        if is_learners(code.co_filename):
            found = (code, lineno)
    if found is None:
        return None
    code, lineno = found
    text = linecache.getline(code.co_filename, lineno).strip()
    first = code.co_firstlineno if code.co_name != "<module>" else 1
    return RaisedAt(code.co_name, lineno - first + 1, text)
