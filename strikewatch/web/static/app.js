// The explore page: filters, a map of events (clustered, over offline country outlines),
// a timeline of events per day by type whose brushed range filters the map and the list, and
// the list itself, paged.
"use strict";
(() => {
  const root = document.getElementById("app");
  const form = document.getElementById("filters");
  const state = { page: 1, perPage: 50, brush: null, days: [] };
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

  async function loadMap() {
    const data = await SW.api(`/api/v1/map?${filterParams()}`);
    cluster.clearLayers();
    const markers = data.features.map((f) => {
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const marker = L.circleMarker([lat, lon], {
        radius: radius(p.size_high), color: "#fff", weight: 1, fillColor: SW.TYPE_COLOURS[p.type] || "#555",
        fillOpacity: 0.85,
      });
      marker.bindPopup(() => popup(p));
      marker.options.eventId = p.id;
      return marker;
    });
    cluster.addLayers(markers);
    root.dataset.points = String(markers.length);
    if (markers.length && !state.fitted) {
      map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3), { maxZoom: 6 });
      state.fitted = true;
    }
  }

  // --- timeline --------------------------------------------------------------------------
  const svg = document.getElementById("timeline");
  const rangeLabel = document.getElementById("brush-range");
  const clearBrush = document.getElementById("clear-brush");

  function addDays(day, n) {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  async function loadTimeline() {
    const rows = await SW.api(`/api/v1/timeline?${filterParams(false)}`);
    while (svg.firstChild) svg.firstChild.remove();
    const width = svg.clientWidth || 800;
    const height = svg.clientHeight || 120;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    if (!rows.length) { state.days = []; return; }
    const first = rows[0].date;
    const last = rows[rows.length - 1].date;
    const days = [];
    for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
    state.days = days;
    const stacks = new Map(days.map((d) => [d, []]));
    for (const r of rows) stacks.get(r.date).push(r);
    const peak = Math.max(...[...stacks.values()].map((s) => s.reduce((n, r) => n + r.events, 0)));
    const band = width / days.length;
    const scale = (height - 18) / peak;
    days.forEach((day, i) => {
      let y = height - 16;
      for (const r of stacks.get(day)) {
        const h = Math.max(1, r.events * scale);
        y -= h;
        const rect = document.createElementNS(svgNS, "rect");
        rect.setAttribute("x", String(i * band + 0.5));
        rect.setAttribute("y", String(y));
        rect.setAttribute("width", String(Math.max(1, band - 1)));
        rect.setAttribute("height", String(h));
        rect.setAttribute("fill", SW.TYPE_COLOURS[r.type] || "#555");
        rect.setAttribute("class", "bar");
        const title = document.createElementNS(svgNS, "title");
        title.textContent = `${day}: ${r.events} ${r.type}`;
        rect.append(title);
        svg.append(rect);
      }
    });
    for (const [i, day] of [[0, first], [days.length - 1, last]]) {
      const label = document.createElementNS(svgNS, "text");
      label.setAttribute("x", String(i === 0 ? 2 : width - 2));
      label.setAttribute("y", String(height - 3));
      label.setAttribute("text-anchor", i === 0 ? "start" : "end");
      label.textContent = day;
      svg.append(label);
    }
    drawBrush();
  }

  let brushRect = null;
  function dayAt(x) {
    const width = svg.getBoundingClientRect().width || 1;
    const i = Math.max(0, Math.min(state.days.length - 1, Math.floor((x / width) * state.days.length)));
    return state.days[i];
  }
  function drawBrush() {
    if (brushRect) brushRect.remove();
    brushRect = null;
    if (!state.brush || !state.days.length) return;
    const width = svg.clientWidth || 800;
    const band = width / state.days.length;
    const a = Math.max(0, state.days.indexOf(state.brush[0]));
    const bIndex = state.days.indexOf(state.brush[1]);
    const b = bIndex < 0 ? state.days.length - 1 : bIndex;
    brushRect = document.createElementNS(svgNS, "rect");
    brushRect.setAttribute("class", "brush");
    brushRect.setAttribute("x", String(a * band));
    brushRect.setAttribute("y", "0");
    brushRect.setAttribute("width", String((b - a + 1) * band));
    brushRect.setAttribute("height", String((svg.clientHeight || 120) - 14));
    svg.append(brushRect);
  }
  async function setBrush(range) {
    state.brush = range;
    rangeLabel.textContent = range ? `${range[0]} – ${range[1]}` : "";
    clearBrush.hidden = !range;
    root.dataset.brush = range ? range.join("/") : "";
    drawBrush();
    state.page = 1;
    root.dataset.ready = "no";
    await Promise.all([loadMap(), loadList()]);
    root.dataset.ready = "yes";
  }
  let dragStart = null;
  svg.addEventListener("pointerdown", (e) => {
    if (!state.days.length) return;
    dragStart = e.offsetX;
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointerup", (e) => {
    if (dragStart === null) return;
    const a = dayAt(Math.min(dragStart, e.offsetX));
    const b = dayAt(Math.max(dragStart, e.offsetX));
    dragStart = null;
    setBrush([a, b]);
  });
  clearBrush.addEventListener("click", () => setBrush(null));

  // --- list ------------------------------------------------------------------------------
  const tbody = document.querySelector("#events tbody");
  const clip = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
  async function loadList() {
    const params = filterParams();
    params.set("page", String(state.page));
    params.set("per_page", String(state.perPage));
    const data = await SW.api(`/api/v1/events?${params}`);
    tbody.replaceChildren(...data.events.map((e) => {
      const place = e.place ? `${e.place.name}${e.place.country ? ", " + e.place.country : ""}` : "?";
      const size = e.size_low == null ? "" : e.size_low === e.size_high ? e.size_low.toLocaleString()
        : `${e.size_low.toLocaleString()}–${e.size_high.toLocaleString()}`;
      const sources = new Set(e.mentions.map((m) => m.doc_id)).size;
      return SW.el("tr", { "data-id": e.id }, [
        SW.el("td", { text: e.date_start || "?" }),
        SW.el("td", {}, [SW.el("span", { className: `badge type-${e.type}`, text: e.type.replace("_", " ") })]),
        SW.el("td", { text: place }),
        SW.el("td", { text: size, className: "num" }),
        SW.el("td", { text: String(sources), className: "num" }),
        SW.el("td", {}, [SW.el("a", { href: `/events/${encodeURIComponent(e.id)}`, title: e.mentions[0].sentence,
          text: clip(e.mentions[0].sentence, 140) })]),
      ]);
    }));
    document.getElementById("count").textContent = `${data.total.toLocaleString()} events`;
    document.getElementById("page").textContent = `page ${data.page} of ${Math.max(1, data.pages)}`;
    document.getElementById("prev").disabled = data.page <= 1;
    document.getElementById("next").disabled = data.page >= data.pages;
    for (const link of document.querySelectorAll("a.export")) {
      const exportParams = filterParams();
      exportParams.set("format", link.dataset.format);
      link.href = `/api/v1/export?${exportParams}`;
    }
    root.dataset.rows = String(data.events.length);
    root.dataset.total = String(data.total);
  }
  document.getElementById("prev").addEventListener("click", () => { state.page -= 1; loadList(); });
  document.getElementById("next").addEventListener("click", () => { state.page += 1; loadList(); });

  async function refresh() {
    root.dataset.ready = "no";
    state.page = 1;
    try {
      await Promise.all([loadMap(), loadTimeline(), loadList()]);
      root.dataset.error = "";
    } catch (error) {
      root.dataset.error = error.message;
      document.getElementById("count").textContent = error.status === 401
        ? "This strikewatch is private: enter a token above." : `Error: ${error.message}`;
    }
    root.dataset.ready = "yes";
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      state.brush = null;
      setBrush(null).then(refresh);
    }, 0);
  });
  document.getElementById("token").addEventListener("change", refresh);
  refresh();
})();
