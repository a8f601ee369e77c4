"""Images as every PDF of the app places them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader


@lru_cache(maxsize=8)
def flat_image(path: Path, background: str) -> ImageReader:
    """The image laid on the paper colour. An image with transparency would make the page need
    PDF transparency, which PostScript printer paths (CUPS's pdftops) can only rasterise."""
    with Image.open(path) as source:
        image = source.convert("RGBA")
    paper = Image.new("RGBA", image.size, background)
    return ImageReader(Image.alpha_composite(paper, image).convert("RGB"))
