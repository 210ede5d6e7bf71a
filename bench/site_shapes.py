"""Build the site of an organisation at each shape a real one takes, and print how heavy its
pages are: the largest HTML page, and the largest number of elements on a page of each kind
with every <details> open, in headless Chromium (Debian's /usr/bin/chromium).

    python bench/site_shapes.py [--objectives 5000] [--units 300] [SHAPE ...]

Shapes (bench/synth.py): `flat` (many small departments) and `deep` (five departments with
hundreds of teams each), each with every objective in the current period; `mesh` (`--units`
teams that all depend on each other and pull one metric both ways). Repositories are written
into bench/out/ once. Targets: no HTML page over 1 MB or 20,000 elements, the search index
fetched only when search is used.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from site_pages import elements, largest  # noqa: E402
from synth import TODAY, generate, mesh  # noqa: E402

MAX_BYTES = 1_000_000
MAX_ELEMENTS = 20_000


def repository(shape: str, objectives: int, units: int) -> Path:
    if shape == "mesh":
        root = OUT / f"shape-mesh-{units}"
        if not (root / "okrs" / "org.yaml").is_file():
            mesh(root, units)
        return root
    root = OUT / f"shape-{shape}-{objectives}"
    if not (root / "okrs" / "org.yaml").is_file():
        generate(root, objectives, shape=shape, one_period=True)
    return root


def measure(shape: str, objectives: int, units: int) -> None:
    from okrctl.site.build import build_site

    root = repository(shape, objectives, units)
    started = time.perf_counter()
    result = build_site(root, root / "public", today=TODAY, history=False)
    seconds = time.perf_counter() - started
    if not result.built:
        raise SystemExit(f"the check refused {root}: {result.check.errors} errors")
    site = root / "public"
    pages = largest(site)
    counted = elements(site, pages)
    size, where = max(pages.values())
    html = sum(1 for _ in site.rglob("*.html"))
    print(
        f"{shape}: {result.objectives:,} objectives, {result.pages:,} pages ({html:,} HTML files) "
        f"built in {seconds:.1f} s; largest page {where} {size / 1e6:.2f} MB"
    )
    worst = 0
    for kind, (bytes_, relative) in sorted(pages.items()):
        count, fetched = counted[kind]
        worst = max(worst, count)
        print(
            f"  {kind:<22} {relative:<48} {bytes_ / 1e6:5.2f} MB {count:>7,} elements"
            f"{'  (fetched the search index on load)' if fetched else ''}"
        )
    verdict = "within" if size <= MAX_BYTES and worst <= MAX_ELEMENTS else "OVER"
    print(f"  {verdict} the targets: {size / 1e6:.2f} MB <= 1 MB, {worst:,} <= 20,000 elements")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--objectives", type=int, default=5000)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("shapes", nargs="*", default=["flat", "deep", "mesh"])
    args = parser.parse_args()
    print(f"site shapes, built for {TODAY}")
    for shape in args.shapes:
        measure(shape, args.objectives, args.units)


if __name__ == "__main__":
    main()
