"""German grammar of member names: the article derived from the head noun, or declared in the
file (`article`), and the cases the papers write (words/grammar.py)."""

from __future__ import annotations

import pytest

from netzwerk_cli.file.store import parse_network
from netzwerk_cli.words.grammar import capitalised, german_list, german_name

# name, declared article -> nominative, "in" + dative, genitive, dative
CASES = [
    # a compound on -kreis: masculine
    ("Wartburgkreis", None, "der Wartburgkreis", "im Wartburgkreis", "des Wartburgkreises"),
    (
        "Werra-Meißner-Kreis",
        None,
        "der Werra-Meißner-Kreis",
        "im Werra-Meißner-Kreis",
        "des Werra-Meißner-Kreises",
    ),
    # Landkreis + name: the head noun first
    ("Landkreis Fulda", None, "der Landkreis Fulda", "im Landkreis Fulda", "des Landkreises Fulda"),
    (
        "Landkreis Hersfeld-Rotenburg",
        None,
        "der Landkreis Hersfeld-Rotenburg",
        "im Landkreis Hersfeld-Rotenburg",
        "des Landkreises Hersfeld-Rotenburg",
    ),
    ("Kreis Unna", None, "der Kreis Unna", "im Kreis Unna", "des Kreises Unna"),
    (
        "Rhein-Kreis Neuss",
        None,
        "der Rhein-Kreis Neuss",
        "im Rhein-Kreis Neuss",
        "des Rhein-Kreises Neuss",
    ),
    # feminine heads
    ("Stadt Kassel", None, "die Stadt Kassel", "in der Stadt Kassel", "der Stadt Kassel"),
    (
        "Region Hannover",
        None,
        "die Region Hannover",
        "in der Region Hannover",
        "der Region Hannover",
    ),
    (
        "Städteregion Aachen",
        None,
        "die Städteregion Aachen",
        "in der Städteregion Aachen",
        "der Städteregion Aachen",
    ),
    (
        "Hansestadt Lübeck",
        None,
        "die Hansestadt Lübeck",
        "in der Hansestadt Lübeck",
        "der Hansestadt Lübeck",
    ),
    (
        "Verbandsgemeinde Rhein-Selz",
        None,
        "die Verbandsgemeinde Rhein-Selz",
        "in der Verbandsgemeinde Rhein-Selz",
        "der Verbandsgemeinde Rhein-Selz",
    ),
    # neuter
    (
        "Amt Peenetal/Loitz",
        None,
        "das Amt Peenetal/Loitz",
        "im Amt Peenetal/Loitz",
        "des Amtes Peenetal/Loitz",
    ),
    # masculine Bezirk
    ("Bezirk Mitte", None, "der Bezirk Mitte", "im Bezirk Mitte", "des Bezirks Mitte"),
    # adjectives before the head noun take the weak ending after the article
    (
        "Märkischer Kreis",
        None,
        "der Märkische Kreis",
        "im Märkischen Kreis",
        "des Märkischen Kreises",
    ),
    (
        "Kreisfreie Stadt Kassel",
        None,
        "die Kreisfreie Stadt Kassel",
        "in der Kreisfreien Stadt Kassel",
        "der Kreisfreien Stadt Kassel",
    ),
    (
        "Freie und Hansestadt Hamburg",
        None,
        "die Freie und Hansestadt Hamburg",
        "in der Freien und Hansestadt Hamburg",
        "der Freien und Hansestadt Hamburg",
    ),
    # a bare town: no article, never guessed from an ending (Neustadt is no "Stadt")
    ("Fulda", None, "Fulda", "in Fulda", "Fuldas"),
    ("Darmstadt", None, "Darmstadt", "in Darmstadt", "Darmstadts"),
    (
        "Neustadt an der Weinstraße",
        None,
        "Neustadt an der Weinstraße",
        "in Neustadt an der Weinstraße",
        "Neustadt an der Weinstraßes",
    ),
    ("Bad Hersfeld", None, "Bad Hersfeld", "in Bad Hersfeld", "Bad Hersfelds"),
    ("Kassel", "", "Kassel", "in Kassel", "Kassels"),
    # declared where the name does not tell
    (
        "Integrationsstelle Nordhessen",
        "die",
        "die Integrationsstelle Nordhessen",
        "in der Integrationsstelle Nordhessen",
        "der Integrationsstelle Nordhessen",
    ),
    ("Ortenau", "die", "die Ortenau", "in der Ortenau", "der Ortenau"),
    ("Vogtland", "das", "das Vogtland", "im Vogtland", "des Vogtlands"),
    ("Harz", "der", "der Harz", "im Harz", "des Harzes"),
    # declared none: the file's word wins over the head noun
    ("Wartburgkreis", "", "Wartburgkreis", "in Wartburgkreis", "Wartburgkreis'"),
]


@pytest.mark.parametrize(("name", "article", "nominative", "locative", "genitive"), CASES)
def test_the_cases_of_a_name(
    name: str, article: str | None, nominative: str, locative: str, genitive: str
) -> None:
    found = german_name(name, article=article)
    assert (found.nominative, found.locative, found.genitive) == (nominative, locative, genitive)


@pytest.mark.parametrize(
    ("name", "dative"),
    [
        ("Wartburgkreis", "dem Wartburgkreis"),
        ("Stadt Kassel", "der Stadt Kassel"),
        ("Amt Peenetal/Loitz", "dem Amt Peenetal/Loitz"),
        ("Märkischer Kreis", "dem Märkischen Kreis"),
        ("Fulda", "Fulda"),
    ],
)
def test_the_dative(name: str, dative: str) -> None:
    assert german_name(name).dative == dative


def test_a_declared_article_that_agrees_keeps_the_declension() -> None:
    assert german_name("Märkischer Kreis", article="der").locative == "im Märkischen Kreis"


def test_the_network_is_neuter() -> None:
    name = german_name("Netzwerk Integration")
    assert (name.nominative, name.genitive) == (
        "das Netzwerk Integration",
        "des Netzwerks Integration",
    )


@pytest.mark.parametrize(
    ("name", "district"),
    [("Wartburgkreis", True), ("Landkreis Fulda", True), ("Stadt Kassel", False), ("Fulda", False)],
)
def test_a_district_has_a_kreisstadt(name: str, district: bool) -> None:
    assert german_name(name).is_district is district


def test_sentence_start_and_lists() -> None:
    assert capitalised("der Wartburgkreis") == "Der Wartburgkreis"
    assert german_list(["a", "b", "c"], "und") == "a, b und c"
    assert german_list(["a"], "und") == "a"


MEMBER = """
[network]
name = "N"

[[members]]
id = "KS"
name = "Kassel"
seat = "Kassel"
state = "HE"
article = "{article}"
"""


def test_the_file_declares_a_member_article() -> None:
    network = parse_network(MEMBER.format(article="die"), source="n.toml", today=_today())
    assert network.member("KS").article == "die"
    bare = parse_network(MEMBER.format(article=""), source="n.toml", today=_today())
    assert bare.member("KS").article == ""
    left_out = parse_network(
        MEMBER.replace('article = "{article}"\n', ""), source="n.toml", today=_today()
    )
    assert left_out.member("KS").article is None


def test_an_article_that_is_none_of_the_four_is_refused() -> None:
    from netzwerk_cli.errors import NetzwerkError

    with pytest.raises(NetzwerkError) as caught:
        parse_network(MEMBER.format(article="den"), source="n.toml", today=_today())
    assert "article" in str(caught.value.found[0].what.args)  # type: ignore[attr-defined]


def _today():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date(2026, 12, 6)
