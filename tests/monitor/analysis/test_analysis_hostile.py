"""HTML, mojibake, very long and hostile input: never crash, stay correct where possible."""

import json

from monitor.analysis import analyze

EC = ("Starting January 24, Amazon requires all sellers to verify the emergency contact email address and phone "
      "number with a one-time password under Settings > Notification Preferences.")


def test_html_is_stripped_and_scripts_ignored():
    html = ("<html><head><style>p{}</style><script>var x='must verify emergency contact';</script></head><body>"
            f"<p>{EC}</p><img src=x onerror=alert(1)></body></html>")
    out = analyze({"id": "h", "title": "<b>Notice</b>", "text": html, "published": "2025-01-30"})
    assert out["label"] == "contact_verification"
    assert all("<" not in r for r in out["reasons"])
    assert "script" not in json.dumps(out["facts"])


def test_script_only_text_is_not_evidence():
    out = analyze({"id": "s", "text": "<script>Amazon sellers must verify emergency contact phone OTP starting "
                                      "January 24</script>", "published": "2025-01-30"})
    assert out["label"] == "unrelated"


def test_mojibake_is_repaired():
    text = "亚马逊从1月24日起要求卖家验证紧急联系人的邮箱和手机号码，需要输入验证码。"
    broken = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))
    out = analyze({"id": "m", "title": None, "text": broken, "published": "2025-02-09"})
    assert out["label"] == "contact_verification"
    assert "emergency_contact" in out["facts"]["contact_types"]


def test_very_long_text_is_capped():
    text = EC + " " + ("Lorem ipsum dolor sit amet. " * 200_000)
    out = analyze({"id": "l", "title": "Verify your emergency contact", "text": text, "published": "2025-01-30"})
    assert out["label"] == "contact_verification"


def test_control_characters_and_odd_types():
    out = analyze({"id": "c", "title": "\x00\x1b[31mred", "text": "\u202eevil\u0000 text", "url": 12,
                   "language": ["en"], "published": {"x": 1}})
    assert out["label"] == "unrelated"


def test_regex_hostile_input_is_fast_enough_to_finish():
    text = ("a" * 5000 + " > ") * 20 + "<" * 10000 + "1月" * 5000
    out = analyze({"id": "r", "text": text})
    assert out["label"] == "unrelated"


def test_numeric_id_kept():
    out = analyze({"id": 17, "text": EC})
    assert out["id"] == 17
