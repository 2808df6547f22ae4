// The bare Node.js app that the sent_by scenarios of "node" run against: a
// plain request listener for http.createServer, so that any status other
// than its 200 comes from Node's HTTP server itself (its parser, its
// header-size limit, its Expect handling).
//
//   any method, any path   200 "hello"
module.exports = (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('hello\n');
};
