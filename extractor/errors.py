"""The errors a user can cause, each with the exit code the CLI documents."""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_DIFFERENT = 1  # `rubric diff`: the two sides differ
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3  # any failure that is not a usage error: reading, decoding, writing, limits


def display_path(path: str | Path) -> str:
    """`path` as printable text: a byte that is not UTF-8 in a file name (common in zips
    made on Windows, kept by Python as a lone surrogate) becomes `\\xNN`."""
    text = str(path)
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


class InputError(Exception):
    """An input file that cannot be read as a plan: the message says what is wrong.

    Rendered by the CLI as one line, `PATH: MESSAGE`, with exit code EXIT_BAD_INPUT.
    """

    exit_code = EXIT_BAD_INPUT

    def __init__(self, path: str | Path, message: str) -> None:
        shown = display_path(path)
        super().__init__(f"{shown}: {message}")
        self.path = shown
        self.message = message


class OutputError(InputError):
    """An output that cannot be written (permissions, a directory in the way, an input's
    own path): one line naming the file, exit code EXIT_BAD_INPUT, as for an input."""
