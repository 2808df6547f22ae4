package snippets

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"reflect"
	"testing"

	"github.com/statusref/statusref/generator"
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
	got := c.Send(generator.Scenario{Method: "POST", Path: "/upload", Headers: map[string]string{"Expect": "100-continue"}, Body: "hello"})
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
