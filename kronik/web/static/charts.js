// The dashboard's charts as plain SVG: the timeline, the country view's balance and partner lines, the network.

import { QUADS, QUAD_COLORS, QUAD_LABELS, SCORE_MAX, fmtScore, html, message, plural, scoreColor, svg, tip } from "./util.js";

// A whole-number tick step giving about four ticks up to n.
function countStep(n) {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(n / 4, 1))));
  for (const m of [1, 2, 5, 10]) if (m * p >= n / 4) return m * p;
  return 10 * p;
}

function legend(withLine) {
  const ul = html("ul", { class: "legend" });
  for (const q of QUADS) {
    const li = html("li");
    li.appendChild(html("span", { class: `swatch quad-${q}` }));
    li.appendChild(document.createTextNode(QUAD_LABELS[q]));
    ul.appendChild(li);
  }
  if (withLine) {
    const li = html("li");
    li.appendChild(html("span", { class: "swatch line" }));
    li.appendChild(document.createTextNode("mean score"));
    ul.appendChild(li);
  }
  return ul;
}

function scoreLine(chart, periods, x, ys) {
  let path = "";
  let pen = false;
  periods.forEach((d, i) => {
    if (d.score === null || d.score === undefined) { pen = false; return; }
    path += `${pen ? "L" : "M"}${x(i).toFixed(1)},${ys(d.score).toFixed(1)}`;
    pen = true;
  });
  if (path) chart.appendChild(svg("path", { d: path, class: "score-line" }));
  periods.forEach((d, i) => {
    if (d.score === null || d.score === undefined) return;
    chart.appendChild(tip(svg("circle", { cx: x(i), cy: ys(d.score), r: 3, class: "score-dot" }), `${d.label}: mean score ${fmtScore(d.score)}`));
  });
}

function axes(chart, m, iw, ih, W, label) {
  const ys = (v) => m.top + ih / 2 - (v / SCORE_MAX) * (ih / 2);
  for (let k = -2; k <= 2; k++) {
    const s = (SCORE_MAX * k) / 2;
    chart.appendChild(svg("text", { x: m.left + iw + 6, y: ys(s) + 4, class: "axis score-axis" }, s === 0 ? "0" : fmtScore(s).replace(".0", "")));
  }
  chart.appendChild(svg("text", { x: 12, y: m.top + ih / 2, transform: `rotate(-90 12 ${m.top + ih / 2})`, "text-anchor": "middle", class: "axis" }, label));
  chart.appendChild(svg("text", { x: W - 8, y: m.top + ih / 2, transform: `rotate(90 ${W - 8} ${m.top + ih / 2})`, "text-anchor": "middle", class: "axis" }, "mean score"));
  return ys;
}

function periodLabels(chart, periods, x, y0, iw) {
  const every = Math.ceil(periods.length / Math.max(1, Math.floor(iw / 56)));
  periods.forEach((d, i) => {
    if (i % every) return;
    chart.appendChild(svg("text", { x: x(i), y: y0 + 14, "text-anchor": "end", class: "axis", transform: `rotate(-40 ${x(i)} ${y0 + 14})` }, d.label));
  });
}

// One segment per quad class with events, stacked from the zero line up (sign 1) or down (sign -1).
function stack(g, d, quads, left, width, y, sign) {
  let base = 0;
  for (const q of quads) {
    if (!d[q]) continue;
    const a = y(sign * base), b = y(sign * (base + d[q]));
    g.appendChild(svg("rect", { x: left, y: Math.min(a, b), width, height: Math.abs(a - b), fill: QUAD_COLORS[q], class: `seg quad-${q}` }));
    base += d[q];
  }
}

function bar(d, title, onPeriod) {
  const g = svg("g", { class: "bar", "data-period": d.label, "data-events": d.events, tabindex: 0, role: "button" });
  const parts = QUADS.filter((q) => d[q]).map((q) => `${QUAD_LABELS[q]}: ${d[q]}`);
  tip(g, `${d.label}: ${plural(d.events, "event")}${parts.length ? "\n" + parts.join("\n") : ""}\nmean score ${fmtScore(d.score)}\n${title}`);
  g.addEventListener("click", () => onPeriod(d));
  g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onPeriod(d); });
  return g;
}

// The periods of a timeline, recorded on its box for tests; null (and a message) when there are none.
function periodsOf(box, data) {
  box.dataset.periods = String(data.periods.length);
  box.dataset.freq = data.freq;
  if (!data.periods.length) {
    message(box, "No dated events in this selection.");
    return null;
  }
  return data.periods;
}

// Stacked bars of events per quad class and the mean score line; `onPeriod(period)` when a bar is clicked.
export function drawTimeline(box, data, title, onPeriod) {
  const periods = periodsOf(box, data);
  if (!periods) return;
  const W = Math.max(box.clientWidth || 800, 480), H = 300;
  const m = { top: 16, right: 56, bottom: 64, left: 48 };
  const iw = W - m.left - m.right, ih = H - m.top - m.bottom;
  const most = Math.max(...periods.map((d) => d.events), 1);
  const step = countStep(most);
  const yMax = step * Math.ceil(most / step);
  const band = iw / periods.length;
  const bw = Math.max(1, Math.min(48, band * 0.8));
  const x = (i) => m.left + band * i + band / 2;
  const y = (v) => m.top + ih - (v / yMax) * ih;
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", class: "timeline-chart", "aria-label": `Timeline of events, ${title}` });
  for (let v = 0; v <= yMax; v += step) {
    chart.appendChild(svg("line", { x1: m.left, x2: m.left + iw, y1: y(v), y2: y(v), class: "grid" }));
    chart.appendChild(svg("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, String(v)));
  }
  const ys = axes(chart, m, iw, ih, W, "events");
  chart.appendChild(svg("line", { x1: m.left, x2: m.left + iw, y1: ys(0), y2: ys(0), class: "zero" }));
  periods.forEach((d, i) => {
    const g = bar(d, title, onPeriod);
    stack(g, d, QUADS, x(i) - bw / 2, bw, y, 1);
    g.appendChild(svg("rect", { x: m.left + band * i, y: m.top, width: band, height: ih, class: "hit" }));
    chart.appendChild(g);
  });
  periodLabels(chart, periods, x, m.top + ih, iw);
  scoreLine(chart, periods, x, ys);
  box.replaceChildren(chart, legend(true));
}

// Cooperation (quad classes 1-2) above the zero line, conflict (3-4) below it, and the mean score.
export function drawBalance(box, data, title, onPeriod) {
  const periods = periodsOf(box, data);
  if (!periods) return;
  const coop = QUADS.slice(0, 2), conflict = QUADS.slice(2);
  const W = Math.max(box.clientWidth || 800, 480), H = 320;
  const m = { top: 16, right: 56, bottom: 64, left: 48 };
  const iw = W - m.left - m.right, ih = H - m.top - m.bottom;
  const most = Math.max(1, ...periods.map((d) => Math.max(coop.reduce((s, q) => s + d[q], 0), conflict.reduce((s, q) => s + d[q], 0))));
  const step = countStep(most);
  const yMax = step * Math.ceil(most / step);
  const band = iw / periods.length;
  const bw = Math.max(1, Math.min(48, band * 0.8));
  const x = (i) => m.left + band * i + band / 2;
  const mid = m.top + ih / 2;
  const y = (v) => mid - (v / yMax) * (ih / 2);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", class: "balance-chart", "aria-label": `Cooperation and conflict over time, ${title}` });
  for (let v = -yMax; v <= yMax; v += step) {
    chart.appendChild(svg("line", { x1: m.left, x2: m.left + iw, y1: y(v), y2: y(v), class: v === 0 ? "zero" : "grid" }));
    chart.appendChild(svg("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, String(Math.abs(v))));
  }
  const ys = axes(chart, m, iw, ih, W, "conflict ↓   cooperation ↑");
  periods.forEach((d, i) => {
    const g = bar(d, title, onPeriod);
    stack(g, d, coop, x(i) - bw / 2, bw, y, 1);
    stack(g, d, conflict, x(i) - bw / 2, bw, y, -1);
    g.appendChild(svg("rect", { x: m.left + band * i, y: m.top, width: band, height: ih, class: "hit" }));
    chart.appendChild(g);
  });
  periodLabels(chart, periods, x, m.top + ih, iw);
  scoreLine(chart, periods, x, ys);
  box.replaceChildren(chart, legend(true));
}

// A partner's mean score per period as a small line over a zero rule (gaps where there were no events).
export function sparkline(series, labels, name) {
  const W = 160, H = 28;
  const n = series.length;
  const x = (i) => (n < 2 ? W / 2 : 2 + (i * (W - 4)) / (n - 1));
  const y = (v) => H / 2 - (v / SCORE_MAX) * (H / 2 - 2);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "spark", role: "img", "aria-label": `Mean score over time with ${name}` });
  chart.appendChild(svg("line", { x1: 0, x2: W, y1: H / 2, y2: H / 2, class: "zero" }));
  let path = "", pen = false;
  series.forEach((v, i) => {
    if (v === null || v === undefined) { pen = false; return; }
    path += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
    chart.appendChild(tip(svg("circle", { cx: x(i), cy: y(v), r: 1.6, fill: scoreColor(v) }), `${labels[i]}: ${fmtScore(v)}`));
  });
  if (path) chart.insertBefore(svg("path", { d: path, class: "spark-line" }), chart.children[1]);
  return chart;
}

// Parties on a circle, a line per pair; `onPair(a, b)` when a line is clicked.
export function drawNetwork(box, data, names, onPair) {
  const nodes = data.nodes, edges = data.edges;
  box.dataset.edges = String(edges.length);
  if (!edges.length) {
    message(box, "No events between two parties in this selection.");
    return;
  }
  const W = Math.max(box.clientWidth || 560, 360), H = Math.min(520, Math.max(340, W * 0.9));
  const cx = W / 2, cy = H / 2, r = Math.min(W, H) / 2 - (nodes.length > 12 ? 92 : 56);
  const pos = {};
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    pos[n.id] = { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a), a };
  });
  const maxCount = Math.max(...edges.map((e) => e.events));
  const maxNode = Math.max(...nodes.map((n) => n.events));
  const name = (c) => names[c] || c;
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", class: "network-chart",
    "aria-label": `Network of ${nodes.length} parties and ${edges.length} pairs` });
  for (const e of [...edges].reverse()) {
    const s = pos[e.source], t = pos[e.target];
    const line = svg("line", { x1: s.x, y1: s.y, x2: t.x, y2: t.y, class: "edge", stroke: scoreColor(e.score),
      "stroke-width": 1 + (7 * e.events) / maxCount, "data-source": e.source, "data-target": e.target });
    tip(line, `${name(e.source)} – ${name(e.target)}: ${plural(e.events, "event")}, mean score ${fmtScore(e.score)}`);
    line.addEventListener("click", () => onPair(e.source, e.target));
    chart.appendChild(line);
  }
  // Many nodes: smaller dots and labels along the radius, so neighbours' names do not overlap.
  const crowded = nodes.length > 12;
  const big = crowded ? Math.max(4, Math.min(9, 140 / nodes.length)) : 9;
  for (const n of nodes) {
    const p = pos[n.id];
    const g = svg("g", { class: "node", "data-code": n.id });
    const size = 4 + big * Math.sqrt(n.events / maxNode);
    g.appendChild(svg("circle", { cx: p.x, cy: p.y, r: size }));
    const out = size + 6;
    const lx = p.x + out * Math.cos(p.a), ly = p.y + out * Math.sin(p.a);
    if (crowded) {
      const left = Math.cos(p.a) < 0;
      const deg = (p.a * 180) / Math.PI + (left ? 180 : 0);
      g.appendChild(svg("text", { x: lx, y: ly + 4, "text-anchor": left ? "end" : "start", transform: `rotate(${deg.toFixed(1)} ${lx} ${ly})` }, name(n.id)));
    } else {
      const anchor = Math.cos(p.a) > 0.3 ? "start" : Math.cos(p.a) < -0.3 ? "end" : "middle";
      g.appendChild(svg("text", { x: lx, y: ly + 4 + 6 * Math.sin(p.a), "text-anchor": anchor }, name(n.id)));
    }
    tip(g, `${name(n.id)} (${n.id}): ${plural(n.events, "event")} with other parties`);
    chart.appendChild(g);
  }
  const note = html("p", { class: "hint" }, `Colour: mean PLOVER score from ${fmtScore(-SCORE_MAX)} (red) through 0 (grey) to ${fmtScore(SCORE_MAX)} (blue); widest line ${plural(maxCount, "event")}.` +
    (data.pairs > edges.length ? ` The ${edges.length} busiest of ${data.pairs} pairs are drawn.` : ""));
  box.replaceChildren(chart, note);
}
