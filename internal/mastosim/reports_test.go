package mastosim

import (
	"fmt"
	"strconv"
	"testing"
)

func TestReportsPaginationWalk(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{Seed: 3, Accounts: 100, Reports: 450})
	tok := mustToken(t, s, "admin", "admin:read:reports")
	seen := map[string]int{}
	next := ts.URL + "/api/v1/admin/reports?resolved=false&limit=200"
	pages := 0
	last := int64(1 << 62)
	for next != "" {
		r := call(t, "GET", next, tok, nil)
		wantStatus(t, r, 200)
		items := decode[[]idOnly](t, r)
		for _, it := range items {
			seen[it.ID]++
			n, _ := strconv.ParseInt(it.ID, 10, 64)
			if n >= last {
				t.Fatalf("not descending: %d after %d", n, last)
			}
			last = n
		}
		pages++
		l := links(r.header)
		if len(items) > 0 && l["prev"] == "" {
			t.Fatal("missing prev link")
		}
		if len(items) < 200 && l["next"] != "" {
			t.Fatal("Mastodon emitted next on a short last page")
		}
		next = l["next"]
		if pages > 10 {
			t.Fatal("too many pages")
		}
	}
	if len(seen) != 450 {
		t.Fatalf("saw %d distinct reports, want 450", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("report %s seen %d times", id, n)
		}
	}
	if pages != 3 {
		t.Errorf("pages %d, want 3", pages)
	}
}

func TestReportsSinceMinAndLimit(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{Seed: 3, Accounts: 50, Reports: 300})
	tok := mustToken(t, s, "admin", "admin:read")
	base := ts.URL + "/api/v1/admin/reports?resolved=false"
	// limit is capped at 200, default 100
	if n := len(decode[[]idOnly](t, call(t, "GET", base+"&limit=500", tok, nil))); n != 200 {
		t.Errorf("limit=500 gave %d", n)
	}
	if n := len(decode[[]idOnly](t, call(t, "GET", base, tok, nil))); n != 100 {
		t.Errorf("default gave %d", n)
	}
	// since_id: newest first, above since_id
	items := decode[[]idOnly](t, call(t, "GET", base+"&since_id=100&limit=5", tok, nil))
	want := []string{"300", "299", "298", "297", "296"}
	if fmt.Sprint(ids(items)) != fmt.Sprint(want) {
		t.Errorf("since_id: %v", ids(items))
	}
	// min_id: oldest page above min_id, still descending
	r := call(t, "GET", base+"&min_id=100&limit=5", tok, nil)
	items = decode[[]idOnly](t, r)
	want = []string{"105", "104", "103", "102", "101"}
	if fmt.Sprint(ids(items)) != fmt.Sprint(want) {
		t.Errorf("min_id: %v", ids(items))
	}
	l := links(r.header)
	if l["prev"] == "" || l["next"] == "" {
		t.Errorf("links %v", l)
	}
	// max_id
	items = decode[[]idOnly](t, call(t, "GET", base+"&max_id=10&limit=3", tok, nil))
	if fmt.Sprint(ids(items)) != "[9 8 7]" {
		t.Errorf("max_id: %v", ids(items))
	}
	// empty page: no Link
	r = call(t, "GET", base+"&since_id=300", tok, nil)
	if r.header.Get("Link") != "" || string(r.body) != "[]" {
		t.Errorf("empty page: %q %s", r.header.Get("Link"), r.body)
	}
}

func ids(items []idOnly) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

func TestReportsResolvedDefault(t *testing.T) {
	for _, fl := range []Flavour{FlavourMastodon, FlavourGoToSocial} {
		s, ts := newServer(t, Options{Flavour: fl}, SeedSpec{Seed: 5, Accounts: 40, Reports: 60, ResolvedShare: 0.5})
		tok := mustToken(t, s, "admin", "admin:read")
		count := func(q string) int {
			return len(decode[[]idOnly](t, call(t, "GET", ts.URL+"/api/v1/admin/reports?limit=100"+q, tok, nil)))
		}
		open, resolved, none := count("&resolved=false"), count("&resolved=true"), count("")
		if open+resolved != 60 || open == 0 || resolved == 0 {
			t.Fatalf("%s: open %d resolved %d", fl, open, resolved)
		}
		want := open
		if fl == FlavourGoToSocial {
			want = 60
		}
		if none != want {
			t.Errorf("%s: no resolved param gave %d, want %d", fl, none, want)
		}
	}
}

func TestReportActions(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{Seed: 5, Accounts: 40, Reports: 20})
	tok := mustToken(t, s, "moderator", "admin:read", "admin:write")
	u := ts.URL + "/api/v1/admin/reports/1"
	type rep struct {
		ID              string  `json:"id"`
		ActionTaken     bool    `json:"action_taken"`
		Category        string  `json:"category"`
		AssignedAccount *idOnly `json:"assigned_account"`
		Rules           []struct {
			ID string `json:"id"`
		} `json:"rules"`
		TargetAccount struct {
			ID string `json:"id"`
		} `json:"target_account"`
	}
	r := decode[rep](t, call(t, "POST", u+"/assign_to_self", tok, nil))
	if r.AssignedAccount == nil || r.AssignedAccount.ID != idStr(moderatorID) {
		t.Errorf("assign: %+v", r.AssignedAccount)
	}
	r = decode[rep](t, call(t, "POST", u+"/unassign", tok, nil))
	if r.AssignedAccount != nil {
		t.Error("unassign failed")
	}
	r = decode[rep](t, call(t, "POST", u+"/resolve", tok, nil))
	if !r.ActionTaken {
		t.Error("resolve failed")
	}
	r = decode[rep](t, call(t, "POST", u+"/reopen", tok, nil))
	if r.ActionTaken {
		t.Error("reopen failed")
	}
	r = decode[rep](t, call(t, "PUT", u, tok, map[string][]string{"category": {"violation"}, "rule_ids[]": {"1", "3"}}))
	if r.Category != "violation" || len(r.Rules) != 2 {
		t.Errorf("update: %+v", r)
	}
	wantStatus(t, call(t, "PUT", u, tok, map[string][]string{"category": {"bogus"}}), 422)
	wantStatus(t, call(t, "PUT", u, tok, map[string][]string{"category": {"violation"}, "rule_ids[]": {"99"}}), 422)
	wantStatus(t, call(t, "GET", ts.URL+"/api/v1/admin/reports/9999", tok, nil), 404)

	// status referenced by a report
	full := decode[reportJSON](t, call(t, "GET", u, tok, nil))
	for _, st := range full.Statuses {
		wantStatus(t, call(t, "GET", ts.URL+"/api/v1/statuses/"+st.ID, tok, nil), 200)
	}
	wantStatus(t, call(t, "GET", ts.URL+"/api/v1/accounts/"+r.TargetAccount.ID, "", nil), 200)

	// mutation helpers
	before := s.OpenReportCount()
	id, err := s.AddReport(r.TargetAccount.ID, "new one")
	if err != nil || s.OpenReportCount() != before+1 {
		t.Fatalf("AddReport %v %v", id, err)
	}
	if err := s.ResolveReport(id); err != nil || s.OpenReportCount() != before {
		t.Fatalf("ResolveReport: %v", err)
	}
	if err := s.ResolveReport("123456"); err == nil {
		t.Error("want NotFound")
	}
	if _, err := s.AddReport("1", "x"); err == nil {
		t.Error("want NotFound")
	}
}

func BenchmarkListReports(b *testing.B) {
	s, ts := newServer(b, Options{RateLimit: RateLimit{Limit: -1}}, SeedSpec{Seed: 1, Accounts: 10_000, Reports: 100_000, ResolvedShare: 0.3})
	tok := mustToken(b, s, "admin", "admin:read")
	u := ts.URL + "/api/v1/admin/reports?resolved=false&limit=200&max_id=50000"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := call(b, "GET", u, tok, nil)
		if r.status != 200 {
			b.Fatal(r.status)
		}
	}
}
