// Command runner runs the Go code examples for go test ./snippets.
//
// The test copies this file into a scratch module next to one package per
// snippet (the code example with "package main" renamed, so that its line
// numbers stay the snippet's) and a generated apps.go that maps each
// snippet's id to its routes function:
//
//	runner SPEC.json RESULTS.jsonl
//
// SPEC.json lists the snippets: {"snippets": [{"id", "file", "scenarios":
// [{"method", "path", "headers": [[name, value]...], "body"}]}]}. Each snippet
// gets one httptest.Server and its scenarios run in order against it.
//
// RESULTS.jsonl gets one JSON line with the versions, then one line per
// snippet, so that a crash is pinned on the snippet that was running. The
// assertions are made by the Go test, not here.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
)

const bodyLimit = 4096

type spec struct {
	Snippets []struct {
		ID        string `json:"id"`
		File      string `json:"file"`
		Scenarios []struct {
			Method  string      `json:"method"`
			Path    string      `json:"path"`
			Headers [][2]string `json:"headers"`
			Body    string      `json:"body"`
		} `json:"scenarios"`
	} `json:"snippets"`
}

type failure struct {
	Message string `json:"message"`
	Line    int    `json:"line"`
}

type response struct {
	Status  int         `json:"status,omitempty"`
	Headers [][2]string `json:"headers,omitempty"`
	Body    string      `json:"body,omitempty"`
	BodyLen int         `json:"body_len"`
	Error   *failure    `json:"error,omitempty"`
	Raised  *failure    `json:"raised,omitempty"`
}

type result struct {
	ID        string     `json:"id"`
	Errors    []failure  `json:"errors"`
	Scenarios []response `json:"scenarios"`
}

// panicked is what a handler panicked with, and where.
type panicked struct {
	mu   sync.Mutex
	last *failure
}

func (p *panicked) take() *failure {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.last
	p.last = nil
	return f
}

// failureOf describes a panic, with the innermost line of file in stack.
func failureOf(prefix string, v any, stack []byte, file string) *failure {
	f := &failure{Message: fmt.Sprintf("%s%v", prefix, v)}
	re := regexp.MustCompile(regexp.QuoteMeta(file) + `:(\d+)`)
	if m := re.FindSubmatch(stack); m != nil {
		f.Line, _ = strconv.Atoi(string(m[1]))
		f.Message += fmt.Sprintf(" (at %s:%d)", filepath.Base(file), f.Line)
	}
	return f
}

func main() {
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	var sp spec
	if err := json.Unmarshal(src, &sp); err != nil {
		log.Fatal(err)
	}
	out, err := os.Create(os.Args[2])
	if err != nil {
		log.Fatal(err)
	}
	enc := json.NewEncoder(out)
	enc.Encode(map[string]any{"versions": map[string]string{"go": runtime.Version()}})

	for _, sn := range sp.Snippets {
		res := result{ID: sn.ID, Errors: []failure{}, Scenarios: []response{}}
		routes, ok := apps[sn.ID]
		if !ok {
			res.Errors = append(res.Errors, failure{Message: "the snippet was not built"})
			enc.Encode(res)
			continue
		}
		var h http.Handler
		func() {
			defer func() {
				if v := recover(); v != nil {
					res.Errors = append(res.Errors, *failureOf("routes() panicked: ", v, debug.Stack(), sn.File))
				}
			}()
			h = routes()
		}()
		if h == nil {
			if len(res.Errors) == 0 {
				res.Errors = append(res.Errors, failure{Message: "routes() returned a nil http.Handler"})
			}
			enc.Encode(res)
			continue
		}
		var p panicked
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil {
					if v != http.ErrAbortHandler {
						p.mu.Lock()
						p.last = failureOf("the handler panicked: ", v, debug.Stack(), sn.File)
						p.mu.Unlock()
					}
					panic(http.ErrAbortHandler)
				}
			}()
			h.ServeHTTP(w, r)
		}))
		srv.Config.ErrorLog = log.New(io.Discard, "", 0)
		srv.Start()
		client := &http.Client{
			Timeout: 10 * time.Second,
			Transport: &http.Transport{
				DisableCompression:    true,
				ExpectContinueTimeout: time.Second,
			},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
		for _, sc := range sn.Scenarios {
			res.Scenarios = append(res.Scenarios, send(client, srv.URL, sc.Method, sc.Path, sc.Headers, sc.Body, &p))
		}
		client.CloseIdleConnections()
		srv.Close()
		enc.Encode(res)
	}
	out.Close()
	fmt.Fprintf(os.Stderr, "ran %d Go snippets\n", len(sp.Snippets))
	os.Exit(0)
}

func send(client *http.Client, base, method, path string, headers [][2]string, body string, p *panicked) response {
	var rd io.Reader
	if body != "" {
		rd = bytes.NewReader([]byte(body))
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		return response{Error: &failure{Message: "building the request: " + err.Error()}}
	}
	for _, h := range headers {
		name, value := h[0], h[1]
		switch strings.ToLower(name) {
		case "host":
			req.Host = value
		case "connection":
			req.Close = strings.EqualFold(value, "close")
			req.Header.Set(name, value)
		case "content-length":
			if n, err := strconv.ParseInt(value, 10, 64); err == nil {
				req.ContentLength = n
			}
		case "transfer-encoding":
			req.TransferEncoding = []string{value}
			req.ContentLength = -1
		default:
			req.Header.Add(name, value)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		r := response{Error: &failure{Message: "request failed: " + err.Error()}}
		if f := p.take(); f != nil {
			r.Error = f
		}
		return r
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	r := response{Status: resp.StatusCode, BodyLen: len(b)}
	if err != nil {
		r.Error = &failure{Message: "reading the response: " + err.Error()}
	}
	if f := p.take(); f != nil {
		if r.Error != nil {
			r.Error = f
		} else {
			r.Raised = f
		}
	}
	r.Body = string(b[:min(len(b), bodyLimit)])
	// The response's header fields as they came: Go's client moves
	// Transfer-Encoding and "Connection: close" out of Header, so they go
	// back in.
	for name, values := range resp.Header {
		for _, v := range values {
			r.Headers = append(r.Headers, [2]string{name, v})
		}
	}
	if len(resp.TransferEncoding) > 0 {
		r.Headers = append(r.Headers, [2]string{"Transfer-Encoding", strings.Join(resp.TransferEncoding, ", ")})
	}
	if resp.Close && resp.Header.Get("Connection") == "" {
		// The request did not ask to close, so the server did.
		r.Headers = append(r.Headers, [2]string{"Connection", "close"})
	}
	return r
}
