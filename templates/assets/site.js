// statusref: progressive enhancement only; every page works without it.
// Search, the theme toggle, copy buttons and remembered framework tabs.
// Runs from file:// too: nothing here uses fetch().
(function () {
  'use strict';
  var doc = document, root = doc.documentElement;
  var store = {
    get: function (k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { window.localStorage.setItem(k, v); } catch (e) { /* file:// or private mode */ } }
  };
  function $(sel, el) { return (el || doc).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
  function el(tag, attrs, text) {
    var e = doc.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  var status; // one polite live region for confirmations
  function announce(msg) {
    if (!status) { status = el('div', { role: 'status', 'class': 'visually-hidden' }); doc.body.appendChild(status); }
    status.textContent = '';
    setTimeout(function () { status.textContent = msg; }, 50);
  }

  // Theme: theme.js applied a saved choice before the first paint; the
  // toggle flips between light and dark and remembers it.
  function theme() {
    var btn = $('#theme');
    if (!btn) return;
    var mq = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    function dark() {
      var t = root.getAttribute('data-theme');
      return t ? t === 'dark' : !!(mq && mq.matches);
    }
    function sync() {
      var d = dark();
      btn.setAttribute('aria-pressed', d ? 'true' : 'false');
      if (d) root.setAttribute('data-dark', ''); else root.removeAttribute('data-dark');
    }
    btn.hidden = false;
    btn.addEventListener('click', function () {
      var next = dark() ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      store.set('statusref-theme', next);
      sync();
    });
    if (mq && mq.addEventListener) mq.addEventListener('change', sync);
    sync();
  }

  // Framework tabs are radio inputs and work without script; remember the
  // reader's choice across pages.
  function tabs() {
    var chosen = store.get('statusref-framework');
    $$('.tabs > input[name=framework]').forEach(function (r) {
      if (chosen && r.value === chosen) r.checked = true;
      r.addEventListener('change', function () {
        if (r.checked) store.set('statusref-framework', r.value);
        scrollers();
      });
    });
  }

  // A copy button on every code block.
  var copyIcon = '<svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16"><rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M11 3.5V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h.5" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>';
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  }
  function legacyCopy(text) {
    return new Promise(function (resolve, reject) {
      var ta = el('textarea', { readonly: '', 'aria-hidden': 'true', style: 'position:fixed;top:0;left:-9999px' });
      ta.value = text;
      doc.body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = doc.execCommand('copy'); } catch (e) { ok = false; }
      doc.body.removeChild(ta);
      if (ok) resolve(); else reject(new Error('copy refused'));
    });
  }
  function copyButtons() {
    $$('main pre').forEach(function (pre) {
      var wrap = el('div', { 'class': 'code' }), bar = el('div');
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(bar);
      wrap.appendChild(pre);
      var b = el('button', { type: 'button', 'class': 'copy' });
      var panel = pre.closest('.panel');
      var what = panel ? panel.getAttribute('aria-label') : 'code';
      b.setAttribute('aria-label', 'Copy ' + what);
      b.innerHTML = copyIcon + '<span>Copy</span>';
      var label = b.lastChild, timer;
      b.addEventListener('click', function () {
        var text = pre.textContent.replace(/\n$/, '') + '\n';
        copyText(text).then(function () {
          label.textContent = 'Copied';
          b.classList.add('done');
          announce('Copied to the clipboard');
        }, function () {
          label.textContent = 'Select and copy';
          announce('Could not copy: select the code and copy it');
        });
        clearTimeout(timer);
        timer = setTimeout(function () { label.textContent = 'Copy'; b.classList.remove('done'); }, 2500);
      });
      bar.appendChild(b);
    });
  }

  // Scrolling code blocks and tables can be scrolled with the keyboard.
  function scrollers() {
    $$('main pre, main table').forEach(function (e) {
      if (e.scrollWidth > e.clientWidth + 1) e.setAttribute('tabindex', '0');
      else e.removeAttribute('tabindex');
    });
  }

  // Search over assets/search-index.js, a script (not JSON) so that it
  // loads from file://. It is loaded on first use, so pages stay light.
  function search() {
    var form = $('form.search'), input = $('#q'), list = $('#q-results');
    if (!form || !input || !list) return;
    var src = form.getAttribute('data-index') || '';
    var base = src.replace(/assets\/search-index\.js$/, '');
    var sel = -1, hits = [], loading = false;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-controls', 'q-results');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-autocomplete', 'list');

    function load() {
      if (window.STATUSREF_INDEX || loading || !src) return;
      loading = true;
      var s = el('script', { src: src });
      s.onload = function () { if (input.value.trim()) update(); };
      s.onerror = function () { loading = false; };
      doc.head.appendChild(s);
    }
    function words(s) { return s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean); }
    // A word matches a field at the start of one of its words (best), or
    // anywhere in it. Every word of the query must match somewhere.
    function fieldScore(text, w, start, any) {
      text = text.toLowerCase();
      var i = text.indexOf(w);
      if (i < 0) return 0;
      if (i === 0 || /[^a-z0-9]/.test(text.charAt(i - 1))) return start;
      return any;
    }
    function score(it, q, ws) {
      var code = it.code ? String(it.code) : '', total = 0, hint = '';
      if (code && code === q) return { s: 1000, hint: '' };
      for (var i = 0; i < ws.length; i++) {
        var w = ws[i], best = 0, h = '';
        if (code && code.indexOf(w) === 0) best = 90;
        var r = fieldScore(it.reason, w, 60, 30);
        if (r > best) best = r;
        it.aliases.forEach(function (a) { var s = fieldScore(a, w, 55, 28); if (s > best) { best = s; h = 'Also known as ' + a; } });
        it.headers.forEach(function (x) { var s = fieldScore(x, w, 50, 25); if (s > best) { best = s; h = 'Header ' + x; } });
        var s = fieldScore(it.summary, w, 12, 4);
        if (s > best) best = s;
        if (!best) return null;
        if (best >= 25 && h && !hint) hint = h;
        total += best;
      }
      var phrase = q.toLowerCase();
      if (ws.length > 1) {
        if (it.reason.toLowerCase().indexOf(phrase) >= 0) total += 40;
        it.aliases.forEach(function (a) { if (a.toLowerCase().indexOf(phrase) >= 0) { total += 35; hint = 'Also known as ' + a; } });
      }
      if (!code) total -= 1; // an entry before a comparison that matches as well
      return { s: total, hint: hint };
    }
    function update() {
      var q = input.value.trim(), index = window.STATUSREF_INDEX;
      sel = -1;
      if (!q) { hits = []; render(); return; }
      if (!index) { load(); return; }
      var ws = words(q);
      if (!ws.length) { hits = []; render(); return; }
      hits = index.map(function (it) { var r = score(it, q, ws); return r && { it: it, s: r.s, hint: r.hint }; })
        .filter(Boolean)
        .sort(function (a, b) { return b.s - a.s || (a.it.code || 999) - (b.it.code || 999) || (a.it.title < b.it.title ? -1 : 1); })
        .slice(0, 8);
      sel = hits.length ? 0 : -1;
      render();
    }
    function render() {
      list.textContent = '';
      var q = input.value.trim();
      hits.forEach(function (h, i) {
        var li = el('li', { role: 'none' });
        var a = el('a', { role: 'option', id: 'q-opt-' + i, href: base + h.it.page, 'aria-selected': i === sel ? 'true' : 'false', tabindex: '-1' });
        if (h.it.code) {
          a.appendChild(el('span', { 'class': 'num' }, String(h.it.code)));
          a.appendChild(el('span', {}, h.it.reason));
        } else {
          var ic = el('span', { 'class': 'num', title: 'Comparison' });
          ic.innerHTML = '<svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16"><path d="M2 5h11l-3-3M14 11H3l3 3" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></svg>';
          a.appendChild(ic);
          a.appendChild(el('span', {}, h.it.title));
        }
        // The second line says why it matched, or what it is.
        a.appendChild(el('span', { 'class': 'sum' }, h.hint || h.it.summary));
        a.addEventListener('mousemove', function () { if (sel !== i) { sel = i; mark(); } });
        li.appendChild(a);
        list.appendChild(li);
      });
      if (q && !hits.length && window.STATUSREF_INDEX) {
        list.appendChild(el('li', { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false', 'class': 'none' }, 'No code matches “' + q + '”.'));
      }
      var open = !!q && list.childNodes.length > 0;
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      mark();
    }
    function mark() {
      $$('[role=option]', list).forEach(function (a, i) { a.setAttribute('aria-selected', i === sel ? 'true' : 'false'); });
      if (sel >= 0) {
        input.setAttribute('aria-activedescendant', 'q-opt-' + sel);
        var cur = $('#q-opt-' + sel);
        if (cur && cur.scrollIntoView) cur.scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function close() { hits = []; sel = -1; render(); list.hidden = true; input.setAttribute('aria-expanded', 'false'); }

    input.addEventListener('focus', function () { load(); if (input.value.trim()) update(); });
    input.addEventListener('pointerenter', load);
    input.addEventListener('input', update);
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!hits.length) { update(); }
        if (hits.length) {
          sel = e.key === 'ArrowDown' ? (sel + 1) % hits.length : (sel - 1 + hits.length) % hits.length;
          mark();
        }
        e.preventDefault();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (sel >= 0 && hits[sel]) window.location.href = base + hits[sel].it.page;
      } else if (e.key === 'Escape') {
        if (!list.hidden) close(); else { input.value = ''; input.blur(); }
        e.preventDefault();
      }
    });
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    doc.addEventListener('click', function (e) { if (!form.contains(e.target)) close(); });
    doc.addEventListener('keydown', function (e) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      var a = doc.activeElement, tag = a ? a.tagName : '';
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (a && a.isContentEditable)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  function init() {
    theme();
    tabs();
    copyButtons();
    scrollers();
    search();
    var t;
    window.addEventListener('resize', function () { clearTimeout(t); t = setTimeout(scrollers, 150); });
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init); else init();
})();
