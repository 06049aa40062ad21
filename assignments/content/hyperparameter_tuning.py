# %% [markdown]
# # Hyperparameter tuning
#
# A network comes with settings that training does not learn: the learning rate $\alpha$, momentum's
# $\beta$, the mini-batch size, the number of layers and units, ... The course's advice for finding
# good values:
#
# - **try random values, not a grid**: you rarely know in advance which hyperparameter matters most,
#   and a grid tries only a few values of each;
# - **use the right scale**: a learning rate between $10^{-4}$ and $1$ should be sampled evenly on a
#   log scale, and an averaging weight $\beta$ between 0.9 and 0.999 through $1 - \beta$;
# - **go from coarse to fine**: after a first, coarse search, zoom into the region of the best trials
#   and search again there, more densely.
#
# In this assignment you will write the three tools,
#
# 1. `sample_log_uniform`, samples spread evenly on a log scale,
# 2. `sample_beta`, averaging weights sampled through $1 - \beta$,
# 3. `zoom_range`, the range of the best trials of a search,
#
# and use them to tune the learning rate and momentum's $\beta$ of the week-2 network on the moons.
#
# **How this notebook works.** Write your code between `# YOUR CODE HERE` and the end of the cell,
# replacing `raise NotImplementedError()`. The cell after each exercise runs `check(...)`, which
# tries your function on a few visible cases and tells you what is wrong, if anything; the autograder
# runs more, hidden, cases. The demonstrations use **your** functions: until those are written, they
# only tell you which exercise to complete.

# %% imports
import matplotlib.pyplot as plt

from course_lib import demos, search

# %% [markdown]
# ## 0. The network and the trials
#
# The network is week 2's: LINEAR → RELU (5 units) → LINEAR → RELU (2 units) → LINEAR → SIGMOID,
# trained on the 300 moons with mini-batches of 64 and gradient descent with momentum, for 100
# epochs. `search.run_trials(learning_rates, betas, data)` trains it once per pair
# $(\alpha, \beta)$ and returns each trial's accuracy on a separate *dev* set of 300 other moons: the
# search must choose its settings on data it did not train on. (The training is scikit-learn's, with
# the course's momentum: each trial takes a fraction of a second.)

# %% demo
data = search.load_search_data()
train_X, train_Y, dev_X, dev_Y = data
print("train_X:", train_X.shape, " dev_X:", dev_X.shape)
print("dev accuracy with a = 0.3, beta = 0.9:", search.run_trials([0.3], [0.9], data)[0])

# %% [markdown]
# ## 1. Sampling on a log scale
#
# Suppose the learning rate lies somewhere between $10^{-4}$ and $1$. Drawn uniformly on that
# interval, 90% of the trials land between 0.1 and 1, and only 0.01% below $10^{-3}$: the search
# hardly looks at four of the five decades. Each decade deserves the same share, so sample the
# **exponent** uniformly:
#
# $$ a = \log_{10}(\text{low}), \quad b = \log_{10}(\text{high}), \quad
# r \sim \mathcal{U}[a, b], \quad \alpha = 10^{r} $$
#
# With NumPy: `r = a + (b - a) * np.random.rand(n)` draws `n` exponents; `10**r` is then an array of
# `n` samples. The seed is set for you (`np.random.seed(seed)`), so that a seed gives the same trials
# every time.
#
# **Exercise.** Implement `sample_log_uniform`.

# %% exercise sample_log_uniform

# %% [markdown]
# The same number of trials, drawn uniformly and on a log scale, counted per decade:

# %% demo
with demos.guard("sample_log_uniform", what="uniform and log-scale samples side by side"):
    rng = np.random.default_rng(0)
    uniform = 1e-4 + (1 - 1e-4) * rng.random(1000)
    log_scale = sample_log_uniform(1e-4, 1, 1000, seed=1)
    fig, axes = plt.subplots(1, 2, figsize=(12, 3.5), sharey=True)
    decades = np.logspace(-4, 0, 5)
    for ax, samples, title in zip(axes, (uniform, log_scale), ("uniform on [1e-4, 1]",
                                                               "sample_log_uniform(1e-4, 1)")):
        ax.hist(samples, bins=decades, edgecolor="k")
        ax.set_xscale("log")
        ax.set_title(title)
        ax.set_xlabel("learning rate")
    axes[0].set_ylabel("trials per decade")
    plt.show()
    for label, samples in (("uniform", uniform), ("log scale", log_scale)):
        share = ((samples >= 0.1) & (samples <= 1)).mean()
        print(f"{label:9s}: {100 * share:.0f}% of the trials in [0.1, 1]")

# %% [markdown]
# ## 2. Sampling an averaging weight
#
# Momentum's $\beta$ (and Adam's $\beta_1$, $\beta_2$) average over about $\frac{1}{1 - \beta}$
# steps: 10 for $\beta = 0.9$, 1000 for $\beta = 0.999$. What matters is $1 - \beta$, and the results
# are most sensitive near 1: from 0.9 to 0.9005 changes almost nothing, from 0.999 to 0.9995 doubles
# the window. So sample $1 - \beta$ on a log scale, between $1 - \text{high}$ and $1 - \text{low}$:
#
# $$ a = \log_{10}(1 - \text{high}), \quad b = \log_{10}(1 - \text{low}), \quad
# r \sim \mathcal{U}[a, b], \quad \beta = 1 - 10^{r} $$
#
# For $\beta \in [0.9, 0.999]$: $a = -3$, $b = -1$. Note which bound gives which end: $1 - \text{high}$
# is the smaller number.
#
# **Exercise.** Implement `sample_beta`.

# %% exercise sample_beta

# %% [markdown]
# The averaging windows $1 / (1 - \beta)$ of uniform betas and of yours, between 0.9 and 0.999:
# uniform betas almost never average over more than a hundred steps.

# %% demo
with demos.guard("sample_beta", what="the averaging windows of the sampled betas"):
    rng = np.random.default_rng(0)
    uniform = 0.9 + (0.999 - 0.9) * rng.random(1000)
    betas = sample_beta(0.9, 0.999, 1000, seed=1)
    fig, ax = plt.subplots(figsize=(7, 3.5))
    windows = np.logspace(1, 3, 9)
    ax.hist([1 / (1 - uniform), 1 / (1 - betas)], bins=windows, label=["uniform", "sample_beta"],
            edgecolor="k")
    ax.set_xscale("log")
    ax.set_xlabel("averaging window 1 / (1 - beta), in steps")
    ax.set_ylabel("trials")
    ax.legend()
    plt.show()
    for label, b in (("uniform", uniform), ("sample_beta", betas)):
        print(f"{label:11s}: {100 * (b > 0.99).mean():.0f}% of the betas above 0.99")

# %% [markdown]
# ## 3. Random search against a grid
#
# Now a first, coarse search over both hyperparameters, with a budget of 25 training runs:
#
# - a **grid** of 5 learning rates times 5 betas, evenly spaced on the log scales;
# - **random search**: 25 learning rates from `sample_log_uniform(1e-4, 1, 25)` and 25 betas from
#   `sample_beta(0.5, 0.999, 25)`, paired in order.
#
# The grid tries only five learning rates, each five times; random search tries 25 different ones.
# When one hyperparameter matters much more than the other, as the learning rate does here, the grid
# spends four fifths of its budget repeating what it already knows: look at the left plot, where the
# grid's 25 runs give five points of the accuracy curve and the random search's give 25. (With 100
# epochs the best learning rates are near the top of the range, where the grid happens to have a
# corner; a grid is lucky or not, random search maps the whole curve.)

# %% demo
grid_rates, grid_betas = np.meshgrid(np.logspace(-4, 0, 5), 1 - np.logspace(-3, np.log10(0.5), 5))
grid_rates, grid_betas = grid_rates.ravel(), grid_betas.ravel()
grid_scores = search.run_trials(grid_rates, grid_betas, data)
print(f"grid: {len(grid_scores)} trials, best dev accuracy {grid_scores.max():.3f}")

# %% demo
with demos.guard("sample_log_uniform", "sample_beta", what="the coarse searches"):
    random_rates = sample_log_uniform(1e-4, 1, 25, seed=1)
    random_betas = sample_beta(0.5, 0.999, 25, seed=2)
    random_scores = search.run_trials(random_rates, random_betas, data)
    fig, axes = plt.subplots(1, 3, figsize=(20, 4.5))
    search.plot_accuracy_vs_learning_rate({"5 x 5 grid": (grid_rates, grid_scores),
                                           "25 random trials": (random_rates, random_scores)},
                                          ax=axes[0])
    axes[0].set_title("Coarse search: 25 trials each")
    search.plot_trials(grid_rates, grid_betas, grid_scores, ax=axes[1], title="5 x 5 grid")
    search.plot_trials(random_rates, random_betas, random_scores, ax=axes[2],
                       title="random search")
    plt.show()
    print(f"distinct learning rates tried: grid {len(set(grid_rates))}, "
          f"random {len(set(random_rates))}")
    print(f"best dev accuracy: grid {grid_scores.max():.3f}, random {random_scores.max():.3f}")

# %% [markdown]
# ## 4. Coarse to fine
#
# The coarse search shows where the good learning rates are. The next search should spend its budget
# there: take the best trials (a quarter of them, say) and search again between the smallest and the
# largest of their values. With $n$ trials and a fraction $f$, keep the best $k = \lceil f \cdot n
# \rceil$ (at least one trial); higher scores are better, and of trials with the same score the
# earlier one is kept (a stable sort of the negated scores does both: `np.argsort(-scores,
# kind="stable")`).
#
# **Exercise.** Implement `zoom_range`. It returns `(low, high)` as two Python floats.

# %% exercise zoom_range

# %% [markdown]
# Zoom into the best quarter of the random search, for both hyperparameters, and run ten more trials
# there, sampled on the same scales:

# %% demo
with demos.guard("sample_log_uniform", "sample_beta", "zoom_range", what="the fine search"):
    rate_low, rate_high = zoom_range(random_rates, random_scores)
    beta_low, beta_high = zoom_range(random_betas, random_scores)
    print(f"zoom: learning rate in [{rate_low:.3g}, {rate_high:.3g}], "
          f"beta in [{beta_low:.3g}, {beta_high:.3g}]")
    fine_rates = sample_log_uniform(rate_low, rate_high, 10, seed=3)
    fine_betas = sample_beta(beta_low, beta_high, 10, seed=4)
    fine_scores = search.run_trials(fine_rates, fine_betas, data)
    fig, ax = plt.subplots(figsize=(9, 4.5))
    search.plot_accuracy_vs_learning_rate({"coarse (random)": (random_rates, random_scores),
                                           "fine": (fine_rates, fine_scores)},
                                          ax=ax, zoom=(rate_low, rate_high))
    ax.set_title("Coarse to fine")
    plt.show()
    best = int(np.argmax(fine_scores))
    print(f"best fine trial: a = {fine_rates[best]:.3g}, beta = {fine_betas[best]:.3g}, "
          f"dev accuracy {fine_scores[best]:.3f} (coarse best {random_scores.max():.3f})")

# %% [markdown]
# ## Summary
#
# - Sample a hyperparameter that spans several orders of magnitude **on a log scale**: the exponent
#   uniformly, then $10^r$. A uniform draw on $[10^{-4}, 1]$ puts 90% of the trials in the top decade.
# - Sample an averaging weight through $1 - \beta$, which sets the window $1 / (1 - \beta)$.
# - **Random search** tries as many values of each hyperparameter as it has trials; a grid of the
#   same budget tries only its side.
# - **Coarse to fine**: zoom into the range of the best trials and search again, more densely.
