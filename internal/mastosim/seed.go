package mastosim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"steward/internal/apperr"
)

// SeedSpec describes the data a Seed generates. The same spec (and the same
// day of the Now clock) yields byte-identical data.
type SeedSpec struct {
	Seed            int64   `json:"seed"`             // PRNG seed
	Accounts        int     `json:"accounts"`         // local + remote accounts besides the staff accounts
	RemoteDomains   int     `json:"remote_domains"`   // remote domains accounts are spread over (0 => 20)
	Reports         int     `json:"reports"`          // total reports
	ResolvedShare   float64 `json:"resolved_share"`   // share of reports already resolved (0..1)
	HostileShare    float64 `json:"hostile_share"`    // share of posts/names/bios/comments from the XSS corpus (0..1)
	PendingAccounts int     `json:"pending_accounts"` // local accounts awaiting approval (in addition to Accounts)
}

const maxSeedSize = 1_000_000

const (
	accountIDBase int64 = 110_000_000_000_000_000
	statusIDBase  int64 = 111_000_000_000_000_000
	adminID             = accountIDBase + 1
	moderatorID         = accountIDBase + 2
	userID              = accountIDBase + 3
	actorID             = accountIDBase + 4
)

func (spec SeedSpec) validate() error {
	const op = "mastosim: seed"
	counts := []struct {
		name string
		v    int
	}{{"accounts", spec.Accounts}, {"remote_domains", spec.RemoteDomains}, {"reports", spec.Reports}, {"pending_accounts", spec.PendingAccounts}}
	for _, c := range counts {
		if c.v < 0 {
			return apperr.Errorf(op, apperr.Invalid, "%s must not be negative (got %d)", c.name, c.v)
		}
		if c.v > maxSeedSize {
			return apperr.Errorf(op, apperr.Invalid, "%s must be at most %d (got %d)", c.name, maxSeedSize, c.v)
		}
	}
	shares := []struct {
		name string
		v    float64
	}{{"resolved_share", spec.ResolvedShare}, {"hostile_share", spec.HostileShare}}
	for _, sh := range shares {
		if math.IsNaN(sh.v) || sh.v < 0 || sh.v > 1 {
			return apperr.Errorf(op, apperr.Invalid, "%s must be between 0 and 1 (got %v)", sh.name, sh.v)
		}
	}
	if spec.RemoteDomains > 10_000 {
		return apperr.Errorf(op, apperr.Invalid, "remote_domains must be at most 10000 (got %d)", spec.RemoteDomains)
	}
	return nil
}

// Seed validates spec and replaces all seeded data (accounts, statuses,
// reports, rules, blocks, recorded actions). Registered apps and issued tokens
// survive; the staff accounts "admin" (Owner), "moderator" (Moderator) and
// "user" always exist with the same ids.
func (s *Sim) Seed(spec SeedSpec) error {
	if err := spec.validate(); err != nil {
		return err
	}
	st := s.generate(spec)
	s.mu.Lock()
	if old := s.st; old != nil {
		st.apps, st.tokens, st.codes = old.apps, old.tokens, old.codes
		if old.nextID > st.nextID {
			st.nextID = old.nextID
		}
	}
	s.st = st
	s.mu.Unlock()
	return nil
}

var namedDomains = []string{"mastodon.example", "spam.example.net", "fedi.example.com", "toot.example",
	"social.example.net", "birds.example", "photog.example", "tech.example.org", "music.example",
	"cats.example", "news.example.com", "art.example", "bots.example.org", "misskey.example",
	"gts.example", "akkoma.example", "chaos.example", "kitchen.example", "city.example.gov", "uni.example.edu"}

func remoteDomainNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		if i < len(namedDomains) {
			out[i] = namedDomains[i]
		} else {
			out[i] = "node" + strconv.Itoa(i) + ".example"
		}
	}
	return out
}

type seeder struct {
	s     *Sim
	spec  SeedSpec
	r     *rand.Rand
	st    *state
	taken map[string]struct{}
}

func (g *seeder) hostile() int16 {
	if g.spec.HostileShare > 0 && g.r.Float64() < g.spec.HostileShare {
		return int16(g.r.IntN(len(hostilePayloads)))
	}
	return -1
}

func (g *seeder) addAccount(a *account) *account {
	g.st.accounts = append(g.st.accounts, a)
	g.st.accountByID[a.id] = a
	g.taken[a.domain+"/"+a.username] = struct{}{}
	return a
}

func (g *seeder) uniqueName(domain, base string) string {
	name := base
	for i := 2; ; i++ {
		if _, dup := g.taken[domain+"/"+name]; !dup {
			return name
		}
		name = base + strconv.Itoa(i)
	}
}

func (g *seeder) person(id int64, domain string, created time.Time) *account {
	r := g.r
	first, last := pick(r, firstNames), pick(r, lastNames)
	var base string
	switch r.IntN(3) {
	case 0:
		base = strings.ToLower(first) + "_" + strings.ToLower(last)
	case 1:
		base = pick(r, adjectives) + pick(r, nouns)
	default:
		base = strings.ToLower(first) + strconv.Itoa(r.IntN(100))
	}
	a := &account{id: id, domain: domain, username: g.uniqueName(domain, base), createdAt: created,
		displayName: first + " " + last, confirmed: true, approved: true,
		followers: r.IntN(2000), following: r.IntN(800), statuses: r.IntN(5000), locale: pick(r, languages)}
	a.note = "<p>" + pick(r, adjectives) + " " + pick(r, nouns) + " fan. Posts about " + pick(r, words) + " and #" + pick(r, hashtags) + ".</p>"
	if h := g.hostile(); h >= 0 {
		a.displayName = hostilePayloads[h]
	}
	if h := g.hostile(); h >= 0 {
		a.note = "<p>" + hostilePayloads[h] + "</p>"
	}
	if domain == "" {
		a.email = a.username + "@" + g.s.opts.Domain
		n := id - accountIDBase
		if n%3 == 0 {
			a.ip = fmt.Sprintf("2001:db8::%x", n)
		} else {
			a.ip = fmt.Sprintf("198.51.100.%d", n%254+1)
		}
		a.role = roleEveryone
	}
	a.bot = r.IntN(40) == 0
	a.locked = r.IntN(15) == 0
	switch x := r.IntN(100); {
	case x < 2:
		a.suspended = true
	case x < 4:
		a.silenced = true
	case x < 5:
		a.sensitized = true
	}
	return a
}

func (s *Sim) generate(spec SeedSpec) *state {
	g := &seeder{s: s, spec: spec, r: rand.New(rand.NewPCG(uint64(spec.Seed), 0x5eed_0f_57e3a7d)), taken: map[string]struct{}{}}
	epoch := s.now().Truncate(24 * time.Hour)
	st := &state{epoch: epoch, accountByID: make(map[int64]*account, spec.Accounts+spec.PendingAccounts+8),
		apps: map[string]*app{}, tokens: map[string]*token{}, codes: map[string]*authCode{},
		adminID: adminID, moderatorID: moderatorID, userID: userID}
	g.st = st
	long := epoch.Add(-400 * 24 * time.Hour)
	for i, rr := range defaultRules {
		st.rules = append(st.rules, &rule{id: int64(i + 1), text: rr[0], hint: rr[1], createdAt: long})
	}
	st.nextID = 1000
	staff := func(id int64, name, display string, ro *role, ip string) {
		g.addAccount(&account{id: id, username: name, displayName: display, role: ro, createdAt: long,
			email: name + "@" + s.opts.Domain, ip: ip, locale: "en", confirmed: true, approved: true,
			note: "<p>" + display + " of " + s.opts.Domain + "</p>", followers: 120, following: 80, statuses: 300})
	}
	staff(adminID, "admin", "Admin", roleOwner, "198.51.100.1")
	staff(moderatorID, "moderator", "Moderator", roleModerator, "198.51.100.2")
	staff(userID, "user", "Plain User", roleEveryone, "198.51.100.3")
	if s.gts() {
		g.addAccount(&account{id: actorID, username: s.opts.Domain, displayName: "", role: roleEveryone,
			createdAt: long, confirmed: true, approved: true, instanceActor: true, locked: true})
	}

	nd := spec.RemoteDomains
	if nd == 0 {
		nd = 20
	}
	domains := remoteDomainNames(nd)
	r := g.r
	next := accountIDBase + 100
	var people, spammers []*account
	for i := 0; i < spec.Accounts; i++ {
		domain := ""
		if r.IntN(100) >= 35 {
			domain = domains[min(r.IntN(nd), r.IntN(nd))]
		}
		if i < 3 && spec.Accounts >= 10 {
			domain = domains[min(1, nd-1)] // the spam wave's accounts
		}
		created := epoch.Add(-time.Duration(r.Int64N(int64(700 * 24 * time.Hour))))
		a := g.addAccount(g.person(next, domain, created))
		next++
		if i < 3 && spec.Accounts >= 10 {
			a.suspended, a.silenced, a.bot = false, false, true
			a.displayName = "Best Deals " + strconv.Itoa(i+1)
			spammers = append(spammers, a)
		}
		people = append(people, a)
	}
	for i := 0; i < spec.PendingAccounts; i++ {
		created := epoch.Add(-time.Duration(r.Int64N(int64(7 * 24 * time.Hour))))
		a := g.addAccount(g.person(next, "", created))
		next++
		a.approved, a.suspended, a.silenced, a.sensitized = false, false, false, false
		a.confirmed = r.IntN(4) > 0
		a.inviteRequest = "I would like to join because I live in the city and want to follow the " + pick(r, words) + " news."
		if h := g.hostile(); h >= 0 {
			a.inviteRequest = hostilePayloads[h]
		}
		a.followers, a.following, a.statuses = 0, 0, 0
	}
	st.nextAccount = next
	g.reports(people, spammers)
	return st
}

func (g *seeder) reports(people, spammers []*account) {
	spec, r, st := g.spec, g.r, g.st
	n := spec.Reports
	if n == 0 {
		return
	}
	st.reports = make([]*report, 0, n)
	st.statuses = make([]*status, 0, n*2)
	if len(people) == 0 {
		people = []*account{st.accountByID[userID]}
	}
	reporters := people
	span := 60 * 24 * time.Hour
	start := st.epoch.Add(-span)
	step := span / time.Duration(n)
	nextStatus := statusIDBase + 1
	for i := 0; i < n; i++ {
		created := start.Add(step*time.Duration(i) + time.Duration(r.Int64N(int64(max(step, 1)))))
		rep := &report{id: int64(i + 1), createdAt: created}
		if len(spammers) > 0 && r.IntN(100) < 15 {
			rep.targetID = spammers[r.IntN(len(spammers))].id
			rep.category = "spam"
		} else {
			rep.targetID = people[r.IntN(len(people))].id
			switch x := r.IntN(100); {
			case x < 40:
				rep.category = "spam"
			case x < 70:
				rep.category = "violation"
			case x < 75:
				rep.category = "legal"
			default:
				rep.category = "other"
			}
		}
		rep.reporterID = reporters[r.IntN(len(reporters))].id
		if rep.reporterID == rep.targetID {
			rep.reporterID = userID
		}
		if g.s.gts() {
			rep.category = "other"
		}
		if rep.category == "violation" {
			a := int64(1 + r.IntN(len(defaultRules)))
			rep.ruleIDs = []int64{a}
			if b := int64(1 + r.IntN(len(defaultRules))); b != a && r.IntN(3) == 0 {
				rep.ruleIDs = append(rep.ruleIDs, b)
			}
		}
		target := st.accountByID[rep.targetID]
		rep.forwarded = !target.local() && r.IntN(10) < 4
		rep.comment = pick(r, reportComments)
		if h := g.hostile(); h >= 0 {
			rep.comment = hostilePayloads[h]
		}
		ns := r.IntN(5)
		for k := 0; k < ns; k++ {
			stt := &status{id: nextStatus, accountID: target.id, seed: r.Uint64(),
				createdAt: created.Add(-time.Duration(r.Int64N(int64(72*time.Hour))) - time.Minute),
				hostile:   g.hostile(), cwHostile: -1, mdHostile: -1, spoiler: -1, lang: uint8(r.IntN(len(languages)))}
			nextStatus++
			if r.IntN(100) < 15 {
				stt.spoiler = int8(r.IntN(len(contentWarnings)))
				stt.cwHostile = g.hostile()
			}
			if r.IntN(100) < 30 {
				stt.media = uint8(1 + r.IntN(2))
				stt.sensitive = r.IntN(3) == 0
				stt.mdHostile = g.hostile()
			}
			if x := r.IntN(10); x < 7 {
				stt.visibility = visPublic
			} else if x < 9 {
				stt.visibility = visUnlisted
			} else {
				stt.visibility = visPrivate
			}
			if r.IntN(4) == 0 {
				stt.mentionID = rep.reporterID
				stt.replyToAcc = rep.reporterID
			}
			if stt.createdAt.After(target.lastStatusAt) {
				target.lastStatusAt = stt.createdAt
			}
			st.statuses = append(st.statuses, stt)
			rep.statusIDs = append(rep.statusIDs, stt.id)
		}
		rep.updatedAt = created
		if spec.ResolvedShare > 0 && r.Float64() < spec.ResolvedShare {
			rep.actionTaken = true
			at := created.Add(time.Duration(r.Int64N(int64(48 * time.Hour))))
			if at.After(st.epoch) {
				at = st.epoch
			}
			rep.actionTakenAt, rep.updatedAt = at, at
			rep.actionTakenBy = moderatorID
			if r.IntN(3) == 0 {
				rep.actionTakenBy = adminID
			}
			rep.actionComment = "Handled."
		} else if r.IntN(5) == 0 {
			rep.assignedID = moderatorID
		}
		st.reports = append(st.reports, rep)
	}
	st.nextStatus = nextStatus
}
