package snippets

import (
	"fmt"
	"github.com/statusref/statusref/generator/examples"
)

// The sent_by scenarios. An entry's sent_by item with a scenario claims that
// a sender (a framework, a server, nginx) sends the code by itself. The test
// runs each against that sender doing the work itself: a bare app with
// ordinary routes (testdata/bare), served by the same runner process as the
// snippets of its framework; or, for nginx, the item's own configuration
// (see nginx.go).

// A bareApp is the app in testdata/bare that the scenarios of a sender run
// against, and the framework runner that serves it.
type bareApp struct {
	ID        string // its item id, a valid module, package and file name
	Framework string // the runner that serves it
	File      string // in testdata/bare
}

// bareApps has every runnable sender's bare app but nginx's; senders of one
// runtime that cannot be reached alone (Tomcat and Spring Boot, under
// Spring) share one.
var bareApps = map[string]bareApp{
	"express":     {"sentby_express", "express", "express.js"},
	"node":        {"sentby_node", "express", "node.js"},
	"fastapi":     {"sentby_fastapi", "fastapi", "fastapi.py"},
	"starlette":   {"sentby_starlette", "fastapi", "starlette.py"},
	"uvicorn":     {"sentby_uvicorn", "fastapi", "uvicorn.py"},
	"spring":      {"sentby_spring", "spring", "ThingsController.java"},
	"spring-boot": {"sentby_spring", "spring", "ThingsController.java"},
	"tomcat":      {"sentby_spring", "spring", "ThingsController.java"},
	"go":          {"sentby_go", "go", "go.go"},
}

// sentByCase is one sent_by item with a scenario.
type sentByCase struct {
	Entry      *examples.Entry
	Item       examples.SentBy
	Display    string // the entry file as reported
	Unselected bool   // -run leaves it out

	app   *Item // the bare app that serves it; nil for nginx
	index int   // its place among app's scenarios, or among the nginx cases
}

// location is the case's entry file and item line, for messages.
func (c *sentByCase) location() string {
	return fmt.Sprintf("%s:%d", c.Display, c.Item.Line)
}

// collectSentBy finds every sent_by item with a scenario; it adds a bare app
// item for each sender a selected case needs to byFramework, and returns the
// cases and the nginx ones among them.
