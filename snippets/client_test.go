package snippets

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/statusref/statusref/generator/examples"
)

// TestClientKeepsInterimResponses runs the client against a server that
// writes canned bytes: a 100 Continue once it has the request's head, then,
// once it has the body, a 103 with two Link lines and the final 200. The
// client must keep both interim responses, with their header lines, and
// not mistake the 103's Link for the 200's.
func TestClientKeepsInterimResponses(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	done := make(chan error, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			done <- err
			return
		}
		defer conn.Close()
		br := bufio.NewReader(conn)
		req, err := http.ReadRequest(br) // the head only: the body is not sent yet
		if err != nil {
			done <- err
			return
		}
		io.WriteString(conn, "HTTP/1.1 100 Continue\r\n\r\n")
		body, err := io.ReadAll(req.Body)
		if err != nil || string(body) != "hello" {
			done <- err
			return
		}
		io.WriteString(conn, "HTTP/1.1 103 Early Hints\r\nLink: </app.css>; rel=preload; as=style\r\nLink: </app.js>; rel=preload; as=script\r\n\r\n"+
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
		done <- nil
	}()
	c := &Client{Addr: ln.Addr().String()}
	defer c.Close()
	got := c.Send(examples.Scenario{Method: "POST", Path: "/upload", Headers: map[string]string{"Expect": "100-continue"}, Body: "hello"})
	if err := <-done; err != nil {
		t.Fatalf("the server: %v", err)
	}
	if got.Error != nil {
		t.Fatalf("Send: %s", got.Error.Message)
	}
	want := []Interim{
		{Status: 100},
		{Status: 103, Headers: [][2]string{{"Link", "</app.css>; rel=preload; as=style"}, {"Link", "</app.js>; rel=preload; as=script"}}},
	}
	if !reflect.DeepEqual(got.Interim, want) {
		t.Errorf("Interim = %+v, want %+v", got.Interim, want)
	}
	if got.Status != 200 || got.Body != "ok" || len(HeaderValues(got.Headers, "Link")) != 0 {
		t.Errorf("final response = %d %q %q, want 200 \"ok\" without Link", got.Status, got.Headers, got.Body)
	}
}

// After a 101 the connection speaks another protocol: the client must take
// the 101 as the final response, read the WebSocket frames that follow up
// to the close frame as its body (not wait for the end of the connection),
// answer the close with a masked close frame, and not send the next
// scenario on that connection.
func TestClientSwitchingProtocols(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	type accepted struct {
		n      int
		method string
	}
	got := make(chan accepted, 4)
	closeReply := make(chan []byte, 1)
	release := make(chan struct{})
	defer close(release)
	go func() {
		for n := 1; ; n++ {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func(n int, conn net.Conn) {
				defer conn.Close()
				br := bufio.NewReader(conn)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					got <- accepted{n, req.Method}
					if req.Header.Get("Upgrade") == "websocket" {
						// The handshake's answer, then WebSocket frames: a
						// text frame ("hello"), a 130-byte binary frame (its
						// length in two more bytes) and a close frame (1000,
						// "bye"); the connection stays open.
						conn.Write([]byte("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
							"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n\x81\x05hello" +
							"\x82\x7e\x00\x82" + strings.Repeat("b", 130) + "\x88\x05\x03\xe8bye"))
						reply := make([]byte, 8)
						n, _ := io.ReadFull(br, reply)
						closeReply <- reply[:n]
						<-release
						return
					}
					conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
				}
			}(n, conn)
		}
	}()

	c := &Client{Addr: ln.Addr().String()}
	defer c.Close()
	r := c.Send(examples.Scenario{Method: "GET", Path: "/chat", Headers: map[string]string{
		"Connection":            "Upgrade",
		"Upgrade":               "websocket",
		"Sec-WebSocket-Version": "13",
		"Sec-WebSocket-Key":     "dGhlIHNhbXBsZSBub25jZQ==",
	}})
	if r.Error != nil {
		t.Fatalf("the handshake: %s", r.Error.Message)
	}
	const frames = "text hello\nbinary 130 bytes\nclose 1000 bye"
	if r.Status != 101 || r.Body != frames || len(r.Interim) != 0 {
		t.Errorf("the handshake: got status %d, body %q and interim %v; want 101, %q, no interim", r.Status, r.Body, r.Interim, frames)
	}
	// A close frame, masked, with 1000 in two bytes: 0x88, 0x80|2, the key,
	// then the code XOR the key's first two bytes.
	if reply := <-closeReply; len(reply) != 8 || reply[0] != 0x88 || reply[1] != 0x82 || (int(reply[6]^reply[2])<<8|int(reply[7]^reply[3])) != 1000 {
		t.Errorf("the client answered the close with % x, want a masked close frame with 1000", reply)
	}
	if v := HeaderValues(r.Headers, "Sec-WebSocket-Accept"); len(v) != 1 || v[0] != "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" {
		t.Errorf("Sec-WebSocket-Accept: got %q", v)
	}
	if c.conn != nil {
		t.Error("the client kept the switched connection for the next scenario")
	}
	if a := <-got; a.n != 1 {
		t.Fatalf("the handshake came on connection %d", a.n)
	}

	r = c.Send(examples.Scenario{Method: "GET", Path: "/plain"})
	if r.Error != nil || r.Status != 200 || r.Body != "ok" {
		t.Fatalf("the next scenario: got %+v, want 200 ok", r)
	}
	if a := <-got; a.n != 2 {
		t.Errorf("the next scenario came on connection %d, want a new connection (2)", a.n)
	}
}

// The request line carries the scenario's version, and HTTP/1.1 when it
// gives none, so that a scenario can send the request line a server
// answers with 505.
func TestFormatRequestVersion(t *testing.T) {
	for _, tc := range []struct{ version, want string }{
		{"", "GET /file.txt HTTP/1.1\r\n"},
		{"HTTP/2.0", "GET /file.txt HTTP/2.0\r\n"},
		{"HTTP/1.0", "GET /file.txt HTTP/1.0\r\n"},
	} {
		head, _, _, _ := formatRequest("127.0.0.1:1", examples.Scenario{Method: "GET", Path: "/file.txt", Version: tc.version})
		if line, _, _ := strings.Cut(string(head), "Host:"); line != tc.want {
			t.Errorf("version %q: request line %q, want %q", tc.version, line, tc.want)
		}
	}
}
