package generator

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestAPISchema validates every API file of the real site against
// api/schema.json, each against the part that describes it, and checks
// that the schema rejects what it must.
func TestAPISchema(t *testing.T) {
	out := Files{}
	if _, err := Build(os.DirFS("../content"), os.DirFS("../templates"), out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out["api/schema.json"], apiSchema) {
		t.Fatal("the site does not publish api/schema.json")
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(apiSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	part := map[string]*jsonschema.Schema{}
	for _, def := range []string{"codes", "codeDetail", "compareList", "guide"} {
		s, err := c.Compile("schema.json#/$defs/" + def)
		if err != nil {
			t.Fatalf("compiling %s: %v", def, err)
		}
		part[def] = s
	}
	validate := func(name string, data []byte) error {
		def := "codeDetail"
		switch name {
		case "api/codes.json":
			def = "codes"
		case "api/compare.json":
			def = "compareList"
		case "api/guide.json":
			def = "guide"
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return err
		}
		return part[def].Validate(v)
	}
	n := 0
	for name, data := range out {
		if !strings.HasPrefix(name, "api/") || name == "api/schema.json" {
			continue
		}
		n++
		if err := validate(name, data); err != nil {
			t.Errorf("%s does not match api/schema.json: %v", name, err)
		}
	}
	if n < 90 {
		t.Fatalf("only %d API files", n)
	}

	// The schema can fail: a renamed field, a missing one, a wrong type.
	var item map[string]any
	if err := json.Unmarshal(out["api/412.json"], &item); err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(m map[string]any){
		"an unknown field":       func(m map[string]any) { m["reasons"] = "x" },
		"no meaning":             func(m map[string]any) { delete(m, "meaning") },
		"a quick without server": func(m map[string]any) { m["quick"] = map[string]any{"client": "x"} },
		"related as objects":     func(m map[string]any) { m["related"] = []any{map[string]any{"code": 428}} },
	} {
		m := map[string]any{}
		for k, v := range item {
			m[k] = v
		}
		edit(m)
		data, _ := json.Marshal(m)
		if validate("api/412.json", data) == nil {
			t.Errorf("the schema accepts api/412.json with %s", name)
		}
	}
}
