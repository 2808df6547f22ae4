package generator

import (
	"html"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPageOrder sorts sections, given in a file's order, into the page
// order of their class.
func TestPageOrder(t *testing.T) {
	tests := []struct {
		name   string
		schema classSchema
		in     []string // ids; "custom:x" is a section of the author's own
		want   []string
	}{
		{name: "already in order", schema: errorSchema,
			in:   []string{secMeaning, secWhen, secFix, secNonDeveloper, secExchange, secCode},
			want: []string{secMeaning, secWhen, secFix, secNonDeveloper, secExchange, secCode}},
		{name: "try it goes after the code examples", schema: errorSchema,
			in:   []string{secMeaning, secWhen, secFix, secNonDeveloper, secExchange, secTryIt, secCode},
			want: []string{secMeaning, secWhen, secFix, secNonDeveloper, secExchange, secCode, secTryIt}},
		{name: "framework prose goes right before the exchange", schema: errorSchema,
			in:   []string{secMeaning, secWhen, secFramework, secFix, secNonDeveloper, secExchange, secCode},
			want: []string{secMeaning, secWhen, secFix, secNonDeveloper, secFramework, secExchange, secCode}},
		{name: "origin before framework prose", schema: errorSchema,
			in:   []string{secMeaning, secWhen, secFramework, secOrigin, secFix, secNonDeveloper, secExchange, secCode},
			want: []string{secMeaning, secWhen, secFix, secNonDeveloper, secOrigin, secFramework, secExchange, secCode}},
		{name: "an author's section travels with the one it follows", schema: errorSchema,
			in:   []string{secMeaning, secWhen, secFramework, "custom:history", secFix, "custom:retry", secNonDeveloper, secExchange, secCode},
			want: []string{secMeaning, secWhen, secFix, "custom:retry", secNonDeveloper, secFramework, "custom:history", secExchange, secCode}},
		{name: "an author's section before any known one stays first", schema: errorSchema,
			in:   []string{"custom:intro", secMeaning, secWhen, secFix, secNonDeveloper, secExchange, secCode},
			want: []string{"custom:intro", secMeaning, secWhen, secFix, secNonDeveloper, secExchange, secCode}},
		{name: "an answer's optional non-developer section and framework prose", schema: answerSchema,
			in:   []string{secMeaning, secWhen, secFramework, secSend, secClients, secNonDeveloper, secExchange, secTryIt, secCode},
			want: []string{secMeaning, secWhen, secSend, secClients, secNonDeveloper, secFramework, secExchange, secCode, secTryIt}},
		{name: "a redirect's", schema: redirectSchema,
			in:   []string{secMeaning, secWhen, secSend, secFramework, secClients, secNonDeveloper, secExchange, secCode},
			want: []string{secMeaning, secWhen, secSend, secClients, secNonDeveloper, secFramework, secExchange, secCode}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			pageOrder(got, tt.schema.order(), func(id string) string {
				if strings.HasPrefix(id, "custom:") {
					return ""
				}
				return id
			})
			if !slices.Equal(got, tt.want) {
				t.Errorf("pageOrder(%q)\nhave %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestClassOrders checks that every class's page order holds its required
// sections in their required order, and every optional section once.
func TestClassOrders(t *testing.T) {
	for digit, s := range classSchemas {
		order := s.order()
		var required []string
		for _, id := range order {
			if slices.Contains(s.sections, id) {
				required = append(required, id)
			}
		}
		if !slices.Equal(required, s.sections) {
			t.Errorf("%dxx: the page order %q changes the required order %q", digit, order, s.sections)
		}
		for _, id := range []string{secNonDeveloper, secOrigin, secFramework, secTryIt} {
			if n := len(slices.DeleteFunc(slices.Clone(order), func(o string) bool { return o != id })); n != 1 {
				t.Errorf("%dxx: %q is %d times in the page order %q", digit, id, n, order)
			}
		}
		if order[len(order)-1] != secTryIt || order[len(order)-2] != secCode {
			t.Errorf("%dxx: the page order %q does not end with the code examples and then try-it", digit, order)
		}
	}
}

// TestStatusPageOrder renders an entry whose file puts "Try it with
// statusref serve" before the code examples and "In your framework and
// server" right after "When servers send it": the page shows them in the
// class's order, with "Try it" last and folded.
func TestStatusPageOrder(t *testing.T) {
	moved := strings.Replace(validEntry, "## How to fix it",
		"## In your framework and server\n\nFramework text.\n\n## How to fix it", 1)
	moved = strings.Replace(moved, "## Code examples",
		"## Try it with statusref serve\n\n```sh\ncurl -i http://127.0.0.1:8080/api/conditional\n```\n\n## Code examples", 1)
	files := Files{}
	content := fstest.MapFS{"4xx/412.md": {Data: []byte(moved)}, "4xx/428.md": {Data: []byte(entry428)}}
	if _, err := Build(content, os.DirFS("../templates"), files); err != nil {
		t.Fatal(err)
	}
	page := string(files["4xx/412.html"])
	var ids []string
	for _, m := range regexp.MustCompile(`<h2 id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	want := []string{"what-it-means", "headers", "when-servers-send-it", "how-to-fix-it", "if-you-are-not-a-developer",
		"in-your-framework-and-server", "example-exchange", "code-examples", "try-it-with-statusref-serve", "related"}
	if !slices.Equal(ids, want) {
		t.Errorf("the sections of 412 are\n%q\nwant\n%q", ids, want)
	}
	tryIt := page[strings.Index(page, `<h2 id="try-it-with-statusref-serve"`):]
	tryIt = tryIt[:strings.Index(tryIt, "</section>")]
	for _, s := range []string{`<details class="fold">`, "<summary>" + tr("try-it.summary") + "</summary>", html.EscapeString(tr("try-it.note")), "curl -i", "</details>"} {
		if !strings.Contains(tryIt, s) {
			t.Errorf("the Try it section lacks %q:\n%s", s, tryIt)
		}
	}
}

// TestShownReason: a code the registry lists as (Unused) is shown by its
// first alias beside the registry's phrase; others by their phrase.
func TestShownReason(t *testing.T) {
	tests := []struct {
		e    *entry
		want string
	}{
		{&entry{Reason: "(Unused)", Status: "unused", Aliases: []string{"I'm a teapot", "Teapot"}}, "I'm a teapot (Unused)"},
		{&entry{Reason: "(Unused)", Status: "unused"}, "(Unused)"},
		{&entry{Reason: "Content Too Large", Status: "permanent", Aliases: []string{"Payload Too Large"}}, "Content Too Large"},
	}
	for _, tt := range tests {
		if got := shownReason(tt.e); got != tt.want {
			t.Errorf("shownReason(%q, %q, %q) = %q, want %q", tt.e.Reason, tt.e.Status, tt.e.Aliases, got, tt.want)
		}
	}
}
