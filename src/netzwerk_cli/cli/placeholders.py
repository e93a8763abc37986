"""The placeholders of the help and the usage line (`--host ID`, `record [OPTIONS] YYYY-MM-DD`),
declared once in English and said in the terminal's language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netzwerk_cli.message import N_

if TYPE_CHECKING:
    from netzwerk_cli.words import Words

# What a value is, as the help and the usage line show it (`--host ID`, `record [OPTIONS]
# YYYY-MM-DD`), where typer would show the Python type (`--host <str>`, `YYYY-MM-DD <date>`):
# the placeholder an option or argument declares (`metavar=`), else the one named here for its
# option, else one for the kind of value. All are said in the terminal's language here, in one
# place, so that a command module declares a placeholder once, in English, and nothing else.
METAVARS = (
    N_("YYYY-MM-DD"),
    N_("DATE"),
    N_("HH:MM"),
    N_("ID"),
    N_("IDS"),
    N_("MINUTES"),
    N_("DIR"),
    N_("FILE"),
    N_("FOLDER"),
    N_("CHAR"),
    N_("WORDS"),
    N_("ID;NAME;SEAT;STATE"),
    N_("CONTACT"),
    N_("SERVER"),
    N_("KIND"),
    N_("YYYY"),
)
OPTION_METAVARS = {
    "--file": N_("FILE"),
    "--output": N_("FILE"),
    "--host": N_("ID"),
    "--venue": N_("PLACE"),
    "--seat": N_("PLACE"),
    "--title": N_("TITLE"),
    "--notes": N_("NOTES"),
    "--description": N_("DESCRIPTION"),
    "--name": N_("NAME"),
    "--state": N_("STATE"),
    "--count": N_("NUMBER"),
    "--weeks": N_("WEEKS"),
}
# typer's names of the kinds of value (`<str>`, `<int range>`), for an option named nowhere above.
KIND_METAVARS = {
    "<str>": N_("VALUE"),
    "<path>": N_("PATH"),
    "<date>": N_("DATE"),
    "<datetime>": N_("DATE"),
    "<int>": N_("NUMBER"),
    "<int range>": N_("NUMBER"),
    "<float>": N_("NUMBER"),
    "<float range>": N_("NUMBER"),
}


def declared_placeholder(param: Any) -> str | None:
    """The placeholder an option or argument has in English before it is said (see `METAVARS`):
    its own, else its option's; None for a flag, and for an option left to its kind of value."""
    declared = getattr(param, "_declared_metavar", param.metavar)
    if declared is not None:
        # `[YYYY-MM-DD]`: the usage line brackets an optional argument itself.
        return str(declared).removeprefix("[").removesuffix("]")
    if param.param_type_name == "argument":
        return str(param.name).upper()
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    return next((OPTION_METAVARS[name] for name in param.opts if name in OPTION_METAVARS), None)


def kind_placeholder(kind: str | None) -> str | None:
    """The placeholder for typer's name of a kind of value (`<str>`, `<int range>`); None for
    no kind, and for a choice, whose values typer lists as they are typed (`<de|en>`)."""
    if kind is None or "|" in kind:
        return None
    return KIND_METAVARS.get(kind, N_("VALUE"))


def _said_placeholder(placeholder: str, said: Words) -> str:
    """A placeholder in the language of `said`, in capitals as placeholders are written (the
    msgid "ID" is also the column title "Kürzel")."""
    return said(placeholder).upper()


def say_placeholder(param: Any, said: Words) -> None:
    """An option's or argument's placeholder in the language of `said`, in its help line, the
    usage line and click's errors ("Missing argument 'DATUM'")."""
    if not hasattr(param, "_declared_metavar"):
        param._declared_metavar = param.metavar
    placeholder = declared_placeholder(param)
    if param.param_type_name == "argument":
        name = _said_placeholder(placeholder or str(param.name), said)
        param.metavar = name
        usage = (name if param.required else f"[{name}]") + ("..." if param.nargs != 1 else "")
        # The help line names an argument once, without its kind of value; the usage line
        # writes it as click does (typer writes a required one as `{DATE}`).
        param.display_type_rich = lambda ctx: None
        param.get_usage_pieces = lambda ctx: [usage]
    elif placeholder is not None:
        param.metavar = _said_placeholder(placeholder, said)
    elif not (getattr(param, "is_flag", False) or getattr(param, "count", False)):
        shown = param.display_type_rich

        def display_type_rich(ctx: Any) -> Any:
            label = shown(ctx)
            kind = kind_placeholder(label)
            return _said_placeholder(kind, said) if kind is not None else label

        param.display_type_rich = display_type_rich
