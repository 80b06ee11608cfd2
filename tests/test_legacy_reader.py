"""The .doc/.wps reader: LibreOffice missing, a (fake) conversion, failures, a real one."""

from __future__ import annotations

import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.readers import OLE_MAGIC, read_document, sha256_hex
from extractor.readers.legacy import INSTALL_HINT, find_office, legacy_format, read_legacy
from tests.conftest import CORPUS

LEGACY_BYTES = OLE_MAGIC + b"\x00" * 504  # the header of a compound file, enough to detect


def fake_office(folder: Path, script: str) -> None:
    """Put an executable `soffice` running `script` (sh) first on a PATH of `folder`."""
    folder.mkdir(exist_ok=True)
    program = folder / "soffice"
    program.write_text("#!/bin/sh\nPATH=/usr/bin:/bin\n" + script)
    program.chmod(program.stat().st_mode | stat.S_IEXEC)


# Copies a corpus .docx to `<outdir>/input.docx`, as `soffice --convert-to docx` would.
COPYING_OFFICE = """
while [ "$1" != "--outdir" ]; do shift; done
cp "{docx}" "$2/input.docx"
"""


def test_without_libreoffice_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_office() is None
    with pytest.raises(InputError) as caught:
        read_legacy(Path("plan.doc"), LEGACY_BYTES)
    assert caught.value.message == INSTALL_HINT
    assert "libreoffice-writer-nogui" in INSTALL_HINT and "fonts-wqy-zenhei" in INSTALL_HINT


def test_ole_bytes_are_routed_to_the_legacy_reader_whatever_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    plan = tmp_path / "plan.txt"
    plan.write_bytes(LEGACY_BYTES)
    with pytest.raises(InputError, match="needs LibreOffice"):
        read_document(plan)


@pytest.mark.parametrize(("name", "fmt"), [("plan.doc", "doc"), ("plan.WPS", "wps")])
def test_converted_file_is_read_as_docx(
    name: str, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_office(tmp_path / "bin", COPYING_OFFICE.format(docx=CORPUS / "hangtai.docx"))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    doc = read_legacy(Path(name), LEGACY_BYTES)
    assert doc.source.format == fmt
    assert doc.source.sha256 == sha256_hex(LEGACY_BYTES)  # of the file given, not the .docx
    assert doc.source.path == name
    assert "一、创建目标" in [p.text for p in doc.paragraphs]


def test_libreoffice_failing_to_convert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_office(tmp_path / "bin", "exit 1\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(InputError, match=r"could not convert it \(corrupt or password-protected"):
        read_legacy(Path("plan.doc"), LEGACY_BYTES)


def test_libreoffice_hanging_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_office(tmp_path / "bin", f"sleep 30 &\necho $! > {tmp_path}/child.pid\nwait\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr("extractor.readers.legacy.CONVERT_TIMEOUT_SECONDS", 0.5)
    with pytest.raises(InputError, match=r"did not convert it within 0.5 s"):
        read_legacy(Path("plan.doc"), LEGACY_BYTES)
    child = int((tmp_path / "child.pid").read_text())
    for _ in range(50):  # the launcher's child was killed with it (gone, or a zombie)
        if not is_running(child):
            break
        time.sleep(0.05)
    assert not is_running(child)


def is_running(pid: int) -> bool:
    """True while process `pid` exists and is not a zombie."""
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_legacy_format_from_the_extension() -> None:
    assert legacy_format(Path("a.wps")) == "wps"
    assert legacy_format(Path("a.doc")) == "doc"
    assert legacy_format(Path("a")) == "doc"


@pytest.mark.skipif(find_office() is None, reason="LibreOffice (soffice) is not installed")
def test_real_conversion_round_trip(tmp_path: Path) -> None:
    office = find_office()
    assert office is not None
    shutil.copy(CORPUS / "qingyang.docx", tmp_path / "qingyang.docx")
    subprocess.run(
        [office, "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "doc", "--outdir", str(tmp_path), str(tmp_path / "qingyang.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    legacy = tmp_path / "qingyang.doc"
    doc = read_document(legacy)
    assert doc.source.format == "doc"
    assert "一、创建对象" in [p.text for p in doc.paragraphs]
    # LibreOffice rewrites the lists (one abstract list per restart, taiwaneseCounting…)
    # and the tables, yet the text read back is the .docx's, character for character
    assert doc.text == read_document(CORPUS / "qingyang.docx").text
