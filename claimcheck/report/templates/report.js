"use strict";
(function () {
  const data = JSON.parse(document.getElementById("claimcheck-data").textContent);
  const form = document.getElementById("filters");
  const keys = ["company", "metric", "severity", "rule", "source", "q"];
  // Everything a filter compares is read from the DOM once, here: a keystroke only scans these arrays.
  const cards = Array.from(document.querySelectorAll("article.card"));
  const cardKeys = cards.map((c) => ({ company: c.dataset.company, metric: c.dataset.metric, severity: c.dataset.severity,
    rule: c.dataset.rule, sources: c.dataset.source.split("\n"), text: c.textContent.toLowerCase() }));
  const charts = Array.from(document.querySelectorAll("figure.timeline"));
  const rows = Array.from(document.querySelectorAll("#claims-table tbody tr"));
  const rowKeys = rows.map((r) => ({ company: r.dataset.company, metric: r.dataset.metric, source: r.dataset.source }));
  const shown = document.getElementById("shown");

  // A narrowed view of the claims table is one class on its body (CSS hides the rows without the class
  // "match"), and "match" is moved only on the rows whose state changed since the last narrowed view.
  function narrower(container, members) {
    const matched = new Uint8Array(members.length);
    return (keep) => {
      let n = 0;
      const next = new Uint8Array(members.length);
      for (let i = 0; i < members.length; i++) if (keep(i)) { next[i] = 1; n++; }
      if (n === members.length) { container.classList.remove("narrowed"); return n; }
      for (let i = 0; i < members.length; i++) {
        if (next[i] !== matched[i]) { members[i].classList.toggle("match", next[i] === 1); matched[i] = next[i]; }
      }
      container.classList.add("narrowed");
      return n;
    };
  }
  const claimsTable = document.getElementById("claims-table");
  const claimRows = claimsTable.tBodies[0];
  const narrowRows = narrower(claimRows, rows);
  let lastRowFilter = null;
  // A folded claims table keeps its rows out of the document: in it, even folded, they add to Chromium's
  // work on every filter change (benchmarks/README.md).
  const claimsDetails = document.getElementById("claims-details");
  function foldRows() {
    if (claimsDetails.open && !claimRows.isConnected) claimsTable.appendChild(claimRows);
    else if (!claimsDetails.open && claimRows.isConnected) claimRows.remove();
  }
  claimsDetails.addEventListener("toggle", foldRows);
  foldRows();

  // The cards are shown a page at a time: the first `page` cards that match the filters, a page more per
  // "Show N more", and the card a `#finding-…` fragment names wherever it is. The other cards are taken out
  // of the document (kept here, in `cards`) and only the cards that enter or leave the view are moved, so a
  // filter change touches at most two pages of cards however many findings there are (out of the document
  // rather than `display: none`: measured cheaper per change, benchmarks/README.md).
  const findings = document.getElementById("findings");
  const page = Number(findings.dataset.page) || 100;
  const moreLine = document.getElementById("more-line");
  const moreButton = document.getElementById("more-findings");
  const cardIndex = new Map(cards.map((c, i) => [c.id, i]));
  const isShown = new Uint8Array(cards.length).fill(1);
  let showing = cards.map((c, i) => i);  // the indices of the cards in the document, in order
  let matches = [];  // the indices of the cards that match the filters, in the page's order
  let limit = page;  // how many of them are shown
  let linked = -1;   // the card the fragment names, shown even when it is not among them
  const count = (n) => n.toLocaleString("en-US");

  function showCards() {
    const next = matches.slice(0, limit);
    const linkedApart = linked >= 0 && !next.includes(linked);
    if (linkedApart) { next.push(linked); next.sort((a, b) => a - b); }
    const wanted = new Uint8Array(cards.length);
    for (const i of next) wanted[i] = 1;
    for (const i of showing) if (!wanted[i]) { cards[i].remove(); isShown[i] = 0; }
    let after = moreLine;  // from the last card up: each card goes just before the one that follows it
    for (let j = next.length - 1; j >= 0; j--) {
      const card = cards[next[j]];
      if (!isShown[next[j]] || card.nextElementSibling !== after) { after.before(card); isShown[next[j]] = 1; }
      after = card;
    }
    showing = next;
    const left = matches.length - Math.min(limit, matches.length);
    moreLine.hidden = left === 0;
    if (left) moreButton.textContent = "Show " + count(Math.min(page, left)) + " more";
    shown.textContent = "showing " + count(Math.min(limit, matches.length)) + " of " + count(matches.length) +
      " matching findings" + (matches.length < cards.length ? " (" + count(cards.length) + " in all)" : "") +
      (linkedApart ? ", and the linked one" : "");
  }
  function showMore() {
    limit += page;
    showCards();
  }
  function showLinked() {  // a link to a card shows it, on whatever page of the matches it is, or on none
    const i = cardIndex.get(location.hash.slice(1));
    if (i === undefined) return;
    linked = i;
    showCards();
    cards[i].scrollIntoView();
  }

  function state() {
    const s = {};
    for (const k of keys) { const v = form.elements[k] ? form.elements[k].value : ""; if (v) s[k] = v; }
    return s;
  }
  function apply() {
    const s = state();
    const q = (s.q || "").toLowerCase();
    matches = [];
    for (let i = 0; i < cards.length; i++) {
      const d = cardKeys[i];
      if ((!s.company || d.company === s.company) && (!s.metric || d.metric === s.metric) &&
        (!s.severity || d.severity === s.severity) && (!s.rule || d.rule === s.rule) &&
        (!s.source || d.sources.includes(s.source)) && (!q || d.text.includes(q))) matches.push(i);
    }
    limit = page;
    linked = -1;
    showCards();
    for (const el of charts) {
      const hide = !!((s.company && el.dataset.company !== s.company) || (s.metric && el.dataset.metric !== s.metric));
      if (el.hidden !== hide) el.hidden = hide;
    }
    const rowFilter = [s.company, s.metric, s.source].join("\n");
    if (rowFilter !== lastRowFilter) {  // the search and the severity and rule filters leave the table alone
      lastRowFilter = rowFilter;
      narrowRows((i) => { const r = rowKeys[i]; return (!s.company || r.company === s.company) &&
        (!s.metric || r.metric === s.metric) && (!s.source || r.source === s.source); });
    }
    return s;
  }
  let fragmentTimer = 0;
  function filtered() {  // a filter changed by hand: the fragment follows, written after the frame
    const s = apply();
    clearTimeout(fragmentTimer);  // replaceState costs ~10 ms in Chromium: after the frame, once per burst of keys
    fragmentTimer = setTimeout(() => writeFragment(s), 0);
  }
  function writeFragment(s) {
    const hash = new URLSearchParams(s).toString();
    if (location.hash.slice(1) !== hash && !(hash === "" && location.hash === "")) {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    }
  }
  function restore() {
    const raw = location.hash.slice(1);
    if (raw.startsWith("finding-") || raw.startsWith("rule-")) return false;
    const params = new URLSearchParams(raw);
    for (const k of keys) {
      const el = form.elements[k];
      if (!el) continue;
      const v = params.get(k) || "";
      if (el.tagName === "SELECT" && v && !Array.from(el.options).some((o) => o.value === v)) {
        el.add(new Option(v, v));  // a value no finding has: keep it, so the shared view shows nothing
      }
      el.value = v;
    }
    return true;
  }
  form.addEventListener("input", filtered);
  form.addEventListener("change", filtered);
  moreButton.addEventListener("click", showMore);
  window.addEventListener("hashchange", () => { if (restore()) apply(); else showLinked(); });
  // a company/metric pair without a chart: its link filters by it, and its claims are in the table
  const more = document.getElementById("more-timelines");
  if (more) more.addEventListener("click", (e) => {
    if (!e.target.closest("a")) return;
    claimsDetails.open = true;
    foldRows();
    setTimeout(() => document.getElementById("claims").scrollIntoView(), 0);
  });
  restore();
  apply();
  showLinked();

  // sortable claims table
  document.querySelectorAll("#claims-table th").forEach((th) => {
    th.addEventListener("click", () => {
      const col = Number(th.dataset.key);
      const asc = th.getAttribute("aria-sort") !== "ascending";
      document.querySelectorAll("#claims-table th").forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      const value = (r) => { const td = r.cells[col]; return td.dataset.sort !== undefined ? Number(td.dataset.sort) : (th.dataset.num ? Number(td.textContent) : td.textContent); };
      const sorted = rows.slice().sort((a, b) => { const x = value(a), y = value(b); return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1); });
      for (const r of sorted) claimRows.appendChild(r);
    });
  });

  // CSV downloads built here from the inlined data
  function cell(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "object") v = JSON.stringify(v);
    let s = String(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;  // no spreadsheet formulas
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csv(header, records) {
    return [header.join(","), ...records.map((r) => header.map((h) => cell(r[h])).join(","))].join("\n") + "\n";
  }
  function download(name, text) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function claimRecord(c) {
    const p = c.period || {};
    return Object.assign({}, c, { amount: c.value.amount, currency: c.value.currency, low: c.value.low, high: c.value.high,
      qualifier: c.value.qualifier, period_start: p.start, period_end: p.end, period_text: p.text, granularity: p.granularity });
  }
  const claimColumns = ["id", "source", "line", "column", "quote", "subject", "counterparty", "metric", "metric_kind", "segment",
    "amount", "currency", "low", "high", "qualifier", "period_start", "period_end", "period_text", "granularity", "modality",
    "conversion_of", "round", "cumulative", "sentence"];
  document.getElementById("download-claims").addEventListener("click", () => {
    download("claims.csv", csv(claimColumns, data.claims.map(claimRecord)));
  });
  document.getElementById("download-findings").addEventListener("click", () => {
    const byId = new Map(data.claims.map((c) => [c.id, c]));
    const records = [];
    for (const f of data.findings) {
      for (const id of f.claims) {
        const c = claimRecord(byId.get(id) || { id: id, value: {} });
        records.push(Object.assign({}, c, { fingerprint: f.fingerprint, rule: f.rule, severity: f.severity, message: f.message, claim: id }));
      }
    }
    download("findings.csv", csv(["fingerprint", "rule", "severity", "message"].concat(["claim"], claimColumns.slice(1)), records));
  });
})();
