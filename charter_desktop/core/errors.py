"""The error every check of input raises: which fields are wrong, and why, in words a person
reads (the kiosk and the console show them, the command line prints them, the hub answers
with them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass
class ValidationError(Exception):
    """What was typed or sent is not acceptable (a pledge, an event, a setting); `errors` names
    each field and what is wrong with it."""

    errors: list[FieldError]
    item: int | None = None  # 1-based position in a batch, when the pledge came in one

    def __str__(self) -> str:
        where = f"pledge {self.item}: " if self.item is not None else ""
        return where + "; ".join(str(e) for e in self.errors)
