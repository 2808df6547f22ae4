package snippets

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"github.com/statusref/statusref/generator/examples"
	"io"
	"net"
	"net/http/httputil"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The client sends every scenario to the server a runner started, over TCP
// on loopback, and reads the response as it comes off the wire: each header
// field line in order and case, the interim (1xx) responses before the final
// one, and the body framed by Content-Length, chunked coding or the end of
// the connection. A 101 is final and has no body: the connection speaks
// the new protocol after it. The client reads the WebSocket frames the
// server sends first, up to a close frame (see readFrames), then closes the
// connection, and the next scenario opens a new one. It writes the request as the scenario gives it; it adds
// only what a client must (Host, and Content-Length for a body). The
// request line names HTTP/1.1 unless the scenario gives another version.

const (
	bodyLimit = examples.BodyHasLimit
	// requestTimeout bounds one exchange, so that a server that never
	// answers fails its scenario instead of hanging the test.
	requestTimeout = 10 * time.Second
	// continueTimeout is how long a client that sent Expect: 100-continue
	// waits for the interim response before it sends the body anyway, as
	// curl does.
	continueTimeout = time.Second
	// framesTimeout is how long the client waits for WebSocket frames
	// after a 101, when no close frame ends them sooner.
	framesTimeout = 2 * time.Second
)

// Client sends the scenarios of one snippet over one connection, kept
// alive between requests as a browser or an HTTP library would.
type Client struct {
	Addr string // host:port
	// Dial, when set, opens the connection instead of a plain TCP dial to
	// Addr: the nginx scenarios speak TLS to an ssl port.
	Dial func() (net.Conn, error)
	conn net.Conn
	br   *bufio.Reader
}

// Close closes the connection, if one is open.
func (c *Client) Close() {
	if c.conn != nil {
		c.conn.Close()
		c.conn, c.br = nil, nil
	}
}

// Send sends one scenario and returns the response, or a Response with
// Error set when none came back.
func (c *Client) Send(sc examples.Scenario) Response {
	reused := c.conn != nil
	r, err := c.send(sc)
	if err != nil && reused && r.Status == 0 {
		// The server closed the kept-alive connection between requests:
		// try once more on a new one, as HTTP clients do.
		c.Close()
		r, err = c.send(sc)
	}
	if err != nil {
		c.Close()
		return Response{Error: &Failure{Message: err.Error()}}
	}
	return r
}

func (c *Client) send(sc examples.Scenario) (Response, error) {
	if c.conn == nil {
		dial := c.Dial
		if dial == nil {
			dial = func() (net.Conn, error) { return net.DialTimeout("tcp", c.Addr, requestTimeout) }
		}
		conn, err := dial()
		if err != nil {
			return Response{}, fmt.Errorf("connecting to %s: %v", c.Addr, err)
		}
		c.conn, c.br = conn, bufio.NewReader(conn)
	}
	deadline := time.Now().Add(requestTimeout)
	c.conn.SetDeadline(deadline)

	head, body, expect, closeAfter := formatRequest(c.Addr, sc)
	if _, err := c.conn.Write(head); err != nil {
		return Response{}, fmt.Errorf("sending the request: %v", err)
	}
	var interim []Interim
	bodySent := len(body) == 0
	if expect && !bodySent {
		// Wait a while for 100 Continue or a final answer.
		c.conn.SetReadDeadline(time.Now().Add(continueTimeout))
		_, err := c.br.Peek(1)
		c.conn.SetReadDeadline(deadline)
		var ne net.Error
		switch {
		case err == nil:
			status, headers, err := readHead(c.br)
			if err != nil {
				return Response{}, err
			}
			if status >= 200 || status == 101 {
				// A final answer without the body: the connection cannot be
				// reused, as the server may still expect the body.
				r, err := c.readBody("", status, headers)
				c.Close()
				return r, err
			}
			interim = append(interim, Interim{Status: status, Headers: headers})
		case errors.As(err, &ne) && ne.Timeout():
			// No interim response: send the body.
		default:
			return Response{}, fmt.Errorf("waiting for 100 Continue: %v", err)
		}
	}
	if !bodySent {
		if _, err := c.conn.Write(body); err != nil {
			return Response{}, fmt.Errorf("sending the body: %v", err)
		}
	}
	for {
		status, headers, err := readHead(c.br)
		if err != nil {
			return Response{}, err
		}
		if status >= 100 && status < 200 && status != 101 {
			interim = append(interim, Interim{Status: status, Headers: headers})
			continue
		}
		r, err := c.readBody(sc.Method, status, headers)
		r.Interim = interim
		if closeAfter || r.closes {
			c.Close()
		}
		return r, err
	}
}

// formatRequest writes the request line and header fields, and returns the
// body to send after them (chunked when the scenario asks for it).
func formatRequest(addr string, sc examples.Scenario) (head, body []byte, expect, closeAfter bool) {
	var b bytes.Buffer
	version := sc.Version
	if version == "" {
		version = "HTTP/1.1"
	}
	fmt.Fprintf(&b, "%s %s %s\r\n", sc.Method, sc.Path, version)
	names := make([]string, 0, len(sc.Headers))
	for k := range sc.Headers {
		names = append(names, k)
	}
	sort.Strings(names)
	hasHost, framed, chunked := false, false, false
	for _, k := range names {
		v := sc.Headers[k]
		switch strings.ToLower(k) {
		case "host":
			hasHost = true
		case "content-length":
			framed = true
		case "transfer-encoding":
			framed = true
			chunked = strings.EqualFold(strings.TrimSpace(v), "chunked")
		case "expect":
			expect = strings.EqualFold(strings.TrimSpace(v), "100-continue")
		case "connection":
			closeAfter = strings.EqualFold(strings.TrimSpace(v), "close")
		}
	}
	if !hasHost {
		fmt.Fprintf(&b, "Host: %s\r\n", addr)
	}
	for _, k := range names {
		fmt.Fprintf(&b, "%s: %s\r\n", k, sc.Headers[k])
	}
	body = []byte(sc.Body)
	if chunked {
		var cb bytes.Buffer
		if len(body) > 0 {
			fmt.Fprintf(&cb, "%x\r\n%s\r\n", len(body), body)
		}
		cb.WriteString("0\r\n\r\n")
		body = cb.Bytes()
	} else if len(body) > 0 && !framed {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n")
	return b.Bytes(), body, expect, closeAfter
}

// readHead reads a status line and the header fields after it.
func readHead(br *bufio.Reader) (int, [][2]string, error) {
	line, err := readLine(br)
	if err != nil {
		if err == io.EOF {
			return 0, nil, errors.New("the server closed the connection without a response")
		}
		return 0, nil, fmt.Errorf("reading the response: %v", err)
	}
	proto, rest, _ := strings.Cut(line, " ")
	code, _, _ := strings.Cut(rest, " ")
	status, err := strconv.Atoi(code)
	if !strings.HasPrefix(proto, "HTTP/1.") || err != nil || len(code) != 3 {
		return 0, nil, fmt.Errorf("not an HTTP/1.x status line: %q", line)
	}
	var headers [][2]string
	for {
		l, err := readLine(br)
		if err != nil {
			return 0, nil, fmt.Errorf("reading the response's header: %v", err)
		}
		if l == "" {
			return status, headers, nil
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			return 0, nil, fmt.Errorf("a header line without a colon: %q", l)
		}
		headers = append(headers, [2]string{name, strings.TrimSpace(value)})
	}
}

func readLine(br *bufio.Reader) (string, error) {
	var line []byte
	for {
		part, more, err := br.ReadLine()
		if err != nil {
			return "", err
		}
		line = append(line, part...)
		if len(line) > 64<<10 {
			return "", errors.New("a response line over 64 KiB")
		}
		if !more {
			return string(line), nil
		}
	}
}

// readBody reads the body that follows a response head, as RFC 9112,
// Section 6.3 frames it.
func (c *Client) readBody(method string, status int, headers [][2]string) (Response, error) {
	r := Response{Status: status, Headers: headers}
	for _, v := range HeaderValues(headers, "Connection") {
		if strings.EqualFold(v, "close") {
			r.closes = true
		}
	}
	var body io.Reader
	te := HeaderValues(headers, "Transfer-Encoding")
	cl := HeaderValues(headers, "Content-Length")
	switch {
	case status == 101:
		// No HTTP body: the connection now speaks another protocol, whose
		// first frames stand in for one.
		r.closes = true
		frames, err := c.readFrames()
		r.Body, r.BodyLen = frames, len(frames)
		return r, err
	case method == "HEAD" || status == 204 || status == 304:
		return r, nil
	case len(te) > 0 && strings.EqualFold(te[len(te)-1], "chunked"):
		body = httputil.NewChunkedReader(c.br)
	case len(cl) > 0:
		n, err := strconv.ParseInt(cl[0], 10, 64)
		if err != nil || n < 0 {
			return r, fmt.Errorf("a bad Content-Length %q", cl[0])
		}
		body = io.LimitReader(c.br, n)
	default:
		body = c.br // to the end of the connection
		r.closes = true
	}
	var buf bytes.Buffer
	n, err := io.Copy(&limitedBuffer{&buf, bodyLimit}, body)
	r.BodyLen = int(n)
	r.Body = buf.String()
	if err != nil {
		return r, fmt.Errorf("reading the body: %v", err)
	}
	if len(te) > 0 {
		// The trailer section after the last chunk.
		for {
			l, err := readLine(c.br)
			if err != nil {
				return r, fmt.Errorf("reading the trailer: %v", err)
			}
			if l == "" {
				break
			}
		}
	}
	return r, nil
}

// readFrames reads the WebSocket frames (RFC 6455, Section 5.2) a server
// sends after its 101, until a close frame, the end of the connection or
// framesTimeout, and describes them one line each: "text welcome",
// "binary 3 bytes", "close 1000 bye", "close" (no status code), "ping",
// "pong". A frame larger than bodyLimit, or a masked one (a server must not
// mask), is an error.
func (c *Client) readFrames() (string, error) {
	c.conn.SetReadDeadline(time.Now().Add(framesTimeout))
	var lines []string
	failed := func(format string, a ...any) (string, error) {
		return strings.Join(lines, "\n"), fmt.Errorf(format, a...)
	}
	for len(lines) < 64 {
		var head [2]byte
		if _, err := io.ReadFull(c.br, head[:]); err != nil {
			var ne net.Error
			if errors.Is(err, io.EOF) || errors.As(err, &ne) && ne.Timeout() {
				break // no more frames
			}
			return failed("reading a WebSocket frame after the 101: %v", err)
		}
		opcode, masked, n := head[0]&0x0f, head[1]&0x80 != 0, uint64(head[1]&0x7f)
		if masked {
			return failed("the server masked a WebSocket frame, which RFC 6455 forbids")
		}
		if n >= 126 {
			ext := make([]byte, 2)
			if n == 127 {
				ext = make([]byte, 8)
			}
			if _, err := io.ReadFull(c.br, ext); err != nil {
				return failed("reading a WebSocket frame after the 101: %v", err)
			}
			n = 0
			for _, b := range ext {
				n = n<<8 | uint64(b)
			}
		}
		if n > bodyLimit {
			return failed("a WebSocket frame of %d bytes after the 101, more than the %d the client reads", n, bodyLimit)
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(c.br, payload); err != nil {
			return failed("reading a WebSocket frame after the 101: %v", err)
		}
		switch opcode {
		case 0x0:
			lines = append(lines, "continuation "+string(payload))
		case 0x1:
			lines = append(lines, "text "+string(payload))
		case 0x2:
			lines = append(lines, fmt.Sprintf("binary %d bytes", n))
		case 0x8:
			line := "close"
			if n >= 2 {
				line += fmt.Sprintf(" %d", int(payload[0])<<8|int(payload[1]))
				if n > 2 {
					line += " " + string(payload[2:])
				}
			}
			// Answer the close as RFC 6455, Section 5.5.1 asks, with the
			// server's status code, in a frame a client must mask.
			reply := []byte{0x88, 0x80, 1, 2, 3, 4}
			if n >= 2 {
				reply[1] |= 2
				reply = append(reply, payload[0]^1, payload[1]^2)
			}
			c.conn.Write(reply)
			return strings.Join(append(lines, line), "\n"), nil
		case 0x9:
			lines = append(lines, "ping")
		case 0xA:
			lines = append(lines, "pong")
		default:
			lines = append(lines, fmt.Sprintf("opcode %d", opcode))
		}
	}
	return strings.Join(lines, "\n"), nil
}

// limitedBuffer keeps the first max bytes written to it and counts the rest.
type limitedBuffer struct {
	buf *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.buf.Len(); room > 0 {
		l.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}
