package generator

import (
	"bytes"
	"testing"
)

// jsBlocks are the JavaScript blocks of content/.
func jsBlocks(tb testing.TB) []string {
	var codes []string
	for _, b := range contentBlocks(tb) {
		if lexerFor(b.lang).Config().Name == "JavaScript" {
			codes = append(codes, b.code)
		}
	}
	return codes
}

// FuzzScannerJavaScript: wherever jsTokens takes code, its tokens spell
// the code and format colours them as it colours chroma's. go test runs
// the seeds (content/'s blocks, the corners and the declines); go test
// -fuzz FuzzScannerJavaScript looks further.
func FuzzScannerJavaScript(f *testing.F) {
	for _, code := range jsBlocks(f) {
		f.Add(code)
	}
	for _, code := range scannerCorners["JavaScript"] {
		f.Add(code)
	}
	for _, code := range scannerDeclines["JavaScript"] {
		f.Add(code)
	}
	lexer := lexerFor("js")
	f.Fuzz(func(t *testing.T, code string) {
		got, ok := jsTokens(code)
		if !ok {
			return
		}
		if joined := joinTokens(got); joined != code {
			t.Fatalf("the tokens of %q spell %q", code, joined)
		}
		want, err := tokenise(lexer, code)
		if err != nil {
			t.Fatal(err)
		}
		var g, w bytes.Buffer
		format(&g, got)
		format(&w, want)
		if g.String() != w.String() {
			t.Fatalf("%q: the scanner colours it differently from chroma:\n%s", code, markupDiff(g.String(), w.String()))
		}
	})
}

// BenchmarkScannerJavaScript lexes every JavaScript block of content/,
// with chroma and with jsTokens.
func BenchmarkScannerJavaScript(b *testing.B) {
	codes := jsBlocks(b)
	lexer := lexerFor("js")
	b.Run("chroma", func(b *testing.B) {
		for b.Loop() {
			for _, code := range codes {
				if _, err := tokenise(lexer, code); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("scanner", func(b *testing.B) {
		for b.Loop() {
			for _, code := range codes {
				if _, ok := jsTokens(code); !ok {
					b.Fatal("declined a block of content/")
				}
			}
		}
	})
}
