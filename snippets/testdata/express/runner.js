// Runs the Express code examples for go test ./snippets.
//
//   NODE_PATH=<this folder>/node_modules node runner.js SPEC.json RESULTS.jsonl
//
// SPEC.json lists the snippets: {"snippets": [{"id", "file", "scenarios":
// [{"method", "path", "headers": [[name, value]...], "body"}]}]}. Each snippet
// file is the code example as written (a CommonJS module ending in
// module.exports = app), so Node's line numbers are the snippet's. Every
// snippet gets one server on 127.0.0.1 and its scenarios run in order against
// it, through the core http client so that headers go out as written.
//
// RESULTS.jsonl gets one JSON line with the versions, then one line per
// snippet as it finishes, so that a crash is pinned on the snippet that was
// running. The assertions are made by the Go test, not here.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const [specFile, outFile] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
const out = fs.openSync(outFile, 'w');
const emit = (obj) => fs.writeSync(out, JSON.stringify(obj) + '\n');

const REQUEST_TIMEOUT_MS = 10000;
const BODY_LIMIT = 4096;

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

// Errors Express reports through its final handler go to console.error;
// collect them so a 500 can be explained with the snippet's line.
let logged = [];
const consoleError = console.error;
console.error = (...args) => {
  logged.push(args.map((a) => (a && a.stack ? a.stack : String(a))).join(' '));
};
let uncaught = [];
process.on('uncaughtException', (err) => uncaught.push(err));
process.on('unhandledRejection', (err) => uncaught.push(err));

function send(agent, port, sc) {
  return new Promise((resolve) => {
    const headers = {};
    let hasHost = false;
    let expectContinue = false;
    for (const [name, value] of sc.headers || []) {
      headers[name] = value;
      if (name.toLowerCase() === 'host') hasHost = true;
      if (name.toLowerCase() === 'expect' && value.toLowerCase() === '100-continue') expectContinue = true;
    }
    const body = sc.body ? Buffer.from(sc.body, 'utf8') : null;
    const explicitLength = Object.keys(headers).some((n) => ['content-length', 'transfer-encoding'].includes(n.toLowerCase()));
    if (body && !explicitLength) headers['Content-Length'] = String(body.length);
    let done = false;
    const finish = (r) => {
      if (!done) {
        done = true;
        resolve(r);
      }
    };
    let req;
    try {
      req = http.request({
        host: '127.0.0.1', port, method: sc.method, path: sc.path, headers, setHost: !hasHost,
        agent,
      });
    } catch (err) {
      // Node refuses some requests outright, e.g. a path with a space.
      finish({ error: { message: `Node's http client refused the request: ${err.message}`, line: 0 } });
      return;
    }
    req.setTimeout(REQUEST_TIMEOUT_MS, () => {
      req.destroy();
      finish({ error: { message: `no response within ${REQUEST_TIMEOUT_MS / 1000}s`, line: 0 } });
    });
    req.on('error', (err) => finish({ error: { message: `request failed: ${err.message}`, line: 0 } }));
    req.on('response', (res) => {
      const chunks = [];
      let length = 0;
      res.on('data', (c) => {
        length += c.length;
        if (length - c.length < BODY_LIMIT) chunks.push(c);
      });
      res.on('end', () => {
        const pairs = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        finish({
          status: res.statusCode,
          headers: pairs,
          body: Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8'),
          body_len: length,
        });
      });
      res.on('error', (err) => finish({ error: { message: `reading the response: ${err.message}`, line: 0 } }));
    });
    if (expectContinue && body) {
      req.on('continue', () => req.end(body));
    } else {
      req.end(body || undefined);
    }
  });
}

async function runSnippet(sn) {
  const result = { id: sn.id, errors: [], scenarios: [] };
  let app;
  try {
    app = require(sn.file);
  } catch (err) {
    const e = errorOf(sn.file, err);
    e.message = `require() failed: ${e.message}`;
    result.errors.push(e);
    return result;
  }
  if (typeof app !== 'function' || typeof app.handle !== 'function') {
    result.errors.push({
      message: 'module.exports is not an Express app: end the snippet with module.exports = app;',
      line: 0,
    });
    return result;
  }
  const server = http.createServer(app);
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
  } catch (err) {
    result.errors.push(errorOf(sn.file, err));
    return result;
  }
  const { port } = server.address();
  // One keep-alive connection, as a browser or an HTTP library would use.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (const sc of sn.scenarios) {
    logged = [];
    uncaught = [];
    const r = await send(agent, port, sc);
    // Express's final handler logs an error on the next turn of the loop,
    // which may come after the response.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const thrown = uncaught.map((e) => errorOf(sn.file, e));
    const logs = logged.map((text) => ({ message: summary(sn.file, text), line: lineIn(sn.file, text) }));
    const failure = thrown.concat(logs).find((e) => e.line) || thrown[0] || logs[0];
    if (failure) {
      if (r.error) r.error.message += `; the app raised: ${failure.message}`;
      else r.raised = failure;
      if (r.error && failure.line) r.error.line = failure.line;
    }
    result.scenarios.push(r);
  }
  agent.destroy();
  await new Promise((resolve) => {
    server.close(resolve);
    if (server.closeAllConnections) server.closeAllConnections();
  });
  return result;
}

(async () => {
  emit({ versions: { express: require('express/package.json').version } });
  for (const sn of spec.snippets) {
    let result;
    try {
      result = await runSnippet(sn);
    } catch (err) {
      result = { id: sn.id, errors: [errorOf(sn.file, err)], scenarios: [] };
    }
    emit(result);
  }
  fs.closeSync(out);
  consoleError.call(console, `ran ${spec.snippets.length} Express snippets`);
  // A snippet may have started timers or servers of its own.
  process.exit(0);
})();
