"""nbgrader's formgrader as an instructor uses it, in a browser page driven by Playwright: log in
through the hub's form, then click the icons of the "Manage Assignments" and "Manage Submissions"
tables. Each action's dialog is kept as a screenshot and must say "Success"."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

#: The icon of each assignment-wide action in "Manage Assignments" (its table cell's class).
ASSIGNMENT_ACTIONS = {"generate": "assign", "release": "release", "collect": "collect",
                      "generate feedback": "generate-feedback",
                      "release feedback": "release-feedback"}

#: Whether the dialog has finished Bootstrap's fade-in (opaque, and slid into place).
SHOWN = """selector => {
    const modal = document.querySelector(selector);
    const dialog = modal && modal.querySelector('.modal-dialog');
    return dialog && getComputedStyle(modal).opacity === '1'
        && ['none', 'matrix(1, 0, 0, 1, 0, 0)'].includes(getComputedStyle(dialog).transform);
}"""


@dataclass
class Formgrader:
    page: object  # playwright.sync_api.Page
    hub_url: str
    user: str
    shots: Path
    timeout: float  # seconds for one action (autograde runs the kit's grader)
    taken: int = 0
    times: list = field(default_factory=list)  # (screenshot, time.monotonic() when taken)

    @property
    def base(self) -> str:
        return f"{self.hub_url}/user/{self.user}/formgrader"

    def shot(self, name: str) -> None:
        self.times.append((name, time.monotonic()))
        self.taken += 1
        self.page.screenshot(path=self.shots / f"{self.taken:02d}-{name}.png", full_page=True)

    def log_in(self, password: str, start_timeout: float) -> None:
        """The hub's login form, then "Launch Server" on the page the hub shows while the user's
        server is not running; the hub starts it and opens the formgrader."""
        page = self.page
        page.goto(f"{self.hub_url}/hub/login?next=/user/{self.user}/formgrader/manage_assignments")
        page.locator("#username_input").fill(self.user)
        page.locator("#password_input").fill(password)
        self.shot("hub-login")
        page.locator("#login_submit").click()
        page.locator("a#start").click()
        page.locator("table td.name").first.wait_for(timeout=start_timeout * 1000)
        self.shot("manage-assignments")

    def add_students(self, roster: dict[str, tuple[str, str]]) -> None:
        """"Manage Students" -> "Add new student..." for each student id -> (first, last name);
        then the page again, as the gradebook now lists them."""
        page = self.page
        page.goto(f"{self.base}/manage_students")
        for student, (first, last) in roster.items():
            page.get_by_text("Add new student...").click()
            page.wait_for_function(SHOWN, arg="#add-student-modal")
            modal = page.locator("#add-student-modal")
            for box, value in (("id", student), ("first-name", first), ("last-name", last)):
                modal.locator(f"input.{box}").fill(value)
            self.shot(f"add-student-{student}")
            modal.locator("button.save").click()
            modal.wait_for(state="detached")
            self.student_row(student).wait_for()
        page.wait_for_load_state("networkidle")
        page.reload()
        for student in roster:
            self.student_row(student).wait_for()
        self.shot("roster")

    def student_row(self, student: str):
        """The row of ``student`` in "Manage Students"."""
        return self.page.locator("tr", has=self.page.locator("td.id", has_text=student))

    def assignment_row(self, assignment: str):
        return self.page.locator("tr", has=self.page.locator("td.name", has_text=assignment))

    def on_assignment(self, action: str, assignment: str) -> str:
        """Click ``action``'s icon in the row of ``assignment``; the dialog's text."""
        if not self.page.url.endswith("/manage_assignments"):
            self.page.goto(f"{self.base}/manage_assignments")
        cell = self.assignment_row(assignment).locator(f"td.{ASSIGNMENT_ACTIONS[action]} a")
        cell.click()
        return self.dialog(action.replace(" ", "-"))

    def submissions(self, assignment: str):
        """Open "Manage Submissions" of ``assignment`` by clicking its number of submissions."""
        self.page.goto(f"{self.base}/manage_assignments")
        self.assignment_row(assignment).locator("td.num-submissions a").click()
        self.page.locator("table td.student-id").first.wait_for()
        self.shot("manage-submissions")

    def submission_row(self, student: str):
        return self.page.locator("tr", has=self.page.locator("td.student-id",
                                                             has_text=student))

    def autograde(self, student: str) -> str:
        """Click the autograde icon of ``student`` in "Manage Submissions"; the dialog's text."""
        self.submission_row(student).locator("td.autograde a").click()
        return self.dialog(f"autograde-{student}")

    def score_shown(self, student: str) -> str:
        """The score column of ``student``'s submission, as shown ("24 / 52")."""
        cell = self.submission_row(student).locator("td.score")
        self.page.wait_for_function(
            "cell => /\\d\\s*\\/\\s*\\d/.test(cell.textContent)", arg=cell.element_handle(),
            timeout=self.timeout * 1000)
        return cell.inner_text().strip()

    def roster_scores(self, students) -> dict[str, str]:
        """"Manage Students": each student's total score over the course, as shown."""
        self.page.goto(f"{self.base}/manage_students")
        scores = {s: self.student_row(s).locator("td.score").inner_text().strip()
                  for s in students}
        self.shot("roster-scores")
        return scores

    def dialog(self, name: str) -> str:
        """Wait for the dialog an action opens, keep it as a screenshot, fail unless it reports
        success, close it; its text."""
        modal = self.page.locator("#success-modal, #error-modal")
        modal.locator(".modal-footer button").wait_for(state="visible",
                                                       timeout=self.timeout * 1000)
        self.page.wait_for_function(SHOWN, arg="#success-modal, #error-modal")
        self.shot(name)
        text = modal.inner_text()
        assert modal.get_attribute("id") == "success-modal", f"{name} failed:\n{text[-4000:]}"
        modal.locator(".modal-footer button").click()
        modal.wait_for(state="detached")
        return text
