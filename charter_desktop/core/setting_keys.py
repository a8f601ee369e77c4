"""The names of the settings kept in the database, in one module that loads nothing else, so
start-up can look for them before the database layer is imported (see core.readiness)."""

from __future__ import annotations

DEVICE_ID = "device_id"
CURRENT_EVENT = "current_event_id"
STAFF_PIN = "staff_pin"
STAFF_PIN_FAILURES = "staff_pin_failures"
COUNCIL_KEY = "council_key"
