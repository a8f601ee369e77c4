"""The names of the settings kept in the database, in one module that loads nothing else, so
start-up can look for them before the database layer is imported (see core.readiness)."""

from __future__ import annotations

DEVICE_ID = "device_id"
CURRENT_EVENT = "current_event_id"
STAFF_PIN = "staff_pin"
STAFF_PIN_FAILURES = "staff_pin_failures"
COUNCIL_KEY = "council_key"
SYNC = "sync"  # the hub's address and this kiosk's token
SMTP = "smtp"  # the council's mail server
# The secret inside each of those settings, kept sealed to the council key (core.privacy.secrets).
SECRETS = {SYNC: "token", SMTP: "password"}
