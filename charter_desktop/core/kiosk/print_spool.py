"""Whether the print system keeps printed certificates: CUPS holds each job's document in its
spool folder after printing (by default for a day, `PreserveJobFiles 86400`) and the job's
record for longer (`PreserveJobHistory Yes`). A certificate carries the attendee's name, so a
kiosk's CUPS should keep neither; only an administrator can change it, so the app reports it.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

FIX_COMMAND = "sudo cupsctl PreserveJobFiles=No PreserveJobHistory=No"
# What CUPS does when cupsd.conf does not say (CUPS 2.3 and later).
CUPS_DEFAULTS = {"PreserveJobFiles": "86400", "PreserveJobHistory": "Yes"}


@dataclass(frozen=True)
class SpoolPolicy:
    """CUPS's settings for finished jobs, as `cupsctl` reports them (defaults filled in)."""

    job_files: str
    job_history: str

    @property
    def keeps_certificates(self) -> bool:
        return self.job_files.lower() != "no" or self.job_history.lower() != "no"

    def describe(self) -> str:
        if not self.keeps_certificates:
            return "CUPS keeps no printed certificate (PreserveJobFiles No, PreserveJobHistory No)"
        return (
            f"CUPS keeps printed certificates after printing (PreserveJobFiles "
            f"{self.job_files}, PreserveJobHistory {self.job_history}): an administrator "
            f"should run `{FIX_COMMAND}` on this kiosk"
        )


def cups_spool_policy(timeout: float = 3.0) -> SpoolPolicy | None:
    """CUPS's policy on this machine, or None where there is no CUPS to ask (or it does not
    answer within `timeout`: the staff page asks on the UI thread)."""
    cupsctl = shutil.which("cupsctl")
    if cupsctl is None:
        return None
    try:
        done = subprocess.run(  # noqa: S603 - cupsctl from PATH, no arguments
            [cupsctl], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    settings = dict(CUPS_DEFAULTS)
    for line in done.stdout.splitlines():
        name, _, value = line.partition("=")
        if name in settings:
            settings[name] = value.strip()
    return SpoolPolicy(settings["PreserveJobFiles"], settings["PreserveJobHistory"])
