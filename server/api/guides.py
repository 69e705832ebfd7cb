"""``GET /guides?marketplace=DE&lang=de``: the marketplace's own verification flow, as data.

The guides are static data (``server/guides/data``), the same for every user; a token is still
required, like everything else in the API but health and pairing.
"""
from apiflask import APIBlueprint, Schema
from apiflask.fields import Dict, List, Nested, String
from apiflask.validators import Length, Regexp

from server import guides
from server.auth_http import auth

bp = APIBlueprint("guides", __name__, tag="Guides")


class GuidesQuery(Schema):
    marketplace = String(required=True, validate=Regexp(r"^[A-Za-z]{2}$", error="Use a two-letter marketplace code such as DE."))
    lang = String(load_default=None, validate=Length(max=35))


class GuideStep(Schema):
    id = String(required=True)
    title = String(required=True)
    body = String(required=True)
    page = Dict(required=True)
    target = Dict(allow_none=True)


class Trouble(Schema):
    case = String(required=True)
    text = String(required=True)


class Guide(Schema):
    id = String(required=True)
    title = String(required=True)
    summary = String(required=True)
    start_url = String(required=True)
    steps = List(Nested(GuideStep), required=True)
    detect = Dict(required=True)
    troubleshooting = List(Nested(Trouble), required=True)


class GuidesOut(Schema):
    marketplace = String(required=True)
    version = String(required=True)
    language = String(required=True)
    languages = List(String())
    host = String(required=True)
    hosts = List(String())
    guides = List(Nested(Guide), required=True)


@bp.get("/guides")
@bp.auth_required(auth)
@bp.input(GuidesQuery, location="query", arg_name="query")
@bp.output(GuidesOut)
def get_guides(query):
    """The steps of the marketplace's own contact verification, in its language (or ``lang``)."""
    return guides.get_guides(query["marketplace"], query.get("lang"))
