"""``enti-bbox``: the WGS84 bounding box of GeoJSON files, and whether they lie in Portugal.

Reads legacy files with a ``crs`` member (PT-TM06, PTRA08 …) and reprojects them. Exit codes:
0 every file is in Portugal, 1 some file lies outside (or has swapped coordinates), 2 a file
could not be read. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from enti.validators.geometry.coordinates import Placement, geojson_bbox_wgs84, geojson_epsg, place

MESSAGES = {
    Placement.INSIDE: ("em Portugal", "in Portugal"),
    Placement.SWAPPED: (
        "fora de Portugal: latitude e longitude parecem trocadas",
        "outside Portugal: latitude and longitude look swapped",
    ),
    Placement.OUTSIDE: ("fora de Portugal", "outside Portugal"),
}


def _report(path: Path, english: bool) -> tuple[str, Placement]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict):
        raise ValueError("not a GeoJSON object")
    bbox = geojson_bbox_wgs84(doc)
    # Both corners must be in Portugal for the box to be.
    corners = {place(bbox.west, bbox.south), place(bbox.east, bbox.north)}
    verdict = max(corners, key=list(Placement).index)
    text = MESSAGES[verdict][1 if english else 0]
    line = (
        f"{path}: EPSG:{geojson_epsg(doc)} -> WGS84 "
        f"W {bbox.west:.6f} S {bbox.south:.6f} E {bbox.east:.6f} N {bbox.north:.6f} ({text})"
    )
    return line, verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="enti-bbox", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="GeoJSON files")
    parser.add_argument("--lang", choices=["pt", "en"], default="pt")
    args = parser.parse_args(argv)
    status = 0
    for path in args.files:
        try:
            line, verdict = _report(path, args.lang == "en")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"enti-bbox: {path}: {reason}", file=sys.stderr)
            status = 2
            continue
        print(line)
        if verdict is not Placement.INSIDE and status == 0:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
