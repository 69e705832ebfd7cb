from apiflask import APIBlueprint
from flask import current_app

from server.api.schemas import (AmazonStatusIn, ContactIn, ContactOut, ContactPage, ContactPatch,
                                HoldIn, PageQuery, page_body)
from server.auth_http import auth, current_user
from server.db import get_db
from server.services import contacts

bp = APIBlueprint("contacts", __name__, tag="Contacts")


def _settings():
    return contacts.CheckSettings.from_config(current_app.config)


@bp.get("/accounts/<int:account_id>/contacts")
@bp.auth_required(auth)
@bp.input(PageQuery, location="query", arg_name="query")
@bp.output(ContactPage)
def list_contacts(account_id, query):
    items, total = contacts.list_for_account(get_db(), current_user().id, account_id,
                                             query["page"], query["per_page"])
    return page_body(items, total, query)


@bp.post("/accounts/<int:account_id>/contacts")
@bp.auth_required(auth)
@bp.input(ContactIn, arg_name="body")
@bp.output(ContactOut, status_code=201)
def create_contact(account_id, body):
    """Add a contact; it is checked the way the marketplace will look at it."""
    return contacts.create(get_db(), current_user().id, account_id, body, _settings())


@bp.get("/contacts/<int:contact_id>")
@bp.auth_required(auth)
@bp.output(ContactOut)
def get_contact(contact_id):
    return contacts.get(get_db(), current_user().id, contact_id)


@bp.patch("/contacts/<int:contact_id>")
@bp.auth_required(auth)
@bp.input(ContactPatch, arg_name="body")
@bp.output(ContactOut)
def update_contact(contact_id, body):
    """Change role or value; a new value is re-checked and must be verified again (pending
    verifications of the old value are canceled and the seller is told)."""
    from server.services import verification

    return verification.update_contact(get_db(), current_app.config, current_user().id, contact_id, body)


@bp.delete("/contacts/<int:contact_id>")
@bp.auth_required(auth)
@bp.output({}, status_code=204)
def delete_contact(contact_id):
    contacts.delete(get_db(), current_user().id, contact_id)
    return ""


@bp.put("/contacts/<int:contact_id>/amazon-status")
@bp.auth_required(auth)
@bp.input(AmazonStatusIn, arg_name="body")
@bp.output(ContactOut)
def put_amazon_status(contact_id, body):
    """Record what the seller or the extension saw in Seller Central."""
    return contacts.set_amazon_status(get_db(), current_user().id, contact_id, body["status"], body["source"])


@bp.post("/contacts/<int:contact_id>/hold")
@bp.auth_required(auth)
@bp.input(HoldIn, arg_name="body")
@bp.output(ContactOut)
def hold(contact_id, body):
    """Put a contact on hold until a date (Amazon lets sellers postpone for a while)."""
    return contacts.set_hold(get_db(), current_user().id, contact_id, body["until"], body["reason"])


@bp.delete("/contacts/<int:contact_id>/hold")
@bp.auth_required(auth)
@bp.output(ContactOut)
def release_hold(contact_id):
    return contacts.set_hold(get_db(), current_user().id, contact_id, None)
