// Package serve is statusref's live preview for contributors: it builds the
// site in memory, serves it, rebuilds when content or templates change, and
// tells open pages to reload through server-sent events. A build with
// content errors keeps the last good site and shows the errors over it. A
// watched folder that is missing, at the start or later, is watched again
// once it is back (see Watch).
//
// It also hosts the live simulator (simulator.go): /api/status/{code} and
// the conditional-request playground /api/conditional.
//
// It answers only requests that name it by localhost, a loopback address
// or the address they arrived on, against DNS rebinding (see allowedHost),
// and every answer says X-Content-Type-Options: nosniff and carries a
// Content-Security-Policy without inline script or style. HTTPServer sets
// read and write timeouts against slow clients; the reload stream alone
// outlives them.
//
// The site is never written to disk: it lives in a generator.Files map, so
// no request path can reach a file outside it. (With Config.CacheDir, the
// generator keeps its highlight cache there.) After the first build, an
// edit to an entry re-renders only the files that show it; see Update.
package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/statusref/statusref/generator"
)

// Config says what to build.
type Config struct {
	Content   fs.FS
	Templates fs.FS
	// TemplatesDir is the folder Templates reads, when it is one, for
	// the paths in template errors.
	TemplatesDir string
	// TemplateFallback gives the templates Templates lacks (see
	// generator.WithTemplateFallback). Optional.
	TemplateFallback fs.FS
	Log              io.Writer // build results and errors, one line each

	// ContentDir is the folder Content reads, when it is one. Watch then
	// tells which entries changed, and an edit to an entry re-renders
	// only the pages that show it (see Update).
	ContentDir string
	// CacheDir keeps highlighted code between builds; see
	// generator.WithHighlightCache. "" highlights every block afresh.
	CacheDir string
}

// Server serves the preview. Create it with New, call Rebuild, then serve it.
type Server struct {
	cfg Config
	sim *simulator

	// build serializes builds. It guards preview.
	build   sync.Mutex
	preview *generator.Preview

	mu      sync.RWMutex
	site    generator.Files // the last good build
	errs    []string        // the errors of the last build, nil when it was good
	version int             // bumped by every build, good or bad
	subs    map[chan struct{}]struct{}
}

// New returns a server for cfg. It has no site until Rebuild.
func New(cfg Config) *Server {
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	var opts []generator.Option
	if cfg.CacheDir != "" {
		opts = append(opts, generator.WithHighlightCache(cfg.CacheDir))
	}
	if cfg.TemplateFallback != nil {
		opts = append(opts, generator.WithTemplateFallback(cfg.TemplateFallback))
	}
	return &Server{
		cfg: cfg, sim: newSimulator(), subs: map[chan struct{}]struct{}{},
		preview: generator.NewPreview(cfg.Content, cfg.Templates, opts...),
	}
}

// Rebuild builds the whole site again, with the templates read afresh. On
// success it replaces the site; on failure it keeps the last good one and
// records the errors, which pages then show in an overlay. Either way,
// open pages are told.
func (s *Server) Rebuild() error {
	s.build.Lock()
	defer s.build.Unlock()
	start := time.Now()
	files := generator.Files{}
	st, err := s.preview.Build(files)
	s.publish(files, true, err)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.cfg.Log, "built %d pages in %s\n", st.Pages, time.Since(start).Round(time.Millisecond))
	return nil
}

// Update rebuilds after the named content files changed (paths in
// Content, such as "4xx/412.md"). When they are edits to existing entries
// that keep their codes, it re-renders only the files that show them (see
// generator.Preview.Update): the page, its class and its neighbours, the
// pages that relate to it, its comparisons, the home page, 404.html, the
// search index and the API files. The site is then what a full build
// gives, byte for byte. Any other change, and the first build after a
// failed one that Update cannot repair, is a full build.
func (s *Server) Update(names ...string) error {
	s.build.Lock()
	defer s.build.Unlock()
	start := time.Now()
	out := generator.Files{}
	full, st, err := s.preview.Update(out, names...)
	switch {
	case full:
		s.publish(out, true, err)
		if err == nil {
			fmt.Fprintf(s.cfg.Log, "built %d pages in %s\n", st.Pages, time.Since(start).Round(time.Millisecond))
		}
	case err != nil:
		s.publish(nil, false, err)
	default:
		s.publish(out, false, nil)
		fmt.Fprintf(s.cfg.Log, "re-rendered %d files in %s\n", st.Files, time.Since(start).Round(100*time.Microsecond))
	}
	return err
}

// publish puts the result of a build in place: all the files of a full
// build, or the files an update re-rendered over the others. A failed
// build keeps the last good site and records its errors. Either way, open
// pages are told.
func (s *Server) publish(files generator.Files, full bool, err error) {
	s.mu.Lock()
	s.version++
	switch {
	case err != nil:
		s.errs = s.errorLines(err)
	case full:
		s.site, s.errs = files, nil
	default:
		for name, data := range files {
			s.site[name] = data
		}
		s.errs = nil
	}
	for ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default: // a notification is already pending
		}
	}
	s.mu.Unlock()
	if err != nil {
		fmt.Fprintf(s.cfg.Log, "build failed; still serving the last good site:\n%s\n", strings.Join(s.errorLines(err), "\n"))
	}
}

// errorLines is err as file:line:col lines, with paths as check prints
// them: under the content folder, when it is one.
func (s *Server) errorLines(err error) []string {
	lines, _ := generator.Describe(err, s.cfg.ContentDir, s.cfg.TemplatesDir)
	return lines
}

// contentSecurityPolicy lets a page load scripts, styles and images from
// the preview itself and nothing else: no inline script, style element or
// style attribute, and no other origin. The site's pages have none of
// these (the templates use none, and goldmark leaves raw HTML out);
// TestPagesWorkUnderCSP checks every page. connect-src admits the reload
// stream, and live.js styles its overlay property by property through the
// CSSOM, which style-src does not govern. One thing the policy does
// block: site.js's copy fallback, used only without the Clipboard API,
// sets a style attribute on the textarea it copies from, which is then
// unstyled but still copies.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// ServeHTTP serves the simulator, the live-reload endpoints and the site.
// It answers only requests that name the preview by a loopback name or
// address, or by the address they arrived on (see allowedHost), and every
// answer carries X-Content-Type-Options: nosniff and the content security
// policy.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !allowedHost(r) {
		misdirected(w, r)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	switch p := r.URL.Path; {
	case p == "/api/conditional":
		s.sim.conditional(w, r)
	case strings.HasPrefix(p, "/api/status/"):
		s.sim.status(w, r, strings.TrimPrefix(p, "/api/status/"), s.reason)
	case p == "/_statusref/events":
		s.events(w, r)
	case p == "/_statusref/live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, liveJS)
	default:
		s.page(w, r)
	}
}

// allowedHost reports whether r names the preview by a name or address
// that only this machine answers to: localhost, a name under .localhost,
// a loopback address, or the address of the socket that r came in on.
//
// That is a defence against DNS rebinding: once its DNS points here, a
// page of another site can make the browser send requests to the preview
// under that site's own name, and read the answers. Such a Host is
// refused. An IP address as Host is no such trick, as the browser treats
// it as an origin of its own; so besides loopback, the address the
// request came in on is allowed. That serves -addr 0.0.0.0:8080, to
// preview from a phone at http://192.168.1.5:8080/.
func allowedHost(r *http.Request) bool {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else {
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	ip = ip.Unmap()
	if ip.IsLoopback() {
		return true
	}
	local, ok := localAddr(r)
	return ok && local.Addr().Unmap() == ip
}

// localAddr is the address of the listening socket that r came in on.
func localAddr(r *http.Request) (netip.AddrPort, bool) {
	a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return netip.AddrPort{}, false
	}
	ap, err := netip.ParseAddrPort(a.String())
	return ap, err == nil
}

// misdirected refuses a request for a Host that allowedHost does not
// allow, and says how to reach the preview.
func misdirected(w http.ResponseWriter, r *http.Request) {
	port := "8080"
	if ap, ok := localAddr(r); ok {
		port = strconv.Itoa(int(ap.Port()))
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.Error(w, fmt.Sprintf("statusref serve answers only requests for localhost or a loopback address, "+
		"against DNS rebinding; this one was for %q.\nOpen http://127.0.0.1:%s/ (or http://localhost:%s/) instead; "+
		"from another device, use this machine's IP address.", r.Host, port, port), http.StatusMisdirectedRequest)
}

// page serves a file of the site from memory.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// r.URL.Path is already decoded; cleaning it as a rooted path removes
	// every "..", however it was encoded. Files are looked up in a map, so
	// nothing outside the site can be named at all.
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	s.mu.RLock()
	data, ok := s.site[name]
	status := http.StatusOK
	if !ok {
		data, status = s.site["404.html"], http.StatusNotFound
		name = "404.html"
	}
	errs := s.errs
	s.mu.RUnlock()
	if data == nil {
		// No good build yet: show the errors on a page of their own.
		data, name, status = []byte("<!DOCTYPE html><title>statusref: build failed</title><h1>The site does not build yet</h1></html>"), "error.html", http.StatusOK
		if errs == nil {
			status = http.StatusNotFound
		}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		data = injectLive(data)
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// injectLive adds the live-reload script to a page as it is served; the
// built files themselves never contain it.
func injectLive(page []byte) []byte {
	tag := []byte(`<script src="/_statusref/live.js"></script>`)
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		return append(append(append([]byte{}, page[:i]...), tag...), page[i:]...)
	}
	return append(append([]byte{}, page...), tag...)
}

// eventWriteTimeout bounds the writing of one message of the reload
// stream, so a page that stops reading cannot hold its handler for ever.
const eventWriteTimeout = 10 * time.Second

// events streams a message after every build: {"errors": [...]} with the
// build's errors, or an empty list when it was good.
//
// The stream stays open for as long as the page does, past the server's
// ReadTimeout and WriteTimeout: it clears the connection's read deadline
// (the server's wait for the client to hang up would otherwise end the
// request), and gives each message a write deadline of its own.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	if err := rc.SetReadDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return
	}
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	s.subs[ch] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	send := func(event string) error {
		s.mu.RLock()
		msg, _ := json.Marshal(struct {
			Version int      `json:"version"`
			Errors  []string `json:"errors"`
		}{s.version, append([]string{}, s.errs...)})
		s.mu.RUnlock()
		if err := rc.SetWriteDeadline(time.Now().Add(eventWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return err
		}
		fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, msg)
		return rc.Flush()
	}
	if send("hello") != nil {
		return // the page is gone, or w cannot stream
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-ch:
			if send("build") != nil {
				return
			}
		}
	}
}

// Subscribers reports how many pages are listening, for tests.
func (s *Server) Subscribers() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.subs)
}

// reason looks a code up in the last good build's API, then the registry.
func (s *Server) reason(code int) (string, bool) {
	s.mu.RLock()
	data := s.site[fmt.Sprintf("api/%d.json", code)]
	s.mu.RUnlock()
	if data != nil {
		var item struct{ Reason string }
		if json.Unmarshal(data, &item) == nil && item.Reason != "" {
			return item.Reason, true
		}
	}
	return generator.RegisteredReason(code)
}

// The timeouts of HTTPServer. Every page and answer is in memory and a
// request body is at most 64 KiB, so these are generous.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 2 * time.Minute
)

// HTTPServer returns the http.Server that statusref serve runs, with s as
// its handler. Its ReadTimeout and WriteTimeout bound every request and
// answer, so a slow client cannot hold a connection for long; the reload
// stream alone stays open (see events).
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
	}
}

// Run serves on srv until ctx is done, then shuts down: open event streams
// end, and requests in flight get a few seconds to finish.
func Run(ctx context.Context, srv *http.Server, serve func() error) error {
	errc := make(chan error, 1)
	go func() { errc <- serve() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
	}
	if err := <-errc; err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}

const liveJS = `// statusref serve: reload after a rebuild; show build errors over the page.
(function () {
  var seen = null;
  // One property at a time, through the CSSOM: the preview's
  // Content-Security-Policy has no 'unsafe-inline' for styles.
  function css(el, props) {
    for (var k in props) el.style.setProperty(k, props[k]);
  }
  function overlay(errors) {
    var el = document.getElementById('statusref-errors');
    if (!errors.length) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement('div');
      el.id = 'statusref-errors';
      el.setAttribute('role', 'alert');
      css(el, {
        position: 'fixed', inset: 'auto 0 0 0', 'max-height': '60vh', overflow: 'auto', 'z-index': '99999',
        background: '#2d0b0b', color: '#ffd7d7', font: '14px/1.5 ui-monospace,monospace', padding: '1rem 1.25rem',
        'border-top': '4px solid #ff6b6b', 'box-shadow': '0 -8px 24px rgba(0,0,0,.4)'
      });
      document.body.appendChild(el);
    }
    el.textContent = '';
    var h = document.createElement('strong');
    h.textContent = 'statusref: the build failed. This is the last good version of the page.';
    el.appendChild(h);
    var pre = document.createElement('pre');
    css(pre, { margin: '.5rem 0 0', 'white-space': 'pre-wrap' });
    pre.textContent = errors.join('\n');
    el.appendChild(pre);
  }
  var es = new EventSource('/_statusref/events');
  function handle(e) {
    var msg = JSON.parse(e.data);
    if (seen !== null && msg.version !== seen && !msg.errors.length) { location.reload(); return; }
    seen = msg.version;
    overlay(msg.errors);
  }
  es.addEventListener('hello', handle);
  es.addEventListener('build', handle);
})();
`
