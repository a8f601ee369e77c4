"""The pledge wall for the hall's big screen: one event's running count of every kiosk's
pledges against its target, and its newest pledges, at /wall/EVENT_ID in any browser.

Only public data: a name only when its pledger agreed to publish it, never contact details,
organisation or own words (a pledge made in its own words says only that). The page is whole
in itself (its style and script inline, allowed by their hashes in its
Content-Security-Policy, hub.security; nothing from the internet) and its script asks
/api/v1/wall/EVENT_ID every second, writing what comes back as text only. It shows as many
whole cards as the screen holds, from a 1080p or 4K landscape screen to a portrait one.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.clock import format_timestamp, utc_now
from charter_desktop.core.terms import PledgeStatus
from charter_desktop.hub.models import HubEventRow, HubPledgeRow
from charter_desktop.hub.totals import active_counts, is_event_id

NEWEST = 24
ACTIONS_SHOWN = 3
SOMEONE = "Someone"
OWN_WORDS = "Pledged in their own words"  # a pledge with no actions: its text stays private

# The page's only style and script, allowed by their hashes (hub.security.WALL_POLICY).
# Sizes follow the screen's short and long sides alike, so a 4K screen shows what a 1080p one
# does, only sharper, and a portrait screen reads as well as a landscape one. The cards run
# down as many columns at least 19em wide as the width allows (newest at the top left, read
# as a newspaper is), each as tall as its own text and never split between columns: a few
# cards share the columns evenly, and once the columns are full each ends with its last
# whole card, the cards that would need one more column falling off the right-hand edge.
STYLE = """
html, body { margin: 0; height: 100%; overflow: hidden; background: #f7f5f0; }
body { color: #1b1b1b;
       font: 400 clamp(14px, calc(1.2vmin + .6vmax), 120px)/1.3 system-ui, "Segoe UI",
             Roboto, sans-serif; }
main { box-sizing: border-box; height: 100%; display: flex; flex-direction: column;
       gap: .5em; padding: 1.1em 1.6em .6em; }
header { display: flex; flex-wrap: wrap; justify-content: space-between;
         align-items: baseline; column-gap: 1.5em; }
h1 { margin: 0; font-size: 2.2em; line-height: 1.15; font-weight: 800; color: #00524c;
     overflow-wrap: anywhere; }
.charter { margin: 0; color: #4a4a4a; }
.where { margin: .15em 0 0; color: #4a4a4a; }
.count { margin: 0; font-size: 2.6em; line-height: 1.15; font-weight: 800; }
progress { flex: none; width: 100%; height: .9em; border: 0; border-radius: .45em;
           -webkit-appearance: none; appearance: none; background: #e4e1da; overflow: hidden; }
progress::-webkit-progress-bar { background: #e4e1da; border-radius: .45em; }
progress::-webkit-progress-value { background: #00524c; border-radius: .45em; }
progress::-moz-progress-bar { background: #00524c; border-radius: .45em; }
#list { list-style: none; margin: .3em 0 0; padding: 0; flex: 1 1 0; min-height: 0;
        position: relative; overflow: hidden; columns: 19em; column-gap: 1em; }
[hidden] { display: none !important; }
.card { background: #fff; border: .12em solid #00524c; border-radius: .5em;
        padding: .55em .8em .65em; margin: 0 0 .8em; break-inside: avoid; }
.card.new { animation: arrive 1.2s ease-out; }
@keyframes arrive { from { background: #d9efe9; transform: scale(.96); } to { transform: none; } }
.who { margin: 0; font-size: 1.3em; line-height: 1.2; font-weight: 800;
       overflow-wrap: anywhere; }
.type { margin: 0 0 .25em; color: #4a4a4a; }
.actions { margin: 0; padding-left: 1.1em; }
.actions li { overflow-wrap: anywhere; }
.own { margin: 0; font-style: italic; color: #00524c; }
.status { margin: 0; font-size: .75em; color: #4a4a4a; min-height: 1.3em; }
@media (prefers-reduced-motion: reduce) { .card.new { animation: none; } }
"""

# The cards the screen has no room for are hidden as well (after every change and whenever
# the window is resized), so what is shown is always the newest, whole; the newest of all
# shows even on a screen too small for it.
SCRIPT = """
(function () {
  "use strict";
  var shown = 3;
  var root = document.getElementById("wall");
  var url = "../api/v1/wall/" + encodeURIComponent(root.getAttribute("data-event"));
  var title = document.getElementById("title"), where = document.getElementById("where");
  var count = document.getElementById("count"), bar = document.getElementById("bar");
  var list = document.getElementById("list"), status = document.getElementById("status");
  var seen = null;

  function line(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    node.textContent = text;
    return node;
  }
  function put(node, text) {
    if (node.textContent !== text) { node.textContent = text; }
  }
  function key(p) {
    return [p.created_at, p.name || "", p.pledger_type].concat(p.actions || []).join("\\u001f");
  }
  function card(p, fresh) {
    var item = document.createElement("li");
    item.className = fresh ? "card new" : "card";
    item.appendChild(line("p", "who", p.name || "Someone"));
    item.appendChild(line("p", "type", p.pledger_type || ""));
    var labels = p.actions || [];
    if (!labels.length) {
      item.appendChild(line("p", "own", "Pledged in their own words"));
      return item;
    }
    var actions = document.createElement("ul");
    actions.className = "actions";
    labels.slice(0, shown).forEach(function (a) { actions.appendChild(line("li", "", a)); });
    if (labels.length > shown) {
      actions.appendChild(line("li", "", "and " + (labels.length - shown) + " more"));
    }
    item.appendChild(actions);
    return item;
  }
  function fit() {
    var cards = list.children, limit = list.clientHeight, width = list.clientWidth;
    var cut = false, i;
    for (i = 0; i < cards.length; i += 1) { cards[i].hidden = false; }
    for (i = 0; i < cards.length; i += 1) {
      var item = cards[i];
      cut = cut || (i > 0 && (item.offsetTop + item.offsetHeight > limit + 1
                              || item.offsetLeft + item.offsetWidth / 2 > width));
      item.hidden = cut;
    }
  }
  function show(data) {
    var event = data.event, target = event.target, total = data.total;
    put(title, event.name);
    put(where, [event.place, event.date].filter(Boolean).join(" \\u00b7 "));
    var noun = total === 1 ? " pledge" : " pledges";
    put(count, total + noun + " \\u00b7 target " + target);
    bar.max = target;
    bar.value = Math.min(total, target);
    put(bar, Math.round(100 * total / target) + "%");
    var keys = data.newest.map(key);
    var before = seen || keys;
    if (seen === null || keys.join("\\n") !== seen.join("\\n")) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      data.newest.forEach(function (p, i) {
        list.appendChild(card(p, seen !== null && before.indexOf(keys[i]) < 0));
      });
      seen = keys;
    }
    var at = new Date(data.as_of);
    put(status, isNaN(at) ? "" : "Updated " + at.toLocaleTimeString());
    fit();
  }
  function poll() {
    fetch(url, { cache: "no-store", credentials: "omit" })
      .then(function (answer) {
        if (!answer.ok) { throw new Error(answer.status === 404 ? "gone" : "down"); }
        return answer.json();
      })
      .then(function (data) { show(data); })
      .catch(function (error) {
        put(status, error.message === "gone"
          ? "This event is no longer on the hub."
          : "Waiting for the hub\\u2026 the figures above are the last it sent.");
      })
      .then(function () { window.setTimeout(poll, 1000); });
  }
  window.addEventListener("resize", fit);
  fit();
  poll();
})();
"""

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>{style}</style></head>
<body><main id="wall" data-event="{event_id}">
<header><div><h1 id="title">{name}</h1><p class="where" id="where">{where}</p></div>
<p class="charter">{charter}</p></header>
<p class="count" id="count" aria-live="polite">{count}</p>
<progress id="bar" max="{target}" value="{value}">{percent}%</progress>
<ul id="list">{cards}</ul>
<p class="status" id="status"></p>
</main><script>{script}</script></body></html>
"""

_MISSING = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>No such event</title>
<style>{style}</style></head>
<body><main><h1>No such event on this hub</h1>
<p class="where">Check the address: it ends with the event's id, as
<code>charter-desktop hub event list</code> prints it.</p></main></body></html>
"""


def _pledge(row: Any, catalogue: Catalogue) -> dict[str, Any]:
    """One pledge as the wall may show it: public fields only."""
    name = (row.name or "").strip() if row.consent_publish_name else ""
    types = {t.id: t.label for t in catalogue.pledger_types}
    actions = catalogue.actions
    return {
        "name": name or None,
        "pledger_type": types.get(row.pledger_type, row.pledger_type),
        "pledger_type_id": row.pledger_type,
        "actions": [actions[a].label for a in (row.actions or []) if a in actions],
        "created_at": format_timestamp(row.created_at),
    }


def wall_answer(session: Session, catalogue: Catalogue, event_id: str) -> dict[str, Any] | None:
    """The wall of event `event_id` as /api/v1/wall answers it, or None for no such event."""
    if not is_event_id(event_id):
        return None
    event = session.get(HubEventRow, event_id)
    if event is None:
        return None
    newest = session.execute(
        select(
            HubPledgeRow.name,
            HubPledgeRow.consent_publish_name,
            HubPledgeRow.pledger_type,
            HubPledgeRow.actions,
            HubPledgeRow.created_at,
        )
        .where(HubPledgeRow.event_id == event_id, HubPledgeRow.status == PledgeStatus.ACTIVE)
        .order_by(HubPledgeRow.created_at.desc(), HubPledgeRow.id.desc())
        .limit(NEWEST)
    ).all()
    return {
        "event": {"id": event.id, "name": event.name, "place": event.place or "",
                  "date": event.event_date.isoformat(), "target": event.target},
        "total": active_counts(session, [event_id])[event_id],
        "as_of": format_timestamp(utc_now()),
        "newest": [_pledge(row, catalogue) for row in newest],
    }  # fmt: skip


def count_text(total: int, target: int) -> str:
    return f"{total} {'pledge' if total == 1 else 'pledges'} · target {target}"


def _card(pledge: dict[str, Any]) -> str:
    labels = pledge["actions"]
    head = (
        f'<li class="card"><p class="who">{escape(pledge["name"] or SOMEONE)}</p>'
        f'<p class="type">{escape(pledge["pledger_type"])}</p>'
    )
    if not labels:
        return f'{head}<p class="own">{OWN_WORDS}</p></li>'
    items = [f"<li>{escape(a)}</li>" for a in labels[:ACTIONS_SHOWN]]
    if len(labels) > ACTIONS_SHOWN:
        items.append(f"<li>and {len(labels) - ACTIONS_SHOWN} more</li>")
    return f'{head}<ul class="actions">{"".join(items)}</ul></li>'


def _when_and_where(event: dict[str, Any]) -> str:
    day = date.fromisoformat(event["date"])
    return " · ".join(p for p in (event["place"], day.isoformat()) if p)


def wall_page(wall: dict[str, Any] | None, charter_name: str) -> tuple[int, str]:
    """(HTTP status, HTML) of the wall page for `wall` (wall_answer's), 404 for None."""
    if wall is None:
        return 404, _MISSING.format(style=STYLE)
    event, total = wall["event"], wall["total"]
    target = max(1, int(event["target"]))
    return 200, _PAGE.format(
        title=escape(f"Pledge wall: {event['name']}"),
        style=STYLE,
        script=SCRIPT,
        event_id=escape(event["id"]),
        name=escape(event["name"]),
        where=escape(_when_and_where(event)),
        charter=escape(charter_name),
        count=escape(count_text(total, target)),
        target=target,
        value=min(total, target),
        percent=round(100 * total / target),
        cards="".join(_card(p) for p in wall["newest"]),
    )
