"""End to end: a new item on a local feed becomes one policy and one alert delivered once to a
json:// channel; a second report of the same story merges into it; a new deadline is an update."""
from datetime import timedelta

import pytest

from mon_support import rss
from monitor import alerts, channels, pipeline, policies
from monitor.config import Hooks
from monitor.db import utcnow
from monitor.errors import ChannelError, NotFound
from monitor.sources.service import create_source

OFFICIAL = rss([{"title": "Verify your emergency contact number", "guid": "forum-1",
                 "link": "http://forum.test/t/1",
                 "description": "Verify the emergency contact phone by OTP. Effective 2025-01-24. "
                                "Marketplace: US.",
                 "pubDate": "Thu, 30 Jan 2025 18:00:00 GMT"}])
PRESS = rss([{"title": "Amazon requires sellers to verify emergency contact", "guid": "p-1",
              "link": "http://press.test/ecn",
              "description": "Sellers must verify the emergency contact number (one-time code).",
              "pubDate": "Fri, 31 Jan 2025 13:45:00 GMT"},
             {"title": "Beware of phishing: fake 'verify your phone' mails", "guid": "p-2",
              "link": "http://press.test/phish",
              "description": "Scammers ask you to verify your phone. This is phishing.",
              "pubDate": "Fri, 31 Jan 2025 15:00:00 GMT"}])


def later(hours):
    """A clock this many hours ahead, so retries are due without waiting."""
    return utcnow() + timedelta(hours=hours)


def impact(user_id, policy):
    return [f"Account 'Acme {user_id}' ({policy['marketplace']}): emergency phone "
            "+49 30 ••••567 is a landline"]


@pytest.fixture
def world(db, site_factory, receiver):
    forum, press = site_factory(), site_factory()
    forum.route("/feed", body=OFFICIAL)
    press.route("/feed", body=PRESS)
    official = create_source(db, None, {"name": "Forum US", "kind": "feed",
                                        "url": forum.url("/feed"), "official": True})
    trade = create_source(db, None, {"name": "Trade press", "kind": "feed",
                                     "url": press.url("/feed")})
    channels.add_channel(db, 7, "my hook", receiver.apprise_url)
    hooks = Hooks(impact=impact, all_users=lambda: [7])
    return {"forum": forum, "press": press, "official": official, "trade": trade,
            "hooks": hooks}


def test_new_item_becomes_one_policy_and_one_delivered_alert(db, world, fast_config,
                                                             analyzer, receiver):
    db.execute("UPDATE sources SET enabled = 0 WHERE id = ?", [world["trade"]["id"]])
    summary = pipeline.run_once(db, config=fast_config, analyzer=analyzer, hooks=world["hooks"])
    assert summary.policies_new == 1 and summary.alerts == 1 and summary.delivered == 1
    [msg] = receiver.messages
    assert msg["payload"]["title"].startswith("New contact-verification policy [US]")
    body = msg["payload"]["message"]
    assert "Account 'Acme 7' (US): emergency phone +49 30 ••••567 is a landline" in body
    assert "Effective: 2025-01-24 (retroactive" in body
    assert msg["headers"]["X-SellerGuard-Idempotency-Key"].startswith("policy:1:new:u7:c")
    [alert] = alerts.list_alerts(db, 7, "open")["items"]
    assert alert["deliveries"][0]["status"] == "delivered"
    assert alert["deliveries"][0]["attempts"] == 1 and alert["deliveries"][0]["delivered_at"]
    assert alert["impact"] == ["Account 'Acme 7' (US): emergency phone +49 30 ••••567 is a "
                               "landline"]
    # nothing more on the next cycles
    pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer, hooks=world["hooks"])
    assert len(receiver.messages) == 1


def test_second_report_merges_and_official_is_canonical(db, world, fast_config, analyzer,
                                                        receiver):
    # the press report arrives first; the official post later becomes canonical
    db.execute("UPDATE sources SET enabled = 0 WHERE id = ?", [world["official"]["id"]])
    pipeline.run_once(db, config=fast_config, analyzer=analyzer, hooks=world["hooks"])
    db.execute("UPDATE sources SET enabled = 1 WHERE id = ?", [world["official"]["id"]])
    summary = pipeline.run_once(db, config=fast_config, analyzer=analyzer, hooks=world["hooks"])
    assert summary.policies_new == 0
    [p] = policies.list_policies(db, 7)["items"]
    assert p["official"] and p["title"] == "Verify your emergency contact number"
    assert {s["name"] for s in p["sources"]} == {"Forum US", "Trade press"}
    assert p["first_seen_at"] <= p["updated_at"]
    assert p["retroactive"] is True
    assert p["facts"]["contact_types"] == ["emergency_contact", "phone"]
    fields = {(d["field"], d["date"], d["source"]) for d in p["dates"]}
    assert ("effective_date", "2025-01-24", "Forum US") in fields
    assert ("announced_date", "2025-01-31", "Trade press") in fields
    # the phishing warning did not become a policy; one alert only (a new effective date came
    # with the official post, which is an update)
    kinds = [a["kind"] for a in alerts.list_alerts(db, 7)["items"]]
    assert sorted(kinds) == ["policy_new", "policy_update"]
    assert len(receiver.messages) == 2


def test_new_deadline_raises_one_update(db, world, fast_config, analyzer, receiver):
    pipeline.run_once(db, config=fast_config, analyzer=analyzer, hooks=world["hooks"])
    n = len(receiver.messages)
    world["press"].routes["/feed"].body = rss([
        {"title": "Deadline set for emergency contact verification", "guid": "p-3",
         "link": "http://press.test/deadline",
         "description": "Sellers must verify the emergency contact. Deadline 2025-03-31.",
         "pubDate": "Mon, 10 Feb 2025 09:00:00 GMT"}])
    summary = pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer,
                                hooks=world["hooks"])
    assert summary.policies_updated == 1
    new = receiver.messages[n:]
    assert len(new) == 1 and new[0]["payload"]["title"].startswith("Updated")
    assert "What changed: deadline 2025-03-31" in new[0]["payload"]["message"]
    # the same deadline again from another item is no news
    world["press"].routes["/feed"].body = rss([
        {"title": "Reminder: verify emergency contact by the deadline", "guid": "p-4",
         "link": "http://press.test/reminder",
         "description": "Verify the emergency contact phone. Deadline 2025-03-31.",
         "pubDate": "Mon, 17 Feb 2025 09:00:00 GMT"}])
    pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer, hooks=world["hooks"])
    assert len(receiver.messages) == n + 1


def test_delivery_retries_and_keeps_a_log(db, world, fast_config, analyzer, receiver):
    db.execute("UPDATE sources SET enabled = 0 WHERE id = ?", [world["trade"]["id"]])
    receiver.fail_next = 2
    pipeline.run_once(db, config=fast_config, analyzer=analyzer, hooks=world["hooks"])
    [alert] = [a for a in alerts.list_alerts(db, 7)["items"] if a["kind"] == "policy_new"]
    log = alerts.get_alert(db, 7, alert["id"])["deliveries"][0]
    assert log["status"] == "pending" and log["attempts"] == 1 and log["last_error"]
    alerts.deliver_pending(db, config=fast_config, now=later(1))
    alerts.deliver_pending(db, config=fast_config, now=later(2))
    log = alerts.get_alert(db, 7, alert["id"])["deliveries"][0]
    assert log["status"] == "delivered" and log["attempts"] == 3
    assert len([m for m in receiver.messages
                if m["payload"]["title"].startswith("New")]) == 1


def test_delivery_gives_up_after_max_attempts(db, world, fast_config, analyzer, receiver):
    receiver.fail_next = 100
    pipeline.run_once(db, config=fast_config, analyzer=analyzer, hooks=world["hooks"])
    for n in range(5):
        alerts.deliver_pending(db, config=fast_config, now=later(n + 1))
    states = {r[0] for r in db.execute("SELECT state FROM alert_deliveries")}
    assert states == {"failed"}


def test_alerts_are_per_user_and_ack(db, world, fast_config, analyzer):
    world["hooks"].all_users = lambda: [7, 8]
    pipeline.run_once(db, config=fast_config, analyzer=analyzer, hooks=world["hooks"])
    mine = alerts.list_alerts(db, 7, "open")["items"]
    theirs = alerts.list_alerts(db, 8, "open")["items"]
    assert len(mine) == len(theirs) >= 1
    with pytest.raises(NotFound):
        alerts.ack_alert(db, 8, mine[0]["id"])
    assert alerts.ack_alert(db, 7, mine[0]["id"])["state"] == "acked"
    assert alerts.ack_alert(db, 7, mine[0]["id"])["state"] == "acked"  # idempotent
    assert len(alerts.list_alerts(db, 7, "open")["items"]) == len(mine) - 1


def test_private_source_policy_is_only_seen_by_its_owner(db, site, fast_config, analyzer):
    site.route("/feed", body=OFFICIAL)
    create_source(db, 5, {"name": "mine", "kind": "feed", "url": site.url("/feed")})
    pipeline.run_once(db, config=fast_config, analyzer=analyzer)
    assert policies.list_policies(db, 5)["total"] == 1
    assert policies.list_policies(db, 6)["total"] == 0
    pid = policies.list_policies(db, 5)["items"][0]["id"]
    with pytest.raises(NotFound):
        policies.get_policy(db, 6, pid)
    assert [r[0] for r in db.execute("SELECT user_id FROM alerts")] == [5]


def test_impact_hook_failure_does_not_stop_the_alert(db, world, fast_config, analyzer, receiver):
    def broken(user_id, policy):
        raise RuntimeError("accounts db down")

    world["hooks"].impact = broken
    pipeline.run_once(db, config=fast_config, analyzer=analyzer, hooks=world["hooks"])
    assert "could not work out the affected accounts" in receiver.messages[0]["payload"]["message"]


# --- channels service -------------------------------------------------------------------------

def test_channels_mask_secrets_and_are_per_user(db, receiver):
    ch = channels.add_channel(db, 1, "sms", "twilio://ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:"
                              "tokentokentokentokentoken1234567@15551234567/15557654321",
                              ["sms"])
    assert "tokentoken" not in ch["url"] and ch["purposes"] == ["sms"]
    assert channels.list_channels(db, 1)["total"] == 1
    assert channels.list_channels(db, 2)["total"] == 0
    with pytest.raises(NotFound):
        channels.delete_channel(db, 2, ch["id"])
    with pytest.raises(ChannelError):
        channels.add_channel(db, 1, "sms", receiver.apprise_url)  # duplicate name
    with pytest.raises(ChannelError):
        channels.add_channel(db, 1, "bad", "nonsense://x")
    with pytest.raises(ChannelError):
        channels.add_channel(db, 1, "bad", receiver.apprise_url, ["carrier-pigeon"])
    assert channels.urls_for(db, 1, "sms")[0][1].startswith("twilio://")
    channels.delete_channel(db, 1, ch["id"])
    assert channels.list_channels(db, 1)["total"] == 0


def test_channel_test_message(db, receiver):
    ch = channels.add_channel(db, 1, "hook", receiver.apprise_url)
    assert channels.test_channel(db, 1, ch["id"]) == {"ok": True, "error": None}
    assert receiver.messages[0]["payload"]["title"] == "SellerGuard test message"
    receiver.fail_next = 1
    result = channels.test_channel(db, 1, ch["id"])
    assert result["ok"] is False and result["error"]


def test_real_analysis_end_to_end(db, site_factory, receiver, fast_config):
    """The recorded forum page and trade-press feed, through the real monitor.analysis."""
    from mon_support import fixture_bytes
    from monitor.sources.service import DEFAULTS_FILE, load_file

    forum_site, press_site = site_factory(), site_factory()
    forum_site.route("/seller-forums/discussions", body=fixture_bytes("forum_us.html"),
                     headers={"Content-Type": "text/html; charset=utf-8"})
    press_site.route("/feed/", body=fixture_bytes("ecommercebytes.rss"),
                     headers={"Content-Type": "application/rss+xml; charset=UTF-8"})
    forum_def = next(s for s in load_file(DEFAULTS_FILE) if s["name"].startswith(
        "Amazon Seller Forums US"))
    create_source(db, None, {**forum_def, "url": forum_site.url("/seller-forums/discussions")})
    create_source(db, None, {"name": "EcommerceBytes", "kind": "feed", "language": "en",
                             "url": press_site.url("/feed/"), "marketplaces": ["US"]})
    channels.add_channel(db, 1, "hook", receiver.apprise_url)
    summary = pipeline.run_once(db, config=fast_config, hooks=Hooks(impact=impact))
    assert summary.new_items == 4 and summary.errors == []
    [p] = policies.list_policies(db, 1)["items"]
    assert p["official"] and p["title"].startswith("Verify your emergency contact number")
    assert {s["name"] for s in p["sources"]} == {forum_def["name"], "EcommerceBytes"}
    assert p["facts"]["effective_date"] == "2025-01-24" and p["retroactive"]
    assert "emergency_contact" in p["facts"]["contact_types"]
    new = [m for m in receiver.messages if m["payload"]["title"].startswith("New")]
    assert len(new) == 1 and "Account 'Acme 1'" in new[0]["payload"]["message"]


# --- story merge: items of one event join one policy, other years stay apart ---------------------

CAMPAIGN = "contact_verification/amazon/two_step_verification"


def _scripted(results):
    """An analyzer answering each item (by title) with the story and facts given here (a third
    value: the facts' contact types and notes)."""
    def analyze(record):
        story, effective, *more = results[record["title"]]
        types, notes = more[0] if more else (["two_step_verification"], [])
        facts = {"marketplace": None, "contact_types": types, "method": "sms",
                 "where": None, "effective_date": effective, "announced_date": None, "deadline": None,
                 "consequences": None, "notes": notes}
        return {"id": record["id"], "label": "contact_verification", "score": 0.9, "reasons": ["scripted"],
                "facts": facts, "story": story}
    return analyze


def _add_items(db, source_id, items):
    from monitor.store import insert

    for n, (title, text, published) in enumerate(items):
        insert(db, "items", {"source_id": source_id, "identity": f"{title}-{n}", "title": title, "text": text,
                             "published_at": published, "fetched_at": "2025-03-01T00:00:00Z",
                             "content_hash": f"h{title}{n}"})


def _policy_titles(db):
    out = {}
    for p in policies.list_policies(db, None)["items"]:
        out[p["id"]] = sorted(s["title"] for s in p["sources"])
    return sorted(out.values())


MANDATE_TEXT = "Every seller must turn on two-step verification and register a phone number for the codes."


@pytest.mark.parametrize("order", ["dated first", "undated first"])
def test_an_undated_report_joins_the_dated_policy(db, order):
    src = create_source(db, None, {"name": "press", "kind": "feed", "url": "http://press.test/feed"})
    items = [("2SV mandatory from October 31", MANDATE_TEXT, "2017-10-02"),
             ("Reminder: 2SV is mandatory", MANDATE_TEXT + " Do it now.", None)]
    if order == "undated first":
        items.reverse()
    _add_items(db, src["id"], items)
    analyzer = _scripted({"2SV mandatory from October 31": (CAMPAIGN + "/2017", "2017-10-31"),
                          "Reminder: 2SV is mandatory": (CAMPAIGN, None)})
    stats = policies.process_pending(db, analyzer=analyzer)
    assert stats.matched == 2 and stats.policies_new == 1
    assert _policy_titles(db) == [["2SV mandatory from October 31", "Reminder: 2SV is mandatory"]]
    # idempotent: nothing pending, nothing new
    again = policies.process_pending(db, analyzer=analyzer)
    assert again.analyzed == 0 and len(_policy_titles(db)) == 1


def test_the_same_campaign_years_apart_is_two_policies_and_a_repost_picks_one(db):
    src = create_source(db, None, {"name": "press", "kind": "feed", "url": "http://press.test/feed"})
    _add_items(db, src["id"], [
        ("2SV mandatory from October 31", MANDATE_TEXT + " Deadline October 31, 2017.", "2017-10-02"),
        ("2SV becomes mandatory again", "From April 2 sellers must enable two-step verification with an "
                                        "authenticator app; SMS codes are phased out.", "2024-03-14"),
        ("Amazon 2SV deadline next week", MANDATE_TEXT + " Deadline October 31, 2017 is close.", "2017-10-24"),
        ("Authenticator apps now required", "From April 2 sellers must enable two-step verification with an "
                                            "authenticator app; SMS codes are phased out soon.", None),
    ])
    analyzer = _scripted({"2SV mandatory from October 31": (CAMPAIGN + "/2017", "2017-10-31"),
                          "2SV becomes mandatory again": (CAMPAIGN + "/2024", "2024-04-02"),
                          "Amazon 2SV deadline next week": (CAMPAIGN + "/2017", None),
                          "Authenticator apps now required": (CAMPAIGN, None)})
    stats = policies.process_pending(db, analyzer=analyzer)
    assert stats.policies_new == 2
    assert _policy_titles(db) == [
        ["2SV becomes mandatory again", "Authenticator apps now required"],
        ["2SV mandatory from October 31", "Amazon 2SV deadline next week"],
    ]


def test_a_dated_report_of_another_year_starts_its_own_policy(db):
    src = create_source(db, None, {"name": "press", "kind": "feed", "url": "http://press.test/feed"})
    _add_items(db, src["id"], [("Undated 2SV explainer", MANDATE_TEXT, None),
                               ("2SV mandatory from April 2", MANDATE_TEXT, "2024-03-14")])
    analyzer = _scripted({"Undated 2SV explainer": (CAMPAIGN, None),
                          "2SV mandatory from April 2": (CAMPAIGN + "/2024", "2024-04-02")})
    policies.process_pending(db, analyzer=analyzer)
    # the undated explainer's policy has no time: the dated report joins it (compatible) ...
    assert len(_policy_titles(db)) == 1
    _add_items(db, src["id"], [("2SV mandatory from October 31", MANDATE_TEXT, "2017-10-02")])
    policies.process_pending(db, analyzer=_scripted({"2SV mandatory from October 31": (CAMPAIGN + "/2017",
                                                                                       "2017-10-31")}))
    # ... and a report of 2017 is another campaign
    assert len(_policy_titles(db)) == 2


def test_other_platforms_channels_and_scopes_never_join(db):
    shared = create_source(db, None, {"name": "press", "kind": "feed", "url": "http://press.test/feed"})
    mine = create_source(db, 5, {"name": "mine", "kind": "feed", "url": "http://mine.test/feed"})
    _add_items(db, shared["id"], [("Amazon 2SV", MANDATE_TEXT, "2024-03-14"),
                                  ("eBay 2SV", MANDATE_TEXT, "2024-03-15"),
                                  ("Amazon phone check", MANDATE_TEXT, "2024-03-16")])
    _add_items(db, mine["id"], [("My Amazon 2SV", MANDATE_TEXT, None)])
    analyzer = _scripted({"Amazon 2SV": (CAMPAIGN + "/2024", None),
                          "eBay 2SV": ("contact_verification/ebay/two_step_verification", None),
                          "Amazon phone check": ("contact_verification/amazon/phone/2024", None),
                          "My Amazon 2SV": (CAMPAIGN, None)})
    stats = policies.process_pending(db, analyzer=analyzer)
    assert stats.policies_new == 4 and len(_policy_titles(db)) == 4


STEAM = "contact_verification/steam"
SMS_TEXT = "Developers must confirm a phone number with a code sent by SMS before they can push a build."


def test_an_sms_check_and_a_two_step_verification_by_sms_are_one_policy(db):
    # one roll-out, keyed on the phone by one report and on two-step verification by another: the
    # two-step report names the phone, so the channels agree (story.channels_agree) ...
    src = create_source(db, None, {"name": "press", "kind": "feed", "url": "http://press.test/feed"})
    _add_items(db, src["id"], [("Steam requires SMS confirmation", SMS_TEXT, "2023-10-12"),
                               ("Steam: 2FA per SMS wird Pflicht", SMS_TEXT, "2023-10-13"),
                               ("Steam asks for an authenticator app", SMS_TEXT, "2023-10-14")])
    analyzer = _scripted({
        "Steam requires SMS confirmation": (STEAM + "/phone/2023", "2023-10-24", (["phone"], [])),
        "Steam: 2FA per SMS wird Pflicht": (STEAM + "/two_step_verification/2023", "2023-10-24",
                                            (["two_step_verification", "phone"], [])),
        # ... a two-step verification by app is another check
        "Steam asks for an authenticator app": (STEAM + "/two_step_verification/2023", "2023-10-24",
                                                (["two_step_verification"], []))})
    for n in range(3):  # one at a time, in order
        policies.process_pending(db, analyzer=analyzer, limit=1)
    assert _policy_titles(db) == [["Steam asks for an authenticator app"],
                                  ["Steam requires SMS confirmation", "Steam: 2FA per SMS wird Pflicht"]]


def test_a_guessed_year_is_no_event_time_of_a_policy(db):
    # an undated item whose "October 24" the analysis resolved to the analysis year: its policy has
    # no time, so a report of the same roll-out dated two years earlier joins it
    guessed = ["year of effective date 'October 24' not stated and no publication date: resolved to 2025 "
               "against the analysis day"]
    src = create_source(db, None, {"name": "press", "kind": "feed", "url": "http://press.test/feed"})
    _add_items(db, src["id"], [("SMS check explained", SMS_TEXT, None),
                               ("Steam requires SMS confirmation", SMS_TEXT, "2023-10-12")])
    analyzer = _scripted({"SMS check explained": (STEAM + "/phone", "2025-10-24", (["phone"], guessed)),
                          "Steam requires SMS confirmation": (STEAM + "/phone/2023", "2023-10-24", (["phone"], []))})
    policies.process_pending(db, analyzer=analyzer)
    assert _policy_titles(db) == [["SMS check explained", "Steam requires SMS confirmation"]]
    assert policies._event_time({"effective_date": "2025-10-24", "notes": guessed}, "2023-10-12") == \
        policies._date("2023-10-12")
