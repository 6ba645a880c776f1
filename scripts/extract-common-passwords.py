#!/usr/bin/env python3
"""Generates assets/common-passwords.txt, the list of refused passwords.

Source: the "passwords" frequency list shipped with zxcvbn (pip package `zxcvbn`,
Dropbox's password strength estimator), itself ranked from public password leak
corpora. Entries are lowercased, NFC-normalised and de-duplicated, kept in rank order.

Usage: pip install zxcvbn && python3 scripts/extract-common-passwords.py
"""
import pathlib
import unicodedata

from zxcvbn.frequency_lists import FREQUENCY_LISTS


def main():
    seen = set()
    ordered = []
    for word in FREQUENCY_LISTS["passwords"]:
        entry = unicodedata.normalize("NFC", word.strip().lower())
        if entry and entry not in seen:
            seen.add(entry)
            ordered.append(entry)
    out = pathlib.Path(__file__).resolve().parent.parent / "assets" / "common-passwords.txt"
    out.write_text("\n".join(ordered) + "\n", encoding="utf-8")
    print(f"{out}: {len(ordered)} entries")


if __name__ == "__main__":
    main()
