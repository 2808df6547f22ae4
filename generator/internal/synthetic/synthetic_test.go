package synthetic

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/statusref/statusref/generator"
)

func TestValid(t *testing.T) {
	for _, n := range []int{1, 3, 250} {
		fsys, err := FS(n, 7)
		if err != nil {
			t.Fatal(err)
		}
		c, err := generator.Check(fsys)
		if err != nil {
			t.Fatalf("n=%d:\n%v", n, err)
		}
		if c.Entries != n || c.Comparisons != (n+98)/100 {
			t.Errorf("n=%d: %d entries, %d comparisons", n, c.Entries, c.Comparisons)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := FS(120, 1)
	b, _ := FS(120, 1)
	other, _ := FS(120, 2)
	same := 0
	for name, f := range a {
		if !bytes.Equal(f.Data, b[name].Data) {
			t.Errorf("%s differs between two runs", name)
		}
		if bytes.Equal(f.Data, other[name].Data) {
			same++
		}
	}
	if same > 1 { // site.yaml
		t.Errorf("%d files are the same under another seed", same)
	}
}

var (
	fenceRE   = regexp.MustCompile("(?s)```(\\w+)\n(.*?)```")
	relatedRE = regexp.MustCompile(`(?m)^related:\n(?:  .*\n)*`)
)

// TestShape checks what the benchmarks rely on: about 600 words of prose,
// six highlighted blocks, snippets that differ from entry to entry (or a
// cold highlight cache would hit), and an entry that does not depend on N
// beyond its related codes.
func TestShape(t *testing.T) {
	seen := map[string]string{}
	for i := range 200 {
		src := string(Entry(200, 1, i))
		_, body, _ := strings.Cut(strings.TrimPrefix(src, "---\n"), "\n---\n")
		blocks := fenceRE.FindAllStringSubmatch(body, -1)
		var langs []string
		for _, b := range blocks {
			langs = append(langs, b[1])
			if prev, ok := seen[b[2]]; ok {
				t.Errorf("entry %d repeats a %s block of %s", i, b[1], prev)
			}
			seen[b[2]] = Path(i)
		}
		if got := strings.Join(langs, " "); got != "http http js python java go" {
			t.Errorf("entry %d: blocks %s", i, got)
		}
		words := len(strings.Fields(fenceRE.ReplaceAllString(body, "")))
		if words < 550 || words > 750 {
			t.Errorf("entry %d: %d words of prose", i, words)
		}
		if relatedRE.ReplaceAllString(src, "") != relatedRE.ReplaceAllString(string(Entry(5000, 1, i)), "") {
			t.Errorf("entry %d differs with N beyond its related codes", i)
		}
	}
}

func TestCodes(t *testing.T) {
	seen := map[int]bool{}
	for i := range MaxN {
		c := Code(i)
		if seen[c] || c < 40001 || c > 59999 || (c >= 50000) != (i%4 == 3) {
			t.Fatalf("entry %d has code %d", i, c)
		}
		seen[c] = true
	}
	if err := Generate(MaxN+1, 1, nil); err == nil {
		t.Error("n above MaxN is accepted")
	}
}
