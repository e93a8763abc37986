"""What to do on a shared calendar: a pure function of the events, the record and the server.

Every event of `export` is one resource of a CalDAV collection. This tool only ever touches the
resources it created, which its record (`.network.toml.published`) lists with the ETag the server
gave and a digest of what was put; everything else in the calendar belongs to other people and is
left alone. The network file wins: an event of ours that someone changed or deleted on the server
is put back as the file says, and the run says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum


class Action(StrEnum):
    """A request to the calendar server."""

    CREATE = "create"  # PUT with If-None-Match: *
    REPLACE = "replace"  # PUT with If-Match: the ETag
    DELETE = "delete"  # DELETE with If-Match: the ETag


class Why(StrEnum):
    """Why a request is made."""

    NEW = "new"  # the event is not on the calendar yet
    CHANGED = "changed"  # the event changed in the file
    OVERWRITTEN = "overwritten"  # someone changed our event on the server: the file wins
    RESTORED = "restored"  # someone deleted our event on the server: the file wins
    ADOPTED = "adopted"  # ours by its name, left by a run whose record was lost
    REMOVED = "removed"  # the event is no longer in the export


@dataclass(frozen=True)
class Published:
    """What the record knows of one event on the server."""

    href: str  # the resource's path on the server
    etag: str  # the ETag the server gave for what we put
    digest: str  # a digest of what we put


@dataclass(frozen=True)
class Step:
    """One request to make, and why."""

    action: Action
    why: Why
    uid: str
    href: str
    etag: str | None = None  # the ETag the request is conditional on (replace, delete)


def resource_name(uid: str) -> str:
    """A resource's file name for a UID: safe in a URL path, one per UID."""
    return re.sub(r"[^A-Za-z0-9._@-]", "-", uid) + ".ics"


def steps(
    digests: Mapping[str, str],
    record: Mapping[str, Published],
    server: Mapping[str, str],
    *,
    href_of: Callable[[str], str],
) -> list[Step]:
    """The requests that bring the calendar in step with the events; none when nothing changed.

    `digests`: UID -> digest of the resource the export gives for it; `record`: what was put
    before; `server`: the collection's resources, path -> ETag, as the server lists them now.
    """
    found: list[Step] = []
    for uid, digest in digests.items():
        known = record.get(uid)
        href = known.href if known else href_of(resource_name(uid))
        there = server.get(href)
        if known is None and there is None:
            found.append(Step(Action.CREATE, Why.NEW, uid, href))
        elif known is None:
            found.append(Step(Action.REPLACE, Why.ADOPTED, uid, href, there))
        elif there is None:
            found.append(Step(Action.CREATE, Why.RESTORED, uid, href))
        elif there != known.etag:
            found.append(Step(Action.REPLACE, Why.OVERWRITTEN, uid, href, there))
        elif digest != known.digest:
            found.append(Step(Action.REPLACE, Why.CHANGED, uid, href, there))
    for uid, known in record.items():
        if uid not in digests and known.href in server:
            found.append(Step(Action.DELETE, Why.REMOVED, uid, known.href, server[known.href]))
    return found


def retried(step: Step, etag: str | None) -> Step | None:
    """The step again after the server refused it as changed meanwhile (412), given the ETag
    the resource has now (None: gone). None when nothing is left to do (a deletion of a resource
    that is gone); otherwise the file wins, as in `steps`."""
    if step.action is Action.DELETE:
        return None if etag is None else replace(step, etag=etag)
    if etag is None:
        return replace(step, action=Action.CREATE, why=Why.RESTORED, etag=None)
    return replace(step, action=Action.REPLACE, why=Why.OVERWRITTEN, etag=etag)
