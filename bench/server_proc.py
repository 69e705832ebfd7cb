"""Run the SellerGuard API under waitress in this process (a benchmark's or test's subprocess).

``python -m bench.server_proc HOME [--threads N] [--rate-limits]`` prints ``PORT <n>`` once the
socket is listening on 127.0.0.1 (port chosen by the OS), then serves until killed. Rate limits
are off unless ``--rate-limits`` is given: the benchmark drives one token far past
``API_RATE_LIMIT`` on purpose. The monitor's scheduler is never started here.
"""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("home")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rate-limits", action="store_true")
    args = parser.parse_args(argv)

    import waitress

    from server import create_app

    app = create_app({"HOME": args.home, "OFFLINE": True, "MONITOR": False,
                      "RATELIMIT_ENABLED": bool(args.rate_limits)})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=args.threads,
                                    connection_limit=1000, channel_timeout=60)
    print(f"PORT {server.effective_port}", flush=True)
    sys.stdout.flush()
    server.run()


if __name__ == "__main__":
    main()
