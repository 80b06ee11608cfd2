"""Reader for legacy Word .doc and WPS .wps files (OLE compound files), via LibreOffice.

Government plans still circulate as .doc/.wps. There is no good pure-Python reader for
them, so LibreOffice converts the file to .docx in a private temporary folder (its own
throw-away user profile, so a running LibreOffice does not interfere) and the .docx
reader reads the result. Without LibreOffice the error says what to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Literal

from extractor.document import Document, SourceInfo
from extractor.errors import InputError
from extractor.readers import sha256_hex

OFFICE_COMMANDS = ("soffice", "libreoffice")  # names LibreOffice installs on PATH
CONVERT_TIMEOUT_SECONDS = 120  # a plan converts in seconds; a hung office must not hang us
INSTALL_HINT = (
    ".doc/.wps needs LibreOffice: apt-get install libreoffice-writer-nogui fonts-wqy-zenhei"
)


def find_office() -> str | None:
    """The path of LibreOffice's command-line program, or None when it is not installed."""
    for command in OFFICE_COMMANDS:
        found = shutil.which(command)
        if found:
            return found
    return None


def legacy_format(path: Path) -> Literal["doc", "wps"]:
    """`wps` for a .wps file, else `doc` (the bytes cannot tell the two apart)."""
    return "wps" if path.suffix.lower() == ".wps" else "doc"


def run_office(path: Path, command: list[str]) -> None:
    """Run LibreOffice; past the timeout, kill it and the office process it started.

    `soffice` is a launcher whose child does the work, so the command runs in a process
    group of its own and the whole group is killed, leaving no orphaned office behind.
    """
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise InputError(path, f"LibreOffice could not be run ({exc.strerror})") from exc
    try:
        process.wait(timeout=CONVERT_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as exc:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise InputError(
            path, f"LibreOffice did not convert it within {CONVERT_TIMEOUT_SECONDS} s"
        ) from exc


def convert_to_docx(path: Path, data: bytes, office: str) -> bytes:
    """The .docx bytes LibreOffice makes from legacy Word/WPS bytes (InputError if it fails)."""
    with tempfile.TemporaryDirectory(prefix="plan-legacy-") as folder:
        work = Path(folder)
        source = work / f"input.{legacy_format(path)}"
        source.write_bytes(data)
        command = [
            office,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "docx",
            "--outdir",
            str(work),
            str(source),
        ]
        run_office(path, command)
        converted = work / "input.docx"
        if not converted.exists():
            raise InputError(
                path, "LibreOffice could not convert it (corrupt or password-protected .doc/.wps?)"
            )
        return converted.read_bytes()


def read_legacy(path: Path, data: bytes) -> Document:
    """Read a .doc/.wps plan by converting it to .docx with LibreOffice."""
    from extractor.readers.docx import document_builder_from_docx

    office = find_office()
    if office is None:
        raise InputError(path, INSTALL_HINT)
    builder = document_builder_from_docx(path, convert_to_docx(path, data, office))
    return builder.build(
        SourceInfo(path=str(path), format=legacy_format(path), sha256=sha256_hex(data))
    )
