"""The references reproduce the values the course's own notebook prints ("Regularization",
Improving Deep Neural Networks, week 1) on its test cases, drawn as the course draws them after
``np.random.seed(1)`` (here ``RandomState(1)``, the same stream), so that a learner's solution
written for the course gives the same numbers here."""

import numpy as np

from autograder.course.exercises.regularization import inputs
from solutions import regularization as ref


def test_l2_cost_of_the_course_test_case():
    parameters = inputs.course_test_parameters(np.random.RandomState(1))
    a3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    Y = np.array([[1, 1, 0, 1, 0]])
    cost = ref.compute_cost_with_regularization(a3, Y, parameters, lambd=0.1)
    np.testing.assert_allclose(cost, 1.78648594516, rtol=1e-11)


def test_dropout_forward_of_the_course_test_case():
    rng = np.random.RandomState(1)
    X = rng.randn(3, 5)
    parameters = inputs.course_test_parameters(rng)
    np.random.seed(0)  # the function must seed the stream itself
    A3, cache = ref.forward_propagation_with_dropout(X, parameters, keep_prob=0.7)
    expected = np.array([[0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721]])
    np.testing.assert_allclose(A3, expected, rtol=0, atol=5e-9)  # printed to 8 decimals
    assert sorted(k for k in cache if k.startswith("D")) == ["D1", "D2"]
