"""German grammar of names: a member's (or the network's) article and its cases.

"der Wartburgkreis / im Wartburgkreis / des Wartburgkreises", "die Stadt Kassel / in der Stadt
Kassel", "Fulda / in Fulda". The gender comes from the name's head noun where that is safe
(Landkreis, Kreis and every compound on -kreis, Bezirk: masculine; Stadt, Region, Städteregion,
Hansestadt, Gemeinde, Verbandsgemeinde: feminine; Amt, Netzwerk: neuter), and from the member's
`article` in the file where it is not; a name with neither is a bare place name ("Fulda"), as
German writes a town without its article. Adjectives before the head noun take the weak ending
after the article ("Märkischer Kreis" -> "der Märkische Kreis", "im Märkischen Kreis").

Pure, and German only: an English sentence names a member as the file writes it. A word whose
ending is not safe to derive (a town called Neustadt is no "Stadt") is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

MASCULINE, FEMININE, NEUTER, NONE = "der", "die", "das", ""
ARTICLES = (MASCULINE, FEMININE, NEUTER, NONE)

# Head nouns by their whole word (lower case): the gender and the genitive's ending.
_HEADS: dict[str, tuple[str, str]] = {
    "landkreis": (MASCULINE, "es"),
    "kreis": (MASCULINE, "es"),
    "stadtkreis": (MASCULINE, "es"),
    "bezirk": (MASCULINE, "s"),
    "stadtbezirk": (MASCULINE, "s"),
    "regionalverband": (MASCULINE, "es"),
    "zweckverband": (MASCULINE, "es"),
    "stadt": (FEMININE, ""),
    "kreisstadt": (FEMININE, ""),
    "hansestadt": (FEMININE, ""),
    "landeshauptstadt": (FEMININE, ""),
    "universitätsstadt": (FEMININE, ""),
    "region": (FEMININE, ""),
    "städteregion": (FEMININE, ""),
    "gemeinde": (FEMININE, ""),
    "verbandsgemeinde": (FEMININE, ""),
    "samtgemeinde": (FEMININE, ""),
    "kreisverwaltung": (FEMININE, ""),
    "amt": (NEUTER, "es"),
    "landratsamt": (NEUTER, "es"),
    "bezirksamt": (NEUTER, "es"),
    "netzwerk": (NEUTER, "s"),
}
# Endings of a compound that are safe anywhere in a name: no German place name ends in -kreis
# (Wartburgkreis, Werra-Meißner-Kreis, Rhein-Kreis Neuss) or -netzwerk.
_COMPOUND_ENDINGS: tuple[tuple[str, str, str], ...] = (
    ("kreis", MASCULINE, "es"),
    ("netzwerk", NEUTER, "s"),
)
# The definite article's dative and genitive, and "in" + dative.
_DATIVE = {MASCULINE: "dem", FEMININE: "der", NEUTER: "dem"}
_GENITIVE = {MASCULINE: "des", FEMININE: "der", NEUTER: "des"}
_IN = {MASCULINE: "im", FEMININE: "in der", NEUTER: "im"}


@dataclass(frozen=True)
class GermanName:
    """A name with its article and what its cases change: the head noun's position (None when
    it is not known) and its genitive ending."""

    name: str
    article: str  # "der", "die", "das", or "" for a bare name
    head: int | None = None  # the index of the head noun among the name's words
    genitive_ending: str = ""

    @property
    def nominative(self) -> str:
        """der Wartburgkreis, die Stadt Kassel, Fulda."""
        return self._with(self.article, weak=True, genitive=False)

    @property
    def dative(self) -> str:
        """dem Wartburgkreis, der Stadt Kassel, Fulda."""
        if not self.article:
            return self.name
        return self._with(_DATIVE[self.article], weak=False, genitive=False)

    @property
    def locative(self) -> str:
        """im Wartburgkreis, in der Stadt Kassel, in Fulda."""
        if not self.article:
            return f"in {self.name}"
        return self._with(_IN[self.article], weak=False, genitive=False)

    @property
    def genitive(self) -> str:
        """des Wartburgkreises, der Stadt Kassel, Fuldas (Bad Hersfelds, Kassels; Paris')."""
        if not self.article:
            return self.name + ("'" if self.name[-1:] in ("s", "ß", "x", "z") else "s")
        return self._with(_GENITIVE[self.article], weak=False, genitive=True)

    @property
    def is_district(self) -> bool:
        """Whether the name is a district's (Kreis, Landkreis, -kreis): its seat is a Kreisstadt."""
        if self.head is None:
            return False
        return self.name.split()[self.head].lower().endswith("kreis")

    def _with(self, article: str, *, weak: bool, genitive: bool) -> str:
        words = self.name.split()
        if self.head is not None:
            for index in range(self.head):
                words[index] = _adjective(words[index], self.article, nominative=weak)
            if genitive:
                words[self.head] += self.genitive_ending
        text = " ".join(words)
        return f"{article} {text}" if article else text


def _adjective(word: str, article: str, *, nominative: bool) -> str:
    """A capitalised adjective before the head noun, with the weak ending the article asks for:
    Märkischer -> Märkische (nominative) / Märkischen (dative, genitive); Kreisfreie -> Kreisfreien
    after a feminine dative; anything else (und, am, a place) as it is."""
    if not word[:1].isupper():
        return word
    strong = {MASCULINE: "er", FEMININE: "e", NEUTER: "es"}.get(article)
    if strong is None or not word.endswith(strong):
        return word
    stem = word[: -len(strong)]
    return stem + ("e" if nominative else "en")


def german_name(name: str, *, article: str | None = None) -> GermanName:
    """The name with its article: `article` as the file declares it ("" for none) wins; else
    the one its head noun gives; else none (a bare place name)."""
    words = name.split()
    head, gender, ending = _head(words)
    if article is not None and article != gender:
        # Declared otherwise: the article as declared, its first word taken for the head noun
        # (das Vogtland, des Vogtlands; die Ortenau), no adjective before it.
        if article in (MASCULINE, NEUTER) and words:
            return GermanName(name, article, 0, "es" if words[0][-1] in "sßxz" else "s")
        return GermanName(name, article, 0 if article else None)
    return GermanName(name, gender, head, ending)


def _head(words: list[str]) -> tuple[int | None, str, str]:
    """The head noun's index, gender and genitive ending; (None, "", "") if none is safe."""
    for index, word in enumerate(words):
        key = word.lower()
        found = _HEADS.get(key)
        if found is not None:
            return index, *found
        for ending, gender, genitive in _COMPOUND_ENDINGS:
            if key.endswith(ending):
                return index, gender, genitive
    return None, NONE, ""


def capitalised(text: str) -> str:
    """The text with its first letter upper case, for the start of a sentence: Der Wartburgkreis."""
    return text[:1].upper() + text[1:]


def german_list(items: list[str], conjunction: str) -> str:
    """a, b und c (no comma before the conjunction, as German and British English write)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


__all__ = ["ARTICLES", "GermanName", "capitalised", "german_list", "german_name"]
