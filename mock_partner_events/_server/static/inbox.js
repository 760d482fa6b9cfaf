// The inbox: polls the admin API of the server that served this page and shows what the mock recorded.
// Plain DOM, no framework, no build step. Every value is written with textContent (never as HTML), since
// events carry whatever a publisher sent.
"use strict";

const POLL_MS = 700;
const state = { events: [], rejected: [], calls: [], selected: null, seen: new Set(), signature: "" };
const $ = (id) => document.getElementById(id);

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  td.title = td.textContent; // cells are cut to one line: the full value shows on hover
  if (className) td.className = className;
  return td;
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const td of cells) tr.appendChild(td);
  return tr;
}

function clock(seconds) {
  return new Date(seconds * 1000).toISOString().slice(11, 23);
}

function detailText(event) {
  return JSON.stringify(event.detail);
}

function filters() {
  const value = (id) => $(id).value.trim();
  return {
    source: value("filter-source"),
    detailType: value("filter-detail-type"),
    account: value("filter-account"),
    text: value("filter-text").toLowerCase(),
  };
}

function matches(event, f) {
  return (!f.source || event.source === f.source)
    && (!f.detailType || event["detail-type"] === f.detailType)
    && (!f.account || event.account === f.account)
    && (!f.text || detailText(event).toLowerCase().includes(f.text));
}

function renderEvents() {
  const f = filters();
  const shown = state.events.filter((event) => matches(event, f)).reverse(); // newest first
  const body = $("events").tBodies[0];
  body.replaceChildren(...shown.map((event) => {
    const tr = row([
      cell(event.time.slice(11, 19)),
      cell(event.source, "code"),
      cell(event["detail-type"]),
      cell(event.account, "code"),
      cell(event.delivered ? "yes" : "no", event.delivered ? "ok" : "muted"),
      cell(detailText(event), "code"),
    ]);
    tr.dataset.id = event.id;
    if (event.id === state.selected) tr.classList.add("selected");
    if (!state.seen.has(event.id)) tr.classList.add("new");
    tr.addEventListener("click", () => select(event));
    return tr;
  }));
  for (const event of state.events) state.seen.add(event.id);
  $("events-count").textContent = shown.length === state.events.length
    ? `${state.events.length}` : `${shown.length} of ${state.events.length}`;
  fillChoices("sources", state.events.map((event) => event.source));
  fillChoices("detail-types", state.events.map((event) => event["detail-type"]));
  fillChoices("accounts", state.events.map((event) => event.account));
}

function fillChoices(id, values) {
  const list = $(id);
  const unique = [...new Set(values)].sort();
  if (list.childElementCount === unique.length) return;
  list.replaceChildren(...unique.map((value) => {
    const option = document.createElement("option");
    option.value = value;
    return option;
  }));
}

function select(event) {
  state.selected = event.id;
  const envelope = {};
  for (const key of ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"]) {
    envelope[key] = event[key];
  }
  $("envelope").textContent = JSON.stringify(envelope, null, 2);
  $("envelope-id").textContent = event.delivered ? `delivered to ${event.event_bus_arn}` : "not delivered (no bus)";
  for (const tr of $("events").tBodies[0].rows) tr.classList.toggle("selected", tr.dataset.id === event.id);
}

function renderRejected() {
  const body = $("rejected").tBodies[0];
  body.replaceChildren(...state.rejected.slice().reverse().map((item) => {
    const entry = item.entry && typeof item.entry === "object" ? item.entry : {};
    return row([
      cell(item.request_id, "code muted"),
      cell(item.index),
      cell(item.error_code, "bad code"),
      cell(item.error_message),
      cell(entry.Source, "code"),
      cell(entry.DetailType),
    ]);
  }));
  $("rejected-count").textContent = `${state.rejected.length}`;
}

function renderCalls() {
  const body = $("calls").tBodies[0];
  body.replaceChildren(...state.calls.slice().reverse().map((call) => row([
    cell(clock(call.time)),
    cell(call.operation || "(none)"),
    cell(call.status, call.ok ? "ok" : "bad"),
    cell(call.error_code, "bad code"),
    cell(call.fault, "bad"),
    cell(call.attempt),
    cell(call.account, "code"),
    cell(call.request_id, "code muted"),
  ])));
  $("calls-count").textContent = `${state.calls.length}`;
}

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

async function refresh() {
  const health = await getJson("/_mock/health");
  const signature = `${health.calls}/${health.events}`;
  if (signature !== state.signature) {
    const [events, rejected, calls] = await Promise.all(
      ["/_mock/events", "/_mock/rejected", "/_mock/calls"].map(getJson));
    Object.assign(state, { events, rejected, calls, signature });
    if (!events.some((event) => event.id === state.selected)) {
      state.selected = null;
      $("envelope").textContent = "";
      $("envelope-id").textContent = "click an event";
    }
    renderEvents();
    renderRejected();
    renderCalls();
  }
  const status = $("status");
  status.className = "";
  status.textContent = `live · ${health.events} events, ${health.calls} calls · updated ${new Date().toLocaleTimeString()}`;
}

async function poll() {
  try {
    await refresh();
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
  state.signature = "";
  await refresh();
}

document.addEventListener("DOMContentLoaded", () => {
  $("reset").addEventListener("click", () => change("POST", "/_mock/reset"));
  $("clear-faults").addEventListener("click", () => change("DELETE", "/_mock/faults"));
  for (const input of $("filters").querySelectorAll("input")) {
    input.addEventListener("input", renderEvents);
    input.addEventListener("change", renderEvents);
  }
  $("filters").addEventListener("submit", (event) => event.preventDefault());
  poll();
});
