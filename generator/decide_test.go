package generator

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// realGuide loads and validates ../content and returns it with its guide.
func realGuide(t *testing.T) (*siteContent, *decideGraph) {
	t.Helper()
	c, err := check(os.DirFS("../content"), false)
	if err != nil {
		t.Fatal(err)
	}
	if c.Decision == nil || len(c.Decision.Nodes) == 0 {
		t.Fatal("content/guide holds no guide")
	}
	return c, newDecideGraph(c.Decision)
}

// TestGuideEveryPath walks every path of the real guide from start, and
// wants each to end at a code that has an entry, after no more questions
// than the guide has nodes.
func TestGuideEveryPath(t *testing.T) {
	c, g := realGuide(t)
	entries := map[int]bool{}
	for _, e := range c.Entries {
		entries[e.Code] = true
	}
	paths, seen := 0, map[string]bool{}
	codes := map[int]bool{}
	var walk func(n *decisionNode, path []string)
	walk = func(n *decisionNode, path []string) {
		seen[n.ID] = true
		if len(path) > len(g.d.Nodes) {
			t.Fatalf("a path longer than the guide: %q", path)
		}
		for _, a := range n.Answers {
			p := append(slices.Clone(path), a.Label)
			if a.Next != "" {
				next := g.byID[a.Next]
				if next == nil {
					t.Fatalf("%q: next %q names no node", p, a.Next)
				}
				walk(next, p)
				continue
			}
			paths++
			codes[a.Code] = true
			if !entries[a.Code] {
				t.Errorf("%q ends at %d, which has no entry", p, a.Code)
			}
		}
	}
	walk(g.byID[decideStart], nil)
	for _, n := range g.d.Nodes {
		if !seen[n.ID] {
			t.Errorf("no path reaches %s", n.ID)
		}
	}
	// Every code item 2 of issue 17 names is the end of some path.
	for _, code := range []int{503, 501, 414, 431, 413, 400, 401, 403, 404, 410, 405, 415, 406, 422, 428, 412, 304, 409, 429, 201, 202, 204, 200, 206, 301, 302, 303, 307, 308, 502, 504, 500} {
		if !codes[code] {
			t.Errorf("no path ends at %d", code)
		}
	}
	t.Logf("%d paths, %d nodes, %d codes", paths, len(g.d.Nodes), len(codes))
}

// guideWalk follows the answers with the given labels from start, and
// returns the code they end at.
func guideWalk(g *decideGraph, labels []string) (int, string) {
	n := g.byID[decideStart]
	for i, label := range labels {
		j := slices.IndexFunc(n.Answers, func(a decisionAnswer) bool { return a.Label == label })
		if j < 0 {
			return 0, "node " + n.ID + " has no answer " + strconv.Quote(label)
		}
		a := n.Answers[j]
		if a.Code != 0 {
			if i != len(labels)-1 {
				return 0, "answer " + strconv.Quote(label) + " ends at " + itoa(a.Code) + " before the path does"
			}
			return a.Code, ""
		}
		n = g.byID[a.Next]
	}
	return 0, "the path stops at node " + n.ID + ", before a code"
}

// The answers most paths begin with: the server the request is for, up
// and running, knowing the method, within its limits, reading HTTP.
var (
	origin = []string{
		"Deciding how to answer it, as the server the request is for",
		"Yes, it is up and has room for the request",
	}
	wellFormed = append(slices.Clone(origin),
		"Yes, the server implements this method",
		"No, everything is within your limits",
		"Yes, it is well-formed HTTP",
	)
	allowed = append(slices.Clone(wellFormed),
		"The credentials are valid, or the resource needs none",
		"Yes, it is allowed",
	)
	valid = append(slices.Clone(allowed),
		"It is there and accepts the method",
		"Yes, you can read it and answer acceptably (or you send your default representation)",
		"It is valid, or the request has no content",
	)
	unconditional = append(slices.Clone(valid), "It carries none, and none is required", "No, it fits the resource's state")
	succeeded     = append(slices.Clone(unconditional), "No, it is within its allowance")
	moved         = append(slices.Clone(allowed), "It lives at another URL now")
	gateway       = []string{"Passing it on to another server, as a gateway, proxy or load balancer"}
)

func then(path []string, labels ...string) []string { return append(slices.Clone(path), labels...) }

// TestGuideSituations describes situations in plain words, each with the
// answers a reader gives and the code the guide must reach.
func TestGuideSituations(t *testing.T) {
	_, g := realGuide(t)
	tests := []struct {
		situation string
		path      []string
		want      int
	}{
		{"a PUT with a stale If-Match", then(valid,
			"It is a write (PUT, PATCH, DELETE, POST) with If-Match, If-Unmodified-Since or If-None-Match",
			"No, it is false (an If-Match tag that is stale, a change since If-Unmodified-Since, or If-None-Match * on a resource that exists)"), 412},
		{"a PUT without a precondition, on a server that requires one", then(valid,
			"It is a write your server only accepts in conditional form, and it came without a precondition"), 428},
		{"a GET whose If-None-Match matches", then(valid,
			"It is a GET or HEAD with If-None-Match or If-Modified-Since",
			"Yes, If-None-Match names the current ETag, or nothing changed since If-Modified-Since"), 304},
		{"a POST that created a resource", then(succeeded,
			"It created a new resource (a POST that added one, a PUT to a URL that had none)"), 201},
		{"a permanent move of a form endpoint", then(moved,
			"For good, and the method and body must be kept (a form or API endpoint that moved)"), 308},
		{"an upstream that timed out", then(gateway,
			"The upstream accepted the request but did not answer in time"), 504},
		{"an upstream that reset the connection", then(gateway,
			"The upstream refused the connection, reset it, or answered with something that is not valid HTTP"), 502},
		{"a load balancer with every backend down", then(gateway,
			"No upstream can take it now (all are down, in maintenance or overloaded), so you shed the request"), 503},
		{"a handler that threw an exception", []string{
			"It was answering, and its own code failed (an exception, a panic, a bug)"}, 500},
		{"a service in planned maintenance", then(origin[:1],
			"No, it is overloaded or down for maintenance, and shedding load"), 503},
		{"a request with the method BREW, which nothing on the server knows", then(origin,
			"No, no resource on the server supports this method (an unknown or unimplemented method)"), 501},
		{"a search URL with a 20 KB query string", then(origin,
			"Yes, the server implements this method",
			"The URL is too long, usually because of its query string"), 414},
		{"a browser sending a huge cookie", then(origin,
			"Yes, the server implements this method",
			"The header section is too large, or one header field is (often Cookie)"), 431},
		{"a 2 GB upload to an endpoint that takes 10 MB", then(origin,
			"Yes, the server implements this method",
			"The body is larger than you accept"), 413},
		{"a request line with a space in the target", then(origin,
			"Yes, the server implements this method",
			"No, everything is within your limits",
			"No, it is malformed (bad syntax, bad framing, a missing or repeated Host, an invalid header value)"), 400},
		{"an API call with an expired bearer token", then(wellFormed,
			"It needs credentials, and the request brought none, or expired or invalid ones"), 401},
		{"a signed-in user opening an admin page", then(wellFormed,
			"The credentials are valid, or the resource needs none",
			"No, and it may know that the resource exists"), 403},
		{"a user probing for someone else's private repository", then(wellFormed,
			"The credentials are valid, or the resource needs none",
			"No, and it should not learn that the resource exists"), 404},
		{"a GET for an order id that never existed", then(allowed, "No resource is at this URL"), 404},
		{"a product page deleted for good", then(allowed, "It was removed on purpose and will not come back"), 410},
		{"a DELETE on a read-only collection", then(allowed,
			"It is there, but does not accept this method (a DELETE on a read-only resource)"), 405},
		{"a POST of XML to a JSON-only endpoint", then(allowed, "It is there and accepts the method",
			"The request body is in a Content-Type or Content-Encoding this resource does not accept"), 415},
		{"Accept: image/avif for a resource that is only PNG, on a strict server", then(allowed, "It is there and accepts the method",
			"None of your representations matches the Accept headers, and you refuse rather than send a default"), 406},
		{"a POST of JSON with a missing closing brace", then(allowed, "It is there and accepts the method",
			"Yes, you can read it and answer acceptably (or you send your default representation)",
			"It does not parse (malformed JSON, a syntax error in the body)"), 400},
		{"a sign-up with an e-mail address that is not one", then(allowed, "It is there and accepts the method",
			"Yes, you can read it and answer acceptably (or you send your default representation)",
			"It parses, but its values cannot be acted on (a required field missing, a quantity of zero)"), 422},
		{"a retried PUT whose change is already in place", then(valid,
			"It is a write (PUT, PATCH, DELETE, POST) with If-Match, If-Unmodified-Since or If-None-Match",
			"No, but the change the request asks for is already in place (a retried PUT whose first answer was lost)"), 200},
		{"a sign-up with a user name that is taken", then(valid, "It carries none, and none is required",
			"Yes, it conflicts (a name that is taken, an edit based on an old version, a state that forbids the change)"), 409},
		{"a client over its 100 requests a minute", then(unconditional, "Yes, it is over its rate limit or quota"), 429},
		{"a GET whose If-None-Match no longer matches, then a client over its limit", then(valid,
			"It is a GET or HEAD with If-None-Match or If-Modified-Since",
			"No, the resource has changed since the client's copy",
			"Yes, it is over its rate limit or quota"), 429},
		{"a report request queued for a batch job", then(succeeded, "You accepted it, and will process it later"), 202},
		{"a DELETE that worked", then(succeeded, "It succeeded, and there is nothing to send back"), 204},
		{"a GET of a user's profile", then(succeeded, "It succeeded, and the response carries the resource or the result"), 200},
		{"a video player asking for bytes=1000-1999", then(succeeded,
			"It is a GET with a Range header, for part of the resource",
			"Yes, the range lies within the resource"), 206},
		{"a GET with a Range on a server that does not serve ranges", then(succeeded,
			"It is a GET with a Range header, for part of the resource",
			"You do not serve ranges of this resource, or If-Range names an older version"), 200},
		{"a blog post moved to a new domain for good", then(moved, "For good, and a GET is fine (a page or document that moved)"), 301},
		{"a page sent elsewhere during a sale", then(moved, "For now, and a GET is fine"), 302},
		{"an API endpoint moved for maintenance that takes POST", then(moved, "For now, and the method and body must be kept"), 307},
		{"a form POST answered with the page of its result", then(succeeded, "The answer is at another URL",
			"The result is another resource the client should fetch with GET (after a form POST, or when a job is done)"), 303},
	}
	if len(tests) < 25 {
		t.Fatalf("%d situations, want at least 25", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.situation, func(t *testing.T) {
			got, problem := guideWalk(g, tt.path)
			if problem != "" {
				t.Fatalf("%s\npath: %q", problem, tt.path)
			}
			if got != tt.want {
				t.Errorf("the guide answers %d, want %d", got, tt.want)
			}
		})
	}
}

// TestGuideWhyCitesRFC: every answer that ends at a code says why, citing
// an RFC section.
func TestGuideWhyCitesRFC(t *testing.T) {
	_, g := realGuide(t)
	cite := regexp.MustCompile(`\bRFC \d{4}, Section \d+(\.\d+)*\b`)
	for _, n := range g.d.Nodes {
		for _, a := range n.Answers {
			if a.Code != 0 && !cite.MatchString(a.Why) {
				t.Errorf("%s → %d: why cites no RFC section: %s", n.ID, a.Code, a.Why)
			}
		}
	}
}

// TestGuideTrail: a page's trail is the questions on every way to it, in
// the order they are asked. The redirect question is reached both from
// the resource question and from the outcome, so only what comes before
// the resource is ruled out there.
func TestGuideTrail(t *testing.T) {
	_, g := realGuide(t)
	ids := func(id string) []string {
		var out []string
		for _, n := range g.trail[g.byID[id]] {
			out = append(out, n.ID)
		}
		return out
	}
	tests := []struct {
		id   string
		want []string
	}{
		{"start", nil},
		{"gateway", []string{"start"}},
		{"authz", []string{"start", "available", "method", "size", "form", "authn"}},
		{"redirect", []string{"start", "available", "method", "size", "form", "authn", "authz", "resource"}},
		{"conflict", []string{"start", "available", "method", "size", "form", "authn", "authz", "resource", "negotiation", "validation", "preconditions"}},
		{"rate-limit", []string{"start", "available", "method", "size", "form", "authn", "authz", "resource", "negotiation", "validation", "preconditions"}},
		{"range", []string{"start", "available", "method", "size", "form", "authn", "authz", "resource", "negotiation", "validation", "preconditions", "rate-limit", "outcome"}},
	}
	for _, tt := range tests {
		if got := ids(tt.id); !slices.Equal(got, tt.want) {
			t.Errorf("trail of %s: %v, want %v", tt.id, got, tt.want)
		}
	}
}

// TestAPIGuide: api/guide.json is {"start", "nodes": [{"id", "question",
// "answers": [{"label", "next"} | {"label", "code", "compare"?, "why"}]}]},
// with every node of the guide in order.
func TestAPIGuide(t *testing.T) {
	c, _ := realGuide(t)
	data, err := apiGuideJSON(c.Decision)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]any) string {
		var k []string
		for key := range m {
			k = append(k, key)
		}
		slices.Sort(k)
		return strings.Join(k, ",")
	}
	if got := keys(doc); got != "nodes,start" || doc["start"] != "start" {
		t.Fatalf("top level: keys %s, start %v", got, doc["start"])
	}
	nodes := doc["nodes"].([]any)
	if len(nodes) != len(c.Decision.Nodes) {
		t.Fatalf("%d nodes, want %d", len(nodes), len(c.Decision.Nodes))
	}
	for i, n := range nodes {
		n := n.(map[string]any)
		if got := keys(n); got != "answers,id,question" || n["id"] != c.Decision.Nodes[i].ID {
			t.Errorf("node %d: keys %s, id %v", i, got, n["id"])
		}
		for _, a := range n["answers"].([]any) {
			a := a.(map[string]any)
			switch got := keys(a); got {
			case "label,next", "code,label,why", "code,compare,label,why":
			default:
				t.Errorf("node %v: an answer with keys %s", n["id"], got)
			}
		}
	}
}
