"""The programs a test needs from the machine: found on PATH, else the test is skipped with the
package that provides it, or fails under NETZWERK_TESTS_STRICT=1 (CI, where every one must be
there)."""

from __future__ import annotations

import os
import shutil

import pytest


def program(name: str, *, package: str) -> str:
    """The path of `name` (as `shutil.which` finds it, also in the sbin folders)."""
    path = shutil.which(name) or shutil.which(name, path=os.pathsep.join(("/usr/sbin", "/sbin")))
    if path is not None:
        return path
    message = f"needs {name}: apt-get install {package}"
    if os.environ.get("NETZWERK_TESTS_STRICT") == "1":
        pytest.fail(message)
    pytest.skip(message)
