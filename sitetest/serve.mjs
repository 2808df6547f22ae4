// A tiny static server for the built site: the site under a subpath (as it
// would be hosted at https://example.org/statusref/), 404.html with status
// 404 for anything else. Loopback only.
//
//   node serve.mjs SITE_DIR [PORT] [SUBPATH]   (defaults: a free port, /statusref/)
//
// browser.test.mjs imports serve(); lighthouse.sh runs it.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml',
};

export function serve(site, { port = 0, subpath = '/statusref/' } = {}) {
  site = path.resolve(site);
  const server = http.createServer((req, res) => {
    let p;
    try { p = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname); } catch { p = '/'; }
    let file = null;
    if (p.startsWith(subpath)) {
      p = p.slice(subpath.length);
      if (p === '' || p.endsWith('/')) p += 'index.html';
      const f = path.join(site, path.normalize(p));
      if (f.startsWith(site + path.sep) && fs.existsSync(f) && fs.statSync(f).isFile()) file = f;
    } else if (p === subpath.replace(/\/$/, '')) {
      res.writeHead(301, { Location: subpath });
      res.end();
      return;
    }
    const status = file ? 200 : 404;
    file = file || path.join(site, '404.html');
    res.writeHead(status, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [site, port, subpath] = process.argv.slice(2);
  if (!site) {
    console.error('usage: node serve.mjs SITE_DIR [PORT] [SUBPATH]');
    process.exit(2);
  }
  const s = await serve(site, { port: Number(port || 0), subpath: subpath || '/statusref/' });
  console.log(`http://127.0.0.1:${s.address().port}${subpath || '/statusref/'}`);
}
