package snippets

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// goModule is the scratch module's path: one package per snippet, and the
// runner command.
const goModule = "statusref.snippets"

// runGo checks that the Go snippets are gofmt- and vet-clean, builds them
// into one runner program that serves each on its own net/http server.
func runGo(ctx context.Context, cfg Config, items []*Item, run *Run) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		run.Skip = "the go command is not on PATH: install Go 1.26"
		return
	}
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	gocmd := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, goTool, args...)
		cmd.Dir = cfg.Work
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if err := os.WriteFile(filepath.Join(cfg.Work, "go.mod"), []byte("module "+goModule+"\n\ngo 1.26\n"), 0o644); err != nil {
		run.Err = err
		return
	}

	byID := map[string]*Item{}
	var pkgs []string
	for _, it := range items {
		byID[it.ID] = it
		code := []byte(it.Snippet.Code)
		if formatted, err := format.Source(code); err == nil && !bytes.Equal(formatted, code) {
			line, got, want := firstDiff(code, formatted)
			check(run, it, line, "is not gofmt-clean: gofmt rewrites %q as %q (run gofmt on the snippet)", got, want)
		}
		if f, err := parser.ParseFile(token.NewFileSet(), "", code, parser.SkipObjectResolution); err == nil {
			if f.Name.Name != "main" {
				fail(run, it, 1, "is package %s: write it as package main", f.Name.Name)
				continue
			}
			if !hasFunc(f, "main") {
				check(run, it, 0, "has no func main(): give the reader a program that serves routes()")
			}
		}
		// Rename package main on its own line, so the lines stay the
		// snippet's; a syntax error is left for the compiler to report.
		loc := packageMain.FindIndex(code)
		if loc == nil {
			fail(run, it, 1, "does not start with package main")
			continue
		}
		renamed := string(code[:loc[0]]) + "package " + it.ID + string(code[loc[1]:])
		dir := filepath.Join(cfg.Work, it.ID)
		it.Name = it.ID + ".go"
		it.File = filepath.Join(dir, it.Name)
		export := "package " + it.ID + "\n\nimport \"net/http\"\n\n// Routes hands the snippet's routes to the runner.\nfunc Routes() http.Handler { return routes() }\n"
		if err := os.MkdirAll(dir, 0o755); err != nil {
			run.Err = err
			return
		}
		if err := os.WriteFile(it.File, []byte(renamed), 0o644); err != nil {
			run.Err = err
			return
		}
		if err := os.WriteFile(filepath.Join(dir, "export.go"), []byte(export), 0o644); err != nil {
			run.Err = err
			return
		}
		pkgs = append(pkgs, "./"+it.ID)
	}
	if len(pkgs) == 0 {
		return
	}

	// Compile every snippet package; one that fails is reported and left
	// out of the runner.
	if out, err := gocmd(append([]string{"build"}, pkgs...)...); err != nil {
		if n := goDiagnostics(out, byID, func(it *Item, line int, msg string) {
			fail(run, it, line, "does not compile: %s", msg)
		}); n == 0 {
			run.Err = fmt.Errorf("go build: %v\n%s", err, tail(out))
			return
		}
	}
	todo := runnable(run, items)
	if len(todo) == 0 {
		return
	}
	var good []string
	for _, it := range todo {
		good = append(good, "./"+it.ID)
	}
	if out, err := gocmd(append([]string{"vet"}, good...)...); err != nil {
		if n := goDiagnostics(out, byID, func(it *Item, line int, msg string) {
			check(run, it, line, "go vet: %s", msg)
		}); n == 0 {
			run.Err = fmt.Errorf("go vet: %v\n%s", err, tail(out))
			return
		}
	}

	// The runner: testdata/go/runner.go and a table of the snippets.
	runnerDir := filepath.Join(cfg.Work, "runner")
	if err := os.MkdirAll(runnerDir, 0o755); err != nil {
		run.Err = err
		return
	}
	src, err := os.ReadFile(filepath.Join(cfg.TestData, "go", "runner.go"))
	if err != nil {
		run.Err = err
		return
	}
	if err := os.WriteFile(filepath.Join(runnerDir, "runner.go"), src, 0o644); err != nil {
		run.Err = err
		return
	}
	var apps strings.Builder
	apps.WriteString("package main\n\nimport (\n\t\"net/http\"\n\n")
	for _, it := range todo {
		fmt.Fprintf(&apps, "\t%s %q\n", it.ID, goModule+"/"+it.ID)
	}
	apps.WriteString(")\n\nvar apps = map[string]func() http.Handler{\n")
	for _, it := range todo {
		fmt.Fprintf(&apps, "\t%q: %s.Routes,\n", it.ID, it.ID)
	}
	apps.WriteString("}\n")
	if err := os.WriteFile(filepath.Join(runnerDir, "apps.go"), []byte(apps.String()), 0o644); err != nil {
		run.Err = err
		return
	}
	bin := filepath.Join(cfg.Work, "runner.bin")
	if out, err := gocmd("build", "-o", bin, "./runner"); err != nil {
		run.Err = fmt.Errorf("building the Go runner: %v\n%s", err, tail(out))
		return
	}
	cmd := exec.CommandContext(ctx, bin)
	cmd.Dir = cfg.Work
	serve(ctx, cfg, cmd, todo, run, writeSpec)
}

var (
	packageMain = regexp.MustCompile(`(?m)^package\s+main\b`)
	// A compiler or vet diagnostic: "s412/s412.go:12:2: message", maybe
	// with "./" or "vet: " in front.
	goDiag = regexp.MustCompile(`^(?:vet: )?(?:\./)?(s\d+(?:_\d+)?|sentby_\w+)/([\w.]+\.go):(\d+)(?::\d+)?: (.*)$`)
)

// goDiagnostics hands each diagnostic in the go command's output to report,
// with the snippet it belongs to and the snippet line, and returns how many
// it found. Indented continuation lines join their diagnostic.
func goDiagnostics(out string, byID map[string]*Item, report func(it *Item, line int, msg string)) int {
	type diag struct {
		it   *Item
		line int
		msg  string
	}
	var diags []*diag
	var last *diag
	for _, l := range strings.Split(out, "\n") {
		if m := goDiag.FindStringSubmatch(l); m != nil && byID[m[1]] != nil {
			it := byID[m[1]]
			line, _ := strconv.Atoi(m[3])
			d := &diag{it: it, line: line, msg: m[4]}
			if m[2] != it.Name {
				// In export.go: the snippet's routes is missing or has another type.
				d.line, d.msg = 0, "the snippet must define func routes() http.Handler ("+m[4]+")"
			}
			diags = append(diags, d)
			last = d
			continue
		}
		if last != nil && strings.HasPrefix(l, "\t") {
			last.msg += " " + strings.TrimSpace(l)
			continue
		}
		last = nil
	}
	for _, d := range diags {
		report(d.it, d.line, d.msg)
	}
	return len(diags)
}

func hasFunc(f *ast.File, name string) bool {
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == name {
			return true
		}
	}
	return false
}

// firstDiff finds the first line where a and b differ.
func firstDiff(a, b []byte) (line int, la, lb string) {
	al := strings.Split(string(a), "\n")
	bl := strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return i + 1, x, y
		}
	}
	return 1, "", ""
}
