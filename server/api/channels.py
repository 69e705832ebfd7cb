"""The user's Apprise channels (alerts, SMS, email), over ``monitor.channels``; URLs are masked
on every read because they carry the provider's secrets."""
from __future__ import annotations

from apiflask import APIBlueprint

from monitor import channels
from monitor.errors import ChannelError
from monitor.errors import NotFound as MonitorNotFound
from server.api.schemas import PageQuery, page_body
from server.api.verification_schemas import ChannelIn, ChannelOut, ChannelPage, ChannelTestOut
from server.auth_http import auth, current_user
from server.db import get_db
from server.errors import NotFound, ValidationFailed

bp = APIBlueprint("channels", __name__, tag="Channels")


def _call(fn, *args, **kwargs):
    """monitor's named errors → the server's problem+json errors (same 404 for others' channels)."""
    try:
        return fn(*args, **kwargs)
    except MonitorNotFound:
        raise NotFound("No such channel.") from None
    except ChannelError as exc:
        raise ValidationFailed(errors={exc.field or "url": [str(exc)]}) from None


@bp.get("/channels")
@bp.auth_required(auth)
@bp.input(PageQuery, location="query", arg_name="query")
@bp.output(ChannelPage)
def list_channels(query):
    """The caller's channels, secrets masked."""
    result = channels.list_channels(get_db(), current_user().id, query["page"], query["per_page"])
    return page_body(result["items"], result["total"], query)


@bp.post("/channels")
@bp.auth_required(auth)
@bp.input(ChannelIn, arg_name="body")
@bp.output(ChannelOut, status_code=201)
def add_channel(body):
    """Add an Apprise URL: purposes ``alerts`` (policy alerts, notices), ``sms`` (verification
    codes; SellerGuard adds the recipient) and/or ``email`` (``mailto://…``; ditto)."""
    return _call(channels.add_channel, get_db(), current_user().id, body["name"], body["url"],
                 body["purposes"])


@bp.get("/channels/<int:channel_id>")
@bp.auth_required(auth)
@bp.output(ChannelOut)
def get_channel(channel_id):
    return _call(channels.get_channel, get_db(), current_user().id, channel_id)


@bp.delete("/channels/<int:channel_id>")
@bp.auth_required(auth)
@bp.output({}, status_code=204)
def delete_channel(channel_id):
    _call(channels.delete_channel, get_db(), current_user().id, channel_id)
    return ""


@bp.post("/channels/<int:channel_id>/test")
@bp.auth_required(auth)
@bp.output(ChannelTestOut)
def test_channel(channel_id):
    """Send a test message through the channel now; the answer says whether it was accepted."""
    return _call(channels.test_channel, get_db(), current_user().id, channel_id)
