"""``POST /accounts/import`` and ``GET /accounts/export``: onboarding and export by file."""
from __future__ import annotations

import time

from apiflask import APIBlueprint, Schema
from apiflask.fields import Boolean, Float, Integer, List, Nested, String
from apiflask.validators import OneOf
from flask import Response, current_app, jsonify, request

from server.auth_http import auth, current_user
from server.db import get_db
from server.services import account_export, account_import
from server.services.contacts import CheckSettings

bp = APIBlueprint("account_files", __name__, tag="Accounts")

IMPORT_ENDPOINT = "account_files.import_accounts"


class ImportQuery(Schema):
    dry_run = Boolean(load_default=False, metadata={"description": "validate and report, write nothing"})


class Tally(Schema):
    created = Integer(required=True)
    updated = Integer(required=True)
    unchanged = Integer(required=True)


class RefusedRow(Schema):
    row = Integer(required=True)  # CSV: the file's line (the header is line 1); JSON: 1-based
    account = String(required=True)
    field = String(required=True)
    message = String(required=True)


class ImportReport(Schema):
    dry_run = Boolean(required=True)
    rows = Integer(required=True)
    accepted = Integer(required=True)
    refused = Integer(required=True)
    accounts = Nested(Tally, required=True)
    contacts = Nested(Tally, required=True)
    refused_rows = List(Nested(RefusedRow), required=True)
    seconds = Float(required=True)


class ExportQuery(Schema):
    format = String(load_default="csv", validate=OneOf(["csv", "json"]))
    masked = Boolean(load_default=False, metadata={"description": "mask phone numbers and addresses"})


def import_body_limit() -> None:
    """A ``before_request`` hook, registered ahead of the JSON guard: an import file may be larger
    than the API's other bodies (``IMPORT_MAX_BYTES``)."""
    if request.endpoint == IMPORT_ENDPOINT:
        request.max_content_length = int(current_app.config.get("IMPORT_MAX_BYTES", 16 * 1024 * 1024))


@bp.post("/accounts/import")
@bp.auth_required(auth)
@bp.input(ImportQuery, location="query", arg_name="query")
@bp.output(ImportReport)
@bp.doc(description="Send the file as the body: `text/csv` (a header line with the columns "
        "`account, marketplaces, merchant_id, kind, value, role`; marketplaces as `DE|FR`) or "
        "`application/json` (an array of objects with those keys). Each row is validated on its "
        "own; the accepted rows are written in one transaction; re-importing changes nothing.")
def import_accounts(query):
    """Add accounts and contacts from a CSV or JSON file, with a report per refused row."""
    rows = account_import.parse(request.get_data(cache=False), request.mimetype)
    report = account_import.import_rows(get_db(), current_user().id, rows,
                                        CheckSettings.from_config(current_app.config),
                                        dry_run=query["dry_run"])
    return report


@bp.get("/accounts/export")
@bp.auth_required(auth)
@bp.input(ExportQuery, location="query", arg_name="query")
@bp.doc(responses={200: {
    "description": "The accounts and contacts, CSV (cells safe to open in a spreadsheet) or JSON",
    "content": {"text/csv": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}}})
def export_accounts(query):
    """Every account and contact, in the import's columns (the file re-imports as it is)."""
    items = account_export.rows(get_db(), current_user().id, masked=query["masked"])
    stamp = time.strftime("%Y%m%d")
    if query["format"] == "json":
        response = jsonify(list(items))
    else:
        response = Response("".join(account_export.to_csv(items)), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="sellerguard-accounts-{stamp}.{query["format"]}"')
    response.headers["Cache-Control"] = "no-store"
    return response
