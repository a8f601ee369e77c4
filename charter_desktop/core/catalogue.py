"""The charter's content: its two benefits, their example actions, and who may sign."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from charter_desktop.core.resources import resource_path

CATALOGUE_FILE = "charter.json"


class CatalogueError(Exception):
    """The catalogue file is missing, is not JSON, or lacks something the app needs."""


MEASURE_TOTALS = ("sum", "mean")


@dataclass(frozen=True)
class Measure:
    """A quantity a pledger may give for an action (hours a month, placements a year...).

    `total` says how pledges add up on a balance sheet: "sum" (placements, hours) or "mean"
    (a share of spend in %, where adding up would mean nothing)."""

    id: str
    label: str
    unit: str
    maximum: float
    total: str = "sum"
    unit_one: str = ""  # the unit for exactly 1 ("apprentice"); `unit` when not given

    def amount_text(self, value: float) -> str:
        """A pledged amount in words: "5 placements a year", "1 apprentice", "40%"."""
        return format_amount(value, self.unit, self.unit_one)


def format_amount(value: float, unit: str, unit_one: str = "") -> str:
    """`value` with its unit, as people write it: up to two decimals, thousands separated,
    a percentage without a space, and the singular unit for exactly 1."""
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit_one if value == 1 and unit_one else unit}"


@dataclass(frozen=True)
class Action:
    id: str
    label: str
    benefit_id: str
    measure: Measure | None = None


@dataclass(frozen=True)
class Benefit:
    id: str
    title: str
    summary: str
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class PledgerType:
    id: str
    label: str
    has_organisation: bool


@dataclass(frozen=True)
class OwnWords:
    id: str
    label: str
    prompt: str
    max_length: int


@dataclass(frozen=True)
class PrivacyNotice:
    """The privacy notice the kiosk shows next to the consent boxes. `version` changes
    whenever the words do; each pledge's consent record names the version that was shown."""

    version: str
    text: str

    def for_council(self, council: str) -> str:
        return self.text.replace("{council}", council)


DEFAULT_PRIVACY_NOTICE = PrivacyNotice(
    "default-1",
    "Privacy: {council} keeps your pledge to measure the charter's impact. Your email, phone "
    "and postcode are optional; we keep your email or phone only if you tick “Contact me”, "
    "and we show your name publicly only if you tick the pledge wall box. Ask a member of "
    "staff to see, correct or remove your pledge.",
)


@dataclass(frozen=True)
class Catalogue:
    council: str
    charter_name: str
    programme: str
    summary: str
    pledge_invitation: str
    who_may_sign: str
    default_target: int
    pledger_types: tuple[PledgerType, ...]
    benefits: tuple[Benefit, ...]
    own_words: OwnWords
    privacy_notice: PrivacyNotice = DEFAULT_PRIVACY_NOTICE

    @cached_property
    def actions(self) -> dict[str, Action]:
        """Every action by id, in the charter's order."""
        return {a.id: a for b in self.benefits for a in b.actions}

    @cached_property
    def benefit_by_id(self) -> dict[str, Benefit]:
        return {b.id: b for b in self.benefits}

    @cached_property
    def pledger_type_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.pledger_types)

    @cached_property
    def measures(self) -> dict[str, Measure]:
        """The measure of each action that has one, by action id."""
        return {a.id: a.measure for a in self.actions.values() if a.measure is not None}

    def pledger_type(self, type_id: str) -> PledgerType:
        return next(t for t in self.pledger_types if t.id == type_id)

    def as_json_list(self) -> list[dict[str, Any]]:
        """The actions as `catalogue --json` prints them: id, benefit, label, and the
        optional measure (id, label, unit, max, total) a pledge may give for it."""
        listed: list[dict[str, Any]] = []
        for a in self.actions.values():
            item: dict[str, Any] = {"id": a.id, "benefit": a.benefit_id, "label": a.label}
            if a.measure is not None:
                m = a.measure
                item["measure"] = {"id": m.id, "label": m.label, "unit": m.unit,
                                   "max": m.maximum, "total": m.total}  # fmt: skip
            listed.append(item)
        return listed


def _field(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise CatalogueError(f"{where}: '{key}' must be a {kind.__name__}")
    return value


def _measure(data: Any, where: str) -> Measure:
    if not isinstance(data, dict):
        raise CatalogueError(f"{where}: 'measure' must be an object")
    maximum = data.get("max")
    if isinstance(maximum, bool) or not isinstance(maximum, int | float) or maximum <= 0:
        raise CatalogueError(f"{where}: measure 'max' must be a positive number")
    total = data.get("total", "sum")
    if total not in MEASURE_TOTALS:
        raise CatalogueError(f"{where}: measure 'total' must be one of {', '.join(MEASURE_TOTALS)}")
    return Measure(
        id=_field(data, "id", str, where),
        label=_field(data, "label", str, where),
        unit=_field(data, "unit", str, where),
        maximum=float(maximum),
        total=total,
        unit_one=str(data.get("unit_one", "")),
    )


def parse_catalogue(data: Any) -> Catalogue:
    """Build a Catalogue from the decoded JSON of a catalogue file, checking its shape."""
    if not isinstance(data, dict) or data.get("format") != "charter-catalogue":
        raise CatalogueError('not a charter catalogue (expected "format": "charter-catalogue")')
    benefits = []
    seen: set[str] = set()
    for b in _field(data, "benefits", list, "catalogue"):
        where = f"benefit {b.get('id', '?')}"
        actions = []
        for a in _field(b, "actions", list, where):
            action_id = _field(a, "id", str, where)
            if action_id in seen:
                raise CatalogueError(f"{where}: action id '{action_id}' is used twice")
            seen.add(action_id)
            measure = _measure(a["measure"], f"action {action_id}") if "measure" in a else None
            actions.append(Action(action_id, _field(a, "label", str, where), b["id"], measure))
        benefits.append(
            Benefit(
                id=_field(b, "id", str, where),
                title=_field(b, "title", str, where),
                summary=_field(b, "summary", str, where),
                actions=tuple(actions),
            )
        )
    types = tuple(
        PledgerType(
            _field(t, "id", str, "pledger type"),
            _field(t, "label", str, "pledger type"),
            bool(t.get("organisation", False)),
        )
        for t in _field(data, "pledger_types", list, "catalogue")
    )
    own = _field(data, "own_words", dict, "catalogue")
    notice = DEFAULT_PRIVACY_NOTICE
    if "privacy_notice" in data:
        raw = _field(data, "privacy_notice", dict, "catalogue")
        notice = PrivacyNotice(
            _field(raw, "version", str, "privacy_notice"),
            _field(raw, "text", str, "privacy_notice"),
        )
    return Catalogue(
        council=_field(data, "council", str, "catalogue"),
        charter_name=_field(data, "charter_name", str, "catalogue"),
        programme=_field(data, "programme", str, "catalogue"),
        summary=_field(data, "summary", str, "catalogue"),
        pledge_invitation=_field(data, "pledge_invitation", str, "catalogue"),
        who_may_sign=_field(data, "who_may_sign", str, "catalogue"),
        default_target=_field(data, "default_target", int, "catalogue"),
        pledger_types=types,
        benefits=tuple(benefits),
        own_words=OwnWords(
            id=_field(own, "id", str, "own_words"),
            label=_field(own, "label", str, "own_words"),
            prompt=_field(own, "prompt", str, "own_words"),
            max_length=_field(own, "max_length", int, "own_words"),
        ),
        privacy_notice=notice,
    )


def load_catalogue(override_dir: Path | None = None) -> Catalogue:
    """The council's catalogue from `override_dir` if it holds one, else the shipped one."""
    path = resource_path(CATALOGUE_FILE, override_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogueError(f"cannot read the charter catalogue {path}: {exc}") from exc
    return parse_catalogue(data)
