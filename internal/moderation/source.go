package moderation

import (
	"html"
	"strings"
	"time"

	"steward/internal/mastoapi"
)

// source is what the index keeps of one cached report, precomputed once
// when the report is loaded (independent of the configuration).
type source struct {
	id            string
	category      uint8
	resolved      bool
	reporterLocal bool
	targetLocal   bool
	targetDomain  string // lowercased; the server's own domain for local accounts
	targetID      string
	targetAcct    string
	reporterAcct  string
	assignedID    string
	created       time.Time
	rules         []string
	comment       string // short, for display
	text          string // lowercased comment + posts, HTML stripped
}

// Categories in facet order.
var categories = []string{"spam", "violation", "legal", "other"}

func categoryIndex(c string) uint8 {
	for i, x := range categories {
		if x == c {
			return uint8(i)
		}
	}
	return 3 // anything unknown counts as "other"
}

func acctOf(a mastoapi.AdminAccount) string {
	if a.Account.Acct != "" {
		return a.Account.Acct
	}
	if a.Domain != nil && *a.Domain != "" {
		return a.Username + "@" + *a.Domain
	}
	return a.Username
}

func newSource(r *mastoapi.Report, open bool, serverDomain string) *source {
	s := &source{id: r.ID, category: categoryIndex(r.Category), resolved: !open || r.ActionTaken,
		reporterLocal: r.Account.Domain == nil || *r.Account.Domain == "",
		targetLocal:   r.TargetAccount.Domain == nil || *r.TargetAccount.Domain == "",
		targetID:      r.TargetAccount.ID, targetAcct: acctOf(r.TargetAccount), reporterAcct: acctOf(r.Account),
		created: r.CreatedAt}
	if s.targetLocal {
		s.targetDomain = strings.ToLower(serverDomain)
	} else {
		s.targetDomain = strings.ToLower(*r.TargetAccount.Domain)
	}
	if r.AssignedAccount != nil {
		s.assignedID = r.AssignedAccount.ID
	}
	for _, ru := range r.Rules {
		s.rules = append(s.rules, ru.ID)
	}
	var b strings.Builder
	b.WriteString(r.Comment)
	for _, st := range r.Statuses {
		b.WriteByte('\n')
		b.WriteString(st.SpoilerText)
		b.WriteByte('\n')
		b.WriteString(StripHTML(st.Content))
	}
	s.text = strings.ToLower(b.String())
	s.comment = r.Comment
	if len(s.comment) > 280 {
		s.comment = strings.ToValidUTF8(s.comment[:280], "") + "…"
	}
	return s
}

// StripHTML returns the text of an HTML fragment: tags become spaces,
// entities are decoded and runs of white space collapse to one space. It is for searching, not for
// display.
func StripHTML(h string) string {
	if !strings.ContainsAny(h, "<&") {
		return h
	}
	var b strings.Builder
	b.Grow(len(h))
	in := false
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c == '<':
			in = true
			b.WriteByte(' ')
		case c == '>' && in:
			in = false
		case !in:
			b.WriteByte(c)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}
