#!/usr/bin/env python3
"""Generates assets/countries.json, the country table of the SMS country picker.

Facts come from two published data sets, read through their Python packages:
  - libphonenumber's metadata (pip package `phonenumbers`): the ITU country calling
    code of every region and the possible lengths of national (significant) numbers,
    mobile numbers preferred, the region's general lengths otherwise;
  - ISO 3166-1 (pip package `pycountry`): the English short name of every region.
Non-geographic calling codes (international freephone, satellite, ...) are listed with
the ISO code "001", as libphonenumber does.

Usage: pip install phonenumbers pycountry && python3 scripts/generate-countries.py
"""
import json
import pathlib
import unicodedata

import phonenumbers
import pycountry
from phonenumbers.phonemetadata import PhoneMetadata

NON_GEO_NAMES = {
    800: "International Freephone",
    808: "International Shared Cost Service",
    870: "Inmarsat",
    878: "Universal Personal Telecommunications",
    881: "Global Mobile Satellite System",
    882: "International Networks",
    883: "International Networks",
    888: "OCHA Disaster Relief",
    979: "International Premium Rate Service",
}


def lengths(metadata):
    """Possible national number lengths: mobile first, the general description else."""
    for desc in (metadata.mobile, metadata.general_desc):
        if desc is not None and desc.possible_length and desc.possible_length != (-1,):
            values = sorted({n for n in desc.possible_length if n > 0})
            if values:
                return values
    return []


def region_name(iso):
    country = pycountry.countries.get(alpha_2=iso)
    if country is not None:
        return getattr(country, "common_name", None) or country.name
    return {"AC": "Ascension Island", "TA": "Tristan da Cunha", "XK": "Kosovo"}.get(iso, iso)


def sort_key(name):
    """Alphabetical order ignoring accents (Åland Islands sorts under A)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def main():
    rows = []
    for iso in sorted(phonenumbers.SUPPORTED_REGIONS):
        metadata = PhoneMetadata.metadata_for_region(iso)
        rows.append({
            "iso": iso,
            "name": region_name(iso),
            "callingCode": str(metadata.country_code),
            "lengths": lengths(metadata),
        })
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        metadata = PhoneMetadata.metadata_for_nongeo_region(code)
        rows.append({
            "iso": "001",
            "name": NON_GEO_NAMES.get(code, f"International +{code}"),
            "callingCode": str(code),
            "lengths": lengths(metadata),
        })
    rows.sort(key=lambda row: (sort_key(row["name"]), row["callingCode"]))
    out = pathlib.Path(__file__).resolve().parent.parent / "assets" / "countries.json"
    document = {
        "source": f"libphonenumber metadata via phonenumbers {phonenumbers.__version__}; "
                  f"ISO 3166-1 names via pycountry",
        "countries": rows,
    }
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    text = ('{\n "source": ' + json.dumps(document["source"]) + ',\n "countries": [\n  '
            + ",\n  ".join(lines) + "\n ]\n}\n")
    json.loads(text)
    out.write_text(text, encoding="utf-8")
    print(f"{out}: {len(rows)} entries")


if __name__ == "__main__":
    main()
