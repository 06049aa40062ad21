"""The students' check cells: visible cases, TensorFlow agreement, named mistakes, never raise."""

from __future__ import annotations

import numpy as np

from autograder.course.registry import get_assignment
from course_lib.checks import check, run_check
from solutions import batchnorm_softmax as bs
from solutions import optimization_methods as om


def adam_without_bias_correction(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
                                 beta2=0.999, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in grads:
        p = key[1:]
        v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
        s[key] = beta2 * s[key] + (1 - beta2) * grads[key] ** 2
        v_corrected[key], s_corrected[key] = v[key], s[key]
        parameters[p] = parameters[p] - learning_rate * v[key] / (np.sqrt(s[key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def test_a_correct_function_passes_with_tensorflow_agreement():
    ok, report = run_check("update_parameters_with_adam", om.update_parameters_with_adam)
    assert ok, report
    assert "agrees with TensorFlow" in report and "hidden cases" in report


def test_a_known_mistake_is_named():
    ok, report = run_check("update_parameters_with_adam", adam_without_bias_correction)
    assert not ok
    message = next(m.message for m in get_assignment("optimization_methods")
                   .exercise("update_parameters_with_adam").mistakes
                   if m.name == "no_bias_correction")
    assert f"Likely mistake: {message}" in report
    assert "expected:" in report and "yours:" in report


def test_an_untouched_stub_fails_politely():
    def stub(ZL, Y):
        raise NotImplementedError()

    ok, report = run_check("softmax_cross_entropy_cost", stub)
    assert not ok and "not implemented yet" in report


def test_missing_or_broken_functions_never_raise(capsys):
    check("softmax", {})
    check("softmax", {"softmax": 3})
    check("softmax", {"softmax": lambda Z: 1 / 0})
    check("no_such_exercise", {})
    out = capsys.readouterr()
    assert "not defined" in out.out and "should be a function" in out.out
    assert "ZeroDivisionError" in out.out and "no exercise called" in out.out
    assert out.err == ""


def test_tensorflow_exercises_are_checked_with_tensors():
    from solutions import batchnorm_softmax_tensorflow as bt

    ok, report = run_check("compute_total_loss", bt.compute_total_loss)
    assert ok, report
    ok, report = run_check("compute_total_loss", lambda logits, labels: 0.0)
    assert not ok and "tf.Tensor" in report


def test_check_uses_the_callers_globals(capsys):
    softmax = bs.softmax  # noqa: F841 (found by name in this frame's globals? no: locals)
    check("softmax", {"softmax": bs.softmax})
    assert "✓ softmax" in capsys.readouterr().out
