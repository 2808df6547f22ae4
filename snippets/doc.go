// Package snippets holds the test that runs every code example in content/
// against its real framework: go test ./snippets. See README.md.
//
// The package has no API. Its non-test files are the harness: they turn each
// snippet into a small app, run one runner process per framework (the scripts
// in testdata/) over all of that framework's snippets, and check the
// responses against the entry's scenarios.
package snippets
