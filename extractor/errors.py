"""The errors a user can cause, each with the exit code the CLI documents."""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_DIFFERENT = 1  # `rubric diff`: the two sides differ
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3


class InputError(Exception):
    """An input file that cannot be read as a plan: the message says what is wrong.

    Rendered by the CLI as one line, `PATH: MESSAGE`, with exit code EXIT_BAD_INPUT.
    """

    exit_code = EXIT_BAD_INPUT

    def __init__(self, path: str | Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message
