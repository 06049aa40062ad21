"""Fuzzing the channel's decoder: no byte string a submission writes raises in the grader, and
what it accepts always fits the job and the limits.

Hypothesis generates random and mutated event streams (honest streams with lines cut, spliced,
duplicated, bytes flipped), deep nesting, huge numbers, wrong types, NaN and infinities, invalid
UTF-8 and floods. Each test runs ``CASES`` examples per CI run (6 tests, 300 examples each: about
10 s here); ``benchmarks/fuzz_channel.py`` runs the same properties far longer.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.engine.sandbox.channel import (
    ERROR_KEYS,
    LIMITS,
    Budget,
    Channel,
    ChannelLimits,
    Event,
    LineReader,
    Rejected,
    nesting_depth,
    parse_line,
)

CASES = int(os.environ.get("CHANNEL_FUZZ_CASES", "300"))
FUZZ = settings(max_examples=CASES, deadline=None,
                derandomize=not os.environ.get("CHANNEL_FUZZ_CASES"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
N_UNITS = 3
CALL_IDS = frozenset({0, 1, 2, 5})
#: small limits, so that the generated streams reach them
SMALL = ChannelLimits(line_bytes=4096, submission_bytes=64 * 1024, output_bytes=8 * 1024,
                      depth=16, values=400, strings=200, notes=4, names=10)


def honest_stream() -> list[bytes]:
    """What the honest worker writes for a job of 3 units and 4 calls."""
    events = [{"event": "sandbox", "notes": ["no network (own network namespace)"]}]
    for i in range(N_UNITS):
        events += [{"event": "unit_start", "index": i}, {"event": "unit_done", "index": i,
                                                         "error": None}]
    events.append({"event": "defined", "names": ["f", "g"]})
    for cid in sorted(CALL_IDS):
        events += [{"event": "call_start", "id": cid}, {"event": "call_done", "id": cid,
                                                        "output": {"__list__": [1, 2.5]}}]
    events.append({"event": "finished"})
    return [json.dumps(e).encode() for e in events]


def feed(lines: list[bytes], limits: ChannelLimits = LIMITS) -> list[Event | Rejected]:
    """Decode ``lines`` as the runner does: up to the first fatal rejection."""
    channel = Channel(N_UNITS, CALL_IDS, Budget(), limits=limits)
    seen = []
    for line in lines:
        if len(line) > channel.read_limit():  # the reader never hands such a line over
            break
        event = channel.decode(line)
        seen.append(event)
        assert isinstance(event, (Event, Rejected))
        if isinstance(event, Rejected):
            assert event.reason.strip()  # a reason the student reads
            if event.fatal:
                assert channel.decode(b'{"event": "finished"}').fatal  # nothing after it
                break
        else:
            check_event(event, limits)
    assert channel.spent.output_bytes <= limits.output_bytes
    return seen


def check_event(event: Event, limits: ChannelLimits) -> None:
    """An accepted event fits the job and the limits."""
    if event.index is not None:
        assert type(event.index) is int and 0 <= event.index < N_UNITS
    if event.call_id is not None:
        assert type(event.call_id) is int and event.call_id in CALL_IDS
    if event.error is not None:
        assert set(event.error) == set(ERROR_KEYS)
        assert all(type(v) is str and len(v) <= limits.error_chars for v in event.error.values())
        for v in event.error.values():
            v.encode("utf-8")  # printable anywhere: no lone surrogate
    assert len(event.names) <= limits.names and all(len(n) <= limits.name_chars
                                                    for n in event.names)
    assert len(event.notes) <= limits.notes and all(len(n) <= limits.note_chars
                                                    for n in event.notes)


def test_the_honest_stream_is_accepted_whole():
    seen = feed(honest_stream())
    assert all(isinstance(e, Event) for e in seen) and seen[-1].kind == "finished"
    assert [e.output for e in seen if e.kind == "call_done"] == [[1, 2.5]] * len(CALL_IDS)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner,
                                                                   max_size=5),
    max_leaves=30)
event_names = st.sampled_from(["sandbox", "sandbox_failed", "unit_start", "unit_done",
                               "defined", "call_start", "call_done", "finished", "other"])
keys = st.sampled_from(["event", "index", "id", "error", "output", "names", "notes", "message"])


@st.composite
def forged_event(draw) -> bytes:
    """A JSON object with an event name and fields of any type (allow_nan: NaN and inf too)."""
    data = {"event": draw(event_names)}
    data.update(draw(st.dictionaries(keys, json_values, max_size=4)))
    return json.dumps(data).encode()


@st.composite
def mutated_stream(draw) -> list[bytes]:
    """The honest stream, with forged events inserted and lines cut, doubled, flipped or
    dropped."""
    lines = honest_stream()
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(lines)))
        how = draw(st.sampled_from(["insert", "cut", "double", "flip", "drop", "junk"]))
        if how == "insert":
            lines.insert(i, draw(forged_event()))
        elif i < len(lines) and how == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif i < len(lines) and how == "double":
            lines.insert(i, lines[i])
        elif i < len(lines) and how == "flip" and lines[i]:
            j = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:j] + bytes([draw(st.integers(0, 255))]) + lines[i][j + 1:]
        elif i < len(lines) and how == "drop":
            del lines[i]
        elif how == "junk":
            lines.insert(i, draw(st.binary(max_size=200)))
    return lines


@FUZZ
@given(mutated_stream())
def test_mutated_streams_never_raise_and_accept_only_what_fits(lines):
    feed(lines)
    feed(lines, SMALL)


@FUZZ
@given(st.lists(st.binary(max_size=300) | forged_event(), max_size=30))
def test_random_bytes_and_events_never_raise(lines):
    feed([b"".join(line.split(b"\n")) for line in lines])


@FUZZ
@given(st.integers(1, 3000), st.sampled_from([b"[", b"{", b'{"a":', b"[[{}]"]),
       st.sampled_from([b"", b"]", b"}", b'"x"']))
def test_deep_nesting_is_rejected_before_parsing(depth, opener, closer):
    line = b'{"event": "call_done", "id": 0, "output": ' + opener * depth + closer * depth + b"}"
    seen = feed([b'{"event": "sandbox", "notes": []}', b'{"event": "defined", "names": []}',
                 b'{"event": "call_start", "id": 0}', line])
    if nesting_depth(line) > LIMITS.depth:
        assert isinstance(seen[-1], Rejected)


@FUZZ
@given(st.text(max_size=40))
def test_brackets_inside_strings_do_not_count_as_nesting(text):
    line = json.dumps({"message": "[" * 100 + text + "{" * 100}).encode()
    assert nesting_depth(line) == 1


@FUZZ
@given(st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1" * 5000,
                        "123456789012345678901234567890", '"\\ud800"', '"\\udfff x"']),
       st.sampled_from(["index", "id", "output"]))
def test_huge_numbers_nan_inf_and_lone_surrogates(token, key):
    line = ('{"event": "call_done", "' + key + '": ' + token + "}").encode()
    seen = feed([b'{"event": "sandbox", "notes": []}', b'{"event": "defined", "names": []}',
                 b'{"event": "call_start", "id": 0}', line])
    assert isinstance(seen[-1], Rejected)
    error = json.dumps({"event": "unit_done", "index": 0, "error": {
        "type": "E", "message": json.loads(token) if token.startswith('"') else token}})
    seen = feed([b'{"event": "sandbox", "notes": []}', b'{"event": "unit_start", "index": 0}',
                 error.encode()])
    if isinstance(seen[-1], Event):
        seen[-1].error["message"].encode("utf-8")


@FUZZ
@given(st.binary(min_size=1, max_size=200))
def test_invalid_utf8_is_rejected(junk):
    line = b'{"event": "sandbox", "notes": ["' + junk.replace(b'"', b"").replace(b"\\", b"") \
        + b'"]}'
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        assert isinstance(Channel(1, frozenset(), Budget()).decode(line), Rejected)


def test_floods_cost_one_line():
    """A flood of notes, names or outputs stops at its first line, or at the limits."""
    channel = Channel(N_UNITS, CALL_IDS, Budget())
    assert isinstance(channel.decode(b'{"event": "sandbox", "notes": ["a"]}'), Event)
    assert channel.decode(b'{"event": "sandbox", "notes": ["b"]}').fatal  # only one per child
    names = json.dumps({"event": "defined", "names": [f"n{i}" for i in range(30_000)]}).encode()
    channel = Channel(N_UNITS, CALL_IDS, Budget())
    channel.decode(b'{"event": "sandbox", "notes": []}')
    assert isinstance(channel.decode(names), Rejected)
    assert isinstance(parse_line(b"[" + b"0," * 10 + b"0]"), list)


def test_the_reader_stops_at_its_limit(tmp_path):
    read_end, write_end = os.pipe()
    os.write(write_end, b"x" * 5000 + b"\nshort\n")
    os.close(write_end)
    reader = LineReader(read_end)
    try:
        assert reader.readline(1.0, 4096) is LineReader.TOO_LONG
    finally:
        reader.close()
    read_end, write_end = os.pipe()
    os.write(write_end, b"half a line")
    reader = LineReader(read_end)
    try:
        assert reader.readline(0.2, 4096) is LineReader.TIMEOUT
        os.close(write_end)
        assert reader.readline(0.2, 4096) is None
    finally:
        reader.close()
