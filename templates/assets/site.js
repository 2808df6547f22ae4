// statusref: progressive enhancement only. Every page works without it.
(function () {
  'use strict';
  var store = {
    get: function (k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { window.localStorage.setItem(k, v); } catch (e) { /* file:// or private mode */ } }
  };

  // Theme: follow the system unless the reader chose.
  var root = document.documentElement;
  var saved = store.get('statusref-theme');
  if (saved === 'light' || saved === 'dark') root.setAttribute('data-theme', saved);

  document.addEventListener('DOMContentLoaded', function () {
    var btn = document.getElementById('theme');
    if (btn) {
      btn.hidden = false;
      btn.addEventListener('click', function () {
        var dark = root.getAttribute('data-theme') === 'dark' ||
          (!root.getAttribute('data-theme') && window.matchMedia('(prefers-color-scheme: dark)').matches);
        var next = dark ? 'light' : 'dark';
        root.setAttribute('data-theme', next);
        store.set('statusref-theme', next);
      });
    }

    // Framework tabs: remember the reader's choice across pages.
    var chosen = store.get('statusref-framework');
    var radios = document.querySelectorAll('.tabs > input[name=framework]');
    radios.forEach(function (r) {
      if (r.value === chosen) r.checked = true;
      r.addEventListener('change', function () { if (r.checked) store.set('statusref-framework', r.value); });
    });

    // Copy buttons on every code block.
    document.querySelectorAll('pre').forEach(function (pre) {
      var wrap = document.createElement('div');
      wrap.className = 'code-block';
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'copy';
      b.textContent = 'Copy';
      b.setAttribute('aria-label', 'Copy code');
      b.addEventListener('click', function () {
        var text = pre.innerText;
        var done = function () { b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Copy'; }, 2000); };
        var fallback = function () {
          var ta = document.createElement('textarea');
          ta.value = text; document.body.appendChild(ta); ta.select();
          try { document.execCommand('copy'); done(); } catch (e) { b.textContent = 'Press Ctrl+C'; }
          document.body.removeChild(ta);
        };
        if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
        else fallback();
      });
      wrap.appendChild(b);
    });

    // Search over the index in search-index.js (a script, so it loads from file://).
    var input = document.getElementById('q');
    var list = document.getElementById('q-results');
    var index = window.STATUSREF_INDEX;
    if (!input || !list || !index) return;
    var base = (document.querySelector('link[rel=stylesheet]').getAttribute('href') || '').replace(/assets\/site\.css$/, '');
    var sel = -1, hits = [];
    function score(item, q) {
      if (String(item.code) === q) return 100;
      if (String(item.code).indexOf(q) === 0) return 80;
      var s = 0;
      if (item.reason.toLowerCase().indexOf(q) >= 0) s = Math.max(s, 60);
      for (var i = 0; i < item.aliases.length; i++) if (item.aliases[i].toLowerCase().indexOf(q) >= 0) s = Math.max(s, 55);
      for (var j = 0; j < item.headers.length; j++) if (item.headers[j].toLowerCase().indexOf(q) >= 0) s = Math.max(s, 50);
      if (item.summary.toLowerCase().indexOf(q) >= 0) s = Math.max(s, 30);
      return s;
    }
    function render() {
      list.innerHTML = '';
      hits.forEach(function (h, i) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = 'q-opt-' + i;
        li.setAttribute('aria-selected', i === sel ? 'true' : 'false');
        var a = document.createElement('a');
        a.href = base + h.page;
        a.textContent = h.title;
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = hits.length === 0;
      input.setAttribute('aria-expanded', hits.length ? 'true' : 'false');
      if (sel >= 0) input.setAttribute('aria-activedescendant', 'q-opt-' + sel); else input.removeAttribute('aria-activedescendant');
    }
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase();
      sel = -1;
      hits = !q ? [] : index.map(function (it) { return { it: it, s: score(it, q) }; })
        .filter(function (x) { return x.s > 0; })
        .sort(function (a, b) { return b.s - a.s || (a.it.code || 0) - (b.it.code || 0); })
        .slice(0, 8).map(function (x) { return x.it; });
      if (hits.length) sel = 0;
      render();
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && hits.length) { sel = (sel + 1) % hits.length; render(); e.preventDefault(); }
      else if (e.key === 'ArrowUp' && hits.length) { sel = (sel - 1 + hits.length) % hits.length; render(); e.preventDefault(); }
      else if (e.key === 'Enter' && sel >= 0) { window.location.href = base + hits[sel].page; e.preventDefault(); }
      else if (e.key === 'Escape') { hits = []; render(); }
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === '/' && document.activeElement !== input && !/^(INPUT|TEXTAREA)$/.test(document.activeElement.tagName)) {
        input.focus(); e.preventDefault();
      }
    });
  });
})();
