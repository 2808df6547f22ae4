package generator

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// ianaCSV is the IANA HTTP Status Code Registry as IANA publishes it
// (https://www.iana.org/assignments/http-status-codes, the CSV export:
// code, reason, reference). The registry below is derived from it;
// TestRegistryMatchesIANA checks it against the copy in shared/reference
// when that is present. To update it, replace the file with IANA's export.
//
//go:embed iana-status-codes.csv
var ianaCSV string

// registryEntry is one registered code.
type registryEntry struct {
	Reason  string // "Precondition Failed"; for a temporary one without its note
	RFC     int    // the defining RFC, 0 for a draft
	Section string // "15.5.13", or "" where the registry names only the RFC
	Draft   string // the Internet-Draft of a temporary registration
	Expires string // the expiry date (YYYY-MM-DD) of a temporary registration
}

// status is the status an entry for the code must give: "unused",
// "obsolete", "temporary" or "permanent".
func (r registryEntry) status() string {
	switch {
	case r.Reason == "(Unused)":
		return "unused"
	case strings.HasSuffix(r.Reason, "(OBSOLETED)"):
		return "obsolete"
	case r.Expires != "":
		return "temporary"
	}
	return "permanent"
}

var (
	ianaRefRE       = regexp.MustCompile(`^\[RFC(\d+)(?:, Section (\d+(?:\.\d+)*))?\]`)
	ianaDraftRE     = regexp.MustCompile(`^\[(draft-[a-z0-9-]+)\]$`)
	ianaTemporaryRE = regexp.MustCompile(`^(.*) \(TEMPORARY - .*expires (\d{4}-\d{2}-\d{2})\)$`)
)

// parseRegistry reads IANA's CSV export. Rows that are ranges of
// unassigned codes ("104-199") are skipped.
func parseRegistry(src string) (map[int]registryEntry, error) {
	rows, err := csv.NewReader(strings.NewReader(src)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "code,reason,reference" {
		return nil, fmt.Errorf("the header is not code,reason,reference")
	}
	reg := map[int]registryEntry{}
	for i, row := range rows[1:] {
		code, err := strconv.Atoi(row[0])
		if err != nil {
			if strings.Contains(row[0], "-") && row[1] == "Unassigned" {
				continue
			}
			return nil, fmt.Errorf("row %d: code %q", i+2, row[0])
		}
		e := registryEntry{Reason: row[1]}
		if m := ianaTemporaryRE.FindStringSubmatch(row[1]); m != nil {
			e.Reason, e.Expires = m[1], m[2]
		}
		switch ref := row[2]; {
		case ianaRefRE.MatchString(ref):
			m := ianaRefRE.FindStringSubmatch(ref)
			e.RFC, _ = strconv.Atoi(m[1])
			e.Section = m[2]
		case ianaDraftRE.MatchString(ref):
			e.Draft = ianaDraftRE.FindStringSubmatch(ref)[1]
		default:
			return nil, fmt.Errorf("row %d: reference %q names neither an RFC nor a draft", i+2, ref)
		}
		if _, dup := reg[code]; dup {
			return nil, fmt.Errorf("row %d: code %d twice", i+2, code)
		}
		reg[code] = e
	}
	return reg, nil
}

// registry is the IANA registry, by code. It is embedded data, so a parse
// failure is a bug of the build, not of the user's content.
var registry = sync.OnceValue(func() map[int]registryEntry {
	reg, err := parseRegistry(ianaCSV)
	if err != nil {
		panic("generator: iana-status-codes.csv: " + err.Error())
	}
	return reg
})

// RegisteredReason returns the IANA reason phrase of code, if registered.
func RegisteredReason(code int) (string, bool) {
	r, ok := registry()[code]
	return r.Reason, ok
}
