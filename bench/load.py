"""A small HTTP load driver (run in its own process, so it does not share the server's GIL).

``python -m bench.load URL --requests N --concurrency C --max-seconds S [--token T]`` sends up to
N GET requests from C threads, each with its own keep-alive httpx client, stops early when S
seconds have passed, and prints one JSON object: sent, ok, errors, status counts, wall seconds,
requests/s and latency percentiles (ms).
"""
from __future__ import annotations

import argparse
import json
import threading
import time


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile of ``values`` (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(round(q / 100 * len(ordered) + 0.5))))
    return ordered[rank - 1]


def drive(url: str, *, requests: int, concurrency: int, max_seconds: float,
          token: str | None = None, timeout: float = 120.0, if_none_match: bool = False,
          touch: str | None = None) -> dict:
    """``if_none_match``: take the ETag of one first answer and send it on every request (the
    extension's unchanged poll; a 304 counts as answered). ``touch``: before each request, PUT
    this contact's Amazon status to the other value (untimed), so every timed GET follows a
    change."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    ok_status = "200"
    if if_none_match:
        with httpx.Client(headers=headers, timeout=timeout, trust_env=False) as first:
            headers["If-None-Match"] = first.get(url).headers["ETag"]
        ok_status = "304"
    flip = [0]
    lock = threading.Lock()
    remaining = [requests]
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors: list[str] = []
    nbytes = [0]
    stop_at = time.monotonic() + max_seconds

    def worker() -> None:
        with httpx.Client(headers=headers, timeout=timeout, trust_env=False) as client:
            while True:
                with lock:
                    if remaining[0] <= 0 or time.monotonic() > stop_at:
                        return
                    remaining[0] -= 1
                if touch:
                    with lock:
                        flip[0] += 1
                        value = "verified" if flip[0] % 2 else "unknown"
                    client.put(touch, json={"status": value, "source": "manual"})
                started = time.perf_counter()
                try:
                    resp = client.get(url)
                    body = resp.content
                except httpx.HTTPError as exc:
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    statuses[str(resp.status_code)] = statuses.get(str(resp.status_code), 0) + 1
                    nbytes[0] += len(body)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    done = len(latencies)
    ok = statuses.get(ok_status, 0)
    return {
        "url": url, "requested": requests, "sent": done + len(errors), "ok": ok,
        "errors": len(errors), "first_error": errors[0] if errors else None,
        "statuses": statuses, "concurrency": concurrency, "wall_s": wall,
        "stopped_early": done + len(errors) < requests,
        "rps": ok / wall if wall else None,
        "p50_ms": (percentile(latencies, 50) or 0) * 1000,
        "p99_ms": (percentile(latencies, 99) or 0) * 1000,
        "mean_bytes": nbytes[0] / done if done else 0,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=20.0)
    parser.add_argument("--token")
    parser.add_argument("--if-none-match", action="store_true")
    parser.add_argument("--touch", default=None, help="PUT amazon-status URL to change before each GET")
    args = parser.parse_args(argv)
    print(json.dumps(drive(args.url, requests=args.requests, concurrency=args.concurrency,
                           max_seconds=args.max_seconds, token=args.token,
                           if_none_match=args.if_none_match, touch=args.touch)))


if __name__ == "__main__":
    main()
