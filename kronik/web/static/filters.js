// The filter form every view shares: actor pickers that search by name, abbreviation, person or code (the server
// resolves them as the command line does), check-box lists, and the URL that holds it all.

import { SELECTION, getJSON, html, plural } from "./util.js";

// The form's values as URL parameters; empty values and defaults (automatic granularity, Indonesian names) left out.
export function fromForm(form) {
  const out = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (!value || (key === "freq" && value === "auto") || (key === "lang" && value === "id")) continue;
    out.append(key, value);
  }
  return out;
}

// Only the parameters that select events (what downloads and `kronik export` take), in the options' order.
export function selectionOf(params) {
  const out = new URLSearchParams();
  for (const key of SELECTION) for (const value of params.getAll(key)) if (value) out.append(key, value);
  return out;
}

// A word as a POSIX shell reads it, as Python's shlex.quote writes it.
function quote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;
}

// The `kronik export` command that writes the rows of a download.
export function exportCommand(params) {
  const parts = ["kronik", "export"];
  for (const [key, value] of selectionOf(params)) parts.push(`--${key}`, quote(value));
  return [...parts, "-o", "events.csv"].join(" ");
}

class Picker {
  constructor(input, lang, onPick) {
    this.input = input;
    this.lang = lang;
    this.onPick = onPick;
    this.hidden = html("input", { type: "hidden", name: input.name, value: input.dataset.code || "" });
    input.removeAttribute("name");
    input.after(this.hidden);
    this.list = html("ul", { class: "suggestions", role: "listbox", id: `${input.id}-list` });
    this.list.hidden = true;
    input.parentElement.appendChild(this.list);
    this.text = input.value;
    this.items = [];
    this.active = -1;
    this.seq = 0;
    this.timer = null;
    input.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.search(), 120);
    });
    input.addEventListener("keydown", (ev) => this.keydown(ev));
    input.addEventListener("blur", () => setTimeout(() => this.leave(), 150));
  }

  async search() {
    const q = this.input.value.trim();
    const mine = ++this.seq;
    if (!q) {
      this.close();
      return;
    }
    try {
      const data = await getJSON(`/api/actors?q=${encodeURIComponent(q)}&lang=${this.lang}`);
      if (mine === this.seq) this.render(data);
    } catch (err) {
      if (mine === this.seq) this.render({ actors: [], error: err.message, suggestions: [] });
    }
  }

  render(data) {
    this.items = data.actors;
    this.active = -1;
    this.list.replaceChildren();
    this.items.forEach((a, i) => {
      const li = html("li", { role: "option", id: `${this.input.id}-option-${i}`, "data-code": a.code, class: a.events ? "option" : "option none" });
      li.appendChild(html("span", { class: "name" }, a.name));
      li.appendChild(html("small", { class: "code" }, ` ${a.code}${a.matched ? ` · ${a.matched}` : ""} · ${plural(a.events, "event")}`));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); this.pick(a); });
      this.list.appendChild(li);
    });
    if (!this.items.length) {
      const li = html("li", { class: "no-match" }, `${data.error || "No actor matches."} `);
      for (const s of data.suggestions || []) {
        const b = html("button", { type: "button", class: "suggestion" }, s);
        b.addEventListener("mousedown", (ev) => { ev.preventDefault(); this.input.value = s; this.search(); });
        li.appendChild(b);
      }
      this.list.appendChild(li);
    }
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  // Leaving the field: an emptied field clears the filter; text that was not picked goes back to the chosen name.
  leave() {
    if (document.activeElement === this.input) return;
    this.close();
    if (!this.input.value.trim() && this.hidden.value) this.set("", "", true);
    else this.input.value = this.text;
  }

  keydown(ev) {
    const options = [...this.list.querySelectorAll("li.option")];
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!options.length) return;
      this.active = (this.active + (ev.key === "ArrowDown" ? 1 : options.length - 1)) % options.length;
      options.forEach((li, i) => li.classList.toggle("active", i === this.active));
      this.input.setAttribute("aria-activedescendant", options[this.active].id);
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (!this.input.value.trim()) {
        this.set("", "", true);
      } else if (this.items.length && !this.list.hidden && this.active >= 0) {
        this.pick(this.items[this.active]);
      } else {
        // typed and entered at once: ask now, and take the best match (the suggestions show when there is none)
        clearTimeout(this.timer);
        this.search().then(() => { if (this.items.length) this.pick(this.items[0]); });
      }
    } else if (ev.key === "Escape") {
      this.close();
      this.input.value = this.text;
    }
  }

  pick(actor) {
    this.close();
    this.set(actor.code, actor.name, true, actor.events);
  }

  // Choose a party (or none); `apply` tells the page, which then updates the URL and every view.
  set(code, name, apply, events) {
    this.hidden.value = code;
    this.text = name;
    this.input.value = name;
    this.input.dataset.code = code;
    const note = this.input.parentElement.querySelector("small.code");
    if (note) note.textContent = code ? `${code}${events === undefined ? "" : ` · ${plural(events, "event")}`}` : "";
    if (apply) this.onPick();
  }
}

// Wires the form: `onChange()` after any filter changes (the page decides what to reload); returns the pickers by name.
export function initFilters(form, lang, onChange) {
  const pickers = {};
  for (const input of form.querySelectorAll("input.actor-picker")) {
    pickers[input.name] = new Picker(input, lang, onChange);
  }
  for (const details of form.querySelectorAll("details.multi")) {
    const chosen = details.querySelector(".chosen");
    details.addEventListener("change", () => {
      const values = [...details.querySelectorAll("input:checked")].map((i) => i.value);
      chosen.textContent = values.length ? values.join(", ") : "all";
    });
  }
  form.addEventListener("change", (ev) => {
    if (!ev.target.classList.contains("actor-picker")) onChange();
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    onChange();
  });
  return pickers;
}

// Points the view links, the download links and the export command at the current selection.
export function updateLinks(params) {
  const sel = selectionOf(params);
  const lang = params.get("lang");
  const carry = new URLSearchParams(sel);
  if (lang) carry.set("lang", lang);
  for (const a of document.querySelectorAll("#views a[data-path]")) {
    a.href = carry.toString() ? `${a.dataset.path}?${carry}` : a.dataset.path;
  }
  for (const a of document.querySelectorAll("a.download")) {
    const q = new URLSearchParams(sel);
    q.set("layout", a.dataset.layout);
    q.set("format", a.dataset.format);
    a.href = `/download?${q}`;
  }
  for (const a of document.querySelectorAll("header .lang a[data-lang]")) {
    const q = new URLSearchParams(params);
    if (a.dataset.lang === "id") q.delete("lang");
    else q.set("lang", a.dataset.lang);
    a.href = `${location.pathname}${q.toString() ? "?" + q : ""}`;
  }
  const command = document.getElementById("export-command");
  if (command) command.textContent = exportCommand(params);
}
