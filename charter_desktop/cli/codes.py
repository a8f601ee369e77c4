"""The program's name as it prints it, and the exit codes every command shares."""

from __future__ import annotations

PROG = "charter-desktop"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
