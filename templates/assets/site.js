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

  // The home page's views work without script: with no view checked, the
  // stylesheet shows cards on a wide screen and the list on a phone. Check
  // the radio of the view shown, so that it reads as checked.
  function views() {
    var cards = $('#view-cards'), list = $('#view-list');
    if (!cards || !list || cards.checked || list.checked) return;
    var phone = window.matchMedia && window.matchMedia('(max-width: 40rem)').matches;
    (phone ? list : cards).checked = true;
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

  // Search over assets/search-index.js, ranked by assets/search.js: both
  // are scripts (not JSON) so that they load from file://, and both load on
  // first use, so pages stay light. theme.js marks the page [data-js], and
  // the stylesheet shows the search form only then: without script there
  // is no box that cannot search, and the header's home link lists every
  // code.
  function search() {
    var form = $('form.search'), input = $('#q'), list = $('#q-results');
    if (!form || !input || !list) return;
    var src = form.getAttribute('data-index') || '';
    var base = src.replace(/assets\/search-index\.js$/, '');
    var SHOWN = 8; // results shown; the rest are counted
    var sel = -1, rows = [], more = 0, loading = false;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-controls', 'q-results');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-autocomplete', 'list');

    function ready() { return !!(window.STATUSREF_INDEX && window.STATUSREF_SEARCH); }
    function load() {
      if (ready() || loading || !src) return;
      loading = true;
      var left = 0;
      [src, base + 'assets/search.js'].forEach(function (url) {
        left++;
        var s = el('script', { src: url });
        s.onload = function () { if (--left === 0 && input.value.trim()) update(); };
        s.onerror = function () { loading = false; };
        doc.head.appendChild(s);
      });
    }
    function update() {
      var q = input.value.trim();
      sel = -1;
      rows = [];
      more = 0;
      if (!q) { render(); return; }
      if (!ready()) { load(); return; }
      var r = window.STATUSREF_SEARCH(window.STATUSREF_INDEX, window.STATUSREF_CLASSES, q);
      if (r.cls) {
        // A code with no entry: its class page, and what clients do.
        rows.push({ page: r.cls.page, num: r.cls.num, title: 'No page for ' + r.cls.num + ': see ' + r.cls.class + ' ' + r.cls.name, sum: r.cls.fallback });
      }
      r.hits.forEach(function (h) {
        rows.push({ page: h.it.page, num: h.it.code ? String(h.it.code) : '', title: h.it.code ? h.it.reason : h.it.title, sum: h.hint || h.it.summary });
      });
      more = Math.max(0, rows.length - SHOWN);
      rows = rows.slice(0, SHOWN);
      sel = rows.length ? 0 : -1;
      render();
    }
    function render() {
      list.textContent = '';
      var q = input.value.trim();
      rows.forEach(function (h, i) {
        var li = el('li', { role: 'none' });
        var a = el('a', { role: 'option', id: 'q-opt-' + i, href: base + h.page, 'aria-selected': i === sel ? 'true' : 'false', tabindex: '-1' });
        if (h.num) {
          a.appendChild(el('span', { 'class': 'num' }, h.num));
        } else {
          var ic = el('span', { 'class': 'num', title: 'Comparison' });
          ic.innerHTML = '<svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16"><path d="M2 5h11l-3-3M14 11H3l3 3" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></svg>';
          a.appendChild(ic);
        }
        a.appendChild(el('span', {}, h.title));
        // The second line says why it matched, or what it is.
        a.appendChild(el('span', { 'class': 'sum' }, h.sum));
        a.addEventListener('mousemove', function () { if (sel !== i) { sel = i; mark(); } });
        li.appendChild(a);
        list.appendChild(li);
      });
      if (more) {
        list.appendChild(el('li', { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false', 'class': 'none more' }, more + ' more: type more of the code, name or header to narrow the list.'));
      }
      if (q && !rows.length && ready()) {
        list.appendChild(el('li', { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false', 'class': 'none' }, 'No code matches “' + q + '”.'));
      }
      var open = !!q && list.childNodes.length > 0;
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      mark();
    }
    function mark() {
      $$('a[role=option]', list).forEach(function (a, i) { a.setAttribute('aria-selected', i === sel ? 'true' : 'false'); });
      if (sel >= 0) {
        input.setAttribute('aria-activedescendant', 'q-opt-' + sel);
        var cur = $('#q-opt-' + sel);
        if (cur && cur.scrollIntoView) cur.scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function close() { rows = []; more = 0; sel = -1; render(); list.hidden = true; input.setAttribute('aria-expanded', 'false'); }

    input.addEventListener('focus', function () { load(); if (input.value.trim()) update(); });
    input.addEventListener('pointerenter', load);
    input.addEventListener('input', update);
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!rows.length) { update(); }
        if (rows.length) {
          sel = e.key === 'ArrowDown' ? (sel + 1) % rows.length : (sel - 1 + rows.length) % rows.length;
          mark();
        }
        e.preventDefault();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (sel >= 0 && rows[sel]) window.location.href = base + rows[sel].page;
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
    views();
    copyButtons();
    scrollers();
    search();
    var t;
    window.addEventListener('resize', function () { clearTimeout(t); t = setTimeout(scrollers, 150); });
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init); else init();
})();
