"""Measure the phishing flag and the mail verdict on a labelled JSON Lines file (the corpus).

Usage: ``python -m monitor.mail.evaluate FILE [--json]`` (e.g. ``../shared/corpus/announcements.jsonl``).

The corpus holds real announcements and phishing *warnings*, not raw mails, so it measures the
false alarms: how many real texts the text-only flag calls phishing (each would be kept out of
the policies), and what the verdict says about each text sent as an unsigned mail from the
marketplace's own address (never ``phishing`` for a real notice; never ``genuine`` unsigned)
and from a look-alike address (always ``phishing``). DNS is not asked (offline).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from email.message import EmailMessage

from monitor.analysis.phishing import assess
from monitor.mail.auth import DnsConfig
from monitor.mail.verdict import VerdictConfig, judge

SENDERS = {"marketplace": "Amazon Seller Central <seller-notification@amazon.com>",
           "lookalike": "Amazon Seller Central <notice@amazon-seller-verify.info>"}


def as_mail(record: dict, sender: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "ops@example-shop.test"
    msg["Subject"] = (record.get("title") or "Notice")[:200].replace("\n", " ")
    msg.set_content(record.get("text") or "")
    return msg.as_bytes()


def evaluate(records: list[dict]) -> dict:
    offline = VerdictConfig(dns=DnsConfig(offline=True))
    flags: Counter = Counter()
    verdicts: dict[str, Counter] = {k: Counter() for k in SENDERS}
    flagged = []
    for r in records:
        out = assess(r.get("text") or "", title=r.get("title"))
        flags[(r.get("label"), out["flag"])] += 1
        if out["flag"]:
            flagged.append({"id": r.get("id"), "label": r.get("label"),
                            "reasons": out["reasons"][:2]})
        for kind, sender in SENDERS.items():
            verdicts[kind][judge(as_mail(r, sender), offline)["verdict"]] += 1
    return {
        "records": len(records),
        "text_flag": {f"{label}:{'flagged' if f else 'clean'}": n
                      for (label, f), n in sorted(flags.items(), key=str)},
        "flagged": flagged,
        "verdict_from_marketplace_unsigned": dict(verdicts["marketplace"]),
        "verdict_from_lookalike": dict(verdicts["lookalike"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with open(args.file, encoding="utf-8") as fp:
        records = [json.loads(line) for line in fp if line.strip()]
    report = evaluate(records)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"records: {report['records']}")
    for key, n in report["text_flag"].items():
        print(f"  text flag {key}: {n}")
    for item in report["flagged"]:
        print(f"    flagged {item['id']} ({item['label']}): {item['reasons']}")
    print(f"  as unsigned mail from the marketplace: {report['verdict_from_marketplace_unsigned']}")
    print(f"  as mail from a look-alike domain:      {report['verdict_from_lookalike']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
