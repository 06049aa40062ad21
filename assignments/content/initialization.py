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

# %% [markdown] if initialize_parameters_xavier
# ## 5. Beyond the course: Xavier initialisation
#
# Why $1 / n^{[l-1]}$? A unit of layer $l$ computes $z = \sum_{j=1}^{n^{[l-1]}} W_j a_j$. With
# independent weights of mean 0 and inputs independent of them, the variances add up:
#
# $$ \mathrm{Var}(z) = n^{[l-1]} \, \mathrm{Var}(W) \, \mathbb{E}[a^2] $$
#
# so $\mathrm{Var}(W) = 1 / n^{[l-1]}$ keeps $z$ at the size of the layer's inputs, layer after
# layer. This is **Xavier** initialisation (Glorot and Bengio, 2010), the usual choice for sigmoid
# and tanh layers; He's $2 / n^{[l-1]}$ makes up for the half of its inputs a RELU sets to zero.
# For every layer $l = 1, \dots, L$, in that order:
#
# $$ W^{[l]} = \texttt{np.random.randn}(n^{[l]}, n^{[l-1]}) \cdot \sqrt{\frac{1}{n^{[l-1]}}}, \qquad
# b^{[l]} = 0 $$
#
# As for He, the seed is set for you (`np.random.seed(3)`) and the scale uses the size of the
# **previous** layer, `layers_dims[l - 1]`.
#
# **Exercise.** Implement `initialize_parameters_xavier`.

# %% exercise initialize_parameters_xavier

# %% [markdown] if initialize_parameters_xavier
# ### The activations of a deep network
#
# The experiment of the learners' notes: a network of 5 layers of 100 units each, 1,000 random
# inputs drawn from $N(0, 1)$, no training at all. We look at the activations $A^{[l]} = g(Z^{[l]})$
# of every layer, for four choices:
#
# 1. **sigmoid, weights from $N(0, 1)$**: $\mathrm{Var}(z) \approx 100 \cdot \mathbb{E}[a^2]$, so
#    $z$ is in the tens and the sigmoid **saturates**: almost every activation is 0 or 1, where
#    its slope is 0;
# 2. **sigmoid, Xavier** (your function): $z$ stays small and the activations spread around 0.5,
#    none saturated;
# 3. **RELU, Xavier**: each RELU zeroes half of its inputs, so the variance halves at every layer
#    and the activations **vanish**: their scale shrinks by about $\sqrt{2}$ per layer;
# 4. **RELU, He** (your function): the factor 2 makes up for it, and the spread stays **healthy**
#    from the first layer to the last.
#
# Each row shows one choice, each column one layer (for the RELU rows the zeros, half of the
# activations, are left out of the histograms so that the spread of the others shows; the
# x-axes of a row are shared).

# %% demo if initialize_parameters_xavier
from course_lib.network import relu, sigmoid

with demos.guard("initialize_parameters_xavier", "initialize_parameters_he",
                 what="the activations of a deep network"):
    deep_dims = [100] * 6  # 100 inputs, then 5 layers of 100 units
    deep_X = np.random.default_rng(0).standard_normal((100, 1000))

    def layer_activations(X, parameters, g):
        """A[1], ..., A[L] of the network with activation g in every layer."""
        A, out = X, []
        for l in range(1, len(deep_dims)):
            A = g(parameters[f"W{l}"] @ A + parameters[f"b{l}"])
            out.append(A)
        return out

    rng = np.random.default_rng(1)
    standard_normal = {}
    for l in range(1, len(deep_dims)):
        standard_normal[f"W{l}"] = rng.standard_normal((deep_dims[l], deep_dims[l - 1]))
        standard_normal[f"b{l}"] = np.zeros((deep_dims[l], 1))
    experiment = {
        "sigmoid, N(0, 1)": layer_activations(deep_X, standard_normal, sigmoid),
        "sigmoid, Xavier": layer_activations(
            deep_X, initialize_parameters_xavier(deep_dims), sigmoid),
        "RELU, Xavier": layer_activations(deep_X, initialize_parameters_xavier(deep_dims), relu),
        "RELU, He": layer_activations(deep_X, initialize_parameters_he(deep_dims), relu),
    }
    fig, axes = plt.subplots(len(experiment), len(deep_dims) - 1, figsize=(15, 9), sharex="row")
    for row, (label, activations) in zip(axes, experiment.items()):
        saturated = [((A < 0.01) | (A > 0.99)).mean() for A in activations]
        if label.startswith("sigmoid"):
            print(f"{label:17}: share of activations within 0.01 of 0 or 1, layer by layer: "
                  + ", ".join(f"{100 * s:.0f}%" for s in saturated))
        else:
            print(f"{label:17}: standard deviation of the activations, layer by layer: "
                  + ", ".join(f"{A.std():.2f}" for A in activations))
        for l, (ax, A) in enumerate(zip(row, activations), start=1):
            values = A[A > 0] if label.startswith("RELU") else A
            counts, edges = np.histogram(values, bins=40)
            ax.stairs(counts, edges, fill=True)
            ax.set_title(f"{label}: layer {l}", fontsize=9)
            ax.set_yticks([])
    fig.tight_layout()
    plt.show()

# %% [markdown] if initialize_parameters_xavier
# With sigmoid and $N(0, 1)$ weights, most activations sit at 0 or 1 in every layer: the units are
# saturated, and their gradients with them. With Xavier's weights none is within 0.01 of 0 or 1.
# With RELU, Xavier's weights shrink the activations layer after layer (look at the
# x-axes), while He's keep them at the same size: for RELU networks, He; for sigmoid and tanh,
# Xavier.

# %% [markdown] if sigmoid_backward
# ## 6. Beyond the course: the sigmoid's derivative and the vanishing gradient
#
# Not saturating is not enough for a deep sigmoid network. In the backward pass each sigmoid layer
# multiplies the gradient by its derivative. With $s = \sigma(z) = 1 / (1 + e^{-z})$:
#
# $$ \sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2} = s \, (1 - s) \le \frac{1}{4}, \qquad
# dZ = dA \odot s \odot (1 - s) $$
#
# (element-wise; the maximum, $1/4$, is at $z = 0$, where $s = 1/2$). So, even at best, every
# sigmoid layer passes back at most a quarter of the gradient it receives.
#
# Compute $s$ without overflow: `np.exp(-Z)` overflows to `inf` for $Z$ below about $-709$, with a
# warning, and `inf / inf` is NaN. `np.exp(-np.abs(Z))` never exceeds 1: $s = 1 / (1 + e)$ where
# $Z \ge 0$ and $s = e / (1 + e)$ where $Z < 0$ (the same number, `np.where` chooses).
#
# **Exercise.** Implement `sigmoid_backward(dA, Z)`, which returns `dZ` of the shape of `Z`.

# %% exercise sigmoid_backward

# %% [markdown] if sigmoid_backward
# Your `sigmoid_backward`, with `dA = 1`, is the sigmoid's slope: it peaks at 0.25. On the right, the
# gradient that reaches each layer of the 5-layer network above (100 units per layer, 1,000 random
# inputs, weights scaled as Xavier's), when a gradient of 1 leaves the last layer: with sigmoid it
# shrinks about fourfold at every layer, the **vanishing gradient** (the first layers hardly
# learn); with RELU and He's weights it keeps its size.

# %% demo if sigmoid_backward
from course_lib.network import relu, sigmoid

with demos.guard("sigmoid_backward", what="the sigmoid's slope and the vanishing gradient"):
    z = np.linspace(-8, 8, 401)
    slope = sigmoid_backward(np.ones_like(z), z)
    print(f"largest slope {slope.max():.4f}, at z = {z[slope.argmax()]:.2f}")

    dims = [100] * 6
    rng = np.random.default_rng(2)
    X = rng.standard_normal((100, 1000))
    weights = [rng.standard_normal((dims[l], dims[l - 1])) for l in range(1, len(dims))]

    def gradient_sizes(scale, g, g_backward):
        """The mean |dA[l-1]| that reaches each layer l = 1..5 (forward, then backward)."""
        A, Zs, Ws = X, [], [W * scale for W in weights]
        for W in Ws:
            Zs.append(W @ A)
            A = g(Zs[-1])
        dA, sizes = np.ones_like(A), []
        for W, Z in zip(reversed(Ws), reversed(Zs)):
            dA = W.T @ g_backward(dA, Z)
            sizes.append(np.abs(dA).mean())
        return sizes[::-1]

    sigmoid_sizes = gradient_sizes(np.sqrt(1 / 100), sigmoid, sigmoid_backward)
    relu_sizes = gradient_sizes(np.sqrt(2 / 100), relu, lambda dA, Z: dA * (Z > 0))
    for l, (s, r) in enumerate(zip(sigmoid_sizes, relu_sizes), start=1):
        print(f"layer {l}: mean |gradient| sigmoid with Xavier {s:.2e}, RELU with He {r:.2e}")

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    left.plot(z, slope)
    left.axhline(0.25, ls="--", c="gray")
    left.set_xlabel("z")
    left.set_title("sigmoid_backward(1, z): the sigmoid's slope, at most 0.25")
    layers = range(1, len(dims))
    right.semilogy(layers, sigmoid_sizes, "o-", label="sigmoid, Xavier")
    right.semilogy(layers, relu_sizes, "s-", label="RELU, He")
    right.set_xlabel("layer")
    right.set_xticks(list(layers))
    right.set_title("mean |gradient| reaching each layer")
    right.legend()
    plt.show()

# %% [markdown] if sigmoid_backward
# This is why deep networks use RELU in their hidden layers, with He initialisation, and keep the
# sigmoid for the output of a binary classifier, where one layer's factor of at most 1/4 does no
# harm.
