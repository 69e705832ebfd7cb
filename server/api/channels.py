"""The user's Apprise channels (alerts, SMS, email), over ``monitor.channels``; URLs are masked
on every read because they carry the provider's secrets."""
from __future__ import annotations

from apiflask import APIBlueprint

from monitor import channels
from server.api.schemas import PageQuery, page_body
from server.api.verification_schemas import ChannelIn, ChannelOut, ChannelPage, ChannelTestOut
from server.auth_http import auth, current_user
from server.db import get_db
from server.services import events

bp = APIBlueprint("channels", __name__, tag="Channels")


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
    db, user_id = get_db(), current_user().id
    channel = channels.add_channel(db, user_id, body["name"], body["url"], body["purposes"])
    events.record(db, user_id, "channel.created", "channel", channel["id"],
                  {"name": channel["name"], "purposes": channel["purposes"]})  # never the URL
    return channel


@bp.get("/channels/<int:channel_id>")
@bp.auth_required(auth)
@bp.output(ChannelOut)
def get_channel(channel_id):
    return channels.get_channel(get_db(), current_user().id, channel_id)


@bp.delete("/channels/<int:channel_id>")
@bp.auth_required(auth)
@bp.output({}, status_code=204)
def delete_channel(channel_id):
    db, user_id = get_db(), current_user().id
    channels.delete_channel(db, user_id, channel_id)
    events.record(db, user_id, "channel.deleted", "channel", channel_id)
    return ""


@bp.post("/channels/<int:channel_id>/test")
@bp.auth_required(auth)
@bp.output(ChannelTestOut)
def test_channel(channel_id):
    """Send a test message through the channel now; the answer says whether it was accepted."""
    return channels.test_channel(get_db(), current_user().id, channel_id)
