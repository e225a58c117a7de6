"""Datasette plugin: an inline SVG chart above the results of the coverage queries.

Loaded by `entcrawl serve` with ``--plugins-dir data/plugins``.  Which saved
queries get a chart, and which columns it draws, is configured in
data/metadata.yml under ``plugins: entcrawl_charts: charts:``::

    show_coverage_by_week: {x: week, bars: [articles], dots: [stories], gap: gap}
    compare_shows:         {x: week, lines: [a_articles, b_articles], gap: gap}

The script is inline and draws with plain DOM calls: nothing is loaded from
the network, so the chart works offline.  It reads the result table Datasette
already rendered (``table.rows-and-columns``) and inserts an
``<svg class="entcrawl-chart">`` before it; gap periods are shaded.
"""
from __future__ import annotations

import json

from datasette import hookimpl

CHART_JS = r"""
(function () {
  var config = __CONFIG__;
  var table = document.querySelector("table.rows-and-columns");
  if (!table) { return; }
  var names = Array.prototype.map.call(table.querySelectorAll("thead th"),
    function (th) { return th.textContent.trim(); });
  var rows = Array.prototype.map.call(table.querySelectorAll("tbody tr"), function (tr) {
    var cells = tr.querySelectorAll("td"), row = {};
    names.forEach(function (name, i) { row[name] = cells[i] ? cells[i].textContent.trim() : ""; });
    return row;
  });
  if (!rows.length) { return; }
  var NS = "http://www.w3.org/2000/svg", W = 960, H = 340, L = 44, R = 12, T = 34, B = 64;
  var colors = ["#2f6db5", "#d9622b", "#3a9a5b", "#8e5bb5", "#c23b5a"];
  var bars = config.bars || [], lines = config.lines || [], dots = config.dots || [];
  var num = function (v) { var n = parseFloat(v); return isNaN(n) ? 0 : n; };
  var peak = 1;
  bars.concat(lines, dots).forEach(function (c) {
    rows.forEach(function (r) { peak = Math.max(peak, num(r[c])); });
  });
  var step = Math.max(1, Math.ceil(peak / 5)), top = Math.ceil(peak / step) * step;
  var pw = W - L - R, ph = H - T - B, slot = pw / rows.length;
  var x = function (i) { return L + slot * (i + 0.5); };
  var y = function (v) { return T + ph - ph * v / top; };
  var svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "entcrawl-chart");
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  svg.setAttribute("width", W); svg.setAttribute("height", H);
  svg.setAttribute("style", "max-width:100%;height:auto;font:11px sans-serif");
  var add = function (tag, attrs, text) {
    var el = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) { el.textContent = text; }
    svg.appendChild(el); return el;
  };
  var tip = function (el, text) {
    var t = document.createElementNS(NS, "title"); t.textContent = text; el.appendChild(t);
  };
  rows.forEach(function (r, i) {
    if (config.gap && r[config.gap]) {
      tip(add("rect", {"class": "gap", x: L + slot * i, y: T, width: slot, height: ph,
                       fill: "#f4c27a", opacity: 0.55}), r[config.x] + ": gap (" + r[config.gap] + ")");
    }
  });
  for (var v = 0; v <= top; v += step) {
    add("line", {x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#ddd"});
    add("text", {x: L - 6, y: y(v) + 4, "text-anchor": "end", fill: "#555"}, String(v));
  }
  var every = Math.max(1, Math.ceil(rows.length / 14));
  rows.forEach(function (r, i) {
    if (i % every === 0) {
      add("text", {x: x(i), y: T + ph + 14, "text-anchor": "end", fill: "#333",
                   transform: "rotate(-40 " + x(i) + " " + (T + ph + 14) + ")"}, r[config.x]);
    }
  });
  var legend = [];
  bars.forEach(function (c, k) {
    var bw = Math.max(1, slot * 0.72 / bars.length);
    rows.forEach(function (r, i) {
      var val = num(r[c]);
      tip(add("rect", {"class": "bar", x: x(i) - slot * 0.36 + k * bw, y: y(val), width: bw,
                       height: y(0) - y(val), fill: colors[k % 5]}), r[config.x] + ": " + val + " " + c);
    });
    legend.push([c, colors[k % 5]]);
  });
  lines.forEach(function (c, k) {
    var color = colors[(k + bars.length) % 5];
    add("polyline", {"class": "series", fill: "none", stroke: color, "stroke-width": 2,
      points: rows.map(function (r, i) { return x(i) + "," + y(num(r[c])); }).join(" ")});
    legend.push([c, color]);
  });
  dots.forEach(function (c) {
    rows.forEach(function (r, i) {
      if (num(r[c]) > 0) {
        tip(add("circle", {"class": "dot", cx: x(i), cy: y(num(r[c])), r: 3, fill: "#1b2a3a"}),
            r[config.x] + ": " + r[c] + " " + c);
      }
    });
    legend.push([c, "#1b2a3a"]);
  });
  add("line", {x1: L, x2: W - R, y1: y(0), y2: y(0), stroke: "#333"});
  var lx = L;
  legend.forEach(function (item) {
    add("rect", {x: lx, y: 12, width: 12, height: 10, fill: item[1]});
    add("text", {x: lx + 16, y: 21}, item[0]);
    lx += 26 + 7 * item[0].length;
  });
  if (config.gap) {
    add("rect", {x: lx, y: 12, width: 12, height: 10, fill: "#f4c27a"});
    add("text", {x: lx + 16, y: 21}, "crawl gap");
  }
  table.parentNode.insertBefore(svg, table);
})();
"""


def chart_script(chart_config: dict) -> str:
    """The inline script for one chart configuration (pure; tested directly)."""
    payload = json.dumps(chart_config).replace("</", "<\\/")
    return CHART_JS.replace("__CONFIG__", payload)


@hookimpl
def extra_body_script(template, database, view_name, request, datasette):
    if template != "query.html" or request is None or not database:
        return None
    config = datasette.plugin_config("entcrawl_charts", database=database) or {}
    query_name = request.path.rstrip("/").rsplit("/", 1)[-1]
    chart = (config.get("charts") or {}).get(query_name)
    return chart_script(chart) if chart else None
