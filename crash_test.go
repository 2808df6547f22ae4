//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/statusref/statusref/generator/testhook"
	"golang.org/x/sys/unix"
)

// TestMain runs the test binary as statusref itself when
// STATUSREF_TEST_CLI=1, so that TestCrash can start builds and kill them.
// With STATUSREF_TEST_PAUSE=point as well, the build stops at that named
// point of generator.Write, prints "paused at point" on stderr, and waits
// there until SIGINT or SIGTERM has stopped the build's context (SIGKILL
// ends it there), or 20 seconds at most. Only this test binary reads
// these variables.
func TestMain(m *testing.M) {
	if os.Getenv("STATUSREF_TEST_CLI") == "1" {
		if p := os.Getenv("STATUSREF_TEST_PAUSE"); p != "" {
			var stopped <-chan struct{}
			notifyContext = func(parent context.Context, sig ...os.Signal) (context.Context, context.CancelFunc) {
				ctx, stop := signal.NotifyContext(parent, sig...)
				stopped = ctx.Done()
				return ctx, stop
			}
			var once sync.Once
			testhook.Pause = func(point string) {
				if point != p {
					return
				}
				once.Do(func() {
					fmt.Fprintf(os.Stderr, "paused at %s\n", point)
					select {
					case <-stopped:
					case <-time.After(20 * time.Second):
					}
				})
			}
		}
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestCrash kills `statusref build` (this test binary, run as the CLI)
// while it replaces one site with another: at each named point of Write,
// and after random delays spread over a build, with SIGKILL and SIGINT.
// After every kill public/ must be the old site or the new one, user files
// included; after the next build it must be the new one, with nothing
// beside it but the lock file. STATUSREF_CRASH_SEED repeats a run, and
// STATUSREF_CRASH_KILLS=N makes N random kills instead of 24.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts some 60 builds")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	contentA := contentDir(t, "generator/testdata/site.txtar")
	// B changes a page and drops the comparison, so that compare/ is no
	// longer generated and holds only a user's file.
	contentB := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(contentB, os.DirFS(contentA)); err != nil {
		t.Fatal(err)
	}
	entry := filepath.Join(contentB, "4xx", "412.md")
	src, _ := os.ReadFile(entry)
	if !bytes.Contains(src, []byte("summary: Short summary of 412.")) {
		t.Fatal("site.txtar's 412 has changed: update this test")
	}
	os.WriteFile(entry, bytes.Replace(src, []byte("summary: Short summary of 412."), []byte("summary: Another summary of 412."), 1), 0o644)
	os.Remove(filepath.Join(contentB, "compare", "412-vs-428.md"))
	os.Remove(filepath.Join(contentB, "compare"))

	out := filepath.Join(t.TempDir(), "public")
	cli := func(content, pause string) *exec.Cmd {
		cmd := exec.Command(exe, "build", "-no-cache", "-content", content, "-out", out)
		cmd.Env = append(os.Environ(), "STATUSREF_TEST_CLI=1", "STATUSREF_TEST_PAUSE="+pause)
		return cmd
	}
	took := time.Hour // the quickest build, start to end
	build := func(content string) {
		t.Helper()
		start := time.Now()
		if b, err := cli(content, "").CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, b)
		}
		took = min(took, time.Since(start))
	}

	build(contentA)
	for name, data := range map[string]string{"CNAME": "status.example.org", "compare/notes.txt": "mine"} {
		if err := os.WriteFile(filepath.Join(out, filepath.FromSlash(name)), []byte(data), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(out, "drafts"), 0o700)
	os.Chmod(out, 0o750)
	siteA := state(t, out)
	build(contentB)
	siteB := state(t, out)
	build(contentA)
	if diff := cmp.Diff(siteA, state(t, out)); diff != "" {
		t.Fatalf("building A again gives another site (-first +second):\n%s", diff)
	}
	if cmp.Equal(siteA, siteB) {
		t.Fatal("the two sites are the same")
	}

	type kill struct {
		sig   syscall.Signal
		pause string        // a point of Write, or
		delay time.Duration // a time after the start
	}
	var kills []kill
	for _, p := range []string{"mkdir", "rendered", "carrying", "swap", "swapped", "cleaning"} {
		kills = append(kills, kill{sig: syscall.SIGKILL, pause: p}, kill{sig: syscall.SIGINT, pause: p})
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("STATUSREF_CRASH_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("STATUSREF_CRASH_SEED=%d; a build takes %v", seed, took)
	rnd := rand.New(rand.NewPCG(seed, 0))
	n := 24
	if s := os.Getenv("STATUSREF_CRASH_KILLS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	for i := range n {
		sig := syscall.SIGKILL
		if i%2 == 1 {
			sig = syscall.SIGINT
		}
		kills = append(kills, kill{sig: sig, delay: time.Duration(rnd.Int64N(int64(took)))})
	}

	sites := map[string]map[string]string{contentA: siteA, contentB: siteB}
	current, landed := contentA, 0
	for _, k := range kills {
		next := contentB
		if current == contentB {
			next = contentA
		}
		name := fmt.Sprintf("%v at %s", k.sig, k.pause)
		if k.pause == "" {
			name = fmt.Sprintf("%v after %v", k.sig, k.delay)
		}
		cmd := cli(next, k.pause)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		paused := make(chan struct{})
		var rest bytes.Buffer
		drained := make(chan struct{})
		go func() {
			defer close(drained)
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				if sc.Text() == "paused at "+k.pause {
					close(paused)
					continue
				}
				rest.WriteString(sc.Text() + "\n")
			}
			io.Copy(io.Discard, stderr)
		}()
		if k.pause != "" {
			select {
			case <-paused:
			case <-drained:
				cmd.Wait()
				t.Fatalf("%s: the build never paused:\n%s", name, rest.String())
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("%s: the build did not pause within 20s", name)
			}
		} else {
			time.Sleep(k.delay)
		}
		cmd.Process.Signal(k.sig)
		<-drained
		err = cmd.Wait()
		code := cmd.ProcessState.ExitCode() // -1 when a signal ended it
		if code != 0 || k.pause != "" {
			landed++
		}

		got := state(t, out)
		swapped := k.pause == "swapped" || k.pause == "cleaning"
		switch {
		case k.pause != "" && !swapped && !cmp.Equal(got, sites[current]):
			t.Errorf("%s (%v): public/ is not the old site:\n%s", name, err, cmp.Diff(sites[current], got))
		case swapped && !cmp.Equal(got, sites[next]):
			t.Errorf("%s (%v): public/ is not the new site:\n%s", name, err, cmp.Diff(sites[next], got))
		case !cmp.Equal(got, sites[current]) && !cmp.Equal(got, sites[next]):
			t.Errorf("%s (%v): public/ is neither site:\n%s", name, err, cmp.Diff(sites[next], got))
		}
		if k.sig == syscall.SIGINT && k.pause != "" {
			// The build caught the signal: it stopped before the swap, or
			// finished after it, and cleaned up either way.
			switch {
			case swapped && code != 0:
				t.Errorf("%s: exit %d after the swap, want 0:\n%s", name, code, rest.String())
			case !swapped && (code != 1 || !strings.Contains(rest.String(), "statusref build: stopped by a signal; "+out+" is as it was")):
				t.Errorf("%s: exit %d, stderr %q; want exit 1 and the signal named", name, code, rest.String())
			}
			if l := beside(t, out); len(l) > 0 {
				t.Errorf("%s: the interrupted build left %v", name, l)
			}
		}

		build(next)
		if diff := cmp.Diff(sites[next], state(t, out)); diff != "" {
			t.Errorf("%s: the next build gives another site (-want +got):\n%s", name, diff)
		}
		if l := beside(t, out); len(l) > 0 {
			t.Errorf("%s: after the next build, beside public/: %v", name, l)
		}
		current = next
	}
	t.Logf("%d of %d kills landed in a build", landed, len(kills))
	if landed < 20 {
		t.Errorf("only %d kills landed in a build, want at least 20", landed)
	}
}

// state describes the tree at dir: each file with its mode and bytes,
// each folder with its mode, each link with where it points.
func state(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			m[rel] = fmt.Sprintf("folder %v", info.Mode())
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			m[rel] = "link to " + target
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m[rel] = fmt.Sprintf("%v %s", info.Mode(), data)
		}
		return nil
	})
	if err != nil {
		m["error"] = err.Error() // a missing site is neither site
	}
	return m
}

// TestBuildWaitsForTheLock holds the lock beside public/ as another
// build would: the build waits, then builds when the lock is free.
func TestBuildWaitsForTheLock(t *testing.T) {
	content := contentDir(t, "generator/testdata/site.txtar")
	out := filepath.Join(t.TempDir(), "public")
	lock, err := os.OpenFile(filepath.Join(filepath.Dir(out), ".public.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{})
	defer func() { testhook.Pause = nil }()
	testhook.Pause = func(point string) {
		if point == "lock-wait" {
			close(waiting)
		}
	}
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, stdout, stderr := runCLI("build", "-no-cache", "-content", content, "-out", out)
		done <- result{code, stdout, stderr}
	}()
	select {
	case <-waiting:
	case r := <-done:
		t.Fatalf("the build did not wait for the lock: exit %d, %s", r.code, r.stderr)
	case <-time.After(10 * time.Second):
		t.Fatal("the build neither waited nor finished")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the build wrote public/ while another held the lock")
	}
	lock.Close() // releases the lock
	if r := <-done; r.code != 0 || !strings.HasPrefix(r.stdout, "wrote 6 pages") {
		t.Errorf("build: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if l := beside(t, out); len(l) > 0 {
		t.Errorf("left beside public/: %v", l)
	}
}
