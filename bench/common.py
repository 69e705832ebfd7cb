"""Shared bits of the benchmark modules: the row format and subprocess helpers."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def row(group: str, figure: str, value, unit: str, how: str, **extra) -> dict:
    """One line of the summary table (``value`` None with ``unit`` "not measured: …" when skipped)."""
    return {"group": group, "figure": figure, "value": value, "unit": unit, "how": how, **extra}


def env() -> dict:
    """The environment for child processes: the repository importable, no proxies."""
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        e.pop(key, None)
    e["NO_PROXY"] = e["no_proxy"] = "127.0.0.1,localhost"
    return e


class ServerProcess:
    """``bench.server_proc`` in a subprocess; ``base`` is its http://127.0.0.1:PORT."""

    def __init__(self, home: Path, *, threads: int = 4, rate_limits: bool = False,
                 start_timeout: float = 60.0) -> None:
        args = [PYTHON, "-m", "bench.server_proc", str(home), "--threads", str(threads)]
        if rate_limits:
            args.append("--rate-limits")
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env(), stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self._first_line(start_timeout)
        if not line.startswith("PORT "):
            self.stop()
            raise RuntimeError(f"server did not start: {line!r} {self.proc.stderr.read()[:2000]}")
        self.port = int(line.split()[1])
        self.base = f"http://127.0.0.1:{self.port}"

    def _first_line(self, timeout: float) -> str:
        import selectors

        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            return "<no output>"
        return self.proc.stdout.readline().strip()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def run_json(args: list[str], timeout: float) -> dict:
    """Run a Python module in a child process and parse the JSON it prints last."""
    out = subprocess.run([PYTHON, *args], cwd=ROOT, env=env(), capture_output=True, text=True,
                         timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])
