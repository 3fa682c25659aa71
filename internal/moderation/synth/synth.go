// Package synth generates synthetic admin reports for tests and benchmarks
// of the moderation queue: a deterministic mix of categories, rules, local
// and remote accounts, assignments, HTML posts and one spam wave per server
// (a single account reported many times).
package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"steward/internal/mastoapi"
)

var words = []string{"crypto", "giveaway", "harassment", "weather", "election", "football", "recipe",
	"bridge", "garden", "library", "concert", "tram", "festival", "museum", "council", "market", "river",
	"school", "bicycle", "parking", "hospital", "airport", "theatre", "winter", "summer", "free", "click", "link"}

var domains = []string{"mastodon.example", "spam.example.net", "fedi.example.com", "toot.example", "birds.example",
	"photog.example", "tech.example.org", "music.example", "cats.example", "news.example.com"}

// Options shape the data.
type Options struct {
	Seed     uint64
	Reports  int
	Domain   string    // the server's own domain
	SelfID   string    // the moderator's account id ("assigned to me")
	OtherID  string    // another moderator
	Now      time.Time // reports are spread over the 60 days before
	SpamWave int       // reports against one spam account (default Reports/50)
	Accounts int       // distinct target accounts (default Reports/4)
}

func account(id int, domain string) mastoapi.AdminAccount {
	name := "user" + strconv.Itoa(id)
	a := mastoapi.AdminAccount{ID: strconv.Itoa(id), Username: name}
	a.Account.Acct = name
	if domain != "" {
		d := domain
		a.Domain = &d
		a.Account.Acct = name + "@" + domain
	}
	return a
}

// Reports returns opts.Reports reports with ids 1…n.
func Reports(opts Options) []mastoapi.Report {
	r := rand.New(rand.NewPCG(opts.Seed, 0x5717))
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.SpamWave == 0 {
		opts.SpamWave = opts.Reports / 50
	}
	if opts.Accounts <= 0 {
		opts.Accounts = max(opts.Reports/4, 1)
	}
	out := make([]mastoapi.Report, opts.Reports)
	span := int64(60 * 24 * time.Hour)
	for i := range out {
		rep := &out[i]
		rep.ID = strconv.Itoa(i + 1)
		rep.CreatedAt = opts.Now.Add(-time.Duration(r.Int64N(span))).UTC()
		rep.UpdatedAt = rep.CreatedAt
		tid := 1000 + r.IntN(opts.Accounts)
		if i < opts.SpamWave {
			tid = 999 // the spam wave
		}
		tdom := ""
		if r.IntN(100) < 60 {
			tdom = domains[tid%len(domains)]
		}
		rep.TargetAccount = account(tid, tdom)
		rdom := ""
		if r.IntN(100) < 30 {
			rdom = domains[r.IntN(len(domains))]
		}
		rep.Account = account(100+r.IntN(500), rdom)
		switch x := r.IntN(100); {
		case i < opts.SpamWave || x < 40:
			rep.Category = "spam"
		case x < 70:
			rep.Category = "violation"
			rep.Rules = []mastoapi.Rule{{ID: strconv.Itoa(1 + r.IntN(6))}}
		case x < 75:
			rep.Category = "legal"
		default:
			rep.Category = "other"
		}
		switch x := r.IntN(100); {
		case x < 15 && opts.SelfID != "":
			a := account(0, "")
			a.ID = opts.SelfID
			rep.AssignedAccount = &a
		case x < 25 && opts.OtherID != "":
			a := account(0, "")
			a.ID = opts.OtherID
			rep.AssignedAccount = &a
		}
		rep.Comment = fmt.Sprintf("Reported for %s and %s %s", words[r.IntN(len(words))], words[r.IntN(len(words))], words[r.IntN(len(words))])
		for k := r.IntN(4); k > 0; k-- {
			rep.Statuses = append(rep.Statuses, mastoapi.Status{ID: strconv.Itoa(i*4 + k),
				Content: fmt.Sprintf("<p>Check this %s &amp; %s <a href=\"https://x.example/%d\">link</a></p><p>%s %s</p>",
					words[r.IntN(len(words))], words[r.IntN(len(words))], i, words[r.IntN(len(words))], words[r.IntN(len(words))])})
		}
	}
	return out
}
