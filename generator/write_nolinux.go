//go:build !linux

package generator

// exchangeDirs returns errNoExchange: outside Linux, Write swaps folders
// with two renames.
func exchangeDirs(a, b string) error { return errNoExchange }
