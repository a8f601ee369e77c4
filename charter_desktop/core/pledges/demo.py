"""Realistic synthetic pledges for training staff, trying the kiosk, and benchmarks."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from typing import Any

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.clock import format_timestamp, utc_now

FIRST_NAMES = (
    "Amelia", "Oliver", "Priya", "Mohammed", "Zofia", "Chen", "Aisha", "Tomasz", "Grace",
    "Kwame", "Siobhan", "Rahul", "Fatima", "Jack", "Ngozi", "Łucja", "Darius", "Mei",
    "Ellie", "Yusuf", "Hannah", "Olu", "Bartosz", "Sophie", "Imran", "Chloé", "Dev",
    "Ruth", "Kofi", "Maja", "فاطمة", "李娜", "José", "Anjali", "Callum", "Wiktoria",
)  # fmt: skip
SURNAMES = (
    "Patel", "Smith", "Nowak", "Khan", "Wang", "Okafor", "Jones", "Begum", "Kowalski",
    "Murphy", "Ahmed", "Taylor", "Mensah", "Singh", "Brown", "Zhang", "Wiśniewska",
    "Evans", "Hussain", "O'Neill", "Adeyemi", "Clarke", "Rossi", "Lewandowski",
)  # fmt: skip
ORGANISATIONS = {
    "community_group": ("Bedwell Community Garden", "Shephall Tenants' Forum",
                        "Stevenage Repair Café", "Pin Green Youth Club"),
    "business": ("Old Town Bakery", "Fairlands Print Co.", "SG1 Bikes", "Knebworth Plumbing",
                 "Town Centre Coffee Co-op", "Gunnels Wood Engineering"),
    "public_sector": ("Stevenage Borough Council", "North Herts College",
                      "Lister Hospital", "Hertfordshire County Council"),
    "voluntary_sector": ("Stevenage Helps", "Citizens Advice Stevenage",
                         "Stevenage Food Bank", "Carers in Herts"),
}  # fmt: skip
OWN_WORDS = (
    "I will buy my weekly veg from the market in the Old Town.",
    "We will offer two paid work placements a year to young people leaving care.",
    "Our team will volunteer one afternoon a month with a local community group.",
    "I will mentor a neighbour who is starting a small catering business.",
    "We will move our office supplies to suppliers based in Stevenage.",
    "I will give careers talks at my old secondary school each spring.",
    "We pledge to pay the real Living Wage and advertise every job locally first.",
    "Our café will stock cakes from two home bakers in Bedwell.",
    "We will open our meeting room free of charge to residents' groups.",
    "I will help at the repair café so fewer things end up in landfill.",
)  # fmt: skip
TYPE_WEIGHTS = {"resident": 50, "community_group": 12, "business": 20, "public_sector": 8,
                "voluntary_sector": 10}  # fmt: skip
# Typical pledged quantities per measure, by action: (low, high); about half give one.
MEASURE_RANGES = {
    "careers-advice-in-schools": (1, 12), "mentor-self-employment": (1, 8),
    "supported-work-placements": (1, 6), "shop-local-or-volunteer": (2, 20),
    "break-down-training-barriers": (1, 4), "buy-from-local-area": (10, 80),
    "invest-in-wellbeing-training": (5, 60), "local-supply-chains": (1, 10),
}  # fmt: skip
POSTCODE_DISTRICTS = ("SG1", "SG1", "SG1", "SG2", "SG2", "SG3", "SG4", "SG5", "SG6")


def demo_pledges(catalogue: Catalogue, count: int, seed: int | None = None,
                 hours: float = 8.0) -> list[dict[str, Any]]:  # fmt: skip
    """`count` pledges as input JSON, spread over the last `hours`, oldest first."""
    rng = random.Random(seed)  # noqa: S311  (synthetic data, not security)
    action_ids = list(catalogue.actions)
    types = [t for t in catalogue.pledger_type_ids]
    weights = [TYPE_WEIGHTS.get(t, 10) for t in types]
    now = utc_now()
    offsets = sorted((rng.uniform(0, hours * 3600) for _ in range(count)), reverse=True)
    # A second generator, so the measures leave the rest of a seeded demo as it always was.
    measure_rng = random.Random(None if seed is None else seed + 1)  # noqa: S311
    pledges = []
    for offset in offsets:
        pledger_type = rng.choices(types, weights)[0]
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        actions = rng.sample(action_ids, rng.choice((0, 1, 1, 2, 2, 3)))
        own = rng.choice(OWN_WORDS) if not actions or rng.random() < 0.35 else None
        contact = rng.random() < 0.55
        created = format_timestamp(now - timedelta(seconds=offset))
        pledge: dict[str, Any] = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "created_at": created,
            "updated_at": created,
            "pledger_type": pledger_type,
            "name": name,
            "actions": actions,
            "pledge_text": own,
            "consent_contact": contact,
            "consent_publish_name": rng.random() < 0.7,
        }
        if pledger_type in ORGANISATIONS:
            pledge["organisation"] = rng.choice(ORGANISATIONS[pledger_type])
        if contact:
            local = f"{name.split(maxsplit=1)[0].lower()}.{rng.randrange(100, 999)}"
            pledge["email"] = f"{local}@example.org"
        if rng.random() < 0.6:
            district = rng.choice(POSTCODE_DISTRICTS)
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            pledge["postcode"] = (f"{district} {rng.randrange(1, 10)}"
                                  f"{rng.choice(letters)}{rng.choice(letters)}")  # fmt: skip
        measures = _demo_measures(catalogue, actions, measure_rng)
        if measures:
            pledge["measures"] = measures
        pledges.append(pledge)
    return pledges


def _demo_measures(
    catalogue: Catalogue, actions: list[str], rng: random.Random
) -> dict[str, float]:
    measures: dict[str, float] = {}
    for action_id in actions:
        measure = catalogue.measures.get(action_id)
        if measure is None or rng.random() < 0.5:
            continue
        low, high = MEASURE_RANGES.get(action_id, (1, 10))
        measures[action_id] = min(rng.randint(low, high), int(measure.maximum))
    return measures
