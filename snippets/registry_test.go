package snippets

import (
	"testing"

	"github.com/statusref/statusref/generator"
)

// TestEveryFrameworkHasARunner: a framework registered in the generator
// must have its runner here, under the same name, or its examples would
// go untested.
func TestEveryFrameworkHasARunner(t *testing.T) {
	for _, f := range generator.Frameworks() {
		if runners[f.Name].run == nil {
			t.Errorf("framework %s (%s) has no runner in snippets: add one to runners", f.Name, f.Label)
		}
	}
}
