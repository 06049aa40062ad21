"""nbgrader's CSV export with its numbers rounded as the kit writes points.

nbgrader's ``CsvExportPlugin`` writes the sums and differences of floats as Python prints them
(``26.799999999999997``, ``22.099999999999998``). :class:`RoundedCsvExport` (the course's
``ExportApp.plugin_class``) writes what nbgrader's writes, with ``raw_score``,
``late_submission_penalty``, ``score`` and ``max_score`` rounded to the kit's
:data:`~autograder.deliver.late_penalties.DECIMALS`, so that ``nbgrader export`` and
``autograder export --gradebook`` show the same numbers.
"""

from __future__ import annotations

import csv
from pathlib import Path

from nbgrader.plugins import CsvExportPlugin

from autograder.deliver.late_penalties import DECIMALS

NUMBERS = ("raw_score", "late_submission_penalty", "score", "max_score")


def round_csv(path: str | Path) -> None:
    """Round the numeric columns of nbgrader's grades CSV at ``path`` in place."""
    path = Path(path)
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
        fields = list(rows[0]) if rows else None
    if not fields:
        return
    for row in rows:
        for key in NUMBERS:
            if row.get(key):
                row[key] = str(round(float(row[key]), DECIMALS))
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


class RoundedCsvExport(CsvExportPlugin):
    """nbgrader's CSV export, numbers rounded as the kit writes points."""

    def export(self, gradebook) -> None:
        super().export(gradebook)
        round_csv(self.to or "grades.csv")
