package generator

import "testing"

func TestFrameworkOf(t *testing.T) {
	tests := []struct {
		name, info, want, msg string
		extra                 string // frameworks registered for the case
	}{
		{name: "language alone", info: "python", want: "fastapi"},
		{name: "language and name", info: "python fastapi", want: "fastapi"},
		{name: "more words after the name", info: "go go title=x", want: "go"},
		{name: "unknown language", info: "ruby",
			msg: `code block "ruby" in "Code examples" is not a known framework: use js (Express), python (FastAPI), java (Spring) or go (Go)`},
		{name: "unknown name", info: "python flask",
			msg: `code block "python flask" names no known framework: use one of js (Express), python (FastAPI), java (Spring) or go (Go)`},
		{name: "name in the wrong language", info: "js fastapi",
			msg: "code block \"js fastapi\": FastAPI examples are written in python: start the block with ```python fastapi"},
		{name: "no info", info: "",
			msg: `a code block in "Code examples" needs a language and a framework, e.g. js (Express), python (FastAPI), java (Spring) or go (Go)`},
		{name: "a shared language is ambiguous alone", info: "python", extra: "flask Flask python optional",
			msg: "code block \"python\" could be ```python fastapi or ```python flask: name the framework after the language"},
		{name: "a shared language with a name", info: "python flask", extra: "flask Flask python optional", want: "flask"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.extra != "" {
				registerFrameworks(t, tt.extra)
			}
			f, msg := frameworkOf(tt.info)
			if f.Name != tt.want || msg != tt.msg {
				t.Errorf("frameworkOf(%q) = %q, %q\nwant %q, %q", tt.info, f.Name, msg, tt.want, tt.msg)
			}
		})
	}
}

func TestRegisterFrameworkRefusesDuplicates(t *testing.T) {
	registerFrameworks(t, "flask Flask python optional")
	defer func() {
		if recover() == nil {
			t.Error("registering express twice did not panic")
		}
	}()
	registerFramework(Framework{Name: "express", Label: "Express again", Lang: "js"})
}
