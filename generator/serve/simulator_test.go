package serve

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestConditionalInvalidDates: If-Unmodified-Since that is not an
// HTTP-date is ignored (RFC 9110, Section 13.1.4), so a write that has
// only such a field has no precondition at all and gets 428, and the
// resource is not changed.
func TestConditionalInvalidDates(t *testing.T) {
	tests := []struct {
		name    string
		method  string
		headers map[string]string
		status  int
	}{
		{"PUT with an invalid If-Unmodified-Since", "PUT", map[string]string{"If-Unmodified-Since": "yesterday"}, 428},
		{"DELETE with an invalid If-Unmodified-Since", "DELETE", map[string]string{"If-Unmodified-Since": "not a date"}, 428},
		{"PUT with an empty-looking If-Unmodified-Since", "PUT", map[string]string{"If-Unmodified-Since": " "}, 428},
		{"PUT with an ISO 8601 date, not an HTTP-date", "PUT", map[string]string{"If-Unmodified-Since": "2100-01-01T00:00:00Z"}, 428},
		{"PUT with a valid If-Unmodified-Since in the future", "PUT", map[string]string{"If-Unmodified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}, 200},
		{"PUT with a valid If-Unmodified-Since in the past", "PUT", map[string]string{"If-Unmodified-Since": "Sun, 06 Nov 1994 08:49:37 GMT"}, 412},
		{"PUT with an invalid If-Unmodified-Since beside If-Match", "PUT", map[string]string{"If-Unmodified-Since": "yesterday", "If-Match": `"v1"`}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts, _ := newTestServer(t)
			u := ts.URL + "/api/conditional"
			res, body := do(t, tt.method, u, tt.headers, `{"title": "changed"}`)
			if res.StatusCode != tt.status {
				t.Errorf("%s = %d, want %d: %s", tt.method, res.StatusCode, tt.status, body)
			}
			if tt.status != 200 {
				if res, body := do(t, "GET", u, nil, ""); res.StatusCode != 200 || res.Header.Get("ETag") != `"v1"` || strings.Contains(body, "changed") {
					t.Errorf("after a refused %s: GET = %d ETag %s %q, want the resource unchanged", tt.method, res.StatusCode, res.Header.Get("ETag"), body)
				}
			}
		})
	}
}

// TestConditionalBodyTooLarge: a PUT body over the cap is refused with
// 413, and the resource is not changed.
func TestConditionalBodyTooLarge(t *testing.T) {
	_, ts, _ := newTestServer(t)
	u := ts.URL + "/api/conditional"
	big := `{"title": "` + strings.Repeat("x", maxBody) + `"}`
	res, body := do(t, "PUT", u, map[string]string{"If-Match": `"v1"`}, big)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "64 KiB") {
		t.Errorf("PUT of %d bytes = %d %s, want 413 naming the cap", len(big), res.StatusCode, body)
	}
	if res, _ := do(t, "GET", u, nil, ""); res.Header.Get("ETag") != `"v1"` {
		t.Errorf("after a refused PUT, ETag = %s, want \"v1\"", res.Header.Get("ETag"))
	}
	// Just under the cap is fine.
	ok := `{"title": "` + strings.Repeat("x", maxBody-20) + `"}`
	if res, body := do(t, "PUT", u, map[string]string{"If-Match": `"v1"`}, ok); res.StatusCode != 200 {
		t.Errorf("PUT of %d bytes = %d %.100s, want 200", len(ok), res.StatusCode, body)
	}
}

// startedBody reports the first Read of a request body.
type startedBody struct {
	io.ReadCloser
	once    sync.Once
	started chan struct{}
}

func (b *startedBody) Read(p []byte) (int, error) {
	b.once.Do(func() { close(b.started) })
	return b.ReadCloser.Read(p)
}

// TestSlowBodyDoesNotBlock sends a PUT whose body never ends, waits until
// the playground is reading it, and wants another request to the
// playground answered meanwhile.
func TestSlowBodyDoesNotBlock(t *testing.T) {
	s, _, _ := newTestServer(t)
	started := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			r.Body = &startedBody{ReadCloser: r.Body, started: started}
		}
		s.ServeHTTP(w, r)
	}))
	defer ts.Close()
	pr, pw := io.Pipe()
	defer pw.CloseWithError(io.ErrUnexpectedEOF) // ends the slow request before ts.Close waits for it
	go func() {
		req, _ := http.NewRequest("PUT", ts.URL+"/api/conditional", pr)
		req.Header.Set("If-Match", `"v1"`)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
		}
	}()
	go pw.Write([]byte(`{"title": `)) // and nothing more
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the slow PUT never reached the playground")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/api/conditional", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET while a PUT body trickles in: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("ETag") != `"v1"` {
		t.Errorf("GET while a PUT body trickles in = %d ETag %s, want 200 \"v1\"", res.StatusCode, res.Header.Get("ETag"))
	}
}
