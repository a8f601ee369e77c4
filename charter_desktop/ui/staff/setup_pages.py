"""The console's Today page (the day's counts) and Events & settings page (create or choose
the event, kiosk settings, staff PIN change)."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core import events as event_store
from charter_desktop.core.errors import ValidationError
from charter_desktop.core.kiosk.capture import kiosk_settings
from charter_desktop.core.kiosk.print_spool import cups_spool_policy
from charter_desktop.core.kiosk.settings import (
    IDLE_MAX,
    IDLE_MIN,
    PAPER_SIZES,
    KioskSettings,
    update_kiosk_settings,
)
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.staff.query import todays_counts
from charter_desktop.core.store import Store
from charter_desktop.ui.dates import date_edit, show_date
from charter_desktop.ui.kiosk.widgets import PlainLabel
from charter_desktop.ui.secret_field import SecretField
from charter_desktop.ui.staff.staff_secret import guard

ACTOR = "staff"


class TodayPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        layout = QVBoxLayout(self)
        self.event_label = PlainLabel()
        self.event_label.setObjectName("count")
        self.progress = QProgressBar()
        self.today_label = PlainLabel()
        self.today_label.setObjectName("count")
        self.by_type = PlainLabel()
        self.by_type.setWordWrap(True)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        for widget in (self.event_label, self.progress, self.today_label, self.by_type):
            layout.addWidget(widget)
        layout.addWidget(refresh)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        counts = todays_counts(self.store)
        self.event_label.setText(
            self.tr("{name}: {total} of %n pledge(s)", "", counts.event_target).format(
                name=counts.event_name, total=counts.event_total
            )
        )
        self.progress.setMaximum(max(1, counts.event_target))
        self.progress.setValue(min(counts.event_total, counts.event_target))
        self.today_label.setText(
            self.tr("Today: %n pledge(s) ({w} withdrawn)", "", counts.today).format(
                w=counts.withdrawn_today
            )
        )
        labels = {t.id: t.label for t in self.store.catalogue.pledger_types}
        lines = [f"{labels.get(t, t)}: {counts.by_type.get(t, 0)}" for t in labels]
        self.by_type.setText("\n".join(lines))


class EventsPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        layout = QHBoxLayout(self)
        layout.addWidget(self._events_box(), 1)
        right = QVBoxLayout()
        right.addWidget(self._settings_box())
        right.addWidget(self._pin_box())
        right.addStretch(1)
        layout.addLayout(right, 1)
        self.reload_events()
        self._show_settings(self._load_settings())

    # Events ------------------------------------------------------------------------------

    def _events_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Events"))
        layout = QVBoxLayout(box)
        self.events = QListWidget()
        layout.addWidget(self.events, 1)
        self.select_button = QPushButton(self.tr("Take pledges for this event"))
        guard(self.select_button, self.store, self.tr("Changing the event"), self.select_event)
        layout.addWidget(self.select_button)
        form = QFormLayout()
        self.event_name = QLineEdit()
        self.event_place = QLineEdit()
        self.event_date = date_edit()
        self.event_target = QSpinBox()
        self.event_target.setRange(1, 1_000_000)
        self.event_target.setValue(self.store.catalogue.default_target)
        form.addRow(self.tr("Name"), self.event_name)
        form.addRow(self.tr("Place"), self.event_place)
        form.addRow(self.tr("Date"), self.event_date)
        form.addRow(self.tr("Pledge target"), self.event_target)
        layout.addLayout(form)
        self.create_button = QPushButton(self.tr("Create event"))
        guard(self.create_button, self.store, self.tr("Creating an event"), self.create_event)
        layout.addWidget(self.create_button)
        self.event_message = PlainLabel()
        self.event_message.setWordWrap(True)
        layout.addWidget(self.event_message)
        return box

    def reload_events(self) -> None:
        current = self.store.current_event()
        self.events.clear()
        for e in event_store.list_events_of(self.store):
            mark = self.tr("  ← current") if e.id == current.id else ""
            shown = " · ".join(part for part in (e.name, e.place, show_date(e.event_date)) if part)
            item = QListWidgetItem(shown + mark)
            item.setData(256, e.id)
            self.events.addItem(item)

    def create_event(self) -> None:
        try:
            event = event_store.add_event(
                self.store,
                self.event_name.text(),
                self.event_date.date().toPython(),  # type: ignore[arg-type]
                place=self.event_place.text(),
                target=self.event_target.value(),
                actor=ACTOR,
            )
        except ValidationError as exc:
            self.event_message.setText("; ".join(str(e) for e in exc.errors))
            return
        self.event_message.setText(self.tr("Created {name}.").format(name=event.name))
        self.event_name.clear()
        self.event_place.clear()
        self.reload_events()

    def select_event(self) -> None:
        item = self.events.currentItem()
        if item is None:
            return
        event = event_store.use_event(self.store, str(item.data(256)), actor=ACTOR)
        self.event_message.setText(self.tr("Pledges now go to {name}.").format(name=event.name))
        self.reload_events()

    # Kiosk settings ----------------------------------------------------------------------

    def _settings_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Kiosk settings"))
        form = QFormLayout(box)
        self.idle = QSpinBox()
        self.idle.setRange(IDLE_MIN, IDLE_MAX)
        self.idle.setSuffix(self.tr(" s"))
        self.printer = QComboBox()
        self.printer.addItem(self.tr("System default printer"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        self.paper = QComboBox()
        for size in PAPER_SIZES:
            self.paper.addItem(size, size)
        self.base_url = QLineEdit()
        self.keyboard_mode = QComboBox()
        for mode, words in (
            ("auto", self.tr("Automatic: show it until someone types on a keyboard")),
            ("on", self.tr("Always show it")),
            ("off", self.tr("Never show it")),
        ):
            self.keyboard_mode.addItem(words, mode)
        save = QPushButton(self.tr("Save settings"))
        guard(save, self.store, self.tr("Changing the kiosk's settings"), self.save_settings)
        self.settings_message = PlainLabel()
        self.settings_message.setWordWrap(True)
        self.spool_note = PlainLabel()
        self.spool_note.setWordWrap(True)
        form.addRow(self.tr("Idle timeout"), self.idle)
        form.addRow(self.tr("Printer"), self.printer)
        form.addRow(self.tr("Print spool"), self.spool_note)
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("Certificate URL"), self.base_url)
        form.addRow(self.tr("On-screen keyboard"), self.keyboard_mode)
        form.addRow("", save)
        form.addRow("", self.settings_message)
        return box

    def _load_settings(self) -> KioskSettings:
        return kiosk_settings(self.store)

    def show_spool_policy(self) -> None:
        """Whether the print system keeps printed certificates (names) after printing."""
        policy = cups_spool_policy()
        if policy is None:
            self.spool_note.setText(
                self.tr("No CUPS print system answered (none here, or not running): not checked.")
            )
        elif policy.keeps_certificates:
            self.spool_note.setText("⚠ " + policy.describe())
        else:
            self.spool_note.setText(policy.describe())

    def _show_settings(self, settings: KioskSettings) -> None:
        self.show_spool_policy()
        self.idle.setValue(settings.idle_timeout_seconds)
        if self.printer.findData(settings.printer_name) < 0:
            self.printer.addItem(settings.printer_name, settings.printer_name)
        self.printer.setCurrentIndex(self.printer.findData(settings.printer_name))
        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.paper_size)))
        self.base_url.setText(settings.certificate_base_url)
        self.keyboard_mode.setCurrentIndex(
            max(0, self.keyboard_mode.findData(settings.on_screen_keyboard))
        )

    def save_settings(self) -> None:
        settings = KioskSettings(
            idle_timeout_seconds=self.idle.value(),
            printer_name=str(self.printer.currentData() or ""),
            paper_size=str(self.paper.currentData()),
            certificate_base_url=self.base_url.text().strip(),
            on_screen_keyboard=str(self.keyboard_mode.currentData()),
        )
        try:
            update_kiosk_settings(self.store, settings, actor=ACTOR)
        except ValidationError as exc:
            self.settings_message.setText("; ".join(str(e) for e in exc.errors))
            return
        self.settings_message.setText(self.tr("Settings saved."))

    # Staff PIN ---------------------------------------------------------------------------

    def _pin_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Staff PIN"))
        form = QFormLayout(box)
        # SecretFields: nothing of the PIN reaches Qt's accessibility events.
        self.new_pin = SecretField(digits_only=True)
        self.repeat_pin = SecretField(digits_only=True)
        change = QPushButton(self.tr("Change PIN"))
        guard(change, self.store, self.tr("Changing the staff PIN"), self.change_pin)
        self.pin_message = PlainLabel()
        self.pin_message.setWordWrap(True)
        form.addRow(self.tr("New PIN"), self.new_pin)
        form.addRow(self.tr("Repeat"), self.repeat_pin)
        form.addRow("", change)
        form.addRow("", self.pin_message)
        return box

    def change_pin(self) -> None:
        pin = self.new_pin.secret()
        if pin != self.repeat_pin.secret():
            self.pin_message.setText(self.tr("The two PINs differ."))
            return
        try:
            staff_auth.set_staff_pin(self.store, pin, actor=ACTOR)
        except staff_auth.PinRuleError as exc:
            self.pin_message.setText(str(exc))
            return
        self.new_pin.clear_secret()
        self.repeat_pin.clear_secret()
        self.pin_message.setText(self.tr("PIN changed."))
