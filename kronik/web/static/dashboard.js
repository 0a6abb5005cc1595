// The dashboard's two charts and the dyad's event list, drawn as plain SVG and DOM from /api/.
// Data is only ever placed with textContent or setAttribute: crawled text never becomes markup.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const QUADS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"];
const QUAD_LABELS = {
  verbal_coop: "verbal cooperation",
  material_coop: "material cooperation",
  verbal_conflict: "verbal conflict",
  material_conflict: "material conflict",
};
const QUAD_COLORS = {
  verbal_coop: "#8fbbe0",
  material_coop: "#2a6aa8",
  verbal_conflict: "#f2a65a",
  material_conflict: "#c0392b",
};

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function html(name, attrs, text) {
  const node = document.createElement(name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function tip(node, text) {
  node.appendChild(el("title", {}, text));
  return node;
}

function fmtScore(v) {
  return v === null || v === undefined ? "–" : (v >= 0 ? "+" : "") + v.toFixed(1);
}

// Mean score to colour: red for conflict, grey near zero, blue for cooperation.
function scoreColor(v, max) {
  if (v === null || v === undefined) return "#999";
  const t = Math.max(-1, Math.min(1, v / max));
  const grey = [150, 150, 150];
  const end = t < 0 ? [192, 57, 43] : [42, 106, 168];
  const a = Math.abs(t);
  const c = grey.map((g, i) => Math.round(g + (end[i] - g) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

// A whole-number tick step giving about four ticks up to n.
function countStep(n) {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(n / 4, 1))));
  for (const m of [1, 2, 5, 10]) if (m * p >= n / 4) return m * p;
  return 10 * p;
}

async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function message(box, text) {
  box.replaceChildren(html("p", { class: "empty" }, text));
}

// PLOVER scores run from -10 (most conflictual) to +10 (most cooperative): a fixed scale keeps charts comparable.
const SCORE_MAX = 10;

// Undated events (no event date, no dated report) have no bar: say how many, so bars and list add up.
function undatedNote(n) {
  return html("p", { class: "hint undated" },
    `${n} undated event(s) between these two actors (no event date and no dated report) are in no bar; the list below includes them.`);
}

function drawTimeline(box, data, onPeriod) {
  const periods = data.periods;
  box.dataset.periods = String(periods.length);
  box.dataset.undated = String(data.undated || 0);
  if (!periods.length) {
    message(box, "No dated events between these two actors.");
    if (data.undated) box.appendChild(undatedNote(data.undated));
    return;
  }
  const W = Math.max(box.clientWidth || 800, 480), H = 320;
  const m = { top: 16, right: 56, bottom: 64, left: 44 };
  const iw = W - m.left - m.right, ih = H - m.top - m.bottom;
  const step = countStep(Math.max(...periods.map((d) => d.events)));
  const yMax = step * Math.ceil(Math.max(...periods.map((d) => d.events)) / step);
  const sMax = SCORE_MAX;
  const band = iw / periods.length;
  const bw = Math.max(2, Math.min(48, band * 0.75));
  const x = (i) => m.left + band * i + band / 2;
  const y = (v) => m.top + ih - (v / yMax) * ih;
  const ys = (v) => m.top + ih / 2 - (v / sMax) * (ih / 2);
  const title = `${data.a} – ${data.b}`;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", class: "timeline-chart",
    "aria-label": `Timeline of events, ${title}` });

  for (let v = 0; v <= yMax; v += step) {
    svg.appendChild(el("line", { x1: m.left, x2: m.left + iw, y1: y(v), y2: y(v), class: "grid" }));
    svg.appendChild(el("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, String(v)));
  }
  for (let k = -2; k <= 2; k++) {
    const s = (sMax * k) / 2;
    svg.appendChild(el("text", { x: m.left + iw + 6, y: ys(s) + 4, class: "axis score-axis" }, s === 0 ? "0" : fmtScore(s).replace(".0", "")));
  }
  svg.appendChild(el("line", { x1: m.left, x2: m.left + iw, y1: ys(0), y2: ys(0), class: "zero" }));
  svg.appendChild(el("text", { x: 12, y: m.top + ih / 2, transform: `rotate(-90 12 ${m.top + ih / 2})`,
    "text-anchor": "middle", class: "axis" }, "events"));
  svg.appendChild(el("text", { x: W - 8, y: m.top + ih / 2, transform: `rotate(90 ${W - 8} ${m.top + ih / 2})`,
    "text-anchor": "middle", class: "axis" }, "mean score"));

  const every = Math.ceil(periods.length / Math.max(1, Math.floor(iw / 56)));
  periods.forEach((d, i) => {
    const g = el("g", { class: "bar", "data-period": d.label, tabindex: 0 });
    let base = 0;
    for (const q of QUADS) {
      if (!d[q]) continue;
      g.appendChild(el("rect", { x: x(i) - bw / 2, y: y(base + d[q]), width: bw, height: y(base) - y(base + d[q]),
        fill: QUAD_COLORS[q], class: `seg quad-${q}` }));
      base += d[q];
    }
    g.appendChild(el("rect", { x: m.left + band * i, y: m.top, width: band, height: ih, class: "hit" }));
    const parts = QUADS.filter((q) => d[q]).map((q) => `${QUAD_LABELS[q]}: ${d[q]}`);
    tip(g, `${d.label}: ${d.events} event(s)\n${parts.join("\n")}\nmean score ${fmtScore(d.score)}`);
    g.addEventListener("click", () => onPeriod(d));
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onPeriod(d); });
    svg.appendChild(g);
    if (i % every === 0) {
      svg.appendChild(el("text", { x: x(i), y: m.top + ih + 14, "text-anchor": "end", class: "axis",
        transform: `rotate(-40 ${x(i)} ${m.top + ih + 14})` }, d.label));
    }
  });

  let path = "";
  let pen = false;
  periods.forEach((d, i) => {
    if (d.score === null || d.score === undefined) { pen = false; return; }
    path += `${pen ? "L" : "M"}${x(i).toFixed(1)},${ys(d.score).toFixed(1)}`;
    pen = true;
  });
  if (path) svg.appendChild(el("path", { d: path, class: "score-line" }));
  periods.forEach((d, i) => {
    if (d.score === null || d.score === undefined) return;
    svg.appendChild(tip(el("circle", { cx: x(i), cy: ys(d.score), r: 3.5, class: "score-dot" }),
      `${d.label}: mean score ${fmtScore(d.score)}`));
  });

  const legend = html("ul", { class: "legend" });
  for (const q of QUADS) {
    const li = html("li");
    li.appendChild(html("span", { class: `swatch quad-${q}` }));
    li.appendChild(document.createTextNode(QUAD_LABELS[q]));
    legend.appendChild(li);
  }
  const li = html("li");
  li.appendChild(html("span", { class: "swatch line" }));
  li.appendChild(document.createTextNode("mean score"));
  legend.appendChild(li);
  box.replaceChildren(svg, legend);
  if (data.undated) box.appendChild(undatedNote(data.undated));
}

function drawEvents(box, data, caption) {
  const table = html("table", { class: "events" });
  const head = html("tr");
  for (const h of ["Date", "Actors", "Recipients", "Type", "Status", "Score", "Evidence"]) head.appendChild(html("th", {}, h));
  table.appendChild(html("thead")).appendChild(head);
  const body = table.appendChild(html("tbody"));
  for (const e of data.events) {
    const tr = html("tr", { class: `quad-${e.quad || "none"}` });
    tr.appendChild(html("td", { class: "nowrap" }, e.date || e.day || "undated"));
    tr.appendChild(html("td", {}, (e.actors || []).join(", ")));
    tr.appendChild(html("td", {}, (e.recipients || []).join(", ")));
    const type = html("td");
    type.appendChild(html("span", { class: `badge quad-${e.quad || "none"}`, title: QUAD_LABELS[e.quad] || "" }, e.type));
    tr.appendChild(type);
    tr.appendChild(html("td", {}, e.status || ""));
    tr.appendChild(html("td", { class: "num" }, fmtScore(e.intensity)));
    const ev = html("td", { lang: "id" });
    ev.appendChild(html("a", { class: "event-link", href: `/events/${encodeURIComponent(e.event_id)}` }, e.sentence || "(no sentence)"));
    tr.appendChild(ev);
    body.appendChild(tr);
  }
  const undated = data.undated ? ` (${data.undated} undated, listed last)` : "";
  const p = html("p", { class: "count" }, `${caption}: ${data.total} event(s)${undated}` + (data.total > data.events.length ? `, newest ${data.events.length} shown` : ""));
  const scroll = html("div", { class: "scroll" });
  scroll.appendChild(table);
  box.replaceChildren(p, scroll);
}

function drawNetwork(box, data, onPair) {
  const nodes = data.nodes, edges = data.edges;
  if (!edges.length) {
    message(box, "No events between two parties yet.");
    return;
  }
  const W = Math.max(box.clientWidth || 800, 480), H = Math.min(560, Math.max(360, W * 0.6));
  const cx = W / 2, cy = H / 2, r = Math.min(W, H) / 2 - 48;
  const pos = {};
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    pos[n.id] = { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a), a };
  });
  const maxCount = Math.max(...edges.map((e) => e.events));
  const maxNode = Math.max(...nodes.map((n) => n.events));
  const sMax = SCORE_MAX;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", class: "network-chart",
    "aria-label": `Network of ${nodes.length} actors and ${edges.length} pairs` });
  for (const e of [...edges].reverse()) {
    const s = pos[e.source], t = pos[e.target];
    const line = el("line", { x1: s.x, y1: s.y, x2: t.x, y2: t.y, class: "edge",
      stroke: scoreColor(e.score, sMax), "stroke-width": 1 + (7 * e.events) / maxCount,
      "data-source": e.source, "data-target": e.target });
    tip(line, `${e.source} – ${e.target}: ${e.events} event(s), mean score ${fmtScore(e.score)}`);
    line.addEventListener("click", () => onPair(e.source, e.target));
    svg.appendChild(line);
  }
  for (const n of nodes) {
    const p = pos[n.id];
    const g = el("g", { class: "node", "data-code": n.id });
    g.appendChild(el("circle", { cx: p.x, cy: p.y, r: 5 + 11 * Math.sqrt(n.events / maxNode) }));
    const out = 20 + 11 * Math.sqrt(n.events / maxNode);
    const anchor = Math.cos(p.a) > 0.3 ? "start" : Math.cos(p.a) < -0.3 ? "end" : "middle";
    g.appendChild(el("text", { x: p.x + (out - 10) * Math.cos(p.a), y: p.y + out * Math.sin(p.a) + 4, "text-anchor": anchor }, n.id));
    tip(g, `${n.id}: ${n.events} event(s) with others shown`);
    svg.appendChild(g);
  }
  const legend = html("p", { class: "hint" },
    `Colour: mean PLOVER score from ${fmtScore(-sMax)} (red) through 0 (grey) to ${fmtScore(sMax)} (blue); widest line ${maxCount} event(s).`);
  box.replaceChildren(svg, legend);
}

function start() {
  const form = document.getElementById("dyad");
  const selA = document.getElementById("actor-a"), selB = document.getElementById("actor-b");
  const freq = document.getElementById("freq");
  const from = document.getElementById("from"), to = document.getElementById("to");
  const timeline = document.getElementById("timeline"), list = document.getElementById("dyad-events");
  const network = document.getElementById("network");
  if (!form || !selA.value) return;

  // Responses can arrive out of order (a bar clicked while the whole dyad's list is still loading):
  // each loader draws only the answer to its latest request.
  let eventsSeq = 0, timelineSeq = 0;

  async function loadEvents(period) {
    const mine = ++eventsSeq;
    const q = new URLSearchParams({ actor: selA.value, other: selB.value, limit: "50" });
    q.set("from", period ? period.from : from.value);
    q.set("to", period ? period.to : to.value);
    const who = `${selA.value} – ${selB.value}`;
    try {
      const data = await getJSON(`/api/events?${q}`);
      if (mine === eventsSeq) drawEvents(list, data, period ? `${who}, ${period.label}` : who);
    } catch (err) {
      if (mine === eventsSeq) message(list, `Could not load events: ${err.message}`);
    }
  }

  async function load() {
    const mine = ++timelineSeq;
    const q = new URLSearchParams({ a: selA.value, b: selB.value, freq: freq.value, from: from.value, to: to.value });
    history.replaceState(null, "", `/?${q}`);
    document.getElementById("timeline-title").textContent = `Timeline: ${selA.value} – ${selB.value}`;
    timeline.classList.add("loading");
    try {
      const data = await getJSON(`/api/timeline?${q}`);
      if (mine !== timelineSeq) return;
      drawTimeline(timeline, data, loadEvents);
    } catch (err) {
      if (mine !== timelineSeq) return;
      message(timeline, `Could not load the timeline: ${err.message}`);
    }
    timeline.classList.remove("loading");
    await loadEvents(null);
  }

  async function loadNetwork() {
    const q = new URLSearchParams({ from: from.value, to: to.value });
    try {
      drawNetwork(network, await getJSON(`/api/network?${q}`), (a, b) => {
        selA.value = a;
        selB.value = b;
        load();
        form.scrollIntoView({ behavior: "smooth" });
      });
    } catch (err) {
      message(network, `Could not load the network: ${err.message}`);
    }
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); loadNetwork(); });
  for (const input of [selA, selB, freq]) input.addEventListener("change", load);
  load();
  loadNetwork();
}

document.addEventListener("DOMContentLoaded", start);
