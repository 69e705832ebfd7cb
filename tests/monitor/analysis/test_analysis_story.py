"""Stories: one value for every report of one event, across languages and sources; two events of
one platform in different years are two stories; the batch (``analyze_stream``) clusters, a single
``analyze`` call keys per item."""

import datetime as dt
import io
import itertools
import json

import pytest

from monitor.analysis import analyze, analyze_stream
from monitor.analysis import story as story_mod
from monitor.analysis.story import StoryFacts, _fact_score, assign_stories, channels_agree, story_key
from monitor.analysis.story_eval import half_of, pairwise, policy_store

INPUT_KEYS = ("id", "title", "text", "url", "language", "published")
CV, OV, UN = "contact_verification", "other_verification", "unrelated"


def stream(records):
    out = io.StringIO()
    n = analyze_stream(io.StringIO("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)), out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(lines) == len(records)
    return lines


def facts(label=CV, platform="amazon", types=("two_step_verification", "phone"), when=None, published=None,
          title="", text="", subtopic=None):
    return StoryFacts(label=label, platform=platform, contact_types=list(types), subtopic=subtopic,
                      effective=when, deadline=None, announced=None, published=published, title=title, text=text)


# --- the batch, on facts written here ------------------------------------------------------------

MANDATE_2017 = [
    facts(when=dt.date(2017, 10, 31), title="Amazon makes two-step verification mandatory for sellers",
          text="From October 31, 2017 every seller must turn on two-step verification in Seller Central. "
               "Register a phone number for the codes before October 31 or you cannot sign in."),
    facts(published=dt.date(2017, 10, 2), title="亚马逊强制卖家开启两步验证",
          text="亚马逊通知卖家：2017年10月31日之前必须在Seller Central开启两步验证，绑定手机号码接收验证码。"),
    facts(published=dt.date(2017, 10, 5), title="Amazon: Zwei-Schritt-Verifizierung wird Pflicht",
          text="Bis zum 31. Oktober 2017 müssen alle Händler in Seller Central die Zwei-Schritt-Verifizierung "
               "mit einer Telefonnummer einrichten."),
]
RERUN_2024 = facts(when=dt.date(2024, 4, 2), title="Amazon makes two-step verification mandatory for sellers",
                   text="From April 2, 2024 every seller must turn on two-step verification in Seller Central. "
                        "Register a phone number for the codes before April 2 or you cannot sign in.")


def test_translations_and_reposts_of_one_event_share_one_story():
    got = assign_stories(MANDATE_2017)
    assert len(set(got)) == 1 and got[0].startswith("contact_verification/amazon/two_step_verification")


def test_same_platform_and_channel_in_another_year_is_another_story():
    got = assign_stories(MANDATE_2017 + [RERUN_2024])
    assert len(set(got[:3])) == 1
    assert got[3] != got[0]
    # and one at a time, the per-item keys carry the year
    assert story_key(MANDATE_2017[0]) != story_key(RERUN_2024)


def test_an_undated_repost_joins_its_dated_original_and_never_bridges_two_years():
    undated = facts(title="Reminder: two-step verification mandatory for Amazon sellers by October 31",
                    text="Every seller must turn on two-step verification in Seller Central before October 31 "
                         "and register a phone number for the codes.")
    got = assign_stories(MANDATE_2017 + [RERUN_2024, undated])
    assert got[4] == got[0] != got[3]
    # alone it has no year to go by
    assert story_key(undated) == "contact_verification/amazon/two_step_verification"


def test_unrelated_items_with_distinct_titles_are_distinct_stories():
    items = [facts(label=UN, title="Prime Day dates announced", text="Prime Day runs on July 8 and 9 this year."),
             facts(label=UN, title="New fees for oversized items", text="Storage fees rise for bulky goods."),
             facts(label=UN, title="Holiday shipping deadlines", text="Order by December 18 to ship in time.")]
    got = assign_stories(items)
    assert len(set(got)) == 3 and all(g.startswith("unrelated/") for g in got)


def test_a_near_duplicate_of_an_unrelated_item_shares_its_story():
    a = facts(label=UN, title="Holiday shipping deadlines for sellers",
              text="Order by December 18 to ship in time for the holidays; carriers pause on December 24.")
    b = facts(label=UN, title="Holiday shipping deadlines for sellers (updated)",
              text="Order by December 18 to ship in time for the holidays; carriers pause on December 24 and 31.")
    got = assign_stories([a, b])
    assert got[0] == got[1]


def test_different_channels_of_one_platform_and_time_stay_apart():
    ecn = facts(types=("emergency_contact", "phone"), when=dt.date(2025, 1, 24),
                title="Verify your emergency contact", text="Sellers must verify the emergency contact phone.")
    tsv = facts(when=dt.date(2025, 1, 20), title="Set up two-step verification",
                text="Sellers must enable two-step verification with an authenticator app.")
    got = assign_stories([ecn, tsv])
    assert got[0] != got[1]


@pytest.mark.parametrize("a, b, types_a, types_b, agree", [
    ("phone", "two_step_verification", {"phone"}, {"two_step_verification", "phone"}, True),
    ("two_step_verification", "phone", {"two_step_verification"}, {"phone"}, False),  # 2SV by app
    ("emergency_contact", "phone", {"emergency_contact", "phone"}, {"phone"}, False),
    ("~contact", "email", set(), {"email"}, True),
    ("email", "email", {"email"}, {"email"}, True),
    ("video_call", "identity", set(), set(), True),  # the call is how the identity is checked
    ("video_call", "business_data", set(), set(), False),
])
def test_core_channels_agree(a, b, types_a, types_b, agree):
    assert channels_agree(a, b, frozenset(types_a), frozenset(types_b)) is agree
    assert channels_agree(b, a, frozenset(types_b), frozenset(types_a)) is agree


def test_sms_verification_and_two_step_by_sms_of_one_rollout_are_one_story():
    sms = facts(types=("phone",), when=dt.date(2022, 5, 2), platform="steam",
                title="Steam asks developers to confirm a phone number by SMS",
                text="From May 2 developers must confirm a phone number with a code sent by SMS.")
    tsv = facts(types=("two_step_verification", "phone"), when=dt.date(2022, 5, 2), platform="steam",
                title="Steam-Entwickler: Zwei-Faktor per SMS Pflicht",
                text="Ab dem 2. Mai brauchen Entwickler eine Bestätigung per SMS-Code.")
    got = assign_stories([sms, tsv])
    assert got[0] == got[1]


def test_a_video_call_report_and_an_identity_check_report_of_one_pilot_are_one_story():
    # one cluster of reports calling it identity verification, a how-to calling it a video call:
    # they share few words, but the same platform and agreeing subtopics join them
    identity = [facts(label=OV, types=(), subtopic="identity", published=dt.date(2020, 4, 27),
                      title="Amazon pilots identity checks of new sellers",
                      text="Amazon now checks the identity of new third-party sellers before they can list."),
                facts(label=OV, types=(), subtopic="identity", published=dt.date(2020, 4, 28),
                      title="Amazon checks the identity of new third-party sellers",
                      text="New third-party sellers must pass an identity check before they can list.")]
    video = facts(label=OV, types=(), subtopic="video_call", published=dt.date(2020, 5, 2),
                  title="Preparing for the call", text="Have your passport ready and a working webcam.")
    tax = facts(label=OV, types=(), subtopic="tax", published=dt.date(2020, 9, 1),
                title="Tax interview reminder", text="Complete the tax interview in Seller Central.")
    got = assign_stories(identity + [video, tax])
    assert got[0] == got[1] == got[2] != got[3]


def test_a_guessed_year_is_no_event_time_but_its_day_still_counts():
    # read without a publication date, "by October 31" was resolved to the analysis year: it must
    # not rule out the 2017 campaign, and the same deadline day sends it there, not to 2024
    guessed = facts(when=dt.date(2031, 10, 31), title="二段階認証の設定が必須に",
                    text="10月31日までにセラーセントラルで二段階認証を設定してください。")
    guessed.year_guessed = True
    assert guessed.when is None
    got = assign_stories(MANDATE_2017 + [RERUN_2024, guessed])
    assert got[4] == got[0] != got[3]


def test_undated_unrelated_items_sharing_words_stay_apart_dated_reposts_join():
    texts = [("Storage limits change for sellers", "Weekly storage limits replace the monthly quota; the "
              "capacity dashboard shows them."),
             ("Capacity: what sellers should know", "From now on limits are set per week, not per month, "
              "and inventory above them is refused.")]
    undated = [facts(label=UN, title=t, text=x) for t, x in texts]
    got = assign_stories(undated)
    assert got[0] != got[1]  # loosely alike and undated: no event to share
    dated = [facts(label=UN, when=dt.date(2023, 3, 1), title=t, text=x) for t, x in texts]
    got = assign_stories(dated)
    assert got[0] == got[1]  # two reports of one dated change


def test_dated_reports_classified_unrelated_join_each_other():
    # two press reports of one roll-out that the classifier both read as unrelated: dated alike and
    # sharing their words, they are one story (no flat penalty for being unrelated)
    a = facts(label=UN, platform="kleinanzeigen", types=(), published=dt.date(2021, 9, 22),
              title="Kleinanzeigen verifiziert Handynummern",
              text="Kleinanzeigen verifiziert ab dem 22. September die Handynummer aller Nutzer per SMS-Code.")
    b = facts(label=UN, platform="kleinanzeigen", types=(), published=dt.date(2021, 9, 24),
              title="SMS-Pflicht bei Kleinanzeigen",
              text="Nutzer müssen ihre Handynummer jetzt per SMS-Code bestätigen, bevor sie Anzeigen aufgeben.")
    other = facts(label=UN, platform="kleinanzeigen", types=(), published=dt.date(2021, 9, 23),
                  title="Neue Gebühren für Top-Anzeigen", text="Hervorgehobene Anzeigen kosten ab Oktober mehr.")
    got = assign_stories([a, b, other])
    assert got[0] == got[1] != got[2]
    # the facts of two dated unrelated items add what any pair's add; only two undated ones are
    # held to the near-duplicate bar
    d1, d2 = dt.date(2021, 9, 22), dt.date(2021, 9, 24)
    assert _fact_score(UN, "ebay", "news", d1, UN, "ebay", "news", d2) == \
        pytest.approx(story_mod.SAME_PLATFORM_BONUS + story_mod.CLOSE_DATES_BONUS)
    assert _fact_score(UN, "ebay", "news", None, UN, "ebay", "news", None) == \
        pytest.approx(story_mod.SAME_PLATFORM_BONUS - story_mod.UNDATED_UNRELATED_PENALTY)


def test_unrelated_items_keyed_by_platform_and_month_one_at_a_time():
    fee = facts(label=UN, published=dt.date(2023, 3, 14), title="FBA capacity limits simplified",
                text="Capacity limits are now set per week.")
    repost = facts(label=UN, published=dt.date(2023, 3, 20), title="What the new capacity limits mean",
                   text="Weekly limits replace the monthly quota.")
    later = facts(label=UN, published=dt.date(2023, 6, 1), title="FBA capacity limits simplified",
                  text="Capacity limits are now set per week.")
    assert story_key(fee) == story_key(repost) == "unrelated/amazon/2023-03" != story_key(later)
    # the month it was reported in, not that of a date it tells of
    outage = facts(label=UN, published=dt.date(2023, 3, 2), when=dt.date(2023, 2, 27), title="Login outage",
                   text="Sellers cannot sign in since February 27.")
    assert story_key(outage) == "unrelated/amazon/2023-03"
    # an announcement date read from the text counts when there is no publication date, a guessed one not
    told = facts(label=UN, title="Login outage", text="On March 2 we announced ...")
    told.announced = dt.date(2023, 3, 2)
    assert story_key(told) == "unrelated/amazon/2023-03"
    told.year_guessed = True
    assert story_key(told).startswith("unrelated/") and "/amazon/" not in story_key(told)
    # no platform or no time: the normalised title
    assert story_key(facts(label=UN, platform=None, published=dt.date(2023, 3, 14), title="A")) == \
        story_key(facts(label=UN, platform=None, title="a!"))
    assert story_key(facts(label=UN, title="A")) != story_key(facts(label=UN, title="B"))


def test_the_policy_store_measure_joins_an_undated_report_to_its_campaign():
    dated = MANDATE_2017[0]
    undated = facts(title="Amazon makes two-step verification mandatory for sellers",
                    text="Every seller must turn on two-step verification in Seller Central and register a "
                         "phone number for the codes.")
    keys = [story_key(dated), story_key(undated)]
    assert keys[0] != keys[1]  # the raw per-item keys differ (no year) ...
    got = policy_store([dated, undated, None, RERUN_2024])
    assert got[0] == got[1] == keys[0] and got[2] is None  # ... the store joins them
    assert got[3] == story_key(RERUN_2024) != got[0]


SMS_POLICY = story_mod.PolicyCandidate(ref="sms", key="contact_verification/steam/phone/2023",
                                       when=dt.date(2023, 10, 24), types=frozenset({"phone"}))


@pytest.mark.parametrize("key, when, types, joins", [
    # a two-step verification by SMS of the same roll-out: the channels agree
    ("contact_verification/steam/two_step_verification/2023", dt.date(2023, 10, 24),
     {"two_step_verification", "phone"}, True),
    # the same channel keyed a year later, within the event gap; undated
    ("contact_verification/steam/phone/2024", dt.date(2024, 1, 5), {"phone"}, True),
    ("contact_verification/steam/phone", None, {"phone"}, True),
    # an agreeing channel needs both dated, and close
    ("contact_verification/steam/two_step_verification/2024", dt.date(2024, 1, 5),
     {"two_step_verification", "phone"}, False),
    ("contact_verification/steam/two_step_verification", None, {"two_step_verification", "phone"}, False),
    # two-step verification by app: another check
    ("contact_verification/steam/two_step_verification/2023", dt.date(2023, 10, 24),
     {"two_step_verification"}, False),
    ("contact_verification/steam/emergency_contact/2023", dt.date(2023, 10, 24),
     {"emergency_contact", "phone"}, False),
    ("contact_verification/ebay/two_step_verification/2023", dt.date(2023, 10, 24),
     {"two_step_verification", "phone"}, False),
    ("other_verification/steam/phone/2023", dt.date(2023, 10, 24), {"phone"}, False),
    ("contact_verification/steam/two_step_verification/2026", dt.date(2026, 1, 5),
     {"two_step_verification", "phone"}, False),
])
def test_pick_policy_joins_one_platform_channel_and_time(key, when, types, joins):
    got = story_mod.pick_policy(key, when, None, [SMS_POLICY], types=frozenset(types))
    assert got == ("sms" if joins else None)


def test_pick_policy_prefers_the_very_same_channel():
    tsv = story_mod.PolicyCandidate(ref="tsv", key="contact_verification/steam/two_step_verification/2023",
                                    when=dt.date(2023, 10, 24), types=frozenset({"two_step_verification", "phone"}))
    for order in ([SMS_POLICY, tsv], [tsv, SMS_POLICY]):
        assert story_mod.pick_policy("contact_verification/steam/phone", None, None, order,
                                     types=frozenset({"phone"})) == "sms"


def test_the_policy_store_measure_takes_no_guessed_year_for_a_policy_time():
    # an undated report whose "October 31" was resolved to the analysis year starts the policy; a
    # report dated in 2017 joins it (the guess is no time), and the policy then has 2017's time:
    # the 2024 re-run starts its own
    guessed = facts(when=dt.date(2031, 10, 31), title="Two-step verification mandatory by October 31",
                    text="Every seller must turn on two-step verification and register a phone number.")
    guessed.year_guessed = True
    got = policy_store([guessed, MANDATE_2017[0], RERUN_2024])
    assert got[0] == got[1] == story_key(guessed) != got[2]


def test_the_two_halves_of_a_split_half_keep_stories_whole():
    records = [{"id": f"r{k}", "story": f"s{k % 7}" if k % 3 else None} for k in range(60)]
    halves = {half_of(r) for r in records}
    assert halves == {"A", "B"}
    for k in range(7):
        assert len({half_of(r) for r in records if r["story"] == f"s{k}"}) == 1
    assert half_of({"id": "x", "story": None}) == half_of({"id": "x", "story": None})


def test_invalid_lines_keep_their_place_and_story():
    assert assign_stories([None, MANDATE_2017[0], None]) == [None, story_key(MANDATE_2017[0]), None]


def test_pairwise_scores():
    s = pairwise(["a", "a", "a", None, None], ["x", "x", "y", "y", "z"])
    assert (s.tp, s.fp, s.fn) == (1, 1, 2)
    assert s.precision == 0.5 and s.recall == pytest.approx(0.333, abs=1e-3)


# --- end to end through analyze_stream -----------------------------------------------------------

ECN = [
    ("en", "Amazon requires emergency contact verification",
     "From January 24, 2025 Amazon sellers must verify their emergency contact phone and email with an OTP."),
    ("zh", "亚马逊强制验证紧急联系人", "亚马逊从2025年1月24日起要求卖家验证紧急联系人的电话和邮箱。"),
    ("de", "Amazon: Notfallkontakt verifizieren",
     "Amazon verlangt seit Januar 2025 von Händlern, den Notfallkontakt per Code zu bestätigen."),
]


def test_stream_keeps_input_order_and_groups_the_reposts():
    records = [{"id": f"ecn-{lang}", "title": t, "text": x, "language": lang, "published": "2025-02-05"}
               for lang, t, x in ECN]
    records.insert(1, {"id": "fees", "title": "Referral fee changes for 2025",
                       "text": "Referral fees for apparel drop to 5 percent for items under 15 dollars.",
                       "language": "en", "published": "2025-01-15"})
    lines = stream(records)
    assert [o["id"] for o in lines] == [r["id"] for r in records]
    by = {o["id"]: o["story"] for o in lines}
    assert by["ecn-en"] == by["ecn-zh"] == by["ecn-de"] != by["fees"]


@pytest.mark.parametrize("name, key", [
    ("Steam", "steam"), ("Google Play Console", "google_play"), ("App Store Connect", "app_store"),
    ("Chrome Web Store", "chrome_web_store"), ("Mozilla Add-ons", "mozilla_addons"),
    ("eBay Kleinanzeigen", "kleinanzeigen"), ("GetYourGuide", "getyourguide"), ("Gmarket", "gmarket"),
])
def test_seller_platforms_beyond_the_big_marketplaces_key_the_story(name, key):
    lines = stream([
        {"id": "en", "title": f"{name} requires sellers to verify a phone number",
         "text": f"From March 3, 2022 every seller on {name} must verify a phone number with an SMS code.",
         "language": "en", "published": "2022-02-20"},
        {"id": "de", "title": f"{name}: Telefonnummer muss bestätigt werden",
         "text": f"Ab dem 3. März 2022 müssen alle Verkäufer bei {name} ihre Telefonnummer per SMS-Code bestätigen.",
         "language": "de", "published": "2022-02-21"}])
    assert lines[0]["story"] == lines[1]["story"]
    assert f"/{key}/" in lines[0]["story"]


def test_stream_output_order_with_invalid_lines():
    out = io.StringIO()
    analyze_stream(io.StringIO('{"id": "a", "text": "Prime Day dates"}\nnot json\n{"id": "b", "text": "x"}\n'), out)
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert ids == ["a", None, "b"]


def test_single_analyze_agrees_for_dated_translations():
    got = {analyze({"id": lang, "title": t, "text": x, "language": lang, "published": "2025-02-05"})["story"]
           for lang, t, x in ECN}
    assert len(got) == 1


@pytest.mark.parametrize("name", ["devset", "holdout"])
def test_same_event_same_story_in_a_batch(name, devset, holdout):
    items = devset if name == "devset" else holdout
    lines = stream([{k: it[k] for k in INPUT_KEYS if k in it} for it in items])
    got = {o["id"]: o["story"] for o in lines}
    labelled = {o["id"]: o["label"] for o in lines}
    for group in ("amz-ec-2025", "amz-2sv-2020", "etsy-2fa-2024"):
        # stories, not labels: the reports the classifier also calls contact verification share one story
        members = [it for it in items if it["story_group"] == group and it["label"] == CV == labelled[it["id"]]]
        if len(members) < 2:
            continue
        assert len({got[it["id"]] for it in members}) == 1, (group, {it["id"]: got[it["id"]] for it in members})


def test_different_events_different_stories_in_a_batch(devset):
    lines = stream([{k: it[k] for k in INPUT_KEYS if k in it} for it in devset])
    got = {o["id"]: o["story"] for o in lines}
    reps = {}
    for it in devset:
        if it["label"] == CV:
            reps.setdefault(it["story_group"], got[it["id"]])
    for (ga, sa), (gb, sb) in itertools.combinations(reps.items(), 2):
        assert sa != sb, (ga, gb, sa)


def test_unrelated_story_from_title():
    a = analyze({"id": "a", "title": "Black Friday results", "text": "Sales were up."})
    b = analyze({"id": "b", "title": "black friday results!", "text": "Different body."})
    c = analyze({"id": "c", "title": "Prime Day dates", "text": "Sales were up."})
    assert a["story"] == b["story"] != c["story"]
    assert a["story"].startswith("unrelated/")


def test_a_failing_clustering_keeps_the_per_item_stories(monkeypatch):
    import monitor.analysis.story as story_mod

    def broken(facts):
        raise RuntimeError("boom")

    monkeypatch.setattr(story_mod, "assign_stories", broken)
    record = {"id": "a", "title": "Prime Day dates", "text": "Prime Day runs in July."}
    assert stream([record])[0]["story"] == analyze(record)["story"]
