"""The network file declared once (`file/schema.py`): the checks, the JSON Schema that editors use
(`netzwerk schema`, init's `#:schema` line), and what real tools (taplo, jsonschema) say of it."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.file import schema
from netzwerk_cli.file.jsonschema import build, shipped, text
from netzwerk_cli.model import (
    GERMAN_STATES,
    Article,
    HolidayPolicy,
    Language,
    Rotation,
    SchoolHolidayPolicy,
    Status,
)
from netzwerk_cli.servers import Auth, ImapSecurity, Security

from .conftest import BUNDLED, ROOT, examples
from .programs import extra_program

DIRECTIVE = f"#:schema {shipped(Language.EN).as_uri()}\n"


def taplo(*paths: Path) -> subprocess.CompletedProcess[str]:
    """`taplo check` of the files (each with its own #:schema line), without colours."""
    return subprocess.run(
        [extra_program("taplo"), "check", "--colors", "never", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def as_json(value: Any) -> Any:
    """A TOML document as JSON sees it (as taplo does): dates and times as ISO strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def schema_agrees(toml_text: str) -> bool:
    validator = jsonschema.Draft202012Validator(build(Language.EN))
    return validator.is_valid(as_json(tomllib.loads(toml_text)))


def validate(path: Path) -> int:
    result = CliRunner().invoke(app, ["validate", "-f", str(path), "--today", "2026-11-24"])
    return result.exit_code


# --- the declaration -------------------------------------------------------------------------


def test_the_declared_choices_are_the_models() -> None:
    enums = {
        ("network", "rotation"): Rotation,
        ("network", "holidays"): HolidayPolicy,
        ("network", "school_holidays"): SchoolHolidayPolicy,
        ("network", "language"): Language,
        ("meetings", "status"): Status,
        ("mail", "security"): Security,
        ("mail", "imap_security"): ImapSecurity,
        ("mail", "auth"): Auth,
        ("mail", "imap_auth"): Auth,
        ("members", "article"): Article,
    }
    choices = {
        (table.name, key.name): key.choices
        for table in schema.TABLES
        for key in table.keys
        if key.kind == schema.CHOICE
    }
    assert set(choices) == set(enums)
    for place, enum in enums.items():
        assert choices[place] == tuple(e.value for e in enum), place
    assert schema.MEMBERS["state"].choices == tuple(sorted(GERMAN_STATES))


def test_trust_reads_which_keys_act_outside_from_the_declaration() -> None:
    from netzwerk_cli.cli.trust import ALL_TABLES
    from netzwerk_cli.file.store import _server_settings

    assert ALL_TABLES == ("mail", "publish")
    document = {
        table.name: {key.name: "x" for key in table.keys} for table in (schema.MAIL, schema.PUBLISH)
    }
    found = {(s.table, s.key) for s in _server_settings(document)}
    declared = {(t.name, k.name) for t in schema.TABLES for k in t.keys if k.outside}
    assert found == declared
    assert ("mail", "from") not in found and ("publish", "url") not in found
    assert ("mail", "imap_password_command") in found


def test_every_declared_key_has_a_german_description() -> None:
    from netzwerk_cli.words import words

    german = words(Language.DE)
    for table in schema.TABLES:
        assert german(table.about) != table.about
        for key in table.keys:
            assert german(key.about) != key.about, key


# --- the JSON Schema -------------------------------------------------------------------------


@pytest.mark.parametrize("language", list(Language))
def test_the_shipped_schema_is_the_declarations(language: Language) -> None:
    """Regenerate with `python -m netzwerk_cli.file.jsonschema` after a change of the declaration."""
    assert shipped(language).read_text(encoding="utf-8") == text(language)


def test_the_schema_is_draft_2020_12_and_refuses_unknown_keys() -> None:
    made = build(Language.EN)
    jsonschema.Draft202012Validator.check_schema(made)
    assert made["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert made["additionalProperties"] is False
    network = made["properties"]["network"]
    assert network["additionalProperties"] is False
    assert network["properties"]["rotation"]["enum"] == ["order", "least-recent"]
    members = made["properties"]["members"]["items"]
    assert members["additionalProperties"] is False
    assert "pattern" in members["properties"]["id"]
    assert "pattern" in members["properties"]["joined"]
    assert "pattern" in made["properties"]["network"]["properties"]["start"]


@pytest.mark.parametrize(
    ("lang", "description"),
    [
        ("en", "The IANA time zone of the meeting times."),
        ("de", "Die IANA-Zeitzone der Uhrzeiten der Treffen."),
    ],
)
def test_schema_prints_the_schema_in_the_readers_language(lang: str, description: str) -> None:
    result = CliRunner().invoke(app, ["schema", "--lang", lang])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["properties"]["network"]["properties"]["timezone"]["description"] == description


@pytest.mark.parametrize(
    ("lang", "name"), [("en", "network.schema.json"), ("de", "network.schema.de.json")]
)
def test_init_points_editors_at_the_schema_in_the_files_language(
    tmp_path: Path, lang: str, name: str
) -> None:
    path = tmp_path / "network.toml"
    args = ["init", "--no-input", "--name", "N", "--lang", lang, "-f", str(path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"#:schema {(Path(schema.__file__).parent / name).as_uri()}"
    checked = taplo(path)
    assert checked.returncode == 0, checked.stderr


# --- the reference ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", list(Language))
def test_the_committed_reference_is_the_declarations(language: Language) -> None:
    """Regenerate with `python -m netzwerk_cli.file.reference` after a change of the declaration."""
    from netzwerk_cli.file.reference import FILES
    from netzwerk_cli.file.reference import text as reference

    committed = ROOT / "docs" / FILES[language]
    assert committed.read_text(encoding="utf-8") == reference(language)


def test_the_reference_names_every_key_in_both_languages() -> None:
    from netzwerk_cli.file.reference import text as reference

    english, german = reference(Language.EN), reference(Language.DE)
    for table in schema.TABLES:
        for key in table.keys:
            assert f"| `{key.name}`" in english and f"| `{key.name}`" in german
    assert "| `name` (required) | text in quotes, one line |" in english
    assert "| `name` (Pflicht) | Text in Anführungszeichen, eine Zeile |" in german
    assert "| `duration_minutes` | eine ganze Zahl von 1 bis 1440 | `120` |" in german


# --- taplo, jsonschema and validate agree ----------------------------------------------------


def readme_examples() -> list[str]:
    """The TOML examples of the READMEs and of CONTRIBUTING.md (its complete example); a fragment
    without [network] gets a minimal one."""
    readme = "".join(
        (ROOT / name).read_text(encoding="utf-8")
        for name in ("README.md", "README.de.md", "CONTRIBUTING.md")
    )
    found = re.findall(r"```toml\n(.*?)```", readme, re.DOTALL)
    return [
        block if "[network]" in block else f'[network]\nname = "N"\n\n{block}' for block in found
    ]


def test_taplo_accepts_the_bundled_file_and_every_example_of_the_docs(tmp_path: Path) -> None:
    texts = [BUNDLED.read_text(encoding="utf-8"), *readme_examples()]
    assert len(texts) >= 3
    paths = []
    for number, body in enumerate(texts):
        path = tmp_path / f"example{number}.toml"
        path.write_text(DIRECTIVE + body, encoding="utf-8")
        paths.append(path)
        assert schema_agrees(body), number
    checked = taplo(*paths)
    assert checked.returncode == 0, checked.stderr


GOOD = (
    '[network]\nname = "N"\n\n[[members]]\nid = "HEF"\nname = "H"\nseat = "S"\nstate = "HE"\n\n'
    '[[meetings]]\ndate = 2025-04-02\nhost = "HEF"\n'
)
BROKEN = {
    "wrong type": GOOD.replace('name = "N"', "name = 5"),
    "unknown choice": GOOD.replace('name = "N"\n', 'name = "N"\nrotation = "random"\n'),
    "missing required key": GOOD.replace('seat = "S"\n', ""),
    "bad date string": GOOD.replace('state = "HE"\n', 'state = "HE"\njoined = "1.4.2024"\n'),
    "bad id": GOOD.replace('id = "HEF"', 'id = "H F"').replace('host = "HEF"', 'host = "H F"'),
    "unknown key": GOOD.replace('seat = "S"', 'seat = "S"\nsaet = "S"'),
    "unknown table": GOOD + '\n[mial]\nfrom = "a@b.de"\n',
    "out of range": GOOD.replace('name = "N"\n', 'name = "N"\nduration_minutes = 0\n'),
    "bad month": GOOD.replace("date = 2025-04-02", 'date = "2025-13"'),
}


def test_the_good_file_passes_all_three(tmp_path: Path) -> None:
    path = tmp_path / "good.toml"
    path.write_text(DIRECTIVE + GOOD, encoding="utf-8")
    assert validate(path) == 0
    assert schema_agrees(GOOD)
    assert taplo(path).returncode == 0


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_is_refused_by_taplo_validate_and_jsonschema(
    tmp_path: Path, case: str
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(DIRECTIVE + BROKEN[case], encoding="utf-8")
    assert validate(path) == 1
    assert not schema_agrees(BROKEN[case])
    checked = taplo(path)
    assert checked.returncode == 1
    assert "error" in checked.stderr


# --- a property: files drawn from the declaration --------------------------------------------

_LETTERS = "ABCDEFGHKLMNOPRSTUVWZÄÖÜß"
_ids = st.text(_LETTERS, min_size=1, max_size=4)
_text = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=12)
_dates = st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31))
# A held meeting is never after today, the --today of `validate` below.
_held_dates = st.dates(dt.date(1990, 1, 1), dt.date(2026, 11, 24))


def _value_of(key: schema.Key) -> st.SearchStrategy[Any]:
    kind = key.kind
    if kind in (schema.CHOICE, schema.STATE):
        return st.sampled_from(key.choices)
    if kind == schema.WHOLE:
        assert key.minimum is not None and key.maximum is not None
        return st.integers(key.minimum, key.maximum)
    if kind == schema.TRUTH:
        return st.booleans()
    if kind == schema.DATE:
        return _dates
    if kind == schema.TIME:
        return st.times().map(lambda t: t.replace(microsecond=0))
    return _text.filter(lambda t: t.strip())


@st.composite
def networks(draw: st.DrawFn) -> dict[str, Any]:
    """A valid document: every simple key of [network] and [[members]] maybe, from the
    declaration; members with distinct ids; meetings hosted by them."""
    network = {"name": draw(_text.filter(lambda t: t.strip()))}
    for key in schema.NETWORK.keys:
        if key.name in ("name", "timezone", "cadence", "cadence_start", "start"):
            continue  # a rule beyond the declaration (a zone that exists, a rule that gives a day)
        if draw(st.booleans()):
            network[key.name] = draw(_value_of(key))
    ids = draw(st.lists(_ids, min_size=1, max_size=4, unique=True))
    members = []
    for ident in ids:
        member: dict[str, Any] = {"id": ident}
        for key in schema.MEMBERS.keys:
            if key.kind in (schema.TEXT, schema.STATE) or key.name == "hosts":
                member[key.name] = draw(_value_of(key))
        members.append(member)
    meetings = [
        {"date": draw(_held_dates), "host": draw(st.sampled_from(ids)), "status": "held"}
        for _ in range(draw(st.integers(0, 3)))
    ]
    return {"network": network, "members": members, "meetings": meetings}


def _wrong_type(value: Any) -> Any:
    """A value of another type: a number for text, text for anything else."""
    return 7 if isinstance(value, str) else "seven"


def test_files_drawn_from_the_declaration_pass_or_fail_validate_taplo_and_jsonschema(
    tmp_path: Path,
) -> None:
    """Valid files drawn from the declaration pass all three; with one key of a wrong type, all
    three refuse them. taplo runs once over every file drawn (a process each would take long)."""
    import tomli_w

    drawn: list[tuple[Path, bool]] = []

    @settings(
        max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(document=networks(), data=st.data())
    def files(document: dict[str, Any], data: st.DataObject) -> None:
        good = tomli_w.dumps(document)
        assert schema_agrees(good)
        path = tmp_path / f"drawn{len(drawn)}.toml"
        path.write_text(DIRECTIVE + good, encoding="utf-8")
        assert validate(path) == 0, good
        table = data.draw(st.sampled_from(["network", "members"]))
        entry = document[table] if table == "network" else document[table][0]
        key = data.draw(st.sampled_from(sorted(entry)))
        entry[key] = _wrong_type(entry[key])
        bad = tomli_w.dumps(document)
        assert not schema_agrees(bad)
        bad_path = tmp_path / f"drawn{len(drawn)}.bad.toml"
        bad_path.write_text(DIRECTIVE + bad, encoding="utf-8")
        assert validate(bad_path) == 1, bad
        drawn.extend([(path, True), (bad_path, False)])

    files()
    good = [path for path, valid in drawn if valid]
    bad = [path for path, valid in drawn if not valid]
    assert len(bad) >= 10
    checked = taplo(*good)
    assert checked.returncode == 0, checked.stderr
    said = taplo(*bad).stderr
    for path in bad:
        assert f"{path}:" in said, path


# --- init's comments -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "# joined = 2024-04-01           # optional: the day the member joined: it cannot"),
        (
            "de",
            "# joined = 2024-04-01           # optional: der Tag des Beitritts: vorher kann das",
        ),
    ],
)
def test_init_writes_each_keys_meaning_from_the_declaration(
    tmp_path: Path, lang: str, line: str
) -> None:
    path = tmp_path / "network.toml"
    args = ["init", "--no-input", "--name", "N", "--lang", lang, "-f", str(path)]
    assert CliRunner().invoke(app, args).exit_code == 0
    written = path.read_text(encoding="utf-8")
    assert line in written
    for table in (schema.MEMBERS, schema.MEETINGS):
        for key in table.keys:
            if key.example is not None:
                assert f"# {key.name} = {key.example}" in written, key
    assert "# remind_weeks = 4 " in written  # a key of [network] the template does not write
    assert written.count("start = 10:00:00") == 1
    assert all(len(row) <= 100 for row in written.splitlines() if not row.startswith("#:schema"))


def test_a_new_key_appears_in_new_files_without_editing_a_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fax = schema.Key("fax", schema.TEXT, "The member's fax number.", example='"0661 1234"')
    members = schema.Table("members", schema.MEMBERS.about, (*schema.MEMBERS.keys, fax), array=True)
    monkeypatch.setattr(schema, "MEMBERS", members)
    path = tmp_path / "network.toml"
    args = ["init", "--no-input", "--name", "N", "--lang", "en", "-f", str(path)]
    assert CliRunner().invoke(app, args).exit_code == 0
    written = path.read_text(encoding="utf-8")
    assert '# fax = "0661 1234"' + " " * 13 + "# optional: the member's fax number" in written


def test_the_readmes_complete_example_names_every_declared_key() -> None:
    """CONTRIBUTING.md's example with every key is checked by taplo and jsonschema above; here, that it
    lags behind no key the declaration adds."""
    complete = next(block for block in readme_examples() if "[[meetings]]" in block)
    document = tomllib.loads(complete)
    for table in schema.TABLES:
        entry = document[table.name][0] if table.array else document[table.name]
        assert set(entry) == set(table.known), table
        for within in table.tables:
            assert set(entry[within.name][0]) == set(within.names), within


def test_init_never_breaks_a_word_at_its_hyphen(tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    args = ["init", "--no-input", "--name", "N", "--lang", "de", "-f", str(path)]
    assert CliRunner().invoke(app, args).exit_code == 0
    written = path.read_text(encoding="utf-8")
    assert "E-Mail-Adressen" in written
    assert not re.search(r"[A-Za-zäöü]-\n", written)
