"""A monitor process killed (SIGKILL) in the middle of a cycle and restarted loses no item and
sends no alert twice."""
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from mon_support import rss, wait_for
from monitor.channels import add_channel
from monitor.sources.service import create_source

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

SCRIPT = textwrap.dedent("""
    import sys
    sys.path[:0] = [{repo!r}, {here!r}]
    from monitor.config import Hooks, MonitorConfig
    from monitor.db import connect
    from monitor.fetch import FetchConfig
    from monitor import pipeline
    from mon_support import stub_analyze
    db = connect(sys.argv[1])
    deadline = float(sys.argv[2])
    cfg = MonitorConfig(fetch=FetchConfig(connect_timeout=2, read_timeout=deadline,
                                          deadline=deadline),
                        lease_s=float(sys.argv[3]), fetch_grace=1, delivery_backoff_base=0)
    s = pipeline.run_once(db, all=len(sys.argv) > 4, config=cfg, analyzer=stub_analyze,
                          hooks=Hooks(all_users=lambda: [1]))
    print(s.sources, s.new_items, s.alerts, s.delivered, flush=True)
""")

FAST = rss([{"title": "Sellers must verify the emergency contact phone", "guid": "a-1",
             "link": "http://a.test/1", "description": "Verify emergency contact. OTP.",
             "pubDate": "Thu, 30 Jan 2025 18:00:00 GMT"},
            {"title": "Unrelated fee news", "guid": "a-2", "link": "http://a.test/2",
             "description": "Fees.", "pubDate": "Thu, 30 Jan 2025 19:00:00 GMT"}])
SLOW = rss([{"title": "Report: verify your emergency contact now", "guid": "b-1",
             "link": "http://b.test/1", "description": "Verify the emergency contact phone.",
             "pubDate": "Fri, 31 Jan 2025 10:00:00 GMT"}])


def _run(db_path, script, deadline, lease, *extra, wait=True):
    cmd = [sys.executable, str(script), str(db_path), str(deadline), str(lease), *extra]
    if not wait:
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_kill_mid_cycle_then_restart(tmp_path, db, site_factory, receiver):
    db_path = Path(db.target)
    script = tmp_path / "run_monitor.py"
    script.write_text(SCRIPT.format(repo=str(REPO), here=str(HERE)))
    fast, slow = site_factory(), site_factory()
    fast.route("/feed", body=FAST)
    slow.route("/feed", body=SLOW, drip=0.5)  # 0.5 s per byte: the cycle is stuck here
    create_source(db, None, {"name": "Fast", "kind": "feed", "url": fast.url("/feed"),
                             "official": True})
    slow_src = create_source(db, None, {"name": "Slow", "kind": "feed", "url": slow.url("/feed")})
    add_channel(db, 1, "hook", receiver.apprise_url)

    proc = _run(db_path, script, 300, 1, wait=False)
    try:
        stored = wait_for(lambda: db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 2
                          and slow.hits.get("/feed", 0) >= 1, timeout=60)
        assert stored, proc.stderr.read1().decode() if proc.poll() is not None else "no progress"
        assert proc.poll() is None  # still stuck on the slow source
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    # killed after storing the fast source's items, before analysing them
    assert db.execute("SELECT COUNT(*) FROM items WHERE analyzed_at IS NULL").fetchone()[0] == 2
    assert receiver.messages == []

    slow.routes["/feed"].drip = 0
    # restart: the fast source is not due, the slow one is (once the dead process's lease ends)
    assert wait_for(lambda: _run(db_path, script, 5, 1) and db.execute(
        "SELECT state FROM source_state WHERE source_id = ?", [slow_src["id"]]).fetchone()[0]
        == "ok", timeout=60)
    assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 3
    assert db.execute("SELECT COUNT(*) FROM items WHERE analyzed_at IS NULL").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM policies").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM policy_items").fetchone()[0] == 2
    # and once more with every source, for good measure
    _run(db_path, script, 5, 1, "--all")
    new_alerts = [m for m in receiver.messages if m["payload"]["title"].startswith("New")]
    assert len(new_alerts) == 1
    keys = [m["headers"]["X-SellerGuard-Idempotency-Key"] for m in receiver.messages]
    assert len(keys) == len(set(keys))
    assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 3
