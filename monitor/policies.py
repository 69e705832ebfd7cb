"""Policies: items of one story merged into one record, and the alerts they raise.

Every new item is analysed (``monitor.analysis.analyze``, contract DESIGN §3.2). Items labelled
``contact_verification`` that share a ``story`` form one policy; an item whose story differs only
in its year, or has none, joins a policy of the same platform and channel whose time is compatible
(``monitor.analysis.story.pick_policy``: an undated repost joins the campaign it reads most like,
a report dated 2024 never joins the 2017 campaign; a channel that only agrees — an SMS check and a
two-step verification by phone — joins when both are dated close together). Its facts are recomputed from all
its items each time one joins: items of official sources first, then the earliest; the first of
them is the canonical record (title, link). Every date is kept with its source in ``dates``; the
policy is ``retroactive`` when it took effect before it was announced.

A new policy raises one ``policy_new`` alert per recipient; a new or changed effective date or
deadline raises one ``policy_update`` alert per recipient. Alert keys make both idempotent.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from monitor import alerts as alerts_mod
from monitor.config import Hooks
from monitor.db import iso, transaction, utcnow
from monitor.errors import NotFound
from monitor.redact import redact_url
from monitor.mail import store as mail_store
from monitor.store import dumps, insert, loads, page, row, rows, update

log = logging.getLogger(__name__)

LABEL = "contact_verification"
DATE_FIELDS = ("effective_date", "announced_date", "deadline")
IMPORTANT_DATES = ("effective_date", "deadline")
Analyzer = Callable[[dict], dict]


ANALYSIS_CHUNK = 100    # items one batch call of the analysis scores at once


def default_analyzer() -> Analyzer:
    """``monitor.analysis.analyze``, carrying ``analyze_many`` as its ``many`` attribute: the
    batch form gives each record the same answer and scores a whole chunk with one model call
    (per-item ``analyze`` pays the model's fixed cost every time)."""
    from monitor.analysis import analyze  # the other half of the monitor; imported late
    from monitor.analysis.core import analyze_many

    def analyzer(record: dict) -> dict:
        return analyze(record)

    analyzer.many = analyze_many
    return analyzer


def _analyze_chunk(analyzer: Analyzer, records: list[dict]) -> list[tuple[dict, str | None]]:
    """(result, error) for each record: one batch call when ``analyzer`` has a ``many`` form,
    else (or when the batch call fails, so that one bad item only spoils itself) one call each."""
    many = getattr(analyzer, "many", None)
    if many is not None and len(records) > 1:
        try:
            results = list(many(records))
            if len(results) == len(records) and all(isinstance(r, dict) for r in results):
                return [(r, None) for r in results]
        except Exception:  # noqa: BLE001 - retried item by item below, which reports it
            log.debug("batch analysis failed; analysing the chunk item by item", exc_info=True)
    out = []
    for rec in records:
        try:
            result = analyzer(rec)
            result.get("label"), result.get("story")  # not a mapping: this item's error
            out.append((result, None))
        except Exception as exc:  # one bad item must not stop the others
            log.exception("analysis failed for item %s", rec["id"])
            out.append(({"error": f"{type(exc).__name__}: {exc}"}, f"{type(exc).__name__}: {exc}"))
    return out


# --- recipients -------------------------------------------------------------------------------

def all_users(db, hooks: Hooks | None) -> list[int]:
    if hooks and hooks.all_users:
        return sorted(set(hooks.all_users()))
    return [r["user_id"] for r in rows(db, """
        SELECT user_id FROM channels UNION SELECT user_id FROM sources
        WHERE user_id IS NOT NULL ORDER BY 1""")]


def recipients_for_source(db, source: dict, hooks: Hooks | None) -> list[int]:
    if hooks and hooks.recipients:
        return sorted(set(hooks.recipients({"type": "source", **_source_public(source)})))
    if source.get("user_id") is not None:
        return [source["user_id"]]
    return all_users(db, hooks)


def recipients_for_policy(db, policy: dict, hooks: Hooks | None) -> list[int]:
    if hooks and hooks.recipients:
        return sorted(set(hooks.recipients({"type": "policy", **policy})))
    owners = {r["user_id"] for r in rows(db, """
        SELECT DISTINCT s.user_id FROM policy_items pi JOIN sources s ON s.id = pi.source_id
        WHERE pi.policy_id = ?""", [policy["id"]])}
    out = {u for u in owners if u is not None}
    if None in owners:
        out |= set(all_users(db, hooks))
    return sorted(out)


def _source_public(s: dict) -> dict:
    return {"id": s["id"], "user_id": s.get("user_id"), "name": s["name"],
            "url": redact_url(s["url"], all_extras=False),
            "official": bool(s.get("official"))}


# --- merging ----------------------------------------------------------------------------------

@dataclass
class ProcessStats:
    analyzed: int = 0
    matched: int = 0
    policies_new: int = 0
    policies_updated: int = 0
    alerts: int = 0
    errors: list[str] = field(default_factory=list)
    seen: int = 0           # queued items read in this call
    last_id: int = 0        # the highest item id read
    stopped: bool = False   # the deadline passed before the batch was done


def _record(item: dict) -> dict:
    return {"id": str(item["id"]), "title": item["title"], "text": item["text"] or "",
            "url": item["url"], "language": item["language"], "published": item["published_at"]}


def process_pending(db, *, analyzer: Analyzer | None = None, hooks: Hooks | None = None,
                    limit: int = 1000, deadline: float | None = None,
                    after_id: int = 0) -> ProcessStats:
    """Analyse up to ``limit`` items not analysed yet (those with an id above ``after_id``);
    merge matches into policies; raise alerts. With ``deadline`` (a ``time.monotonic()`` value)
    it stops once that has passed, after at least one item (``stats.stopped``).

    Each item is one transaction (analysis stored, policy merged, alerts queued), so a process
    killed here loses nothing: unfinished items are simply still pending. Items are read and
    analysed ``ANALYSIS_CHUNK`` at a time when the analyzer has a batch form (``many``, as the
    default one has), so the deadline is checked between chunks (a call may overrun it by one
    chunk's analysis; one item only when it has passed already).
    """
    stats = ProcessStats()
    pending = rows(db, """SELECT id FROM items WHERE analyzed_at IS NULL AND id > ?
                          ORDER BY id LIMIT ?""", [after_id, limit])
    if not pending:
        return stats
    analyzer = analyzer or default_analyzer()
    # items are read and analysed a chunk at a time (one batch call of the analysis, when the
    # analyzer has one), then stored one transaction each, as before
    chunk = ANALYSIS_CHUNK if getattr(analyzer, "many", None) is not None else 1
    start = 0
    while start < len(pending):
        if deadline is not None and start and time.monotonic() >= deadline:
            stats.stopped = True
            break
        # past the deadline already: one item, the least a call moves
        size = 1 if deadline is not None and time.monotonic() >= deadline else chunk
        ids = [p["id"] for p in pending[start:start + size]]
        start += len(ids)
        stats.seen += len(ids)
        stats.last_id = ids[-1]
        found = {r["id"]: r for r in rows(
            db, f"SELECT * FROM items WHERE id IN ({','.join('?' * len(ids))})", ids)}
        todo = [found[i] for i in ids if i in found and found[i]["analyzed_at"] is None]
        if not todo:
            continue
        for item, (result, error) in zip(todo, _analyze_chunk(analyzer,
                                                              [_record(i) for i in todo])):
            if error is None:
                label, story = result.get("label"), result.get("story")
            else:
                label = story = None
                stats.errors.append(f"item {item['id']}: {error}")
            now = iso(utcnow())
            with transaction(db):
                update(db, "items", item["id"], {"analysis": dumps(result), "analyzed_at": now,
                                                 "label": label, "story": story})
                stats.analyzed += 1
                routed = mail_store.route(db, item, result, hooks=hooks, now=now)
                if routed == "handled":
                    continue  # a mail that is not genuine never makes a policy
                if routed is None and (result.get("phishing") or {}).get("flag"):
                    continue  # a text that phishes (look-alike links, asks for secrets) is no policy
                if label == LABEL and story:
                    stats.matched += 1
                    outcome, n_alerts = merge_item(db, {**item, "story": story}, result,
                                                   hooks=hooks, now=now)
                    stats.policies_new += outcome == "new"
                    stats.policies_updated += outcome == "updated"
                    stats.alerts += n_alerts
    return stats


def _members(db, policy_id: int) -> list[dict]:
    return rows(db, """
        SELECT i.id, i.title, i.url, i.published_at, i.fetched_at, i.analysis, i.source_id,
               s.name AS source_name, CASE WHEN s.official = 1 AND s.user_id IS NULL THEN 1 ELSE 0 END AS official,
               s.user_id AS source_user_id, s.kind AS source_kind, pi.added_at
        FROM policy_items pi JOIN items i ON i.id = pi.item_id JOIN sources s ON s.id = i.source_id
        WHERE pi.policy_id = ?
        ORDER BY official DESC, COALESCE(i.published_at, i.fetched_at), i.id""", [policy_id])


def scoped_story(db, item: dict) -> str:
    """The policy key of an item. Items of a user's own source form that user's own policies:
    a shared policy's title, link, dates and alerts come from shared sources only, so no user can
    rewrite what others are told (and no user's private sources show in others' policies).
    Only shared sources can be official (the operator's defaults); a user's "official" flag is
    kept for display in their own list and ignored here."""
    owner = db.execute("SELECT user_id FROM sources WHERE id = ?", [item["source_id"]]).fetchone()
    if owner and owner[0] is not None:
        return f"u{owner[0]}:{item['story']}"
    return item["story"]


_SCOPE = re.compile(r"^(u\d+:)?(.*)$", re.S)


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


_GUESSED_YEAR = re.compile(r"not stated and no publication date: resolved to (\d{4})")


def _event_time(facts: dict, fallback: object = None) -> dt.date | None:
    """The policy's own date (effective, else deadline, else announced), else ``fallback``; a date
    whose year the analysis had to guess (no year in the text, no publication date: its notes say
    so) is no event time."""
    guessed = {int(y) for n in facts.get("notes") or [] if isinstance(n, str) for y in _GUESSED_YEAR.findall(n)}
    for key in ("effective_date", "deadline", "announced_date"):
        d = _date(facts.get(key))
        if d and d.year not in guessed:
            return d
    return _date(fallback)


def find_policy(db, story: str, item: dict, result: dict) -> dict | None:
    """The policy an item joins: the one with exactly its (scoped) story, else a compatible one of
    the same scope and platform whose channel agrees (``pick_policy``); None when the item starts a
    policy."""
    from monitor.analysis.similarity import signature
    from monitor.analysis.story import PolicyCandidate, key_family, pick_policy

    policy = row(db, "SELECT * FROM policies WHERE story = ?", [story])
    if policy is not None:
        return policy
    scope, key = _SCOPE.match(story).groups()
    scope = scope or ""
    family = key_family(key)
    if family is None:
        return None
    prefix = scope + family + "/"
    # a policy's time is that of its facts (its items' dates or publication), never when it was
    # first fetched: the monitor may well read a 2017 post in 2025
    found = rows(db, """SELECT p.id, p.story, p.facts, i.title, i.text
                        FROM policies p LEFT JOIN items i ON i.id = p.canonical_item_id
                        WHERE substr(p.story, 1, ?) = ?""", [len(prefix), prefix])
    candidates = []
    for p in found:
        if (_SCOPE.match(p["story"]).group(1) or "") != scope:
            continue
        pfacts = loads(p["facts"], {}) or {}
        candidates.append(PolicyCandidate(ref=p["id"], key=p["story"][len(scope):], when=_event_time(pfacts),
                                          sig=signature(p["title"] or "", p["text"] or ""),
                                          types=frozenset(pfacts.get("contact_types") or [])))
    if not candidates:
        return None
    facts = result.get("facts") or {}
    pid = pick_policy(key, _event_time(facts, item.get("published_at")),
                      signature(item.get("title") or "", item.get("text") or ""), candidates,
                      types=frozenset(facts.get("contact_types") or []))
    return None if pid is None else row(db, "SELECT * FROM policies WHERE id = ?", [pid])


def _merge_facts(members: list[dict]) -> tuple[dict, list[dict], bool]:
    facts: dict = {"marketplace": None, "marketplaces": [], "contact_types": [], "method": None,
                   "where": None, "effective_date": None, "announced_date": None,
                   "deadline": None, "consequences": None, "notes": []}
    dates: list[dict] = []
    retro = False
    for m in members:
        f = (loads(m["analysis"], {}) or {}).get("facts") or {}
        if f.get("marketplace"):
            facts["marketplace"] = facts["marketplace"] or f["marketplace"]
            if f["marketplace"] not in facts["marketplaces"]:
                facts["marketplaces"].append(f["marketplace"])
        for ct in f.get("contact_types") or []:
            if ct not in facts["contact_types"]:
                facts["contact_types"].append(ct)
        for note in f.get("notes") or []:
            if note not in facts["notes"]:
                facts["notes"].append(note)
        method = f.get("method")
        if method and method != "unknown" and facts["method"] in (None, "unknown"):
            facts["method"] = method
        elif method and facts["method"] is None:
            facts["method"] = method
        for key in ("where", "consequences"):
            if f.get(key) and not facts[key]:
                facts[key] = f[key]
        item_dates = {k: f.get(k) for k in DATE_FIELDS}
        if not item_dates["announced_date"] and m["published_at"]:
            item_dates["announced_date"] = m["published_at"][:10]
            inferred = True
        else:
            inferred = False
        for key in DATE_FIELDS:
            value = item_dates[key]
            if not value:
                continue
            if not facts[key]:
                facts[key] = value
            dates.append({"field": key, "date": value, "item_id": m["id"],
                          "source_id": m["source_id"], "source": m["source_name"],
                          "official": bool(m["official"]),
                          **({"from_publication_date": True}
                             if key == "announced_date" and inferred else {})})
        if item_dates["effective_date"] and item_dates["announced_date"] \
                and item_dates["effective_date"] < item_dates["announced_date"]:
            retro = True
    if facts["effective_date"] and facts["announced_date"] \
            and facts["effective_date"] < facts["announced_date"]:
        retro = True
    return facts, dates, retro


def merge_item(db, item: dict, result: dict, *, hooks: Hooks | None = None,
               now: str | None = None) -> tuple[str, int]:
    """Put a matching item into its story's policy; call inside a transaction.

    Returns (``"new"`` | ``"updated"`` (an important date appeared or changed) | ``"same"``,
    number of alerts written).
    """
    now = now or iso(utcnow())
    story = scoped_story(db, item)
    policy = find_policy(db, story, item, result)
    created = policy is None
    if created:
        pid = insert(db, "policies", {
            "story": story, "title": item["title"], "url": item["url"],
            "canonical_item_id": item["id"], "first_seen_at": item["fetched_at"] or now,
            "updated_at": now, "score": result.get("score"),
        })
        old_dates: set[tuple[str, str]] = set()
        revision = 1
    else:
        pid = policy["id"]
        old_dates = {(d["field"], d["date"]) for d in loads(policy["dates"], [])
                     if d["field"] in IMPORTANT_DATES}
        revision = policy["revision"]
    insert(db, "policy_items", {"policy_id": pid, "item_id": item["id"],
                                "source_id": item["source_id"], "added_at": now}, or_ignore=True)
    db.execute("UPDATE items SET policy_id = ? WHERE id = ?", [pid, item["id"]])
    members = _members(db, pid)
    facts, dates, retro = _merge_facts(members)
    canonical = members[0]
    new_dates = {(d["field"], d["date"]) for d in dates if d["field"] in IMPORTANT_DATES}
    changed = not created and bool(new_dates - old_dates)
    if changed:
        revision += 1
    first_seen = min([m["fetched_at"] for m in members if m["fetched_at"]] or [now])
    update(db, "policies", pid, {
        "title": canonical["title"], "url": canonical["url"], "canonical_item_id": canonical["id"],
        "official": int(any(m["official"] for m in members)), "marketplace": facts["marketplace"],
        "facts": dumps(facts), "dates": dumps(dates), "retroactive": int(retro),
        "first_seen_at": first_seen, "updated_at": now, "revision": revision,
        "score": max(result.get("score") or 0, (policy or {}).get("score") or 0),
    })
    public = _public(db, row(db, "SELECT * FROM policies WHERE id = ?", [pid]), None)
    recipients = recipients_for_policy(db, public, hooks)
    count = 0
    for uid in recipients:
        # policy_new for every recipient (keys make repeats no-ops, and a user whose own source
        # joins later still hears about the policy once)
        impact = _impact(hooks, uid, public)
        count += alerts_mod.raise_alert(
            db, user_id=uid, kind="policy_new", key=f"policy:{pid}:new:u{uid}",
            title=_title("New", public), body=_body(public, impact), policy_id=pid,
            impact=impact, now=now) is not None
        if changed:
            count += alerts_mod.raise_alert(
                db, user_id=uid, kind="policy_update", key=f"policy:{pid}:r{revision}:u{uid}",
                title=_title("Updated", public), body=_body(public, impact,
                                                            new=sorted(new_dates - old_dates)),
                policy_id=pid, impact=impact, now=now) is not None
    return ("new" if created else ("updated" if changed else "same")), count


def _impact(hooks: Hooks | None, user_id: int, policy: dict) -> list[str]:
    if not hooks or not hooks.impact:
        return []
    try:
        return [str(line) for line in hooks.impact(user_id, policy) or []]
    except Exception as exc:  # the alert must go out even if the impact hook fails
        log.exception("impact hook failed")
        return [f"(could not work out the affected accounts: {type(exc).__name__})"]


def _title(what: str, p: dict) -> str:
    mp = f" [{p['marketplace']}]" if p.get("marketplace") else ""
    return f"{what} contact-verification policy{mp}: {p.get('title') or p['story']}"[:250]


def _body(p: dict, impact: list[str], new: list[tuple[str, str]] | None = None) -> str:
    f = p["facts"]
    lines = [p.get("title") or "", ""]
    if new:
        lines.append("What changed: " + ", ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in new))
    if f.get("marketplaces"):
        lines.append("Marketplace: " + ", ".join(f["marketplaces"]))
    if f.get("contact_types"):
        lines.append("Contacts: " + ", ".join(c.replace("_", " ") for c in f["contact_types"]))
    if f.get("method"):
        lines.append(f"Method: {f['method']}")
    if f.get("where"):
        lines.append(f"Where: {f['where']}")
    if f.get("effective_date"):
        retro = ""
        if p.get("retroactive"):
            retro = f" (retroactive: before the announcement on {f.get('announced_date')})"
        lines.append(f"Effective: {f['effective_date']}{retro}")
    if f.get("deadline"):
        lines.append(f"Deadline: {f['deadline']}")
    if f.get("consequences"):
        lines.append(f"If not done: {f['consequences']}")
    lines.append("Sources: " + ", ".join(
        s["name"] + (" (official)" if s["official"] else "")
        + (" (from the marketplace's mail, signature verified)" if s.get("kind") == "imap" else "")
        for s in p.get("sources", [])))
    lines.append("")
    if impact:
        lines.append("Your accounts affected:")
        lines.extend(f"- {line}" for line in impact)
    else:
        lines.append("Your accounts: none known to be affected (check your accounts' contacts).")
    if p.get("url"):
        lines += ["", f"Read more: {p['url']}"]
    return "\n".join(lines).strip()


# --- reading ----------------------------------------------------------------------------------

_VISIBLE = """EXISTS (SELECT 1 FROM policy_items pi JOIN sources s ON s.id = pi.source_id
              WHERE pi.policy_id = policies.id AND (s.user_id IS NULL OR s.user_id = ?))"""


def _public(db, p: dict, user_id: int | None) -> dict:
    sources = []
    for m in _members(db, p["id"]):
        if user_id is not None and m["source_user_id"] not in (None, user_id):
            continue
        sources.append({"source_id": m["source_id"], "name": m["source_name"],
                        "official": bool(m["official"]), "item_id": m["id"],
                        "title": m["title"], "url": m["url"], "published_at": m["published_at"],
                        "added_at": m["added_at"], "kind": m["source_kind"]})
    return {
        "id": p["id"], "label": LABEL, "story": p["story"], "title": p["title"], "url": p["url"],
        "official": bool(p["official"]), "marketplace": p["marketplace"],
        "facts": loads(p["facts"], {}), "dates": loads(p["dates"], []),
        "retroactive": bool(p["retroactive"]), "score": p["score"],
        "first_seen_at": p["first_seen_at"], "updated_at": p["updated_at"],
        "revision": p["revision"], "sources": sources,
    }


def list_policies(db, user_id: int | None, page_no: int = 1, per_page: int = 50) -> dict:
    """Policies the user can see (from shared sources or their own), newest first.
    ``user_id`` None lists all (operator CLI)."""
    sql, params = "SELECT * FROM policies", []
    if user_id is not None:
        sql += f" WHERE {_VISIBLE}"
        params.append(user_id)
    result = page(db, sql + " ORDER BY first_seen_at DESC, id DESC", params, page_no, per_page)
    result["items"] = [_public(db, p, user_id) for p in result["items"]]
    return result


def get_policy(db, user_id: int | None, policy_id: int) -> dict:
    """One policy with its merged facts, dates and sources. :raise NotFound."""
    sql, params = "SELECT * FROM policies WHERE id = ?", [policy_id]
    if user_id is not None:
        sql += f" AND {_VISIBLE}"
        params.append(user_id)
    p = row(db, sql, params)
    if not p:
        raise NotFound(f"policy {policy_id} not found")
    return _public(db, p, user_id)


def facts_by_id(db, policy_ids) -> dict[int, dict]:
    """The merged facts of these policies, by id (one query for all of them): what the server
    shows beside an alert. Ids that do not exist are left out."""
    ids = sorted({int(i) for i in policy_ids if i})
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    return {r["id"]: loads(r["facts"], {})
            for r in rows(db, f"SELECT id, facts FROM policies WHERE id IN ({marks})", ids)}
