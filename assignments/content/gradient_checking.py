# %% [markdown]
# # Gradient Checking
#
# Backpropagation is easy to get subtly wrong: a factor of 2, a missing $\frac{1}{m}$, a transposed
# matrix. The network still trains, more or less, and nothing tells you. **Gradient checking**
# compares the gradient that backpropagation computes with a numerical estimate taken from the
# cost function alone, which is much harder to get wrong. In this assignment you will write
#
# - `forward_propagation` and `backward_propagation` of a one-dimensional function, the warm-up;
# - `gradient_check`, the check of that function;
# - `gradient_check_n`, the check of a whole 3-layer network, which will find the two bugs hidden in
#   the backpropagation you are given. You will then see them fixed, and TensorFlow agree.
#
# **How this notebook works.** Write your code between `# YOUR CODE HERE` and the end of your part,
# replacing `raise NotImplementedError()`. The cell after each exercise runs `check(...)` on a few
# visible cases; the autograder runs more, hidden, cases. The demonstrations call your own
# functions: until those are written, they only tell you which exercise to complete.

# %% imports
import matplotlib.pyplot as plt

from course_lib import demos
from course_lib.gradient_checking import (
    PARAMETER_KEYS,
    backward_propagation_n,
    backward_propagation_n_fixed,
    corrected_lines,
    gradient_check_n_test_case,
)

# %% [markdown]
# ## 1. How gradient checking works
#
# Backpropagation computes $\frac{\partial J}{\partial \theta}$, where $\theta$ stands for the
# parameters and $J$ for the cost. The forward pass computes $J$ itself, and it is the part you are
# most confident about. The definition of a derivative turns the second into a check of the first:
#
# $$ \frac{\partial J}{\partial \theta} = \lim_{\varepsilon \to 0}
#    \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2 \varepsilon}. \tag{1} $$
#
# With a small $\varepsilon$ (here $10^{-7}$), the right-hand side, the **two-sided difference**,
# is a good approximation: by Taylor's formula its error shrinks like $\varepsilon^2$, while the
# one-sided $\frac{J(\theta + \varepsilon) - J(\theta)}{\varepsilon}$ is only accurate to order
# $\varepsilon$. Call it `gradapprox`. Backpropagation's answer is `grad`. They are compared with a
# **relative** difference, so that the size of the gradient does not matter:
#
# $$ difference = \frac{\| grad - gradapprox \|_2}{\| grad \|_2 + \| gradapprox \|_2}. \tag{2} $$
#
# It is 0 when the two agree, and at most 1. As a rule of thumb, with $\varepsilon = 10^{-7}$, a
# difference below about $10^{-7}$ means backpropagation is right; around $10^{-5}$, look closer;
# above $10^{-3}$, there is almost certainly a bug.

# %% [markdown]
# ## 2. A one-dimensional warm-up
#
# Take the linear function $J(\theta) = \theta x$ of one real parameter $\theta$ and one real input
# $x$. Its "forward propagation" computes $J$; its "backward propagation" computes the derivative
# $\frac{\partial J}{\partial \theta}$.
#
# **Exercise.** Implement `forward_propagation(x, theta)`: return $J = \theta x$.

# %% exercise forward_propagation

# %% [markdown]
# **Exercise.** Implement `backward_propagation(x, theta)`: return
# $d\theta = \frac{\partial J}{\partial \theta}$ for $J(\theta) = \theta x$.

# %% exercise backward_propagation

# %% [markdown]
# ## 3. The one-dimensional check
#
# Now check your `backward_propagation` with formula (1), computed from your `forward_propagation`:
#
# 1. $\theta^{+} = \theta + \varepsilon$ and $\theta^{-} = \theta - \varepsilon$;
# 2. $J^{+} = J(\theta^{+})$ and $J^{-} = J(\theta^{-})$, with your `forward_propagation`;
# 3. $gradapprox = \frac{J^{+} - J^{-}}{2 \varepsilon}$;
# 4. $grad$ from your `backward_propagation`, at $\theta$;
# 5. the difference (2), with `np.linalg.norm` for the three norms: the numerator first, then the
#    denominator, then their ratio.
#
# The lines after your code print the verdict when `print_msg` is True: a difference above
# $2 \cdot 10^{-7}$ means a mistake.
#
# **Exercise.** Implement `gradient_check(x, theta, epsilon=1e-7, print_msg=False)`; it returns the
# difference.

# %% exercise gradient_check

# %% [markdown]
# The course's example, $x = 3$ and $\theta = 4$: the difference should be tiny. $J$ is linear, so
# formula (1) is exact in exact arithmetic, and what is left is **rounding**: $J^{+}$ and $J^{-}$
# are rounded to about 16 significant digits, and their difference, about $2 \varepsilon$ times
# smaller than either, keeps only the first 9 or so of them. That lost precision, divided by
# $2 \varepsilon$, grows as $\varepsilon$ shrinks, as the plot shows (your check, for a range of
# $\varepsilon$): do not make $\varepsilon$ smaller than it needs to be.

# %% demo
with demos.guard("forward_propagation", "backward_propagation", "gradient_check",
                 what="the one-dimensional check"):
    x, theta = 3, 4
    difference = gradient_check(x, theta, print_msg=True)
    epsilons = np.logspace(-13, -1, 25)
    differences = [gradient_check(x, theta, epsilon=e) for e in epsilons]
    plt.figure(figsize=(7, 4))
    plt.loglog(epsilons, np.maximum(differences, 1e-17), "o-")
    plt.axhline(2e-7, color="gray", linestyle=":", label="2e-7, the threshold of the check")
    plt.xlabel("epsilon")
    plt.ylabel("difference")
    plt.title("J = theta * x: only rounding, which grows as epsilon shrinks")
    plt.legend()
    plt.show()

# %% [markdown]
# ## 4. Checking a whole network
#
# The network is the course's: LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID with
# `layers_dims = [4, 5, 3, 1]`, so `X` has shape $(4, m)$ and `Y` shape $(1, m)$. It is given by
# `course_lib.gradient_checking`:
#
# - `forward_propagation_n(X, Y, parameters)` returns the mean cross-entropy cost and a cache;
# - `backward_propagation_n(X, Y, cache)` returns the gradients `"dW1"`, `"db1"`, ..., `"db3"`. It
#   was written in a hurry: do not trust it (and do not look for its bugs yet: your check will).
#
# Now $\theta$ is not one number but every parameter: $W^{[1]}$ $(5, 4)$, $b^{[1]}$ $(5, 1)$,
# $W^{[2]}$ $(3, 5)$, $b^{[2]}$ $(3, 1)$, $W^{[3]}$ $(1, 3)$ and $b^{[3]}$ $(1, 1)$, 47 numbers in
# all. The helpers roll them into one column vector and back:
#
# - `dictionary_to_vector(parameters)` returns `theta` of shape $(47, 1)$, the entries of W1 row by
#   row, then b1, W2, b2, W3, b3, and the list of the keys each entry comes from;
# - `vector_to_dictionary(theta)` is its inverse;
# - `gradients_to_vector(gradients)` rolls `"dW1"`, `"db1"`, ..., `"db3"` into a vector in the same
#   order, so that entry $i$ of `grad` is the derivative with respect to entry $i$ of `theta`.
#
# Formula (1) then holds for each entry $i$ of $\theta$ on its own, shifting that entry only:
#
# $$ gradapprox_i = \frac{J(\theta_1, \dots, \theta_i + \varepsilon, \dots, \theta_{47}) -
#    J(\theta_1, \dots, \theta_i - \varepsilon, \dots, \theta_{47})}{2 \varepsilon}. $$
#
# For each $i$:
#
# 1. $\theta^{+}$: a fresh copy of `parameters_values` (`np.copy`), with $\varepsilon$ added to
#    entry $i$; then $J^{+}_i$ from `forward_propagation_n` on `vector_to_dictionary` of it (it
#    returns two values: the cost comes first);
# 2. $\theta^{-}$: another fresh copy, with $\varepsilon$ subtracted from entry $i$, and $J^{-}_i$;
# 3. $gradapprox_i = \frac{J^{+}_i - J^{-}_i}{2 \varepsilon}$.
#
# Then the difference (2) between the vectors `grad` and `gradapprox`, as in the 1-D check.
#
# **Exercise.** Implement `gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7,
# print_msg=False)`. The set-up (the vectors, `J_plus`, `J_minus` and `gradapprox` of zeros) and
# the loop over the entries are given.

# %% exercise gradient_check_n

# %% [markdown]
# ## 5. Finding the bugs
#
# Check the given backpropagation on the course's example (three examples, random parameters):

# %% demo
with demos.guard("gradient_check_n", what="the check of backward_propagation_n"):
    X, Y, parameters = gradient_check_n_test_case()
    cost, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n(X, Y, cache)
    difference = gradient_check_n(parameters, gradients, X, Y, 1e-7, True)

# %% [markdown]
# A difference near 0.29: there is a bug. One number does not say where, but the same comparison
# entry by entry does. `tf.test.compute_gradient` computes the same two-sided differences as your
# loop, with TensorFlow, on the same network (`course_lib.gradient_checking_tf`); here is
# $|grad_i - gradapprox_i|$ for each of the 47 entries of $\theta$, on a log scale. Correct entries
# differ by rounding only, $10^{-10}$ to $10^{-8}$; the wrong ones stand out.

# %% demo
with demos.guard(what="the entries of the gradient"):
    from course_lib.gradient_checking_tf import numerical_and_theoretical, tape_gradients

    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    gradapprox_tf, _ = numerical_and_theoretical(X, Y, parameters, epsilon=1e-7)
    _, keys = dictionary_to_vector(parameters)

    def plot_entries(ax, gradients, title):
        errors = np.abs(gradients_to_vector(gradients) - gradapprox_tf).ravel()
        for key in PARAMETER_KEYS:
            where = [i for i, k in enumerate(keys) if k == key]
            ax.bar(where, np.maximum(errors[where], 1e-12), label=key)
        ax.set_yscale("log")
        ax.set_ylim(1e-12, 10)
        ax.set_xlabel("entry i of theta")
        ax.set_ylabel("|grad_i - gradapprox_i|")
        ax.set_title(title)
        ax.legend(ncol=6, fontsize=8)

    fig, axes = plt.subplots(1, 2, figsize=(15, 4), sharey=True)
    plot_entries(axes[0], backward_propagation_n(X, Y, cache), "backward_propagation_n")
    plot_entries(axes[1], backward_propagation_n_fixed(X, Y, cache), "after the fix")
    plt.show()

# %% [markdown]
# On the left, only the entries of $dW^{[2]}$ and $db^{[1]}$ are off (the entries without a bar
# belong to dead ReLU units, whose gradient is exactly 0 both ways). Reading
# those two lines of `backward_propagation_n` against the formulas,
# $dW^{[2]} = \frac{1}{m} dZ^{[2]} A^{[1]T}$ and $db^{[1]} = \frac{1}{m} \sum_i dZ^{[1](i)}$, shows
# the bugs: one gradient is doubled, the other four times too large. `backward_propagation_n_fixed`
# is the same function with these two lines corrected (the plot on the right). Your check of it:

# %% demo
with demos.guard("gradient_check_n", what="the check of the corrected backprop"):
    for buggy_line, fixed_line in corrected_lines():
        print(f"- {buggy_line}\n+ {fixed_line}")
    X, Y, parameters = gradient_check_n_test_case()
    cost, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n_fixed(X, Y, cache)
    difference = gradient_check_n(parameters, gradients, X, Y, 1e-7, True)

# %% [markdown]
# About $1.2 \cdot 10^{-7}$: below the threshold, but not as tiny as in one dimension. The cost is
# a mean of logarithms, and $\log(1 - a^{[3]})$ for an output $a^{[3]}$ close to 1 loses digits
# to rounding, which the division by $2\varepsilon$ magnifies: the numerical gradient is itself
# only accurate to about $10^{-7}$ here. TensorFlow computes the cost from the logits
# (`tf.nn.sigmoid_cross_entropy_with_logits`), without that cancellation, so the same check with
# `tf.test.compute_gradient`'s numerical gradient comes out near $10^{-9}$. And the exact gradient
# confirms the corrected backprop: `tf.GradientTape` differentiates the same network in float64
# and agrees with it to rounding, about $10^{-16}$, while the buggy one is far off.

# %% demo
with demos.guard("gradient_check_n", what="the comparison with TensorFlow's gradient"):
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    exact = gradients_to_vector(tape_gradients(X, Y, parameters))
    for name, backprop in (("backward_propagation_n", backward_propagation_n),
                           ("backward_propagation_n_fixed", backward_propagation_n_fixed)):
        grad = gradients_to_vector(backprop(X, Y, cache))
        relative = np.linalg.norm(grad - exact) / (np.linalg.norm(grad) + np.linalg.norm(exact))
        print(f"{name:30s} against tf.GradientTape: {relative:.2e}")
    gradapprox_tf, grad_tf = numerical_and_theoretical(X, Y, parameters, epsilon=1e-7)
    grad = gradients_to_vector(backward_propagation_n_fixed(X, Y, cache))
    relative = (np.linalg.norm(grad - gradapprox_tf)
                / (np.linalg.norm(grad) + np.linalg.norm(gradapprox_tf)))
    print(f"the corrected backprop against tf.test.compute_gradient's numerical gradient: "
          f"{relative:.2e}")
    print("your gradient_check_n of TensorFlow's exact gradient:",
          gradient_check_n(parameters, tape_gradients(X, Y, parameters), X, Y))

# %% [markdown]
# ## 6. Choosing epsilon
#
# The two errors of the numerical gradient pull in opposite directions: the error of formula (1)
# itself grows like $\varepsilon^2$, the rounding like $\frac{1}{\varepsilon}$. Your check of the
# corrected backprop for a range of $\varepsilon$ shows both: the difference is smallest for
# $\varepsilon$ near $10^{-4}$, and $10^{-7}$ is a safe choice inside the threshold. Far to
# the right a shift of $\varepsilon$ also crosses the kinks of the ReLUs, where the cost is not
# smooth at all.

# %% demo
with demos.guard("gradient_check_n", what="the difference against epsilon"):
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n_fixed(X, Y, cache)
    epsilons = np.logspace(-11, -1, 21)
    differences = [gradient_check_n(parameters, gradients, X, Y, epsilon=e) for e in epsilons]
    plt.figure(figsize=(7, 4))
    plt.loglog(epsilons, differences, "o-", label="your gradient_check_n, corrected backprop")
    plt.axhline(2e-7, color="gray", linestyle=":", label="2e-7, the threshold of the check")
    plt.xlabel("epsilon")
    plt.ylabel("difference")
    plt.legend()
    plt.show()

# %% [markdown]
# ## Summary
#
# - Gradient checking compares backpropagation with the two-sided numerical gradient,
#   $\frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon}$ entry by entry, through
#   the relative difference (2). Below about $10^{-7}$ backpropagation is right; above $10^{-3}$ it
#   has a bug, and the entries with the largest $|grad_i - gradapprox_i|$ say where.
# - It is slow (two forward passes per parameter): use it to debug, never during training.
# - If the cost has a regularisation term, the check must include it; it does not work with dropout
#   (switch dropout off, `keep_prob = 1`, to check the rest).
# - A check at one point can miss a bug that only shows elsewhere (here, in a network whose first
#   layer is dead, the two bugs give no difference at all): check at random parameters, and again
#   after some training.
