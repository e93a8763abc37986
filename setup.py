"""Compile the gettext catalogs (`.po` -> `.mo`) whenever the package is built or installed.

Everything else about the package is in pyproject.toml. The compiled catalogs are build output,
never kept in git: a regular install writes them into the wheel, an editable install (PEP 660)
beside their `.po` files in the source tree, where the running package finds them. Babel compiles
them: it is the catalog library of the Python world (Sphinx and Flask use it), pure Python, and a
build requirement only, so users never install it.
"""

from pathlib import Path
from typing import ClassVar

from setuptools import Command, setup
from setuptools.command.build import build

SOURCE = Path("src")
CATALOGS = "netzwerk_cli/words/locale"


class build_catalogs(Command):  # setuptools names its commands in snake case
    """Compile every `locale/<language>/LC_MESSAGES/*.po` of the package to its `.mo`."""

    description = "compile the gettext catalogs"
    user_options: ClassVar[list[tuple[str, str | None, str]]] = []

    def initialize_options(self) -> None:
        self.build_lib: str | None = None
        self.editable_mode = False

    def finalize_options(self) -> None:
        self.set_undefined_options("build_py", ("build_lib", "build_lib"))

    def _pairs(self) -> list[tuple[Path, Path]]:
        target = SOURCE if self.editable_mode else Path(self.build_lib or "build/lib")
        return [
            (po, target / po.relative_to(SOURCE).with_suffix(".mo"))
            for po in sorted((SOURCE / CATALOGS).glob("*/LC_MESSAGES/*.po"))
        ]

    def run(self) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po, mo in self._pairs():
            with po.open("rb") as source:
                catalog = read_po(source)
            mo.parent.mkdir(parents=True, exist_ok=True)
            with mo.open("wb") as target:
                write_mo(target, catalog, use_fuzzy=False)

    def get_source_files(self) -> list[str]:
        return [str(po) for po, _ in self._pairs()]

    def get_outputs(self) -> list[str]:
        return [str(mo) for _, mo in self._pairs()]

    def get_output_mapping(self) -> dict[str, str]:
        return {str(mo): str(po) for po, mo in self._pairs()}


build.sub_commands.append(("build_catalogs", None))
setup(cmdclass={"build_catalogs": build_catalogs})
