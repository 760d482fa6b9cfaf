// The inbox: polls the admin API of the server that served this page and shows what the mock recorded.
// Plain DOM, no framework, no build step. Every value is written with textContent (never as HTML), since
// events carry whatever a publisher sent.
//
// Reads are incremental: each poll reads `/_mock/health` first (the generation and the counts per kind), then
// fetches only the kinds that changed, after a cursor (`?after=N&limit=M`). The first render takes the newest
// page and older rows load on demand. A poll fetches at most a small page per kind, sized to a byte budget: when
// more arrived since the last poll (a publisher flooding the server), it takes only the newest rows and the table
// says how many older rows are not loaded. A new generation (a reset) starts the table over whatever the counts.
"use strict";

const POLL_MS = 1000;
const PAGES = { events: 500, rejected: 200, calls: 100 }; // records the first render and "load older" fetch
const BUDGET = { events: 40000, rejected: 12000, calls: 20000 }; // bytes a poll may fetch per kind (~0.8 MB/10 s)
const POLL_MOST = 50; // rows a poll fetches at most per kind: a person reads no more a second, and the server
// writes them in the publishers' process (benchmarks.inbox: their p99 with the page open)
const KEEP = 2000; // rows kept per table as new ones arrive (older ones load again on demand)
const KINDS = ["events", "rejected", "calls"];
const stores = Object.fromEntries(KINDS.map((kind) => [kind, emptyStore()]));
const state = { selected: null, faults: "", schemas: "", chain: Promise.resolve(), seenHealth: {} };
const $ = (id) => document.getElementById(id);

function emptyStore() {
  return { generation: null, items: [], cursor: 0, total: 0, dropped: 0, keep: KEEP, seen: 0, itemBytes: 1000 };
}

// -- reading -------------------------------------------------------------------------------------------------

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

async function getPage(kind, query) {
  // a page, and what one of its records weighs (text length per item), which sizes the next poll's page
  const response = await fetch(`/_mock/${kind}?${query}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`/_mock/${kind} answered ${response.status}`);
  const text = await response.text();
  const page = JSON.parse(text);
  if (page.items.length) stores[kind].itemBytes = text.length / page.items.length;
  return page;
}

function pollLimit(kind) {
  return Math.max(1, Math.min(POLL_MOST, Math.floor(BUDGET[kind] / stores[kind].itemBytes)));
}

async function pull(kind, health) {
  // what changed since the last poll, as health counts it; true when the table must be drawn again
  const store = stores[kind];
  const total = health[kind] + health.dropped[kind];
  if (store.generation === health.generation && total === store.total) return false;
  if (store.generation === null) return replace(kind, await getPage(kind, `limit=${PAGES[kind]}`), health);
  const limit = pollLimit(kind);
  const reset = store.generation !== health.generation;
  if (reset || total - store.cursor > limit) {
    // a new world, or a backlog bigger than a poll's page: the newest rows only, the older ones on demand
    return replace(kind, await getPage(kind, `limit=${limit}`), health);
  }
  const page = await getPage(kind, `after=${store.cursor}&limit=${limit}`);
  if (page.generation !== store.generation) return false; // reset meanwhile: the next poll starts over
  store.total = page.total;
  store.dropped = page.dropped;
  if (!page.items.length) return true;
  store.items.push(...page.items.map((item) => prepare(kind, item)));
  store.cursor = page.cursor;
  if (store.items.length > store.keep) store.items.splice(0, store.items.length - store.keep);
  return true;
}

function replace(kind, page, health) {
  if (page.generation !== health.generation) return false; // reset between health and the page: next poll
  const store = emptyStore();
  Object.assign(store, {
    generation: page.generation,
    items: page.items.map((item) => prepare(kind, item)),
    cursor: page.cursor,
    total: page.total,
    dropped: page.dropped,
    itemBytes: stores[kind].itemBytes,
  });
  stores[kind] = store;
  return true;
}

async function loadOlder(kind) {
  const store = stores[kind];
  const PAGE = PAGES[kind];
  const oldest = store.items.length ? store.items[0].seq : store.cursor + 1;
  const after = Math.max(store.dropped, oldest - 1 - PAGE);
  if (oldest - 1 <= after) return;
  const page = await getPage(kind, `after=${after}&limit=${oldest - 1 - after}`);
  if (page.generation !== store.generation) return; // reset meanwhile: the next poll starts over
  store.items.unshift(...page.items.map((item) => prepare(kind, item)));
  store.keep = Math.max(store.keep, store.items.length + PAGE);
  render(kind);
}

function prepare(kind, item) {
  // what the filters and the table read, worked out once per record
  if (kind === "events") {
    const pretty = typeof item.detail === "string" ? item.detail : JSON.stringify(item.detail, null, 2);
    item._detail = JSON.stringify(item.detail);
    item._search = {
      source: (item.source || "").toLowerCase(),
      detailType: (item["detail-type"] || "").toLowerCase(),
      account: (item.account || "").toLowerCase(),
      detail: `${item.detail_json || item._detail}\n${pretty}`.toLowerCase(),
    };
  }
  return item;
}

// -- showing -------------------------------------------------------------------------------------------------

const CELL_CHARS = 300; // more than the widest column shows at 1920 px; laying out a long Detail costs a poll

function cell(text, className) {
  const td = document.createElement("td");
  const value = text === null || text === undefined ? "" : String(text);
  td.textContent = value.length > CELL_CHARS ? `${value.slice(0, CELL_CHARS)}…` : value;
  td.title = value; // cells are cut to one line: the full value shows on hover (and in the detail panel)
  if (className) td.className = className;
  return td;
}

function when(iso) {
  // clock time for today's records (UTC, as the envelope's time), date and time for any other day
  const today = new Date().toISOString().slice(0, 10);
  return iso.slice(0, 10) === today ? iso.slice(11, 19) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function filters() {
  const value = (id) => $(id).value.trim().toLowerCase();
  return {
    source: value("filter-source"),
    detailType: value("filter-detail-type"),
    account: value("filter-account"),
    detail: value("filter-text"),
  };
}

function matches(event, f) {
  const s = event._search;
  return s.source.includes(f.source) && s.detailType.includes(f.detailType)
    && s.account.includes(f.account) && s.detail.includes(f.detail);
}

const COLUMNS = {
  events: (event) => [
    cell(when(event.time)),
    cell(event.source, "code"),
    cell(event["detail-type"]),
    cell(event.account, "code"),
    cell(event.delivered ? "yes" : "no", event.delivered ? "ok" : "muted"),
    contractCell(event.contract),
    cell(event._detail, "code"),
  ],
  rejected: (item) => {
    const entry = item.entry && typeof item.entry === "object" ? item.entry : {};
    return [
      cell(item.request_id, "code muted"),
      cell(item.index),
      cell(item.error_code, "bad code"),
      cell(item.error_message),
      cell(entry.Source, "code"),
      cell(entry.DetailType),
    ];
  },
  calls: (call) => [
    cell(when(new Date(call.time * 1000).toISOString())),
    cell(call.operation || "(none)"),
    cell(call.status, call.ok ? "ok" : "bad"),
    cell(call.error_code, "bad code"),
    cell(call.fault, "bad"),
    cell(call.attempt),
    cell(call.account, "code"),
    cell(call.request_id, "code muted"),
  ],
};

const VERDICT_CLASS = { conforms: "ok", violates: "bad" };

function verdictText(verdict) {
  // "conforms", "no contract", or "violates $.detail.total" (and how many more paths)
  if (verdict.status !== "violates") return verdict.status;
  const paths = [...new Set(verdict.violations.map((violation) => violation.path))];
  return `violates ${paths[0] || ""}${paths.length > 1 ? ` (+${paths.length - 1})` : ""}`;
}

function contractCell(verdict) {
  // empty when the mock has no contracts (the column is hidden then)
  if (!verdict) return cell("", "c-contract");
  return cell(verdictText(verdict), `c-contract ${VERDICT_CLASS[verdict.status] || "muted"}`);
}

function render(kind) {
  const store = stores[kind];
  const f = kind === "events" ? filters() : null;
  const shown = (f ? store.items.filter((item) => matches(item, f)) : store.items).slice().reverse(); // newest first
  const body = $(kind).tBodies[0];
  body.replaceChildren(...shown.map((item) => {
    const tr = document.createElement("tr");
    tr.append(...COLUMNS[kind](item));
    tr.dataset.seq = item.seq;
    if (isSelected(kind, item)) tr.classList.add("selected");
    if (item.seq > store.seen && store.seen) tr.classList.add("new");
    tr.addEventListener("click", () => select(kind, item));
    return tr;
  }));
  store.seen = store.cursor;
  $(`${kind}-count`).textContent = countText(store, shown.length);
  const older = $(`${kind}-older`);
  const first = store.items.length ? store.items[0].seq : store.cursor + 1;
  const missing = first - 1 - store.dropped; // held, older than the oldest row loaded
  older.hidden = missing <= 0;
  older.textContent = `${missing} older ${missing === 1 ? "row" : "rows"} not loaded — load ${Math.min(PAGES[kind], missing)} older`;
  if (kind === "events") {
    fillChoices(store.items);
    $("events").classList.toggle("no-contracts", !store.items.some((event) => event.contract));
  }
}

function countText(store, shown) {
  // "12 of 100 loaded · 40000 in all", and "· 7 dropped by max_events" when the oldest records were dropped
  const loaded = store.items.length;
  const held = store.total - store.dropped;
  const count = shown === loaded ? `${loaded}` : `${shown} of ${loaded} loaded`;
  const all = loaded === held ? count : `${count} · ${held} ${store.dropped ? "held" : "in all"}`;
  return store.dropped ? `${all} · ${store.dropped} dropped by max_events` : all;
}

function fillChoices(events) {
  for (const [id, key] of [["sources", "source"], ["detail-types", "detail-type"], ["accounts", "account"]]) {
    const list = $(id);
    const unique = [...new Set(events.map((event) => event[key]))].sort();
    if (list.childElementCount === unique.length) continue;
    list.replaceChildren(...unique.map((value) => {
      const option = document.createElement("option");
      option.value = value;
      return option;
    }));
  }
}

// -- the detail panel ----------------------------------------------------------------------------------------

function isSelected(kind, item) {
  const s = state.selected;
  return s !== null && s.kind === kind && s.seq === item.seq && s.generation === stores[kind].generation;
}

function pretty(value) {
  return JSON.stringify(value, null, 2);
}

function parsedDetail(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text; // as sent: AWS refused it as malformed
  }
}

const PANELS = {
  events: (event) => {
    const envelope = {};
    for (const key of ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"]) {
      envelope[key] = event[key];
    }
    const where = event.delivered ? `delivered to ${event.event_bus_arn}` : "not delivered (no bus)";
    const more = [["Rules matched", pretty(event.rules)]];
    if (event.contract) more.unshift(["Contract", contractText(event.contract)]);
    return ["Envelope", where, pretty(envelope), more];
  },
  rejected: (item) => {
    const entry = item.entry && typeof item.entry === "object" ? { ...item.entry } : item.entry;
    if (entry && typeof entry.Detail === "string") entry.Detail = parsedDetail(entry.Detail);
    const answer = { ErrorCode: item.error_code, ErrorMessage: item.error_message };
    const where = `entry ${item.index} of request ${item.request_id}, attempt ${item.attempt}`;
    return ["Rejected entry: what was sent", where, pretty(entry), [["AWS's answer for this entry", pretty(answer)]]];
  },
  calls: (call) => {
    const where = `${call.operation || "(no operation)"} · attempt ${call.attempt} · ${call.request_id}`;
    const fault = call.fault ? `${call.fault}${call.delay ? ` (delay ${call.delay} s)` : ""}` : "none";
    const answer = { status: call.status, error_code: call.error_code, error_message: call.error_message, body: call.response };
    return ["Call: parameters", where, pretty(call.params), [
      ["The answer", pretty(answer)],
      ["Fault that fired", fault],
      ["Attempt and backoff", `attempt ${call.attempt}; backed off ${call.backoff} s before it`],
    ]];
  },
};

function contractText(verdict) {
  const lines = verdict.violations.map((v) => `${v.path}: ${v.message}${v.contract ? ` (${v.contract})` : ""}`);
  return [verdict.status, ...lines].join("\n");
}

function showPanel(title, where, main, more) {
  $("panel-title").textContent = title;
  $("envelope-id").textContent = where;
  $("envelope").textContent = main;
  $("panel-more").replaceChildren(...more.flatMap(([heading, text]) => {
    const h = document.createElement("h4");
    h.textContent = heading;
    const pre = document.createElement("pre");
    pre.textContent = text;
    return [h, pre];
  }));
}

function select(kind, item) {
  state.selected = { kind, seq: item.seq, generation: stores[kind].generation };
  showPanel(...PANELS[kind](item));
  for (const each of KINDS) {
    for (const tr of $(each).tBodies[0].rows) {
      tr.classList.toggle("selected", each === kind && tr.dataset.seq === String(item.seq));
    }
  }
}

function clearPanelIfGone() {
  const s = state.selected;
  if (s === null || s.generation === stores[s.kind].generation) return;
  state.selected = null;
  $("panel-title").textContent = "Details";
  $("envelope-id").textContent = "click an event, a rejected entry or a call";
  $("envelope").textContent = "";
  $("panel-more").replaceChildren();
}

// -- faults --------------------------------------------------------------------------------------------------

async function pullFaults() {
  const faults = await getJson("/_mock/faults");
  const signature = JSON.stringify(faults);
  if (signature === state.faults) return;
  state.faults = signature;
  $("faults-count").textContent = `${faults.length}`;
  $("faults").replaceChildren(...faults.map((fault) => {
    const li = document.createElement("li");
    const text = document.createElement("span");
    const limit = fault.times === null ? "" : ` of ${fault.times}`;
    text.textContent = `#${fault.id} ${fault.description} · fired ${fault.fired}${limit}`;
    text.title = text.textContent;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "remove";
    remove.title = `DELETE /_mock/faults/${fault.id}`;
    remove.addEventListener("click", () => change("DELETE", `/_mock/faults/${fault.id}`));
    li.append(text, remove);
    return li;
  }));
}

// -- discovered schemas -------------------------------------------------------------------------------------

async function pullSchemas() {
  const schemas = await getJson("/_mock/schemas");
  const signature = JSON.stringify(schemas);
  if (signature === state.schemas) return;
  state.schemas = signature;
  $("schemas-count").textContent = `${schemas.length}`;
  $("schemas-none").hidden = schemas.length > 0;
  $("schemas").hidden = schemas.length === 0;
  $("schemas").tBodies[0].replaceChildren(...schemas.map((schema) => {
    const tr = document.createElement("tr");
    tr.append(
      cell(schema.account, "code"),
      cell(schema.region),
      cell(schema.name, "code"),
      cell(`${schema.version} of ${schema.version_count}`),
      cell(schema.type),
      cell(when(schema.last_modified)),
    );
    tr.addEventListener("click", () => selectSchema(schema));
    return tr;
  }));
}

function selectSchema(schema) {
  state.selected = null;
  for (const each of KINDS) for (const tr of $(each).tBodies[0].rows) tr.classList.remove("selected");
  const where = `${schema.registry} · ${schema.account} · ${schema.region} · version ${schema.version}`;
  showPanel(`Schema ${schema.name}`, where, pretty(parsedDetail(schema.content)), [
    ["Use it as a contract", "mock.contracts.add(schemas.describe_schema(RegistryName=..., SchemaName=...))"],
  ]);
}

// -- the loop ------------------------------------------------------------------------------------------------

async function refresh() {
  const health = await getJson("/_mock/health");
  const changed = await Promise.all(KINDS.map((kind) => pull(kind, health)));
  // faults and schemas are fetched only when health says they changed (fewer requests a poll while a
  // publisher floods the server: benchmarks.inbox)
  await pullIfChanged("faults", [health.generation, health.faults], pullFaults);
  await pullIfChanged("schemas", [health.generation, health.schemas], pullSchemas);
  clearPanelIfGone();
  KINDS.forEach((kind, index) => { if (changed[index]) render(kind); });
  const status = $("status");
  status.className = "";
  status.textContent = `live · ${statusCounts(health)} · updated ${new Date().toLocaleTimeString()}`;
  status.title = status.textContent; // the header cuts it to one line
}

async function pullIfChanged(what, signature, pullIt) {
  // pulls the first time and whenever `signature` (from health) differs from the one last pulled
  const text = JSON.stringify(signature);
  if (state.seenHealth[what] === text) return;
  await pullIt();
  state.seenHealth[what] = text;
}

function statusCounts(health) {
  // "40000 events, 12000 dropped by max_events · 9 rejected · 4000 calls, 1200 dropped by max_events"
  return KINDS.filter((kind) => kind !== "rejected" || health.rejected + health.dropped.rejected > 0)
    .map((kind) => {
      const dropped = health.dropped[kind];
      const counted = `${health[kind] + dropped} ${kind}`;
      return dropped ? `${counted}, ${dropped} dropped by max_events` : counted;
    })
    .join(" · ");
}

function refreshInTurn() {
  // one refresh at a time: a button's refresh waits for the poll's, so no page is appended twice
  const next = state.chain.then(refresh);
  state.chain = next.catch(() => {});
  return next;
}

async function poll() {
  try {
    await refreshInTurn();
  } catch (error) {
    $("status").className = "down";
    $("status").textContent = `server not answering (${error.message}); retrying`;
  }
  setTimeout(poll, POLL_MS);
}

async function change(method, path) {
  // application/json: the server refuses other content types for changes (a web page cannot send it cross-site)
  const response = await fetch(path, { method, headers: { "Content-Type": "application/json" }, body: "{}" });
  if (!response.ok) $("status").textContent = `${method} ${path} answered ${response.status}`;
  await refreshInTurn();
}

document.addEventListener("DOMContentLoaded", () => {
  $("reset").addEventListener("click", () => change("POST", "/_mock/reset"));
  $("clear-faults").addEventListener("click", () => change("DELETE", "/_mock/faults"));
  for (const kind of KINDS) $(`${kind}-older`).addEventListener("click", () => loadOlder(kind));
  for (const input of $("filters").querySelectorAll("input")) {
    input.addEventListener("input", () => render("events"));
    input.addEventListener("change", () => render("events"));
  }
  $("filters").addEventListener("submit", (event) => event.preventDefault());
  poll();
});
