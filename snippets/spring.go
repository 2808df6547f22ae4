package snippets

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// javaLib is where Debian puts its jars; the JVM expands the "*" itself.
const javaLib = "/usr/share/java"

// The Debian packages that the Spring runner needs.
const springInstall = "apt-get install default-jdk-headless libspring-web-java libspring-web-servlet-java libspring-context-java libspring-test-java libservlet-api-java libjackson2-databind-java"

// runSpring compiles the Spring snippets in one batch against Debian's
// Spring 4.3 jars and runs each through MockMvc's standalone setup.
func runSpring(ctx context.Context, cfg Config, items []*Item, run *Run) {
	for _, tool := range []string{"java", "javac"} {
		if _, err := exec.LookPath(tool); err != nil {
			run.Skip = tool + " is not installed: " + springInstall
			return
		}
	}
	// Debian names the 4.3 jars spring3-*.jar; match loosely.
	for _, jar := range []string{"spring*web*servlet*.jar", "spring*test*.jar", "spring*context*.jar", "servlet-api*.jar", "jackson-databind*.jar"} {
		if m, _ := filepath.Glob(filepath.Join(javaLib, jar)); len(m) == 0 {
			run.Skip = fmt.Sprintf("no %s in %s: %s", jar, javaLib, springInstall)
			return
		}
	}
	stubDir := filepath.Join(cfg.TestData, "spring", "stubs")
	stubs, err := stubTypes(stubDir)
	if err != nil {
		run.Err = err
		return
	}
	if len(stubs) == 0 {
		run.Notes = append(run.Notes, "Spring stubs: none (every type the snippets use is Spring 4.3's own)")
	} else {
		run.Notes = append(run.Notes, "Spring stubs standing in for Spring 6 types: "+strings.Join(stubs, ", "))
	}

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
		dir := filepath.Join(src, it.ID)
		it.File = filepath.Join(dir, it.Name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
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
	// One JVM: the source launcher compiles Runner.java, which compiles the
	// snippets with the JDK's compiler in the same process.
	cmd := exec.CommandContext(ctx, "java",
		"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss4m",
		"-cp", javaLib+"/*",
		filepath.Join(cfg.TestData, "spring", "Runner.java"))
	cmd.Dir = cfg.Work
	execRunner(ctx, cfg, cmd, todo, run, cfg.Work, stubDir)
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

var (
	stubPackage = regexp.MustCompile(`(?m)^\s*package\s+([\w.]+)\s*;`)
	stubType    = regexp.MustCompile(`(?m)^public\s+(?:(?:final|abstract|sealed|static)\s+)*(?:class|interface|enum|record|@interface)\s+(\w+)`)
)

// stubTypes lists the types the Java files in dir declare, by full name.
func stubTypes(dir string) ([]string, error) {
	var types []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if os.IsNotExist(err) {
			return filepath.SkipDir
		}
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".java") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		pkg := ""
		if m := stubPackage.FindSubmatch(b); m != nil {
			pkg = string(m[1]) + "."
		}
		found := false
		for _, m := range stubType.FindAllSubmatch(b, -1) {
			types = append(types, pkg+string(m[1]))
			found = true
		}
		if !found {
			types = append(types, pkg+strings.TrimSuffix(d.Name(), ".java"))
		}
		return nil
	})
	sort.Strings(types)
	return types, err
}
