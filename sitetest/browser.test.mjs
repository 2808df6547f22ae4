// Browser tests of the built statusref site, in Debian's chromium through
// playwright-core (never a downloaded browser):
//
//   1. axe-core on every page, in the light and the dark colour scheme, with
//      the page's own checks: every heading has an anchor link, the header
//      links home, no web fonts, nothing overflows a 320 px wide screen, no
//      console errors.
//   2. Without script: the tabs switch, the toggle is hidden, the search
//      box and its "/" hint are not offered, and the home link leads to a
//      list of every code.
//   3. The reader's walk, from file://…/index.html and again from the site
//      served on 127.0.0.1 under /statusref/: the search finds "etag",
//      "entity too large" and "404"; every code ranks first for its number
//      and its name, and every query of firsts ranks its page first; "pre"
//      leaves out summary words it only starts, a cut list says "N more", a
//      number without an entry offers its class ("432" and Enter opens
//      4xx/); "/" focuses it, "precond" finds 412 and
//      428, the arrow keys and Enter open 412; pick the FastAPI tab; copy
//      and read the clipboard back (or the button's "Copied"); follow the
//      related link to 428, where the tab is remembered; go back; open
//      "412 vs 428"; toggle the theme; no console errors. From file:// it
//      saves screenshots of the home page and 412, light and dark, 1280 and
//      375 px wide, and 412 as printed.
//   4. The layout, from file://: 412's "Try it with statusref serve" is
//      after its code examples and folded; Tab never stops on a permalink;
//      418 is titled by its name; the home page is one line per code at
//      390×844 and cards at 1280 px, with a class filter (and, without
//      script, the list on a phone); every comparison's tables keep the
//      title's order, and on a phone scroll with the first column in view.
//   4. The decision guide from file://: every answer of every question is
//      followed; each path ends at a code whose entry opens and links back.
//
// Usage: node browser.test.mjs SITE_DIR [SCREENSHOT_DIR]
//   SITE_DIR        the built site (public/)
//   SCREENSHOT_DIR  where the walk saves its screenshots (default: ./screenshots)
// Environment: CHROMIUM (default /usr/bin/chromium).
// Exit status 0 when everything passed; the last line says what ran.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

const site = path.resolve(process.argv[2] || '../public');
const shots = path.resolve(process.argv[3] || path.join(path.dirname(new URL(import.meta.url).pathname), 'screenshots'));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const SUBPATH = '/statusref/';

if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`browser.test: ${site}/index.html does not exist: build the site first`);
  process.exit(2);
}

let failures = 0, passed = 0;
function fail(msg) { failures++; console.log('FAIL ' + msg); }
function ok(cond, msg) { if (cond) passed++; else fail(msg); return cond; }

// Every HTML page of the site, as paths from its root.
function pages(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? rel + '/' + e.name : e.name;
    if (e.isDirectory()) out.push(...pages(dir, p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

// Console errors, page errors and failed loads, per page.
function watch(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} (${r.failure() && r.failure().errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  return errors;
}

const axeSource = fs.readFileSync(axePath, 'utf8');
async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      preload: false, // file:// pages may not fetch their stylesheet
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 5).map((n) => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 200) + ']' : '')).join('; ')}`);
  });
}

// The page's own checks, beyond axe.
async function pageChecks(page) {
  return page.evaluate(() => {
    const problems = [];
    const home = document.querySelector('header.site a.brand');
    if (!home || !/index\.html$/.test(home.getAttribute('href'))) problems.push('no header link to index.html');
    for (const h of document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')) {
      const a = h.querySelector('a.anchor');
      if (!h.id) problems.push(`heading without id: ${h.textContent.trim()}`);
      else if (!a || a.getAttribute('href') !== '#' + h.id) problems.push(`heading without anchor link: ${h.textContent.trim()}`);
    }
    // Permalinks are for the mouse and screen readers, out of the Tab order.
    const tabbable = [...document.querySelectorAll('a.anchor')].filter((a) => a.getAttribute('tabindex') !== '-1');
    if (tabbable.length) problems.push(`${tabbable.length} permalinks in the Tab order (no tabindex="-1"): ${tabbable[0].getAttribute('href')}`);
    if (document.fonts && document.fonts.size > 0) problems.push('web fonts are declared');
    for (const img of document.querySelectorAll('img')) if (!/\.svg$|^data:image\/svg/.test(img.src)) problems.push('non-SVG image: ' + img.src);
    return problems;
  });
}

// luminance is the relative luminance (0 black, 1 white) of a CSS rgb()
// colour, as getComputedStyle gives it.
function luminance(rgb) {
  const [r, g, b] = (rgb.match(/[\d.]+/g) || []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function axePass(ctx, list) {
  const page = await ctx.newPage();
  const errors = watch(page);
  let runs = 0;
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      // Layout does not depend on the scheme: the narrow pass in dark
      // only runs axe on the home page and 412.
      const some = width === 320 && scheme === 'dark' ? list.filter((p) => p === 'index.html' || /\/412\.html$/.test(p)) : list;
      for (const p of some) {
        errors.length = 0;
        await page.goto(pathToFileURL(path.join(site, p)).href, { waitUntil: 'load' });
        const where = `${p} (${scheme}, ${width} px)`;
        // The page follows the system: its background is dark in dark.
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const shown = luminance(bg) < 0.5 ? 'dark' : 'light';
        ok(shown === scheme, `${where}: the background is ${bg}, a ${shown} page`);
        if (width === 1280) {
          const v = await axe(page);
          runs++;
          ok(v.length === 0, `${where}: axe: ${v.join('\n    ')}`);
          if (scheme === 'light') {
            const probs = await pageChecks(page);
            ok(probs.length === 0, `${where}: ${probs.join('; ')}`);
          }
        } else {
          const sw = await page.evaluate(() => {
            const w = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1)
              .filter((e) => !e.closest('pre, table, .visually-hidden, .skip'))
              .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' "' + e.textContent.trim().slice(0, 30) + '"');
            return { width: document.documentElement.scrollWidth, wide: wide.slice(0, 3) };
          });
          ok(sw.width <= width, `${where}: the page is ${sw.width} px wide, wider than the screen: ${sw.wide.join(', ')}`);
          if (scheme === 'dark') {
            const v = await axe(page);
            runs++;
            ok(v.length === 0, `${where}: axe: ${v.join('\n    ')}`);
          }
        }
        ok(errors.length === 0, `${where}: ${errors.join('; ')}`);
      }
    }
  }
  await page.close();
  return runs;
}

// waitFor polls fn until it returns something truthy, or fails after ms.
async function waitFor(fn, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function options(page) {
  return page.$$eval('#q-results [role=option]', (as) => as.map((a) => a.textContent));
}

// search types q into the search box (focused with "/") and returns the
// results' texts.
async function search(page, q) {
  await page.locator('body').click({ position: { x: 1, y: 300 } });
  await page.keyboard.press('/');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  if (!ok(focused === 'q', `"/" does not focus the search box (focus is on ${focused})`)) await page.focus('#q');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(q, { delay: 10 });
  await waitFor(async () => (await options(page)).length > 0);
  return options(page);
}

function codes(texts) { return texts.map((t) => (t.match(/^\d{3}/) || [''])[0]); }

// query sets the search box to q without typing it key by key, and returns
// the results' texts once they are the ones for q.
async function query(page, q) {
  await page.fill('#q', '');
  await waitFor(async () => (await options(page)).length === 0);
  await page.fill('#q', q);
  await waitFor(async () => (await options(page)).length > 0);
  return options(page);
}

// firsts are queries readers asked, with the page each must rank first: a
// code (its status page) or a page of the site. Add to it whenever a
// reader finds a miss. The reasons for the less obvious ones:
//   - filler words ("http", "error", "status code") are ignored;
//   - an exact header name ranks the entry that lists it first:
//     If-Match is 412's first header, If-None-Match 304's; Retry-After is
//     the first header of both 429 and 503, and the lower code wins;
//   - one typo is forgiven in a word of five letters or more;
//   - two codes name their comparison, in either order;
//   - a guide has no code, and ranks before the codes it ties with
//     ("interim", "caches").
const firsts = [
  ['cloudflare 522', '522'], ['page expired', '419'],
  ['csrf token mismatch', '419'], ['login timeout', '440'], ['connection timed out', '522'],
  ['http 412', '412'], ['error 412', '412'], ['status code 404', '404'], ['http 500', '500'], ['nginx 499', '499'],
  ['if-match', '412'], ['if-none-match', '304'], ['retry-after', '429'], ['www-authenticate', '401'], ['allow', '405'],
  ['precondtion', '412'], ['precond', '412'], ['unauthorised', '401'], ['forbiden', '403'],
  ['internal sever error', '500'], ['service unavailble', '503'],
  ['too many request', '429'], ['too many requests', '429'], ['rate limiting', '429'],
  ['payload too large', '413'], ['entity too large', '413'], ['request entity too large', '413'],
  ['unprocessable entity', '422'], ['moved temporarily', '302'], ['request-uri too long', '414'],
  ['teapot', '418'], ["i'm a teapot", '418'],
  ['412 vs 428', 'compare/412-vs-428.html'], ['428 vs 412', 'compare/412-vs-428.html'],
  ['401 vs 403', 'compare/401-vs-403.html'], ['404 or 410', 'compare/404-vs-410.html'],
  ['bad gateway', '502'], ['gateway timeout', '504'], ['not found', '404'], ['not modified', '304'],
  ['moved permanently', '301'], ['see other', '303'], ['temporary redirect', '307'], ['permanent redirect', '308'],
  ['no content', '204'], ['partial content', '206'], ['content-range', '206'], ['early hints', '103'],
  ['sec-websocket-accept', '101'], ['switching protocols', '101'], ['multi-status', '207'], ['a-im', '226'],
  ['created', '201'], ['accepted', '202'], ['method not allowed', '405'], ['conflict', '409'], ['gone', '410'],
  ['how status codes work', 'guides/how-status-codes-work.html'], ['interim', 'guides/how-status-codes-work.html'],
  ['caches', 'guides/why-the-right-code-matters.html'], ['soft 404', 'guides/why-the-right-code-matters.html'],
  ['json api', 'guides/status-codes-for-a-json-api.html'], ['problem details', 'guides/status-codes-for-a-json-api.html'],
];

// hrefs are the links of the results shown, absolute.
async function hrefs(page) {
  return page.$$eval('#q-results a[role=option]', (as) => as.map((a) => a.href));
}

// ranksFirst reports whether the first result of the list links to want: a
// code ("412", its status page) or a page's path from the site root.
function ranksFirst(links, want) {
  const first = links[0] || '';
  return want.includes('/') ? first.endsWith('/' + want) : first.endsWith('/' + want + '.html');
}

// searchFinds checks that every status entry of the index ranks first for
// its own number and for its reason phrase (or shares the phrase with the
// code that does), and the queries of firsts, each ranking its page first.
async function searchFinds(page, label) {
  await page.fill('#q', 'x');
  await waitFor(() => page.evaluate(() => !!(window.STATUSREF_INDEX && window.STATUSREF_SEARCH)));
  const all = await page.evaluate(() => window.STATUSREF_INDEX);
  const index = all.filter((it) => it.code);
  const misses = [];
  for (const it of index) {
    const code = String(it.code);
    let r = codes(await query(page, code));
    if (r[0] !== code) misses.push(`"${code}" → ${r[0]}`);
    const texts = await query(page, it.reason);
    const top = index.find((o) => String(o.code) === codes(texts)[0]);
    if (!top || (String(top.code) !== code && top.reason !== it.reason)) misses.push(`"${it.reason}" → ${codes(texts)[0]}`);
  }
  for (const [q, want] of firsts) {
    await query(page, q);
    const links = await hrefs(page);
    if (!ranksFirst(links, want)) misses.push(`"${q}" → ${links[0] || 'nothing'}, want ${want}`);
  }
  ok(firsts.length >= 30, `${label}: the query set has ${firsts.length} queries, fewer than 30`);
  ok(misses.length === 0, `${label}: search ranks the wrong page first:\n    ${misses.join('\n    ')}`);

  // Summaries match a word's start, and only from four letters: "pre"
  // finds the preconditions, not "representation" (404) or "presented"
  // (496).
  let r = codes(await query(page, 'pre'));
  ok(r.includes('412') && r.includes('428') && !r.includes('404') && !r.includes('496'), `${label}: "pre" finds ${JSON.stringify(r)}`);

  // A cut list says how much more there is: "41" matches every item with
  // a code starting 41, entries and comparisons.
  const n41 = all.filter((it) => (it.codes || [it.code]).some((c) => String(c).startsWith('41'))).length;
  await query(page, '41');
  const shown = (await hrefs(page)).length;
  const more = await page.$eval('#q-results .more', (li) => li.textContent).catch(() => '');
  ok(shown === 8 && n41 > 8 && more.startsWith(`${n41 - 8} more`), `${label}: "41" shows ${shown} of ${n41} with "${more}", not 8 and "${n41 - 8} more"`);
  await query(page, '412');
  ok((await page.locator('#q-results .more').count()) === 0, `${label}: "412" says there are more results than it shows`);

  // A number with no entry: its class and the x00 rule, linking the class
  // page, never "no code matches".
  for (const [num, cls, x00] of [['299', '2xx', '200 OK'], ['432', '4xx', '400 Bad Request'], ['http 150', '1xx', '100 Continue']]) {
    const texts = await query(page, num);
    const links = await hrefs(page);
    ok(links.length >= 1 && links[0].endsWith(`/${cls}/index.html`) && texts[0].includes(x00) && texts[0].includes(cls),
      `${label}: "${num}" finds ${JSON.stringify(texts)} → ${links[0]}, not the ${cls} page with the ${x00} rule`);
  }
  console.log(`  ${label} search: ${index.length} codes by number and name, ${firsts.length} reader queries, "pre", "41" and three codes without entries`);
}

async function walk(ctx, start, label, shotsDir) {
  const page = await ctx.newPage();
  const errors = watch(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(start, { waitUntil: 'load' });
  const step = (n, what) => console.log(`  ${label} ${n}. ${what}`);

  // The search requirements.
  let v;
  let r = await search(page, 'etag');
  ok(codes(r).includes('304') && codes(r).includes('412'), `${label}: "etag" finds ${JSON.stringify(r)}, not 304 and 412`);
  r = await search(page, 'entity too large');
  ok(codes(r)[0] === '413', `${label}: "entity too large" finds ${JSON.stringify(r)}, not 413 first`);
  r = await search(page, 'zzzz');
  ok(r.length === 1 && /No code matches/.test(r[0]), `${label}: "zzzz" finds ${JSON.stringify(r)}`);
  v = await axe(page);
  ok(v.length === 0, `${label}: axe, with "no code matches": ${v.join('\n    ')}`);
  r = await search(page, '404');
  ok(codes(r)[0] === '404', `${label}: "404" finds ${JSON.stringify(r)}, not 404 first`);
  await searchFinds(page, label);
  await page.keyboard.press('Escape');
  ok(await page.locator('#q-results').isHidden(), `${label}: Escape does not close the results`);
  // A code without an entry is no dead end: Enter opens its class.
  r = await search(page, '432');
  await Promise.all([page.waitForURL(/\/4xx\/index\.html$/), page.keyboard.press('Enter')]);
  await page.goBack();

  // 1. Search "precond", move to 412 with the arrow keys, open it with Enter.
  r = await search(page, 'precond');
  ok(codes(r).includes('412') && codes(r).includes('428'), `${label}: "precond" finds ${JSON.stringify(r)}, not 412 and 428`);
  v = await axe(page);
  ok(v.length === 0, `${label}: axe, with the search results open: ${v.join('\n    ')}`);
  const at = codes(r).indexOf('412');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp'); // back to the first result
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
  const selected = await page.$eval('#q-results [aria-selected=true]', (a) => a.textContent).catch(() => '');
  ok(selected.startsWith('412'), `${label}: the arrow keys selected "${selected}", not 412`);
  const active = await page.$eval('#q', (i) => i.getAttribute('aria-activedescendant'));
  ok(active && (await page.$(`#${active}`)), `${label}: aria-activedescendant does not name the selected result`);
  await Promise.all([page.waitForURL(/\/4xx\/412\.html$/), page.keyboard.press('Enter')]);
  step(1, 'searched "precond", opened 412 with the keyboard');

  // 2. The FastAPI tab.
  await page.click('label[for=tab-fastapi]');
  ok(await page.isChecked('#tab-fastapi'), `${label}: the FastAPI tab is not selected`);
  ok(await page.locator('.panel-fastapi').isVisible(), `${label}: the FastAPI panel is not shown`);
  ok(await page.locator('.panel-express').isHidden(), `${label}: the Express panel is still shown`);
  step(2, 'switched to the FastAPI tab');

  // 3. Copy, and read the clipboard or the button's confirmation.
  const btn = page.locator('.panel-fastapi .copy');
  await btn.click();
  await waitFor(async () => /Copied/.test(await btn.textContent()), 3000);
  const said = (await btn.textContent()).trim();
  ok(said === 'Copied', `${label}: the copy button says "${said}", not "Copied"`);
  const clip = await page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
  if (clip !== null) ok(/app = FastAPI\(\)/.test(clip) && !/<span/.test(clip), `${label}: the clipboard holds ${JSON.stringify(clip.slice(0, 80))}, not the FastAPI code`);
  step(3, `copied (${clip !== null ? 'clipboard read back' : 'confirmation read'})`);

  // 4. A related link to 428, where the FastAPI tab is remembered.
  await Promise.all([page.waitForURL(/\/4xx\/428\.html$/), page.click('.related a[href$="428.html"]')]);
  ok(await page.isChecked('#tab-fastapi'), `${label}: 428 does not remember the FastAPI tab`);
  step(4, 'followed the related link to 428');

  // 5. Back.
  await Promise.all([page.waitForURL(/\/4xx\/412\.html$/), page.goBack()]);
  ok(await page.isChecked('#tab-fastapi'), `${label}: back on 412 the FastAPI tab is not selected`);
  step(5, 'went back to 412');

  // 6. The "412 vs 428" comparison.
  await Promise.all([page.waitForURL(/\/compare\/412-vs-428\.html$/), page.click('a:text-is("412 vs 428")')]);
  const h1 = await page.textContent('h1');
  ok(/412/.test(h1) && /428/.test(h1), `${label}: the comparison's heading is "${h1}"`);
  step(6, 'opened the 412 vs 428 comparison');

  // The theme toggle, remembered on the next page and applied before paint.
  const shown = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor).then((bg) => (luminance(bg) < 0.5 ? 'dark' : 'light'));
  await page.click('#theme');
  ok((await page.getAttribute('html', 'data-theme')) === 'dark' && (await shown()) === 'dark', `${label}: the toggle does not switch to dark`);
  await page.goBack();
  ok((await page.getAttribute('html', 'data-theme')) === 'dark' && (await shown()) === 'dark', `${label}: the dark theme is not remembered`);
  await page.click('#theme');
  ok((await page.getAttribute('html', 'data-theme')) === 'light' && (await shown()) === 'light', `${label}: the toggle does not switch back to light`);
  await page.evaluate(() => localStorage.removeItem('statusref-theme'));

  // 7. Nothing went wrong in the console.
  ok(errors.length === 0, `${label}: ${errors.join('; ')}`);
  step(7, `no console errors`);

  // 8. Screenshots.
  if (shotsDir) {
    fs.mkdirSync(shotsDir, { recursive: true });
    const home = new URL('index.html', page.url().replace(/compare\/[^/]*$|4xx\/[^/]*$/, '')).href;
    const p412 = new URL('4xx/412.html', home).href;
    let n = 0;
    for (const [name, url] of [['home', home], ['412', p412]]) {
      for (const scheme of ['light', 'dark']) {
        for (const width of [1280, 375]) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: width > 400 ? 900 : 812 });
          await page.goto(url, { waitUntil: 'load' });
          await page.screenshot({ path: path.join(shotsDir, `${name}-${scheme}-${width}.png`), fullPage: true });
          n++;
        }
      }
    }
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await page.setViewportSize({ width: 800, height: 1100 });
    await page.goto(p412, { waitUntil: 'load' });
    await page.screenshot({ path: path.join(shotsDir, '412-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    ok(errors.length === 0, `${label}: ${errors.join('; ')}`);
    step(8, `saved ${n + 1} screenshots in ${shotsDir}`);
  }
  await page.close();
}

// Without script: the tabs still switch (radio inputs), the theme toggle
// stays hidden, the search box is not offered, and the header's home link
// leads to the list of every code.
async function noScript(ctx) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await page.goto(pathToFileURL(path.join(site, '4xx/412.html')).href, { waitUntil: 'load' });
  await page.click('label[for=tab-go]');
  ok(await page.locator('.panel-go').isVisible(), 'without script: the Go tab does not show its panel');
  ok(await page.locator('.panel-express').isHidden(), 'without script: the Express panel is still shown');
  ok(await page.locator('#theme').isHidden(), 'without script: the theme toggle is shown but cannot work');
  ok((await page.locator('.copy').count()) === 0, 'without script: there are copy buttons that cannot work');
  const bare = await page.evaluate(() => [...document.querySelectorAll('main h1, main h2, main h3, main h4')]
    .filter((h) => !h.id || !h.querySelector(`a.anchor[href="#${h.id}"]`)).map((h) => h.textContent.trim()));
  ok(bare.length === 0, `without script: headings without an anchor link: ${bare.join('; ')}`);
  // No search box that cannot search, no "/" hint; the home link leads to
  // every code.
  ok(await page.locator('form.search').isHidden(), 'without script: the search box is offered but cannot search');
  ok(await page.locator('form.search kbd').isHidden(), 'without script: the "/" hint is shown');
  const api = JSON.parse(fs.readFileSync(path.join(site, 'api/codes.json'), 'utf8'));
  await Promise.all([page.waitForURL(/\/index\.html$/), page.click('header.site a.brand')]);
  const listed = await page.$$eval('main .codes a', (as) => as.map((a) => a.getAttribute('href')));
  const missing = api.filter((c) => !listed.includes(c.page)).map((c) => c.code);
  ok(missing.length === 0, `without script: the home page does not list ${missing.join(', ')}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload({ waitUntil: 'load' });
  await homeViews(page, 'without script, home at 390×844', 'list');
  await page.close();
  console.log('without script: tabs, toggle, heading anchors, no search box, the home page lists every code, and its list view and filter work on a phone');
}

// homeViews checks the home page's views at the given size: the view
// shown by default ("list" or "cards"), that the list is one line per
// code with its number and reason, and that the class filter shows one
// class. Script may be off: the views are CSS.
async function homeViews(page, label, want) {
  const shown = () => page.evaluate(() => {
    const items = [...document.querySelectorAll('main .by-class .codes > li')].filter((li) => li.offsetParent);
    const summaries = items.filter((li) => { const p = li.querySelector('p'); return p && p.offsetParent; }).length;
    const lineHeight = parseFloat(getComputedStyle(document.body).lineHeight);
    const tall = items.filter((li) => li.getBoundingClientRect().height > 2 * lineHeight);
    const bare = items.filter((li) => !/^\d+\s+\S/.test(li.querySelector('a').textContent.trim()));
    const classes = [...document.querySelectorAll('main .by-class')].filter((s) => s.offsetParent).map((s) => s.getAttribute('aria-labelledby'));
    return { items: items.length, summaries, tall: tall.length, bare: bare.length, classes };
  });
  let v = await shown();
  const all = v.items;
  const list = v.summaries === 0 && v.tall === 0 && v.bare === 0;
  ok(all > 0 && (want === 'list' ? list : v.summaries === all), `${label}: the home page shows ${JSON.stringify(v)}, not the ${want} by default`);
  // The other view, by its label.
  await page.click(want === 'list' ? 'label[for=view-cards]' : 'label[for=view-list]');
  v = await shown();
  ok(want === 'list' ? v.summaries === v.items : v.summaries === 0 && v.tall === 0, `${label}: switching the view shows ${JSON.stringify(v)}`);
  await page.click(want === 'list' ? 'label[for=view-list]' : 'label[for=view-cards]');
  // The class filter.
  await page.click('label[for=only-c4]');
  v = await shown();
  ok(v.classes.length === 1 && v.classes[0] === 'class-4xx' && v.items > 0 && v.items < all, `${label}: the 4xx filter shows ${JSON.stringify(v)}`);
  await page.click('label[for=only-all]');
  v = await shown();
  ok(v.items === all, `${label}: "All" shows ${v.items} codes, not ${all}`);
}

// polish checks the layout rules of issue 16 from file://: the 412 page's
// "Try it" is after its examples and folded; 418 is titled by its name;
// the home page is a list on a phone and cards on a desktop, both
// filterable by class; and every comparison's tables list the codes in
// its title's order, with the first column in view on a phone.
async function polish(ctx) {
  const page = await ctx.newPage();
  const errors = watch(page);
  const url = (p) => pathToFileURL(path.join(site, p)).href;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url('4xx/412.html'), { waitUntil: 'load' });
  const order = await page.$$eval('main h2[id]', (hs) => hs.map((h) => h.id));
  const at = order.indexOf('try-it-with-statusref-serve');
  ok(at > order.indexOf('code-examples') && order.indexOf('code-examples') >= 0, `412: "Try it" is not after the code examples: ${order.join(', ')}`);
  const tryIt = page.locator('section[aria-labelledby=try-it-with-statusref-serve]');
  const folded = await tryIt.locator('details').evaluate((d) => !d.open).catch(() => false);
  ok(folded, '412: "Try it" is not folded in a closed <details>');
  ok(/local tool/.test(await tryIt.locator('summary').textContent().catch(() => '')), '412: the "Try it" summary does not say it is a local tool');
  ok(await tryIt.locator('pre').first().isHidden(), '412: the "Try it" commands show while folded');
  await tryIt.locator('summary').click();
  ok(await tryIt.locator('pre').first().isVisible(), '412: the "Try it" commands do not unfold');
  // The Tab key never stops on a permalink.
  let anchors = 0;
  await page.focus('body');
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement && document.activeElement.matches('a.anchor'))) anchors++;
  }
  ok(anchors === 0, `412: Tab stopped on ${anchors} permalinks`);

  await page.goto(url('4xx/418.html'), { waitUntil: 'load' });
  const h1 = (await page.textContent('h1')).replace(/\s+/g, ' ');
  ok(/418 I'm a teapot \(Unused\)/.test(h1), `418 is titled "${h1}", not "418 I'm a teapot (Unused)"`);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url('index.html'), { waitUntil: 'load' });
  await homeViews(page, 'home at 390×844', 'list');
  ok(await page.isChecked('#view-list'), 'home at 390×844: the List view is shown but its radio is not checked');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url('index.html'), { waitUntil: 'load' });
  await homeViews(page, 'home at 1280', 'cards');
  ok(await page.isChecked('#view-cards'), 'home at 1280: the Cards view is shown but its radio is not checked');

  // Comparison tables: a header row naming both codes names them in the
  // title's order.
  const compares = pages(site).filter((p) => p.startsWith('compare/'));
  const against = [];
  for (const p of compares) {
    await page.goto(url(p), { waitUntil: 'load' });
    const bad = await page.evaluate(() => {
      const [a, b] = [...document.querySelectorAll('.pair .num')].map((n) => n.textContent.trim());
      return [...document.querySelectorAll('main table')].map((t) => [...t.querySelectorAll('tr:first-child th')].map((th) => th.textContent.trim()))
        .filter((cells) => {
          const ia = cells.findIndex((c) => c.startsWith(a + ' ')), ib = cells.findIndex((c) => c.startsWith(b + ' '));
          return ia >= 0 && ib >= 0 && ia > ib;
        }).map((cells) => `${a} vs ${b}: ${cells.join(' | ')}`);
    });
    against.push(...bad);
  }
  ok(compares.length > 0 && against.length === 0, `comparison tables against their title's order: ${against.join('; ')}`);
  // On a phone the 412 vs 428 table scrolls with its first column in view.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url('compare/412-vs-428.html'), { waitUntil: 'load' });
  const sticky = await page.evaluate(() => {
    const t = document.querySelector('main table'), first = t.querySelector('td');
    const before = first.getBoundingClientRect().left;
    t.scrollLeft = t.scrollWidth;
    return { scrolls: t.scrollWidth > t.clientWidth, moved: Math.abs(first.getBoundingClientRect().left - before), cue: getComputedStyle(t).backgroundImage };
  });
  ok(sticky.scrolls && sticky.moved < 1 && /gradient/.test(sticky.cue), `412 vs 428 at 390 px: the table ${JSON.stringify(sticky)}, not a scrolling table with its first column in view and a scroll cue`);
  ok(errors.length === 0, `polish: ${errors.join('; ')}`);
  await page.close();
  console.log(`polish: 412's Try it, permalinks, 418's title, the home views at 390 and 1280 px, ${compares.length} comparisons' tables`);
}

// quickOnFirstScreen checks that 412's quick answer is inside the first
// screen of a phone (390x844), in both themes, from file://.
async function quickOnFirstScreen(ctx) {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(pathToFileURL(path.join(site, '4xx/412.html')).href, { waitUntil: 'load' });
    const box = await page.locator('#quick').boundingBox();
    ok(box && box.y >= 0 && box.y + box.height <= 844,
      `412 at 390x844 (${scheme}): the quick answer is at ${box ? `${Math.round(box.y)}-${Math.round(box.y + box.height)} px` : 'nowhere'}, not inside the first screen`);
  }
  await page.close();
  console.log('quick answer: inside the first screen of 412 at 390x844, light and dark');
}

// The decision guide from file://: the home page links it; every answer
// of every question is followed, so every path is walked, and each ends
// at a leaf that names its code, whose entry link opens that code's page,
// which links the leaf back.
async function guideWalk(ctx) {
  if (!fs.existsSync(path.join(site, 'guide/index.html'))) return console.log('guide: the site has none');
  const page = await ctx.newPage();
  const errors = watch(page);
  await page.goto(pathToFileURL(path.join(site, 'index.html')).href, { waitUntil: 'load' });
  await Promise.all([page.waitForURL(/\/guide\/index\.html$/), page.click('p.decide a')]);
  const paths = new Map(); // question page → number of paths from it
  const leaves = new Set();
  async function question(url) {
    if (paths.has(url)) return paths.get(url);
    paths.set(url, 0); // a loop would count no path
    await page.goto(url, { waitUntil: 'load' });
    const answers = await page.$$eval('ul.answers a', (as) => as.map((a) => a.href));
    ok(answers.length >= 2, `guide: ${url} has ${answers.length} answers`);
    let n = 0;
    for (const href of answers) {
      const leaf = href.match(/\/guide\/[a-z0-9-]+\/(\d+)\.html$/);
      if (!leaf) { n += await question(href); continue; }
      n++;
      if (leaves.has(href)) continue;
      leaves.add(href);
      await page.goto(href, { waitUntil: 'load' });
      const code = leaf[1];
      ok((await page.textContent('h1 .num')) === code, `guide: ${href} does not name ${code}`);
      await Promise.all([page.waitForURL(new RegExp(`/${code[0]}xx/${code}\\.html$`)), page.click(`.chips a[href$="/${code}.html"]`)]);
      ok((await page.textContent('h1 .num')) === code, `guide: the entry link of ${href} opens ${page.url()}`);
      const back = await page.$$eval('section[aria-labelledby=decide] a', (as) => as.map((a) => a.href));
      ok(back.includes(href), `guide: ${page.url()} does not list the question that leads to it (${href})`);
    }
    ok(n > 0, `guide: no path from ${url} ends at a code`);
    paths.set(url, n);
    return n;
  }
  const total = await question(page.url());
  ok(errors.length === 0, `guide: ${errors.join('; ')}`);
  await page.close();
  console.log(`guide: ${total} paths over ${paths.size} questions from file://, ${leaves.size} answers each open their entry`);
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'statusref-chromium-'));
const server = await serve(site, { subpath: SUBPATH });
const served = `http://127.0.0.1:${server.address().port}${SUBPATH}`;
let ctx;
try {
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.replace(/\/statusref\/$/, '') }).catch(() => {});
  for (const p of ctx.pages()) await p.close();

  const list = pages(site);
  const t0 = Date.now();
  const runs = await axePass(ctx, list);
  console.log(`axe: ${runs} runs over ${list.length} pages (light and dark), ${failures} problems, ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  await noScript(ctx);
  await quickOnFirstScreen(ctx);
  await polish(ctx);
  await guideWalk(ctx);
  const before = failures;
  await walk(ctx, pathToFileURL(path.join(site, 'index.html')).href, 'file://', shots);
  await walk(ctx, served + 'index.html', 'http' + SUBPATH, null);
  // The served root and a missing page.
  const page = await ctx.newPage();
  const res = await page.goto(served);
  ok(res.status() === 200 && /HTTP status codes/.test(await page.textContent('h1')), `${served} does not serve the home page`);
  const miss = await page.goto(served + 'nope.html');
  ok(miss.status() === 404 && (await page.locator('header.site a.brand').count()) === 1, 'a missing page does not get 404.html');
  await page.close();
  console.log(`walk: file:// and ${served}: ${failures - before} problems`);
} catch (e) {
  fail(e.stack || String(e));
} finally {
  if (ctx) await ctx.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`browser: ${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
