"""Feedback text wrapped at word boundaries, so that no line runs off a page or breaks a word.

Every text format of the feedback (a check cell's output, the autograder's table and text,
Gradescope's output, nbgrader's feedback cells) goes through :func:`wrap` last. A line longer
than :data:`WIDTH` is cut between words; its continuation lines keep its indentation plus two
spaces. A word is never cut, so a single word longer than the width stays whole (the messages
keep their words short: values are printed in lines of at most 72 characters).
"""

from __future__ import annotations

import textwrap

#: the width of feedback lines, in characters
WIDTH = 90


def wrap(text: str, width: int | None = None) -> str:
    """``text`` with every line longer than ``width`` (default :data:`WIDTH`) wrapped."""
    width = width or WIDTH
    lines = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        lines += textwrap.wrap(line.strip(), width, initial_indent=indent,
                               subsequent_indent=indent + "  ", break_long_words=False,
                               break_on_hyphens=False) or [line]
    return "\n".join(lines)
