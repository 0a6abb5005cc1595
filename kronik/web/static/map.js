// The map: country shapes from Natural Earth 1:110m (countries-110m.json, public domain, shipped with kronik: see
// countries-110m.txt) decoded from TopoJSON and drawn in the Natural Earth projection, with a point per located
// event (or, for large selections, per place) coloured by quad class. No tiles, no library, no network.

import { QUADS, QUAD_COLORS, QUAD_LABELS, fmtCount, getJSON, html, message, plural, svg, tip } from "./util.js";

let world = null;

// TopoJSON -> [{id, name, rings: [[[lon, lat], ...], ...]}]: arcs are delta-encoded integers scaled by `transform`;
// a ring lists arc indices, ~i meaning arc i reversed; consecutive arcs share their joining point.
function decode(topo) {
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (ids) => {
    const points = [];
    for (const i of ids) {
      const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };
  return topo.objects.countries.geometries.map((g) => ({
    id: g.id,
    name: (g.properties || {}).name || "",
    rings: g.type === "Polygon" ? g.arcs.map(ring) : g.type === "MultiPolygon" ? g.arcs.flat().map(ring) : [],
  }));
}

async function countries() {
  if (!world) world = decode(await getJSON("/static/countries-110m.json"));
  return world;
}

// The Natural Earth projection (Šavrič, Jenny, Patterson, Hurni 2011), as a polynomial in latitude; y grows down.
function project(lon, lat) {
  const l = (lon * Math.PI) / 180, p = (lat * Math.PI) / 180;
  const p2 = p * p, p4 = p2 * p2;
  return [
    l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4))),
    -p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4))),
  ];
}

const WORLD_BOX = (() => {
  const [x0, y0] = project(-180, 84), [x1, y1] = project(180, -60);
  return [x0, y0, x1, y1];
})();

// The projected box to show: the points' extent with a margin and at least ~35 degrees across, or the world.
function extent(points, whole) {
  if (whole || !points.length) return WORLD_BOX;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  const min = 0.6, w = Math.max(x1 - x0, min), h = Math.max(y1 - y0, min / 2);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  return [cx - w * 0.65, cy - h * 0.65, cx + w * 0.65, cy + h * 0.65];
}

// Points sharing a place are spread on a small sunflower around it, so each event keeps its own marker.
function spread(n, k) {
  if (n === 1) return [0, 0];
  const r = 3.4 * Math.sqrt(k + 0.5), a = k * 2.39996;
  return [r * Math.cos(a), r * Math.sin(a)];
}

export async function drawMap(box, data, { whole = false, onToggle = null } = {}) {
  const shapes = await countries();
  const W = Math.max(box.clientWidth || 560, 320), H = Math.round(W * 0.56);
  const events = data.mode === "events";
  const located = data.points.map((p) => (events ? project(p[2], p[1]) : project(p[1], p[0])));
  const [x0, y0, x1, y1] = extent(located, whole);
  const k = Math.min(W / (x1 - x0), H / (y1 - y0));
  const ox = W / 2 - ((x0 + x1) / 2) * k, oy = H / 2 - ((y0 + y1) / 2) * k;
  const screen = ([x, y]) => [x * k + ox, y * k + oy];
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", class: "map-chart",
    "aria-label": `Map of ${plural(data.located, "located event")}` });
  chart.appendChild(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  const land = svg("g", { class: "countries" });
  const focus = new Set(data.focus || []);
  for (const c of shapes) {
    let d = "";
    for (const r of c.rings) {
      d += r.map((pt, i) => { const [sx, sy] = screen(project(pt[0], pt[1])); return `${i ? "L" : "M"}${sx.toFixed(1)},${sy.toFixed(1)}`; }).join("") + "Z";
    }
    const path = svg("path", { d, class: focus.has(c.id) ? "country focus" : "country", "data-id": c.id || "" });
    land.appendChild(tip(path, c.name));
  }
  chart.appendChild(land);
  const marks = svg("g", { class: "markers" });
  if (events) {
    const groups = new Map();
    data.points.forEach((p, i) => {
      const key = `${p[1]},${p[2]}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(i);
    });
    for (const members of groups.values()) {
      members.forEach((i, n) => {
        const [id, , , qc, type, day, place] = data.points[i];
        const [sx, sy] = screen(located[i]);
        const [dx, dy] = spread(members.length, n);
        const quad = QUADS[qc - 1] || "none";
        const link = svg("a", { href: `/events/${encodeURIComponent(id)}`, class: "marker", "data-event": id, "data-quad": quad });
        link.appendChild(svg("circle", { cx: (sx + dx).toFixed(1), cy: (sy + dy).toFixed(1), r: 3.4, fill: QUAD_COLORS[quad] || "#777" }));
        tip(link, `${type} · ${day || "undated"} · ${place || ""}\n${QUAD_LABELS[quad] || ""}`);
        marks.appendChild(link);
      });
    }
  } else {
    const most = Math.max(...data.points.map((p) => p[3]), 1);
    data.points.forEach((p, i) => {
      const [, , place, n, ...byQuad] = p;
      const top = byQuad.indexOf(Math.max(...byQuad));
      const [sx, sy] = screen(located[i]);
      const dot = svg("circle", { cx: sx.toFixed(1), cy: sy.toFixed(1), r: (3 + 14 * Math.sqrt(n / most)).toFixed(1),
        fill: QUAD_COLORS[QUADS[top]], class: "place", "data-events": n });
      const parts = QUADS.map((q, j) => `${QUAD_LABELS[q]}: ${byQuad[j]}`).join("\n");
      marks.appendChild(tip(dot, `${place || "?"}: ${plural(n, "event")}\n${parts}`));
    });
  }
  chart.appendChild(marks);
  const notes = html("div", { class: "map-notes" });
  const what = events ? "Each point is one event; events at the same place are spread around it."
    : `${plural(data.points.length, "place")}: each circle is a place, sized by its events and coloured by its most frequent quad class (more than ${plural(data.limit, "located event")}: narrow the filters to see each event).`;
  const unplaced = data.total - data.located;
  notes.appendChild(html("p", { class: "hint" }, `${plural(data.located, "event")} of ${fmtCount(data.total)} have a place and are drawn` +
    (unplaced ? `; ${fmtCount(unplaced)} have none.` : ".") + ` ${what}`));
  if (onToggle) {
    const button = html("button", { type: "button", class: "map-toggle" }, whole ? "Fit to the events" : "Whole world");
    button.addEventListener("click", onToggle);
    notes.appendChild(button);
  }
  box.dataset.markers = String(events ? data.points.length : 0);
  box.dataset.mode = data.mode;
  box.replaceChildren(chart, notes);
  if (!data.total) message(box, "No events in this selection.");
}
