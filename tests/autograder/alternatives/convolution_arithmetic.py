"""Correct implementations of the ``convolution_arithmetic`` exercises, written differently."""

import math

import numpy as np


# --- conv_output_size -------------------------------------------------------------------------------


def conv_output_size__TODO_first(H, W, F, S=1, P=0):
    raise NotImplementedError("TODO: a correct conv_output_size, written differently from the reference")


def conv_output_size__TODO_second(H, W, F, S=1, P=0):
    raise NotImplementedError("TODO: a correct conv_output_size, written differently from the reference")


def conv_output_size__TODO_third(H, W, F, S=1, P=0):
    raise NotImplementedError("TODO: a correct conv_output_size, written differently from the reference")


# --- zero_pad ---------------------------------------------------------------------------------------


def zero_pad__TODO_first(X, pad):
    raise NotImplementedError("TODO: a correct zero_pad, written differently from the reference")


def zero_pad__TODO_second(X, pad):
    raise NotImplementedError("TODO: a correct zero_pad, written differently from the reference")


def zero_pad__TODO_third(X, pad):
    raise NotImplementedError("TODO: a correct zero_pad, written differently from the reference")


# --- im2col -----------------------------------------------------------------------------------------


def im2col__TODO_first(X, FH, FW, S=1, P=0):
    raise NotImplementedError("TODO: a correct im2col, written differently from the reference")


def im2col__TODO_second(X, FH, FW, S=1, P=0):
    raise NotImplementedError("TODO: a correct im2col, written differently from the reference")


def im2col__TODO_third(X, FH, FW, S=1, P=0):
    raise NotImplementedError("TODO: a correct im2col, written differently from the reference")


# --- col2im -----------------------------------------------------------------------------------------


def col2im__TODO_first(col, X_shape, FH, FW, S=1, P=0):
    raise NotImplementedError("TODO: a correct col2im, written differently from the reference")


def col2im__TODO_second(col, X_shape, FH, FW, S=1, P=0):
    raise NotImplementedError("TODO: a correct col2im, written differently from the reference")


def col2im__TODO_third(col, X_shape, FH, FW, S=1, P=0):
    raise NotImplementedError("TODO: a correct col2im, written differently from the reference")


# --- conv_forward -----------------------------------------------------------------------------------


def conv_forward__TODO_first(X, W, b, S=1, P=0):
    raise NotImplementedError("TODO: a correct conv_forward, written differently from the reference")


def conv_forward__TODO_second(X, W, b, S=1, P=0):
    raise NotImplementedError("TODO: a correct conv_forward, written differently from the reference")


def conv_forward__TODO_third(X, W, b, S=1, P=0):
    raise NotImplementedError("TODO: a correct conv_forward, written differently from the reference")
