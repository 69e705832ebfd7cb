from apiflask import APIBlueprint
from flask import current_app

from monitor.db import transaction
from server.api.schemas import AccountIn, AccountOut, AccountPage, AccountPatch, PageQuery, page_body
from server.auth_http import auth, current_user
from server.db import get_db
from server.services import accounts, contacts

bp = APIBlueprint("accounts", __name__, tag="Accounts")


@bp.get("/accounts")
@bp.auth_required(auth)
@bp.input(PageQuery, location="query", arg_name="query")
@bp.output(AccountPage)
def list_accounts(query):
    items, total = accounts.list_accounts(get_db(), current_user().id, query["page"], query["per_page"])
    return page_body(items, total, query)


@bp.post("/accounts")
@bp.auth_required(auth)
@bp.input(AccountIn, arg_name="body")
@bp.output(AccountOut, status_code=201)
def create_account(body):
    return accounts.create(get_db(), current_user().id, body)


@bp.get("/accounts/<int:account_id>")
@bp.auth_required(auth)
@bp.output(AccountOut)
def get_account(account_id):
    return accounts.get(get_db(), current_user().id, account_id)


@bp.patch("/accounts/<int:account_id>")
@bp.auth_required(auth)
@bp.input(AccountPatch, arg_name="body")
@bp.output(AccountOut)
def update_account(account_id, body):
    db, user_id = get_db(), current_user().id
    with transaction(db):  # the new marketplaces and the contacts' re-checked locality land together
        account, marketplaces_changed = accounts.update(db, user_id, account_id, body)
        if marketplaces_changed:  # phones only: no DNS inside the write lock
            contacts.recheck_account(db, user_id, account_id, contacts.CheckSettings.from_config(current_app.config))
    return account


@bp.delete("/accounts/<int:account_id>")
@bp.auth_required(auth)
@bp.output({}, status_code=204)
def delete_account(account_id):
    accounts.delete(get_db(), current_user().id, account_id)
    return ""
