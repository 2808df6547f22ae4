package snippets

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// springLines are the Spring Boot lines every Spring snippet runs on: the
// folder in testdata/spring whose pom.xml fixes the line's versions, and its
// name in messages. The first is the main line.
var springLines = []struct{ Dir, Name string }{
	{"boot-4.0", "Spring Boot 4.0"},
	{"boot-3.5", "Spring Boot 3.5"},
}

const springInstall = "run snippets/install-runtimes.sh"

// runSpring serves the Spring snippets on each Spring Boot line, in one JVM
// per line running one Spring Boot application on embedded Tomcat (see
// testdata/spring/Runner.java). The lines run at the same time.
func runSpring(ctx context.Context, cfg Config, items []*Item) []*Run {
	runs := make([]*Run, len(springLines))
	var wg sync.WaitGroup
	for i, line := range springLines {
		runs[i] = &Run{Framework: "spring", Line: line.Name, Results: map[string]*Result{}}
		lineCfg := cfg
		lineCfg.Work = filepath.Join(cfg.Work, line.Dir)
		if err := os.MkdirAll(lineCfg.Work, 0o755); err != nil {
			runs[i].Err = err
			continue
		}
		// Each line has its own Items: the runner sets their files.
		lineItems := make([]*Item, len(items))
		for j, it := range items {
			c := *it
			lineItems[j] = &c
		}
		wg.Go(func() {
			timed(runs[i], func() { runSpringLine(ctx, lineCfg, line.Dir, lineItems, runs[i]) })
		})
	}
	wg.Wait()
	return runs
}

func runSpringLine(ctx context.Context, cfg Config, dir string, items []*Item, run *Run) {
	for _, tool := range []string{"java", "javac", "mvn"} {
		if _, err := exec.LookPath(tool); err != nil {
			run.Skip = tool + " is not installed: " + springInstall
			return
		}
	}
	// The line's class path, from the local Maven repository only: the
	// install step fetched it.
	cpFile := filepath.Join(cfg.Work, "classpath.txt")
	mvn := exec.CommandContext(ctx, "mvn", "-o", "-q", "-B", "-f", filepath.Join(cfg.TestData, "spring", dir, "pom.xml"),
		"dependency:build-classpath", "-Dmdep.outputFile="+cpFile)
	if out, err := mvn.CombinedOutput(); err != nil {
		run.Skip = fmt.Sprintf("the %s dependencies are not in the local Maven repository (mvn -o: %v; %s): %s",
			run.Line, err, firstLine(string(out)), springInstall)
		return
	}
	cp, err := os.ReadFile(cpFile)
	if err != nil {
		run.Err = err
		return
	}
	classPath := strings.TrimSpace(string(cp))

	src := filepath.Join(cfg.Work, "src")
	for _, it := range items {
		class := controllerClass(it.Snippet.Code)
		if class == "" {
			fail(run, it, 0, "no public @RestController class found: the snippet must be one compilation unit with one public @RestController class")
			continue
		}
		if packageLine.MatchString(it.Snippet.Code) {
			fail(run, it, 0, "the snippet has a package line: leave it out (the test puts each snippet in its own package)")
			continue
		}
		it.Class = class
		it.Name = class + ".java"
		d := filepath.Join(src, it.ID)
		it.File = filepath.Join(d, it.Name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			run.Err = err
			return
		}
		// The package goes on the snippet's first line, so that javac's line
		// numbers are the snippet's.
		code := "package " + it.ID + "; " + it.Snippet.Code
		if err := os.WriteFile(it.File, []byte(code), 0o644); err != nil {
			run.Err = err
			return
		}
	}
	todo := runnable(run, items)
	if len(todo) == 0 {
		return
	}
	harness := filepath.Join(cfg.Work, "harness")
	javac := exec.CommandContext(ctx, "javac", "-proc:none", "-nowarn", "-d", harness, "-cp", classPath,
		filepath.Join(cfg.TestData, "spring", "Runner.java"))
	if out, err := javac.CombinedOutput(); err != nil {
		run.Err = fmt.Errorf("compiling testdata/spring/Runner.java for %s: %v\n%s", run.Line, err, tail(string(out)))
		return
	}
	cmd := exec.CommandContext(ctx, "java",
		"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss4m", "-Xshare:auto",
		"-cp", classPath+string(os.PathListSeparator)+harness,
		"statusref.Runner")
	cmd.Dir = cfg.Work
	serve(ctx, cfg, cmd, todo, run, writeSpringSpec, cfg.Work)
}

// writeSpringSpec writes the Java runner's input: "id<TAB>file<TAB>class"
// lines (the runner has no JSON library common to both lines).
func writeSpringSpec(path string, items []*Item) error {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", it.ID, it.File, it.Class)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

var (
	packageLine    = regexp.MustCompile(`(?m)^\s*package\s+[\w.]+\s*;`)
	restController = regexp.MustCompile(`@(?:[\w.]+\.)?RestController\b(?:\s*\([^)]*\))?(?:\s*@[\w.]+(?:\s*\([^)]*\))?)*\s*public\s+(?:final\s+)?class\s+(\w+)`)
)

// controllerClass finds the name of the snippet's public @RestController
// class.
func controllerClass(code string) string {
	if m := restController.FindStringSubmatch(code); m != nil {
		return m[1]
	}
	return ""
}
