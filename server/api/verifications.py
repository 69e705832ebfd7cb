"""Local verification: start (or resend), check, read, cancel, and the emailed link."""
from __future__ import annotations

from apiflask import APIBlueprint
from flask import current_app, render_template, request
from flask_limiter.util import get_remote_address

from server.api.verification_schemas import VerificationCheckIn, VerificationOut, VerificationStartIn
from server.auth_http import auth, current_user
from server.db import get_db
from server.limits import limiter
from server.services import messages
from server.services import verification as svc

bp = APIBlueprint("verifications", __name__, tag="Verification")

# flask-limiter strings; per token (the default key) and per client address.
LIMIT_DEFAULTS = {
    "VERIFY_TOKEN_RATE_LIMIT": "10 per minute;60 per hour",
    "VERIFY_IP_RATE_LIMIT": "30 per minute;200 per hour",
    "VERIFY_CHECK_RATE_LIMIT": "30 per minute;300 per hour",
    "VERIFY_LINK_RATE_LIMIT": "20 per minute;100 per hour",
}


def _limit(key: str):
    return lambda: current_app.config.get(key) or LIMIT_DEFAULTS[key]


def _ip_key(prefix: str):
    return lambda: f"{prefix}:{get_remote_address() or 'unknown'}"


def _user_ip_key(prefix: str):
    """Per user *and* address: users behind one address (an office, a VPN) each have their own
    allowance, so one of them cannot lock the others out."""
    from server.auth_http import bearer_user

    def key() -> str:
        user = bearer_user()
        return f"{prefix}:{user.id if user else 'anon'}:{get_remote_address() or 'unknown'}"
    return key


def settings() -> svc.Settings:
    return svc.Settings.from_config(current_app.config)


@bp.post("/contacts/<int:contact_id>/verifications")
@bp.auth_required(auth)
@bp.input(VerificationStartIn, arg_name="body")
@bp.output(VerificationOut, status_code=201, description="A new verification was started and sent.")
@bp.doc(responses={200: {"description": "The pending verification (within the resend cooldown: "
                                       "unchanged; after it: resent with a fresh code).",
                        "content": {"application/json": {"schema": {
                            "$ref": "#/components/schemas/VerificationOut"}}}},
                   404: "No such contact.", 422: "Invalid body, or the contact cannot receive "
                   "this channel (override with override_checks).",
                   429: "A limit was reached; see Retry-After."})
@limiter.limit(_limit("VERIFY_TOKEN_RATE_LIMIT"))
@limiter.limit(_limit("VERIFY_IP_RATE_LIMIT"), key_func=_user_ip_key("verify-ip"))
def start_verification(contact_id, body):
    """Send a one-time code to a contact (SMS for phones, code + link for emails).

    Idempotent while a verification is pending: within the resend cooldown the same one is
    returned; after it, the same one is resent with a fresh code (at most 5 sends, cooldown
    30 s, 60 s, 120 s, 240 s)."""
    verification, created = svc.start(get_db(), settings(), current_user().id, contact_id,
                                      body["channel"], override_checks=body["override_checks"],
                                      language=body["language"])
    return verification, 201 if created else 200


@bp.get("/verifications/<int:verification_id>")
@bp.auth_required(auth)
@bp.output(VerificationOut)
def get_verification(verification_id):
    return svc.get(get_db(), settings(), current_user().id, verification_id)


@bp.post("/verifications/<int:verification_id>/check")
@bp.auth_required(auth)
@bp.input(VerificationCheckIn, arg_name="body")
@bp.output(VerificationOut, description="The code was right: the verification is approved.")
@bp.doc(responses={404: "No such verification.",
                   409: "The verification is no longer pending (approved, canceled, failed).",
                   410: "The verification has expired.",
                   422: "Wrong code (problem type wrong-code, with attempts_left).",
                   429: "No attempts left, or too many failures today; see Retry-After."})
@limiter.limit(_limit("VERIFY_CHECK_RATE_LIMIT"))
@limiter.limit(_limit("VERIFY_IP_RATE_LIMIT"), key_func=_user_ip_key("verify-ip"))
def check_verification(verification_id, body):
    """Check a code (5 wrong codes end the verification)."""
    return svc.check(get_db(), settings(), current_user().id, verification_id, body["code"])


@bp.post("/verifications/<int:verification_id>/cancel")
@bp.auth_required(auth)
@bp.output(VerificationOut)
def cancel_verification(verification_id):
    return svc.cancel(get_db(), settings(), current_user().id, verification_id)


def _page_language(verification: dict | None) -> str:
    if verification and verification.get("language") in messages.LANGUAGES:
        return verification["language"]
    best = request.accept_languages.best_match(["en", "zh-CN", "zh"], default="en")
    return messages.normalise_language(best) or "en"


_PAGE_HEADERS = {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the token is in the URL
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "form-action 'self'; frame-ancestors 'none'",
}
_HTML = {"content": {"text/html": {"schema": {"type": "string"}}}}


def _link_page(token: str, confirm: bool):
    outcome, verification = svc.approve_by_link(get_db(), settings(), token, confirm=confirm)
    lang = _page_language(verification)
    t = lambda key, **kw: messages.text(lang, key, **kw)  # noqa: E731
    if outcome == "confirm":
        status, heading = 200, t("page_confirm")
        detail = t("page_confirm_detail", masked=svc.out(verification)["destination"])
    elif outcome == "approved":
        status, heading = 200, t("page_approved")
        detail = t("page_approved_detail", masked=svc.out(verification)["destination"])
    elif outcome == "expired":
        status, heading, detail = 410, t("page_expired"), t("page_expired_detail")
    elif outcome == "not_pending":
        status, heading = 409, t("page_not_pending")
        detail = t("page_not_pending_detail", status=verification["status"])
    else:
        status, heading, detail = 404, t("page_invalid"), t("page_invalid_detail")
    html = render_template("verify_email.html", html_lang="zh-CN" if lang == "zh_CN" else "en",
                           title=t("page_title"), heading=heading, detail=detail,
                           ok=outcome == "approved", confirm=outcome == "confirm",
                           button=t("page_confirm_button"), never_share=t("never_share"))
    return html, status, _PAGE_HEADERS


@bp.get("/verify-email/<token>")
@bp.doc(summary="Open the emailed verification link: a confirmation page (HTML, no token needed)",
        responses={200: {"description": "A page whose button (a POST to the same address) "
                                        "approves; opening it (GET or HEAD, as mail scanners do) "
                                        "approves nothing.", **_HTML},
                   404: {"description": "Unknown, used or replaced link (HTML page).", **_HTML},
                   409: {"description": "The verification is no longer pending (HTML page).",
                         **_HTML},
                   410: {"description": "Expired link (HTML page).", **_HTML}})
@limiter.limit(_limit("VERIFY_LINK_RATE_LIMIT"), key_func=_ip_key("verify-link"))
def verify_email(token):
    """The emailed link: shows a localised confirmation page; only its POST approves."""
    return _link_page(token, confirm=False)


@bp.post("/verify-email/<token>")
@bp.doc(summary="Confirm the emailed verification link (the page's button; HTML answer)",
        responses={200: {"description": "Approved: a small HTML page.", **_HTML},
                   404: {"description": "Unknown, used or replaced link (HTML page).", **_HTML},
                   409: {"description": "The verification is no longer pending (HTML page).",
                         **_HTML},
                   410: {"description": "Expired link (HTML page).", **_HTML}})
@limiter.limit(_limit("VERIFY_LINK_RATE_LIMIT"), key_func=_ip_key("verify-link"))
def confirm_email(token):
    """Approve the verification once. No cookie or session is involved: the single-use secret
    in the address is what a forged cross-site form would lack, so it needs no CSRF token."""
    return _link_page(token, confirm=True)
