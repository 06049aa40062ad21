# %% [markdown]
# # Convolution arithmetic
#
# TODO: introduction

# %% imports
import numpy as np

# %% [markdown]
# ## TODO: the title of conv_output_size
#
# TODO: what the student computes, with its formula in LaTeX ($...$), the shapes of the inputs
# and the outputs. The line below generates the solution cell (the reference with its solution
# cleared), the check cell and the hidden test cell.

# %% exercise conv_output_size

# %% [markdown]
# ## TODO: the title of zero_pad
#
# TODO: what the student computes, with its formula in LaTeX ($...$), the shapes of the inputs
# and the outputs. The line below generates the solution cell (the reference with its solution
# cleared), the check cell and the hidden test cell.

# %% exercise zero_pad

# %% [markdown]
# ## TODO: the title of im2col
#
# TODO: what the student computes, with its formula in LaTeX ($...$), the shapes of the inputs
# and the outputs. The line below generates the solution cell (the reference with its solution
# cleared), the check cell and the hidden test cell.

# %% exercise im2col

# %% [markdown]
# ## TODO: the title of col2im
#
# TODO: what the student computes, with its formula in LaTeX ($...$), the shapes of the inputs
# and the outputs. The line below generates the solution cell (the reference with its solution
# cleared), the check cell and the hidden test cell.

# %% exercise col2im

# %% [markdown]
# ## TODO: the title of conv_forward
#
# TODO: what the student computes, with its formula in LaTeX ($...$), the shapes of the inputs
# and the outputs. The line below generates the solution cell (the reference with its solution
# cleared), the check cell and the hidden test cell.

# %% exercise conv_forward
