// The bare Go app that the sent_by scenarios of "go" run against: an
// ordinary file route, nothing written to send a particular status.
//
//	GET /file.txt   http.ServeContent, a fixed body, modification time and ETag
//	GET /docs/...   http.FileServerFS of a small in-memory folder (for 301)
//	POST /upload    reads the body, then 204 (for 100, below)
package main

import (
	"io"
	"net/http"
	"strings"
	"testing/fstest"
	"time"
)

const file = "hello, file\n"

var modified = time.Date(2026, time.January, 2, 3, 4, 5, 0, time.UTC)

func routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /file.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		http.ServeContent(w, r, "file.txt", modified, strings.NewReader(file))
	})
	routes403(mux)
	routes301(mux)
	routes100(mux)
	return mux
}

func main() {
	http.ListenAndServe("127.0.0.1:8080", routes())
}

// Added for 403 (content/4xx/403.md): a form endpoint behind
// http.CrossOriginProtection (Go 1.25+), which refuses unsafe cross-origin
// requests from browsers by itself.
//
//	POST /notes   201, once CrossOriginProtection lets the request through
func routes403(mux *http.ServeMux) {
	mux.Handle("POST /notes", http.NewCrossOriginProtection().Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})))
}

// Added for 301 (content/3xx/301.md): a folder of documents served by
// http.FileServer, which redirects a directory asked for without its
// trailing slash by itself.
//
//	GET /docs/...   http.FileServerFS of a folder "guide" holding index.html
func routes301(mux *http.ServeMux) {
	docs := fstest.MapFS{
		"guide/index.html": {Data: []byte("<h1>Guide</h1>\n"), ModTime: modified},
	}
	mux.Handle("GET /docs/", http.StripPrefix("/docs", http.FileServerFS(docs)))
}

// Added for 100 (content/1xx/100.md): an upload route that reads the body,
// so that the 100 Continue net/http sends when a handler first reads the
// body of an Expect: 100-continue request can be checked.
//
//	POST /upload   reads the body, then 204
func routes100(mux *http.ServeMux) {
	mux.HandleFunc("POST /upload", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusNoContent)
	})
}
