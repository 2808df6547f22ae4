package snippets

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
)

// runExpress serves the Express snippets on Node's HTTP server, under node
// with the Express pinned in testdata/express/package-lock.json.
func runExpress(ctx context.Context, cfg Config, items []*Item, run *Run) {
	node, err := exec.LookPath("node")
	if err != nil {
		run.Skip = "node is not installed: run snippets/install-runtimes.sh"
		return
	}
	dir := filepath.Join(cfg.TestData, "express")
	modules := filepath.Join(dir, "node_modules")
	if _, err := os.Stat(filepath.Join(modules, "express", "package.json")); err != nil {
		run.Skip = "Express is not installed: run snippets/install-runtimes.sh"
		return
	}
	for _, it := range items {
		it.Name = it.ID + ".js"
		it.File = filepath.Join(cfg.Work, it.Name)
		// The snippet as written: Node's module wrapper keeps its lines.
		if err := os.WriteFile(it.File, []byte(it.Snippet.Code), 0o644); err != nil {
			run.Err = err
			return
		}
	}
	cmd := exec.CommandContext(ctx, node, filepath.Join(dir, "runner.js"))
	// The snippets sit in the scratch directory; require('express') finds
	// the pinned copy through NODE_PATH.
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	cmd.Dir = cfg.Work
	serve(ctx, cfg, cmd, items, run, writeSpec)
}
