"""Renders the three sample certificates in docs/certificates/ (PDF and PNG via pdftoppm).

Usage: python scripts/certificate_samples.py. Needs poppler's pdftoppm.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from charter_desktop.core.certificates import (  # noqa: E402
    ActionGroup,
    CertificateData,
    load_branding,
    render_certificate,
)
from charter_desktop.core.signing import (  # noqa: E402
    CertificateClaim,
    certificate_url,
    load_or_create_signing_key,
)

OUT = ROOT / "docs/certificates"
LONG_WORDS = (
    "Our bakery will buy flour, eggs and dairy from farms within twenty miles of Stevenage and "
    "tell our customers where each ingredient comes from. We will take on two apprentices a "
    "year from the town's colleges, paying the real Living Wage from their first day, and give "
    "every member of staff a paid day each year to volunteer with a community group of their "
    "choosing. On the first Saturday of each month we will open our kitchen to the Repair Café "
    "and the Bedwell food bank for cooking classes, and we will advertise every vacancy locally "
    "first, in the library, the community centres and the job centre, before anywhere else. By "
    "next summer we will have moved our banking to a local credit union, and we will publish a "
    "short note each year on what we spent locally, so residents can hold us to this pledge."
)


def samples(url_for: dict[str, str]) -> dict[str, CertificateData]:
    base = CertificateData(
        charter_name="Cooperative Inclusive Economy Charter",
        council="Stevenage Borough Council",
        name="Amelia Patel",
        action_groups=(
            ActionGroup("A fairer society", (
                "Shopping locally or volunteering with a community group",
            )),
            ActionGroup("A more resilient economy", (
                "Purchasing goods or services from others in the local area",
                "Supporting cooperatives to start up and grow",
            )),
        ),
        own_words="I will buy my weekly veg from the market in the Old Town.",
        event_name="Community Wealth Building Launch Summit",
        date=date(2026, 5, 14),
        reference="6F1C-1B7E",
        qr_url=url_for["short"],
    )  # fmt: skip
    return {
        "short": base,
        "long": replace(
            base,
            name="Łucja Wiśniewska-Okonkwo",
            organisation="Old Town Bakery",
            own_words=LONG_WORDS[:1000],
            reference="A41D-77C2",
            qr_url=url_for["long"],
            action_groups=(
                ActionGroup(
                    "A fairer society",
                    (
                        "Offering work placements to people who need extra support",
                        "Shopping locally or volunteering with a community group",
                    ),
                ),
                base.action_groups[1],
            ),
        ),
        "rtl": replace(
            base,
            name="محمد الأحمد",
            reference="2B90-E5A1",
            qr_url=url_for["rtl"],
            own_words="سأشتري احتياجاتي من المتاجر المحلية وأتطوع مع مجموعة مجتمعية كل شهر.",
            action_groups=(base.action_groups[0],),
        ),
    }


def main() -> int:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm (poppler-utils) is needed")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as keys:
        key = load_or_create_signing_key(Path(keys))
    names = {"short": "Amelia Patel", "long": "Łucja Wiśniewska-Okonkwo", "rtl": "محمد الأحمد"}
    urls = {
        label: certificate_url(
            "https://charter.example.org/verify",
            CertificateClaim(
                f"{label}-sample",
                "docs",
                "2026-05-14",
                "Community Wealth Building Launch Summit",
                name,
            ),
            key,
        )
        for label, name in names.items()
    }
    branding = load_branding()
    for label, data in samples(urls).items():
        pdf = OUT / f"{label}.pdf"
        pdf.write_bytes(render_certificate(data, branding))
        subprocess.run(
            [pdftoppm, "-png", "-r", "110", "-singlefile", str(pdf), str(OUT / label)], check=True
        )
        pdf.unlink()
        print(OUT / f"{label}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
