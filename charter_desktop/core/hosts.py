"""Host names that mean this machine: plain http and unencrypted mail are allowed to them
only (nothing leaves the machine)."""

from __future__ import annotations

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
