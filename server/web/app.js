// newsdex page: the URL holds the whole state (view, query, filters, page); every view is drawn
// from the JSON API. Text from the archive is only ever set as text (textContent), never as HTML.
"use strict";

const FACETS = [["company", "Companies"], ["person", "People"], ["place", "Places"], ["org", "Organisations"], ["year", "Year"]];
const PAGE = 10;
const SVG = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);

// An element with attributes and children (strings become text nodes).
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "onclick") node.addEventListener("click", v);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

// --- state <-> URL -------------------------------------------------------------------------
function readState() {
  const p = new URLSearchParams(location.search);
  return {
    view: p.get("view") || "search",
    q: p.get("q") || "",
    f: p.getAll("f"),            // "field:value", selected facet values
    date: p.get("date") || "",   // "2020-12" or "2020": a timeline bar
    sort: p.get("sort") || "",
    page: Math.max(1, parseInt(p.get("page") || "1", 10) || 1),
    kind: p.get("kind") || "", name: p.get("name") || "", id: p.get("id") || "",
  };
}

function urlOf(s) {
  const p = new URLSearchParams();
  if (s.view && s.view !== "search") p.set("view", s.view);
  if (s.q) p.set("q", s.q);
  for (const f of s.f || []) p.append("f", f);
  if (s.date) p.set("date", s.date);
  if (s.sort) p.set("sort", s.sort);
  if (s.page > 1) p.set("page", s.page);
  for (const k of ["kind", "name", "id"]) if (s[k]) p.set(k, s[k]);
  const text = p.toString();
  return text ? "/?" + text : "/";
}

function go(state) {
  history.pushState(null, "", urlOf(state));
  render();
}

// A link to a state: a real href (open in a new tab works), followed in place on a plain click.
function link(state, ...children) {
  const a = el("a", { href: urlOf(state) }, ...children);
  a.addEventListener("click", (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    go(state);
  });
  return a;
}

const searchState = (q, f = [], date = "") => ({ view: "search", q, f, date, page: 1 });
const entityState = (kind, name) => ({ view: "entity", kind, name });
const articleState = (id) => ({ view: "article", id });

// --- API -----------------------------------------------------------------------------------
async function api(path, params) {
  const url = path + (params ? "?" + params.toString() : "");
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
  return body;
}

// Last day of a month, for a date range: "2020-02" -> "2020-02-29".
function monthEnd(ym) {
  const [y, m] = ym.split("-").map(Number);
  return ym + "-" + String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0");
}

function dateRange(date) {
  if (/^\d{4}$/.test(date)) return `${date}-01-01..${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01..${monthEnd(date)}`;
  return "";
}

// The query and filters for a state: one value of a facet is a filter; several are OR-ed as
// one query clause (field:"a" OR field:"b"); different facets and the date AND.
function searchParams(s) {
  const p = new URLSearchParams();
  const byField = new Map();
  for (const f of s.f) {
    const i = f.indexOf(":");
    if (i <= 0) continue;
    const field = f.slice(0, i);
    if (!byField.has(field)) byField.set(field, []);
    byField.get(field).push(f.slice(i + 1));
  }
  let q = s.q;
  for (const [field, values] of byField) {
    if (values.length === 1) { p.append("filter", `${field}=${values[0]}`); continue; }
    const quoted = values.map((v) => `${field}:"${v.replace(/"/g, " ")}"`);
    q = (q ? `(${q}) ` : "") + "(" + quoted.join(" OR ") + ")";
  }
  if (q) p.set("q", q);
  const range = dateRange(s.date);
  if (range) p.append("filter", `date=${range}`);
  return p;
}

// --- drawing helpers -------------------------------------------------------------------------
// Snippet text with <mark> around the highlights; offsets are code points (Array.from).
function highlighted(snippet) {
  const chars = Array.from(snippet.text || "");
  const out = document.createDocumentFragment();
  let at = 0;
  for (const h of snippet.highlights || []) {
    if (h.start < at || h.end > chars.length) continue;
    out.append(chars.slice(at, h.start).join(""));
    out.append(el("mark", {}, chars.slice(h.start, h.end).join("")));
    at = h.end;
  }
  out.append(chars.slice(at).join(""));
  return out;
}

function entityLinks(r) {
  const box = el("div", { class: "chips" });
  const kinds = [["companies", "company"], ["people", "person"], ["places", "place"], ["organisations", "org"]];
  for (const [key, kind] of kinds) for (const name of (r[key] || []).slice(0, 6)) box.append(link(entityState(kind, name), name));
  return box;
}

// The publication day, and the time of day in UTC when the source gave one (as the CLI shows it).
const published = (a) => (a.time ? `${a.date} ${a.time.slice(11, 19)} UTC` : a.date || "undated");

function resultItem(r) {
  const meta = [published(r), r.source].filter(Boolean).join(" · ");
  return el("li", {},
    el("h3", {}, link(articleState(r.id), r.title || r.id)),
    el("div", { class: "meta" }, meta),
    r.snippet && r.snippet.text ? el("p", { class: "snippet" }, highlighted(r.snippet)) : null,
    entityLinks(r));
}

// Every month (or year) from the first bucket to the last, empty ones included.
function filled(buckets, interval) {
  if (!buckets.length) return [];
  const counts = new Map(buckets.map((b) => [b.start, b.count]));
  const out = [];
  if (interval === "year") {
    for (let y = +buckets[0].start; y <= +buckets[buckets.length - 1].start; y++) out.push([String(y), counts.get(String(y)) || 0]);
    return out;
  }
  let [y, m] = buckets[0].start.split("-").map(Number);
  const [ly, lm] = buckets[buckets.length - 1].start.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push([key, counts.get(key) || 0]);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

// An SVG bar chart; each bar is focusable and, with onPick, a button that filters to its period.
function barChart(bars, label, onPick) {
  const w = 800, h = 120, base = 100;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", label);
  const max = Math.max(1, ...bars.map((b) => b[1]));
  const bw = w / Math.max(bars.length, 1);
  bars.forEach(([key, count], i) => {
    const rect = document.createElementNS(SVG, "rect");
    const bh = count ? Math.max(2, (count / max) * (base - 4)) : 0;
    rect.setAttribute("x", i * bw + bw * 0.1);
    rect.setAttribute("width", Math.max(bw * 0.8, 1));
    rect.setAttribute("y", base - bh);
    rect.setAttribute("height", bh);
    rect.setAttribute("class", "bar");
    rect.setAttribute("data-period", key);
    const title = document.createElementNS(SVG, "title");
    title.textContent = `${key}: ${count} article${count === 1 ? "" : "s"}`;
    rect.append(title);
    if (onPick && count) {
      rect.setAttribute("tabindex", "0");
      rect.setAttribute("role", "button");
      rect.setAttribute("aria-label", title.textContent);
      rect.addEventListener("click", () => onPick(key));
      rect.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onPick(key); } });
    }
    svg.append(rect);
  });
  for (const [i, anchor] of [[0, "start"], [bars.length - 1, "end"]]) {
    if (!bars.length) break;
    const t = document.createElementNS(SVG, "text");
    t.setAttribute("x", anchor === "start" ? 2 : w - 2);
    t.setAttribute("y", h - 4);
    t.setAttribute("text-anchor", anchor);
    t.setAttribute("class", "axis");
    t.textContent = bars[i][0];
    svg.append(t);
  }
  return svg;
}

function timelineChart(buckets, label, onPick) {
  let bars = filled(buckets, "month");
  let interval = "month";
  if (bars.length > 240) {  // decades of months: years read better
    const years = new Map();
    for (const b of buckets) years.set(b.start.slice(0, 4), (years.get(b.start.slice(0, 4)) || 0) + b.count);
    bars = filled([...years].map(([start, count]) => ({ start, count })), "year");
    interval = "year";
  }
  return { svg: barChart(bars, label + (interval === "year" ? " (per year)" : " (per month)"), onPick), interval };
}

// --- views ---------------------------------------------------------------------------------
function show(view) {
  for (const v of ["search", "entity", "article"]) $(v + "-view").hidden = v !== view;
}

let renderId = 0;  // a newer render wins over a slower older one

async function renderSearch(s, id) {
  show("search");
  if (!s.q && !s.f.length && !s.date) {  // nothing asked yet: what the archive holds
    const stats = await api("/api/stats");
    if (id !== renderId) return;
    for (const box of ["active-filters", "facets", "timeline", "results", "pager"]) $(box).replaceChildren();
    $("summary").textContent = `${stats.documents} articles. Search by words, or by field: company:aws, person:"teresa carlson", year:2020..2024.`;
    $("facets-box").hidden = true;
    return;
  }
  $("facets-box").hidden = false;
  const params = searchParams(s);
  params.set("facet", FACETS.map((f) => f[0]).join(","));
  params.set("facet_limit", "12");
  params.set("limit", PAGE);
  params.set("offset", (s.page - 1) * PAGE);
  if (s.sort) params.set("sort", s.sort);
  const tparams = searchParams(s);
  const [data, timeline] = await Promise.all([api("/api/search", params), api("/api/timeline", tparams)]);
  if (id !== renderId) return;

  // Active filters, each removable.
  const active = $("active-filters");
  active.replaceChildren();
  for (const f of s.f) {
    const rest = s.f.filter((x) => x !== f);
    active.append(el("li", {}, el("button", { type: "button", "aria-label": `Remove filter ${f}`,
      onclick: () => go({ ...s, f: rest, page: 1 }) }, f + " ✕")));
  }
  if (s.date) active.append(el("li", {}, el("button", { type: "button", "aria-label": `Remove date ${s.date}`,
    onclick: () => go({ ...s, date: "", page: 1 }) }, "date: " + s.date + " ✕")));

  // Facets: checkboxes, OR within a facet, AND across.
  const facets = $("facets");
  facets.replaceChildren();
  for (const [field, label] of FACETS) {
    const facet = data.facets[field];
    if (!facet) continue;
    const values = facet.values.slice();
    for (const f of s.f) {  // a selected value stays listed even when this page's counts lack it
      if (f.startsWith(field + ":") && !values.some((v) => `${field}:${v.value}` === f)) values.push({ value: f.slice(field.length + 1), count: 0 });
    }
    if (!values.length) continue;
    const list = el("ul", {});
    for (const v of values) {
      const key = `${field}:${v.value}`;
      const checked = s.f.includes(key);
      const box = el("input", { type: "checkbox", checked, "data-facet": key });
      box.addEventListener("change", () => go({ ...s, f: checked ? s.f.filter((x) => x !== key) : [...s.f, key], page: 1 }));
      list.append(el("li", {}, el("label", {}, box, el("span", { class: "name" }, v.value), el("span", { class: "count" }, String(v.count)))));
    }
    facets.append(el("section", { class: "facet", "data-field": field }, el("h2", {}, label), list));
  }

  // Timeline of the matches; a bar filters to its period.
  const chart = timelineChart(timeline.buckets, "Matches per month", (period) => go({ ...s, date: period, page: 1 }));
  $("timeline").replaceChildren(...(timeline.buckets.length ? [chart.svg] : []),
    el("figcaption", { class: "meta" }, timeline.undated ? `${timeline.undated} undated` : ""));

  const total = data.total.exact ? data.total.estimate : `about ${data.total.estimate}`;
  const shown = data.results.length;
  const note = data.respelled ? ` Showing results for ${data.respelled}.` : data.suggestion ? ` Did you mean: ${data.suggestion}?` : "";
  $("summary").textContent = shown ? `Results ${data.offset + 1}–${data.offset + shown} of ${total}.${note}` : `No results.${note}`;
  $("results").replaceChildren(...data.results.map(resultItem));

  const pager = $("pager");
  pager.replaceChildren();
  if (s.page > 1) pager.append(link({ ...s, page: s.page - 1 }, "‹ Previous"));
  pager.append(el("span", { class: "meta" }, `Page ${s.page}`));
  if (data.offset + shown < data.total.upper_bound) pager.append(link({ ...s, page: s.page + 1 }, "Next ›"));
}

async function renderEntity(s, id) {
  show("entity");
  const page = await api(`/api/entities/${encodeURIComponent(s.kind)}/${encodeURIComponent(s.name)}`, new URLSearchParams({ co_limit: 10, latest: 10 }));
  if (id !== renderId) return;
  const view = $("entity-view");
  const facts = [];
  if (page.parent) facts.push("part of ", link(entityState(s.kind, page.parent), page.parent), ". ");
  if (page.aliases.length) facts.push("Also written: " + page.aliases.join(", ") + ".");
  const columns = el("div", { class: "entity-columns" });
  for (const [field, label] of FACETS) {
    const list = page.co_mentions[field];
    if (!list || !list.length) continue;
    columns.append(el("section", {}, el("h3", {}, label),
      el("ol", {}, ...list.map((m) => el("li", {}, link(entityState(field, m.value), m.value),
        el("span", { class: "meta", title: `log-likelihood ${m.log_likelihood}, PMI ${m.pmi}` }, ` ${m.count} together`))))));
  }
  const chart = timelineChart(page.timeline.buckets, `Articles mentioning ${page.name}`,
    (period) => go({ ...searchState("", [`${s.kind}:${page.name}`], period) }));
  view.replaceChildren(
    el("h1", {}, page.name),
    el("p", { class: "meta" }, `${page.kind} · ${page.articles} article${page.articles === 1 ? "" : "s"} · `,
      link(searchState("", [`${s.kind}:${page.name}`]), "search them")),
    el("p", {}, ...facts),
    el("h2", {}, "Mentions per month"),
    el("div", { class: "entity-timeline" }, ...(page.timeline.buckets.length ? [chart.svg] : [])),
    el("p", { class: "meta" }, page.timeline.undated ? `${page.timeline.undated} undated` : ""),
    el("h2", {}, "Mentioned with"),
    columns,
    el("h2", {}, "Latest articles"),
    el("ol", { id: "latest" }, ...page.latest.map(resultItem)));
}

// The body with each entity mention a link to its page (offsets: code points, end exclusive).
function linkedBody(article) {
  const chars = Array.from(article.body || "");
  const out = el("div", { class: "article-body" });
  const linkable = { company: "company", org: "org", person: "person", place: "place" };
  let at = 0;
  for (const e of article.entities) {
    if (e.field !== "body" || !linkable[e.kind] || e.start < at || e.end > chars.length) continue;
    out.append(chars.slice(at, e.start).join(""));
    out.append(link(entityState(linkable[e.kind], e.canonical), chars.slice(e.start, e.end).join("")));
    at = e.end;
  }
  out.append(chars.slice(at).join(""));
  return out;
}

async function renderArticle(s, id) {
  show("article");
  const path = "/api/articles/" + encodeURIComponent(s.id);
  const [data, similar] = await Promise.all([api(path), api(path + "/similar", new URLSearchParams({ limit: 5 }))]);
  if (id !== renderId) return;
  const a = data.article;
  const meta = [published(a), a.source, a.path].filter(Boolean).join(" · ");
  $("article-view").replaceChildren(
    el("h1", {}, a.title || a.id),
    el("p", { class: "meta" }, meta, a.url ? " · " : "", a.url && /^https?:\/\//.test(a.url) ? el("a", { href: a.url, rel: "noopener noreferrer" }, "original") : null),
    entityLinks(a),
    linkedBody(a),
    el("h2", {}, "Similar articles"),
    el("ol", { id: "similar" }, ...similar.results.map((r) => el("li", {}, link(articleState(r.id), r.title || r.id)))));
}

async function render() {
  const s = readState();
  const id = ++renderId;
  $("q").value = s.view === "search" ? s.q : $("q").value;
  $("status").textContent = "";
  document.title = s.view === "entity" ? `${s.name} – newsdex` : s.view === "article" ? "Article – newsdex" : s.q ? `${s.q} – newsdex` : "newsdex";
  try {
    if (s.view === "entity") await renderEntity(s, id);
    else if (s.view === "article") await renderArticle(s, id);
    else await renderSearch(s, id);
    document.body.dataset.ready = String(id);  // for tests: this state is drawn
  } catch (err) {
    if (id === renderId) { $("status").textContent = err.message; document.body.dataset.ready = String(id); }
  }
}

// --- keys and start --------------------------------------------------------------------------
function resultLinks() {
  const view = document.querySelector("main section:not([hidden])");
  return view ? [...view.querySelectorAll("ol > li h3 a, ol > li > a")] : [];
}

document.addEventListener("keydown", (e) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
  if (e.key === "/" && !typing) { e.preventDefault(); $("q").focus(); $("q").select(); return; }
  if (typing || e.altKey || e.ctrlKey || e.metaKey || (e.key !== "j" && e.key !== "k")) return;
  const links = resultLinks();
  if (!links.length) return;
  const at = links.indexOf(document.activeElement);
  const next = e.key === "j" ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
  links[next].focus();
  e.preventDefault();
});

$("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const s = readState();
  go(s.view === "search" ? { ...s, q: $("q").value.trim(), page: 1 } : searchState($("q").value.trim()));
});
document.querySelector("a[data-nav]").addEventListener("click", (e) => { e.preventDefault(); go(searchState("")); });
window.addEventListener("popstate", render);
if (window.matchMedia("(max-width: 800px)").matches) $("facets-box").open = false;  // a phone: results first
render();
