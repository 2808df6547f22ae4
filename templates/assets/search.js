// statusref's search ranking. site.js loads this script with the index
// (search-index.js) when the reader first reaches for the search box, so
// no page pays for it on first view. Both are scripts, not JSON, so that
// they load from file:// too.
//
// window.STATUSREF_SEARCH(items, classes, query) returns
//   { hits: [{ it, hint }], cls: { num, class, name, page, fallback } | null }
// with every matching item, best first. items is window.STATUSREF_INDEX,
// classes window.STATUSREF_CLASSES.
//
// The rules, in order:
//   - Filler words ("http", "status", "code", "error", "response", "vs", "or")
//     are dropped, unless the query is nothing else: "error 412" is "412".
//   - A query word matches a word of a field exactly, as its prefix, or
//     with one typo (one letter added, dropped, changed, or two swapped) if
//     it has five letters or more. Summaries match a prefix only from four
//     letters on, so "pre" does not find "presented".
//   - Every query word must match somewhere. Items that match without a
//     typo come first: "teapo" is 418's "teapot" before 307's "tempo…".
//   - Tiers, best first: the exact code (or both codes of a comparison);
//     the reason phrase; an exact header name; an alias; several fields
//     together, or a comparison's phrase; the summary. Within a tier: the
//     whole phrase before its words, exact words before prefixes before
//     typos, then the lower code; a guide, which has none, comes before
//     the codes it ties with.
//   - Among the entries with a header, one that lists it first is about
//     it ("if-match" is 412's first header, "if-none-match" 304's,
//     "retry-after" both 429's and 503's); then one whose summary names
//     it; then the earlier it is listed.
//   - A three-digit number of no entry answers with its class: an unknown
//     code is treated as the x00 of its class (RFC 9110, Section 15).
(function () {
  'use strict';
  var FILLER = { http: 1, status: 1, code: 1, codes: 1, error: 1, errors: 1, response: 1, vs: 1, versus: 1, or: 1 };
  var T_CODE = 6, T_REASON = 5, T_HEADER = 4, T_ALIAS = 3, T_MIXED = 2, T_SUMMARY = 1;

  function words(s) { return String(s).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean); }

  // within1 reports whether a and b are at most one edit apart (insert,
  // delete, substitute, or swap two neighbours).
  function within1(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (la - lb > 1 || lb - la > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charAt(i) === b.charAt(i)) i++;
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // quality is how well the query word t matches the word w: 3 exactly,
  // 2 as its prefix, 1 with one typo (in the word or in a prefix of it),
  // 0 not at all. minPrefix is the shortest t that may match a prefix.
  function quality(t, w, minPrefix) {
    if (t === w) return 3;
    if (t.length >= minPrefix && w.length > t.length && w.lastIndexOf(t, 0) === 0) return 2;
    if (t.length >= 5 && !/^\d+$/.test(t)) {
      if (within1(t, w)) return 1;
      for (var n = t.length - 1; n <= t.length + 1; n++) {
        if (n < w.length && within1(t, w.slice(0, n))) return 1;
      }
    }
    return 0;
  }
  function best(t, ws, minPrefix) {
    var q = 0;
    for (var i = 0; i < ws.length && q < 3; i++) q = Math.max(q, quality(t, ws[i], minPrefix));
    return q;
  }

  // phrase says how the query words ts sit in the field's words ws: 3 they
  // are the field, 2 they start it, 0 otherwise (the last word may be a
  // prefix or a typo).
  function phrase(ts, ws) {
    if (!ts.length || ts.length > ws.length) return 0;
    for (var i = 0; i < ts.length; i++) {
      if (i < ts.length - 1 ? !within1Word(ts[i], ws[i]) : !quality(ts[i], ws[i], 1)) return 0;
    }
    return ts.length === ws.length && quality(ts[ts.length - 1], ws[ws.length - 1], 99) ? 3 : 2;
  }
  function within1Word(t, w) { return t === w || (t.length >= 5 && within1(t, w)); }

  // prepare adds to each item the words of its fields, once.
  function prepare(items) {
    items.forEach(function (it) {
      if (it._w) return;
      var reason = it.codes ? it.reason.replace(/^[^:]*:\s*/, '') : it.reason;
      it._w = {
        codes: (it.codes || (it.code ? [it.code] : [])).map(String),
        reason: words(reason),
        aliases: it.aliases.map(words),
        headers: it.headers.map(function (h) { return { name: words(h).join('-'), words: words(h), text: h }; }),
        summary: words(it.summary)
      };
    });
  }

  // rank is the sort key of it for the query words ts (raw: with the
  // filler words) and the three-digit numbers nums, or null if it does not
  // match.
  function rank(it, ts, raw, nums) {
    var w = it._w, entry = !it.codes && !!it.code, sum = 0;
    var inReason = 0, inAlias = [], onlySummary = false, typo = false, hint = '';
    for (var a = 0; a < w.aliases.length; a++) inAlias.push(0);
    for (var i = 0; i < ts.length; i++) {
      var t = ts[i], q = 0, r = 0, numeric = /^\d+$/.test(t);
      if (numeric) {
        for (var c = 0; c < w.codes.length; c++) if (w.codes[c].lastIndexOf(t, 0) === 0) q = Math.max(q, w.codes[c] === t ? 3 : 2);
        if (q) r = q;
      }
      r = Math.max(r, best(t, w.reason, 1));
      if (r) inReason++;
      q = Math.max(q, r);
      for (a = 0; a < w.aliases.length; a++) {
        var qa = best(t, w.aliases[a], 1);
        if (qa) inAlias[a]++;
        q = Math.max(q, qa);
      }
      for (var h = 0; h < w.headers.length && q < 3; h++) {
        var qh = best(t, w.headers[h].words, 1);
        if (qh > q && !hint) hint = 'Header ' + w.headers[h].text;
        q = Math.max(q, qh);
      }
      if (!q) {
        q = best(t, w.summary, 4);
        if (!q) return null;
        onlySummary = true;
      }
      if (q === 1) typo = true;
      sum += q;
    }
    var tier = T_MIXED, first = 0;
    var given = nums.slice().sort().join(' ');
    if (given && given === w.codes.slice().sort().join(' ')) {
      tier = T_CODE;
      hint = '';
    } else if (onlySummary) {
      tier = T_SUMMARY;
      hint = '';
    } else if (entry && inReason === ts.length) {
      tier = T_REASON;
      first = Math.max(phrase(raw, w.reason), phrase(ts, w.reason));
      hint = '';
    } else {
      var name = ts.join('-');
      for (h = 0; h < w.headers.length; h++) {
        if (w.headers[h].name === name) {
          tier = T_HEADER;
          // An entry that lists the header first is about it; then one
          // whose summary names it; then the earlier it is listed.
          first = (h === 0 ? 200 : 0) + (it.summary.toLowerCase().indexOf(w.headers[h].text.toLowerCase()) >= 0 ? 100 : 0) - h;
          hint = 'Header ' + w.headers[h].text;
          break;
        }
      }
      if (tier !== T_HEADER) {
        for (a = 0; a < w.aliases.length; a++) {
          if (inAlias[a] === ts.length) {
            var p = Math.max(phrase(raw, w.aliases[a]), phrase(ts, w.aliases[a]));
            if (tier !== T_ALIAS || p > first) {
              tier = T_ALIAS;
              first = p;
              hint = 'Also known as ' + it.aliases[a];
            }
          }
        }
      }
      if (tier === T_MIXED && !entry) first = phrase(ts, w.reason);
    }
    return { key: [typo ? 0 : 1, tier, first, sum], hint: hint };
  }

  window.STATUSREF_SEARCH = function (items, classes, query) {
    prepare(items);
    var raw = words(query);
    var ts = raw.filter(function (t) { return !FILLER[t]; });
    if (!ts.length) ts = raw;
    var nums = ts.filter(function (t) { return /^\d{3}$/.test(t); });
    var hits = [];
    if (ts.length) {
      items.forEach(function (it) {
        var r = rank(it, ts, raw, nums);
        if (r) hits.push({ it: it, hint: r.hint, key: r.key });
      });
    }
    function firstCode(it) { return it.code || (it.codes ? it.codes[0] : 0); }
    hits.sort(function (x, y) {
      for (var i = 0; i < x.key.length; i++) if (x.key[i] !== y.key[i]) return y.key[i] - x.key[i];
      return firstCode(x.it) - firstCode(y.it) ||
        ((x.it.codes || [])[1] || 0) - ((y.it.codes || [])[1] || 0) || (x.it.title < y.it.title ? -1 : 1);
    });
    // A code with no entry: its class, and the rule that an unknown code
    // is treated as the x00 of its class.
    var cls = null;
    if (ts.length === 1 && nums.length === 1 && !items.some(function (it) { return String(it.code) === nums[0]; })) {
      (classes || []).forEach(function (c) {
        if (c.class.charAt(0) === nums[0].charAt(0)) cls = { num: nums[0], class: c.class, name: c.name, page: c.page, fallback: c.fallback };
      });
    }
    return { hits: hits, cls: cls };
  };
})();
