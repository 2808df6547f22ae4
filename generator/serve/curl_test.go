package serve

import (
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPlaygroundCurlExamples runs the curl commands that the 304, 412 and
// 428 pages show under "Try it with statusref serve" against a fresh
// server, and wants the status each command's comment promises.
func TestPlaygroundCurlExamples(t *testing.T) {
	for _, file := range []string{"../../content/3xx/304.md", "../../content/4xx/412.md", "../../content/4xx/428.md"} {
		t.Run(file[len("../../content/"):], func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, section, ok := strings.Cut(string(src), "## Try it with statusref serve")
			if !ok {
				t.Fatal("no \"Try it with statusref serve\" section")
			}
			_, ts, _ := newTestServer(t)
			want, ran := 0, 0
			for _, line := range strings.Split(section, "\n") {
				switch {
				case strings.HasPrefix(line, "## "):
					goto done
				case strings.HasPrefix(line, "# "):
					m := regexp.MustCompile(`\b([1-5]\d\d)\b`).FindStringSubmatch(line)
					if m == nil {
						t.Fatalf("comment %q promises no status", line)
					}
					want, _ = strconv.Atoi(m[1])
				case strings.HasPrefix(line, "curl "):
					res := runCurl(t, ts.URL, shellWords(t, line))
					ran++
					if res.StatusCode != want {
						t.Errorf("%s\n  got %d, want %d", line, res.StatusCode, want)
					}
				}
			}
		done:
			if ran < 2 {
				t.Errorf("only %d curl commands", ran)
			}
		})
	}
}

// shellWords splits a command line with single quotes, as the pages write it.
func shellWords(t *testing.T, line string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case quoted && r == '\'':
			quoted = false
		case quoted:
			cur.WriteRune(r)
		case r == '\'':
			quoted, inWord = true, true
		case r == ' ':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unclosed quote in %q", line)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// runCurl performs what a curl command line asks, against base.
func runCurl(t *testing.T, base string, args []string) *http.Response {
	t.Helper()
	method, body, url := "GET", "", ""
	headers := map[string]string{}
	for i := 1; i < len(args); i++ {
		switch args[i] {
		case "-i":
		case "-X":
			i++
			method = args[i]
		case "-H":
			i++
			k, v, _ := strings.Cut(args[i], ": ")
			headers[k] = v
		case "-d":
			i++
			body = args[i]
			if method == "GET" {
				method = "POST"
			}
		default:
			url = strings.Replace(args[i], "http://127.0.0.1:8080", base, 1)
		}
	}
	res, _ := do(t, method, url, headers, body)
	return res
}
