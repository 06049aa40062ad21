"""Reference solutions for the assignment ``gradient_checking`` (course week 1).

A one-dimensional warm-up, ``J(theta) = theta * x``, then the check of a whole network's
backpropagation. The network, its (deliberately buggy) backward pass and the flattening of the
parameters into one vector come from ``course_lib.gradient_checking``, with the course's names.

Both checks compare the gradient of backpropagation with the two-sided numerical gradient

    gradapprox = (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon)

through the relative difference ``||grad - gradapprox|| / (||grad|| + ||gradapprox||)``.
"""

import numpy as np

from course_lib.gradient_checking import (
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)


def forward_propagation(x, theta):
    """The linear function J(theta) = theta * x.

    Arguments:
    x -- a real-valued input
    theta -- our parameter, a real number

    Returns:
    J -- the value of the function, theta * x
    """
    ### BEGIN SOLUTION
    J = theta * x
    ### END SOLUTION
    return J


def backward_propagation(x, theta):
    """The derivative of J(theta) = theta * x with respect to theta.

    Arguments:
    x -- a real-valued input
    theta -- our parameter, a real number

    Returns:
    dtheta -- the gradient of the cost with respect to theta
    """
    ### BEGIN SOLUTION
    dtheta = x
    ### END SOLUTION
    return dtheta


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """Check backward_propagation against the two-sided numerical derivative of
    forward_propagation (your own two functions).

    gradapprox = (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon)
    difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||)

    Arguments:
    x -- a real-valued input
    theta -- our parameter, a real number
    epsilon -- tiny shift of theta for the numerical derivative
    print_msg -- if True, print whether backpropagation looks right

    Returns:
    difference -- the relative difference between grad and gradapprox, a number
    """
    ### BEGIN SOLUTION
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)

    grad = backward_propagation(x, theta)

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    ### END SOLUTION
    if print_msg:
        if difference > 2e-7:
            print(f"There is a mistake in the backward propagation! difference = {difference}")
        else:
            print(f"Your backward propagation works perfectly fine! difference = {difference}")
    return difference


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Check the gradients of backward_propagation_n against the two-sided numerical gradient of
    the cost computed by forward_propagation_n, one parameter at a time.

    for each entry i of theta:
        gradapprox[i] = (J(theta + epsilon e_i) - J(theta - epsilon e_i)) / (2 * epsilon)
    difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||)

    Arguments:
    parameters -- dict with "W1", "b1", "W2", "b2", "W3", "b3" of the network [4, 5, 3, 1]
    gradients -- the output of backward_propagation_n: "dW1", "db1", ... shaped like the parameters
    X -- input data of shape (4, m)
    Y -- labels 0 or 1, shape (1, m)
    epsilon -- tiny shift of one parameter for the numerical gradient
    print_msg -- if True, print whether backpropagation looks right

    Returns:
    difference -- the relative difference between grad and gradapprox, a number
    """
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))

    for i in range(num_parameters):
        ### BEGIN SOLUTION
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))

        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))

        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
        ### END SOLUTION

    ### BEGIN SOLUTION
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    ### END SOLUTION
    if print_msg:
        if difference > 2e-7:
            print(f"There is a mistake in the backward propagation! difference = {difference}")
        else:
            print(f"Your backward propagation works perfectly fine! difference = {difference}")
    return difference
