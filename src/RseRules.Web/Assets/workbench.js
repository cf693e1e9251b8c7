// The workbench's only script (no build step). Progressive: every control also works as a plain form post.
// - live panel: the form is evaluated on the server as the user types (debounced), the panel and the errors replaced;
// - shape: adding, removing or moving a row, or changing a value the form's shape depends on (a length, a key),
//   asks the server for the form again (it alone knows the shape), then refreshes the panel.
"use strict";
(function () {
  const form = document.getElementById("evaluation");
  if (!form) return;
  const panel = document.getElementById("panel");
  const panelBody = document.getElementById("panel-body");
  let sequence = 0;
  let shown = 0;
  let timer = null;

  function data(extra) {
    const fd = new FormData(form);
    if (extra) for (const [k, v] of Object.entries(extra)) fd.set(k, v);
    return fd;
  }

  async function post(url, body) {
    const response = await fetch(url, { method: "POST", body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } });
    if (!response.ok) throw new Error(response.status + " " + response.statusText);
    return response;
  }

  function clearErrors() {
    for (const el of form.querySelectorAll(".has-error")) el.classList.remove("has-error");
    for (const el of form.querySelectorAll("[aria-invalid=true]")) el.removeAttribute("aria-invalid");
    for (const el of form.querySelectorAll("p.error-text[id]")) { el.textContent = ""; el.hidden = true; }
  }

  function showErrors(errors) {
    clearErrors();
    const summary = document.getElementById("error-summary");
    const items = [];
    for (const e of errors) {
      const el = e.field ? document.getElementById(e.field) : null;
      if (el) {
        const box = el.closest(".field, tr, fieldset");
        if (box) box.classList.add("has-error");
        if (el.matches("input, select, textarea")) el.setAttribute("aria-invalid", "true");
        const text = document.getElementById(e.field + "-err");
        if (text) { text.textContent = (text.textContent ? text.textContent + " " : "") + e.message; text.hidden = false; }
      }
      items.push(e);
    }
    if (!summary) return;
    summary.replaceChildren();
    if (items.length === 0) { summary.hidden = true; summary.className = ""; return; }
    summary.hidden = false;
    summary.className = "alert error";
    summary.setAttribute("role", "alert");
    const title = document.createElement("strong");
    title.textContent = items.length + (document.documentElement.lang === "en" ? " error(s) to fix:" : " erreur(s) à corriger :");
    const list = document.createElement("ul");
    for (const e of items) {
      const li = document.createElement("li");
      if (e.pointer) {
        const a = document.createElement("a");
        a.href = "#" + (e.field || "");
        const code = document.createElement("code");
        code.textContent = e.pointer;
        a.append(code);
        li.append(a, " ");
      }
      li.append(e.message);
      list.append(li);
    }
    summary.append(title, list);
  }

  async function live() {
    const mine = ++sequence;
    const started = performance.now();
    panel.classList.add("stale");
    try {
      const response = await post(form.dataset.live, data());
      const result = await response.json();
      if (mine < shown) return; // an older answer arriving late
      shown = mine;
      if (result.panel) panelBody.innerHTML = result.panel; // server-rendered, every value escaped by the template engine
      showErrors(result.errors || []);
      panel.classList.toggle("stale", !result.panel || result.count > 0);
      panel.dataset.updates = String(Number(panel.dataset.updates || "0") + 1);
      panel.dataset.roundTrip = String(Math.round(performance.now() - started));
    } catch (err) {
      panel.dataset.error = String(err);
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(live, 250);
  }

  async function reshape(operation) {
    const focused = document.activeElement && document.activeElement.id;
    const response = await post(form.dataset.shape, data(operation ? { op: operation } : null));
    const html = await response.text();
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const body = holder.querySelector("#form-body");
    if (body) document.getElementById("form-body").replaceWith(body);
    if (focused) { const el = document.getElementById(focused); if (el) el.focus(); }
    syncLaws();
    await live();
  }

  function syncLaws() {
    for (const select of form.querySelectorAll("details.law select")) {
      const field = select.closest(".field");
      if (field) field.classList.toggle("uncertain", select.value !== "");
    }
  }

  form.addEventListener("input", (event) => {
    if (event.target.matches("details.law select")) syncLaws();
    if (event.target.dataset.structural) return; // handled on change
    schedule();
  });
  form.addEventListener("change", (event) => {
    if (event.target.dataset.structural) { reshape(null); return; }
    if (event.target.matches("select, input[type=checkbox]")) schedule();
  });
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[name=op]");
    if (!button) return;
    event.preventDefault();
    reshape(button.value);
  });
  syncLaws();
})();
