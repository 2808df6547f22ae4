// Command synth writes a synthetic content tree of N entries, the error
// catalogue of an imaginary payments API, for benchmarks and for the
// comparison with Hugo (bench/compare-hugo.sh):
//
//	go run ./generator/internal/synth -n 1000 -out /tmp/content [-seed 1]
//
// The tree is the same for the same N and seed; see package synthetic. It
// is written like a built site, through generator.Write: into a temporary
// folder swapped in at the end, so -out is replaced on a second run, and a
// folder synth did not write is refused.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/statusref/statusref/generator"
	"github.com/statusref/statusref/generator/internal/synthetic"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	f := flag.NewFlagSet("synth", flag.ContinueOnError)
	f.SetOutput(stderr)
	n := f.Int("n", 100, "write `N` entries (at most 13332)")
	out := f.String("out", "", "write the content tree into `DIR` (required)")
	seed := f.Uint64("seed", 1, "vary the text with `S`; the same N and S give the same files")
	if err := f.Parse(args); err != nil {
		return 2
	}
	if *out == "" || f.NArg() > 0 || *n < 1 || *n > synthetic.MaxN {
		fmt.Fprintf(stderr, "usage: synth -n N -out DIR [-seed S], with N from 1 to %d\n", synthetic.MaxN)
		return 2
	}
	files := 0
	err := generator.Write(context.Background(), *out, func(o generator.Output) error {
		return synthetic.Generate(*n, *seed, func(name string, data []byte) error {
			files++
			return o.WriteFile(name, data)
		})
	})
	if err != nil {
		fmt.Fprintf(stderr, "synth: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d entries (%d files) to %s\n", *n, files, *out)
	return 0
}
