package snippets

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// python is Debian's interpreter: a python3 earlier on PATH (pyenv, a
// virtualenv) does not see Debian's python3-fastapi.
const python = "/usr/bin/python3"

// runFastAPI runs the FastAPI snippets through fastapi.testclient.TestClient
// on Debian's python3-fastapi and python3-httpx.
func runFastAPI(ctx context.Context, cfg Config, items []*Item, run *Run) {
	const install = "apt-get install python3-fastapi python3-httpx"
	if _, err := os.Stat(python); err != nil {
		run.Skip = python + " is missing: " + install
		return
	}
	probe := exec.CommandContext(ctx, python, "-c", "import fastapi, httpx, fastapi.testclient")
	if out, err := probe.CombinedOutput(); err != nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		run.Skip = python + " cannot import FastAPI (" + lines[len(lines)-1] + "): " + install
		return
	}
	src := filepath.Join(cfg.Work, "src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		run.Err = err
		return
	}
	for _, it := range items {
		it.Name = it.ID + ".py"
		it.File = filepath.Join(src, it.Name)
		if err := os.WriteFile(it.File, []byte(it.Snippet.Code), 0o644); err != nil {
			run.Err = err
			return
		}
	}
	// -I: leave out the user's site-packages and PYTHON* variables, so the
	// run sees Debian's packages only. -B: no __pycache__ next to the sources.
	cmd := exec.CommandContext(ctx, python, "-I", "-B", filepath.Join(cfg.TestData, "fastapi", "runner.py"))
	cmd.Dir = cfg.Work
	execRunner(ctx, cfg, cmd, items, run)
}
