"""The papers written into the --output folder (created if missing): each file whole or not at
all, and none at all when one exists already, unless --force."""

from pathlib import Path
from typing import TYPE_CHECKING

from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact, facts

if TYPE_CHECKING:
    from collections.abc import Callable


def move_made(folder: Path, make: "Callable[[Path], list[Path]]", *, force: bool) -> list[Path]:
    """The files `make` writes into a scratch folder inside `folder`, moved into `folder` (a
    rename in one folder: each file whole or not at all); none when one exists already and not
    `force`. The scratch folder is removed whatever happens."""
    import shutil
    import tempfile

    from netzwerk_cli.errors import WriteError
    from netzwerk_cli.file.fileio import ensure_folder

    ensure_folder(
        folder, not_a_folder=fact(N_("{path}: --output must be a folder"), path=str(folder))
    )
    try:
        scratch = Path(tempfile.mkdtemp(prefix=".netzwerk-papers-", dir=folder))
    except OSError as exc:
        raise WriteError(
            fact(N_("{path}: cannot write: {why}"), path=folder, why=exc.strerror)
        ) from None
    try:
        made = make(scratch)
        targets = [folder / path.name for path in made]
        _refuse_existing(targets, force=force)
        for path, target in zip(made, targets, strict=True):
            path.replace(target)
        return targets
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _refuse_existing(targets: list[Path], *, force: bool) -> None:
    """A `CommandError` when one of `targets` exists already and not `force`."""
    there = [path for path in targets if path.exists() or path.is_symlink()]
    if there and not force:
        raise CommandError(
            facts(
                "{paths} exists already: nothing was written; --force replaces it",
                "{paths} exist already: nothing was written; --force replaces them",
                count=len(there),
                paths=", ".join(map(str, there)),
            )
        )


def write_files(folder: Path, files: dict[str, bytes], *, force: bool) -> list[Path]:
    """Write `files` into `folder` (created if missing, as every folder netzwerk writes into),
    each atomically; none at all when one exists already and not `force`."""
    from netzwerk_cli.file.fileio import ensure_folder, write_atomically

    ensure_folder(
        folder, not_a_folder=fact(N_("{path}: --output must be a folder"), path=str(folder))
    )
    targets = [folder / name for name in files]
    _refuse_existing(targets, force=force)
    for path, data in zip(targets, files.values(), strict=True):
        write_atomically(path, data)
    return targets
