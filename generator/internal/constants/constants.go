// Package constants asks real HTTP libraries what they call each status
// code: Go's net/http, Python's http.HTTPStatus, Starlette's status module
// (FastAPI's status is the same module), Spring's HttpStatus on both Spring
// Boot lines the snippet harness runs, Node's http.STATUS_CODES with the
// npm statuses package, and Rust's http crate. Nothing is typed in by hand:
// every name comes from the library itself, run or parsed where it is
// installed (snippets/install-runtimes.sh installs each):
//
//	go         $(go env GOROOT)/src/net/http/status.go, parsed with go/parser
//	python     snippets/.venv's python3, http.HTTPStatus.__members__
//	starlette  the same python, starlette.status.__all__ and __deprecated__
//	spring-*   a Java program run on the class path Maven resolves (mvn -o)
//	           from snippets/testdata/spring/boot-*/pom.xml: HttpStatus.values()
//	           and each constant's @Deprecated, by reflection
//	node       node, require("http").STATUS_CODES
//	statuses   node, the statuses package of snippets/testdata/express
//	rust       the http crate pinned by cargo/Cargo.lock, found by cargo
//	           metadata; its status_codes! table is parsed, then a program
//	           that prints StatusCode::NAME.as_u16() for every name parsed
//	           is compiled against the crate and run, and must agree
//
// Command constgen (go generate ./generator) writes what they say to
// generator/constants.json; the generator's TestConstantsMatchLibraries
// asks them again and compares, so the file cannot drift from the
// libraries it names.
package constants

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Data is what generator/constants.json holds: the libraries asked, and
// each code's names in them.
type Data struct {
	Sources []Source
	// Codes are by code, then by Source.Key; a library without a name for
	// a code has no key under it.
	Codes map[int]map[string][]Name
}

// Source is one library asked, and how.
type Source struct {
	Key     string `json:"key"`            // "spring-boot-4.0"
	Label   string `json:"label"`          // "Spring": sources with one label are lines of one library, oldest first
	Line    string `json:"line,omitempty"` // "7.0": the library's version line, for a library asked on several
	Library string `json:"library"`        // what was asked: "org.springframework.http.HttpStatus (spring-web)"
	Version string `json:"version"`        // the version asked, to the precision that decides the names
	Prefix  string `json:"prefix"`         // what a name is written after in code: "HttpStatus."
	Quoted  bool   `json:"quoted,omitempty"`
	// Quiet sources are shown only where their names differ from those of
	// the source before them (statuses, after Node's own table).
	Quiet bool   `json:"quiet,omitempty"`
	How   string `json:"how"` // how it was asked
}

// Name is one library's name for a code.
type Name struct {
	Name       string `json:"name"`
	Deprecated bool   `json:"deprecated,omitempty"`
	Since      string `json:"since,omitempty"` // the version the library gives for the deprecation
}

// Config says where the runtimes are.
type Config struct {
	// Root is the repository root: snippets/.venv, snippets/testdata and
	// generator/internal/constants/cargo are found under it.
	Root string
}

// MissingError is a runtime that is not installed; Msg says what to do.
type MissingError struct {
	Source string
	Msg    string
}

func (e *MissingError) Error() string { return e.Source + ": " + e.Msg }

const install = "run snippets/install-runtimes.sh"

// asker asks one library.
type asker struct {
	Source
	ask func(ctx context.Context, cfg Config, src *Source) (map[int][]Name, error)
}

// askers are the libraries, in the order a page names them.
var askers = []asker{
	{Source{Key: "go", Label: "Go", Library: "net/http", Prefix: "http.",
		How: "$(go env GOROOT)/src/net/http/status.go, its Status* constants parsed with go/parser"}, askGo},
	{Source{Key: "python", Label: "Python", Library: "http.HTTPStatus", Prefix: "HTTPStatus.",
		How: "python3 of snippets/.venv: http.HTTPStatus.__members__"}, askPython},
	{Source{Key: "starlette", Label: "Starlette", Library: "starlette.status (FastAPI's status is the same module)", Prefix: "status.",
		How: "python3 of snippets/.venv: the HTTP_* names of starlette.status.__all__ and __deprecated__, after checking fastapi.status is starlette.status"}, askStarlette},
	{Source{Key: "spring-boot-3.5", Label: "Spring", Library: "org.springframework.http.HttpStatus (spring-web)", Prefix: "HttpStatus.",
		How: "a Java program on the class path of snippets/testdata/spring/boot-3.5/pom.xml (mvn -o): HttpStatus.values() and each field's @Deprecated"}, askSpring("boot-3.5")},
	{Source{Key: "spring-boot-4.0", Label: "Spring", Library: "org.springframework.http.HttpStatus (spring-web)", Prefix: "HttpStatus.",
		How: "a Java program on the class path of snippets/testdata/spring/boot-4.0/pom.xml (mvn -o): HttpStatus.values() and each field's @Deprecated"}, askSpring("boot-4.0")},
	{Source{Key: "node", Label: "Node", Library: "http.STATUS_CODES", Quoted: true,
		How: "node: require(\"http\").STATUS_CODES"}, askNode},
	{Source{Key: "statuses", Label: "statuses", Library: "statuses (npm)", Quoted: true, Quiet: true,
		How: "node: require(\"statuses\").message, from snippets/testdata/express/node_modules as package-lock.json pins it"}, askStatuses},
	{Source{Key: "rust", Label: "Rust", Library: "http::StatusCode (the http crate)", Prefix: "StatusCode::",
		How: "cargo: the crate generator/internal/constants/cargo/Cargo.lock pins; its status_codes! table parsed, then a program printing StatusCode::NAME.as_u16() for each compiled against it and run"}, askRust},
}

// Sources are the libraries asked, without the versions, which only
// asking tells.
func Sources() []Source {
	out := make([]Source, len(askers))
	for i, a := range askers {
		out[i] = a.Source
	}
	return out
}

// Ask asks the library of the source keyed key. A runtime that is not
// installed is a *MissingError.
func Ask(ctx context.Context, cfg Config, key string) (Source, map[int][]Name, error) {
	for _, a := range askers {
		if a.Key == key {
			src := a.Source
			names, err := a.ask(ctx, cfg, &src)
			if err != nil {
				return src, nil, err
			}
			for code, ns := range names {
				// Current names first, each group in the library's order.
				slices.SortStableFunc(ns, func(x, y Name) int {
					switch {
					case x.Deprecated == y.Deprecated:
						return 0
					case y.Deprecated:
						return -1
					}
					return 1
				})
				names[code] = ns
			}
			return src, names, nil
		}
	}
	return Source{}, nil, fmt.Errorf("no library is keyed %q", key)
}

// Generate asks every library. Any library that cannot be asked fails it:
// a data file without one of them would drop its names from every page.
func Generate(ctx context.Context, cfg Config) (*Data, error) {
	d := &Data{Codes: map[int]map[string][]Name{}}
	var errs []error
	for _, a := range askers {
		src, names, err := Ask(ctx, cfg, a.Key)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		d.Sources = append(d.Sources, src)
		for code, ns := range names {
			if d.Codes[code] == nil {
				d.Codes[code] = map[string][]Name{}
			}
			d.Codes[code][src.Key] = ns
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return d, nil
}

// Marshal is the data file: the sources, then one line per code and
// library, so that a change in a library is a one-line diff.
func Marshal(d *Data) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("{\n  \"sources\": [\n")
	for i, s := range d.Sources {
		j, err := json.Marshal(s)
		if err != nil {
			return nil, err
		}
		b.WriteString("    ")
		b.Write(j)
		if i < len(d.Sources)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("  ],\n  \"codes\": {\n")
	codes := make([]int, 0, len(d.Codes))
	for c := range d.Codes {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for i, c := range codes {
		fmt.Fprintf(&b, "    \"%d\": {\n", c)
		var keys []string
		for _, s := range d.Sources {
			if _, ok := d.Codes[c][s.Key]; ok {
				keys = append(keys, s.Key)
			}
		}
		if len(keys) != len(d.Codes[c]) {
			return nil, fmt.Errorf("code %d has names of a library the sources do not list", c)
		}
		for k, key := range keys {
			j, err := json.Marshal(d.Codes[c][key])
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&b, "      %q: %s", key, j)
			if k < len(keys)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString("    }")
		if i < len(codes)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("  }\n}\n")
	return b.Bytes(), nil
}

// Parse reads a data file Marshal wrote.
func Parse(data []byte) (*Data, error) {
	var raw struct {
		Sources []Source                     `json:"sources"`
		Codes   map[string]map[string][]Name `json:"codes"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	d := &Data{Sources: raw.Sources, Codes: map[int]map[string][]Name{}}
	keys := map[string]bool{}
	for _, s := range d.Sources {
		keys[s.Key] = true
	}
	for k, names := range raw.Codes {
		c, err := strconv.Atoi(k)
		if err != nil || c < 100 || c > 999 {
			return nil, fmt.Errorf("%q is not a status code", k)
		}
		for key, ns := range names {
			if !keys[key] {
				return nil, fmt.Errorf("code %d: no source is keyed %q", c, key)
			}
			if len(ns) == 0 {
				return nil, fmt.Errorf("code %d: %s has an empty list of names", c, key)
			}
		}
		d.Codes[c] = names
	}
	return d, nil
}

// output caps what a runtime may print: the largest table is a few KB.
const output = 1 << 20

// cappedBuffer keeps at most output bytes and says whether it lost any.
type cappedBuffer struct {
	bytes.Buffer
	over bool
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if room := output - c.Len(); len(p) > room {
		c.over = true
		c.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return c.Buffer.Write(p)
}

// run runs a command in dir and returns what it printed on stdout.
func run(ctx context.Context, dir string, env []string, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	var stdout, stderr cappedBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 2000 {
			msg = "…" + msg[len(msg)-2000:]
		}
		return nil, fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, msg)
	}
	if stdout.over {
		return nil, fmt.Errorf("%s: printed more than %d bytes", name, output)
	}
	return stdout.Bytes(), nil
}

// parseTable reads what the Python, Java and Node programs print: a line
// "version\t<version>", then one line per name,
// "<code>\t<name>[\tdeprecated[\t<since>]]".
func parseTable(key string, out []byte, src *Source) (map[int][]Name, error) {
	names := map[int][]Name{}
	for i, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 {
			if len(f) != 2 || f[0] != "version" || f[1] == "" {
				return nil, fmt.Errorf("%s: the first line is %q, not version\\t<version>", key, line)
			}
			src.Version = f[1]
			continue
		}
		code, err := strconv.Atoi(f[0])
		if err != nil || len(f) < 2 || len(f) > 4 || f[1] == "" || (len(f) > 2 && f[2] != "deprecated") {
			return nil, fmt.Errorf("%s: line %d is %q, not <code>\\t<name>[\\tdeprecated[\\t<since>]]", key, i+1, line)
		}
		n := Name{Name: f[1], Deprecated: len(f) > 2}
		if len(f) == 4 {
			n.Since = f[3]
		}
		names[code] = append(names[code], n)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no status codes", key)
	}
	return names, nil
}

// askGo parses net/http's status.go of the go command on PATH.
func askGo(ctx context.Context, cfg Config, src *Source) (map[int][]Name, error) {
	if _, err := exec.LookPath("go"); err != nil {
		return nil, &MissingError{"go", "the go command is not on PATH: install Go 1.26"}
	}
	out, err := run(ctx, cfg.Root, nil, "go", "env", "GOROOT", "GOVERSION")
	if err != nil {
		return nil, err
	}
	f := strings.Fields(string(out))
	if len(f) != 2 {
		return nil, fmt.Errorf("go env GOROOT GOVERSION printed %q", out)
	}
	// Constants change in minor releases only: go1.26.8 is go1.26.
	v := f[1]
	if parts := strings.SplitN(v, ".", 3); len(parts) == 3 {
		v = parts[0] + "." + parts[1]
	}
	src.Version = v
	return parseGoStatus(filepath.Join(f[0], "src", "net", "http", "status.go"))
}

// parseGoStatus reads the Status* integer constants of status.go, with
// those whose doc comment says "Deprecated:" marked.
func parseGoStatus(file string) (map[int][]Name, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	names := map[int][]Name{}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, id := range vs.Names {
				if !strings.HasPrefix(id.Name, "Status") || i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.INT {
					return nil, fmt.Errorf("%s: %s is not an integer literal", fset.Position(id.Pos()), id.Name)
				}
				code, err := strconv.Atoi(lit.Value)
				if err != nil {
					return nil, fmt.Errorf("%s: %s: %w", fset.Position(id.Pos()), id.Name, err)
				}
				deprecated := vs.Doc != nil && strings.Contains(vs.Doc.Text(), "Deprecated:")
				names[code] = append(names[code], Name{Name: id.Name, Deprecated: deprecated})
			}
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no Status constants", file)
	}
	return names, nil
}

// python is snippets/.venv's interpreter, or a MissingError.
func python(cfg Config, key string) (string, error) {
	py := filepath.Join(cfg.Root, "snippets", ".venv", "bin", "python")
	if _, err := os.Stat(py); err != nil {
		return "", &MissingError{key, "no virtual environment in snippets/.venv: " + install}
	}
	return py, nil
}

const pythonHTTPStatus = `import sys, http
print("version\t%d.%d" % sys.version_info[:2])
for name, m in http.HTTPStatus.__members__.items():
    print("%d\t%s" % (m.value, name))
`

func askPython(ctx context.Context, cfg Config, src *Source) (map[int][]Name, error) {
	py, err := python(cfg, src.Key)
	if err != nil {
		return nil, err
	}
	out, err := run(ctx, cfg.Root, nil, py, "-I", "-c", pythonHTTPStatus)
	if err != nil {
		return nil, err
	}
	return parseTable(src.Key, out, src)
}

const pythonStarlette = `import starlette, starlette.status as s, fastapi
if fastapi.status is not s:
    raise SystemExit("fastapi.status is not starlette.status")
print("version\t" + starlette.__version__)
for name in s.__all__:
    if name.startswith("HTTP_"):
        print("%d\t%s" % (getattr(s, name), name))
for name, code in getattr(s, "__deprecated__", {}).items():
    print("%d\t%s\tdeprecated" % (code, name))
`

func askStarlette(ctx context.Context, cfg Config, src *Source) (map[int][]Name, error) {
	py, err := python(cfg, src.Key)
	if err != nil {
		return nil, err
	}
	if _, err := run(ctx, cfg.Root, nil, py, "-I", "-c", "import fastapi, starlette"); err != nil {
		return nil, &MissingError{src.Key, "snippets/.venv cannot import FastAPI and Starlette: " + install}
	}
	out, err := run(ctx, cfg.Root, nil, py, "-I", "-W", "ignore", "-c", pythonStarlette)
	if err != nil {
		return nil, err
	}
	return parseTable(src.Key, out, src)
}

const javaHttpStatus = `import org.springframework.http.HttpStatus;

public class Consts {
	public static void main(String[] args) throws Exception {
		System.out.println("version\t" + args[0]);
		for (HttpStatus s : HttpStatus.values()) {
			Deprecated d = HttpStatus.class.getField(s.name()).getAnnotation(Deprecated.class);
			String dep = d == null ? "" : "\tdeprecated" + (d.since().isEmpty() ? "" : "\t" + d.since());
			System.out.println(s.value() + "\t" + s.name() + dep);
		}
	}
}
`

var springWebJar = regexp.MustCompile(`(?:^|[/\\])spring-web-(\d+)\.(\d+)\.(\d+)[^/\\]*\.jar$`)

// askSpring asks HttpStatus on the Spring Boot line whose pom.xml is in
// snippets/testdata/spring/dir.
func askSpring(dir string) func(context.Context, Config, *Source) (map[int][]Name, error) {
	return func(ctx context.Context, cfg Config, src *Source) (map[int][]Name, error) {
		for _, tool := range []string{"java", "mvn"} {
			if _, err := exec.LookPath(tool); err != nil {
				return nil, &MissingError{src.Key, tool + " is not installed: " + install}
			}
		}
		tmp, err := os.MkdirTemp("", "statusref-constants-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		cpFile := filepath.Join(tmp, "classpath.txt")
		pom := filepath.Join(cfg.Root, "snippets", "testdata", "spring", dir, "pom.xml")
		if _, err := run(ctx, cfg.Root, nil, "mvn", "-o", "-q", "-B", "-f", pom,
			"dependency:build-classpath", "-Dmdep.outputFile="+cpFile); err != nil {
			return nil, &MissingError{src.Key, fmt.Sprintf("the %s dependencies are not in the local Maven repository (%v): %s", dir, err, install)}
		}
		cp, err := os.ReadFile(cpFile)
		if err != nil {
			return nil, err
		}
		var version string
		for _, jar := range filepath.SplitList(strings.TrimSpace(string(cp))) {
			if m := springWebJar.FindStringSubmatch(jar); m != nil {
				version = m[1] + "." + m[2] + "." + m[3]
				src.Line = m[1] + "." + m[2]
			}
		}
		if version == "" {
			return nil, fmt.Errorf("%s: no spring-web jar on the class path of %s", src.Key, pom)
		}
		java := filepath.Join(tmp, "Consts.java")
		if err := os.WriteFile(java, []byte(javaHttpStatus), 0o644); err != nil {
			return nil, err
		}
		out, err := run(ctx, tmp, nil, "java", "-cp", strings.TrimSpace(string(cp)), java, version)
		if err != nil {
			return nil, err
		}
		return parseTable(src.Key, out, src)
	}
}

const nodeStatusCodes = `const http = require("http");
console.log("version\t" + process.versions.node.split(".")[0]);
for (const [code, text] of Object.entries(http.STATUS_CODES)) console.log(code + "\t" + text);
`

func askNode(ctx context.Context, cfg Config, src *Source) (map[int][]Name, error) {
	if _, err := exec.LookPath("node"); err != nil {
		return nil, &MissingError{src.Key, "node is not installed: " + install}
	}
	out, err := run(ctx, cfg.Root, nil, "node", "-e", nodeStatusCodes)
	if err != nil {
		return nil, err
	}
	return parseTable(src.Key, out, src)
}

const nodeStatuses = `const path = require("path");
const dir = path.join(process.argv[1], "node_modules", "statuses");
const statuses = require(dir);
console.log("version\t" + require(path.join(dir, "package.json")).version);
for (const [code, text] of Object.entries(statuses.message)) console.log(code + "\t" + text);
`

func askStatuses(ctx context.Context, cfg Config, src *Source) (map[int][]Name, error) {
	if _, err := exec.LookPath("node"); err != nil {
		return nil, &MissingError{src.Key, "node is not installed: " + install}
	}
	express := filepath.Join(cfg.Root, "snippets", "testdata", "express")
	if _, err := os.Stat(filepath.Join(express, "node_modules", "statuses", "package.json")); err != nil {
		return nil, &MissingError{src.Key, "statuses is not in snippets/testdata/express/node_modules: " + install}
	}
	out, err := run(ctx, cfg.Root, nil, "node", "-e", nodeStatuses, express)
	if err != nil {
		return nil, err
	}
	return parseTable(src.Key, out, src)
}

// rustEntry is one line of the http crate's status_codes! table:
// (412, PRECONDITION_FAILED, "Precondition Failed");
var rustEntry = regexp.MustCompile(`^\s*\((\d{3}),\s*([A-Z][A-Z0-9_]*),\s*"[^"]*"\);`)

func askRust(ctx context.Context, cfg Config, src *Source) (map[int][]Name, error) {
	cargo, err := exec.LookPath("cargo")
	if err != nil {
		// rustup installs it in ~/.cargo/bin, which a shell's PATH may lack.
		home, _ := os.UserHomeDir()
		cargo = filepath.Join(home, ".cargo", "bin", "cargo")
		if _, err := os.Stat(cargo); home == "" || err != nil {
			return nil, &MissingError{src.Key, "cargo is not installed: install Rust with rustup, then " + install}
		}
	}
	// A copy of the pinned crate, so that cargo writes nothing into the
	// repository.
	tmp, err := os.MkdirTemp("", "statusref-constants-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	pin := filepath.Join(cfg.Root, "generator", "internal", "constants", "cargo")
	for _, f := range []string{"Cargo.toml", "Cargo.lock"} {
		data, err := os.ReadFile(filepath.Join(pin, f))
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(tmp, f), data, 0o644); err != nil {
			return nil, err
		}
	}
	if err := os.Mkdir(filepath.Join(tmp, "src"), 0o755); err != nil {
		return nil, err
	}
	mainRS := filepath.Join(tmp, "src", "main.rs")
	if err := os.WriteFile(mainRS, []byte("fn main() {}\n"), 0o644); err != nil {
		return nil, err
	}
	out, err := run(ctx, tmp, nil, cargo, "metadata", "--format-version", "1", "--locked", "--offline")
	if err != nil {
		return nil, &MissingError{src.Key, fmt.Sprintf("the pinned http crate is not in cargo's cache (%v): %s", err, install)}
	}
	var meta struct {
		Packages []struct {
			Name         string `json:"name"`
			Version      string `json:"version"`
			ManifestPath string `json:"manifest_path"`
		}
	}
	if err := json.Unmarshal(out, &meta); err != nil {
		return nil, fmt.Errorf("cargo metadata: %w", err)
	}
	var status string
	for _, p := range meta.Packages {
		if p.Name == "http" {
			src.Version = p.Version
			status = filepath.Join(filepath.Dir(p.ManifestPath), "src", "status.rs")
		}
	}
	if status == "" {
		return nil, fmt.Errorf("cargo metadata lists no http crate")
	}
	table, err := os.ReadFile(status)
	if err != nil {
		return nil, err
	}
	parsed := map[int][]Name{}
	var program strings.Builder
	program.WriteString("fn main() {\n")
	inTable, deprecated := false, false
	for line := range strings.Lines(string(table)) {
		switch t := strings.TrimSpace(line); {
		case strings.HasPrefix(t, "status_codes! {"):
			inTable = true
		case !inTable:
		case t == "}":
			inTable = false
		case strings.HasPrefix(t, "#[deprecated"):
			deprecated = true
		case rustEntry.MatchString(line):
			m := rustEntry.FindStringSubmatch(line)
			code, _ := strconv.Atoi(m[1])
			parsed[code] = append(parsed[code], Name{Name: m[2], Deprecated: deprecated})
			fmt.Fprintf(&program, "    println!(\"{}\\t%s\", http::StatusCode::%s.as_u16());\n", m[2], m[2])
			deprecated = false
		}
	}
	program.WriteString("}\n")
	if len(parsed) == 0 {
		return nil, fmt.Errorf("%s: no status_codes! table", status)
	}
	// The compiled program is the proof: each name is a constant of the
	// crate, and its value is the code the table gives.
	if err := os.WriteFile(mainRS, []byte(program.String()), 0o644); err != nil {
		return nil, err
	}
	env := []string{"CARGO_TARGET_DIR=" + cargoTarget(tmp)}
	out, err = run(ctx, tmp, env, cargo, "run", "--quiet", "--locked", "--offline")
	if err != nil {
		return nil, err
	}
	ran := map[int][]Name{}
	for line := range strings.Lines(string(out)) {
		code, name, _ := strings.Cut(strings.TrimSpace(line), "\t")
		c, err := strconv.Atoi(code)
		if err != nil {
			return nil, fmt.Errorf("rust: the program printed %q", line)
		}
		ran[c] = append(ran[c], Name{Name: name})
	}
	for code, ns := range parsed {
		var got []string
		for _, n := range ran[code] {
			got = append(got, n.Name)
		}
		for _, n := range ns {
			if !slices.Contains(got, n.Name) {
				return nil, fmt.Errorf("rust: %s says StatusCode::%s is %d, but the compiled crate does not", status, n.Name, code)
			}
		}
		delete(ran, code)
	}
	for code := range ran {
		return nil, fmt.Errorf("rust: the compiled crate has code %d, which %s does not list", code, status)
	}
	return parsed, nil
}

// cargoTarget is where cargo builds the program: a folder in the user's
// cache, so that the crate is compiled once, not on every run; tmp where
// there is no cache.
func cargoTarget(tmp string) string {
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "statusref", "constants-cargo")
	}
	return filepath.Join(tmp, "target")
}
