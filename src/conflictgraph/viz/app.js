/* conflictgraph page: filters, time window, search, details. Graph strings only ever reach the
   DOM through textContent; links only for http(s) URLs. */
(function () {
  "use strict";

  performance.mark("cg:start");
  var DATA = JSON.parse(document.getElementById("graph-data").textContent);
  performance.mark("cg:parsed");
  var N = DATA.nodes.length;
  var M = DATA.edges.length;
  var info = DATA.info;
  var einfo = DATA.einfo;
  var facets = DATA.facets;
  var when = DATA.when;
  var ewhen = DATA.ewhen;
  var months = DATA.months;
  var MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  var ids = new Array(N);
  var idIndex = new Map();
  var isEvent = new Uint8Array(N);
  for (var i = 0; i < N; i++) {
    ids[i] = DATA.nodes[i].id;
    idIndex.set(ids[i], i);
    isEvent[i] = facets[i][0] === "event" ? 1 : 0;
  }
  var efrom = new Int32Array(M);
  var eto = new Int32Array(M);
  var hasEvent = new Uint8Array(N); // touches at least one event: may fade
  for (var j = 0; j < M; j++) {
    var a = idIndex.get(DATA.edges[j].from);
    var b = idIndex.get(DATA.edges[j].to);
    efrom[j] = a;
    eto[j] = b;
    if (isEvent[a] && facets[b][0] !== "article") hasEvent[b] = 1;
    if (isEvent[b] && facets[a][0] !== "article") hasEvent[a] = 1;
  }

  // Current state of what vis-network shows; only changes are sent to the DataSets. Items hidden
  // at load (articles and their links) join the DataSets only when first shown: every item vis
  // holds costs time when the network is built.
  var hidden = new Uint8Array(N);
  var faded = new Uint8Array(N);
  var eown = new Uint8Array(M); // the edge's own hidden flag in vis
  var present = new Uint8Array(N);
  var epresent = new Uint8Array(M);
  var initialNodes = [];
  var initialEdges = [];
  for (i = 0; i < N; i++) {
    hidden[i] = DATA.nodes[i].hidden ? 1 : 0;
    if (!hidden[i]) {
      present[i] = 1;
      initialNodes.push(DATA.nodes[i]);
    }
  }
  for (j = 0; j < M; j++) {
    eown[j] = DATA.edges[j].hidden ? 1 : 0;
    if (!eown[j]) {
      epresent[j] = 1;
      initialEdges.push(DATA.edges[j]);
    }
  }

  var filterOn = {};
  DATA.filters.forEach(function (f) {
    filterOn[f.name] = {};
    f.items.forEach(function (it) { filterOn[f.name][it.value] = it.on !== false; });
  });
  var FACET_FILTERS = ["kind", "actor_type", "family", "status"];
  var showUndated = true;
  var tLo = 0;
  var tHi = Math.max(0, months.length - 1);

  var nodesDS = new vis.DataSet(initialNodes);
  var edgesDS = new vis.DataSet(initialEdges);
  performance.mark("cg:datasets");
  var container = document.getElementById("cg-graph");
  var network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, DATA.options);
  window.cgNetwork = network;
  performance.mark("cg:network");
  network.once("afterDrawing", function () {
    performance.mark("cg:drawn");
    window.cgReady = performance.now();
    document.body.setAttribute("data-ready", "1");
  });

  // ---------------------------------------------------------------- small DOM helpers
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function isWebUrl(u) {
    return typeof u === "string" && /^https?:\/\//i.test(u);
  }
  function link(u) {
    if (!u) return null;
    if (!isWebUrl(u)) return el("span", null, u);
    var a = el("a", null, u);
    a.href = u;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function labelOf(i) {
    var l = info[i].label;
    return l === undefined || l === null || l === "" ? ids[i] : String(l);
  }
  function nodeRef(id) {
    var k = idIndex.get(id);
    return k === undefined ? null : k;
  }
  function truncate(s, n) {
    s = String(s);
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  }
  function dateText(a) {
    if (!a.start && !a.end) return "undated";
    var s = a.start || a.end;
    var e = a.end || a.start;
    var t = s === e ? String(s) : s + " – " + e;
    return a.precision ? t + " (" + a.precision + ")" : t;
  }
  function monthLabel(k) {
    var m = months[k];
    return MONTH_NAMES[+m.slice(5, 7) - 1] + " " + m.slice(0, 4);
  }
  function monthStart(k) { return months[k] + "-01"; }
  function monthEnd(k) {
    var y = +months[k].slice(0, 4);
    var m = +months[k].slice(5, 7);
    var d = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return months[k] + "-" + (d < 10 ? "0" : "") + d;
  }
  function articleOf(id) {
    var k = nodeRef(id);
    return k === null ? null : info[k];
  }
  function kindLine(i) {
    var a = info[i];
    var f = facets[i];
    var parts = [f[0]];
    if (f[0] === "actor") parts.push(String(a.actor_type || "actor").replace("_", " "));
    if (f[0] === "event") {
      if (a.event_type) parts.push("CAMEO " + a.event_type);
      parts.push(dateText(a));
      if (a.status) parts.push(a.status);
    }
    if (f[0] === "resolution" && a.code) parts.push(a.code);
    if (f[0] === "article" && a.source) parts.push(a.source);
    return parts.join(" · ");
  }

  // ---------------------------------------------------------------- visibility
  function nodeHiddenNow(i, wlo, whi) {
    var f = facets[i];
    for (var k = 0; k < 4; k++) {
      if (f[k] !== null && filterOn[FACET_FILTERS[k]][f[k]] === false) return 1;
    }
    if (isEvent[i]) {
      var w = when[i];
      if (w === null) return showUndated ? 0 : 1;
      if (wlo !== null && (w[1] < wlo || w[0] > whi)) return 1;
    }
    return 0;
  }

  function apply() {
    var wlo = months.length ? monthStart(tLo) : null;
    var whi = months.length ? monthEnd(tHi) : null;
    var nh = new Uint8Array(N);
    var active = new Uint8Array(N);
    var nodeUpd = [];
    var nodeAdd = [];
    var edgeUpd = [];
    var edgeAdd = [];
    for (var i = 0; i < N; i++) nh[i] = nodeHiddenNow(i, wlo, whi);
    for (var j = 0; j < M; j++) {
      var a = efrom[j];
      var b = eto[j];
      // vis-network hides an edge with either end; its own flag only matters between shown nodes
      if (nh[a] || nh[b]) continue;
      var w = ewhen[j];
      var own = w !== null && wlo !== null && (w[1] < wlo || w[0] > whi) ? 1 : 0;
      if (own !== eown[j]) {
        eown[j] = own;
        if (epresent[j]) {
          edgeUpd.push({ id: DATA.edges[j].id, hidden: !!own });
        } else {
          epresent[j] = 1;
          edgeAdd.push(Object.assign({}, DATA.edges[j], { hidden: false }));
        }
      }
      if (!own) {
        if (isEvent[a]) active[b] = 1;
        if (isEvent[b]) active[a] = 1;
      }
    }
    var shown = 0;
    for (i = 0; i < N; i++) {
      var fd = !nh[i] && !isEvent[i] && hasEvent[i] && !active[i] ? 1 : 0;
      var upd = null;
      if (nh[i] !== hidden[i]) {
        hidden[i] = nh[i];
        upd = { id: ids[i], hidden: !!nh[i] };
      }
      if (fd !== faded[i]) {
        faded[i] = fd;
        upd = upd || { id: ids[i] };
        upd.opacity = fd ? 0.22 : 1;
        upd.font = { color: fd ? "rgba(30, 41, 59, 0.3)" : "#1e293b" };
      }
      if (upd && !present[i]) {
        if (!hidden[i]) {
          present[i] = 1;
          nodeAdd.push(Object.assign({}, DATA.nodes[i], upd, position(i)));
        }
      } else if (upd) {
        nodeUpd.push(upd);
      }
      if (!nh[i]) shown++;
    }
    if (nodeAdd.length) nodesDS.add(nodeAdd);
    if (nodeUpd.length) nodesDS.update(nodeUpd);
    if (edgeAdd.length) edgesDS.add(edgeAdd);
    if (edgeUpd.length) edgesDS.update(edgeUpd);
    document.getElementById("cg-count").textContent =
      N + " nodes · " + M + " edges · " + shown + " shown";
    updateTimeText();
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      apply();
    });
  }

  // ---------------------------------------------------------------- time window
  var loInput = document.getElementById("cg-t-lo");
  var hiInput = document.getElementById("cg-t-hi");
  var playBtn = document.getElementById("cg-play");
  var playTimer = null;

  function updateTimeText() {
    var t = document.getElementById("cg-t-text");
    if (!months.length) {
      t.textContent = "no dated events";
      return;
    }
    t.textContent = tLo === tHi ? monthLabel(tLo) : monthLabel(tLo) + " – " + monthLabel(tHi);
    loInput.value = String(tLo);
    hiInput.value = String(tHi);
  }

  function setWindow(lo, hi, now) {
    if (!months.length) return;
    var last = months.length - 1;
    lo = Math.max(0, Math.min(last, lo | 0));
    hi = Math.max(0, Math.min(last, hi | 0));
    if (hi < lo) hi = lo;
    tLo = lo;
    tHi = hi;
    if (now) apply();
    else schedule();
    network.redraw();
  }

  loInput.max = hiInput.max = String(Math.max(0, months.length - 1));
  loInput.addEventListener("input", function () {
    var v = +loInput.value;
    setWindow(v, Math.max(v, tHi));
  });
  hiInput.addEventListener("input", function () {
    var v = +hiInput.value;
    setWindow(Math.min(v, tLo), v);
  });
  // Whichever thumb is nearer the pointer should be the one on top.
  loInput.addEventListener("pointerdown", function () { loInput.style.zIndex = 2; hiInput.style.zIndex = 1; });
  hiInput.addEventListener("pointerdown", function () { hiInput.style.zIndex = 2; loInput.style.zIndex = 1; });

  function stopPlay() {
    if (playTimer !== null) clearInterval(playTimer);
    playTimer = null;
    playBtn.textContent = "▶ Play";
  }
  function step() {
    if (tHi >= months.length - 1) {
      stopPlay();
      return;
    }
    setWindow(tLo + 1, tHi + 1);
  }
  playBtn.addEventListener("click", function () {
    if (playTimer !== null) {
      stopPlay();
      return;
    }
    var width = tHi - tLo;
    if (width >= months.length - 1) width = 0;
    if (tHi >= months.length - 1 || width !== tHi - tLo) setWindow(0, width, true);
    playBtn.textContent = "❚❚ Pause";
    playTimer = setInterval(step, 900);
  });
  document.getElementById("cg-undated").addEventListener("change", function (e) {
    showUndated = e.target.checked;
    schedule();
  });
  if (!months.length) {
    loInput.disabled = hiInput.disabled = playBtn.disabled = true;
  }

  // ---------------------------------------------------------------- filters (and legend)
  (function buildFilters() {
    var box = document.getElementById("cg-filters");
    DATA.filters.forEach(function (f) {
      if (!f.items.length) return;
      var sec = el("section", "cg-filter");
      sec.appendChild(el("h2", null, f.title));
      f.items.forEach(function (it) {
        var row = el("label", "cg-check");
        var cb = el("input");
        cb.type = "checkbox";
        cb.checked = filterOn[f.name][it.value];
        cb.setAttribute("data-filter", f.name);
        cb.setAttribute("data-value", it.value);
        cb.addEventListener("change", function () {
          filterOn[f.name][it.value] = cb.checked;
          schedule();
        });
        var sw = el("span", "cg-sw " + it.shape);
        sw.style.background = it.color;
        row.appendChild(cb);
        row.appendChild(sw);
        row.appendChild(el("span", null, it.label));
        row.appendChild(el("span", "cg-n", it.count));
        sec.appendChild(row);
      });
      box.appendChild(sec);
    });
  })();

  // ---------------------------------------------------------------- layouts
  var layoutName = "timeline";
  function position(i) {
    var pos = DATA.layouts[layoutName].pos;
    return { x: pos[2 * i], y: pos[2 * i + 1] };
  }
  var guides = DATA.layouts.timeline.guides;
  function setLayout(name) {
    var L = DATA.layouts[name];
    if (!L) return;
    layoutName = name;
    var upd = [];
    for (var i = 0; i < N; i++) {
      if (present[i]) upd.push(Object.assign({ id: ids[i] }, position(i)));
    }
    nodesDS.update(upd);
    var btns = document.querySelectorAll("[data-layout]");
    for (var k = 0; k < btns.length; k++) {
      btns[k].classList.toggle("on", btns[k].getAttribute("data-layout") === name);
    }
    startView();
  }
  // Opening view: everything when that leaves labels legible; else the busiest part, legibly.
  var START_SCALE = 0.7;
  var hint = document.getElementById("cg-hint");
  function startView() {
    fitVisible(false);
    hint.hidden = true;
    if (network.getScale() >= START_SCALE) return;
    var w = container.clientWidth;
    var h = container.clientHeight;
    var scale = START_SCALE;
    var xs = [];
    var ys = [];
    for (var i = 0; i < N; i++) {
      if (hidden[i] || !present[i]) continue;
      if (layoutName === "timeline" && !isEvent[i]) continue;
      var p = position(i);
      xs.push(p.x);
      ys.push(p.y);
    }
    if (!xs.length) return;
    var cy;
    if (layoutName === "timeline") {
      var lanes = guides.lanes.filter(function (ln) {
        return ln.kinds.some(function (k) { return filterOn.kind[k] !== false; });
      });
      var y0 = lanes.length ? lanes[0].y0 : Math.min.apply(null, ys);
      var y1 = lanes.length ? lanes[lanes.length - 1].y1 : Math.max.apply(null, ys);
      scale = Math.max(START_SCALE, Math.min(1, (h - 30) / (y1 - y0 + 60)));
      // top-aligned (just under the month labels) when the lanes do not all fit
      cy = (y1 - y0 + 60) * scale <= h ? (y0 + y1) / 2 : y0 - 40 / scale + h / 2 / scale;
    }
    // the window of the view's width holding the most nodes (events, on the timeline)
    var span = w / scale;
    var order = xs.map(function (x, k) { return k; }).sort(function (a, b) { return xs[a] - xs[b]; });
    var best = 0;
    var bestAt = 0;
    for (var lo = 0, hi = 0; hi < order.length; hi++) {
      while (xs[order[hi]] - xs[order[lo]] > span * 0.8) lo++;
      if (hi - lo + 1 > best) {
        best = hi - lo + 1;
        bestAt = (xs[order[lo]] + xs[order[hi]]) / 2;
      }
    }
    if (cy === undefined) {
      // the busiest band's vertical centre of mass
      var sum = 0;
      var count = 0;
      for (var k = 0; k < xs.length; k++) {
        if (Math.abs(xs[k] - bestAt) <= span * 0.4) {
          sum += ys[k];
          count++;
        }
      }
      cy = count ? sum / count : 0;
    }
    network.moveTo({ position: { x: bestAt, y: cy }, scale: scale, animation: false });
    hint.hidden = false;
  }
  function fitVisible(animate) {
    var vis = [];
    for (var i = 0; i < N; i++) if (!hidden[i]) vis.push(ids[i]);
    network.fit({
      nodes: vis.length ? vis : undefined,
      animation: animate ? { duration: 300, easingFunction: "easeInOutQuad" } : false,
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-layout]"), function (b) {
    b.addEventListener("click", function () { setLayout(b.getAttribute("data-layout")); });
  });
  document.getElementById("cg-fit").addEventListener("click", function () {
    fitVisible(true);
    hint.hidden = true;
  });

  // Month columns, the chosen window and lane names behind the timeline.
  network.on("beforeDrawing", function (ctx) {
    if (layoutName !== "timeline" || !guides) return;
    var scale = network.getScale();
    var w = container.clientWidth;
    var h = container.clientHeight;
    var tl = network.DOMtoCanvas({ x: 0, y: 0 });
    var br = network.DOMtoCanvas({ x: w, y: h });
    var px = 1 / scale;
    ctx.save();
    var lanes = guides.lanes.filter(function (ln) {
      return ln.kinds.some(function (k) { return filterOn.kind[k] !== false; });
    });
    lanes.forEach(function (ln, k) {
      ctx.fillStyle = k % 2 ? "#f8fafc" : "#ffffff";
      ctx.fillRect(tl.x, ln.y0 - 20, br.x - tl.x, ln.y1 - ln.y0 + 40);
    });
    var mx = guides.month_x;
    var mw = guides.month_w;
    var ux = guides.undated_x;
    var labels = [];
    ctx.lineWidth = px;
    if (months.length) {
      if (tLo > 0 || tHi < months.length - 1) {
        var x0 = mx[tLo];
        var x1 = mx[tHi] + mw[tHi];
        ctx.fillStyle = "rgba(37, 99, 235, 0.07)";
        ctx.fillRect(x0, tl.y, x1 - x0, br.y - tl.y);
      }
      var lastLabel = -Infinity;
      for (var k = 0; k < months.length; k++) {
        var x = mx[k];
        if (x > br.x || x + mw[k] < tl.x - 200 * px) continue;
        var jan = months[k].slice(5, 7) === "01";
        ctx.strokeStyle = jan ? "#cbd5e1" : "#eef2f6";
        ctx.beginPath();
        ctx.moveTo(x, tl.y);
        ctx.lineTo(x, br.y);
        ctx.stroke();
        var roomy = ux === null || (ux - x) * scale >= 70;
        if ((x - lastLabel) * scale >= 64 && roomy) {
          labels.push([monthLabel(k), x, jan ? "#334155" : "#64748b"]);
          lastLabel = x;
        }
      }
    }
    if (ux !== null) {
      ctx.strokeStyle = "#cbd5e1";
      ctx.beginPath();
      ctx.moveTo(ux - 20, tl.y);
      ctx.lineTo(ux - 20, br.y);
      ctx.stroke();
      labels.push(["undated", ux - 20, "#64748b"]);
    }
    ctx.font = 11 * px + "px system-ui, sans-serif";
    ctx.textBaseline = "top";
    labels.forEach(function (l) {
      var tw = ctx.measureText(l[0]).width;
      ctx.fillStyle = "rgba(255, 255, 255, 0.9)";
      ctx.fillRect(l[1] + 2 * px, tl.y + 4 * px, tw + 4 * px, 15 * px);
      ctx.fillStyle = l[2];
      ctx.fillText(l[0], l[1] + 4 * px, tl.y + 6 * px);
    });
    ctx.font = "600 " + 11 * px + "px system-ui, sans-serif";
    ctx.textBaseline = "top";
    lanes.forEach(function (ln) {
      var y = Math.max(ln.y0 - 16, Math.min(tl.y + 24 * px, ln.y1 - 14 * px));
      ctx.fillStyle = "#94a3b8";
      ctx.fillText(ln.label.toUpperCase(), tl.x + 8 * px, y);
    });
    ctx.restore();
  });

  // ---------------------------------------------------------------- hover: tooltips and edge labels
  var titled = new Uint8Array(N);
  var etitled = new Uint8Array(M);
  function nodeTooltip(i) {
    var a = info[i];
    var box = el("div", "cg-tip");
    box.appendChild(el("div", "cg-tip-title", labelOf(i)));
    box.appendChild(el("div", "cg-tip-sub", kindLine(i)));
    var p = (a.provenance || [])[0];
    if (p && p.text) {
      box.appendChild(el("div", "cg-tip-quote", "“" + truncate(p.text, 240) + "”"));
      var art = articleOf(p.article);
      if (art) {
        var src = [art.source, art.published].filter(Boolean).join(", ");
        if (src) box.appendChild(el("div", "cg-tip-src", src));
      }
    }
    return box;
  }
  function edgeText(j) {
    var d = einfo[j];
    var parts = [String(d.relation || "link").replace(/_/g, " ")];
    if (d.role) parts.push(d.role);
    if (d.title) parts.push(d.title);
    if (d.start || d.end) parts.push(dateText({ start: d.start, end: d.end }));
    return parts.join(" · ");
  }
  function edgeTooltip(j) {
    var box = el("div", "cg-tip");
    box.appendChild(el("div", "cg-tip-title", edgeText(j)));
    box.appendChild(el("div", "cg-tip-sub", labelOf(efrom[j]) + " → " + labelOf(eto[j])));
    var p = (einfo[j].provenance || [])[0];
    if (p && p.text) box.appendChild(el("div", "cg-tip-quote", "“" + truncate(p.text, 240) + "”"));
    return box;
  }
  network.on("hoverNode", function (e) {
    var i = nodeRef(e.node);
    if (i === null || titled[i]) return;
    titled[i] = 1;
    nodesDS.update({ id: ids[i], title: nodeTooltip(i) });
  });
  network.on("hoverEdge", function (e) {
    var j = +String(e.edge).slice(1);
    clearEdgeLabel();
    labelled = e.edge;
    var upd = { id: e.edge, label: edgeText(j) };
    if (!etitled[j]) {
      etitled[j] = 1;
      upd.title = edgeTooltip(j);
    }
    edgesDS.update(upd);
  });
  var labelled = null;
  function clearEdgeLabel() {
    if (labelled !== null) edgesDS.update({ id: labelled, label: "" });
    labelled = null;
  }
  network.on("blurEdge", clearEdgeLabel);
  container.addEventListener("mouseleave", clearEdgeLabel);

  // ---------------------------------------------------------------- details panel
  var details = document.getElementById("cg-details");
  var body = document.getElementById("cg-details-body");
  var adjacency = null;
  function adj(i) {
    if (adjacency === null) {
      adjacency = new Array(N);
      for (var k = 0; k < N; k++) adjacency[k] = [];
      for (var j = 0; j < M; j++) {
        adjacency[efrom[j]].push(j);
        if (eto[j] !== efrom[j]) adjacency[eto[j]].push(j);
      }
    }
    return adjacency[i];
  }
  function kv(dl, key, value) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", null, key));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value);
    else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  function nodeButton(i) {
    var btn = el("button", "cg-linkbtn", labelOf(i));
    btn.type = "button";
    btn.addEventListener("click", function () { select(ids[i], true); });
    return btn;
  }
  function refOrText(id) {
    if (id === undefined || id === null || id === "") return null;
    var k = nodeRef(id);
    return k === null ? String(id) : nodeButton(k);
  }
  var PROV_PAGE = 30;
  function provItem(p) {
    var item = el("div", "cg-prov");
    item.appendChild(el("blockquote", null, p.text || ""));
    var meta = el("div", "cg-meta");
    var art = articleOf(p.article);
    if (art) {
      meta.appendChild(el("b", null, art.title || art.label || p.article));
      var src = [art.source, art.published].filter(Boolean).join(", ");
      if (src) {
        meta.appendChild(el("br"));
        meta.appendChild(document.createTextNode(src));
      }
      if (art.url) {
        meta.appendChild(el("br"));
        meta.appendChild(link(art.url));
      }
    } else if (p.article) {
      meta.appendChild(document.createTextNode("article " + p.article));
    }
    var extra = [];
    if (typeof p.confidence === "number") extra.push("confidence " + p.confidence.toFixed(2));
    if (p.sentence !== undefined && p.sentence !== null) extra.push("sentence " + p.sentence);
    if (p.extractor) extra.push(p.extractor);
    if (p.evidence) extra.push(p.evidence);
    if (extra.length) {
      meta.appendChild(el("br"));
      meta.appendChild(document.createTextNode(extra.join(" · ")));
    }
    item.appendChild(meta);
    return item;
  }
  function provenance(list) {
    var frag = document.createDocumentFragment();
    if (!Array.isArray(list) || !list.length) return frag;
    frag.appendChild(el("h4", null, "Evidence (" + list.length + ")"));
    var box = el("div");
    frag.appendChild(box);
    var shown = 0;
    function more() {
      var stop = Math.min(list.length, shown + PROV_PAGE);
      for (; shown < stop; shown++) box.appendChild(provItem(list[shown] || {}));
      if (shown < list.length) {
        var btn = el("button", "cg-btn", "Show " + Math.min(PROV_PAGE, list.length - shown) + " more");
        btn.type = "button";
        btn.addEventListener("click", function () {
          btn.remove();
          more();
        });
        box.appendChild(btn);
      }
    }
    more();
    return frag;
  }
  function open() {
    details.hidden = false;
    details.scrollTop = 0;
  }
  function showNode(i) {
    var a = info[i];
    var f = facets[i];
    body.textContent = "";
    body.appendChild(el("h3", null, labelOf(i)));
    body.appendChild(el("div", "cg-sub", kindLine(i)));
    if (hidden[i]) body.appendChild(el("div", "cg-note", "Hidden by the current filters or time window."));
    var dl = el("dl", "cg-kv");
    kv(dl, "Kind", f[0]);
    if (f[0] === "actor") {
      kv(dl, "Type", a.actor_type);
      kv(dl, "ISO3", a.iso3);
      kv(dl, "Office", a.title);
      kv(dl, "Affiliation", refOrText(a.affiliation));
      kv(dl, "Country", a.country);
      kv(dl, "Wikidata", a.wikidata);
    } else if (f[0] === "event") {
      kv(dl, "Type", [a.event_type ? "CAMEO " + a.event_type : null, a.plover].filter(Boolean).join(" · "));
      kv(dl, "Dates", dateText(a));
      kv(dl, "Date words", a.time_text ? "“" + a.time_text + "”" : null);
      kv(dl, "Location", refOrText(a.location));
      kv(dl, "Status", a.status);
      kv(dl, "Articles", a.support);
    } else if (f[0] === "resolution") {
      kv(dl, "Code", a.code);
      kv(dl, "Issuer", refOrText(a.issuer));
      kv(dl, "Adopted", a.adopted);
    } else if (f[0] === "location") {
      kv(dl, "Country", a.country);
    } else if (f[0] === "article") {
      kv(dl, "Title", a.title);
      kv(dl, "Source", a.source);
      kv(dl, "Published", a.published);
      kv(dl, "URL", link(a.url));
    }
    if (Array.isArray(a.aliases) && a.aliases.length) kv(dl, "Also", a.aliases.join("; "));
    kv(dl, "Id", ids[i]);
    body.appendChild(dl);
    body.appendChild(provenance(a.provenance));
    var links = adj(i);
    if (links.length) {
      body.appendChild(el("h4", null, "Links (" + links.length + ")"));
      var ul = el("ul", "cg-links");
      links.slice(0, 60).forEach(function (j) {
        var other = efrom[j] === i ? eto[j] : efrom[j];
        var li = el("li");
        var d = einfo[j];
        var rel = String(d.relation || "link").replace(/_/g, " ") + (d.role ? " (" + d.role + ")" : "");
        li.appendChild(document.createTextNode((efrom[j] === i ? rel + " → " : "← " + rel + " ")));
        li.appendChild(nodeButton(other));
        ul.appendChild(li);
      });
      if (links.length > 60) ul.appendChild(el("li", "cg-muted", "… and " + (links.length - 60) + " more"));
      body.appendChild(ul);
    }
    open();
  }
  function showEdge(j) {
    var d = einfo[j];
    body.textContent = "";
    body.appendChild(el("h3", null, String(d.relation || "link").replace(/_/g, " ")));
    body.appendChild(el("div", "cg-sub", edgeText(j)));
    var dl = el("dl", "cg-kv");
    kv(dl, "From", nodeButton(efrom[j]));
    kv(dl, "To", nodeButton(eto[j]));
    kv(dl, "Role", d.role);
    kv(dl, "Office", d.title);
    if (d.start || d.end) kv(dl, "Dates", dateText(d));
    body.appendChild(dl);
    body.appendChild(provenance(d.provenance));
    open();
  }
  function closeDetails() {
    details.hidden = true;
    body.textContent = "";
  }
  document.getElementById("cg-close").addEventListener("click", closeDetails);
  network.on("click", function (p) {
    if (p.nodes.length) showNode(nodeRef(p.nodes[0]));
    else if (p.edges.length) showEdge(+String(p.edges[0]).slice(1));
    else closeDetails();
  });

  function select(id, focus) {
    var i = nodeRef(id);
    if (i === null) return false;
    showNode(i);
    if (present[i]) network.selectNodes([id]);
    if (focus && present[i]) {
      // centre the node in the part of the canvas the details panel leaves free
      var covered = details.hidden ? 0 : Math.min(details.offsetWidth + 8, container.clientWidth / 2);
      network.focus(id, {
        scale: Math.max(network.getScale(), 1.0),
        offset: { x: -covered / 2, y: 0 },
        animation: { duration: 350, easingFunction: "easeInOutQuad" },
      });
    }
    return true;
  }

  // ---------------------------------------------------------------- search
  var keys = null;
  var lastQuery = "";
  var matches = [];
  var matchAt = 0;
  var searchBox = document.getElementById("cg-search");
  var searchStatus = document.getElementById("cg-search-status");
  function findAll(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    if (keys === null) {
      keys = new Array(N);
      for (var k = 0; k < N; k++) {
        var al = info[k].aliases;
        keys[k] = [labelOf(k).toLowerCase(), Array.isArray(al) ? al.join("\u0001").toLowerCase() : ""];
      }
    }
    var found = [];
    var KIND_ORDER = { actor: 0, location: 1, resolution: 2, event: 3, article: 4 };
    for (var i = 0; i < N; i++) {
      var lab = keys[i][0];
      var at = lab.indexOf(q);
      var rank = -1;
      if (lab === q) rank = 0;
      else if (at === 0) rank = 1;
      else if (at > 0 && /[^a-z0-9]/.test(lab.charAt(at - 1))) rank = 2; // a word starts so
      else if (at > 0) rank = 3;
      else if (keys[i][1].indexOf(q) >= 0) rank = 4;
      if (rank < 0) continue;
      rank = rank * 10 + (KIND_ORDER[facets[i][0]] !== undefined ? KIND_ORDER[facets[i][0]] : 5);
      if (hidden[i]) rank += 100;
      found.push([rank, i]);
    }
    found.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    return found.map(function (x) { return x[1]; });
  }
  function search(q, next) {
    if (q !== lastQuery) {
      lastQuery = q;
      matches = findAll(q);
      matchAt = 0;
    } else if (next && matches.length) {
      matchAt = (matchAt + 1) % matches.length;
    }
    if (!q.trim()) {
      searchStatus.textContent = "";
      return null;
    }
    if (!matches.length) {
      searchStatus.textContent = "no match";
      return null;
    }
    var i = matches[matchAt];
    select(ids[i], true);
    searchStatus.textContent =
      matches.length === 1 ? "1 match" : matchAt + 1 + " of " + matches.length + " (Enter: next)";
    return ids[i];
  }
  var searchTimer = null;
  searchBox.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { search(searchBox.value, false); }, 250);
  });
  searchBox.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      e.preventDefault();
      clearTimeout(searchTimer);
      search(searchBox.value, searchBox.value === lastQuery);
    } else if (e.key === "Escape") {
      searchBox.value = "";
      searchStatus.textContent = "";
    }
  });

  // ---------------------------------------------------------------- sidebar collapse
  var app = document.getElementById("cg-app");
  var expand = document.getElementById("cg-expand");
  document.getElementById("cg-collapse").addEventListener("click", function () {
    app.classList.add("collapsed");
    expand.hidden = false;
    network.redraw();
  });
  expand.addEventListener("click", function () {
    app.classList.remove("collapsed");
    expand.hidden = true;
    network.redraw();
  });

  // A handle for scripts and tests.
  window.cg = {
    network: network,
    nodes: nodesDS,
    edges: edgesDS,
    months: months,
    select: function (id) { return select(id, true); },
    showEdge: function (id) { showEdge(+String(id).slice(1)); },
    search: function (q) { searchBox.value = q; return search(q, false); },
    setWindow: function (lo, hi) {
      var a = typeof lo === "string" ? months.indexOf(lo) : lo;
      var b = typeof hi === "string" ? months.indexOf(hi) : hi;
      setWindow(a, b, true);
    },
    setLayout: setLayout,
    setFilter: function (name, value, on) {
      if (!filterOn[name]) return;
      filterOn[name][value] = !!on;
      var cb = document.querySelector(
        'input[data-filter="' + CSS.escape(name) + '"][data-value="' + CSS.escape(value) + '"]'
      );
      if (cb) cb.checked = !!on;
      apply();
    },
    isHidden: function (id) { var i = nodeRef(id); return i === null ? null : !!hidden[i]; },
    isFaded: function (id) { var i = nodeRef(id); return i === null ? null : !!faded[i]; },
  };

  apply();
  startView();
  performance.mark("cg:wired");
})();
