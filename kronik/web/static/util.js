// Shared helpers of the dashboard's scripts. Data is only ever placed with textContent or setAttribute:
// crawled text never becomes markup.

export const SVG = "http://www.w3.org/2000/svg";
export const QUADS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"];
export const QUAD_LABELS = {
  verbal_coop: "verbal cooperation",
  material_coop: "material cooperation",
  verbal_conflict: "verbal conflict",
  material_conflict: "material conflict",
};
export const QUAD_COLORS = {
  verbal_coop: "#8fbbe0",
  material_coop: "#2a6aa8",
  verbal_conflict: "#f2a65a",
  material_conflict: "#c0392b",
};
// PLOVER scores run from -10 (most conflictual) to +10 (most cooperative): a fixed scale keeps charts comparable.
export const SCORE_MAX = 10;
// The filters that make the selection, in the order of kronik.selection.PARAMS (URL name = `kronik export` option).
export const SELECTION = ["from", "to", "actor", "with", "type", "quad", "status", "outlet"];

export function svg(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function html(name, attrs, text) {
  const node = document.createElement(name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function tip(node, text) {
  node.appendChild(svg("title", {}, text));
  return node;
}

export function fmtScore(v) {
  return v === null || v === undefined ? "–" : (v >= 0 ? "+" : "") + v.toFixed(1);
}

export function fmtCount(n) {
  return Number(n).toLocaleString("en-US");
}

export function plural(n, word) {
  return `${fmtCount(n)} ${word}${n === 1 ? "" : "s"}`;
}

// Mean score to colour: red for conflict, grey near zero, blue for cooperation.
export function scoreColor(v) {
  if (v === null || v === undefined) return "#999";
  const t = Math.max(-1, Math.min(1, v / SCORE_MAX));
  const grey = [150, 150, 150];
  const end = t < 0 ? [192, 57, 43] : [42, 106, 168];
  const a = Math.abs(t);
  const c = grey.map((g, i) => Math.round(g + (end[i] - g) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

export function message(box, text) {
  box.replaceChildren(html("p", { class: "empty" }, text));
}

// A name with its code as secondary text: "Korea Selatan KORGOV".
export function actorLabel(code, names) {
  const span = html("span", { class: "actor" }, `${(names && names[code]) || code} `);
  span.appendChild(html("small", { class: "code" }, code));
  return span;
}

// Undated events (no event date, no dated report) are in no bar and on no date range: say how many, and where they are.
export function undatedNote(n, dated, where) {
  if (!n) return null;
  const one = n === 1;
  const text = dated
    ? `${plural(n, "undated event")} ${one ? "matches" : "match"} the other filters but ${one ? "falls" : "fall"} in no date range, so ${one ? "it is" : "they are"} not in ${where}.`
    : `${plural(n, "undated event")} (no event date and no dated report) ${one ? "is" : "are"} not in ${where}; the event list includes ${one ? "it" : "them"}, last.`;
  return html("p", { class: "hint undated" }, text);
}

// Runs `load` so that only the answer to the latest call is drawn (answers can arrive out of order).
export function latest(load) {
  let seq = 0;
  return async (...args) => {
    const mine = ++seq;
    return load(() => mine === seq, ...args);
  };
}
