// The explore page: filters, a map of events (counted per grid cell by the server below
// CLUSTER_BELOW_ZOOM, the events in view from it, over offline country outlines), a timeline of
// events per day by type whose brushed range filters the map and the list, and the list itself,
// in keyset pages.
"use strict";
(() => {
  const root = document.getElementById("app");
  const form = document.getElementById("filters");
  // `seq` counts view changes: an answer that arrives after a newer change is dropped.
  // `cursors[i]`: the `after` of page i + 1 (keyset pages; null for the first).
  const state = { page: 1, perPage: 100, brush: null, bins: [], sort: "-date", seq: 0, cursors: [null] };
  const CLUSTER_BELOW_ZOOM = 9; // as the API's: below it /map answers with counts per grid cell
  // From this zoom the map asks only for what is in view (the cells it meets, then single events):
  // the world's cells at zoom 8 are thousands, the view's a few dozen.
  const VIEW_FROM_ZOOM = 7;
  const svgNS = "http://www.w3.org/2000/svg";

  function filterParams(withBrush = true) {
    const params = new URLSearchParams();
    const data = new FormData(form);
    for (const [key, value] of data.entries()) if (String(value).trim()) params.append(key, String(value).trim());
    if (withBrush && state.brush) {
      params.set("since", state.brush[0]);
      params.set("until", state.brush[1]);
    }
    return params;
  }

  // --- map -----------------------------------------------------------------------------
  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 18 }).setView([20, 10], 2);
  if (root.dataset.tiles) L.tileLayer(root.dataset.tiles, { maxZoom: 18, attribution: "tiles" }).addTo(map);
  fetch("/static/vendor/countries-50m.json").then((r) => r.json()).then((topo) => {
    const land = topojson.feature(topo, topo.objects.countries);
    for (const f of land.features) unwrapGeometry(f.geometry);
    L.geoJSON(land, { style: { color: "#8a8a8a", weight: 0.6, fillColor: "#f1efe8", fillOpacity: 1 }, interactive: false })
      .addTo(map).bringToBack();
  });
  // Rings that cross the antimeridian (Chukotka, Fiji) would be drawn across the whole map:
  // keep each ring's longitudes continuous instead.
  function unwrapRing(ring) {
    for (let i = 1; i < ring.length; i += 1) {
      const jump = ring[i][0] - ring[i - 1][0];
      if (Math.abs(jump) > 180) ring[i][0] -= 360 * Math.sign(jump);
    }
  }
  function unwrapGeometry(geometry) {
    if (!geometry) return;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates]
      : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    for (const polygon of polygons) for (const ring of polygon) unwrapRing(ring);
  }
  const cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(cluster);
  const cells = L.layerGroup().addTo(map);
  let mapTicket = 0; // the latest map request: an older answer is dropped
  const legend = document.getElementById("legend");
  for (const [type, colour] of Object.entries(SW.TYPE_COLOURS)) {
    legend.append(SW.el("span", { className: "key" }, [
      SW.el("i", { style: `background:${colour}` }), type.replace("_", " ")]));
  }

  function radius(size) {
    return size ? Math.min(28, 5 + 3 * Math.log10(size)) : 5;
  }

  function popup(p) {
    const size = p.size_low == null ? "size not reported"
      : p.size_low === p.size_high ? `${p.size_low.toLocaleString()} people`
      : `${p.size_low.toLocaleString()}–${p.size_high.toLocaleString()} people`;
    return SW.el("div", { className: "popup" }, [
      SW.el("b", { text: `${p.type.replace("_", " ")} · ${p.place_name || ""}` }), SW.el("br"),
      `${p.date_start || "date unknown"} · ${size} · ${p.n_mentions} sentence(s)`, SW.el("br"),
      SW.el("a", { href: `/events/${encodeURIComponent(p.id)}`, text: "open event" }),
    ]);
  }

  function pointMarker(p, lat, lon) {
    const marker = L.circleMarker([lat, lon], {
      radius: radius(p.size_high), color: "#fff", weight: 1, fillColor: SW.TYPE_COLOURS[p.type] || "#555",
      fillOpacity: 0.85,
    });
    marker.options.eventId = p.id;
    return marker;
  }

  // One grid cell of the server's counts: an event of its own, or a cluster that zooms in on a click.
  function cellMarker(p, lat, lon) {
    if (p.count === 1) {
      return pointMarker(p, lat, lon).bindPopup(() => SW.el("div", { className: "popup" }, [
        SW.el("b", { text: p.type.replace("_", " ") }), SW.el("br"),
        SW.el("a", { href: `/events/${encodeURIComponent(p.id)}`, text: "open event" })]));
    }
    const size = p.count < 10 ? "small" : p.count < 100 ? "medium" : "large";
    const icon = L.divIcon({ className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40),
      html: SW.el("div", {}, [SW.el("span", { text: p.count.toLocaleString() })]) });
    const marker = L.marker([lat, lon], { icon, title: `${p.count.toLocaleString()} events` });
    marker.on("click", () => map.setView([lat, lon], Math.min(map.getZoom() + 2, CLUSTER_BELOW_ZOOM)));
    return marker;
  }

  function viewBox() {
    const b = map.getBounds();
    const west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
    const south = Math.max(-90, b.getSouth()), north = Math.min(90, b.getNorth());
    return west <= east && south <= north ? [west, south, east, north].map((v) => v.toFixed(4)).join(",") : null;
  }

  async function loadMap() {
    const seq = state.seq;
    const ticket = ++mapTicket;
    const params = filterParams();
    const zoom = map.getZoom();
    params.set("zoom", String(zoom));
    const box = zoom >= VIEW_FROM_ZOOM ? viewBox() : null;
    if (box) params.set("bbox", box);
    const data = await SW.api(`/api/v1/map?${params}`);
    if (seq !== state.seq || ticket !== mapTicket) return;
    cluster.clearLayers();
    cells.clearLayers();
    const counted = zoom < CLUSTER_BELOW_ZOOM;
    const markers = data.features.map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      if (counted) return cellMarker(f.properties, lat, lon);
      return pointMarker(f.properties, lat, lon).bindPopup(() => popup(f.properties));
    });
    if (counted) for (const marker of markers) cells.addLayer(marker);
    else cluster.addLayers(markers);
    root.dataset.points = String(counted ? data.features.reduce((n, f) => n + f.properties.count, 0)
      : markers.length);
    root.dataset.mapZoom = String(zoom);
    if (markers.length && !state.fitted) {
      state.fitted = true; // before fitting: the view's change asks again, at its own zoom
      const bounds = data.bbox ? L.latLngBounds([data.bbox[1], data.bbox[0]], [data.bbox[3], data.bbox[2]])
        : L.featureGroup(markers).getBounds();
      map.fitBounds(bounds.pad(0.3), { maxZoom: 6, animate: false }); // at once: the bounds below are the fitted view
    }
    root.dataset.bounds = markers.length ? map.getBounds().toBBoxString() : "";
  }
  // A new view asks again: other cells at another zoom, or the events in view close up.
  map.on("moveend", () => { loadMap().catch(() => {}); });

  // --- timeline --------------------------------------------------------------------------
  // Bars per bin, the bin adapting to the range (day up to 4 months, week up to 2 years, month up
  // to 15 years, else year), with a count axis and dated ticks. Drag or use the keyboard to pick
  // a period; it filters the map and the list.
  const svg = document.getElementById("timeline");
  const rangeLabel = document.getElementById("brush-range");
  const clearBrush = document.getElementById("clear-brush");
  const unitLabel = document.getElementById("timeline-unit");
  const AXIS = { left: 36, bottom: 18, top: 6, right: 6 };

  function addDays(day, n) {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  function daysBetween(a, b) {
    return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
  }
  function unitFor(span) {
    return span <= 120 ? "day" : span <= 730 ? "week" : span <= 15 * 365 ? "month" : "year";
  }
  function binStart(day, unit) {
    const d = new Date(`${day}T00:00:00Z`);
    if (unit === "week") d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));  // Monday
    if (unit === "month") d.setUTCDate(1);
    if (unit === "year") d.setUTCMonth(0, 1);
    return d.toISOString().slice(0, 10);
  }
  function nextBin(day, unit) {
    const d = new Date(`${day}T00:00:00Z`);
    if (unit === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (unit === "week") d.setUTCDate(d.getUTCDate() + 7);
    else if (unit === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCFullYear(d.getUTCFullYear() + 1);
    return d.toISOString().slice(0, 10);
  }
  function binLabel(day, unit) {
    return unit === "year" ? day.slice(0, 4) : unit === "month" ? day.slice(0, 7) : day;
  }
  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(svgNS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function binsOf(rows) {
    const unit = unitFor(daysBetween(rows[0].date, rows[rows.length - 1].date));
    const bins = [];
    const index = new Map();
    const last = binStart(rows[rows.length - 1].date, unit);
    for (let d = binStart(rows[0].date, unit); d <= last; d = nextBin(d, unit)) {
      index.set(d, bins.length);
      bins.push({ start: d, end: addDays(nextBin(d, unit), -1), types: new Map(), total: 0 });
    }
    for (const r of rows) {
      const bin = bins[index.get(binStart(r.date, unit))];
      bin.types.set(r.type, (bin.types.get(r.type) || 0) + r.events);
      bin.total += r.events;
    }
    return { unit, bins };
  }

  async function loadTimeline() {
    const seq = state.seq;
    const rows = await SW.api(`/api/v1/timeline?${filterParams(false)}`);
    if (seq !== state.seq) return;
    while (svg.firstChild) svg.firstChild.remove();
    const width = svg.clientWidth || 800;
    const height = svg.clientHeight || 140;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    if (!rows.length) { state.bins = []; return; }
    const { unit, bins } = binsOf(rows);
    state.bins = bins;
    state.unit = unit;
    unitLabel.textContent = unit;
    root.dataset.unit = unit;
    const plotW = width - AXIS.left - AXIS.right;
    const plotH = height - AXIS.top - AXIS.bottom;
    const peak = Math.max(...bins.map((b) => b.total));
    const band = plotW / bins.length;
    const y = (n) => AXIS.top + plotH - (n / peak) * plotH;
    // count axis: 0, the middle and the peak
    for (const n of [...new Set([0, Math.round(peak / 2), peak])]) {
      const tick = svgEl("g", { class: "tick y" });
      tick.append(svgEl("line", { x1: AXIS.left, x2: width - AXIS.right, y1: y(n), y2: y(n) }));
      tick.append(svgEl("text", { x: AXIS.left - 4, y: y(n) + 3, "text-anchor": "end" }, String(n)));
      svg.append(tick);
    }
    bins.forEach((bin, i) => {
      let top = AXIS.top + plotH;
      for (const [type, n] of bin.types) {
        const h = Math.max(1, (n / peak) * plotH);
        top -= h;
        const rect = svgEl("rect", { x: AXIS.left + i * band + 0.5, y: top, width: Math.max(1, band - 1), height: h,
          fill: SW.TYPE_COLOURS[type] || "#555", class: "bar" });
        rect.append(svgEl("title", {}, `${binLabel(bin.start, unit)}${unit === "week" ? " (week)" : ""}: ${n} ${type}`));
        svg.append(rect);
      }
    });
    // dated ticks, at least 70 px apart
    const every = Math.max(1, Math.ceil(70 / band));
    for (let i = 0; i < bins.length; i += every) {
      const x = AXIS.left + i * band;
      const tick = svgEl("g", { class: "tick x" });
      tick.append(svgEl("line", { x1: x, x2: x, y1: AXIS.top + plotH, y2: AXIS.top + plotH + 4 }));
      tick.append(svgEl("text", { x, y: height - 3, "text-anchor": i === 0 ? "start" : "middle" },
        binLabel(bins[i].start, unit)));
      svg.append(tick);
    }
    svg.append(svgEl("line", { class: "axis", x1: AXIS.left, x2: width - AXIS.right, y1: AXIS.top + plotH,
      y2: AXIS.top + plotH }));
    drawBrush();
  }

  let brushRect = null;
  function binAt(x) {
    const width = svg.getBoundingClientRect().width || 1;
    const band = (width - AXIS.left - AXIS.right) / state.bins.length;
    return Math.max(0, Math.min(state.bins.length - 1, Math.floor((x - AXIS.left) / band)));
  }
  function brushBins() {
    if (!state.brush || !state.bins.length) return null;
    const a = state.bins.findIndex((b) => b.end >= state.brush[0]);
    const found = state.bins.findIndex((b) => b.end >= state.brush[1]);
    return [Math.max(0, a), found < 0 ? state.bins.length - 1 : found];
  }
  function drawBrush() {
    if (brushRect) brushRect.remove();
    brushRect = null;
    const picked = brushBins();
    if (!picked) return;
    const width = svg.clientWidth || 800;
    const band = (width - AXIS.left - AXIS.right) / state.bins.length;
    brushRect = svgEl("rect", { class: "brush", x: AXIS.left + picked[0] * band, y: 0,
      width: (picked[1] - picked[0] + 1) * band, height: (svg.clientHeight || 140) - AXIS.bottom });
    svg.append(brushRect);
  }
  async function setBrush(range) {
    state.brush = range;
    rangeLabel.textContent = range ? `${range[0]} – ${range[1]}` : "";
    svg.setAttribute("aria-valuetext", range ? `${range[0]} to ${range[1]}` : "no period selected");
    clearBrush.hidden = !range;
    root.dataset.brush = range ? range.join("/") : "";
    drawBrush();
    state.page = 1;
    root.dataset.ready = "no";
    const seq = ++state.seq;
    await Promise.all([loadMap(), loadList()]);
    if (seq === state.seq) root.dataset.ready = "yes";
  }
  function brushOf(a, b) {
    return [state.bins[Math.min(a, b)].start, state.bins[Math.max(a, b)].end];
  }
  let dragStart = null;
  svg.addEventListener("pointerdown", (e) => {
    if (!state.bins.length) return;
    dragStart = e.offsetX;
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointerup", (e) => {
    if (dragStart === null) return;
    const range = brushOf(binAt(dragStart), binAt(e.offsetX));
    dragStart = null;
    setBrush(range);
  });
  // Keyboard: arrows move the period one bin, Shift+arrows widen or narrow it, Home/End jump,
  // Escape clears it.
  svg.addEventListener("keydown", (e) => {
    const last = state.bins.length - 1;
    if (last < 0) return;
    if (e.key === "Escape") { e.preventDefault(); setBrush(null); return; }
    const step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[e.key];
    let [a, b] = brushBins() || [-1, -1];
    if (e.key === "Home") [a, b] = [0, 0];
    else if (e.key === "End") [a, b] = [last, last];
    else if (step === undefined) return;
    else if (a < 0) [a, b] = step > 0 ? [0, 0] : [last, last];
    else if (e.shiftKey) b = Math.max(a, Math.min(last, b + step));
    else if (a + step >= 0 && b + step <= last) [a, b] = [a + step, b + step];
    e.preventDefault();
    setBrush(brushOf(a, b));
  });
  clearBrush.addEventListener("click", () => setBrush(null));

  // --- list ------------------------------------------------------------------------------
  // Newest first by default; a column heading sorts by it (again: the other way). Undated or
  // unsized events stay at the end either way.
  const tbody = document.querySelector("#events tbody");
  const clip = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
  const headings = [...document.querySelectorAll("#events th[data-sort]")];
  function showSort() {
    const key = state.sort.replace(/^-/, "");
    for (const th of headings) {
      th.setAttribute("aria-sort", th.dataset.sort !== key ? "none"
        : state.sort.startsWith("-") ? "descending" : "ascending");
    }
    root.dataset.sort = state.sort;
  }
  for (const th of headings) {
    th.querySelector("button").addEventListener("click", () => {
      const key = th.dataset.sort;
      const firstWay = key === "date" || key === "size" ? `-${key}` : key;  // newest, largest first
      state.sort = state.sort === firstWay ? (firstWay.startsWith("-") ? key : `-${key}`) : firstWay;
      showSort();
      state.page = 1;
      root.dataset.ready = "no";
      const seq = ++state.seq;
      loadList().then(() => { if (seq === state.seq) root.dataset.ready = "yes"; });
    });
  }
  function row(e) {
    const place = e.place ? `${e.place.name}${e.place.country ? ", " + e.place.country : ""}` : "?";
    const size = e.size_low == null ? "" : e.size_low === e.size_high ? e.size_low.toLocaleString()
      : `${e.size_low.toLocaleString()}–${e.size_high.toLocaleString()}`;
    const sources = new Set(e.mentions.map((m) => m.doc_id)).size;
    const disagree = (e.conflicts || []).length
      ? [SW.el("span", { className: "conflict-marker", title: "sources disagree", text: "≠" }),
        SW.el("span", { className: "sr-only", text: " sources disagree" })] : [];
    return SW.el("tr", { "data-id": e.id }, [
      SW.el("td", { text: e.date_start || "undated", className: "date" }),
      SW.el("td", {}, [SW.el("span", { className: `badge type-${e.type}`, text: e.type.replace("_", " ") })]),
      SW.el("td", { text: place }),
      SW.el("td", { className: "num" }, [size, ...disagree]),
      SW.el("td", { text: String(sources), className: "num" }),
      SW.el("td", { className: "sentence" }, [SW.el("code", { className: "event-id", text: e.id }), " ",
        SW.el("a", { href: `/events/${encodeURIComponent(e.id)}`, title: e.mentions[0].sentence,
          text: clip(e.mentions[0].sentence, 140) })]),
    ]);
  }
  async function loadList() {
    const params = filterParams();
    if (state.page === 1) state.cursors = [null];
    const after = state.cursors[state.page - 1];
    if (after) params.set("after", after); // keyset pages: as fast at page 2,000 as at page 1
    else params.set("page", String(state.page));
    params.set("per_page", String(state.perPage));
    params.set("sort", state.sort);
    const seq = state.seq;
    const data = await SW.api(`/api/v1/events?${params}`);
    if (seq !== state.seq) return;
    state.cursors[state.page] = data.next;
    tbody.replaceChildren(...data.events.map(row));
    document.getElementById("count").textContent = `${data.total.toLocaleString()} events`;
    document.getElementById("page").textContent = `page ${state.page} of ${Math.max(1, data.pages)}`;
    document.getElementById("prev").disabled = state.page <= 1;
    document.getElementById("next").disabled = !data.next;
    root.dataset.page = String(state.page);
    for (const link of document.querySelectorAll("a.export")) {
      const exportParams = filterParams();
      exportParams.set("format", link.dataset.format);
      link.href = `/api/v1/export?${exportParams}`;
    }
    root.dataset.rows = String(data.events.length);
    root.dataset.total = String(data.total);
  }
  document.getElementById("prev").addEventListener("click", () => { state.page -= 1; state.seq += 1; loadList(); });
  document.getElementById("next").addEventListener("click", () => { state.page += 1; state.seq += 1; loadList(); });

  const message = document.getElementById("filter-message");
  // A filter that cannot match (since after until) is said, and the view is left as it was.
  function filterProblem() {
    const since = form.elements.since.value;
    const until = form.elements.until.value;
    return since && until && since > until ? `"From" (${since}) is after "To" (${until}): nothing to show.` : "";
  }
  async function refresh() {
    const problem = filterProblem();
    message.textContent = problem;
    root.dataset.filterError = problem;
    if (problem) return;
    root.dataset.ready = "no";
    state.page = 1;
    state.fitted = false;  // fit the map to what the filters keep
    const seq = ++state.seq;
    try {
      await Promise.all([loadMap(), loadTimeline(), loadList()]);
      root.dataset.error = "";
    } catch (error) {
      root.dataset.error = error.message;
      document.getElementById("count").textContent = error.status === 401
        ? "This strikewatch is private: enter a token above." : `Error: ${error.message}`;
    }
    if (seq === state.seq) root.dataset.ready = "yes";
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  // Ticking a type or choosing a status updates the view at once; typed fields on Filter or Enter.
  form.addEventListener("change", (e) => {
    if (e.target.name === "type" || e.target.name === "status") refresh();
  });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      state.brush = null;
      setBrush(null).then(refresh);
    }, 0);
  });
  document.getElementById("token").addEventListener("change", refresh);
  showSort();
  refresh();
})();
