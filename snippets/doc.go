// Package snippets holds the test that runs every code example in content/
// against its real framework: go test ./snippets. See README.md.
//
// The package has no API. Its non-test files are the harness: they turn each
// snippet into a small app, run one runner process per framework (the scripts
// in testdata/) over all of that framework's snippets, and check the
// responses against the entry's scenarios. The same runners serve the bare
// apps of testdata/bare that the entries' sent_by scenarios run against, and
// nginx.go runs nginx on each nginx sent_by item's configuration.
package snippets
