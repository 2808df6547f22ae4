package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/statusref/statusref/generator"
)

// TestCheckPasses writes a small tree and checks it as `statusref check
// -content DIR` does, with generator.Check: the synthetic entries must be
// valid. A second run replaces the folder with the same files.
func TestCheckPasses(t *testing.T) {
	for _, n := range []int{1, 2, 4, 150} {
		dir := filepath.Join(t.TempDir(), "content")
		if code := run([]string{"-n", strconv.Itoa(n), "-out", dir}, io.Discard, os.Stderr); code != 0 {
			t.Fatalf("synth -n %d: exit %d", n, code)
		}
		c, err := generator.Check(os.DirFS(dir))
		if err != nil {
			t.Fatalf("synth -n %d: check:\n%v", n, err)
		}
		if c.Entries != n {
			t.Errorf("synth -n %d: %d entries", n, c.Entries)
		}
		// Every code has five digits: the folder 4xx/ holds 40001.md on.
		if _, err := os.Stat(filepath.Join(dir, "4xx", "40001.md")); err != nil {
			t.Errorf("synth -n %d: %v", n, err)
		}
		first, _ := os.ReadFile(filepath.Join(dir, "4xx", "40001.md"))
		if code := run([]string{"-n", strconv.Itoa(n), "-out", dir}, io.Discard, os.Stderr); code != 0 {
			t.Fatalf("synth -n %d again: exit %d", n, code)
		}
		again, _ := os.ReadFile(filepath.Join(dir, "4xx", "40001.md"))
		if !bytes.Equal(first, again) || len(first) == 0 {
			t.Errorf("synth -n %d: a second run wrote other bytes", n)
		}
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	var stderr bytes.Buffer
	if code := run([]string{"-n", "3", "-out", dir}, io.Discard, &stderr); code != 1 {
		t.Errorf("synth into a folder it did not write: exit %d, %s", code, stderr.String())
	}
}
