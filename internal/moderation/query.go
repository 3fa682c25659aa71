package moderation

import (
	"strings"
	"time"

	"steward/internal/apperr"
)

// Query selects, sorts and windows the queue. Zero fields match everything.
type Query struct {
	Servers        []string
	Status         string   // "open" (default), "resolved", "all"
	Assigned       string   // "" anyone, "me", "unassigned", "others"
	Categories     []string // spam, violation, legal, other
	RuleID         string   // violated rule id
	ReporterOrigin string   // "", "local", "remote"
	TargetOrigin   string   // "", "local", "remote"
	TargetDomain   string
	OlderThan      time.Duration // created at least this long ago
	NewerThan      time.Duration // created at most this long ago
	Text           string        // case-insensitive, over the comment and the reported posts
	Sort           string        // "newest" (default), "oldest", "group_size"
	Grouped        bool          // one row per (server, target account)
	Offset, Limit  int           // the window; Limit 0 means 50, at most 1000
}

// Row is one line of the list: a report, or a group of reports against one
// account (Grouped).
type Row struct {
	Server            string    `json:"server"`
	ReportID          string    `json:"reportId"` // the first report of the group in sort order
	TargetAccountID   string    `json:"targetAccountId"`
	TargetAcct        string    `json:"targetAcct"`
	ReporterAcct      string    `json:"reporterAcct"`
	Category          string    `json:"category"`
	Comment           string    `json:"comment"`
	CreatedAt         time.Time `json:"createdAt"`
	Resolved          bool      `json:"resolved"`
	AssignedToMe      bool      `json:"assignedToMe"`
	Assigned          bool      `json:"assigned"`
	Count             int       `json:"count"`             // matching reports in the row
	OpenAgainstTarget int       `json:"openAgainstTarget"` // open reports against the account
	ReportIDs         []string  `json:"reportIds"`         // grouped: the matching members
}

// FacetCount is the number of reports with one value of a facet, counted
// with every filter applied except the facet's own.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Facets are the counts for the filter controls.
type Facets struct {
	Server         []FacetCount `json:"server"`
	Category       []FacetCount `json:"category"`
	Status         []FacetCount `json:"status"`
	Assigned       []FacetCount `json:"assigned"`
	ReporterOrigin []FacetCount `json:"reporterOrigin"`
	TargetOrigin   []FacetCount `json:"targetOrigin"`
}

// Result is one window of the list.
type Result struct {
	Total   int    `json:"total"`   // rows in the whole list
	Reports int    `json:"reports"` // reports in the whole list
	Offset  int    `json:"offset"`
	Rows    []Row  `json:"rows"`
	Facets  Facets `json:"facets"`
}

// Facet bits.
const (
	bServer = 1 << iota
	bCategory
	bStatus
	bAssigned
	bROrigin
	bTOrigin
	nFacets = 6
)

// compiled is a Query turned into masks over the index's encodings.
type compiled struct {
	servers   []bool // nil: all
	cats      [4]bool
	anyCat    bool
	status    uint8 // 0 open, 1 resolved, 2 all
	assigned  int   // -1 any
	rOrigin   int   // -1 any, 0 remote, 1 local
	tOrigin   int
	domain    int64 // -1 any, -2 none can match
	rule      uint64
	ruleID    string
	ruleSlow  bool
	olderThan int64 // created <= ; 0 none
	newerThan int64 // created >= ; 0 none
	text      string
	hits      []uint64 // entries whose text matches (nil: no text filter)
}

func (c *compiled) textOK(i int32) bool {
	return c.hits == nil || c.hits[i>>6]&(1<<(i&63)) != 0
}

func origin(op, v string) (int, error) {
	switch v {
	case "":
		return -1, nil
	case "local":
		return 1, nil
	case "remote":
		return 0, nil
	}
	return 0, apperr.Errorf(op, apperr.Invalid, "origin must be local or remote, not %q", v)
}

func (ix *index) compile(q Query, now time.Time) (compiled, error) {
	const op = "moderation: query"
	c := compiled{anyCat: len(q.Categories) == 0, assigned: -1, domain: -1}
	if len(q.Servers) > 0 {
		c.servers = make([]bool, len(ix.servers))
		for _, s := range q.Servers {
			for i, id := range ix.servers {
				if id == s {
					c.servers[i] = true
				}
			}
		}
	}
	for _, cat := range q.Categories {
		i := categoryIndex(cat)
		if categories[i] != cat {
			return c, apperr.Errorf(op, apperr.Invalid, "unknown category %q", cat)
		}
		c.cats[i] = true
	}
	switch q.Status {
	case "", "open":
	case "resolved":
		c.status = 1
	case "all":
		c.status = 2
	default:
		return c, apperr.Errorf(op, apperr.Invalid, "unknown status %q", q.Status)
	}
	switch q.Assigned {
	case "":
	case "me":
		c.assigned = int(asMe)
	case "unassigned":
		c.assigned = int(asUnassigned)
	case "others":
		c.assigned = int(asOther)
	default:
		return c, apperr.Errorf(op, apperr.Invalid, "unknown assignment filter %q", q.Assigned)
	}
	var err error
	if c.rOrigin, err = origin(op, q.ReporterOrigin); err != nil {
		return c, err
	}
	if c.tOrigin, err = origin(op, q.TargetOrigin); err != nil {
		return c, err
	}
	if q.TargetDomain != "" {
		c.domain = -2
		if d, ok := ix.domains[strings.ToLower(strings.TrimSpace(q.TargetDomain))]; ok {
			c.domain = int64(d)
		}
	}
	if q.RuleID != "" {
		c.ruleID = q.RuleID
		if bit, ok := ix.rules[q.RuleID]; ok && bit < 64 {
			c.rule = 1 << bit
		} else {
			c.ruleSlow = true
		}
	}
	if q.OlderThan > 0 {
		c.olderThan = now.Add(-q.OlderThan).UnixNano()
	}
	if q.NewerThan > 0 {
		c.newerThan = now.Add(-q.NewerThan).UnixNano()
	}
	c.text = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(q.Text)), "\x00", "")
	if c.text != "" {
		c.hits = ix.textHits(c.text)
	}
	return c, nil
}

// plain checks the filters that are not facets (cheap ones only; text apart).
func (c *compiled) plain(ix *index, i int32, h *hot) bool {
	if c.domain != -1 && int64(h.domain) != c.domain {
		return false
	}
	if c.olderThan != 0 && h.created > c.olderThan || c.newerThan != 0 && h.created < c.newerThan {
		return false
	}
	if c.ruleID != "" {
		if c.ruleSlow || h.flags&fRulesOverflow != 0 && h.rules&c.rule == 0 {
			found := false
			for _, r := range ix.cold[i].src.rules {
				found = found || r == c.ruleID
			}
			return found
		}
		if h.rules&c.rule == 0 {
			return false
		}
	}
	return true
}

// facetMask returns the bits of the facet filters h fails.
func (c *compiled) facetMask(h *hot) uint {
	var m uint
	if c.servers != nil && !c.servers[h.server] {
		m |= bServer
	}
	if !c.anyCat && !c.cats[h.category] {
		m |= bCategory
	}
	resolved := h.flags&fResolved != 0
	if c.status == 0 && resolved || c.status == 1 && !resolved {
		m |= bStatus
	}
	if c.assigned >= 0 && int(h.assigned) != c.assigned {
		m |= bAssigned
	}
	if c.rOrigin >= 0 && (h.flags&fReporterLocal != 0) != (c.rOrigin == 1) {
		m |= bROrigin
	}
	if c.tOrigin >= 0 && (h.flags&fTargetLocal != 0) != (c.tOrigin == 1) {
		m |= bTOrigin
	}
	return m
}

// match reports whether entry i passes every filter.
func (c *compiled) match(ix *index, i int32) bool {
	h := &ix.hot[i]
	return c.plain(ix, i, h) && c.facetMask(h) == 0 && c.textOK(i)
}

// facetCounts accumulates counts in fixed arrays (no maps per report).
type facetCounts struct {
	server   []int
	category [4]int
	status   [2]int
	assigned [3]int
	rOrigin  [2]int
	tOrigin  [2]int
}

func (f *facetCounts) add(h *hot, only uint) {
	all := only == 0
	if all || only == bServer {
		f.server[h.server]++
	}
	if all || only == bCategory {
		f.category[h.category]++
	}
	if all || only == bStatus {
		f.status[h.flags&fResolved]++
	}
	if all || only == bAssigned {
		f.assigned[h.assigned]++
	}
	if all || only == bROrigin {
		f.rOrigin[(h.flags&fReporterLocal)>>1]++
	}
	if all || only == bTOrigin {
		f.tOrigin[(h.flags&fTargetLocal)>>2]++
	}
}
