"""Declaration of ``gradient_check_n``: the gradient check of the course's 3-layer network.

Reference in ``solutions/gradient_checking.py``, teaching text in
``assignments/content/gradient_checking.py``. The network, its backward passes (the course's, with
its two deliberate bugs, and the corrected one) and the flattening helpers are
``course_lib.gradient_checking``'s, which the student's check calls by name, as do the mistakes.

Cases: correct gradients (the difference is noise, graded as 0), the buggy backprop's (a large
difference), gradients with a single wrong entry (so that a check skipping entries fails), and
larger epsilons, where the truncation error of the two-sided difference (order epsilon**2) is a
real value and a one-sided difference (order epsilon) or an ignored epsilon shows.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.gradient_checking.inputs import (
    DIFFERENCE_TOLERANCE,
    check_n_args,
    course_network,
    graded_difference,
    gradients_of,
    random_network,
    with_wrong_entry,
)
from autograder.course.spec import Case, Exercise, Mistake
from course_lib.gradient_checking import (  # noqa: F401 (the mistakes call them by name)
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)
from solutions import gradient_checking as ref

COUNTERPART = "solutions.counterparts.gradient_checking:"

#: Where a single wrong entry goes, cycling: (key, index) in the course's order of theta.
WRONG_ENTRIES = (("b3", (0, 0)), ("W1", (0, 0)), ("b1", (2, 0)), ("W2", (1, 3)),
                 ("b2", (1, 0)), ("W3", (0, 2)))


def _epsilon_kwargs(epsilon):
    return {} if epsilon == 1e-7 else {"epsilon": epsilon}


def _wrong_entry_args(parameters, X, Y, which: int):
    key, index = WRONG_ENTRIES[which % len(WRONG_ENTRIES)]
    gradients = gradients_of(parameters, X, Y)
    return check_n_args(parameters, with_wrong_entry(gradients, "d" + key, index, 0.05), X, Y), key


def _cases():
    parameters, X, Y = course_network()
    course_wrong, _ = _wrong_entry_args(parameters, X, Y, 0)
    cases = [
        Case("course_buggy_backprop", "fixed",
             args=(*check_n_args(parameters, gradients_of(parameters, X, Y, "buggy"), X, Y),
                   1e-7),
             note="the course's example, with backward_propagation_n (dW2 and db1 wrong)"),
        Case("course_fixed_backprop", "fixed",
             args=check_n_args(parameters, gradients_of(parameters, X, Y), X, Y),
             note="the course's example with the corrected backprop: only rounding noise"),
        Case("course_wrong_db3", "fixed", args=course_wrong,
             note="the corrected gradients with db3, the last entry of theta, off by 0.05"),
        Case("course_epsilon_0.03", "fixed",
             args=check_n_args(parameters, gradients_of(parameters, X, Y), X, Y),
             kwargs={"epsilon": 0.03},
             note="the corrected gradients with epsilon = 0.03: the two-sided difference's own "
                  "error, of order epsilon**2, shows (about 1.5e-5)"),
    ]
    kinds = ("fixed", "buggy", "wrong entry", "epsilon")
    epsilons = (1e-5, 1e-3, 0.05, 0.1)
    for i in range(16):
        rng = np.random.RandomState(400 + i)
        m = int(rng.randint(1, 9))
        parameters, X, Y = random_network(410 + i, m)
        kind = kinds[i % 4]
        kwargs, note = {}, f"m = {m}"
        if kind == "wrong entry":
            args, key = _wrong_entry_args(parameters, X, Y, i // 4)
            note += f", the corrected gradients with one entry of d{key} off by 0.05"
        else:
            args = check_n_args(parameters, gradients_of(parameters, X, Y, kind if kind == "buggy"
                                                         else "fixed"), X, Y)
            note += ", the buggy backprop" if kind == "buggy" else ", the corrected backprop"
        if kind == "epsilon":
            kwargs = {"epsilon": epsilons[i // 4]}
            note += f", epsilon = {epsilons[i // 4]:g}"
        cases.append(Case(f"random_{i}", "random", args=args, kwargs=kwargs, note=note))
    for i, kind in enumerate(("buggy", "fixed", "wrong entry")):
        parameters, X, Y = random_network(500 + i, 5)
        if kind == "wrong entry":
            args, _ = _wrong_entry_args(parameters, X, Y, 3)
        else:
            args = check_n_args(parameters, gradients_of(parameters, X, Y, kind), X, Y)
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=args,
                          note=f"against tf.test.compute_gradient's numerical Jacobian, {kind}"))
    parameters, X, Y = random_network(600, 1)
    dead, Xd, Yd = random_network(601, 4)
    dead["b1"] = dead["b1"] - 10.0
    wrong_last, _ = _wrong_entry_args(*random_network(602, 3), 0)
    wrong_first, _ = _wrong_entry_args(*random_network(603, 3), 1)
    large, Xl, Yl = random_network(604, 6)
    cases += [
        Case("one_example", "edge", visible=True,
             args=check_n_args(parameters, gradients_of(parameters, X, Y, "buggy"), X, Y),
             note="m = 1, the buggy backprop"),
        Case("dead_first_layer", "edge",
             args=check_n_args(dead, gradients_of(dead, Xd, Yd, "buggy"), Xd, Yd),
             note="b1 = -10: the first layer is dead, most gradients are 0 (and the bugs hide)"),
        Case("wrong_last_entry", "edge", args=wrong_last,
             note="only db3, the last entry of theta, is wrong"),
        Case("wrong_first_entry", "edge", args=wrong_first,
             note="only dW1[0, 0], the first entry of theta, is wrong"),
        Case("large_epsilon", "edge",
             args=check_n_args(large, gradients_of(large, Xl, Yl), Xl, Yl),
             kwargs={"epsilon": 0.2},
             note="epsilon = 0.2: the two-sided difference's error, of order epsilon**2, shows"),
    ]
    return cases


def mistake_one_sided(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J, _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        gradapprox[i] = (J_plus - J) / epsilon
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def mistake_epsilon_not_restored(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(theta_plus)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def mistake_divided_by_epsilon(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus - J_minus) / epsilon
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def mistake_no_denominator(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox)


def mistake_norm_of_sum(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.linalg.norm(grad + gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def mistake_unperturbed_forward(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, parameters)
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus, _ = forward_propagation_n(X, Y, parameters)
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def mistake_gradients_in_dict_order(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = np.concatenate([np.reshape(value, (-1, 1)) for key, value in gradients.items()
                           if key.startswith(("dW", "db"))], axis=0)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def mistake_samples_entries(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    sample = list(range(1, num_parameters - 1, 2))
    gradapprox = np.zeros((len(sample), 1))
    for k, i in enumerate(sample):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[k] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.linalg.norm(grad[sample] - gradapprox)
    denominator = np.linalg.norm(grad[sample]) + np.linalg.norm(gradapprox)
    return numerator / denominator


def mistake_epsilon_ignored(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + 1e-7
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - 1e-7
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus - J_minus) / (2 * 1e-7)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


EXERCISE = Exercise(
    name="gradient_check_n",
    points=50,
    reference=ref.gradient_check_n,
    cases=_cases,
    summary="the relative difference between the gradients of backpropagation and the two-sided "
            "numerical gradient of the network's cost, entry by entry of theta",
    tolerance=DIFFERENCE_TOLERANCE,
    expected_view=graded_difference,
    tensorflow=COUNTERPART + "gradient_check_n",
    returns=("difference",),
    mistakes=(
        Mistake("one_sided",
                "Your gradapprox is one-sided, (J(theta + epsilon) - J(theta)) / epsilon, whose "
                "error shrinks only like epsilon. Use the two-sided difference, (J_plus[i] - "
                "J_minus[i]) / (2 * epsilon) with J_minus[i] at theta - epsilon: its error "
                "shrinks like epsilon**2.",
                mistake_one_sided),
        Mistake("epsilon_not_restored",
                "Your theta_minus is made from theta_plus, so its entry i is back at theta and "
                "gradapprox is about half the gradient. Start theta_minus from a fresh copy of "
                "parameters_values, np.copy(parameters_values), then subtract epsilon.",
                mistake_epsilon_not_restored),
        Mistake("divided_by_epsilon",
                "You divide J_plus[i] - J_minus[i] by epsilon: theta + epsilon and "
                "theta - epsilon are 2 * epsilon apart, so divide by 2 * epsilon (your "
                "gradapprox is twice the gradient).",
                mistake_divided_by_epsilon),
        Mistake("no_denominator",
                "You return the norm of grad - gradapprox: divide it by "
                "np.linalg.norm(grad) + np.linalg.norm(gradapprox), so that the difference is "
                "relative and does not depend on the size of the gradients.",
                mistake_no_denominator),
        Mistake("norm_of_sum",
                "Your numerator is the norm of grad + gradapprox (or your gradapprox has the "
                "wrong sign): it is np.linalg.norm(grad - gradapprox), with gradapprox[i] = "
                "(J_plus[i] - J_minus[i]) / (2 * epsilon).",
                mistake_norm_of_sum),
        Mistake("unperturbed_forward",
                "Your difference is 1: your gradapprox is 0 because J_plus and J_minus are both "
                "computed at the unchanged parameters. Pass the shifted vector to the forward "
                "pass: forward_propagation_n(X, Y, vector_to_dictionary(theta_plus)), and "
                "likewise theta_minus.",
                mistake_unperturbed_forward),
        Mistake("gradients_in_dict_order",
                "Your grad vector is not in the order of theta: flattening the gradients dict "
                "in its own key order (dW3 first) compares each entry with another parameter's. "
                "Use grad = gradients_to_vector(gradients), which follows W1, b1, W2, b2, W3, b3.",
                mistake_gradients_in_dict_order),
        Mistake("samples_entries",
                "Your check compares only some of the entries of theta, so a wrong gradient in "
                "one of the others goes unnoticed: loop over every i in range(num_parameters) "
                "and take the norms over all the entries.",
                mistake_samples_entries),
        Mistake("epsilon_ignored",
                "Your check ignores its epsilon argument: shift theta by the epsilon it is given "
                "(theta_plus[i] + epsilon, theta_minus[i] - epsilon) and divide by 2 * epsilon.",
                mistake_epsilon_ignored),
    ),
)
