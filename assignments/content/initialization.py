# %% [markdown]
# # Initialization
#
# Before the first step of gradient descent, every weight of the network needs a value. That choice
# decides whether training works at all: a good initialisation breaks the symmetry between the units
# of a layer and keeps the signals (and the gradients) at a sensible size from layer to layer; a bad
# one leaves every unit computing the same thing, or saturates the output so that the first steps are
# wasted. In this assignment you will write three initialisations and train the same network with
# each of them:
#
# 1. **zeros**: every weight and bias 0;
# 2. **large random values**: normal draws times 10;
# 3. **He initialisation**: normal draws scaled by $\sqrt{2 / n^{[l-1]}}$, made for RELU layers.
#
# **Conventions.** As in the course, data is column-major: `X` has shape $(n_x, m)$, one example per
# column. `layers_dims = [n_x, n^[1], ..., n^[L]]` lists the sizes of the layers, the input's first,
# so the network has `L = len(layers_dims) - 1` layers. `parameters` is a dictionary with the keys
# `"W1", "b1", ..., "WL", "bL"`, where $W^{[l]}$ has shape $(n^{[l]}, n^{[l-1]})$ and $b^{[l]}$ has
# shape $(n^{[l]}, 1)$.
#
# **How this notebook works.** Write your code between `# YOUR CODE HERE` and the end of the cell,
# replacing `raise NotImplementedError()`. The cell after each exercise runs `check(...)`, which
# tries your function on a few visible cases and tells you what is wrong, if anything; the autograder
# runs more, hidden, cases. The demonstrations train the network with **your** initialisers: until
# those are written, they only tell you which exercise to complete.

# %% imports
import matplotlib.pyplot as plt

from course_lib import demos, plots
from course_lib.circles import load_circles, train
from course_lib.network import forward_propagation, predict, predict_dec

# %% [markdown]
# ## 0. The data and the network
#
# The data set is two concentric circles of points (scikit-learn's `make_circles`, noise 0.05): 300
# training examples and 100 test examples, labelled 1 (blue) on the inner circle and 0 (red) on the
# outer one. The classifier is the course's three-layer network, LINEAR → RELU → LINEAR → RELU →
# LINEAR → SIGMOID with `layers_dims = [2, 10, 5, 1]`, trained with plain (batch) gradient descent:
# 2,000 steps with the learning rate 0.1. (The course takes 15,000 steps of 0.01, which tells the
# same story more slowly.) `course_lib` provides the data, the network and the
# training loop; only the initial parameters will change from one run to the next, and they come from
# your functions.

# %% demo
train_X, train_Y, test_X, test_Y = load_circles()
print("train_X:", train_X.shape, " train_Y:", train_Y.shape, " test_X:", test_X.shape)
layers_dims = [2, 10, 5, 1]
runs = {}  # initialisation -> (trained parameters, cost history)

fig, ax = plt.subplots(figsize=(5, 5))
ax.scatter(train_X[0], train_X[1], c=train_Y.ravel(), s=30, cmap=plt.cm.Spectral, edgecolors="k")
ax.set_title("The circles training set")
plt.show()

# %% [markdown]
# ## 1. Zero initialisation
#
# The simplest choice sets everything to zero. For every layer $l = 1, \dots, L$:
#
# $$ W^{[l]} = 0 \in \mathbb{R}^{n^{[l]} \times n^{[l-1]}}, \qquad b^{[l]} = 0 \in \mathbb{R}^{n^{[l]} \times 1} $$
#
# The loop over the layers is given: `layers_dims[l]` is $n^{[l]}$ and `layers_dims[l - 1]` is
# $n^{[l-1]}$; store the arrays as `parameters["W" + str(l)]` and `parameters["b" + str(l)]`.
# `np.zeros` takes the shape as one tuple: `np.zeros((rows, columns))`.
#
# **Exercise.** Implement `initialize_parameters_zeros`.

# %% exercise initialize_parameters_zeros

# %% [markdown]
# Now train the network from zeros. Watch the cost: it starts at $\log 2 \approx 0.693$ (every output
# is $\sigma(0) = 0.5$) and stays there. With all weights equal, every unit of a layer computes the
# same function of its inputs and receives the same gradient, so the units stay identical for ever:
# the network is no better than one unit per layer. Here every weight even stays exactly 0, because
# a RELU of 0 passes no gradient back.

# %% demo
with demos.guard("initialize_parameters_zeros", what="training from zeros"):
    parameters = initialize_parameters_zeros(layers_dims)
    runs["zeros"] = train(train_X, train_Y, parameters, learning_rate=0.1, num_iterations=2000)
    trained = runs["zeros"][0]
    for l in range(1, len(layers_dims) - 1):  # the hidden layers
        W = trained[f"W{l}"]
        print(f"layer {l}: all {W.shape[0]} units identical after training: "
              f"{bool((W == W[0]).all())}")
    print(f"train accuracy {predict(train_X, train_Y, trained)[1]:.2f}, "
          f"test accuracy {predict(test_X, test_Y, trained)[1]:.2f}")

# %% [markdown]
# ## 2. Large random initialisation
#
# To break the symmetry, draw the weights at random. This exercise draws them on purpose far too
# large, from a normal distribution times 10; the biases can stay 0, since the random weights already
# make the units differ. For every layer $l = 1, \dots, L$, in that order:
#
# $$ W^{[l]} = 10 \cdot \texttt{np.random.randn}(n^{[l]}, n^{[l-1]}), \qquad b^{[l]} = 0 $$
#
# The seed is set for you, `np.random.seed(3)`, so that your numbers are the course's (and the
# autograder's): draw $W^{[1]}, W^{[2]}, \dots$ one after the other, and draw nothing for the biases.
#
# **Exercise.** Implement `initialize_parameters_random`.

# %% exercise initialize_parameters_random

# %% [markdown]
# With weights of size 10, the pre-activation of the last layer is in the hundreds, so the sigmoid
# saturates: the outputs are 0 or 1 to machine precision. The first cost is then enormous (the course
# prints `inf`; `course_lib` clips probabilities at $2.2 \cdot 10^{-16}$, so a confident mistake costs
# at most about 36), and gradient descent spends many steps undoing the bad start.

# %% demo
with demos.guard("initialize_parameters_random", what="training from large random weights"):
    parameters = initialize_parameters_random(layers_dims)
    AL, _ = forward_propagation(train_X, parameters)
    saturated = ((AL < 1e-6) | (AL > 1 - 1e-6)).mean()
    print(f"outputs within 1e-6 of 0 or 1 before training: {100 * saturated:.0f}%")
    runs["large random"] = train(train_X, train_Y, parameters, learning_rate=0.1,
                                 num_iterations=2000)
    trained, history = runs["large random"]
    print(f"first cost {history['costs'][0]:.2f}, last cost {history['costs'][-1]:.3f}")
    print(f"train accuracy {predict(train_X, train_Y, trained)[1]:.2f}, "
          f"test accuracy {predict(test_X, test_Y, trained)[1]:.2f}")

# %% [markdown]
# ## 3. He initialisation
#
# The right scale depends on the number of inputs of each unit, $n^{[l-1]}$: a unit adds up
# $n^{[l-1]}$ terms $W_{ij} a_j$, so to keep $z$ at the same size from layer to layer the variance of
# each weight should be about $1 / n^{[l-1]}$. A RELU zeroes half of its inputs on average, so He et
# al. (2015) double it:
#
# $$ W^{[l]} = \texttt{np.random.randn}(n^{[l]}, n^{[l-1]}) \cdot \sqrt{\frac{2}{n^{[l-1]}}}, \qquad
# b^{[l]} = 0 $$
#
# (Xavier initialisation, $\sqrt{1 / n^{[l-1]}}$, is the usual choice for tanh.) As before the seed is
# set for you and the weights are drawn in the order $W^{[1]}, W^{[2]}, \dots$. Note that the scale
# uses the size of the **previous** layer, `layers_dims[l - 1]`.
#
# **Exercise.** Implement `initialize_parameters_he`.

# %% exercise initialize_parameters_he

# %% [markdown]
# The same network, the same data and the same 2,000 steps, from He's initial weights (the course
# reports about 0.99 training and 0.96 test accuracy after its 15,000 smaller steps):

# %% demo
with demos.guard("initialize_parameters_he", what="training from He initialisation"):
    parameters = initialize_parameters_he(layers_dims)
    runs["He"] = train(train_X, train_Y, parameters, learning_rate=0.1, num_iterations=2000)
    trained = runs["He"][0]
    print(f"train accuracy {predict(train_X, train_Y, trained)[1]:.2f}, "
          f"test accuracy {predict(test_X, test_Y, trained)[1]:.2f}")

# %% [markdown]
# ## 4. The three side by side
#
# The cost curves (on a log scale, so that the large random start fits) and the decision boundaries
# on the test set. Zeros draw one straight boundary, or none: the whole plane gets the same label.
# The large random weights make progress, but slowly: after 2,000 steps they are still not far from
# chance (the course's 15,000 steps bring them to about 0.83 training accuracy). He initialisation
# finds the inner disk.

# %% demo
with demos.guard("initialize_parameters_zeros", "initialize_parameters_random",
                 "initialize_parameters_he", what="the three initialisations side by side"):
    if not runs:
        raise NotImplementedError("complete the three initialisers above")
    fig, axes = plt.subplots(1, len(runs) + 1, figsize=(5 * (len(runs) + 1), 4.5))
    plots.plot_costs({label: history for label, (_, history) in runs.items()}, ax=axes[0])
    axes[0].set_xlabel("iteration")
    axes[0].set_yscale("log")
    axes[0].set_title("Cost during training")
    for ax, (label, (trained, _)) in zip(axes[1:], runs.items()):
        accuracy = predict(test_X, test_Y, trained)[1]
        plots.plot_decision_boundary(lambda x, p=trained: predict_dec(p, x.T), test_X, test_Y,
                                     ax=ax, title=f"{label}: test accuracy {accuracy:.2f}",
                                     resolution=150)
    plt.show()

# %% [markdown]
# ## Summary
#
# - **Zeros** never break the symmetry: every unit of a layer stays identical, and the network is
#   stuck at 0.5 accuracy, whatever the number of steps.
# - **Large random weights** break the symmetry but saturate the sigmoid: a huge first cost and slow,
#   uneven progress.
# - **He initialisation**, normal draws times $\sqrt{2 / n^{[l-1]}}$, keeps the signals at the right
#   size through RELU layers: the network trains quickly and well.
