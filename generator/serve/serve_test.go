package serve

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// testContent writes the content of generator/testdata/site.txtar into a
// temporary folder.
func testContent(t *testing.T) string {
	t.Helper()
	a, err := txtar.ParseFile("../testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "content")
	for _, f := range a.Files {
		if name, ok := strings.CutPrefix(f.Name, "content/"); ok {
			p := filepath.Join(dir, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, f.Data, 0o644)
		}
	}
	return dir
}

func newTestServer(t *testing.T) (*Server, *httptest.Server, string) {
	t.Helper()
	dir := testContent(t)
	s := New(Config{Content: os.DirFS(dir), ContentDir: dir, Templates: os.DirFS("../../templates")})
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts, dir
}

func do(t *testing.T, method, url string, headers map[string]string, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res, string(data)
}

func TestServesSite(t *testing.T) {
	_, ts, _ := newTestServer(t)
	res, body := do(t, "GET", ts.URL+"/4xx/412.html", nil, "")
	if res.StatusCode != 200 || !strings.Contains(body, "Precondition Failed") || !strings.Contains(body, `<script src="/_statusref/live.js"></script></body>`) {
		t.Errorf("412 page: %d, live script injected: %v", res.StatusCode, strings.Contains(body, "live.js"))
	}
	if res, _ := do(t, "GET", ts.URL+"/", nil, ""); res.StatusCode != 200 {
		t.Errorf("/ = %d", res.StatusCode)
	}
	if res, body := do(t, "GET", ts.URL+"/4xx/", nil, ""); res.StatusCode != 200 || !strings.Contains(body, "Client error") {
		t.Errorf("/4xx/ = %d", res.StatusCode)
	}
	if res, _ := do(t, "GET", ts.URL+"/api/codes.json", nil, ""); res.Header.Get("Content-Type") != "application/json" {
		t.Errorf("codes.json Content-Type = %q", res.Header.Get("Content-Type"))
	}
	if res, _ := do(t, "POST", ts.URL+"/index.html", nil, ""); res.StatusCode != 405 || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST = %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
}

// TestNoEscape sends paths that try to climb out of the site, encoded in
// several ways, with a raw request so that no client cleans them first.
func TestNoEscape(t *testing.T) {
	_, ts, dir := newTestServer(t)
	secret := filepath.Join(filepath.Dir(dir), "secret.txt")
	os.WriteFile(secret, []byte("do not serve"), 0o644)
	for _, p := range []string{
		"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/4xx/..%2f..%2fsecret.txt",
		"/..%5csecret.txt", "/....//secret.txt", "//../../etc/passwd", "/%252e%252e/secret.txt",
		"/content/4xx/412.md", "/4xx/412.md", "/.statusref",
	} {
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET "+p+" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		body, _ := io.ReadAll(res.Body)
		conn.Close()
		if strings.Contains(string(body), "do not serve") || strings.Contains(string(body), "root:") || strings.Contains(string(body), "code: 412") {
			t.Errorf("%s reached a file outside the site", p)
		}
		if res.StatusCode == 200 {
			t.Errorf("%s = 200, want 404 or 400", p)
		}
	}
}

func TestSimulatorStatus(t *testing.T) {
	_, ts, _ := newTestServer(t)
	tests := []struct {
		code   string
		status int
		header string // "Name: value"
	}{
		{"401", 401, `Www-Authenticate: Bearer realm="statusref"`},
		{"405", 405, "Allow: GET, HEAD"},
		{"407", 407, `Proxy-Authenticate: Basic realm="statusref"`},
		{"412", 412, `Etag: "v1"`},
		{"416", 416, "Content-Range: bytes */1000"},
		{"426", 426, "Upgrade: HTTP/3.0"},
		{"429", 429, "Retry-After: 60"},
		{"451", 451, `Link: <https://example.org/legal>; rel="blocked-by"`},
		{"304", 304, `Etag: "v1"`},
		{"200", 200, "Content-Type: application/json"},
		{"abc", 400, "Content-Type: application/json"},
		{"4120", 400, "Content-Type: application/json"},
		{"103", 400, "Content-Type: application/json"},
		{"599", 400, "Content-Type: application/json"},
	}
	for _, tt := range tests {
		res, body := do(t, "GET", ts.URL+"/api/status/"+tt.code, map[string]string{"X-Probe": "yes"}, "")
		name, value, _ := strings.Cut(tt.header, ": ")
		if res.StatusCode != tt.status || res.Header.Get(name) != value {
			t.Errorf("/api/status/%s = %d %s: %q, want %d %q", tt.code, res.StatusCode, name, res.Header.Get(name), tt.status, value)
		}
		switch {
		case tt.status == 400:
			if !strings.Contains(body, `"error"`) {
				t.Errorf("/api/status/%s: body %q has no error", tt.code, body)
			}
		case tt.status == 304:
			if body != "" {
				t.Errorf("304 has a body: %q", body)
			}
		default:
			for _, want := range []string{`"code": ` + tt.code, `"method": "GET"`, `"path": "/api/status/` + tt.code + `"`, `"X-Probe": "yes"`} {
				if !strings.Contains(body, want) {
					t.Errorf("/api/status/%s: body lacks %s:\n%s", tt.code, want, body)
				}
			}
		}
	}
}

func TestConditionalPlayground(t *testing.T) {
	_, ts, _ := newTestServer(t)
	u := ts.URL + "/api/conditional"
	steps := []struct {
		name    string
		method  string
		headers map[string]string
		body    string
		status  int
		etag    string
	}{
		{"GET gives 200 with ETag", "GET", nil, "", 200, `"v1"`},
		{"GET with a matching If-None-Match gives 304", "GET", map[string]string{"If-None-Match": `"v1"`}, "", 304, `"v1"`},
		{"weak match counts for If-None-Match", "GET", map[string]string{"If-None-Match": `W/"v1"`}, "", 304, `"v1"`},
		{"If-Modified-Since is ignored beside If-None-Match", "GET", map[string]string{"If-None-Match": `"v0"`, "If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}, "", 200, `"v1"`},
		{"PUT without If-Match gives 428", "PUT", nil, `{"title": "x"}`, 428, ""},
		{"DELETE without If-Match gives 428", "DELETE", nil, "", 428, ""},
		{"PUT with a stale If-Match gives 412 and the current ETag", "PUT", map[string]string{"If-Match": `"v0"`}, `{"title": "x"}`, 412, `"v1"`},
		{"a weak tag never matches If-Match", "PUT", map[string]string{"If-Match": `W/"v1"`}, `{"title": "x"}`, 412, `"v1"`},
		{"PUT with If-None-Match matching gives 412, not 304", "PUT", map[string]string{"If-None-Match": "*"}, `{"title": "x"}`, 412, `"v1"`},
		{"PUT with the current If-Match gives 200 and a new ETag", "PUT", map[string]string{"If-Match": `"v1"`}, `{"title": "x"}`, 200, `"v2"`},
		{"the old tag is stale now", "PUT", map[string]string{"If-Match": `"v1"`}, `{"title": "y"}`, 412, `"v2"`},
		{"POST is not allowed", "POST", nil, "", 405, ""},
	}
	for _, s := range steps {
		res, _ := do(t, s.method, u, s.headers, s.body)
		if res.StatusCode != s.status || res.Header.Get("ETag") != s.etag {
			t.Errorf("%s: got %d ETag %q, want %d ETag %q", s.name, res.StatusCode, res.Header.Get("ETag"), s.status, s.etag)
		}
	}
}

// TestLiveReload edits content on disk and wants the watcher to rebuild,
// the event stream to report it, a broken edit to keep the last good site
// and show its file:line:col, and a fix to clear it.
func TestLiveReload(t *testing.T) {
	s, ts, dir := newTestServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watching := make(chan error, 1)
	go func() { watching <- s.Watch(ctx, dir) }()

	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/_statusref/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	events := bufio.NewScanner(res.Body)
	next := func() string {
		t.Helper()
		got := make(chan string, 1)
		go func() {
			for events.Scan() {
				if l := events.Text(); strings.HasPrefix(l, "data: ") {
					got <- strings.TrimPrefix(l, "data: ")
					return
				}
			}
			got <- "stream ended"
		}()
		select {
		case d := <-got:
			return d
		case <-time.After(10 * time.Second):
			t.Fatal("no event within 10s")
			return ""
		}
	}
	if d := next(); !strings.Contains(d, `"errors":[]`) {
		t.Fatalf("hello event = %s", d)
	}
	time.Sleep(100 * time.Millisecond) // let the watcher settle

	entry := filepath.Join(dir, "4xx", "412.md")
	good, _ := os.ReadFile(entry)
	os.WriteFile(entry, []byte(strings.Replace(string(good), "Short summary of 412.", "Edited summary of 412.", 1)), 0o644)
	if d := next(); !strings.Contains(d, `"errors":[]`) {
		t.Fatalf("after an edit: %s", d)
	}
	if _, body := do(t, "GET", ts.URL+"/4xx/412.html", nil, ""); !strings.Contains(body, "Edited summary of 412.") {
		t.Errorf("the edit is not served")
	}

	os.WriteFile(entry, []byte(strings.Replace(string(good), "summary:", "sumary:", 1)), 0o644)
	if d := next(); !strings.Contains(d, filepath.ToSlash(dir)+`/4xx/412.md:8:1: unknown field \"sumary\"`) {
		t.Fatalf("after a broken edit: %s", d)
	}
	if _, body := do(t, "GET", ts.URL+"/4xx/412.html", nil, ""); !strings.Contains(body, "Edited summary of 412.") {
		t.Errorf("the last good site is not served under the error")
	}

	os.WriteFile(entry, good, 0o644)
	if d := next(); !strings.Contains(d, `"errors":[]`) {
		t.Fatalf("after the fix: %s", d)
	}
	cancel()
	if err := <-watching; err != nil {
		t.Errorf("Watch = %v", err)
	}
}

// TestHTTPServerTimeouts: the server statusref serve runs has read and
// write timeouts against slow clients.
func TestHTTPServerTimeouts(t *testing.T) {
	hs := New(Config{}).HTTPServer()
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 {
		t.Errorf("timeouts: read header %s, read %s, write %s, idle %s; want all set",
			hs.ReadHeaderTimeout, hs.ReadTimeout, hs.WriteTimeout, hs.IdleTimeout)
	}
	if hs.Handler == nil {
		t.Error("no handler")
	}
}

// TestReloadStreamOutlivesTimeouts runs the server statusref serve runs,
// with its read and write timeouts shortened, and wants the reload stream
// still to deliver a build after both have passed, while a request that
// sends its body too slowly is cut off.
func TestReloadStreamOutlivesTimeouts(t *testing.T) {
	const timeout = 200 * time.Millisecond
	dir := testContent(t)
	s := New(Config{Content: os.DirFS(dir), ContentDir: dir, Templates: os.DirFS("../../templates")})
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	ts.Config = s.HTTPServer()
	ts.Config.ReadTimeout, ts.Config.WriteTimeout = timeout, timeout
	putDone := make(chan struct{})
	ts.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.ServeHTTP(w, r)
		if r.Method == http.MethodPut {
			close(putDone)
		}
	})
	ts.Start()
	defer ts.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/_statusref/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if l := sc.Text(); strings.HasPrefix(l, "event: ") {
				lines <- l
			}
		}
	}()
	next := func() string {
		t.Helper()
		select {
		case l, ok := <-lines:
			if !ok {
				return "the stream ended"
			}
			return l
		case <-time.After(10 * time.Second):
			t.Fatal("no event within 10s")
			return ""
		}
	}
	if got := next(); got != "event: hello" {
		t.Fatalf("first event: %s", got)
	}
	// Let both deadlines pass: sleeping here is not a race, as the
	// deadlines were set when the request was read, and only lie further
	// in the past after it.
	time.Sleep(3 * timeout)
	s.Rebuild()
	if got := next(); got != "event: build" {
		t.Fatalf("after the server's timeouts passed: %s, want event: build", got)
	}

	// The timeouts still hold for other requests: a body that does not
	// arrive within ReadTimeout ends the request. (The client would wait
	// for its body writer, which blocks on the pipe; so the server says
	// when the handler returns.)
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte(`{"title": `))
	put, _ := http.NewRequestWithContext(ctx, "PUT", ts.URL+"/api/conditional", pr)
	put.Header.Set("If-Match", `"v1"`)
	go func() {
		if res, err := http.DefaultClient.Do(put); err == nil {
			res.Body.Close()
		}
	}()
	select {
	case <-putDone:
	case <-time.After(10 * time.Second):
		t.Fatal("a PUT whose body never ended was not cut off by ReadTimeout")
	}
	if res, _ := do(t, "GET", ts.URL+"/api/conditional", nil, ""); res.Header.Get("ETag") != `"v1"` {
		t.Errorf("after the cut-off PUT, ETag = %s, want \"v1\"", res.Header.Get("ETag"))
	}
}

// TestSecurityHeaders: every answer says nosniff and carries the content
// security policy.
func TestSecurityHeaders(t *testing.T) {
	_, ts, _ := newTestServer(t)
	const want = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	for _, p := range []string{"/", "/4xx/412.html", "/4xx/", "/assets/site.css", "/no-such-page", "/api/codes.json", "/api/status/412", "/api/conditional", "/_statusref/live.js"} {
		res, _ := do(t, "GET", ts.URL+p, nil, "")
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options = %q, want nosniff", p, got)
		}
		if got := res.Header.Get("Content-Security-Policy"); got != want {
			t.Errorf("%s: Content-Security-Policy = %q\nwant %q", p, got, want)
		}
	}
}

// TestPagesWorkUnderCSP: the policy allows no inline script or style, so
// no page may hold one, and the live-reload script styles its overlay
// property by property (CSSOM), never through a style attribute or its
// cssText, which style-src without 'unsafe-inline' may block.
func TestPagesWorkUnderCSP(t *testing.T) {
	for _, tt := range []struct{ name, dir string }{
		{"testdata", testContent(t)},
		{"content", "../../content"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := New(Config{Content: os.DirFS(tt.dir), Templates: os.DirFS("../../templates")})
			if err := s.Rebuild(); err != nil {
				t.Fatal(err)
			}
			checkPagesUnderCSP(t, s.site)
		})
	}
	for _, no := range []string{"cssText", "setAttribute('style'", `setAttribute("style"`, "innerHTML", "eval(", "new Function"} {
		if strings.Contains(liveJS, no) {
			t.Errorf("live.js uses %s", no)
		}
	}
}

func checkPagesUnderCSP(t *testing.T, site map[string][]byte) {
	t.Helper()
	tag := regexp.MustCompile(`<[^>]*>`)
	bad := []struct {
		re   *regexp.Regexp
		what string
	}{
		{regexp.MustCompile(`^<script\b`), "a script element"}, // without src, checked below
		{regexp.MustCompile(`(?i)^<style\b`), "a style element"},
		{regexp.MustCompile(`(?i)\sstyle\s*=`), "a style attribute"},
		{regexp.MustCompile(`(?i)\son[a-z]+\s*=`), "an event handler attribute"},
		{regexp.MustCompile(`(?i)=\s*"?\s*javascript:`), "a javascript: URL"},
		// Links are not fetched; scripts, images, forms and stylesheets are.
		{regexp.MustCompile(`(?i)\s(src|action)\s*=\s*"?(https?:)?//`), "a resource of another origin"},
		{regexp.MustCompile(`(?i)^<link\b[^>]*\brel="?(stylesheet|icon|preload|modulepreload)\b[^>]*\shref\s*=\s*"?(https?:)?//`), "a resource of another origin"},
		{regexp.MustCompile(`(?i)^<base\b`), "a base element"},
	}
	pages := 0
	for name, data := range site {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		for _, el := range tag.FindAllString(string(injectLive(data)), -1) {
			for _, b := range bad {
				if b.re.MatchString(el) && !(b.what == "a script element" && strings.Contains(el, " src=")) {
					t.Errorf("%s: %s, which the policy blocks: %s", name, b.what, el)
				}
			}
		}
	}
	if pages < 5 {
		t.Fatalf("only %d pages", pages)
	}
}

// TestHostCheck: against DNS rebinding, a request must name the preview
// by a loopback name or address, or by the address it arrived on.
func TestHostCheck(t *testing.T) {
	s, ts, _ := newTestServer(t)
	tests := []struct {
		host  string
		local string // the address the request arrived on; "" for the test server's
		ok    bool
	}{
		{"localhost", "", true},
		{"localhost:8080", "", true},
		{"LocalHost:8080", "", true},
		{"localhost.:8080", "", true},
		{"preview.localhost:8080", "", true},
		{"127.0.0.1:8080", "", true},
		{"127.0.0.1", "", true},
		{"127.1.2.3:80", "", true},
		{"[::1]:8080", "", true},
		{"[::1]", "", true},
		{"evil.example", "", false},
		{"evil.example:8080", "", false},
		{"localhost.evil.example", "", false},
		{"127.0.0.1.evil.example", "", false},
		{"localhostevil.example", "", false},
		{"192.168.1.5:8080", "", false},
		{"[fe80::1]:8080", "", false},
		// Bound beyond loopback (-addr 0.0.0.0:8080), to preview from a
		// phone: the machine's own address is fine, a name is not.
		{"192.168.1.5:8080", "192.168.1.5:8080", true},
		{"192.168.1.5", "192.168.1.5:8080", true},
		{"192.168.1.6:8080", "192.168.1.5:8080", false},
		{"laptop.example:8080", "192.168.1.5:8080", false},
		{"[2001:db8::5]:8080", "[2001:db8::5]:8080", true},
		{"localhost:8080", "192.168.1.5:8080", true},
	}
	for _, tt := range tests {
		var code int
		var body string
		if tt.local == "" {
			req, _ := http.NewRequest("GET", ts.URL+"/4xx/412.html", nil)
			req.Host = tt.host
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(res.Body)
			res.Body.Close()
			code, body = res.StatusCode, string(data)
		} else {
			req := httptest.NewRequest("GET", "/4xx/412.html", nil)
			req.Host = tt.host
			req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, net.TCPAddrFromAddrPort(netip.MustParseAddrPort(tt.local))))
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			code, body = rec.Code, rec.Body.String()
		}
		switch {
		case tt.ok && code != 200:
			t.Errorf("Host %q (on %s) = %d, want 200: %s", tt.host, tt.local, code, body)
		case !tt.ok && code != http.StatusMisdirectedRequest:
			t.Errorf("Host %q (on %s) = %d, want 421", tt.host, tt.local, code)
		case !tt.ok && !strings.Contains(body, "DNS rebinding") || !tt.ok && !strings.Contains(body, "http://127.0.0.1:"):
			t.Errorf("Host %q: the refusal does not say why, or how to reach the preview: %s", tt.host, body)
		}
	}
}
