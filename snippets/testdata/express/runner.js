// Serves the Express code examples for go test ./snippets.
//
//   NODE_PATH=<this folder>/node_modules node runner.js SPEC.json OUT
//
// SPEC.json lists the snippets: {"snippets": [{"id", "file"}]}. Each snippet
// file is the code example as written (a CommonJS module ending in
// module.exports = app), so Node's line numbers are the snippet's. Every
// snippet gets its own Node HTTP server (http.createServer(app)) on a
// loopback port, with the snippet's app.onUpgrade, if it sets one, as the
// server's 'upgrade' listener.
//
// OUT (the test passes /dev/fd/3) gets JSON lines: the versions; one line per
// snippet with its port or the error that kept it from loading; {"ready":
// true} once every port listens; then {"id", "raised"} for each error a
// snippet throws or Express logs while the test sends the scenarios. The
// runner exits when its standard input closes. The Go test is the HTTP
// client and makes the assertions.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { AsyncLocalStorage } = require('async_hooks');

const [specFile, outFile] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
const out = fs.openSync(outFile, 'w');
const emit = (obj) => fs.writeSync(out, JSON.stringify(obj) + '\n');

// Which snippet's server a callback runs for, so that an error Express logs
// (its final handler uses console.error, on a later turn of the loop) or
// that escapes is pinned on that snippet.
const current = new AsyncLocalStorage();
const files = {};

// The innermost stack frame in the snippet's own file, as a snippet line.
function lineIn(file, text) {
  if (!text) return 0;
  const esc = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(esc + ':(\\d+)').exec(String(text));
  return m ? Number(m[1]) : 0;
}

// An error as one line: its first line (name and message) and where in the
// snippet it was thrown, e.g. "TypeError: x is undefined (at s412.js:17)".
function summary(file, text) {
  text = String(text);
  const line = lineIn(file, text);
  let lines = text.split('\n');
  // A SyntaxError's stack starts with "file:line", the code and a caret.
  if (lines[0].startsWith(file + ':')) {
    lines = lines.slice(1).filter((l) => /^\w*Error\b/.test(l));
  }
  const first = (lines.find((l) => l.trim() !== '') || text).trim();
  return line ? `${first} (at ${path.basename(file)}:${line})` : first;
}

function errorOf(file, err) {
  const text = err && err.stack ? String(err.stack) : String(err);
  return { message: summary(file, text), line: lineIn(file, text) };
}

function raised(err) {
  const id = current.getStore();
  if (id) emit({ id, raised: errorOf(files[id], err) });
}

console.error = (...args) => raised(args.map((a) => (a && a.stack ? a.stack : String(a))).join(' '));
process.on('uncaughtException', raised);
process.on('unhandledRejection', raised);

async function serve(sn) {
  let app;
  try {
    app = require(sn.file);
  } catch (err) {
    const e = errorOf(sn.file, err);
    e.message = `require() failed: ${e.message}`;
    return { id: sn.id, errors: [e] };
  }
  // The bare apps of the sent_by scenarios (ids sentby_*) may be a plain
  // request listener: "node" is Node's HTTP server with no Express at all.
  const plain = sn.id.startsWith('sentby_') && typeof app === 'function';
  if (!plain && (typeof app !== 'function' || typeof app.handle !== 'function')) {
    return {
      id: sn.id,
      errors: [{ message: 'module.exports is not an Express app: end the snippet with module.exports = app;', line: 0 }],
    };
  }
  files[sn.id] = sn.file;
  const server = http.createServer((req, res) => current.run(sn.id, () => app(req, res)));
  // A request with Upgrade (a WebSocket handshake) never reaches Express:
  // Node's server emits 'upgrade' with the raw socket. A snippet that takes
  // it sets app.onUpgrade(req, socket, head), which the runner wires here as
  // the snippet's comment tells the reader to: server.on('upgrade', app.onUpgrade).
  if (typeof app.onUpgrade === 'function') {
    server.on('upgrade', (req, socket, head) => current.run(sn.id, () => app.onUpgrade(req, socket, head)));
  }
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
  } catch (err) {
    return { id: sn.id, errors: [errorOf(sn.file, err)] };
  }
  return { id: sn.id, port: server.address().port, errors: [] };
}

(async () => {
  emit({ versions: { express: require('express/package.json').version, node: process.versions.node } });
  for (const sn of spec.snippets) {
    let r;
    try {
      r = await serve(sn);
    } catch (err) {
      r = { id: sn.id, errors: [errorOf(sn.file, err)] };
    }
    emit(r);
  }
  emit({ ready: true });
  process.stdin.resume();
  // A snippet may have started timers or servers of its own.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
})();
