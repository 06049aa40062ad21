"""A backward is graded on the cache of the student's own forward when that forward is right
(``CacheFrom``), on the reference's cache otherwise; a KeyError on the cache names the key and
the keys the cache has."""

from __future__ import annotations

import pytest

from autograder.course.expected import expected_table
from autograder.course.registry import get_assignment
from autograder.course.sources import solution_module, strip_markers
from autograder.deliver.hidden_tests_grader import job_for
from autograder.engine.calls import add_calls, forward_of

FORWARD_WITH_INV_STD = '''
def batchnorm_forward(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.VARIANCE
    inv_std = 1 / np.sqrt(var + epsilon)
    Z_norm = (Z - mu) * inv_std
    return gamma * Z_norm + beta, {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma,
                                   "inv_std": inv_std}
'''
RIGHT_VARIANCE = "mean((Z - mu) ** 2, axis=1, keepdims=True)"
#: the unbiased variance: a wrong forward (and so a wrong inv_std in its cache)
WRONG_VARIANCE = "var(Z, axis=1, ddof=1, keepdims=True) if Z.shape[1] > 1 else np.zeros_like(mu)"

BACKWARD_READING_INV_STD = '''
def batchnorm_backward(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache["Z_norm"], cache["gamma"], cache["inv_std"]
    m = dZ_tilde.shape[1]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ_norm = gamma * dZ_tilde
    dZ = (m * dZ_norm - np.sum(dZ_norm, axis=1, keepdims=True)
          - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)) * inv_std / m
    return dZ, dgamma, dbeta
'''


def submission(variance: str, backward: str = BACKWARD_READING_INV_STD) -> str:
    """The reference module with another forward and backward defined after it."""
    a = get_assignment("batchnorm_softmax")
    return (strip_markers(solution_module(a)) + "\n"
            + FORWARD_WITH_INV_STD.replace("VARIANCE", variance) + "\n" + backward)


def test_a_correct_backward_reading_its_own_cache_layout_earns_full_marks(graders):
    result = graders("batchnorm_softmax").grade_source(submission(RIGHT_VARIANCE))
    assert result.exercise("batchnorm_forward").score == result.exercise("batchnorm_forward").max_score
    backward = result.exercise("batchnorm_backward")
    assert backward.score == backward.max_score, backward.feedback
    assert result.score == result.max_score


def test_a_backward_that_only_works_with_its_own_wrong_forward_fails_and_says_why(graders):
    result = graders("batchnorm_softmax").grade_source(submission(WRONG_VARIANCE))
    assert result.exercise("batchnorm_forward").score < 14
    backward = result.exercise("batchnorm_backward")
    assert backward.score < backward.max_score
    text = backward.feedback
    assert "KeyError" in text and "no key 'inv_std'" in text
    for key in ("'Z_norm'", "'mu'", "'var'", "'gamma'", "'epsilon'"):
        assert key in text
    assert "your batchnorm_forward is not right" in text


def test_a_key_missing_from_its_own_cache_is_named(graders):
    backward = BACKWARD_READING_INV_STD.replace('cache["inv_std"]', 'cache["std_inv"]')
    result = graders("batchnorm_softmax").grade_source(submission(RIGHT_VARIANCE, backward))
    text = result.exercise("batchnorm_backward").feedback
    assert "no key 'std_inv'" in text and "the one your batchnorm_forward returned" in text
    assert "'inv_std'" in text


def test_the_reference_cache_path_still_grades_a_backward_that_reads_the_usual_keys(graders):
    grader = graders("batchnorm_softmax")
    result = grader.grade_source(strip_markers(solution_module(grader.assignment)))
    assert result.score == result.max_score


def test_cli_and_nbgrader_paths_make_the_same_calls():
    a = get_assignment("batchnorm_softmax")
    e = a.exercise("batchnorm_backward")
    records = expected_table(a).records[e.name]
    calls, index = [], {}
    add_calls(calls, index, e, records, forward_of(a, e))
    job, _, nb_index = job_for(a, e)
    assert job["calls"] == calls and nb_index == index
    chained = [c for c in calls if c.get("chain")]
    assert len(chained) == len(records) == sum(r.forward_inputs is not None for r in records)
    for c in chained:
        assert calls[c["chain"]["call"]]["function"] == "batchnorm_forward"
        assert c["chain"]["argument"] == 1 and c["chain"]["part"] == 1


@pytest.mark.parametrize("assignment", ["optimization_methods", "batchnorm_softmax"])
def test_the_declared_forward_makes_the_reference_cache(assignment):
    """``Case.forward`` is the forward call whose cache the case's arguments hold."""
    from autograder.course.expected import normalise
    from course_lib.compare import Tolerance, compare

    a = get_assignment(assignment)
    for e in a.exercises:
        if e.cache_from is None:
            continue
        forward = a.exercise(e.cache_from.exercise)
        from autograder.course.spec import resolve

        for case in e.cases():
            assert case.forward is not None, case.name
            args, kwargs = case.forward
            output = resolve(forward.reference)(*args, **kwargs)
            made = output[e.cache_from.part] if e.cache_from.part is not None else output
            exact = Tolerance(rtol=0.0, atol_scale=0.0, reason="the same code")
            assert not compare(normalise(made), normalise(case.args[e.cache_from.argument]),
                               exact), case.name


def test_the_nbgrader_path_grades_on_the_own_cache_too(capsys):
    """``hidden_tests.score`` (the hidden test cell) in a namespace like a kernel's."""
    from autograder.deliver.hidden_tests import score

    namespace = {"__name__": "__main__"}
    exec(compile(submission(RIGHT_VARIANCE), "<cells>", "exec"), namespace)
    assert score("batchnorm_softmax", "batchnorm_backward", namespace) == 16.0
    namespace = {"__name__": "__main__"}
    exec(compile(submission(WRONG_VARIANCE), "<cells>", "exec"), namespace)
    assert score("batchnorm_softmax", "batchnorm_backward", namespace) < 16.0
    assert "no key 'inv_std'" in capsys.readouterr().out


#: week 1: a dropout forward that keeps each hidden layer's activations before dropout ("R{l}")
#: and a backward that takes the RELU's derivative from them (the same gradients)
DROPOUT_WITH_PRE_DROPOUT_ACTIVATIONS = '''
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, seed=1):
    L = len(parameters) // 2
    cache = {"A0": X}
    A = X
    np.random.seed(seed)
    for l in range(1, L + 1):
        W, b = parameters["W" + str(l)], parameters["b" + str(l)]
        Z = W @ A + b
        if l < L:
            R = np.maximum(0, Z)
            D = np.random.rand(*R.shape) < keep_prob
            A = R * D / keep_prob
            cache["D" + str(l)], cache["R" + str(l)] = D, R
        else:
            A = 1 / (1 + np.exp(-Z))
        cache.update({"Z" + str(l): Z, "A" + str(l): A, "W" + str(l): W, "b" + str(l): b})
    return A, cache


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache["A" + str(L)] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache["A" + str(l - 1)]
        grads["dW" + str(l)] = dZ @ A_prev.T
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = cache["W" + str(l)].T @ dZ * cache["D" + str(l - 1)] / keep_prob
            dZ = dA_prev * (cache["R" + str(l - 1)] > 0)
    return grads
'''


def test_week_1_dropout_backward_is_graded_on_its_own_forward_cache(graders):
    grader = graders("regularization")
    result = grader.grade_source(strip_markers(solution_module(grader.assignment)) + "\n"
                                 + DROPOUT_WITH_PRE_DROPOUT_ACTIVATIONS)
    backward = result.exercise("backward_propagation_with_dropout")
    assert result.exercise("forward_propagation_with_dropout").score == \
        result.exercise("forward_propagation_with_dropout").max_score
    assert backward.score == backward.max_score, backward.feedback
    # with a wrong forward (dropout drawn with randn), the reference's cache has no "R{l}"
    wrong = DROPOUT_WITH_PRE_DROPOUT_ACTIVATIONS.replace("np.random.rand(", "np.random.randn(")
    result = grader.grade_source(strip_markers(solution_module(grader.assignment)) + "\n" + wrong)
    backward = result.exercise("backward_propagation_with_dropout")
    assert backward.score < backward.max_score
    assert "no key 'R1'" in backward.feedback or "no key 'R2'" in backward.feedback, \
        backward.feedback
