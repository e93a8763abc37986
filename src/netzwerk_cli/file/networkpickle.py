"""A network as bytes and back, for the network cache (`file.networkcache`): a pickle, read by an
unpickler that admits only what a network is made of.

A pickle may name any callable to run as it is read. This one may name only the dataclasses and
enumerations of the model's modules and the classes of `datetime` that a network holds, so a
forged pickle cannot call a function (a test forges one that would run a command). It is the
second guard, not the first: a pickle can still give the classes it names new attributes, and
any network it builds is used as it is, so the cache believes a slot only when the user alone can
have written it (`networkcache._owned_alone`). Its own module, so that a run on a small file never
imports `pickle`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import importlib
import io
import pickle
from typing import Any

from netzwerk_cli.model import Network

# The modules whose classes a network is made of, and what of `datetime` it holds.
_MODEL_MODULES = frozenset({"netzwerk_cli.model", "netzwerk_cli.servers", "netzwerk_cli.contact"})
_DATETIME_CLASSES = frozenset({"date", "time", "datetime", "timedelta", "timezone"})


def network_pickle(network: Network) -> bytes:
    """The network as a pickle."""
    return pickle.dumps(network, protocol=pickle.HIGHEST_PROTOCOL)


def network_from_pickle(data: bytes) -> Network | None:
    """The network that `network_pickle` made `data` of; None for anything else (damaged, forged,
    or naming a class that is no part of a network)."""
    try:
        found = _NetworkUnpickler(io.BytesIO(data)).load()
    # What a damaged or forged pickle can raise is wide; none of it is ours to say.
    except (
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        IndexError,
        KeyError,
        TypeError,
        ValueError,
        OverflowError,
        RecursionError,
        MemoryError,  # a length or a memo index near 2**31 in ten bytes: nothing was allocated
    ):
        return None
    return found if isinstance(found, Network) else None


class _NetworkUnpickler(pickle.Unpickler):
    """Unpickles a network and nothing else: each class a pickle names must be a dataclass or an
    enumeration of the model's modules, or a date or time; anything else (a function to call, a
    class of another module) stops the reading."""

    def find_class(self, module_name: str, name: str) -> Any:
        if module_name == "datetime" and name in _DATETIME_CLASSES:
            return getattr(dt, name)
        if (module_name, name) == ("builtins", "getattr"):
            return _enum_member  # never getattr itself, which reaches anything
        if module_name in _MODEL_MODULES:
            found = getattr(importlib.import_module(module_name), name, None)
            if (
                isinstance(found, type)
                and found.__module__ == module_name
                and (dataclasses.is_dataclass(found) or issubclass(found, enum.Enum))
            ):
                return found
        # Caught in `network_from_pickle`: never said to anyone, so no message to translate.
        raise pickle.UnpicklingError(module_name, name)


def _enum_member(enumeration: object, name: object) -> enum.Enum:
    """A member of one of the model's enumerations by its name: what `getattr(Status, "HELD")`
    gives, as some Python releases pickle an enumeration's member (3.11.2 does; 3.11.7 calls the
    class with the value). Anything else stops the reading."""
    if (
        isinstance(enumeration, enum.EnumMeta)
        and enumeration.__module__ in _MODEL_MODULES
        and isinstance(name, str)
        and name in enumeration.__members__
    ):
        return enumeration.__members__[name]
    # Caught in `network_from_pickle`: never said to anyone, so no message to translate.
    raise pickle.UnpicklingError(enumeration, name)
