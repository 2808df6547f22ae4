package generator

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/statusref/statusref/generator/view"
)

// The decision guide, "Which status code should I return?": the YAML
// files under content/guide/ hold its questions, read in file-name order
// and, within a file, in the order written, which is the order a server
// decides in. Each question is a node:
//
//	nodes:
//	  - id: start
//	    question: What is your server doing with the request?
//	    help: Optional *Markdown*.
//	    answers:
//	      - label: Deciding how to answer it
//	        next: available
//	      - label: Its own code failed
//	        code: 500
//	        compare: 500-vs-502
//	        why: RFC 9110, Section 15.6.1: …
//
// The guide starts at the node whose id is start. Validate refuses a next
// that names no node, a code with no entry, a compare that names no
// comparison (or one without the code), a node start cannot reach, a
// loop, a node with fewer than two answers, and two answers of a node
// with one label or one code.
//
// guide/index.html is the start node, guide/<id>.html every other node,
// and guide/<id>/<code>.html the answer of node id that ends at code: a
// leaf. Every link is a plain link, so the guide works without scripts
// and from file://. api/guide.json is the guide as data.
type decision struct {
	Nodes  []*decisionNode // in the order of the files, then as written
	broken bool            // a file failed to load: its nodes are unknown
}

// A decisionNode is one question of the guide.
type decisionNode struct {
	File     string
	ID       string
	Question string
	Help     string // Markdown
	Answers  []decisionAnswer

	pos    map[string]position // the file's key positions
	prefix string              // this node's key path in the file: "nodes[3]"
}

// A decisionAnswer leads to the next question (Next) or ends at a code.
type decisionAnswer struct {
	Label   string
	Next    string
	Code    int // 0 when Next is set
	Compare string
	Why     string
}

// at is the position of a key of the node ("id", "answers[1].next"), or of
// the node itself when the key is not given.
func (n *decisionNode) at(key string) position {
	if p, ok := n.pos[n.prefix+"."+key]; ok {
		return p
	}
	if i := strings.LastIndex(key, "."); i >= 0 {
		return n.at(key[:i])
	}
	return n.pos[n.prefix]
}

// has reports whether the node's YAML gives key.
func (n *decisionNode) has(key string) bool {
	_, ok := n.pos[n.prefix+"."+key]
	return ok
}

// decideStart is the id of the first question.
const decideStart = "start"

// decidePage is the page of the node id: guide/index.html for the start.
func decidePage(id string) string {
	if id == decideStart {
		return "guide/index.html"
	}
	return "guide/" + id + ".html"
}

// decideLeaf is the page of the answer of node id that ends at code.
func decideLeaf(id string, code int) string { return "guide/" + id + "/" + itoa(code) + ".html" }

// The YAML of a guide file, as decoded by yaml.v3 with KnownFields.
type decideFileMeta struct {
	Nodes []decideNodeMeta `yaml:"nodes"`
}

type decideNodeMeta struct {
	ID       string             `yaml:"id"`
	Question string             `yaml:"question"`
	Help     string             `yaml:"help"`
	Answers  []decideAnswerMeta `yaml:"answers"`
}

type decideAnswerMeta struct {
	Label   string `yaml:"label"`
	Next    string `yaml:"next"`
	Code    int    `yaml:"code"`
	Compare string `yaml:"compare"`
	Why     string `yaml:"why"`
}

// loadDecideFile reads one file of the guide: its nodes, or nil when it
// cannot be read or decoded.
func loadDecideFile(fsys fs.FS, file string, errs *errorList) []*decisionNode {
	src, ok := readFile(fsys, file, errs)
	if !ok {
		return nil
	}
	if len(bytes.TrimSpace(src)) == 0 {
		errs.Add(position{file, 1, 1}, "the file is empty: a guide file holds nodes: followed by a list of questions (see CONTRIBUTING.md)")
		return nil
	}
	var m decideFileMeta
	doc, yerrs := decodeYAML(file, 1, src, &m)
	if len(yerrs) > 0 {
		*errs = append(*errs, yerrs...)
		return nil
	}
	pos := keyPositions(file, 1, doc)
	if len(m.Nodes) == 0 {
		errs.Add(pos["nodes"], "nodes is missing or empty: list the guide's questions under nodes:")
		return nil
	}
	nodes := make([]*decisionNode, len(m.Nodes))
	for i, nm := range m.Nodes {
		n := &decisionNode{File: file, ID: nm.ID, Question: nm.Question, Help: nm.Help, pos: pos, prefix: fmt.Sprintf("nodes[%d]", i)}
		for _, a := range nm.Answers {
			n.Answers = append(n.Answers, decisionAnswer(a))
		}
		nodes[i] = n
	}
	return nodes
}

var compareSlugRE = regexp.MustCompile(`^(\d+)-vs-(\d+)$`)

// validateDecision checks the guide: each node and answer, then the graph
// (a start, every next known, every node reached, no loop).
func validateDecision(c *siteContent, exists func(int) bool, digits int, errs *errorList) {
	d := c.Decision
	if d == nil || len(d.Nodes) == 0 && !d.broken {
		return
	}
	byID := map[string]*decisionNode{}
	comparisons := map[string]*comparison{}
	for _, cmp := range c.Comparisons {
		comparisons[strings.TrimSuffix(path.Base(cmp.File), ".md")] = cmp
	}
	for _, n := range d.Nodes {
		switch {
		case n.ID == "":
			errs.Add(n.at("id"), "the node has no id: give it one, e.g. id: preconditions")
		case !slugRE.MatchString(n.ID):
			errs.Add(n.at("id"), "id %q is a page's name: use lower-case letters, digits and hyphens, e.g. preconditions", n.ID)
		case n.ID == "index":
			errs.Add(n.at("id"), "id index is the start node's page: give the node another id")
		case byID[n.ID] != nil:
			first, where := byID[n.ID].at("id"), ""
			if first.File != n.File {
				where = " of " + first.File
			}
			errs.Add(n.at("id"), "id %q is already the id of the node on line %d%s: give each node its own id", n.ID, first.Line, where)
		default:
			byID[n.ID] = n
		}
		if q := strings.TrimSpace(n.Question); q == "" || strings.Contains(q, "\n") {
			errs.Add(n.at("question"), "question must be one line: the question the reader answers")
		}
		if len(n.Answers) < 2 {
			errs.Add(n.at("answers.key"), "the node has %d answer(s): a question needs at least two, or it is no choice", len(n.Answers))
		}
		labels, codes := map[string]int{}, map[int]int{}
		for i, a := range n.Answers {
			key := func(k string) string { return fmt.Sprintf("answers[%d].%s", i, k) }
			label := strings.TrimSpace(a.Label)
			if label == "" {
				errs.Add(n.at(key("label")), "the answer has no label: say the situation it stands for")
			} else if j, dup := labels[label]; dup {
				errs.Add(n.at(key("label")), "two answers read %q (the first is on line %d): give each answer its own label", label, n.at(fmt.Sprintf("answers[%d].label", j)).Line)
			} else {
				labels[label] = i
			}
			hasNext, hasCode := n.has(key("next")), n.has(key("code"))
			switch {
			case hasNext && hasCode:
				errs.Add(n.at(key("code")), "the answer has both next and code: it either asks another question (next) or ends at a code")
			case !hasNext && !hasCode:
				errs.Add(n.at(fmt.Sprintf("answers[%d]", i)), "the answer leads nowhere: give next: <id> of the next question, or code: <n> of the code it ends at")
			case hasNext:
				for _, k := range []string{"why", "compare"} {
					if n.has(key(k)) {
						errs.Add(n.at(key(k)), "%s belongs to an answer that ends at a code, not to one with next", k)
					}
				}
			case hasCode:
				switch {
				case !exists(a.Code):
					errs.Add(n.at(key("code")), "code %d has no entry: write content/%s/%d.md or choose a code that has one", a.Code, classOf(a.Code, digits), a.Code)
				default:
					if j, dup := codes[a.Code]; dup {
						errs.Add(n.at(key("code")), "code %d is already the answer on line %d: the answers of a node end at different codes; put both situations in one label", a.Code, n.at(fmt.Sprintf("answers[%d].code", j)).Line)
					}
					codes[a.Code] = i
				}
				if why := strings.TrimSpace(a.Why); why == "" || strings.Contains(why, "\n") {
					errs.Add(n.at(key("why")), "why must be one line: why the code fits, citing the RFC section, e.g. RFC 9110, Section 15.5.13")
				}
				if a.Compare != "" {
					m := compareSlugRE.FindStringSubmatch(a.Compare)
					cmp := comparisons[a.Compare]
					switch {
					case m == nil:
						errs.Add(n.at(key("compare")), "compare %q must name a comparison as <a>-vs-<b>, e.g. 412-vs-428", a.Compare)
					case cmp == nil:
						errs.Add(n.at(key("compare")), "compare %q names no comparison: write content/compare/%s.md or remove it", a.Compare, a.Compare)
					case cmp.Codes[0] != a.Code && cmp.Codes[1] != a.Code:
						errs.Add(n.at(key("compare")), "compare %q does not compare %d, the answer's code", a.Compare, a.Code)
					}
				}
			}
		}
	}
	if d.broken {
		// A file's nodes are missing: what names them is not wrong.
		return
	}
	for _, n := range d.Nodes {
		for i, a := range n.Answers {
			if a.Next != "" && byID[a.Next] == nil {
				errs.Add(n.at(fmt.Sprintf("answers[%d].next", i)), "next %q names no node: write a node with id: %s, or fix the id", a.Next, a.Next)
			}
		}
	}
	validateLoops(d, byID, errs)
	start := byID[decideStart]
	if start == nil {
		errs.Add(position{d.Nodes[0].File, 1, 1}, "no node of the guide has the id start, where the guide begins: give the first question id: start")
		return
	}
	reached := map[*decisionNode]bool{}
	var visit func(n *decisionNode)
	visit = func(n *decisionNode) {
		if reached[n] {
			return
		}
		reached[n] = true
		for _, a := range n.Answers {
			if next := byID[a.Next]; next != nil {
				visit(next)
			}
		}
	}
	visit(start)
	for _, n := range d.Nodes {
		if byID[n.ID] == n && !reached[n] {
			errs.Add(n.at("id"), "node %q cannot be reached from start: no answer that start leads to has next: %s; link it or remove it", n.ID, n.ID)
		}
	}
}

// validateLoops reports each next that leads back to a node on the way to
// it: the guide must end at a code whatever the reader answers.
func validateLoops(d *decision, byID map[string]*decisionNode, errs *errorList) {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[*decisionNode]int{}
	var path []*decisionNode
	var visit func(n *decisionNode)
	visit = func(n *decisionNode) {
		state[n] = onPath
		path = append(path, n)
		for i, a := range n.Answers {
			next := byID[a.Next]
			switch {
			case next == nil:
			case state[next] == onPath:
				from := slices.Index(path, next)
				var ids []string
				for _, p := range path[from:] {
					ids = append(ids, p.ID)
				}
				errs.Add(n.at(fmt.Sprintf("answers[%d].next", i)), "next %q goes back to a question already on the way here (%s → %s): the guide must not loop", a.Next, strings.Join(ids, " → "), a.Next)
			case state[next] == unseen:
				visit(next)
			}
		}
		path = path[:len(path)-1]
		state[n] = done
	}
	for _, n := range d.Nodes {
		if byID[n.ID] == n && state[n] == unseen {
			visit(n)
		}
	}
}

// decideGraph is what the pages of the guide are made from: each node by
// id, and the questions ruled out on every way to it.
type decideGraph struct {
	d    *decision
	byID map[string]*decisionNode
	// trail holds, for each node, the nodes on every path from start to
	// it (its dominators), in the order they are asked: what the reader
	// has already ruled out, wherever they came from.
	trail map[*decisionNode][]*decisionNode
}

// newDecideGraph lays out valid content's guide.
func newDecideGraph(d *decision) *decideGraph {
	g := &decideGraph{d: d, byID: map[string]*decisionNode{}, trail: map[*decisionNode][]*decisionNode{}}
	for _, n := range d.Nodes {
		g.byID[n.ID] = n
	}
	// The nodes in an order where each comes after every node that leads
	// to it (reversed post-order from start).
	var post []*decisionNode
	seen := map[*decisionNode]bool{}
	var visit func(n *decisionNode)
	visit = func(n *decisionNode) {
		seen[n] = true
		for _, a := range n.Answers {
			if next := g.byID[a.Next]; next != nil && !seen[next] {
				visit(next)
			}
		}
		post = append(post, n)
	}
	visit(g.byID[decideStart])
	slices.Reverse(post)
	// dom[n] is the set of nodes on every path to n, n excluded: the
	// intersection, over the nodes that lead to n, of theirs and them.
	dom := map[*decisionNode]map[*decisionNode]bool{}
	for _, n := range post {
		if dom[n] == nil {
			dom[n] = map[*decisionNode]bool{}
		}
		mine := withNode(dom[n], n)
		for _, a := range n.Answers {
			next := g.byID[a.Next]
			if next == nil {
				continue
			}
			if dom[next] == nil {
				dom[next] = withNode(mine, nil)
				continue
			}
			for p := range dom[next] {
				if !mine[p] {
					delete(dom[next], p)
				}
			}
		}
	}
	order := map[*decisionNode]int{}
	for i, n := range post {
		order[n] = i
	}
	for n, set := range dom {
		var t []*decisionNode
		for p := range set {
			t = append(t, p)
		}
		slices.SortFunc(t, func(a, b *decisionNode) int { return order[a] - order[b] })
		g.trail[n] = t
	}
	return g
}

// withNode is a copy of set with n, if not nil, added.
func withNode(set map[*decisionNode]bool, n *decisionNode) map[*decisionNode]bool {
	out := make(map[*decisionNode]bool, len(set)+1)
	for p := range set {
		out[p] = true
	}
	if n != nil {
		out[n] = true
	}
	return out
}

// decisionPages are the guide's pages, its leaves and api/guide.json.
func decisionPages(r *siteRenderer, s *site) []page {
	d := s.c.Decision
	if d == nil || len(d.Nodes) == 0 {
		return nil
	}
	g := newDecideGraph(d)
	var pages []page
	for _, n := range d.Nodes {
		p := page{name: decidePage(n.ID), render: func() ([]byte, error) { return r.renderDecideNode(s, g, n) }, sitemap: true}
		if n.ID == decideStart {
			p.search = &searchItem{
				Title: tr("decide.title"), Reason: tr("decide.title"), Aliases: []string{}, Headers: []string{},
				Summary: tr("decide.description"), Page: p.name,
			}
		}
		pages = append(pages, p)
		for _, a := range n.Answers {
			if a.Code != 0 {
				pages = append(pages, page{name: decideLeaf(n.ID, a.Code), render: func() ([]byte, error) { return r.renderDecideLeaf(s, g, n, a) }, sitemap: true})
			}
		}
	}
	pages = append(pages, page{name: "api/guide.json", render: func() ([]byte, error) { return apiGuideJSON(d) }})
	return pages
}

// decideTrail is the trail of a page: the questions on every way to it,
// with the codes each ruled out.
func (r *siteRenderer) decideTrail(from string, g *decideGraph, nodes []*decisionNode) []view.DecideStep {
	var steps []view.DecideStep
	for _, n := range nodes {
		st := view.DecideStep{Question: n.Question, Href: relPath(from, decidePage(n.ID))}
		for _, a := range n.Answers {
			if a.Code != 0 {
				st.Codes = append(st.Codes, a.Code)
			}
		}
		steps = append(steps, st)
	}
	return steps
}

// executeDecide renders a page of the guide with decide.html, which a
// folder of templates without the built-in ones may lack.
func (r *siteRenderer) executeDecide(v view.DecideView) ([]byte, error) {
	if r.tmpl[decideTemplate] == nil {
		return nil, &templateErr{Pos: position{File: decideTemplate}, Msg: "the templates have no " + decideTemplate, Page: v.Path}
	}
	return r.execute(decideTemplate, v)
}

func (r *siteRenderer) decideView(name, title, description string) view.DecideView {
	return view.DecideView{PageView: r.pageView(name, title, description), Start: relPath(name, decidePage(decideStart))}
}

func (r *siteRenderer) renderDecideNode(s *site, g *decideGraph, n *decisionNode) ([]byte, error) {
	name := decidePage(n.ID)
	title := n.Question
	if n.ID == decideStart {
		title = tr("decide.title")
	}
	v := r.decideView(name, title, tr("decide.description"))
	v.Question, v.IsStart = n.Question, n.ID == decideStart
	v.Trail = r.decideTrail(name, g, g.trail[n])
	if n.Help != "" {
		var buf bytes.Buffer
		if err := r.md.Convert([]byte(n.Help), &buf); err != nil {
			return nil, &contentError{Pos: n.at("help"), Msg: err.Error()}
		}
		v.Help = template.HTML(buf.String())
	}
	for _, a := range n.Answers {
		av := view.DecideAnswer{Label: a.Label, Code: a.Code}
		if a.Code != 0 {
			av.Href = relPath(name, decideLeaf(n.ID, a.Code))
		} else {
			av.Href = relPath(name, decidePage(a.Next))
		}
		v.Answers = append(v.Answers, av)
	}
	return r.executeDecide(v)
}

func (r *siteRenderer) renderDecideLeaf(s *site, g *decideGraph, n *decisionNode, a decisionAnswer) ([]byte, error) {
	name := decideLeaf(n.ID, a.Code)
	e := s.byCode[a.Code]
	if e == nil {
		return nil, &contentError{Pos: n.at("answers"), Msg: fmt.Sprintf("code %d has no entry", a.Code)}
	}
	v := r.decideView(name, tr("decide.leaf.title", e.Code, e.Reason), e.Summary)
	v.Question = n.Question
	v.QuestionHref = relPath(name, decidePage(n.ID))
	v.Trail = r.decideTrail(name, g, g.trail[n])
	leaf := &view.DecideLeaf{Answer: a.Label, Code: codeLink(e, name), Why: a.Why, Summary: e.Summary, Quick: quickView(e)}
	for _, cmp := range s.c.Comparisons {
		if a.Compare != "" && path.Base(cmp.File) == a.Compare+".md" {
			leaf.Compare = &view.CompareLink{Title: tr("compare.link", cmp.Codes[0], cmp.Codes[1]), Href: relPath(name, cmp.Page()), Codes: cmp.Codes}
		}
	}
	v.Leaf = leaf
	return r.executeDecide(v)
}

// decideTemplate renders every page of the guide.
const decideTemplate = "decide.html"

// decideLinks is how an entry's page links the guide: its start, and the
// answers that end at code, or nil when the site has no guide.
func decideLinks(c *siteContent, from string, code int) *view.DecideLinks {
	d := c.Decision
	if d == nil || len(d.Nodes) == 0 {
		return nil
	}
	l := &view.DecideLinks{Start: relPath(from, decidePage(decideStart))}
	for _, n := range d.Nodes {
		for _, a := range n.Answers {
			if a.Code == code {
				l.Questions = append(l.Questions, view.DecideQuestion{Question: n.Question, Answer: a.Label, Href: relPath(from, decideLeaf(n.ID, code))})
			}
		}
	}
	return l
}

// decideHome is the home page's link to the guide, or "".
func decideHome(c *siteContent) string {
	if c.Decision == nil || len(c.Decision.Nodes) == 0 {
		return ""
	}
	return decidePage(decideStart)
}

// apiGuide is api/guide.json: the guide as data. An answer carries next,
// or code, why and, perhaps, compare.
type apiGuide struct {
	Start string         `json:"start"`
	Nodes []apiGuideNode `json:"nodes"`
}

type apiGuideNode struct {
	ID       string           `json:"id"`
	Question string           `json:"question"`
	Answers  []apiGuideAnswer `json:"answers"`
}

type apiGuideAnswer struct {
	Label   string `json:"label"`
	Next    string `json:"next,omitempty"`
	Code    int    `json:"code,omitempty"`
	Compare string `json:"compare,omitempty"`
	Why     string `json:"why,omitempty"`
}

func apiGuideJSON(d *decision) ([]byte, error) {
	out := apiGuide{Start: decideStart, Nodes: []apiGuideNode{}}
	for _, n := range d.Nodes {
		an := apiGuideNode{ID: n.ID, Question: n.Question, Answers: []apiGuideAnswer{}}
		for _, a := range n.Answers {
			an.Answers = append(an.Answers, apiGuideAnswer(a))
		}
		out.Nodes = append(out.Nodes, an)
	}
	return marshalJSON(out)
}
