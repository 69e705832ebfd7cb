"""Localised texts of local verification (English and Simplified Chinese).

Every message that carries a code also says never to share it: phishing that imitates these
requests is common, and a code read out to a caller is the usual way accounts are taken over.
Texts are plain ``str.format`` templates over values we produce ourselves (the code, minutes, a
link, a masked contact); the HTML page is rendered by Jinja with autoescape on.
"""
from __future__ import annotations

from monitor import marketplaces as mp

LANGUAGES = ("en", "zh_CN")
DEFAULT_LANGUAGE = "en"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "sms": "SellerGuard code: {code}. It expires in {minutes} min. Never share this code with "
               "anyone, not even someone claiming to be Amazon or SellerGuard.",
        "email_subject": "Your SellerGuard verification code: {code}",
        "email_body": "Your SellerGuard verification code is: {code}\n\n"
                      "Or confirm this address by opening this link:\n{link}\n\n"
                      "The code and the link expire in {minutes} minutes and work once.\n\n"
                      "Never share this code or link with anyone, not even someone claiming to be "
                      "Amazon or SellerGuard. If you did not ask for it, ignore this email.",
        "page_title": "SellerGuard email verification",
        "page_confirm": "Confirm this email address",
        "page_confirm_detail": "Press the button to confirm that {masked} receives SellerGuard's "
                               "messages. Opening the link alone changes nothing.",
        "page_confirm_button": "Confirm this address",
        "page_approved": "This email address is verified.",
        "page_approved_detail": "{masked} now counts as verified in SellerGuard. You can close this page.",
        "page_invalid": "This link is not valid.",
        "page_invalid_detail": "It may have been used already or replaced by a newer email. "
                               "Start a new verification in SellerGuard if you still need one.",
        "page_expired": "This link has expired.",
        "page_expired_detail": "Start a new verification in SellerGuard to get a new link.",
        "page_not_pending": "This verification is no longer open.",
        "page_not_pending_detail": "Its state is: {status}. Start a new verification in SellerGuard if needed.",
        "never_share": "Never share verification codes or links with anyone.",
        "contact_changed_title": "SellerGuard: a contact was changed",
        "contact_changed_body": "The {kind} contact of account {account} was changed from {old} to "
                                "{new}. It must be verified again; {canceled} pending verification(s) "
                                "were canceled. If you did not make this change, check who has access.",
        "hold_ended_title": "SellerGuard: a contact's hold has ended",
        "hold_ended_body": "The hold on the {kind} contact {masked} of account {account} ended on "
                           "{until}. Verify it now in Seller Central (Settings > Notification "
                           "Preferences) and in SellerGuard.",
    },
    "zh_CN": {
        "sms": "SellerGuard 验证码：{code}，{minutes} 分钟内有效。切勿将验证码告诉任何人，"
               "包括自称亚马逊或 SellerGuard 的人。",
        "email_subject": "您的 SellerGuard 验证码：{code}",
        "email_body": "您的 SellerGuard 验证码是：{code}\n\n"
                      "也可以打开以下链接确认此邮箱地址：\n{link}\n\n"
                      "验证码和链接在 {minutes} 分钟内有效，且只能使用一次。\n\n"
                      "切勿将验证码或链接告诉任何人，包括自称亚马逊或 SellerGuard 的人。"
                      "如果这不是您本人的操作，请忽略此邮件。",
        "page_title": "SellerGuard 邮箱验证",
        "page_confirm": "确认此邮箱地址",
        "page_confirm_detail": "请点击按钮，确认 {masked} 能收到 SellerGuard 的消息。仅打开链接不会更改任何内容。",
        "page_confirm_button": "确认此地址",
        "page_approved": "此邮箱地址已验证。",
        "page_approved_detail": "{masked} 已在 SellerGuard 中标记为已验证。您可以关闭此页面。",
        "page_invalid": "此链接无效。",
        "page_invalid_detail": "该链接可能已被使用，或已被更新的邮件取代。如仍需验证，请在 SellerGuard 中重新发起。",
        "page_expired": "此链接已过期。",
        "page_expired_detail": "请在 SellerGuard 中重新发起验证以获取新链接。",
        "page_not_pending": "此验证已结束。",
        "page_not_pending_detail": "当前状态：{status}。如有需要，请在 SellerGuard 中重新发起验证。",
        "never_share": "切勿将验证码或链接告诉任何人。",
        "contact_changed_title": "SellerGuard：联系方式已更改",
        "contact_changed_body": "账户 {account} 的{kind}联系方式已从 {old} 更改为 {new}，需要重新验证；"
                                "已取消 {canceled} 个进行中的验证。如果这不是您本人的操作，请检查谁有访问权限。",
        "hold_ended_title": "SellerGuard：联系方式的暂缓期已结束",
        "hold_ended_body": "账户 {account} 的{kind}联系方式 {masked} 的暂缓期已于 {until} 结束。"
                           "请立即在卖家平台（设置 > 通知首选项）和 SellerGuard 中完成验证。",
    },
}

KIND_NAMES = {"en": {"phone": "phone", "email": "email"}, "zh_CN": {"phone": "电话", "email": "邮箱"}}


def normalise_language(value: str | None) -> str | None:
    """``zh``, ``zh-CN``, ``zh_Hans`` → ``zh_CN``; ``en-GB`` → ``en``; unknown → None."""
    if not value:
        return None
    v = value.strip().replace("-", "_").lower()
    if v.startswith("zh"):
        return "zh_CN"
    if v.startswith("en"):
        return "en"
    return None


def language_for(marketplaces: list[str], override: str | None = None,
                 phone_region: str | None = None) -> str:
    """The override when given; else Chinese when a marketplace's main language is Chinese or the
    phone is a Chinese (CN/HK/TW/MO) number; else English."""
    chosen = normalise_language(override)
    if chosen:
        return chosen
    for code in marketplaces or []:
        try:
            if any(lang.startswith("zh") for lang in mp.get(code).languages):
                return "zh_CN"
        except mp.UnknownMarketplace:
            continue
    if phone_region in {"CN", "HK", "TW", "MO"}:
        return "zh_CN"
    return DEFAULT_LANGUAGE


def text(language: str, key: str, **values) -> str:
    table = TEXTS.get(language) or TEXTS[DEFAULT_LANGUAGE]
    return table.get(key, TEXTS[DEFAULT_LANGUAGE][key]).format(**values)


def kind_name(language: str, kind: str) -> str:
    return KIND_NAMES.get(language, KIND_NAMES["en"]).get(kind, kind)
