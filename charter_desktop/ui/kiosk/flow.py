"""The attendee's steps inside the kiosk frame: the header with the step count, the welcome
screen, the three form steps, the review and the thank-you screen, and moving between them
with each step's answers checked before the next. ui.kiosk.window adds the store, saving,
the idle reset and staff access."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.ui.announce import announce
from charter_desktop.ui.kiosk.corner import CornerMark
from charter_desktop.ui.kiosk.draft import PledgeDraft
from charter_desktop.ui.kiosk.frame import KioskFrame
from charter_desktop.ui.kiosk.welcome import WelcomeScreen
from charter_desktop.ui.kiosk.widgets import Screen, Step, label

if TYPE_CHECKING:
    from charter_desktop.core.errors import FieldError, ValidationError
    from charter_desktop.core.pledges.validation import PledgeInput
    from charter_desktop.ui.kiosk.about_you import AboutYouScreen
    from charter_desktop.ui.kiosk.choose import ChooseScreen
    from charter_desktop.ui.kiosk.idle import IdleWatcher
    from charter_desktop.ui.kiosk.review import ReviewScreen
    from charter_desktop.ui.kiosk.thanks import CertificateAction, ThanksScreen
    from charter_desktop.ui.kiosk.who import WhoScreen

    FormScreen = WhoScreen | ChooseScreen | AboutYouScreen


class FlowWindow(KioskFrame):
    """The steps of one pledge. Only the header and the welcome screen exist until
    `_build_flow` (the rest loads after the first paint)."""

    idle: IdleWatcher
    review: ReviewScreen
    thanks: ThanksScreen

    def __init__(self, catalogue: Catalogue, tap_guard_seconds: float):
        super().__init__(catalogue.charter_name)
        self.catalogue = catalogue
        self.tap_guard_seconds = tap_guard_seconds
        self.draft = PledgeDraft()
        self._screen_shown_at = 0.0
        self._build_frame()

    def reset_flow(self) -> None:
        """Back to the welcome screen with the attendee's answers wiped (the kiosk window's)."""
        raise NotImplementedError

    def _build_frame(self) -> None:
        """The header and the welcome screen: all the first paint shows."""
        catalogue = self.catalogue
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QHBoxLayout()
        header.setContentsMargins(24, 8, 24, 0)
        self.corner = CornerMark(catalogue.council)
        header.addWidget(self.corner)
        header.addStretch(1)
        self.step_label = label("", "step", wrap=False)
        header.addWidget(self.step_label)
        layout.addLayout(header)

        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.welcome = WelcomeScreen(catalogue)
        self.stack.addWidget(self.welcome)

    def _build_flow(
        self,
        print_certificate: CertificateAction | None,
        queue_certificate_email: CertificateAction | None,
        thanks_seconds: int,
    ) -> None:
        from charter_desktop.ui.kiosk.about_you import AboutYouScreen
        from charter_desktop.ui.kiosk.choose import ChooseScreen
        from charter_desktop.ui.kiosk.review import ReviewScreen
        from charter_desktop.ui.kiosk.thanks import ThanksScreen
        from charter_desktop.ui.kiosk.who import WhoScreen

        catalogue = self.catalogue
        self.who = WhoScreen(catalogue)
        self.choose = ChooseScreen(catalogue)
        self.about_you = AboutYouScreen(catalogue.council, catalogue.privacy_notice)
        self.review = ReviewScreen(catalogue)
        self.thanks = ThanksScreen(print_certificate, queue_certificate_email, thanks_seconds)
        self.form_screens: list[FormScreen] = [self.who, self.choose, self.about_you]
        for page in (self.who, self.choose, self.about_you, self.review, self.thanks):
            self.stack.addWidget(page)
        for index, screen in enumerate(self.form_screens):
            screen.next_requested.connect(lambda i=index: self._next_from(i))
            screen.back_requested.connect(lambda i=index: self._back_from(i))
        self.review.back_requested.connect(lambda: self._guarded(self._back_from_review))
        self.thanks.finished.connect(self.reset_flow)

    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self._screen_shown_at = time.monotonic()
        steps: list[QWidget] = [*self.form_screens, self.review]
        if page in steps:
            self.step_label.setText(
                self.tr("Step {0} of {1}").format(steps.index(page) + 1, len(steps))
            )
        else:
            self.step_label.setText("")
        self._announce_page(page)
        self.idle.set_active(page is not self.welcome)
        if isinstance(page, Screen):
            page.scroll_to_top()
        if isinstance(page, Step):  # never the last attendee's field, nor a hidden one
            page.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)

    def _announce_page(self, page: QWidget) -> None:
        """A screen reader hears where the attendee now is: the step and its heading, or the
        thank-you screen's words (the focus then moves to the step's first control)."""
        if isinstance(page, Screen):
            announce(page, f"{self.step_label.text()}. {page.heading.text()}")
        elif page is getattr(self, "thanks", None):
            announce(page, self.thanks.summary())

    def _announce_errors(self, screen: QWidget, errors: list[FieldError]) -> None:
        """The errors that keep the attendee on `screen`, said at once (each also shows beside
        its field, which the focus moves to)."""
        from charter_desktop.ui.kiosk.messages import field_message

        messages = dict.fromkeys(field_message(error) for error in errors)
        announce(screen, " ".join(messages), assertive=True)

    def _guarded(self, action: Callable[[], None]) -> None:
        """Run `action` unless the tap came too soon after the screen changed (the second
        tap of a double tap lands on the next screen's button)."""
        if time.monotonic() - self._screen_shown_at < self.tap_guard_seconds:
            return
        action()

    def _checked_draft(self) -> PledgeInput | ValidationError:
        """The draft as validation accepts it, or what is wrong with it."""
        from charter_desktop.core.errors import ValidationError
        from charter_desktop.core.pledges.validation import validate_pledge

        try:
            return validate_pledge(self.draft.to_json(), self.catalogue)
        except ValidationError as exc:
            return exc

    def _errors_for(self, screen: FormScreen) -> list[FieldError]:
        for form in self.form_screens:
            form.collect(self.draft)
        checked = self._checked_draft()
        errors = checked.errors if isinstance(checked, Exception) else []
        return [e for e in errors if e.field in screen.FIELDS]

    def _next_from(self, index: int) -> None:
        self._guarded(lambda: self._advance(index))

    def _advance(self, index: int) -> None:
        screen = self.form_screens[index]
        errors = self._errors_for(screen)
        first = screen.show_errors(errors)
        if errors:
            if first is not None:
                screen.reveal(first)
            self._announce_errors(screen, errors)
            return
        if index + 1 < len(self.form_screens):
            self._show(self.form_screens[index + 1])
        else:
            self._to_review()

    def _back_from(self, index: int) -> None:
        def back() -> None:
            if index == 0:
                self.reset_flow()
                return
            self.form_screens[index].collect(self.draft)
            self._show(self.form_screens[index - 1])

        self._guarded(back)

    def _back_from_review(self) -> None:
        self._show(self.about_you)

    def _to_review(self) -> None:
        if self.draft.id is None:
            import uuid

            self.draft.id = str(uuid.uuid4())
        checked = self._checked_draft()
        if isinstance(checked, Exception):
            self._send_back_to(checked)
            return
        self.review.show_pledge(checked)
        self._show(self.review)

    def _send_back_to(self, exc: ValidationError) -> None:
        for screen in self.form_screens:
            mine = [e for e in exc.errors if e.field in screen.FIELDS]
            if mine:
                self._show(screen)
                first = screen.show_errors(mine)
                if first is not None:
                    screen.reveal(first)
                self._announce_errors(screen, mine)
                return
        self.review.show_save_error(
            self.tr("Sorry, this pledge could not be saved. Please ask a member of staff.")
        )

    def _wipe_attendee(self) -> None:
        """Every field the last attendee filled in, emptied (on screen and in the draft)."""
        for screen in self.form_screens:
            screen.reset()
        self.review.reset()
        self.thanks.reset()
        self.draft = PledgeDraft()
