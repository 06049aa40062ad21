"""Grading one or many submissions: load (``submission``), run sandboxed (``sandbox/``), call
(``calls``), compare and score (``grading``, ``scoring``), the results model (``results``) and its
renderers (``report/``), many at once (``batch``, ``distributed``)."""
