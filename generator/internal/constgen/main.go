// Command constgen asks every HTTP library package constants knows for
// its names of the status codes, and writes them to a data file:
//
//	go generate ./generator   # runs: go run ./internal/constgen -o constants.json
//
// It fails, writing nothing, when any library cannot be asked: a file
// without one of them would drop its names from every page. The file is
// replaced in one step (a temporary file renamed over it), so a failed or
// interrupted run leaves the old one whole.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/statusref/statusref/generator/internal/constants"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	f := flag.NewFlagSet("constgen", flag.ContinueOnError)
	f.SetOutput(stderr)
	out := f.String("o", "", "the data file to write (required)")
	if err := f.Parse(args); err != nil {
		return 2
	}
	if *out == "" || f.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: constgen -o FILE")
		return 2
	}
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(stderr, "constgen:", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	d, err := constants.Generate(ctx, constants.Config{Root: root})
	if err != nil {
		fmt.Fprintf(stderr, "constgen: %s is unchanged:\n%v\n", *out, err)
		return 1
	}
	data, err := constants.Marshal(d)
	if err != nil {
		fmt.Fprintln(stderr, "constgen:", err)
		return 1
	}
	if err := replace(*out, data); err != nil {
		fmt.Fprintln(stderr, "constgen:", err)
		return 1
	}
	return 0
}

// moduleRoot is the folder of the go.mod above the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory: run it with go generate ./generator")
		}
		dir = parent
	}
}

// replace writes data to a temporary file beside name and renames it over
// name.
func replace(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
