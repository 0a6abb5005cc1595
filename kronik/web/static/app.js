// The dashboard and the country view: every panel is drawn from /api/ for the selection in the URL. Changing a
// filter rewrites the URL (so reloading or sharing the link gives the same view) and redraws every panel.

import { drawBalance, drawNetwork, drawTimeline, sparkline } from "./charts.js";
import { fromForm, initFilters, selectionOf, updateLinks } from "./filters.js";
import { drawMap } from "./map.js";
import { QUADS, QUAD_LABELS, actorLabel, fmtScore, getJSON, html, latest, message, plural, undatedNote } from "./util.js";

const view = document.body.dataset.view;
const lang = document.body.dataset.lang || "id";
const form = document.getElementById("filters");
const $ = (id) => document.getElementById(id);
let pickers = {};
let wholeWorld = false;

function params() {
  return new URLSearchParams(location.search);
}

function api(path, extra) {
  const q = new URLSearchParams(params());
  for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
  q.set("lang", lang);
  return `${path}?${q}`;
}

function pickerName(key) {
  const input = form.querySelector(`#picker-${key}`);
  return input && input.dataset.code ? input.value : "";
}

function selectionTitle() {
  const a = pickerName("actor"), b = pickerName("with");
  if (a && b) return `${a} – ${b}`;
  if (a) return `${a} and all others`;
  if (b) return `all others – ${b}`;
  return "All events";
}

// Narrow every view to a period (a clicked bar): the granularity goes back to automatic, so the period is drawn finer.
function toPeriod(period) {
  $("from").value = period.from;
  $("to").value = period.to;
  const freq = $("freq");
  if (freq) freq.value = "auto";
  apply();
}

function toPair(a, b) {
  const names = lastNetworkNames;
  pickers.actor.set(a, names[a] || a, false);
  pickers.with.set(b, names[b] || b, false);
  apply();
  form.scrollIntoView({ behavior: "smooth" });
}

// A new selection: the server-drawn pages (the event table, a country view of another actor, a page showing what was
// wrong with the URL) are fetched again; the others redraw their panels.
function apply() {
  const next = fromForm(form);
  if (view === "events" || $("problem") || (view === "country" && next.get("actor") !== params().get("actor"))) {
    location.search = next.toString();
    return;
  }
  if (next.toString() !== params().toString()) history.pushState(null, "", `${location.pathname}${next.toString() ? "?" + next : ""}`);
  refresh();
}

function summary(data) {
  const box = $("summary");
  if (!box) return;
  const parts = [plural(data.total, "event")];
  if (data.first) parts.push(`${data.first} to ${data.last}`);
  parts.push(`${plural(data.located, "event")} with a place`);
  if (data.undated && !data.dated) parts.push(`of them ${plural(data.undated, "undated event")}`);
  box.textContent = parts.join(" · ");
}

function freqHint(box, data) {
  const hint = html("p", { class: "hint freq" },
    data.auto ? `One bar per ${data.freq}, chosen from the span of the selection (${data.first} to ${data.last}); pick another under “Per”.`
      : `One bar per ${data.freq}.`);
  box.appendChild(hint);
}

const loadTimeline = latest(async (fresh, draw) => {
  const box = draw === drawBalance ? $("balance") : $("timeline");
  box.classList.add("loading");
  try {
    const data = await getJSON(api("/api/timeline"));
    if (!fresh()) return;
    summary(data);
    box.dataset.total = String(data.total);
    box.dataset.undated = String(data.undated);
    const title = $("timeline-title");
    if (title && draw === drawTimeline) title.textContent = `Timeline: ${selectionTitle()}`;
    draw(box, data, selectionTitle(), toPeriod);
    if (data.periods.length) freqHint(box, data);
    const note = undatedNote(data.undated, data.dated, "the chart");
    if (note) box.appendChild(note);
  } catch (err) {
    if (fresh()) message(box, `Could not load the chart: ${err.message}`);
  }
  box.classList.remove("loading");
});

const loadMap = latest(async (fresh) => {
  const box = $("map");
  box.classList.add("loading");
  try {
    const data = await getJSON(api("/api/map"));
    if (!fresh()) return;
    await drawMap(box, data, { whole: wholeWorld, onToggle: () => { wholeWorld = !wholeWorld; loadMap(); } });
    box.dataset.total = String(data.total);
    const note = data.dated && undatedNote(data.undated, true, "the map");
    if (note) box.appendChild(note);
  } catch (err) {
    if (fresh()) message(box, `Could not load the map: ${err.message}`);
  }
  box.classList.remove("loading");
});

function eventRow(e, names) {
  const tr = html("tr", { class: `quad-${e.quad || "none"}` });
  tr.appendChild(html("td", { class: "nowrap" }, e.date || e.day || "undated"));
  for (const side of [e.actors || [], e.recipients || []]) {
    const td = html("td");
    for (const c of side) td.appendChild(actorLabel(c, names));
    tr.appendChild(td);
  }
  const type = html("td");
  type.appendChild(html("span", { class: `badge quad-${e.quad || "none"}`, title: QUAD_LABELS[e.quad] || "" }, e.type));
  tr.appendChild(type);
  tr.appendChild(html("td", {}, e.status || ""));
  tr.appendChild(html("td", { class: "num" }, fmtScore(e.intensity)));
  tr.appendChild(html("td", { class: "num", title: (e.outlets || []).join(", ") }, String(e.source_count)));
  const ev = html("td", { lang: "id" });
  ev.appendChild(html("a", { class: "event-link", href: `/events/${encodeURIComponent(e.event_id)}` }, e.sentence || "(no sentence)"));
  tr.appendChild(ev);
  return tr;
}

// One event as a short item (the country view's narrow column): date, type, who to whom, the evidence.
function eventItem(e, names) {
  const li = html("li", { class: `quad-${e.quad || "none"}` });
  const head = html("p", { class: "item-head" });
  head.appendChild(html("span", { class: "nowrap date" }, e.date || e.day || "undated"));
  head.appendChild(html("span", { class: `badge quad-${e.quad || "none"}`, title: QUAD_LABELS[e.quad] || "" }, e.type));
  if (e.status !== "occurred") head.appendChild(html("small", {}, e.status));
  li.appendChild(head);
  const who = html("p", { class: "item-who" });
  (e.actors || []).forEach((c) => who.appendChild(actorLabel(c, names)));
  if ((e.recipients || []).length) {
    who.appendChild(document.createTextNode("→ "));
    e.recipients.forEach((c) => who.appendChild(actorLabel(c, names)));
  }
  li.appendChild(who);
  li.appendChild(html("a", { class: "event-link", lang: "id", href: `/events/${encodeURIComponent(e.event_id)}` }, e.sentence || "(no sentence)"));
  return li;
}

const PAGE = 25;
let listShown = 0;

const loadEvents = latest(async (fresh, more) => {
  const box = $("event-list");
  const offset = more ? listShown : 0;
  const page = box.classList.contains("compact") ? PAGE / 2.5 : PAGE;
  try {
    const data = await getJSON(api("/api/events", { limit: String(page), offset: String(offset) }));
    if (!fresh()) return;
    const compact = box.classList.contains("compact");
    let body = box.querySelector(compact ? "ol" : "tbody");
    if (!more || !body) {
      let list;
      if (compact) {
        list = body = html("ol", { class: "event-items" });
      } else {
        const table = html("table", { class: "events" });
        const head = html("tr");
        for (const h of ["Date", "Actors", "Recipients", "Type", "Status", "Score", "Sources", "Evidence"]) head.appendChild(html("th", {}, h));
        table.appendChild(html("thead")).appendChild(head);
        body = table.appendChild(html("tbody"));
        list = html("div", { class: "table-wrap" });
        list.appendChild(table);
      }
      box.replaceChildren(html("p", { class: "count" }), list, html("p", { class: "more" }));
      listShown = 0;
    }
    for (const e of data.events) body.appendChild(compact ? eventItem(e, data.names) : eventRow(e, data.names));
    listShown += data.events.length;
    box.dataset.total = String(data.total);
    const undated = data.undated && !data.dated ? ` (${plural(data.undated, "undated event")}, listed last)` : "";
    box.querySelector(".count").textContent = `${selectionTitle()}: ${plural(data.total, "event")}${undated}, newest first; ${listShown} shown.`;
    const moreBox = box.querySelector(".more");
    moreBox.replaceChildren();
    if (!data.total) box.querySelector(".count").textContent = "No events match these filters.";
    if (listShown < data.total) {
      const button = html("button", { type: "button", class: "show-more" }, `Show ${Math.min(page, data.total - listShown)} more`);
      button.addEventListener("click", () => loadEvents(true));
      moreBox.appendChild(button);
      const table = selectionOf(params());
      if (lang !== "id") table.set("lang", lang);
      const link = html("a", { href: `/events${table.toString() ? "?" + table : ""}` }, "all in the event table →");
      moreBox.appendChild(link);
    }
  } catch (err) {
    if (fresh()) message(box, `Could not load events: ${err.message}`);
  }
});

let lastNetworkNames = {};

const loadNetwork = latest(async (fresh) => {
  const box = $("network");
  try {
    const data = await getJSON(api("/api/network"));
    if (!fresh()) return;
    lastNetworkNames = data.names;
    drawNetwork(box, data, data.names, toPair);
    const note = data.undated && !data.dated ? html("p", { class: "hint undated" }, `Counts include ${plural(data.undated, "undated event")}.`) : null;
    if (note) box.appendChild(note);
  } catch (err) {
    if (fresh()) message(box, `Could not load the network: ${err.message}`);
  }
});

const loadPartners = latest(async (fresh) => {
  const box = $("partners");
  try {
    const data = await getJSON(api("/api/partners", { limit: "15" }));
    if (!fresh()) return;
    summary(data);
    if (!data.partners.length) {
      message(box, "No partners in this selection.");
      return;
    }
    const table = html("table", { class: "partners" });
    const head = html("tr");
    for (const h of ["Partner", "Events", "By quad class", "Cooperation / conflict", "Mean score", `Score per ${data.freq}`, "Latest"]) head.appendChild(html("th", {}, h));
    table.appendChild(html("thead")).appendChild(head);
    const body = table.appendChild(html("tbody"));
    const most = Math.max(...data.partners.map((p) => p.events));
    const sel = selectionOf(params());
    for (const p of data.partners) {
      const tr = html("tr", { "data-partner": p.partner });
      const who = html("td");
      const pair = new URLSearchParams(sel);
      pair.set("with", p.partner);
      if (lang !== "id") pair.set("lang", lang);
      const link = html("a", { href: `/?${pair}`, class: "partner-link" });
      link.appendChild(actorLabel(p.partner, data.names));
      who.appendChild(link);
      tr.appendChild(who);
      tr.appendChild(html("td", { class: "num" }, String(p.events)));
      const bars = html("td");
      const stack = html("div", { class: "stack" });
      stack.style.width = `${Math.max(4, (100 * p.events) / most)}%`;
      for (const q of QUADS) {
        if (!p[q]) continue;
        const seg = html("span", { class: `seg quad-${q}`, title: `${QUAD_LABELS[q]}: ${p[q]}` });
        seg.style.flexGrow = String(p[q]);
        stack.appendChild(seg);
      }
      bars.appendChild(stack);
      tr.appendChild(bars);
      tr.appendChild(html("td", { class: "num" }, `${p.cooperation} / ${p.conflict}`));
      tr.appendChild(html("td", { class: "num" }, fmtScore(p.score)));
      const spark = html("td");
      spark.appendChild(sparkline(p.series, data.periods, data.names[p.partner] || p.partner));
      tr.appendChild(spark);
      tr.appendChild(html("td", { class: "nowrap" }, p.last || "undated"));
      body.appendChild(tr);
    }
    const wrap = html("div", { class: "table-wrap" });
    wrap.appendChild(table);
    const shown = data.count > data.partners.length ? `The ${data.partners.length} busiest of ${data.count} partners.` : `${plural(data.count, "partner")}.`;
    box.replaceChildren(wrap, html("p", { class: "hint" }, shown));
    const note = undatedNote(data.undated, data.dated, "the score lines");
    if (note) box.appendChild(note);
  } catch (err) {
    if (fresh()) message(box, `Could not load partners: ${err.message}`);
  }
});

function refresh() {
  const p = params();
  updateLinks(p);
  if (view === "dashboard") {
    const title = $("selection-title");
    if (title) title.textContent = selectionTitle();
    loadTimeline(drawTimeline);
    loadMap();
    loadEvents(false);
    loadNetwork();
  } else if (view === "country" && $("partners")) {
    loadPartners();
    loadTimeline(drawBalance);
    loadMap();
    loadEvents(false);
  }
}

function start() {
  if (!form) return;
  pickers = initFilters(form, lang, apply);
  window.addEventListener("popstate", () => location.reload());
  if ($("problem")) return;
  refresh();
}

start();
