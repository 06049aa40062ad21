"""The grader's reading of a child's event channel: hostile bytes in, checked events out.

The student's code shares its process with the worker that writes the events
(:mod:`autograder.engine.sandbox.worker`), so every byte on the channel may be forged. This is
the one place that turns those bytes into events; nothing here raises on any input. Each line
is checked, before it is parsed, against :class:`ChannelLimits` (its length, its nesting depth,
how many values and strings it holds), then parsed strictly (UTF-8, no NaN or infinity, no
duplicate meaning) and checked against the schema of its event and against what the job allows
at that point (:class:`Channel` keeps the order of one child: ``sandbox``, the units, ``defined``,
the calls, ``finished``).

An event outside all that is a :class:`Rejected`, with a reason in whole sentences; the runner
then charges it to the cell, statement or call that was running. The limits also bound what the
grader keeps and spends per submission (see ``benchmarks/grader_cost.py``): with the defaults a
hostile submission costs the grader at most 64 MiB and 1 s of CPU more than an honest one.

Events of the honest worker, one JSON object per line (``index`` a unit's position in the job,
``id`` one of the job's call ids, ``error`` ``None`` or ``{"type", "message", "where", "function",
"line", "code"}``)::

    {"event": "sandbox", "notes": [str, ...]}        {"event": "sandbox_failed", "message": str}
    {"event": "unit_start", "index": int}            {"event": "unit_done", "index": int, "error": ...}
    {"event": "defined", "names": [str, ...]}
    {"event": "call_start", "id": int}               {"event": "call_done", "id": int, "error": ...}
    {"event": "call_done", "id": int, "output": <course_lib.codec JSON>}
    {"event": "finished"}
"""

from __future__ import annotations

import json
import math
import os
import select
import time
from dataclasses import dataclass, field

from course_lib.codec import DecodeError, decode

MiB = 1024 * 1024


@dataclass(frozen=True)
class ChannelLimits:
    """What one submission may send the grader. The honest worker's largest event in the course
    is under 2 KiB and a whole submission sends under 100 KiB (``benchmarks/grader_cost.py``)."""

    #: one event, in bytes (the reader stops there)
    line_bytes: int = 4 * MiB
    #: all events of one submission, over every child it takes
    submission_bytes: int = 32 * MiB
    #: the outputs kept for one submission, in bytes of their events plus 64 per JSON value
    output_bytes: int = 16 * MiB
    #: brackets open at once in one event
    depth: int = 64
    #: JSON values in one event (its commas and colons), and strings (its quotes, halved)
    values: int = 200_000
    strings: int = 100_000
    #: notes on the sandbox kept per submission, and the characters of one
    notes: int = 64
    note_chars: int = 500
    #: names reported as defined, and the length of a name kept for suggestions
    names: int = 2_000
    name_chars: int = 100
    #: characters kept of an error's type, message and place
    error_chars: int = 1_500


LIMITS = ChannelLimits()
#: what one JSON value costs the grader's memory at most once parsed, for the output budget
VALUE_COST = 64
EVENTS = ("sandbox", "sandbox_failed", "unit_start", "unit_done", "defined", "call_start",
          "call_done", "finished")
#: ``function``, ``line`` (from its ``def``) and ``code``: where the learner's code raised
ERROR_KEYS = ("type", "message", "where", "function", "line", "code")


@dataclass(frozen=True)
class Event:
    """A checked event. ``index``/``call_id`` as in the job; ``error`` cleaned; ``output`` the
    decoded value of a ``call_done`` (``course_lib.codec.decode``)."""

    kind: str
    index: int | None = None
    call_id: int | None = None
    error: dict | None = None
    output: object = None
    names: frozenset = frozenset()
    notes: tuple = ()
    message: str = ""


@dataclass(frozen=True)
class Rejected:
    """An event the grader does not accept. ``fatal``: the channel cannot be trusted any more
    (the child is stopped); otherwise only the call it reports fails (``call_id``)."""

    reason: str
    fatal: bool = True
    call_id: int | None = None


class _Invalid(Exception):
    """Raised inside the checks; becomes a :class:`Rejected`."""


# Reasons a student reads (each one whole, so that it can be translated).
MISUSE = "it wrote data the grader cannot read into the grader's channel"
TOO_LONG = ("it sent the grader more than {mib:g} MiB at once (an output far larger than any "
            "expected one)")
TOO_MUCH = ("the submission sent the grader more than {mib:g} MiB in all, the most the grader "
            "reads from one submission")
OUTPUTS_TOO_LARGE = ("the outputs of the submission take more than {mib:g} MiB in all, the most "
                     "the grader keeps for one submission")
OUT_OF_ORDER = ("it wrote an event into the grader's channel that the grader did not expect "
                "at this point")


@dataclass
class Channel:
    """The events of one child running ``job`` (its units and calls), checked in order; the
    per-submission budgets in ``spent`` are shared by all children of the submission."""

    n_units: int
    call_ids: frozenset
    spent: Budget
    #: the units this child skips, and the calls it must not report (recorded already)
    skip_units: frozenset = frozenset()
    skip_calls: frozenset = frozenset()
    #: False: a call's output is kept as checked JSON, for another process to decode
    decode_outputs: bool = True
    limits: ChannelLimits = LIMITS
    #: "start" (before the sandbox event), "run" (units and calls), "done" (after finished)
    state: str = "start"
    current: tuple | None = None  # ("unit", index) or ("call", id)
    units_seen: set = field(default_factory=set)
    calls_seen: set = field(default_factory=set)
    defined: bool = False

    def read_limit(self) -> int:
        """How many bytes the next line may take (the reader stops beyond it)."""
        return max(0, min(self.limits.line_bytes,
                          self.limits.submission_bytes - self.spent.channel_bytes))

    def too_long_reason(self) -> str:
        if self.read_limit() < self.limits.line_bytes:
            return TOO_MUCH.format(mib=self.limits.submission_bytes / MiB)
        return TOO_LONG.format(mib=self.limits.line_bytes / MiB)

    def decode(self, line: bytes) -> Event | Rejected:
        """The event on ``line`` (without its newline), or why it is rejected; never raises."""
        try:
            self.spent.channel_bytes += len(line) + 1
            data = parse_line(line, self.limits, self.spent)
            event = self._event(data, len(line))
        except _Invalid as exc:
            return self._stop(str(exc) or MISUSE)
        except Exception:  # noqa: BLE001 (no byte of a submission may raise in the grader)
            return self._stop(MISUSE)
        if isinstance(event, Rejected):
            self.current = None  # the call it reports is over: its output is rejected
            return event
        self._advance(event)
        return event

    def _stop(self, reason: str) -> Rejected:
        """A fatal rejection: nothing more is accepted from this child (``current`` stays the
        item to charge)."""
        self.state = "done"
        return Rejected(reason)

    # -- the schema of each event ----------------------------------------------------------
    def _event(self, data, size: int) -> Event | Rejected:
        if type(data) is not dict or data.get("event") not in EVENTS:
            raise _Invalid(MISUSE)
        kind = data["event"]
        allowed = {"sandbox": {"notes"}, "sandbox_failed": {"message"}, "unit_start": {"index"},
                   "unit_done": {"index", "error"}, "defined": {"names"},
                   "call_start": {"id"}, "call_done": {"id", "error", "output"},
                   "finished": set()}[kind]
        if not set(data) - {"event"} <= allowed:
            raise _Invalid(MISUSE)
        self._check_order(kind, data)
        lim = self.limits
        if kind == "sandbox":
            notes = _str_list(data.get("notes"), lim.notes)
            return Event(kind, notes=tuple(_text(n, lim.note_chars) for n in notes))
        if kind == "sandbox_failed":
            return Event(kind, message=_text(_str(data.get("message")), lim.note_chars))
        if kind in ("unit_start", "unit_done"):
            index = _int(data.get("index"))
            if not 0 <= index < self.n_units:
                raise _Invalid(MISUSE)
            return Event(kind, index=index, error=_error(data.get("error"), lim))
        if kind == "defined":
            names = _str_list(data.get("names"), lim.names)
            return Event(kind, names=frozenset(n for n in names if len(n) <= lim.name_chars))
        if kind in ("call_start", "call_done"):
            call_id = _int(data.get("id"))
            if call_id not in self.call_ids:
                raise _Invalid(MISUSE)
            if kind == "call_start" or data.get("error") is not None:
                return Event(kind, call_id=call_id, error=_error(data.get("error"), lim))
            return self._output(call_id, data.get("output"), size)
        return Event(kind)

    def _output(self, call_id: int, raw, size: int) -> Event | Rejected:
        cost = size + VALUE_COST * self.spent.last_values
        if self.spent.output_bytes + cost > self.limits.output_bytes:
            return Rejected(OUTPUTS_TOO_LARGE.format(mib=self.limits.output_bytes / MiB),
                            fatal=False, call_id=call_id)
        try:
            value = decode(raw)
            if not self.decode_outputs:
                value = raw
        except (DecodeError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
            return Rejected(f"the grader could not read it ({str(exc)[:200]})", fatal=False,
                            call_id=call_id)
        self.spent.output_bytes += cost
        return Event("call_done", call_id=call_id, output=value)

    def _check_order(self, kind: str, data: dict) -> None:
        """Raise unless an honest worker could send ``kind`` now."""
        if kind in ("sandbox", "sandbox_failed"):
            ok = self.state == "start"
        elif self.state != "run":
            ok = False
        elif kind == "unit_start":
            index = data.get("index")
            ok = (self.current is None and not self.defined and type(index) is int
                  and index not in self.units_seen and index not in self.skip_units)
        elif kind == "call_start":
            call_id = data.get("id")
            ok = (self.current is None and self.defined and type(call_id) is int
                  and call_id not in self.calls_seen and call_id not in self.skip_calls)
        elif kind == "unit_done":
            ok = _same(self.current, "unit", data.get("index"))
        elif kind == "call_done":
            ok = _same(self.current, "call", data.get("id"))
        elif kind == "defined":
            ok = self.current is None and not self.defined
        else:  # finished
            ok = self.current is None and self.defined
        if not ok:
            raise _Invalid(OUT_OF_ORDER)

    def _advance(self, event: Event) -> None:
        kind = event.kind
        if kind == "sandbox":
            self.state = "run"
        elif kind == "sandbox_failed":
            self.state = "done"
        elif kind == "unit_start":
            self.units_seen.add(event.index)
            self.current = ("unit", event.index)
        elif kind == "call_start":
            self.calls_seen.add(event.call_id)
            self.current = ("call", event.call_id)
        elif kind in ("unit_done", "call_done"):
            self.current = None
        elif kind == "defined":
            self.defined = True
        elif kind == "finished":
            self.state = "done"


@dataclass
class Budget:
    """What one submission has spent so far, over all its children."""

    channel_bytes: int = 0
    output_bytes: int = 0
    #: JSON values counted in the last line parsed (for the output budget)
    last_values: int = 0

    def output_left(self, limits: ChannelLimits) -> int:
        """The bytes of outputs the honest worker may still send (it reports the others)."""
        return max(0, min(limits.output_bytes - self.output_bytes,
                          limits.submission_bytes - self.channel_bytes - limits.line_bytes))


def parse_line(line: bytes, limits: ChannelLimits = LIMITS, spent: Budget | None = None):
    """The JSON value on ``line``, parsed only after cheap scans bound its cost; raises
    :class:`_Invalid` (or ``ValueError``) on anything else."""
    if len(line) > limits.line_bytes:
        raise _Invalid(TOO_LONG.format(mib=limits.line_bytes / MiB))
    values = line.count(b",") + line.count(b":") + 1
    containers = line.count(b"[") + line.count(b"{")
    if values > limits.values or containers > limits.values or \
            line.count(b'"') > 2 * limits.strings:
        raise _Invalid(MISUSE)
    if containers > limits.depth and nesting_depth(line) > limits.depth:
        raise _Invalid(MISUSE)
    text = line.decode("utf-8")  # strict: invalid UTF-8 is rejected, never guessed at
    data = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float,
                      parse_int=_bounded_int)
    if spent is not None:
        spent.last_values = values
    return data


def nesting_depth(line: bytes) -> int:
    """The most brackets open at once in a JSON line, outside its strings; a loop over the
    brackets and quotes only (the caller bounds their number), so it never recurses."""
    import numpy as np

    if b"\\" in line:  # escaped backslashes, then escaped quotes, cannot open or close a string
        line = line.replace(b"\\\\", b"").replace(b'\\"', b"")
    table = bytes(1 if chr(b) in '[]{}"' else 0 for b in range(256))
    marks = np.flatnonzero(np.frombuffer(line.translate(table), dtype=np.uint8))
    chars = np.frombuffer(line, dtype=np.uint8)[marks]
    quotes = chars == ord('"')
    outside = (np.cumsum(quotes) % 2 == 0) & ~quotes
    step = np.where((chars == ord("[")) | (chars == ord("{")), 1,
                    np.where((chars == ord("]")) | (chars == ord("}")), -1, 0))
    step = step * outside
    return int(np.cumsum(step).max(initial=0))


def _same(current, kind: str, key) -> bool:
    return current is not None and current[0] == kind and type(key) is int and current[1] == key


def _no_constant(name: str):
    raise _Invalid(MISUSE)  # NaN, Infinity, -Infinity: the honest worker never writes them


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Invalid(MISUSE)
    return value


def _bounded_int(text: str) -> int:
    if len(text) > 20:  # the codec sends integers below 2**63
        raise _Invalid(MISUSE)
    return int(text)


def _int(value) -> int:
    if type(value) is not int:
        raise _Invalid(MISUSE)
    return value


def _str(value) -> str:
    if type(value) is not str:
        raise _Invalid(MISUSE)
    return value


def _str_list(value, most: int) -> list[str]:
    if type(value) is not list or len(value) > most or any(type(v) is not str for v in value):
        raise _Invalid(MISUSE)
    return value


def _text(value: str, most: int) -> str:
    """``value`` cut to ``most`` characters, any lone surrogate replaced (printable anywhere)."""
    return value[:most].encode("utf-8", "replace").decode("utf-8")


def _error(value, limits: ChannelLimits) -> dict | None:
    """``None`` or ``{"type", "message", "where", "function", "line", "code"}`` with strings
    of bounded length (the last three empty when unknown)."""
    if value is None:
        return None
    if type(value) is not dict or not set(value) <= set(ERROR_KEYS):
        raise _Invalid(MISUSE)
    error = {k: _text(_str(value.get(k, "")), limits.error_chars) for k in ERROR_KEYS}
    if not error["type"]:
        raise _Invalid(MISUSE)
    return error


class LineReader:
    """Newline-terminated lines from a pipe, each with a deadline and a size limit."""

    TIMEOUT = object()
    TOO_LONG = object()
    CHUNK = 1 << 20

    def __init__(self, fd: int):
        self.fd = fd
        self.buffer = bytearray()

    def readline(self, timeout: float, limit: int):
        """The next line (bytes, without its newline); ``None`` at the end of the pipe,
        :attr:`TIMEOUT` after ``timeout`` seconds, :attr:`TOO_LONG` past ``limit`` bytes."""
        end = time.monotonic() + max(0.0, timeout)
        searched = 0
        while True:
            newline = self.buffer.find(b"\n", searched)
            if newline > limit or (newline < 0 and len(self.buffer) > limit):
                return self.TOO_LONG
            if newline >= 0:
                with memoryview(self.buffer) as view:
                    line = bytes(view[:newline])
                del self.buffer[: newline + 1]
                return line
            searched = len(self.buffer)
            remaining = end - time.monotonic()
            if remaining <= 0:
                return self.TIMEOUT
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                return self.TIMEOUT
            chunk = os.read(self.fd, self.CHUNK)
            if not chunk:
                return None
            self.buffer += chunk

    def close(self) -> None:
        os.close(self.fd)
