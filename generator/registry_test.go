package generator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRegistryMatchesIANA checks the embedded registry against the copy of
// IANA's CSV in shared/reference, which sits beside the repository on the
// developers' machines and in CI. A clone without it skips.
func TestRegistryMatchesIANA(t *testing.T) {
	ref := filepath.Join("..", "..", "shared", "reference", "iana-status-codes.csv")
	want, err := os.ReadFile(ref)
	if os.IsNotExist(err) {
		t.Skipf("no %s beside the repository", ref)
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != ianaCSV {
		t.Errorf("generator/iana-status-codes.csv differs from %s: copy it over", ref)
	}
}

func TestParseRegistry(t *testing.T) {
	reg := registry()
	tests := []struct {
		code int
		want registryEntry
	}{
		{100, registryEntry{Reason: "Continue", RFC: 9110, Section: "15.2.1"}},
		{103, registryEntry{Reason: "Early Hints", RFC: 8297}},
		{104, registryEntry{Reason: "Upload Resumption Supported", Draft: "draft-ietf-httpbis-resumable-upload-05", Expires: "2026-11-13"}},
		{412, registryEntry{Reason: "Precondition Failed", RFC: 9110, Section: "15.5.13"}},
		{418, registryEntry{Reason: "(Unused)", RFC: 9110, Section: "15.5.19"}},
		{510, registryEntry{Reason: "Not Extended (OBSOLETED)", RFC: 2774}},
	}
	for _, tt := range tests {
		if got := reg[tt.code]; got != tt.want {
			t.Errorf("registry[%d] = %+v, want %+v", tt.code, got, tt.want)
		}
	}
	for code, want := range map[int]string{104: "temporary", 306: "unused", 412: "permanent", 510: "obsolete"} {
		if got := reg[code].status(); got != want {
			t.Errorf("registry[%d].status() = %q, want %q", code, got, want)
		}
	}
	if len(reg) != 64 {
		t.Errorf("the registry has %d codes, want the CSV's 64", len(reg))
	}
	for _, bad := range []string{
		"code,reason\n100,Continue\n",
		"code,reason,reference\nabc,Continue,[RFC9110]\n",
		"code,reason,reference\n100,Continue,[somewhere]\n",
		"code,reason,reference\n100,Continue,[RFC9110]\n100,Again,[RFC9110]\n",
	} {
		if _, err := parseRegistry(bad); err == nil {
			t.Errorf("parseRegistry(%q) succeeded, want an error", bad)
		}
	}
	if reg, err := parseRegistry("code,reason,reference\n104-199,Unassigned,\n"); err != nil || len(reg) != 0 {
		t.Errorf("an unassigned range: %v, %v", reg, err)
	}
}

// TestContentAgreesWithIANA checks every official entry of the real
// content against the registry: reason, status, spec and its link.
func TestContentAgreesWithIANA(t *testing.T) {
	c, err := load(os.DirFS(filepath.Join("..", "content")), false)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range c.Entries {
		reg, registered := registry()[e.Code]
		if !e.Official() {
			if registered {
				t.Errorf("%s: %d is registered as %q, but the entry is unofficial", e.File, e.Code, reg.Reason)
			}
			continue
		}
		n++
		if !registered {
			t.Errorf("%s: %d is not in the IANA registry", e.File, e.Code)
			continue
		}
		if e.Reason != reg.Reason || e.Status != reg.status() {
			t.Errorf("%s: %q (%s), the registry says %q (%s)", e.File, e.Reason, e.Status, reg.Reason, reg.status())
		}
		wantSpec, wantURL := reg.Draft, draftURL(reg.Draft)
		if reg.Draft == "" {
			wantSpec = "RFC " + itoa(reg.RFC) + ", Section " + reg.Section
			wantURL = specURL(reg.RFC, reg.Section)
			if reg.Section == "" {
				wantSpec = "RFC " + itoa(reg.RFC) + ", Section "
				wantURL = specURL(reg.RFC, "")
			}
		}
		if !strings.HasPrefix(e.Spec, wantSpec) || !strings.HasPrefix(e.SpecURL, wantURL) {
			t.Errorf("%s: spec %q (%s), the registry gives %q (%s)", e.File, e.Spec, e.SpecURL, wantSpec, wantURL)
		}
	}
	if n == 0 {
		t.Fatal("no official entry in content/")
	}
}

// TestEveryRegisteredCodeHasAnEntry keeps the footer's claim true: every
// code in the IANA registry, from 100 to 599, has its page.
func TestEveryRegisteredCodeHasAnEntry(t *testing.T) {
	c, err := load(os.DirFS(filepath.Join("..", "content")), false)
	if err != nil {
		t.Fatal(err)
	}
	have := map[int]bool{}
	for _, e := range c.Entries {
		have[e.Code] = true
	}
	var missing []int
	for code := range registry() {
		if !have[code] {
			missing = append(missing, code)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("registered codes without an entry: %v (write content/<class>/<code>.md with statusref new <code>)", missing)
	}
}

// TestEveryEntryHasAQuickAnswer: every status page of the site opens with
// its quick answer (check validates one where it is given; statusref new
// scaffolds it, and this keeps the real content complete).
func TestEveryEntryHasAQuickAnswer(t *testing.T) {
	c, err := load(os.DirFS(filepath.Join("..", "content")), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range c.Entries {
		if e.Quick == nil {
			t.Errorf("content/%s has no quick answer: add quick.client and quick.server after its summary (see CONTRIBUTING.md)", e.File)
		}
	}
}
