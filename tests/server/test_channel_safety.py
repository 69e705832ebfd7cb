"""Channels: alert text is sent as plain text (never HTML) and webhook/SMTP hosts on link-local
or cloud-metadata addresses are refused, when added and when sending."""
from __future__ import annotations

import pytest

from monitor import channels
from verification_fixtures import smtp  # noqa: F401  (fixture: a real SMTP server on loopback)


def test_email_alert_is_plain_text_and_markup_stays_text(smtp):  # noqa: F811
    url = f"mailto://127.0.0.1:{smtp.port}?from=sellerguard@example.com&secure=no&to=ops@shop-mx.com"
    hostile = 'Verify now <a href="https://phish.example/login">Seller Central</a><img src="https://t.example/p.gif">'
    result = channels.send(url, "New policy", hostile)
    assert result.ok, result.error
    message = smtp.messages[-1]
    html_parts = [p for p in message.walk() if p.get_content_type() == "text/html"]
    for part in html_parts:  # if a client gets an HTML part, the markup is escaped in it
        assert "<a href" not in part.get_content() and "<img" not in part.get_content()
    assert "<a href=\"https://phish.example/login\">" in smtp.text()  # shown as text, verbatim


@pytest.mark.parametrize("url", [
    "json://169.254.169.254/latest/meta-data/iam",
    "form://[fd00:ec2::254]/x",
    "xml://100.100.100.200/latest",
    "jsons://metadata.google.internal/computeMetadata/v1",
    "mailto://u:p@shop.example?smtp=169.254.169.254&to=a@shop.example",
])
def test_metadata_hosts_are_refused(url):
    with pytest.raises(channels.ChannelError):
        channels.validate_url(url)
    assert not channels.send(url, "t", "b").ok


@pytest.mark.parametrize("url", ["json://127.0.0.1:9/hook", "twilio://AC123:tok@+15551234567"])
def test_loopback_webhooks_and_providers_are_allowed(url):
    assert channels.validate_url(url) == url


def test_api_refuses_a_metadata_channel(client, headers):
    r = client.post("/api/v1/channels", json={"name": "x", "url": "json://169.254.169.254/x",
                                              "purposes": ["alerts"]}, headers=headers)
    assert r.status_code == 422 and r.content_type == "application/problem+json"


# Every plugin that connects to a host named in its URL (issue 12, item 3): the guard reads the
# hosts from the parsed plugin, so none of these needs an entry of its own.
HOST_PLUGIN_URLS = [
    "ntfy://{h}/topic", "ntfys://{h}/topic", "gotify://{h}/token0123456789", "apprise://{h}/token",
    "mmost://{h}/token0123456789abc", "kodi://{h}", "rocket://user:pass@{h}/#channel",
    "matrix://user:pass@{h}/#room", "nctalk://user:pass@{h}/roomid", "enigma2://{h}",
]
METADATA = ["169.254.169.254", "metadata.google.internal"]


@pytest.mark.parametrize("host", METADATA)
@pytest.mark.parametrize("template", HOST_PLUGIN_URLS)
def test_every_host_plugin_is_guarded(template, host):
    url = template.format(h=host)
    with pytest.raises(channels.ChannelError, match="refused"):
        channels.validate_url(url)
    result = channels.send(url, "t", "b")  # at send time too, before Apprise connects
    assert not result.ok and "refused" in result.error


def test_unknown_scheme_is_refused():
    with pytest.raises(channels.ChannelError):
        channels.validate_url("sellerguard-nonsense://169.254.169.254/x")


def test_api_refuses_every_host_plugin(client, headers):
    for template in HOST_PLUGIN_URLS:
        r = client.post("/api/v1/channels", json={"name": template[:10], "purposes": ["alerts"],
                                                  "url": template.format(h="169.254.169.254")},
                        headers=headers)
        assert r.status_code == 422, (template, r.get_json())
    assert client.get("/api/v1/channels", headers=headers).get_json()["total"] == 0


def test_mailto_failure_names_the_smtp_reason_without_secrets():
    """Issue 12, item 10: the SMTP server's answer is in the error, the password is not."""
    import socket

    from aiosmtpd.controller import Controller

    class Refuse:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            return "550 5.1.1 mailbox unavailable here"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Refuse(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        plain = channels.send(f"mailto://127.0.0.1:{port}?from=a@shop.example&secure=no"
                              "&to=x@shop.example", "t", "b")
        with_auth = channels.send(f"mailto://ops:Sekr1tPw99@127.0.0.1:{port}?from=a@shop.example"
                                  "&secure=no&to=x@shop.example", "t", "b")
    finally:
        controller.stop()
    assert not plain.ok and "mailbox unavailable" in plain.error, plain.error
    assert not with_auth.ok and "AUTH" in with_auth.error, with_auth.error
    assert "Sekr1tPw99" not in with_auth.error
