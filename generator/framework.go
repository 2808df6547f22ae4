package generator

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Framework is one web framework that code examples are written for, and
// everything the site knows of it. Adding a framework is one
// registerFramework call here, plus a runner under the same name in
// snippets/ (which the product does not import; a test there requires a
// runner for every registered framework).
type Framework struct {
	// Name is the framework's key: in api/codes.json, in a fence's info
	// string (```python fastapi) and in the tab's id and class.
	Name string
	// Label is the name shown on its tab.
	Label string
	// Lang is the fence language of its examples, which also picks
	// chroma's lexer. A fence that gives only the language selects the
	// framework when no other framework shares that language.
	Lang string
	// Required frameworks must have an example in every entry. An optional
	// one is shown where an entry has it, and missing nowhere.
	Required bool
	// Starter is the code `statusref new` puts in a new entry's example,
	// with TODO marks for the contributor and {{code}} for the code.
	Starter string
	// TestedWith says what its examples last ran on, from the versions in
	// content/tested-with.yaml (written by go test ./snippets -record),
	// e.g. "FastAPI 0.165.0 (pydantic 2.14.4) on uvicorn 0.55.0 and
	// Starlette 1.10.0"; "" when they have not run.
	TestedWith func(versions map[string]string) string
}

var frameworks struct {
	sync.RWMutex
	list []Framework // in the order the site shows them
}

// registerFramework adds f to the frameworks, after those registered
// before it. Like chroma's lexers.Register, it is called while the program
// starts, and a second framework with the same name is a programming
// error.
func registerFramework(f Framework) Framework {
	frameworks.Lock()
	defer frameworks.Unlock()
	if f.Name == "" || f.Label == "" || f.Lang == "" || strings.ContainsAny(f.Name+f.Lang, " \t\n") {
		panic(fmt.Sprintf("generator: framework %+v needs a name, a label and a language, without spaces", f))
	}
	if slices.ContainsFunc(frameworks.list, func(g Framework) bool { return g.Name == f.Name }) {
		panic("generator: framework " + f.Name + " registered twice")
	}
	if f.TestedWith == nil {
		f.TestedWith = testedAs(f.Label, f.Name)
	}
	frameworks.list = append(frameworks.list, f)
	return f
}

// Frameworks returns the registered frameworks, in the order the site
// shows them.
func Frameworks() []Framework {
	frameworks.RLock()
	defer frameworks.RUnlock()
	return slices.Clone(frameworks.list)
}

// The frameworks of the site, and how each names what its examples ran
// on: its own version and the server and runtime under it.
var (
	_ = registerFramework(Framework{Name: "express", Label: "Express", Lang: "js", Required: true,
		TestedWith: func(v map[string]string) string {
			if v["express"] == "" {
				return ""
			}
			return testedAs("Express", "express")(v) + onRuntimes(v, "Node.js", "node")
		},
		Starter: `const express = require('express');

const app = express();

// TODO: the route that answers {{code}}, with the headers the spec requires.

module.exports = app;
`})
	_ = registerFramework(Framework{Name: "fastapi", Label: "FastAPI", Lang: "python", Required: true,
		Starter: `from fastapi import FastAPI

app = FastAPI()

# TODO: the route that answers {{code}}, with the headers the spec requires.
`,
		TestedWith: func(v map[string]string) string {
			s := testedAs("FastAPI", "fastapi")(v)
			if s == "" {
				return ""
			}
			if v["pydantic"] != "" {
				s += tr("tested.aside", "pydantic "+v["pydantic"])
			}
			return s + onRuntimes(v, "uvicorn", "uvicorn", "Starlette", "starlette")
		}})
	_ = registerFramework(Framework{Name: "spring", Label: "Spring", Lang: "java", Required: true,
		Starter: `import org.springframework.web.bind.annotation.RestController;

@RestController
public class TODOController {
    // TODO: the handler that answers {{code}}, with the headers the spec requires.
}
`,
		TestedWith: func(v map[string]string) string {
			if s := springBootLines(v); s != "" {
				return s + onRuntimes(v, "Java", "java")
			}
			return ""
		}})
	_ = registerFramework(Framework{Name: "go", Label: "Go", Lang: "go", Required: true,
		Starter: `package main

import (
	"log"
	"net/http"
)

func routes() http.Handler {
	mux := http.NewServeMux()
	// TODO: the handler that answers {{code}}, with the headers the spec requires.
	return mux
}

func main() {
	log.Fatal(http.ListenAndServe(":8080", routes()))
}
`})
)

// testedAs names a runtime by label and the version recorded under key.
func testedAs(label, key string) func(map[string]string) string {
	return func(v map[string]string) string {
		if v[key] == "" {
			return ""
		}
		return label + " " + strings.TrimPrefix(v[key], "go")
	}
}

// onRuntimes names what a framework ran on, from pairs of a label and a
// key: " on uvicorn 0.55.0 and Starlette 1.10.0". Missing keys are left
// out.
func onRuntimes(v map[string]string, labelKeys ...string) string {
	var parts []string
	for i := 0; i+1 < len(labelKeys); i += 2 {
		if ver := v[labelKeys[i+1]]; ver != "" {
			parts = append(parts, labelKeys[i]+" "+ver)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return tr("tested.on", joinAnd(parts))
}

// springBootLines names every Spring Boot line the Spring examples ran on,
// newest first, from the keys spring-boot-<line>, spring-framework-<line>
// and tomcat-<line>: "Spring Boot 4.0.9 (Spring Framework 7.0.10, Tomcat
// 11.0.27) and 3.5.16 (Spring Framework 6.2.19, Tomcat 10.1.55)".
func springBootLines(v map[string]string) string {
	var lines []string
	for k := range v {
		if line, ok := strings.CutPrefix(k, "spring-boot-"); ok {
			lines = append(lines, line)
		}
	}
	slices.SortFunc(lines, func(a, b string) int { return compareVersions(b, a) })
	var parts []string
	for _, line := range lines {
		s := v["spring-boot-"+line]
		var with []string
		if fw := v["spring-framework-"+line]; fw != "" {
			with = append(with, tr("tested.spring-framework", fw))
		}
		if tc := v["tomcat-"+line]; tc != "" {
			with = append(with, tr("tested.tomcat", tc))
		}
		if len(with) > 0 {
			s += tr("tested.aside", strings.Join(with, ", "))
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return ""
	}
	return tr("tested.spring-boot", joinAnd(parts))
}

// compareVersions orders dotted versions numerically: 3.10 after 3.5.
func compareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, errx := strconv.Atoi(as[i])
		y, erry := strconv.Atoi(bs[i])
		if errx != nil || erry != nil {
			if c := strings.Compare(as[i], bs[i]); c != 0 {
				return c
			}
			continue
		}
		if x != y {
			return x - y
		}
	}
	return len(as) - len(bs)
}

// frameworkOf resolves a fence's info string ("python", "python fastapi")
// to the framework it selects. msg says what is wrong when none is.
func frameworkOf(info string) (f Framework, msg string) {
	fields := strings.Fields(info)
	if len(fields) == 0 {
		return Framework{}, fmt.Sprintf("a code block in %q needs a language and a framework, e.g. %s", tr(secCode), fenceExamples())
	}
	lang := fields[0]
	all := Frameworks()
	if len(fields) > 1 {
		name := fields[1]
		i := slices.IndexFunc(all, func(f Framework) bool { return f.Name == name })
		switch {
		case i < 0:
			return Framework{}, fmt.Sprintf("code block %q names no known framework: use one of %s", info, fenceExamples())
		case all[i].Lang != lang:
			return Framework{}, fmt.Sprintf("code block %q: %s examples are written in %s: start the block with ```%s %s", info, all[i].Label, all[i].Lang, all[i].Lang, all[i].Name)
		}
		return all[i], ""
	}
	var match []Framework
	for _, f := range all {
		if f.Lang == lang {
			match = append(match, f)
		}
	}
	switch len(match) {
	case 0:
		return Framework{}, fmt.Sprintf("code block %q in %q is not a known framework: use %s", info, tr(secCode), fenceExamples())
	case 1:
		return match[0], ""
	}
	var names []string
	for _, f := range match {
		names = append(names, "```"+f.Lang+" "+f.Name)
	}
	return Framework{}, fmt.Sprintf("code block %q could be %s: name the framework after the language", info, strings.Join(names, " or "))
}

// fence is the shortest info string that selects f: its language alone
// where no other framework shares it, else the language and its name.
func fence(f Framework) string {
	for _, g := range Frameworks() {
		if g.Lang == f.Lang && g.Name != f.Name {
			return f.Lang + " " + f.Name
		}
	}
	return f.Lang
}

// fenceExamples lists the info strings of the frameworks, for messages:
// "js (Express), python (FastAPI), java (Spring) or go (Go)".
func fenceExamples() string {
	var s []string
	for _, f := range Frameworks() {
		s = append(s, fmt.Sprintf("%s (%s)", fence(f), f.Label))
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// sortByFramework puts snippets in the order of Frameworks(), keeping the
// order of those of one framework.
func sortByFramework[S any](s []S, framework func(S) string) {
	all := Frameworks()
	index := func(name string) int {
		if i := slices.IndexFunc(all, func(f Framework) bool { return f.Name == name }); i >= 0 {
			return i
		}
		return len(all)
	}
	slices.SortStableFunc(s, func(a, b S) int { return index(framework(a)) - index(framework(b)) })
}
