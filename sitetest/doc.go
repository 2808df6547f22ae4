// Package sitetest checks the built site with the tools the web trusts: the
// Nu HTML Checker (vnu-jar under the machine's Java), htmltest for every
// internal link, and, in Debian's chromium through playwright-core, axe-core
// on every page in both colour schemes and the reader's end-to-end walk
// (browser.test.mjs). TestPageWeight needs no tool.
//
// The site is built from ../content and ../templates into a temporary
// folder; STATUSREF_SITETEST_CONTENT names another content folder.
//
// A missing tool skips its test with a one-line reason, unless
// STATUSREF_REQUIRE_RUNTIMES=1, as in CI, where it fails. sitetest/install.sh
// installs them all.
package sitetest
