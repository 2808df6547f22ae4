package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// simulator answers /api/status/{code} with any status and the headers the
// spec requires for it, and holds the resource of /api/conditional.
type simulator struct {
	mu       sync.Mutex
	version  int       // the resource's version; its ETag is "v<version>"
	modified time.Time // its Last-Modified, to the second
	body     string
	exists   bool
	now      func() time.Time
}

func newSimulator() *simulator {
	s := &simulator{now: time.Now}
	s.reset()
	return s
}

func (s *simulator) reset() {
	s.version, s.body, s.exists = 1, `{"title": "Quarterly report"}`, true
	s.modified = s.now().UTC().Truncate(time.Second)
}

func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	data, _ := json.MarshalIndent(v, "", "  ")
	w.WriteHeader(status)
	if r.Method != http.MethodHead && status != http.StatusNoContent && status != http.StatusNotModified {
		w.Write(append(data, '\n'))
	}
}

// requiredHeaders are what RFC 9110 (and RFC 6585, 7725) say a response
// with the code must, or is expected to, carry.
func requiredHeaders(code int, h http.Header) {
	switch code {
	case 201:
		h.Set("Location", "/api/conditional")
	case 206:
		h.Set("Content-Range", "bytes 0-99/1000")
	case 301, 302, 303, 307, 308:
		h.Set("Location", "/index.html")
	case 304, 412:
		h.Set("ETag", `"v1"`)
	case 401:
		h.Set("WWW-Authenticate", `Bearer realm="statusref"`)
	case 405:
		h.Set("Allow", "GET, HEAD")
	case 407:
		h.Set("Proxy-Authenticate", `Basic realm="statusref"`)
	case 416:
		h.Set("Content-Range", "bytes */1000")
	case 426:
		h.Set("Upgrade", "HTTP/3.0")
		h.Set("Connection", "Upgrade")
	case 429, 503:
		h.Set("Retry-After", "60")
	case 451:
		h.Set("Link", `<https://example.org/legal>; rel="blocked-by"`)
	}
}

type statusError struct {
	Error string `json:"error"`
	Hint  string `json:"hint,omitempty"`
}

// status answers with the code in the path.
func (s *simulator) status(w http.ResponseWriter, r *http.Request, arg string, reason func(int) (string, bool)) {
	code, err := strconv.Atoi(arg)
	if err != nil || len(arg) != 3 || code < 100 || code > 599 {
		writeJSON(w, r, http.StatusBadRequest, statusError{
			Error: fmt.Sprintf("%q is not a status code", arg),
			Hint:  "use three digits from 200 to 599, e.g. /api/status/412",
		})
		return
	}
	if code < 200 {
		writeJSON(w, r, http.StatusBadRequest, statusError{
			Error: fmt.Sprintf("%d is informational: a 1xx response always precedes a final one, so it cannot be the answer", code),
			Hint:  "use a code from 200 to 599",
		})
		return
	}
	phrase, known := reason(code)
	if !known {
		writeJSON(w, r, http.StatusBadRequest, statusError{
			Error: fmt.Sprintf("%d is neither in the IANA registry nor in this reference", code),
			Hint:  "see api/codes.json for the codes this reference knows",
		})
		return
	}
	requiredHeaders(code, w.Header())
	headers := map[string]string{}
	for name, vals := range r.Header {
		headers[name] = strings.Join(vals, ", ")
	}
	if code == http.StatusNoContent || code == http.StatusNotModified || code == http.StatusResetContent {
		w.WriteHeader(code) // these never carry content
		return
	}
	writeJSON(w, r, code, struct {
		Code    int               `json:"code"`
		Reason  string            `json:"reason"`
		Method  string            `json:"method"`
		Path    string            `json:"path"`
		Headers map[string]string `json:"headers"`
	}{code, phrase, r.Method, r.URL.Path, headers})
}

// maxBody caps the body of a PUT to the playground: 64 KiB.
const maxBody = 64 << 10

func (s *simulator) etag() string { return fmt.Sprintf(`"v%d"`, s.version) }

// conditional is the playground: one resource, with preconditions
// evaluated in the order of RFC 9110, Section 13.2.2.
//
// The checks that read only the request, and the reading of a PUT's body,
// come before the lock: a client that sends its body slowly, or never
// finishes it, holds up only its own request.
func (s *simulator) conditional(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete:
	default:
		h.Set("Allow", "GET, HEAD, PUT, DELETE")
		writeJSON(w, r, http.StatusMethodNotAllowed, statusError{Error: r.Method + " is not supported here", Hint: "use GET, HEAD, PUT or DELETE"})
		return
	}
	safe := r.Method == http.MethodGet || r.Method == http.MethodHead
	im, inm, ims := r.Header.Get("If-Match"), r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
	// An If-Unmodified-Since that is not an HTTP-date is ignored, as if
	// it were absent (RFC 9110, Section 13.1.4).
	ius, iusErr := http.ParseTime(r.Header.Get("If-Unmodified-Since"))
	hasIUS := iusErr == nil

	// A write must be conditional (RFC 6585, Section 3).
	if !safe && im == "" && !hasIUS && inm == "" {
		writeJSON(w, r, http.StatusPreconditionRequired, statusError{
			Error: "this resource requires a conditional request",
			Hint:  "GET it, then resend with If-Match set to its ETag (or If-None-Match: * to create it)",
		})
		return
	}
	var data []byte
	if r.Method == http.MethodPut {
		var err error
		data, err = io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			writeJSON(w, r, http.StatusRequestEntityTooLarge, statusError{Error: "the body is larger than 64 KiB", Hint: `send a small JSON document, e.g. {"title": "Quarterly report"}`})
			return
		case err != nil:
			writeJSON(w, r, http.StatusBadRequest, statusError{Error: "could not read the body"})
			return
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	fail := func() {
		if s.exists {
			h.Set("ETag", s.etag())
		}
		writeJSON(w, r, http.StatusPreconditionFailed, statusError{Error: "a precondition was false", Hint: "GET the resource for its current ETag"})
	}
	notModified := func() {
		h.Set("ETag", s.etag())
		h.Set("Last-Modified", s.modified.Format(http.TimeFormat))
		h.Set("Cache-Control", "no-cache")
		w.WriteHeader(http.StatusNotModified)
	}
	// Step 1: If-Match; step 2: If-Unmodified-Since, only without If-Match.
	if im != "" {
		if !s.exists || !matchStrong(im, s.etag()) {
			fail()
			return
		}
	} else if hasIUS && s.exists && s.modified.After(ius) {
		fail()
		return
	}
	// Step 3: If-None-Match; step 4: If-Modified-Since, only without it,
	// and only for GET and HEAD.
	if inm != "" {
		if s.exists && matchWeak(inm, s.etag()) {
			if safe {
				notModified()
			} else {
				fail()
			}
			return
		}
	} else if ims != "" && safe && s.exists {
		if t, err := http.ParseTime(ims); err == nil && !s.modified.After(t) {
			notModified()
			return
		}
	}

	switch r.Method {
	case http.MethodGet, http.MethodHead:
		if !s.exists {
			writeJSON(w, r, http.StatusNotFound, statusError{Error: "the resource was deleted", Hint: "PUT it again with If-None-Match: *"})
			return
		}
		h.Set("ETag", s.etag())
		h.Set("Last-Modified", s.modified.Format(http.TimeFormat))
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			io.WriteString(w, s.body+"\n")
		}
	case http.MethodPut:
		if !json.Valid(data) {
			writeJSON(w, r, http.StatusBadRequest, statusError{Error: "the body must be JSON", Hint: `e.g. {"title": "Quarterly report"}`})
			return
		}
		created := !s.exists
		s.version++
		s.body, s.exists = strings.TrimSpace(string(data)), true
		s.modified = s.now().UTC().Truncate(time.Second)
		h.Set("ETag", s.etag())
		h.Set("Last-Modified", s.modified.Format(http.TimeFormat))
		h.Set("Content-Type", "application/json")
		if created {
			h.Set("Location", "/api/conditional")
			w.WriteHeader(http.StatusCreated)
		} else {
			w.WriteHeader(http.StatusOK)
		}
		io.WriteString(w, s.body+"\n")
	case http.MethodDelete:
		if !s.exists {
			writeJSON(w, r, http.StatusNotFound, statusError{Error: "the resource was already deleted"})
			return
		}
		s.exists = false
		s.version++
		w.WriteHeader(http.StatusNoContent)
	}
}

// etags splits an If-Match or If-None-Match list.
func etags(list string) []string {
	var out []string
	for _, t := range strings.Split(list, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// matchStrong is If-Match's comparison: "*" or an identical strong tag.
func matchStrong(list, etag string) bool {
	for _, t := range etags(list) {
		if t == "*" || (t == etag && !strings.HasPrefix(t, "W/")) {
			return true
		}
	}
	return false
}

// matchWeak is If-None-Match's comparison: "*" or a tag equal once any W/
// prefix is dropped.
func matchWeak(list, etag string) bool {
	for _, t := range etags(list) {
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}
