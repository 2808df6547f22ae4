package generator

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// A sender is something that sends status codes by itself, without the
// reader's code asking: a framework, a server, a proxy, a CDN. An entry's
// sent_by names senders by key. Those the snippet harness runs (Tested)
// must come with a scenario that makes them send the code, and the page
// says which version it was tested on; the others must link the vendor's
// own documentation, and the page says "documented by".
type sender struct {
	Name   string // the key in sent_by's who
	Label  string // as the page names it
	Tested bool   // snippets/ runs it
	// Versions are the keys of content/tested-with.yaml that give the
	// versions it was tested on; several for a sender tested on several
	// lines (Tomcat under both Spring Boot lines).
	Versions []string
}

// senders is every sender an entry may name, tested ones first.
var senders = []sender{
	{"express", "Express", true, []string{"express"}},
	{"node", "Node.js's HTTP server", true, []string{"node"}},
	{"fastapi", "FastAPI", true, []string{"fastapi"}},
	{"starlette", "Starlette", true, []string{"starlette"}},
	{"uvicorn", "uvicorn", true, []string{"uvicorn"}},
	{"spring", "Spring Framework", true, []string{"spring-framework-4.0", "spring-framework-3.5"}},
	{"spring-boot", "Spring Boot", true, []string{"spring-boot-4.0", "spring-boot-3.5"}},
	{"tomcat", "Tomcat", true, []string{"tomcat-4.0", "tomcat-3.5"}},
	{"go", "Go's net/http", true, []string{"go"}},
	{"nginx", "nginx", true, []string{"nginx"}},

	{"apache", "Apache HTTP Server", false, nil},
	{"aws-alb", "AWS Application Load Balancer", false, nil},
	{"aws-cloudfront", "Amazon CloudFront", false, nil},
	{"aws-api-gateway", "Amazon API Gateway", false, nil},
	{"cloudflare", "Cloudflare", false, nil},
	{"iis", "IIS", false, nil},
	{"exchange", "Microsoft Exchange Server", false, nil},
	{"laravel", "Laravel", false, nil},
	{"shopify", "Shopify", false, nil},
	{"tornado", "Tornado's HTTP client", false, nil},
	{"spline", "Spline, ABSA's data-lineage server", false, nil},
	{"esri", "Esri ArcGIS", false, nil},
	{"browser", "Browsers", false, nil},
}

func senderNamed(name string) (sender, bool) {
	i := slices.IndexFunc(senders, func(s sender) bool { return s.Name == name })
	if i < 0 {
		return sender{}, false
	}
	return senders[i], true
}

type sentByMeta struct {
	Who      string    `yaml:"who"`
	When     string    `yaml:"when"`
	Scenario *scenMeta `yaml:"scenario"`
	Config   string    `yaml:"config"`
	Source   string    `yaml:"source"`
}

// validateSentBy checks an entry's sent_by items.
func validateSentBy(e *entry, errs *errorList) {
	for i, s := range e.SentBy {
		item := fmt.Sprintf("sent_by[%d]", i)
		who, known := senderNamed(s.Who)
		if !known {
			var names []string
			for _, k := range senders {
				names = append(names, k.Name)
			}
			errs.Add(e.Pos(item+".who"), "who %q is not a sender statusref knows: use one of %s", s.Who, strings.Join(names, ", "))
		}
		if strings.TrimSpace(s.When) == "" || strings.Contains(s.When, "\n") {
			errs.Add(e.Pos(item), "sent_by needs when: one line on the condition under which %s sends %d", orWho(who, s.Who), e.Code)
		}
		if s.Source != "" {
			if u, err := url.Parse(s.Source); err != nil || u.Scheme != "https" || u.Host == "" {
				errs.Add(e.Pos(item+".source"), "source %q must be an https:// URL of the vendor's own documentation", s.Source)
			}
		}
		switch {
		case !known:
		case who.Tested && s.Scenario == nil:
			errs.Add(e.Pos(item), "%s runs in the test harness: give a scenario in which it sends %d by itself", who.Label, e.Code)
		case !who.Tested && s.Scenario != nil:
			errs.Add(e.Pos(item+".scenario"), "the test harness does not run %s: give a source instead of a scenario", who.Label)
		case !who.Tested && s.Source == "":
			errs.Add(e.Pos(item), "the test harness does not run %s: give a source, a link to its own documentation", who.Label)
		}
		if (s.Config != "") != (s.Who == "nginx" && s.Scenario != nil) {
			if s.Config == "" {
				errs.Add(e.Pos(item), "an nginx scenario needs config: the configuration the test runs nginx with")
			} else {
				errs.Add(e.Pos(item+".config"), "config is for nginx scenarios only")
			}
		}
		if s.Scenario != nil {
			validateScenario(e, item+".scenario", *s.Scenario, errs)
			switch {
			case s.Scenario.Want.Expects(e.Code):
			case isInterim(e.Code):
				// An interim response comes before the final one.
				errs.Add(e.Pos(item+".scenario.want"), "a sent_by scenario shows %s sending %d: want.interim must list %d", orWho(who, s.Who), e.Code, e.Code)
			default:
				errs.Add(e.Pos(item+".scenario.want.status"), "a sent_by scenario shows %s sending %d: want.status must be %d", orWho(who, s.Who), e.Code, e.Code)
			}
		}
	}
}

func orWho(s sender, who string) string {
	if s.Label != "" {
		return s.Label
	}
	return who
}

// testedOn says what versions of a sender the harness ran, from
// tested-with.yaml: "Tomcat 11.0.27 and 10.1.55", or "" when none.
func testedOn(s sender, versions map[string]string) string {
	var vs []string
	for _, k := range s.Versions {
		if v := strings.TrimPrefix(versions[k], "go"); v != "" && !slices.Contains(vs, v) {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return ""
	}
	return s.Label + " " + joinAnd(vs)
}
