"""Start-up: from starting the ``comitiva run`` process to its first ``getUpdates``."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMITIVA = Path(sys.executable).parent / "comitiva"
GOAL_S = 2.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=5) as response:
        result: dict[str, object] = json.loads(response.read())
        return result


def once(folder: str, base: str, attempt: int) -> float:
    url = f"sqlite:///{folder}/startup-{attempt}.db"
    subprocess.run(
        [str(COMITIVA), "--db", url, "import", str(ROOT / "examples" / "korea-latam-2021.yaml")],
        check=True,
        capture_output=True,
    )
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": f"{attempt}:startup",
        "TELEGRAM_API_BASE_URL": f"{base}/bot",
    }
    before = len(get(f"{base}/sandbox/calls")["result"])  # type: ignore[arg-type]
    started = time.time()
    bot = subprocess.Popen(
        [str(COMITIVA), "--db", url, "run"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            calls = get(f"{base}/sandbox/calls")["result"]
            assert isinstance(calls, dict)
            if "getUpdates" in calls and float(calls["getUpdates"]) >= started:
                return float(calls["getUpdates"]) - started
            time.sleep(0.02)
        raise RuntimeError(f"no getUpdates within 30 s ({before} calls before)")
    finally:
        bot.terminate()
        bot.wait(timeout=30)


def main() -> dict[str, object]:
    port = free_port()
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        for attempt in range(3):
            sandbox = subprocess.Popen(
                [str(COMITIVA), "sandbox", "--port", str(port)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            base = f"http://127.0.0.1:{port}"
            try:
                for _ in range(200):
                    try:
                        get(f"{base}/sandbox/calls")
                        break
                    except OSError:
                        time.sleep(0.05)
                runs.append(once(folder, base, attempt))
            finally:
                sandbox.terminate()
                sandbox.wait(timeout=10)
    median = statistics.median(runs)
    return {
        "name": "start-up, process start to first getUpdates (median of 3)",
        "value": round(median, 2),
        "unit": "s",
        "runs": [round(r, 2) for r in runs],
        "goal": GOAL_S,
        "ratio_to_goal": round(median / GOAL_S, 2),
        "pass": median < GOAL_S,
    }


if __name__ == "__main__":
    print(main())
