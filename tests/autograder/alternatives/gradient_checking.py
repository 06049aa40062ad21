"""Correct implementations of the ``gradient_checking`` exercises that differ from the references.

Each ``<exercise>__<variant>`` must earn full marks. Each is self-contained: the tests rename its
``def`` and run it beside the imports of ``solutions.gradient_checking`` (``np`` and the flattening
helpers of ``course_lib.gradient_checking``) and the exercises it needs. The ``__course_notebook``
variants are the course's own solutions, as a learner writes them in the course's notebook
(colour codes in the messages included): pasted into the kit's notebook, they earn full marks.
"""

import numpy as np

from course_lib.gradient_checking import (  # noqa: F401 (the variants call them by name)
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)
from solutions.gradient_checking import backward_propagation, forward_propagation  # noqa: F401

# ----------------------------------------------------------------------------------------------
# forward_propagation
# ----------------------------------------------------------------------------------------------


def forward_propagation__course_notebook(x, theta):
    # (approx. 1 line)
    # J =
    # YOUR CODE STARTS HERE
    J = np.dot(theta, x)
    # YOUR CODE ENDS HERE
    return J


def forward_propagation__multiply(x, theta):
    return np.multiply(x, theta)


def forward_propagation__x_times_theta(x, theta):
    J = x * theta
    return J


# ----------------------------------------------------------------------------------------------
# backward_propagation
# ----------------------------------------------------------------------------------------------


def backward_propagation__course_notebook(x, theta):
    # (approx. 1 line)
    # dtheta =
    # YOUR CODE STARTS HERE
    dtheta = x
    # YOUR CODE ENDS HERE
    return dtheta


def backward_propagation__as_float(x, theta):
    return float(x)


def backward_propagation__slope_of_the_line(x, theta):
    # J(theta) = theta * x: the slope does not depend on theta
    return x * 1


# ----------------------------------------------------------------------------------------------
# gradient_check
# ----------------------------------------------------------------------------------------------


def gradient_check__course_notebook(x, theta, epsilon=1e-7, print_msg=False):
    # Compute gradapprox using right side of formula (1). epsilon is small enough, you don't need
    # to worry about the limit.
    # (approx. 5 lines)
    # YOUR CODE STARTS HERE
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    # YOUR CODE ENDS HERE

    # Check if gradapprox is close enough to the output of backward_propagation()
    # (approx. 1 line) DO NOT USE "grad = gradapprox"
    # YOUR CODE STARTS HERE
    grad = backward_propagation(x, theta)
    # YOUR CODE ENDS HERE

    # (approx. 3 lines)
    # YOUR CODE STARTS HERE
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    # YOUR CODE ENDS HERE

    if print_msg:
        if difference > 2e-7:
            print("\033[93m" + "There is a mistake in the backward propagation! difference = "
                  + str(difference) + "\033[0m")
        else:
            print("\033[92m" + "Your backward propagation works perfectly fine! difference = "
                  + str(difference) + "\033[0m")

    return difference


def gradient_check__abs_and_half_steps(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon)
                  - forward_propagation(x, theta - epsilon)) / 2 / epsilon
    grad = backward_propagation(x, theta)
    difference = abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))
    if print_msg:
        print("backward propagation", "works" if difference < 2e-7 else "is wrong", difference)
    return float(difference)


def gradient_check__arrays(x, theta, epsilon=1e-7, print_msg=False):
    thetas = np.array([theta + epsilon, theta - epsilon])
    J = np.array([forward_propagation(x, t) for t in thetas], dtype=np.float64)
    gradapprox = np.array([(J[0] - J[1]) / (2 * epsilon)])
    grad = np.array([backward_propagation(x, theta)], dtype=np.float64)
    difference = np.sqrt(np.sum((grad - gradapprox) ** 2)) / (
        np.sqrt(np.sum(grad**2)) + np.sqrt(np.sum(gradapprox**2)))
    return difference.item()


# ----------------------------------------------------------------------------------------------
# gradient_check_n
# ----------------------------------------------------------------------------------------------


def gradient_check_n__course_notebook(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    # Set-up variables
    parameters_values, _ = dictionary_to_vector(parameters)

    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))

    # Compute gradapprox
    for i in range(num_parameters):
        # Compute J_plus[i]. Inputs: "parameters_values, epsilon". Output = "J_plus[i]".
        # "_" is used because the function you have outputs two parameters but we only care
        # about the first one
        # (approx. 3 lines)
        # YOUR CODE STARTS HERE
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        # YOUR CODE ENDS HERE

        # Compute J_minus[i]. Inputs: "parameters_values, epsilon". Output = "J_minus[i]".
        # (approx. 3 lines)
        # YOUR CODE STARTS HERE
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        # YOUR CODE ENDS HERE

        # Compute gradapprox[i]
        # (approx. 1 line)
        # YOUR CODE STARTS HERE
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
        # YOUR CODE ENDS HERE

    # Compare gradapprox to backward propagation gradients by computing difference.
    # (approx. 3 line)
    # YOUR CODE STARTS HERE
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    # YOUR CODE ENDS HERE
    if print_msg:
        if difference > 2e-7:
            print("\033[93m" + "There is a mistake in the backward propagation! difference = "
                  + str(difference) + "\033[0m")
        else:
            print("\033[92m" + "Your backward propagation works perfectly fine! difference = "
                  + str(difference) + "\033[0m")

    return difference


def gradient_check_n__perturb_the_dict(parameters, gradients, X, Y, epsilon=1e-7,
                                       print_msg=False):
    grads, approx = [], []
    for key in ("W1", "b1", "W2", "b2", "W3", "b3"):
        for index in np.ndindex(parameters[key].shape):
            shifted = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
            shifted[key][index] = parameters[key][index] + epsilon
            J_plus, _ = forward_propagation_n(X, Y, shifted)
            shifted[key][index] = parameters[key][index] - epsilon
            J_minus, _ = forward_propagation_n(X, Y, shifted)
            approx.append((J_plus - J_minus) / (2 * epsilon))
            grads.append(gradients["d" + key][index])
    grad, gradapprox = np.array(grads), np.array(approx)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad)
                                                      + np.linalg.norm(gradapprox))
    if print_msg:
        print("mistake" if difference > 2e-7 else "fine", difference)
    return difference


def gradient_check_n__flat_vectors(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta = dictionary_to_vector(parameters)[0].ravel()
    grad = gradients_to_vector(gradients).ravel()
    gradapprox = np.empty_like(theta)
    for i in range(theta.size):
        step = np.zeros_like(theta)
        step[i] = epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(theta + step))[0]
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(theta - step))[0]
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.sqrt(np.dot(grad - gradapprox, grad - gradapprox))
    denominator = np.sqrt(np.dot(grad, grad)) + np.sqrt(np.dot(gradapprox, gradapprox))
    return float(numerator / denominator)
