"""`--output` on a full disk: no 0-byte or half report, no temporary file left, and a true message.

The full disk is faked: the write (or the fsync after it) raises OSError(ENOSPC) the way
a full file system does, part-way through; /dev/full is used where it applies.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import checker.plumbing.atomicfile
from checker.cli.main import main
from checker.plumbing.atomicfile import write_text_atomically
from conftest import VALID_MANIFEST


class HalfThenFull:
    """A file handle that takes half of what it is given and then reports a full disk."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> HalfThenFull:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


@pytest.fixture
def disk_full_on_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        checker.plumbing.atomicfile.os, "fdopen", lambda fd, *a, **k: HalfThenFull(real_fdopen(fd, *a, **k))
    )


@pytest.fixture
def disk_full_on_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(checker.plumbing.atomicfile.os, "fsync", fsync)


def check_to(tmp_path: Path, registry_file: Path, tiny_policies: Path, output: Path, lang: str = "en") -> Any:
    manifest = tmp_path / "m.yaml"
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    return CliRunner().invoke(
        main,
        [
            "check",
            str(manifest),
            "--registry",
            str(registry_file),
            "--policies",
            str(tiny_policies),
            "--format",
            "json",
            "--output",
            str(output),
            "--lang",
            lang,
        ],
    )


@pytest.mark.parametrize("fault", ["disk_full_on_write", "disk_full_on_fsync"])
def test_full_disk_keeps_the_old_report_leaves_no_temp_and_says_it_judged(
    tmp_path: Path, registry_file: Path, tiny_policies: Path, request: pytest.FixtureRequest, fault: str
) -> None:
    out_dir = tmp_path / "reports"
    out_dir.mkdir()
    report = out_dir / "spbe.json"
    report.write_text('{"previous": true}\n')
    request.getfixturevalue(fault)
    result = check_to(tmp_path, registry_file, tiny_policies, report)
    assert result.exit_code == 2
    assert report.read_text() == '{"previous": true}\n'  # never a 0-byte or half report
    assert sorted(p.name for p in out_dir.iterdir()) == ["spbe.json"]  # the temporary file is gone
    message = result.stderr
    assert "the manifests were judged (pass 0, warn 0, fail 1, invalid 0)" in message
    assert str(report) in message and "No space left on device (ENOSPC)" in message
    assert "nothing was judged" not in message and "internal error" not in message


def test_full_disk_message_in_bahasa_indonesia(
    tmp_path: Path, registry_file: Path, tiny_policies: Path, disk_full_on_write: None
) -> None:
    result = check_to(tmp_path, registry_file, tiny_policies, tmp_path / "r.json", lang="id")
    assert result.exit_code == 2
    assert "manifes sudah dinilai" in result.stderr and "tidak dapat ditulis" in result.stderr
    assert not (tmp_path / "r.json").exists()


def test_dev_full_as_output(tmp_path: Path, registry_file: Path, tiny_policies: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("/dev/full is not available on this system (Linux provides it)")
    result = check_to(tmp_path, registry_file, tiny_policies, Path("/dev/full"))
    assert result.exit_code == 2
    assert "were judged" in result.stderr and "/dev/full" in result.stderr and "ENOSPC" in result.stderr


def test_a_written_report_is_complete_with_usual_permissions(
    tmp_path: Path, registry_file: Path, tiny_policies: Path
) -> None:
    report = tmp_path / "out" / "spbe.json"
    report.parent.mkdir()
    result = check_to(tmp_path, registry_file, tiny_policies, report)
    assert result.exit_code == 1, result.output
    assert report.read_text(encoding="utf-8").rstrip().endswith("}")
    assert [p.name for p in report.parent.iterdir()] == ["spbe.json"]
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(report.stat().st_mode) == 0o666 & ~mask


def test_replacing_keeps_the_permissions_of_the_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_text_atomically(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_fifo_target_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_text_atomically(fifo, "report\n")
        assert os.read(reader, 100) == b"report\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
