#!/usr/bin/env python3
"""Generate src/search/wordfreq.tsv: how common a word is in general French and English.

Source: the `wordfreq` package (pip install wordfreq), its 'best' word lists for `fr` and `en`.

Each line is `word<TAB>fr<TAB>en`, sorted by the byte order of `word`, where:
- `word` is folded as the program folds text (src/text/normalise.rs `fold`): lower-cased,
  œ→oe, æ→ae, ß→ss, compatibility decomposition (NFKD) with combining marks dropped. Entries
  that are not then made only of a–z and 0–9 are dropped (nothing is split). wordfreq's
  aggregated multi-digit entries (`00`, `0000`, `00h`…: every number of that shape) are not
  words and are dropped too.
- `fr` and `en` are wordfreq's `zipf_frequency(word, lang, 'best')` times ten, rounded half up
  to an integer (0..=80); 0 when the word is not in that language's list. When several list
  entries fold to the same key, the largest value per language is kept.
- A key is kept when its Zipf frequency is at least THRESHOLD in either language; the other
  language's value is then filled in from its whole list, however rare.

Deterministic: the output depends only on the installed wordfreq version and this script.

Regenerate with:  python3 scripts/gen-wordfreq.py > src/search/wordfreq.tsv
"""

import decimal
import importlib.metadata
import sys
import unicodedata

import wordfreq
from wordfreq.numbers import has_digit_sequence

LANGS = ("fr", "en")
WORDLIST = "best"
THRESHOLD = 3.0
LIMIT = 80  # the Zipf scale tops out near 8 ('the', 'de' are about 7.3-7.7)

APOSTROPHES = "\u2019\u2018\u02bc\u2032`\u00b4"


def lower(text: str) -> str:
    """src/text/normalise.rs `lower`."""
    out = []
    for c in text:
        if c in "œŒ":
            out.append("oe")
        elif c in "æÆ":
            out.append("ae")
        elif c == "ß":
            out.append("ss")
        elif c in APOSTROPHES:
            out.append("'")
        else:
            out.append(c.lower())
    return "".join(out)


def fold_once(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", lower(text))
    stripped = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return lower(stripped)


def fold(text: str) -> str:
    """src/text/normalise.rs `fold`."""
    if text.isascii():
        return lower(text)
    return fold_once(fold_once(text))


def is_key(word: str) -> bool:
    return word != "" and all("a" <= c <= "z" or "0" <= c <= "9" for c in word)


def tenths(zipf: float) -> int:
    """Zipf × 10, rounded half up (zipf_frequency already rounds to hundredths)."""
    value = (decimal.Decimal(repr(zipf)) * 10).quantize(0, rounding=decimal.ROUND_HALF_UP)
    return max(0, min(LIMIT, int(value)))


def table(lang: str) -> dict:
    """Folded key → (max Zipf, max Zipf × 10) over the whole list of `lang`."""
    best: dict = {}
    for word in sorted(wordfreq.get_frequency_dict(lang, WORDLIST)):
        if has_digit_sequence(word):
            continue
        key = fold(word)
        if not is_key(key):
            continue
        zipf = wordfreq.zipf_frequency(word, lang, WORDLIST)
        if zipf <= 0:
            continue
        if key not in best or zipf > best[key]:
            best[key] = zipf
    return best


def main() -> None:
    version = importlib.metadata.version("wordfreq")
    tables = {lang: table(lang) for lang in LANGS}
    keys = sorted(
        {key for lang in LANGS for key, zipf in tables[lang].items() if zipf >= THRESHOLD},
        key=lambda k: k.encode("ascii"),
    )
    out = sys.stdout
    out.write(
        f"# General-language word frequencies, French and English: word<TAB>fr<TAB>en, each\n"
        f"# the Zipf frequency x10 (0 = absent), words folded (lower case, no accents, a-z0-9).\n"
        f"# Source: wordfreq {version} (Robyn Speer), 'best' word lists for fr and en; every word\n"
        f"# with a Zipf frequency >= {THRESHOLD} in either language.\n"
        f"# Licence: wordfreq's code is Apache-2.0; its README says it \"includes data files that\n"
        f"# may be redistributed under a Creative Commons Attribution-ShareAlike 4.0 license\"\n"
        f"# (https://creativecommons.org/licenses/by-sa/4.0/). The data derive from Google Books\n"
        f"# Ngrams, the Leeds Internet Corpus, Wikipedia, ParaCrawl, OPUS OpenSubtitles 2018\n"
        f"# (OpenSubtitles), SUBTLEX (Marc Brysbaert et al.) and Twitter; this table, a derivative,\n"
        f"# is CC BY-SA 4.0 likewise.\n"
        f"# Regenerate: pip install wordfreq=={version} &&"
        f" python3 scripts/gen-wordfreq.py > src/search/wordfreq.tsv\n"
    )
    for key in keys:
        values = [tables[lang].get(key) for lang in LANGS]
        out.write(key + "".join(f"\t{0 if z is None else tenths(z)}" for z in values) + "\n")
    counts = {lang: sum(1 for z in tables[lang].values() if z >= THRESHOLD) for lang in LANGS}
    print(
        f"{len(keys)} words; zipf >= {THRESHOLD}: "
        + ", ".join(f"{lang} {n}" for lang, n in counts.items()),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
