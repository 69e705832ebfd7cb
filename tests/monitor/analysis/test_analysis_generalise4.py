"""Rules added after the fourth blind set (blind4): threads about a contact check the platform is
showing, the Notification-Preferences story core, contrast wording, past weekdays, word-start cues,
another topic inside the contact-check sentence.

The texts here are written for the rule, not copied from any data set."""

from analysis_support import run as _run




# ---- threads about a check the platform is asking for -------------------------------------------

def test_question_about_a_shown_contact_check_is_a_report():
    out = _run("A banner in Seller Central wants me to verify the emergency contact phone, but the number on file "
               "is an old office line and the code never arrives. How do I change it without the code?",
               "Emergency contact check stuck - how do I get past it?", published=None)
    assert out["label"] == "contact_verification"
    assert "emergency_contact" in out["story"]


def test_code_problem_at_sign_in_stays_troubleshooting():
    out = _run("Whenever I sign in to the seller account a pop-up asks me to verify my phone number, and the code "
               "never arrives. Anyone else?", "Code never arrives at sign-in", published="2024-03-01")
    assert out["label"] == "unrelated"


def test_guide_saying_you_will_be_prompted_is_not_news():
    out = _run("Go to Settings > Notification Preferences and click Edit next to the emergency contact. You will "
               "be prompted to verify the new number with a code sent by SMS.",
               "How to edit the emergency contact in your seller account", published="2023-09-01",
               url="https://blog.example.org/edit-emergency-contact")
    assert out["label"] == "unrelated"


def test_conditional_procedure_is_a_help_page():
    out = _run("Choose which addresses and numbers receive notifications. Emergency contact: used to reach you "
               "about critical account issues. When you add a new number, you will be prompted to confirm it "
               "with a one-time password.", "Notification Preferences", published=None)
    assert out["label"] == "unrelated"


def test_chinese_tip_is_not_a_prompt():
    out = _run("温馨提示：修改紧急联系人手机号时需要输入验证码。本文介绍如何在通知首选项中修改联系方式。",
               "卖家后台设置教程", published="2023-06-01")
    assert out["label"] == "unrelated"


# ---- story core --------------------------------------------------------------------------------

def test_phone_only_report_in_notification_preferences_shares_the_emergency_contact_core():
    a = _run("Since last week sellers see a request to verify the emergency contact phone number and email with "
             "a one-time code in Notification Preferences.", "Marketplace asks sellers to verify emergency contacts",
             published="2024-05-10")
    b = _run("The marketplace now requires sellers to verify the phone number under Notification Preferences: "
             "a one-time code comes by SMS.", "Sellers must verify their phone number", published="2024-05-12")
    assert a["label"] == b["label"] == "contact_verification"
    assert a["story"] == b["story"]


def test_link_confirmation_of_notification_addresses_keeps_its_own_core():
    a = _run("Sellers must verify the emergency contact phone number and email with a one-time code.",
             "Emergency contact verification for sellers", published="2024-05-10")
    b = _run("Sellers must confirm the email addresses in Notification Preferences by clicking the confirmation "
             "link sent to each address before 30 June.", "Confirm your notification emails",
             published="2024-06-02")
    assert b["label"] == "contact_verification"
    assert a["story"] != b["story"]


def test_contrast_with_an_earlier_check_does_not_make_it_the_subject():
    out = _run("Starting 1 September sellers must verify the business phone number with a one-time code. This is "
               "separate from the emergency contact verification earlier this year.",
               "Business phone verification becomes mandatory", published="2024-08-01")
    assert out["facts"]["contact_types"] == ["phone"]


# ---- dates and cues ----------------------------------------------------------------------------

def test_past_weekday_after_an_announcing_verb():
    # 2024-05-10 is a Friday: "on Wednesday" in a forum post is 2024-05-08
    out = _run("In a post on the seller forums on Wednesday, the marketplace said it began requiring sellers to "
               "verify the emergency contact phone with a one-time code on May 2.",
               "Marketplace asks sellers to verify emergency contacts", published="2024-05-10")
    assert out["facts"]["announced_date"] == "2024-05-08"
    assert out["facts"]["effective_date"] == "2024-05-02"


def test_future_weekday_is_not_read_as_past():
    out = _run("The marketplace will require sellers to verify the emergency contact phone starting on Monday.",
               "Emergency contact verification", published="2024-05-10")
    assert out["facts"]["announced_date"] == "2024-05-10"


def test_short_cue_inside_a_word_is_no_deadline():
    out = _run("Según un comunicado publicado el 3 de mayo, los vendedores deben verificar el teléfono del contacto "
               "de emergencia con un código.", "Verificación del contacto de emergencia", published="2024-05-10",
               language="es")
    assert out["facts"]["deadline"] is None
    assert out["facts"]["announced_date"] == "2024-05-03"


def test_code_sent_for_another_programme_step_is_not_a_contact_policy():
    out = _run("Applicants to Brand Registry must enter the verification code sent to the trademark owner's email "
               "address by 15 June to complete enrollment.", "Brand Registry: enter your code",
               published="2024-06-01")
    assert out["label"] == "unrelated"


def test_delivery_drivers_are_not_sellers():
    out = _run("Delivery drivers must re-verify their identity with a selfie starting next month.",
               "Drivers must take a selfie", published="2024-06-01")
    assert out["label"] == "unrelated"


def test_sms_code_for_two_step_adds_phone():
    out = _run("Ab dem 1. Juli ist die Zwei-Faktor-Authentifizierung für alle Händler verpflichtend; der Code kommt "
               "per SMS.", "2FA wird Pflicht für Händler", published="2024-06-01", language="de")
    assert out["facts"]["contact_types"] == ["two_step_verification", "phone"]


def test_generic_seller_center_name_is_not_amazon():
    out = _run("Temu通知卖家：自2024年6月1日起，卖家中心账号必须绑定并验证手机号，未完成验证的账号将无法发布商品。",
               "Temu卖家中心强制验证手机号", published="2024-05-20", language="zh")
    assert out["label"] == "contact_verification"
    assert "/temu/" in out["story"]


def test_past_weekday_is_not_a_start_date():
    out = _run("The request to verify the emergency contact phone with a one-time code started showing for me on "
               "Monday.", "Emergency contact verification prompt", published="2024-05-10")
    assert out["facts"]["effective_date"] is None
