/**
 * The one inline script of the HTML report (its sha256 goes into the CSP). It only reads the JSON
 * data block and builds DOM with textContent, so no model string is ever parsed as HTML. The layer
 * table is virtualised: only the rows in view (plus a margin) exist in the DOM, so 100k rows scroll,
 * sort and filter smoothly. Row layout matches layer-data.ts (LAYER_COLUMNS + expressions + heat).
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var root = document.documentElement;
  var toggle = document.getElementById('theme-toggle');
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var current = root.getAttribute('data-theme');
      var dark = current ? current === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
      root.setAttribute('data-theme', dark ? 'light' : 'dark');
    });
  }
  var dataEl = document.getElementById('autodoc-data');
  var host = document.getElementById('layers-live');
  if (!dataEl || !host) return;
  var data = JSON.parse(dataEl.textContent);
  var rows = data.layers;
  if (!rows || rows.length === 0) return;
  var ROW_H = 24, MARGIN = 15;
  var NUMERIC = { 0: 1, 5: 1, 6: 1, 7: 1, 8: 1 };
  var EXPR = { 6: 9, 7: 10, 8: 11 };
  var HEAT = { 7: 12, 8: 13 };
  var scroller = host.querySelector('.scroller');
  var tbody = host.querySelector('tbody');
  var countEl = host.querySelector('.count');
  var filterEl = host.querySelector('input');
  var opEl = host.querySelector('select');
  var heads = host.querySelectorAll('th');
  data.ops.forEach(function (op) {
    var o = document.createElement('option');
    o.value = op;
    o.textContent = op;
    opEl.appendChild(o);
  });
  var hay = rows.map(function (r) { return (r[1] + '\\u0000' + r[2] + '\\u0000' + r[3] + '\\u0000' + r[4]).toLowerCase(); });
  var view = [];
  var timer = 0;
  var sortCol = 0, sortDir = 1;
  var topPad = document.createElement('tr'), bottomPad = document.createElement('tr');
  topPad.className = bottomPad.className = 'spacer';

  function group(v) { return String(v).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ','); }
  function sortKey(r, c) {
    var v = r[c];
    if (NUMERIC[c]) return v === null ? -1 : Number(v);
    return String(v).toLowerCase();
  }
  function cell(tr, text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
  }
  function rowEl(r) {
    var tr = document.createElement('tr');
    for (var c = 0; c < 9; c++) {
      var v = r[c];
      if (!NUMERIC[c]) { cell(tr, v, c === 1 ? 'name' : c === 4 ? 'shape' : ''); continue; }
      var cls = 'num' + (HEAT[c] !== undefined ? ' h' + r[HEAT[c]] : '');
      if (v === null) {
        var e = EXPR[c] !== undefined ? r[EXPR[c]] : null;
        cell(tr, e === null ? '\\u2014' : e, cls + (e === null ? '' : ' sym'));
      } else cell(tr, c === 0 ? String(v) : group(v), cls);
    }
    return tr;
  }
  function render() {
    var start = Math.max(0, Math.floor(scroller.scrollTop / ROW_H) - MARGIN);
    var end = Math.min(view.length, start + Math.ceil(scroller.clientHeight / ROW_H) + 2 * MARGIN);
    var frag = document.createDocumentFragment();
    topPad.style.height = start * ROW_H + 'px';
    bottomPad.style.height = (view.length - end) * ROW_H + 'px';
    frag.appendChild(topPad);
    for (var i = start; i < end; i++) frag.appendChild(rowEl(rows[view[i]]));
    frag.appendChild(bottomPad);
    tbody.replaceChildren(frag);
  }
  function apply() {
    // A filter keystroke still waiting on its debounce would re-apply later and jump the scroll
    // back to the top after the user has moved on (op select, sort, scroll): this apply reads it now.
    clearTimeout(timer);
    var q = filterEl.value.trim().toLowerCase();
    var op = opEl.value;
    view = [];
    for (var i = 0; i < rows.length; i++) {
      if (op && rows[i][2] !== op) continue;
      if (q && hay[i].indexOf(q) < 0) continue;
      view.push(i);
    }
    var keys = {};
    view.forEach(function (i) { keys[i] = sortKey(rows[i], sortCol); });
    view.sort(function (a, b) {
      var x = keys[a], y = keys[b];
      return x < y ? -sortDir : x > y ? sortDir : a - b;
    });
    countEl.textContent = group(view.length) + ' of ' + group(rows.length) + ' layers';
    scroller.scrollTop = 0;
    render();
  }
  heads.forEach(function (th) {
    th.tabIndex = 0;
    var sort = function () {
      var c = Number(th.getAttribute('data-col'));
      sortDir = c === sortCol ? -sortDir : NUMERIC[c] && c !== 0 ? -1 : 1;
      sortCol = c;
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
      apply();
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); sort(); } });
  });
  filterEl.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
  opEl.addEventListener('change', apply);
  var pending = false;
  scroller.addEventListener('scroll', function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; render(); });
  });
  var stat = document.getElementById('layers-static');
  if (stat) stat.remove();
  host.hidden = false;
  apply();
})();
`;
