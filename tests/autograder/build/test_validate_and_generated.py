"""CI's proofs over the whole registry, and generated files kept in step with their source."""

from __future__ import annotations

import subprocess
import sys

from autograder.build import examples, public


def test_validate_command_exits_zero():
    """What CI must prove: references full, stubs zero, every known mistake caught and named."""
    done = subprocess.run([sys.executable, "-m", "autograder", "validate", "-q"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every check passed" in done.stdout


def test_examples_are_up_to_date():
    assert not examples.write_examples(check=True), "run: python -m autograder.build.examples"


def test_public_cases_are_up_to_date():
    assert not public.write_public_cases(check=True), "run: python -m autograder.build.public"


def test_public_cases_hold_no_hidden_case():
    from autograder.course.expected import expected_table
    from autograder.course.registry import built_names, declared_assignment

    for name in built_names():
        a = declared_assignment(name)
        data = public.public_cases(a)
        table = expected_table(a)
        for e in a.exercises:
            visible = [r.case.label for r in table.records[e.name] if r.case.visible]
            assert [c["name"] for c in data["exercises"][e.name]["cases"]] == visible
            # hidden cases keep their role against hard-coding: the random group stays hidden,
            # and every group beside the fixed one keeps hidden cases
            groups = {r.case.group for r in table.records[e.name]}
            assert all(not r.case.visible for r in table.records[e.name]
                       if r.case.group == "random")
            assert all(any(not r.case.visible for r in table.records[e.name]
                           if r.case.group == g) for g in groups - {"fixed"}), e.name
