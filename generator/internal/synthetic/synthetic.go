// Package synthetic makes a content tree of N made-up entries in
// statusref's entry format, for benchmarks: the error catalogue of an
// imaginary payments API, "Acme Payments API".
//
// Each entry has about 600 words of prose in the six required sections,
// two level-3 headings, a table, lists, a request and a response in
// ```http blocks, one snippet of realistic length per framework, three
// related codes and two scenarios. Codes have five digits (site.yaml sets
// code_digits: 5): three in four are client errors, 4xx/40001.md on, the
// rest server errors, 5xx/50001.md on. Every hundredth pair of entries also
// gets a comparison.
//
// The tree depends only on N and the seed, and entry i's text only on the
// seed and i (its related codes also on N), so the same files come out on
// every run. The files are valid Hugo content too: Markdown with YAML front
// matter whose keys Hugo does not reserve, except aliases and summary;
// aliases stays empty, so Hugo makes no redirect pages.
package synthetic

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing/fstest"
)

// MaxN is the most entries a tree can have: three in four are 4xx codes,
// of which five digits allow 9,999.
const MaxN = 13332

// Origin is who sends every code of the catalogue.
const Origin = "Acme Payments API"

// Code is the code of entry i, counting from 0.
func Code(i int) int {
	if i%4 == 3 {
		return 50000 + 1 + i/4
	}
	return 40000 + 1 + i - i/4
}

// Path is the file of entry i in the content tree, e.g. "4xx/40001.md".
func Path(i int) string {
	c := Code(i)
	return fmt.Sprintf("%dxx/%d.md", c/10000, c)
}

// Generate calls put for every file of a tree of n entries, in a fixed
// order: site.yaml, the entries, then the comparisons.
func Generate(n int, seed uint64, put func(name string, data []byte) error) error {
	if n < 1 || n > MaxN {
		return fmt.Errorf("synthetic: n must be from 1 to %d, not %d", MaxN, n)
	}
	if err := put("site.yaml", []byte("# A synthetic catalogue of API error codes, made by generator/internal/synth.\ncode_digits: 5\n")); err != nil {
		return err
	}
	for i := range n {
		if err := put(Path(i), Entry(n, seed, i)); err != nil {
			return err
		}
	}
	for k := 0; 100*k+1 < n; k++ {
		a, b := 100*k, 100*k+1
		name := fmt.Sprintf("compare/%d-vs-%d.md", Code(a), Code(b))
		if err := put(name, comparison(n, seed, a, b)); err != nil {
			return err
		}
	}
	return nil
}

// FS is the tree of n entries in memory.
func FS(n int, seed uint64) (fstest.MapFS, error) {
	m := fstest.MapFS{}
	err := Generate(n, seed, func(name string, data []byte) error {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	return m, err
}

// problem is a kind of error an API reports: its reason phrase (after the
// resource), what it means for the resource, and the HTTP status that
// carries it.
type problem struct {
	reason, means, why, fix string
	status                  int
	statusText              string
}

var clientProblems = []problem{
	{"Already Finalized", "is already finalized and can no longer be changed", "finalizing it froze its lines, totals and tax", "create a new one, or a credit note against it", 409, "Conflict"},
	{"Not Found", "does not exist, or belongs to an account the caller cannot see", "the identifier in the path matches nothing in the caller's account", "check the identifier and the account the API key belongs to", 404, "Not Found"},
	{"Amount Too Large", "has an amount above the limit of the account", "the amount exceeds what the account may move in one request", "split the amount, or ask for a higher limit", 422, "Unprocessable Entity"},
	{"Currency Mismatch", "uses a currency other than the account's settlement currency", "the currency in the body differs from the one the account settles in", "convert the amount first, or use the matching currency", 422, "Unprocessable Entity"},
	{"Locked", "is locked by another request that is still running", "a concurrent request with the same idempotency key holds the lock", "wait for the first request to finish, then retry", 409, "Conflict"},
	{"Version Conflict", "was changed by someone else since the client read it", "the version in If-Match is not the current one", "read it again, merge, and resend with the new version", 412, "Precondition Failed"},
	{"Quota Exceeded", "would take the account past the number its plan allows", "the plan's quota for this kind of object is used up", "delete unused ones, or move to a larger plan", 429, "Too Many Requests"},
	{"Permission Denied", "belongs to an account the API key may not act on", "the key is restricted and lacks the permission for this operation", "use a key with the right permission", 403, "Forbidden"},
	{"Field Missing", "lacks a field the operation requires", "a required field is absent or empty in the request body", "send the field, as the reference lists it", 400, "Bad Request"},
	{"Expired", "has expired and cannot be used any more", "its expiry date has passed", "create a fresh one and use that instead", 410, "Gone"},
	{"Not Payable", "cannot be paid in its current state", "it is a draft, void or already paid", "finalize it first, or stop retrying the payment", 402, "Payment Required"},
}

var serverProblems = []problem{
	{"Temporarily Unavailable", "could not be reached because its store is in maintenance", "the service holding it is in a maintenance window", "retry after the time in Retry-After", 503, "Service Unavailable"},
	{"Upstream Timeout", "did not get an answer from the bank's network in time", "the card network or bank did not answer before the deadline", "retry with the same idempotency key", 504, "Gateway Timeout"},
	{"Processor Error", "was rejected by the card processor for a reason it did not give", "the processor answered with a response the API could not read", "retry later, and contact support if it persists", 502, "Bad Gateway"},
	{"Internal Inconsistency", "failed a consistency check inside the service", "two stores disagree about its state", "report the request ID to support; do not retry blindly", 500, "Internal Server Error"},
}

// resource is a kind of object of the API.
type resource struct {
	name, plural, prefix, field string
	limit                       int
}

var resources = []resource{
	{"invoice", "invoices", "in", "amount_due", 50000},
	{"payment", "payments", "py", "amount", 100000},
	{"refund", "refunds", "re", "amount", 25000},
	{"payout", "payouts", "po", "amount", 250000},
	{"subscription", "subscriptions", "sub", "quantity", 500},
	{"customer", "customers", "cus", "balance", 10000},
	{"coupon", "coupons", "co", "percent_off", 90},
	{"transfer", "transfers", "tr", "amount", 75000},
	{"order", "orders", "or", "total", 20000},
	{"shipment", "shipments", "shp", "weight_grams", 30000},
	{"price", "prices", "price", "unit_amount", 99999},
	{"product", "products", "prod", "stock", 1000},
	{"dispute", "disputes", "dp", "amount", 15000},
	{"mandate", "mandates", "md", "max_amount", 40000},
	{"tax rate", "tax rates", "txr", "percentage", 30},
	{"webhook endpoint", "webhook endpoints", "we", "retries", 10},
	{"report run", "report runs", "rr", "rows", 100000},
	{"checkout session", "checkout sessions", "cs", "amount_total", 60000},
	{"credit note", "credit notes", "cn", "amount", 45000},
	{"payment link", "payment links", "plink", "uses", 1000},
}

var (
	methods   = []string{"POST", "PUT", "PATCH", "DELETE"}
	actors    = []string{"a billing job", "the dashboard", "a mobile app", "a partner integration", "a nightly reconciliation script", "a checkout page", "a support tool", "an accounting export"}
	headers   = []string{"Idempotency-Key", "If-Match", "Acme-Account", "Acme-Version", "Retry-After", "Request-Id"}
	adjective = []string{"usual", "most common", "typical", "frequent", "likely"}
	causes    = []string{
		"a retry that reused an old request body",
		"two workers processing the same queue message",
		"a cached copy of the object that was hours old",
		"a test key used against live data",
		"a clock skew between the client and the API",
		"a migration that left objects half converted",
		"a webhook handled twice because it was not deduplicated",
		"a form that submitted before the previous step finished",
		"an integration written against an older API version",
		"a batch job that ran twice after a deploy",
	}
)

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func title(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func snake(s string) string { return strings.ReplaceAll(s, " ", "_") }

func camel(s string) string { return strings.ReplaceAll(title(s), " ", "") }

func lowerCamel(s string) string {
	c := camel(s)
	return strings.ToLower(c[:1]) + c[1:]
}

// entry is everything the text of one entry is made from.
type entry struct {
	i, code        int
	class          int
	res            resource
	prob           problem
	method, path   string
	id             string
	header         string
	actor, cause   string
	version, limit int
	over           int
	related        []int // entry indexes
	date           string
	rng            *rand.Rand
}

func newEntry(n int, seed uint64, i int) *entry {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	e := &entry{i: i, code: Code(i), rng: r}
	e.class = e.code / 10000
	e.res = pick(r, resources)
	if e.class == 4 {
		e.prob = pick(r, clientProblems)
	} else {
		e.prob = pick(r, serverProblems)
	}
	e.method = pick(r, methods)
	e.id = fmt.Sprintf("%s_%d%03d", e.res.prefix, 1000+r.IntN(9000), i%1000)
	e.path = "/v1/" + strings.ReplaceAll(e.res.plural, " ", "-") + "/" + e.id
	e.header = pick(r, headers)
	e.actor = pick(r, actors)
	e.cause = pick(r, causes)
	e.version = 2 + r.IntN(40)
	e.limit = e.res.limit
	e.over = e.limit + 1 + r.IntN(e.limit)
	e.date = fmt.Sprintf("2026-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))
	// Three related codes, other than this one, where there are enough.
	rr := rand.New(rand.NewPCG(seed^0x9e3779b97f4a7c15, uint64(n)<<32|uint64(i)))
	seen := map[int]bool{i: true}
	for len(e.related) < 3 && len(e.related) < n-1 {
		j := rr.IntN(n)
		if !seen[j] {
			seen[j] = true
			e.related = append(e.related, j)
		}
	}
	return e
}

func (e *entry) reason() string { return title(e.res.name) + " " + e.prob.reason }

func (e *entry) slug() string {
	return snake(e.res.name) + "_" + snake(strings.ToLower(e.prob.reason))
}

func (e *entry) message() string {
	return "The " + e.res.name + " " + e.prob.means + "."
}

// Entry is the file of entry i in a tree of n entries.
func Entry(n int, seed uint64, i int) []byte {
	e := newEntry(n, seed, i)
	var b strings.Builder
	e.frontMatter(&b)
	e.body(&b)
	return []byte(b.String())
}

func (e *entry) frontMatter(b *strings.Builder) {
	w := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	w("---\n")
	w("code: %d\n", e.code)
	w("reason: %s\n", e.reason())
	w("aliases: []\n")
	w("status: unofficial\n")
	w("origin: %s\n", Origin)
	w("spec: \"\"\n")
	w("spec_url: \"\"\n")
	w("source_url: https://docs.acme.example/errors/%d\n", e.code)
	w("summary: %q\n", fmt.Sprintf("The Acme Payments API answers %d when the %s %s, so the %s request changed nothing.", e.code, e.res.name, e.prob.means, e.method))
	w("headers:\n")
	w("  - name: %s\n", e.header)
	w("    note: %q\n", fmt.Sprintf("Request. What the API compares before it touches the %s; a wrong value is one way to get %d.", e.res.name, e.code))
	w("  - name: Request-Id\n")
	w("    note: Response. Quote it to support; it names this exact request in the API's logs.\n")
	w("related:\n")
	for k, j := range e.related {
		why := []string{
			"Another error the same request can meet, one step earlier.",
			"What the API answers once this one is fixed but the next check fails.",
			"Often confused with this one in logs, though the fix differs.",
		}[k]
		w("  - code: %d\n", Code(j))
		w("    why: %s\n", why)
	}
	w("updated: %s\n", e.date)
	w("scenarios:\n")
	w("  - name: %q\n", fmt.Sprintf("a %s that trips the check gets %d inside a %d", e.res.name, e.code, e.prob.status))
	w("    method: %s\n", e.method)
	w("    path: %s\n", e.path)
	w("    headers:\n")
	w("      Content-Type: application/json\n")
	w("    body: '{\"%s\": %d}'\n", e.res.field, e.over)
	w("    want:\n")
	w("      status: %d\n", e.prob.status)
	w("      headers:\n")
	w("        - Content-Type\n")
	w("  - name: %q\n", fmt.Sprintf("a %s within the limits is accepted", e.res.name))
	w("    method: %s\n", e.method)
	w("    path: %s\n", e.path)
	w("    headers:\n")
	w("      Content-Type: application/json\n")
	w("    body: '{\"%s\": %d}'\n", e.res.field, e.limit/2)
	w("    want:\n")
	w("      status: 200\n")
	w("---\n")
}

func (e *entry) body(b *strings.Builder) {
	w := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	r := e.rng
	res, p := e.res, e.prob
	w("\n## What it means\n\n")
	w("The Acme Payments API answers **%d %s** when the %s named in the request %s. ", e.code, e.reason(), res.name, p.means)
	w("The HTTP status is %d %s; the code %d in the JSON body says which of the API's checks failed, ", p.status, p.statusText, e.code)
	w("so a client can tell it apart from every other error that shares the same status. ")
	w("Nothing was written: the %s is exactly as it was before the request, and so are the objects that hang off it.\n\n", res.name)
	w("In the API's own words, %s. The response body carries `code`, `type` (`%s`), a `message` for people, ", p.why, e.slug())
	w("and `docs`, which links this page. Clients should branch on `code` or `type`, never on the message, ")
	w("which may be reworded or translated at any time.\n\n")

	w("## When servers send it\n\n")
	w("The API runs its checks in a fixed order and stops at the first that fails. It sends %d at the %s step, ", e.code, pick(r, []string{"third", "fourth", "fifth", "last"}))
	w("after authentication and the schema check, and before it locks the %s. The %s cause is %s.\n\n", res.name, pick(r, adjective), e.cause)
	w("| Request | Field or header | Value sent | Result |\n")
	w("| --- | --- | --- | --- |\n")
	w("| `%s %s` | `%s` | `%d` | %d, code %d |\n", e.method, e.path, res.field, e.over, p.status, e.code)
	w("| `%s %s` | `%s` | `%d` | 200 OK |\n", e.method, e.path, res.field, e.limit/2)
	w("| `%s %s` | `%s` | stale | %d or another conflict |\n", e.method, e.path, e.header, p.status)
	w("| `GET %s` | none | none | 200 OK: reads never get %d |\n\n", e.path, e.code)
	w("Requests from %s make up most of the traffic that gets this code, because it retries on its own schedule ", e.actor)
	w("and does not read the `%s` the API sent last time. A single %s can trip the check again and again ", e.header, res.name)
	w("until someone changes the request, so the same %s ID showing up in the logs every few minutes is a sign of a loop.\n\n", res.name)

	w("## How to fix it\n\n")
	w("### On the client\n\n")
	w("- Read the `code` field, not just the HTTP status: %d and the other %d errors need different fixes.\n", e.code, p.status)
	w("- To fix it, %s.\n", p.fix)
	w("- Fetch the %s again with `GET %s` before you change your request, so you act on its current state.\n", res.name, e.path)
	w("- Keep the `Request-Id` of the failed response; support can look the request up with it.\n")
	w("- Do not retry the same body unchanged in a loop. It will get %d again, and it counts against your rate limit.\n\n", e.code)
	w("### On the server\n\n")
	w("- Check `%s` against the limit of %d before any write, and answer %d with code %d when it is exceeded.\n", res.field, e.limit, p.status, e.code)
	w("- Put the code, the type `%s` and a link to this page in the body, so clients can handle it without guessing.\n", e.slug())
	w("- Log the %s ID and the request ID together; the pair is what support asks for first.\n", res.name)
	w("- Keep the check before the lock and the write, so that a refused request costs nothing.\n\n")

	w("## If you are not a developer\n\n")
	w("Something you asked the payments system to do to a %s could not be done, and nothing changed. ", res.name)
	w("Wait a minute and try again; if you see error %d again, send the request ID shown with it to the team that runs the system. ", e.code)
	w("They can tell from it exactly which %s it was and what to change.\n\n", res.name)

	w("## Example exchange\n\n")
	w("A client sends a %s whose `%s` is over the limit:\n\n", res.name, res.field)
	w("```http\n")
	w("%s %s HTTP/1.1\n", e.method, e.path)
	w("Host: api.acme.example\n")
	w("Authorization: Bearer sk_test_%d\n", 4000000+e.i)
	w("Content-Type: application/json\n")
	w("%s: %s\n\n", e.header, headerValue(e))
	w("{\"%s\": %d}\n", res.field, e.over)
	w("```\n\n")
	w("The API refuses it, names the check that failed and links this page:\n\n")
	w("```http\n")
	w("HTTP/1.1 %d %s\n", p.status, p.statusText)
	w("Content-Type: application/json\n")
	w("Request-Id: req_%08x\n\n", e.rng.Uint32())
	w("{\"code\": %d, \"type\": \"%s\", \"message\": \"%s\", \"docs\": \"https://docs.acme.example/errors/%d\"}\n", e.code, e.slug(), e.message(), e.code)
	w("```\n\n")

	w("## Code examples\n\n")
	w("Each example keeps one %s in memory, checks `%s` against the limit of %d before it changes anything, ", res.name, res.field, e.limit)
	w("and answers %d with the body above when the check fails.\n\n", p.status)
	w("```js\n%s```\n\n", e.express())
	w("```python\n%s```\n\n", e.fastapi())
	w("```java\n%s```\n\n", e.spring())
	w("```go\n%s```\n", e.golang())
}

func headerValue(e *entry) string {
	switch e.header {
	case "If-Match":
		return fmt.Sprintf(`"v%d"`, e.version)
	case "Acme-Version":
		return "2026-11-01"
	case "Acme-Account":
		return fmt.Sprintf("acct_%d", 7000+e.i%1000)
	case "Retry-After":
		return "30"
	}
	return fmt.Sprintf("key_%d_%d", e.code, e.version)
}

func (e *entry) express() string {
	res, p := e.res, e.prob
	v := lowerCamel(res.name)
	return fmt.Sprintf(`const express = require('express');

const app = express();
app.use(express.json());

const LIMIT = %[1]d;
const %[2]ss = new Map([
  ['%[3]s', { id: '%[3]s', %[4]s: %[5]d, version: %[6]d }],
]);

function problem(res) {
  return res.status(%[7]d).json({
    code: %[8]d,
    type: '%[9]s',
    message: '%[10]s',
    docs: 'https://docs.acme.example/errors/%[8]d',
  });
}

app.%[11]s('/v1/%[12]s/:id', (req, res) => {
  const %[2]s = %[2]ss.get(req.params.id);
  if (!%[2]s) {
    return res.status(404).json({ code: 40400, type: 'not_found' });
  }
  const value = Number(req.body.%[4]s);
  if (!Number.isFinite(value) || value > LIMIT) {
    return problem(res);
  }
  %[2]s.%[4]s = value;
  %[2]s.version += 1;
  res.set('ETag', '"v' + %[2]s.version + '"');
  res.status(200).json(%[2]s);
});

module.exports = app;
`, e.limit, v, e.id, res.field, e.limit/3, e.version, p.status, e.code, e.slug(), jsString(e.message()),
		strings.ToLower(e.method), strings.ReplaceAll(res.plural, " ", "-"))
}

func jsString(s string) string { return strings.ReplaceAll(s, "'", `\'`) }

func (e *entry) fastapi() string {
	res, p := e.res, e.prob
	v := snake(res.name)
	return fmt.Sprintf(`from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI()

LIMIT = %[1]d
%[13]s = {
    "%[3]s": {"id": "%[3]s", "%[4]s": %[5]d, "version": %[6]d},
}


def problem():
    return JSONResponse(
        status_code=%[7]d,
        content={
            "code": %[8]d,
            "type": "%[9]s",
            "message": "%[10]s",
            "docs": "https://docs.acme.example/errors/%[8]d",
        },
    )


@app.%[11]s("/v1/%[12]s/{item_id}")
async def update_%[2]s(item_id: str, request: Request):
    %[2]s = %[13]s.get(item_id)
    if %[2]s is None:
        return JSONResponse(status_code=404, content={"code": 40400, "type": "not_found"})
    body = await request.json()
    value = body.get("%[4]s")
    if not isinstance(value, int) or value > LIMIT:
        return problem()
    %[2]s["%[4]s"] = value
    %[2]s["version"] += 1
    return JSONResponse(content=%[2]s, headers={"ETag": f'"v{%[2]s["version"]}"'})
`, e.limit, v, e.id, res.field, e.limit/3, e.version, p.status, e.code, e.slug(), e.message(),
		strings.ToLower(e.method), strings.ReplaceAll(res.plural, " ", "-"), strings.ToUpper(snake(res.plural)))
}

func (e *entry) spring() string {
	res, p := e.res, e.prob
	c := camel(res.name)
	ann := map[string]string{"POST": "PostMapping", "PUT": "PutMapping", "PATCH": "PatchMapping", "DELETE": "DeleteMapping"}[e.method]
	return fmt.Sprintf(`import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.%[1]s;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class %[2]sController {
    private static final long LIMIT = %[3]d;
    private final Map<String, Long> %[4]s = new HashMap<>();
    private int version = %[5]d;

    public %[2]sController() {
        %[4]s.put("%[6]s", %[7]dL);
    }

    private static Map<String, Object> problem() {
        Map<String, Object> body = new HashMap<>();
        body.put("code", %[8]d);
        body.put("type", "%[9]s");
        body.put("message", "%[10]s");
        body.put("docs", "https://docs.acme.example/errors/%[8]d");
        return body;
    }

    @%[1]s("/v1/%[11]s/{id}")
    public synchronized ResponseEntity<Object> update(
            @PathVariable String id, @RequestBody Map<String, Long> body) {
        if (!%[4]s.containsKey(id)) {
            return ResponseEntity.status(404).body("not found");
        }
        Long value = body.get("%[12]s");
        if (value == null || value > LIMIT) {
            return ResponseEntity.status(%[13]d).body(problem());
        }
        %[4]s.put(id, value);
        version++;
        return ResponseEntity.ok().eTag("\"v" + version + "\"").body(body);
    }
}
`, ann, c, e.limit, lowerCamel(res.plural), e.version, e.id, e.limit/3, e.code, e.slug(), e.message(),
		strings.ReplaceAll(res.plural, " ", "-"), res.field, p.status)
}

func (e *entry) golang() string {
	res, p := e.res, e.prob
	v := lowerCamel(res.name)
	return fmt.Sprintf(`package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"sync"
)

const limit = %[1]d

type %[2]s struct {
	mu      sync.Mutex
	ID      string `+"`json:\"id\"`"+`
	Value   int64  `+"`json:\"%[3]s\"`"+`
	Version int    `+"`json:\"version\"`"+`
}

type problem struct {
	Code    int    `+"`json:\"code\"`"+`
	Type    string `+"`json:\"type\"`"+`
	Message string `+"`json:\"message\"`"+`
	Docs    string `+"`json:\"docs\"`"+`
}

func routes() http.Handler {
	item := &%[2]s{ID: "%[4]s", Value: %[5]d, Version: %[6]d}
	mux := http.NewServeMux()
	mux.HandleFunc("%[7]s /v1/%[8]s/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") != item.ID {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		var body map[string]int64
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, "invalid JSON", http.StatusBadRequest)
			return
		}
		item.mu.Lock()
		defer item.mu.Unlock()
		if v, ok := body["%[3]s"]; !ok || v > limit {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(%[9]d)
			json.NewEncoder(w).Encode(problem{%[10]d, "%[11]s", "%[12]s", "https://docs.acme.example/errors/%[10]d"})
			return
		}
		item.Value = body["%[3]s"]
		item.Version++
		w.Header().Set("ETag", fmt.Sprintf(`+"`\"v%%d\"`"+`, item.Version))
		json.NewEncoder(w).Encode(item)
	})
	return mux
}

func main() {
	log.Fatal(http.ListenAndServe(":8080", routes()))
}
`, e.limit, v, res.field, e.id, e.limit/3, e.version, e.method, strings.ReplaceAll(res.plural, " ", "-"), p.status, e.code, e.slug(), e.message())
}

func comparison(n int, seed uint64, a, b int) []byte {
	ea, eb := newEntry(n, seed, a), newEntry(n, seed, b)
	var s strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&s, format, args...) }
	w("---\n")
	w("codes: [%d, %d]\n", ea.code, eb.code)
	w("summary: %q\n", fmt.Sprintf("%d means the %s %s; %d means the %s %s.", ea.code, ea.res.name, ea.prob.means, eb.code, eb.res.name, eb.prob.means))
	w("updated: %s\n", ea.date)
	w("---\n\n")
	w("## The difference\n\n")
	w("Both codes come from the Acme Payments API and both leave everything as it was. ")
	w("%d is about the %s in the path; %d is about the %s.\n\n", ea.code, ea.res.name, eb.code, eb.res.name)
	w("| | %d %s | %d %s |\n", ea.code, ea.reason(), eb.code, eb.reason())
	w("| --- | --- | --- |\n")
	w("| HTTP status | %d | %d |\n", ea.prob.status, eb.prob.status)
	w("| Why | %s | %s |\n", ea.prob.why, eb.prob.why)
	w("| Fix | %s | %s |\n\n", ea.prob.fix, eb.prob.fix)
	w("## Which one to send\n\n")
	w("1. If the %s itself is the problem, send %d.\n", ea.res.name, ea.code)
	w("2. If the %s is, send %d.\n", eb.res.name, eb.code)
	return []byte(s.String())
}
