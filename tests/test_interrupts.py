"""Ctrl-C, a cancelled CI job (SIGTERM) and a closed pipe never look like a verdict.

Each case runs the real `spbe-check` in a subprocess. To interrupt a run at a known
point, the registry URL points at a loopback socket (a stand-in server that accepts
the connection and never answers), and the signal is sent once the connection is in.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import VALID_MANIFEST

CLI = [sys.executable, "-m", "checker"]
ROOT = Path(__file__).resolve().parent.parent


def run_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SPBE_CHECK_CACHE_DIR"] = str(tmp_path / "cache")
    env.pop("SPBE_CHECK_DEBUG", None)
    return env


@pytest.mark.parametrize("signum,name", [(signal.SIGINT, "SIGINT"), (signal.SIGTERM, "SIGTERM")])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_signal_mid_run_is_exit_2_not_judged(tmp_path: Path, signum: int, name: str, lang: str) -> None:
    """Loopback stand-in: a TCP listener that accepts and stays silent, so the run waits on it."""
    manifest = tmp_path / "m.yaml"
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.settimeout(60)
        url = f"https://127.0.0.1:{server.getsockname()[1]}/registry.json"
        proc = subprocess.Popen(
            [*CLI, "check", str(manifest), "--registry", url, "--lang", lang],
            cwd=ROOT,
            env=run_env(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            connection, _ = server.accept()
            proc.send_signal(signum)
            proc.send_signal(signum)  # an impatient second Ctrl-C changes nothing
            out, err = proc.communicate(timeout=60)
            connection.close()
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 2, err
    text = err.decode()
    assert "Traceback" not in text and "Aborted!" not in text
    assert (f"interrupted ({name}): nothing was judged" if lang == "en" else f"dihentikan ({name})") in text
    assert out == b""


def run_into_closed_pipe(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    """Run with stdout a pipe whose reader is already gone, as in `spbe-check … | head` once head has exited."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [*CLI, *args],
            check=False,
            cwd=ROOT,
            env=run_env(tmp_path),
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=300,
        )
    finally:
        os.close(write_end)


def test_a_listing_into_a_closed_pipe_ends_quietly_like_a_unix_tool(tmp_path: Path) -> None:
    result = run_into_closed_pipe(["rules"], tmp_path)
    assert result.returncode == 141  # 128 + SIGPIPE, what a shell reports for `yes | head`
    assert result.stderr == b""


def test_a_judging_command_into_a_closed_pipe_is_exit_2(tmp_path: Path) -> None:
    manifest = tmp_path / "m.yaml"
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    result = run_into_closed_pipe(["check", str(manifest), "--format", "json"], tmp_path)
    assert result.returncode == 2  # the verdict was not delivered: never 0, never read as a fail
    text = result.stderr.decode()
    assert "Traceback" not in text and "internal error" not in text and "BrokenPipe" not in text
    assert "the report was not delivered" in text


def test_report_to_a_full_stdout_says_it_was_judged(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("/dev/full is not available on this system (Linux provides it)")
    manifest = tmp_path / "m.yaml"
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [*CLI, "check", str(manifest)],
            check=False,
            cwd=ROOT,
            env=run_env(tmp_path),
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=300,
        )
    assert result.returncode == 2
    text = result.stderr.decode()
    assert "were judged" in text and "standard output" in text and "ENOSPC" in text
    assert "nothing was judged" not in text and "Traceback" not in text
