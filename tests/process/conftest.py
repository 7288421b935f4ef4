"""A local Bot API server process for the tests that run Comitiva as a whole process."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.process.test_run import COMITIVA, call, free_port, wait_for


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[str]:
    """A local Bot API server process; yields its base URL."""
    if not COMITIVA.exists():
        pytest.skip("the comitiva console script is not installed (run make install)")
    port = free_port()
    process = subprocess.Popen(
        [
            str(COMITIVA),
            "--db",
            f"sqlite:///{tmp_path}/sandbox.db",
            "sandbox",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: call(f"{base}/sandbox/sent"), "the sandbox to answer")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
