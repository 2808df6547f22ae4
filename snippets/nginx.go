package snippets

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"github.com/statusref/statusref/generator/examples"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The nginx sent_by scenarios. Each item's config is http-context content
// (server blocks, upstream, limit_req_zone, …) written as a reader would
// write it. The test runs one nginx per item, with that fragment included
// in a main configuration the test writes, and maps what the fragment names
// onto what the test provides:
//
//   - Ports. Every "listen N" (or "listen 127.0.0.1:N", "listen *:N",
//     "listen 0.0.0.0:N", "listen localhost:N") becomes a listen on a free
//     loopback port; every other "127.0.0.1:N" or "localhost:N" is an
//     upstream, on another free loopback port. The same N maps to the same
//     port throughout the fragment. The client sends the scenario to the
//     first listen.
//   - Upstreams. On each upstream port the test runs an app (Go net/http)
//     that answers 200 at once, or, for a path with a segment that starts
//     with "slow" (/reports/slow-q3), after 5 seconds (longer than any
//     timeout a fragment should set).
//     An upstream address on a line whose comment says "nothing listens"
//     is left dead: nothing listens on its port.
//   - Paths. /etc/nginx/ssl/ is a folder of throwaway certificates the test
//     makes with openssl (ca.crt, the CA that signs server.crt/server.key
//     and the client's certificate); /var/log/nginx/ is the run's log
//     folder; /srv/www is a document root holding index.html.
//
// A fragment with a limit_req directive gets the scenario's request once
// before the scenario, unchecked: the first request of a client never
// exceeds a rate.
//
// The client speaks TLS to a listen with "ssl", presenting the CA's client
// certificate, except in a scenario that wants 495 (it presents one from
// another CA), 496 (it presents none) or 497 (it speaks plain HTTP).
//
// nginx's own codes never reach the client as such: for 494, 495, 496 and
// 497 it gets 400, whose page names the reason (nginxPages); for 444 the
// connection closes with no response; for 499 the client has gone. So the
// test checks those on the wire as the client sees them, and 444 and 499
// in the access log, which the test writes as "$status" lines.

const (
	nginxSlowPath  = "/slow"
	nginxSlowDelay = 5 * time.Second
	// nginxGiveUp is how long the client waits before it closes the
	// connection in a scenario that wants 499.
	nginxGiveUp = time.Second
	// nginxStartup bounds how long nginx may take to listen.
	nginxStartup = 10 * time.Second
)

// nginxPages are the titles of the 400 pages nginx sends for its own codes
// (src/http/ngx_http_special_response.c).
var nginxPages = map[int]string{
	494: "400 Request Header Or Cookie Too Large",
	495: "400 The SSL certificate error",
	496: "400 No required SSL certificate was sent",
	497: "400 The plain HTTP request was sent to HTTPS port",
}

func nginxCaseID(c *sentByCase) string { return "n" + strconv.Itoa(c.index) }

// nginxPath finds the nginx binary: on PATH, or Debian's /usr/sbin/nginx,
// which a non-root PATH leaves out.
func nginxPath() (string, error) {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p, nil
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx", nil
	}
	return "", errors.New("nginx is not installed")
}

// runNginx runs every nginx case, one nginx process after another.
func runNginx(ctx context.Context, cfg Config, cases []*sentByCase) *Run {
	run := &Run{Framework: "nginx", Results: map[string]*Result{}}
	timed(run, func() { runNginxCases(ctx, cfg, cases, run) })
	return run
}

func runNginxCases(ctx context.Context, cfg Config, cases []*sentByCase, run *Run) {
	bin, err := nginxPath()
	if err != nil {
		run.Skip = "nginx is not installed: run snippets/install-runtimes.sh"
		return
	}
	out, err := exec.CommandContext(ctx, bin, "-v").CombinedOutput()
	if err != nil {
		run.Err = fmt.Errorf("nginx -v: %v: %s", err, out)
		return
	}
	v := strings.TrimSpace(string(out))
	if i := strings.LastIndexByte(v, '/'); i >= 0 {
		v = v[i+1:]
	}
	run.Versions = map[string]string{"nginx": v}
	work := filepath.Join(cfg.Work, "nginx")
	ssl := filepath.Join(work, "ssl")
	madeCerts := false
	for _, c := range cases {
		res := &Result{ID: nginxCaseID(c)}
		run.Results[res.ID] = res
		if ctx.Err() != nil {
			res.Errors = append(res.Errors, Failure{Message: ctx.Err().Error()})
			continue
		}
		if strings.Contains(c.Item.Config, "/etc/nginx/ssl/") && !madeCerts {
			if err := makeCerts(ctx, ssl); err != nil {
				res.Errors = append(res.Errors, Failure{Message: err.Error()})
				continue
			}
			madeCerts = true
		}
		resp, err := runNginxCase(ctx, bin, filepath.Join(work, res.ID), ssl, c)
		if err != nil {
			res.Errors = append(res.Errors, Failure{Message: err.Error()})
			continue
		}
		res.Scenarios = []Response{resp}
	}
}

var (
	nginxListen   = regexp.MustCompile(`\blisten\s+(?:(?:127\.0\.0\.1|localhost|\*|0\.0\.0\.0):)?(\d+)\b([^;]*);`)
	nginxAddr     = regexp.MustCompile(`\b(?:127\.0\.0\.1|localhost):(\d+)\b`)
	nginxLimitReq = regexp.MustCompile(`(?m)^\s*limit_req\s`)
	nginxInConf   = regexp.MustCompile(`in \S*fragment\.conf:(\d+)`)
)

// nginxPorts is a fragment mapped onto the ports the test chose.
type nginxPorts struct {
	Config   string
	Client   int  // the first listen's port
	TLS      bool // the first listen has ssl
	Upstream []int
	Dead     []int
}

// mapNginxPorts rewrites a fragment's ports as the comment at the top says;
// free gives a free loopback port.
func mapNginxPorts(fragment string, free func() (int, error)) (nginxPorts, error) {
	var p nginxPorts
	ports := map[string]int{}
	port := func(n string) (int, error) {
		if q, ok := ports[n]; ok {
			return q, nil
		}
		q, err := free()
		ports[n] = q
		return q, err
	}
	var lines []string
	listens := map[string]bool{}
	for _, line := range strings.Split(fragment, "\n") {
		code, comment, _ := strings.Cut(line, "#")
		var err error
		code = nginxListen.ReplaceAllStringFunc(code, func(m string) string {
			sm := nginxListen.FindStringSubmatch(m)
			q, e := port(sm[1])
			if e != nil {
				err = e
			}
			if p.Client == 0 {
				p.Client = q
				p.TLS = regexp.MustCompile(`\bssl\b`).MatchString(sm[2])
			}
			listens[sm[1]] = true
			return fmt.Sprintf("listen 127.0.0.1:%d%s;", q, sm[2])
		})
		if err != nil {
			return p, err
		}
		lines = append(lines, code+cutOrEmpty(line, comment))
	}
	// Upstreams, after every listen is known.
	for i, line := range lines {
		if nginxListen.MatchString(line) {
			continue
		}
		code, comment, hasComment := strings.Cut(line, "#")
		dead := hasComment && strings.Contains(strings.ToLower(comment), "nothing listens")
		var err error
		code = nginxAddr.ReplaceAllStringFunc(code, func(m string) string {
			n := nginxAddr.FindStringSubmatch(m)[1]
			_, known := ports[n]
			q, e := port(n)
			if e != nil {
				err = e
			}
			if !known && !listens[n] {
				if dead {
					p.Dead = append(p.Dead, q)
				} else {
					p.Upstream = append(p.Upstream, q)
				}
			}
			return fmt.Sprintf("127.0.0.1:%d", q)
		})
		if err != nil {
			return p, err
		}
		if hasComment {
			code += "#" + comment
		}
		lines[i] = code
	}
	if p.Client == 0 {
		return p, errors.New("the config has no listen: give the server block a listen line, such as listen 8080;")
	}
	p.Config = strings.Join(lines, "\n")
	return p, nil
}

func cutOrEmpty(line, comment string) string {
	if strings.Contains(line, "#") {
		return "#" + comment
	}
	return ""
}

// freePort finds a loopback port nothing listens on.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// runNginxCase runs one item's configuration in its own nginx and sends the
// scenario.
func runNginxCase(ctx context.Context, bin, dir, ssl string, c *sentByCase) (Response, error) {
	logs, www := filepath.Join(dir, "logs"), filepath.Join(dir, "www")
	for _, d := range []string{logs, www, filepath.Join(dir, "tmp")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return Response{}, err
		}
	}
	if err := os.WriteFile(filepath.Join(www, "index.html"), []byte("<!doctype html><title>statusref</title><p>hello\n"), 0o644); err != nil {
		return Response{}, err
	}
	frag := c.Item.Config
	frag = strings.ReplaceAll(frag, "/etc/nginx/ssl/", ssl+"/")
	frag = strings.ReplaceAll(frag, "/var/log/nginx/", logs+"/")
	frag = regexp.MustCompile(`/srv/www\b`).ReplaceAllString(frag, www)
	p, err := mapNginxPorts(frag, freePort)
	if err != nil {
		return Response{}, fmt.Errorf("config: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fragment.conf"), []byte(p.Config), 0o644); err != nil {
		return Response{}, err
	}
	access := filepath.Join(logs, "statusref.log")
	userLine := ""
	if os.Geteuid() == 0 {
		// The workers must reach the run's folders, which only root may.
		if u, err := user.Current(); err == nil {
			userLine = "user " + u.Username + ";\n"
		}
	}
	main := userLine + `worker_processes 1;
pid ` + filepath.Join(dir, "nginx.pid") + `;
error_log ` + filepath.Join(logs, "error.log") + ` warn;
events { worker_connections 64; }
http {
    log_format statusref '$status';
    access_log ` + access + ` statusref;
    client_body_temp_path ` + filepath.Join(dir, "tmp", "body") + `;
    proxy_temp_path ` + filepath.Join(dir, "tmp", "proxy") + `;
    fastcgi_temp_path ` + filepath.Join(dir, "tmp", "fastcgi") + `;
    uwsgi_temp_path ` + filepath.Join(dir, "tmp", "uwsgi") + `;
    scgi_temp_path ` + filepath.Join(dir, "tmp", "scgi") + `;
    include ` + filepath.Join(dir, "fragment.conf") + `;
}
`
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(main), 0o644); err != nil {
		return Response{}, err
	}

	// The upstreams.
	for _, port := range p.Upstream {
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			return Response{}, fmt.Errorf("starting the upstream app: %v", err)
		}
		srv := &http.Server{Handler: http.HandlerFunc(upstreamApp)}
		go srv.Serve(l)
		defer srv.Close()
	}

	cmd := exec.CommandContext(ctx, bin, "-p", dir+"/", "-c", conf, "-e", filepath.Join(logs, "error.log"), "-g", "daemon off;")
	var output lockedBuffer
	cmd.Stdout, cmd.Stderr = &output, &output
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		return Response{}, fmt.Errorf("starting nginx: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		cmd.Process.Signal(syscall.SIGQUIT) // graceful: finish, log, exit
		select {
		case <-exited:
		case <-time.After(nginxSlowDelay + 2*time.Second):
			cmd.Process.Kill()
			<-exited
		}
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(p.Client))
	deadline := time.Now().Add(nginxStartup)
	for {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			conn.Close()
			break
		}
		select {
		case err := <-exited:
			msg := strings.TrimSpace(output.String())
			msg = nginxInConf.ReplaceAllString(msg, "in config line $1")
			return Response{}, fmt.Errorf("nginx did not start (%v): %s", err, tail(msg))
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			stop()
			return Response{}, fmt.Errorf("nginx was not listening on %s after %v: %s", addr, nginxStartup, tail(output.String()))
		}
	}

	sc := *c.Item.Scenario
	client := &Client{Addr: addr}
	if p.TLS && sc.Want.Status != 497 {
		client.Dial = tlsDialer(addr, ssl, sc.Want.Status)
	}
	if nginxLimitReq.MatchString(p.Config) {
		client.Send(sc) // uses up the rate's first request
		client.Close()
	}
	var resp Response
	switch sc.Want.Status {
	case 499:
		resp = giveUp(client, sc)
	default:
		resp = client.Send(sc)
		client.Close()
		if sc.Want.Status == 444 && resp.Error != nil && strings.Contains(resp.Error.Message, "without a response") {
			resp = Response{} // closed, as nginx does for 444
		}
	}
	stop()
	resp.Logged, err = readStatusLog(access)
	if err != nil {
		return resp, err
	}
	return resp, nil
}

// upstreamApp is the app behind nginx's proxy_pass: 200 at once, or after
// nginxSlowDelay for a path under /slow.
func upstreamApp(w http.ResponseWriter, r *http.Request) {
	if strings.Contains(r.URL.Path, nginxSlowPath) {
		select {
		case <-time.After(nginxSlowDelay):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("Content-Type", "text/plain")
	w.Write([]byte("hello from the app\n"))
}

// giveUp sends the scenario and closes the connection after nginxGiveUp if
// no response has come: a client that stops waiting. A Response with no
// status and no error means it gave up.
func giveUp(c *Client, sc examples.Scenario) Response {
	dial := c.Dial
	if dial == nil {
		dial = func() (net.Conn, error) { return net.DialTimeout("tcp", c.Addr, requestTimeout) }
	}
	conn, err := dial()
	if err != nil {
		return Response{Error: &Failure{Message: err.Error()}}
	}
	defer conn.Close()
	head, body, _, _ := formatRequest(c.Addr, sc)
	if _, err := conn.Write(append(head, body...)); err != nil {
		return Response{Error: &Failure{Message: "sending the request: " + err.Error()}}
	}
	conn.SetReadDeadline(time.Now().Add(nginxGiveUp))
	br := bufio.NewReader(conn)
	if _, err := br.Peek(1); err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return Response{} // gave up
		}
		return Response{Error: &Failure{Message: "waiting for the response: " + err.Error()}}
	}
	conn.SetReadDeadline(time.Now().Add(requestTimeout))
	status, headers, err := readHead(br)
	if err != nil {
		return Response{Error: &Failure{Message: err.Error()}}
	}
	return Response{Status: status, Headers: headers}
}

// readStatusLog reads the "$status" lines of the run's access log.
func readStatusLog(path string) ([]int, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var list []int
	for _, l := range strings.Fields(string(b)) {
		if n, err := strconv.Atoi(l); err == nil {
			list = append(list, n)
		}
	}
	return list, nil
}

// tlsDialer connects with TLS, presenting the client certificate a scenario
// wanting status needs: none for 496, one from a CA nginx does not trust
// for 495, the trusted CA's otherwise.
func tlsDialer(addr, ssl string, status int) func() (net.Conn, error) {
	return func() (net.Conn, error) {
		var cert tls.Certificate
		switch status {
		case 496:
		case 495:
			c, err := tls.LoadX509KeyPair(filepath.Join(ssl, "stranger.crt"), filepath.Join(ssl, "stranger.key"))
			if err != nil {
				return nil, err
			}
			cert = c
		default:
			c, err := tls.LoadX509KeyPair(filepath.Join(ssl, "client.crt"), filepath.Join(ssl, "client.key"))
			if err != nil {
				return nil, err
			}
			cert = c
		}
		cfg := &tls.Config{
			// The server's certificate comes from the throwaway CA; what is
			// tested is nginx's check of the client's.
			InsecureSkipVerify: true,
			// Present the certificate even when its issuer is not among the
			// CAs nginx asks for (495's stranger).
			GetClientCertificate: func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return &cert, nil },
		}
		return tls.DialWithDialer(&net.Dialer{Timeout: requestTimeout}, "tcp", addr, cfg)
	}
}

// makeCerts makes the throwaway certificates of /etc/nginx/ssl/ with
// openssl: a CA (ca.crt) that signs the server's (server.crt, server.key)
// and a client's (client.crt, client.key), and a stranger's certificate
// (stranger.crt, stranger.key) signed by another CA.
func makeCerts(ctx context.Context, dir string) error {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		return errors.New("openssl is not installed: run snippets/install-runtimes.sh")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	run := func(args ...string) error {
		cmd := exec.CommandContext(ctx, openssl, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("openssl %s: %v: %s", strings.Join(args, " "), err, tail(string(out)))
		}
		return nil
	}
	key := []string{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"}
	ca := func(name string) error {
		return run(append(append([]string{"req", "-x509"}, key...), "-keyout", name+".key", "-out", name+".crt", "-days", "2", "-subj", "/CN=statusref test "+name)...)
	}
	signed := func(name, cn, by string) error {
		if err := run(append(append([]string{"req"}, key...), "-keyout", name+".key", "-out", name+".csr", "-subj", "/CN="+cn)...); err != nil {
			return err
		}
		return run("x509", "-req", "-in", name+".csr", "-CA", by+".crt", "-CAkey", by+".key", "-CAcreateserial", "-out", name+".crt", "-days", "2")
	}
	for _, step := range []func() error{
		func() error { return ca("ca") },
		func() error { return ca("other-ca") },
		func() error { return signed("server", "localhost", "ca") },
		func() error { return signed("client", "statusref client", "ca") },
		func() error { return signed("stranger", "statusref stranger", "other-ca") },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// checkNginx is CheckResponse for what nginx sends: its own codes as the
// client and the access log see them.
func checkNginx(want examples.Want, got Response) []string {
	logged := func(code int) []string {
		for _, s := range got.Logged {
			if s == code {
				return nil
			}
		}
		return []string{fmt.Sprintf("the access log records %s, want %d", statusList(got.Logged), code)}
	}
	switch want.Status {
	case 444:
		if got.Status != 0 {
			return append([]string{fmt.Sprintf("got status %d, want nginx to close the connection with no response (444)", got.Status)}, logged(444)...)
		}
		return logged(444)
	case 499:
		if got.Status != 0 {
			return append([]string{fmt.Sprintf("got status %d within %v, want no response before the client closes (499)", got.Status, nginxGiveUp)}, logged(499)...)
		}
		return logged(499)
	}
	if page, ok := nginxPages[want.Status]; ok {
		w := want
		w.Status = 400
		problems := CheckResponse(w, got)
		if !strings.Contains(got.Body, "<title>"+page+"</title>") {
			problems = append(problems, fmt.Sprintf("got a page that does not say %q (body: %s), want nginx's page for %d", page, excerpt(got.Body, got.BodyLen), want.Status))
		}
		return problems
	}
	return CheckResponse(want, got)
}

func statusList(list []int) string {
	if len(list) == 0 {
		return "no request"
	}
	var s []string
	for _, n := range list {
		s = append(s, strconv.Itoa(n))
	}
	return strings.Join(s, ", ")
}
