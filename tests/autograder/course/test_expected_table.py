"""Computing expected values never writes to the grader's stdout (it may be a JSON channel)."""

from __future__ import annotations

import pickle

from autograder.course.expected import run_case
from autograder.course.spec import Case


def _talkative(x, print_msg=True):
    if print_msg:
        print("Your backward propagation works perfectly fine!")
    return x * 2


def test_a_reference_that_prints_does_not_reach_stdout(capsys):
    case = Case("prints", "fixed", args=(3.0,))
    assert run_case(_talkative, case, pickle.dumps(((3.0,), {}))) == 6.0
    assert capsys.readouterr().out == ""
