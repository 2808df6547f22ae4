// Command runner serves the Go code examples for go test ./snippets.
//
// The test copies this file into a scratch module next to one package per
// snippet (the code example with "package main" renamed, so that its line
// numbers stay the snippet's) and a generated apps.go that maps each
// snippet's id to its routes function:
//
//	runner SPEC.json OUT
//
// SPEC.json lists the snippets: {"snippets": [{"id", "file"}]}. Each snippet
// gets its own net/http server on a loopback port (httptest.NewServer, which
// is an http.Server on a real listener).
//
// OUT (the test passes /dev/fd/3) gets JSON lines: the versions; one line per
// snippet with its port or the error that kept it from starting; {"ready":
// true} once every port listens; then {"id", "raised"} for each panic in a
// snippet's handler while the test sends the scenarios. The runner exits when
// its standard input closes. The Go test is the HTTP client and makes the
// assertions.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
)

type spec struct {
	Snippets []struct {
		ID   string `json:"id"`
		File string `json:"file"`
	} `json:"snippets"`
}

type failure struct {
	Message string `json:"message"`
	Line    int    `json:"line"`
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
	var mu sync.Mutex
	enc := json.NewEncoder(out)
	emit := func(v any) {
		mu.Lock()
		defer mu.Unlock()
		enc.Encode(v)
	}
	emit(map[string]any{"versions": map[string]string{"go": runtime.Version()}})

	for _, sn := range sp.Snippets {
		res := started{ID: sn.ID, Errors: []failure{}}
		routes, ok := apps[sn.ID]
		if !ok {
			res.Errors = append(res.Errors, failure{Message: "the snippet was not built"})
			emit(res)
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
			emit(res)
			continue
		}
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil {
					if v != http.ErrAbortHandler {
						emit(raised{ID: sn.ID, Raised: failureOf("the handler panicked: ", v, debug.Stack(), sn.File)})
					}
					panic(http.ErrAbortHandler)
				}
			}()
			h.ServeHTTP(w, r)
		}))
		srv.Config.ErrorLog = log.New(io.Discard, "", 0)
		srv.Start()
		res.Port = srv.Listener.Addr().(*net.TCPAddr).Port
		emit(res)
	}
	emit(map[string]bool{"ready": true})
	io.Copy(io.Discard, os.Stdin)
	out.Close()
	os.Exit(0)
}

type started struct {
	ID     string    `json:"id"`
	Port   int       `json:"port,omitempty"`
	Errors []failure `json:"errors"`
}

type raised struct {
	ID     string   `json:"id"`
	Raised *failure `json:"raised"`
}
