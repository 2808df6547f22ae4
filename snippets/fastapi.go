package snippets

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// venv is the virtual environment snippets/install-runtimes.sh makes from
// testdata/fastapi/requirements.txt, relative to testdata.
const venv = "../.venv"

// runFastAPI serves the FastAPI snippets under uvicorn, from the virtual
// environment with the FastAPI, pydantic, Starlette and uvicorn pinned by
// testdata/fastapi/requirements.txt.
func runFastAPI(ctx context.Context, cfg Config, items []*Item, run *Run) {
	const install = "run snippets/install-runtimes.sh"
	python := filepath.Join(cfg.TestData, venv, "bin", "python")
	if _, err := os.Stat(python); err != nil {
		run.Skip = "no virtual environment in snippets/.venv: " + install
		return
	}
	probe := exec.CommandContext(ctx, python, "-I", "-c", "import fastapi, pydantic, starlette, uvicorn")
	if out, err := probe.CombinedOutput(); err != nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		run.Skip = "snippets/.venv cannot import FastAPI and uvicorn (" + lines[len(lines)-1] + "): " + install
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
	// run sees the virtual environment's packages only. -B: no __pycache__
	// next to the sources.
	cmd := exec.CommandContext(ctx, python, "-I", "-B", filepath.Join(cfg.TestData, "fastapi", "runner.py"))
	cmd.Dir = cfg.Work
	serve(ctx, cfg, cmd, items, run, writeSpec)
}
