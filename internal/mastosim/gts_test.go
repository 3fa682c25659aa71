package mastosim

import (
	"net/url"
	"strings"
	"testing"
)

func TestGoToSocialReports(t *testing.T) {
	s, ts := newServer(t, Options{Flavour: FlavourGoToSocial}, SeedSpec{Seed: 2, Accounts: 40, Reports: 45})
	tok := mustToken(t, s, "admin", "admin:read", "admin:write")
	u := ts.URL + "/api/v1/admin/reports"
	// default 20, cap 100, next even on the last short page
	r := call(t, "GET", u+"?resolved=false", tok, nil)
	items := decode[[]reportJSON](t, r)
	if len(items) != 20 {
		t.Fatalf("default page %d", len(items))
	}
	for _, it := range items {
		if it.Category != "other" {
			t.Fatalf("category %q", it.Category)
		}
	}
	if n := len(decode[[]idOnly](t, call(t, "GET", u+"?resolved=false&limit=1000", tok, nil))); n != 45 {
		t.Errorf("limit 1000 gave %d", n)
	}
	r = call(t, "GET", u+"?resolved=false&limit=100", tok, nil)
	if links(r.header)["next"] == "" {
		t.Error("GoToSocial should emit next on a short last page")
	}
	wantStatus(t, call(t, "GET", links(r.header)["next"], tok, nil), 200)
	for _, op := range []string{"/1/assign_to_self", "/1/unassign", "/1/reopen"} {
		if r := call(t, "POST", u+op, tok, nil); r.status != 404 && r.status != 405 {
			t.Errorf("%s: %d", op, r.status)
		}
	}
	if r := call(t, "PUT", u+"/1", tok, url.Values{"category": {"spam"}}); r.status != 404 && r.status != 405 {
		t.Errorf("PUT: %d", r.status)
	}
	rep := decode[reportJSON](t, call(t, "POST", u+"/1/resolve", tok, url.Values{"action_taken_comment": {"dealt with"}}))
	if !rep.ActionTaken || rep.ActionTakenComment == nil || *rep.ActionTakenComment != "dealt with" {
		t.Errorf("resolve %+v", rep)
	}
}

func TestGoToSocialAccounts(t *testing.T) {
	s, ts := newServer(t, Options{Flavour: FlavourGoToSocial}, SeedSpec{Seed: 2, Accounts: 60})
	tok := mustToken(t, s, "admin", "admin:read", "admin:write")
	wantStatus(t, call(t, "GET", ts.URL+"/api/v1/admin/accounts", tok, nil), 404)
	seen := map[string]bool{}
	next := ts.URL + "/api/v2/admin/accounts?limit=25"
	actor := false
	for pages := 0; next != ""; pages++ {
		r := call(t, "GET", next, tok, nil)
		wantStatus(t, r, 200)
		items := decode[[]adminAcct](t, r)
		if len(items) == 0 {
			break
		}
		for _, a := range items {
			if seen[a.ID] {
				t.Fatalf("account %s twice", a.ID)
			}
			seen[a.ID] = true
			actor = actor || a.Username == "social.example.org"
			if a.IP != nil {
				t.Fatalf("GTS exposes ip %v", *a.IP)
			}
		}
		next = links(r.header)["next"]
		if !strings.Contains(next, "max_id=") || strings.Contains(next, "max_id=1") {
			t.Fatalf("cursor link %s", next)
		}
		if mx, _ := url.Parse(next); !strings.Contains(mx.Query().Get("max_id"), "/@") {
			t.Fatalf("cursor %s", mx.Query().Get("max_id"))
		}
		if pages > 10 {
			t.Fatal("too many pages")
		}
	}
	if len(seen) != 60+3+1 || !actor {
		t.Errorf("saw %d accounts, actor %v", len(seen), actor)
	}
	// exact username filter
	if n := len(decode[[]adminAcct](t, call(t, "GET", ts.URL+"/api/v2/admin/accounts?username=admi", tok, nil))); n != 0 {
		t.Errorf("prefix matched %d", n)
	}
	if n := len(decode[[]adminAcct](t, call(t, "GET", ts.URL+"/api/v2/admin/accounts?username=admin", tok, nil))); n != 1 {
		t.Errorf("exact matched %d", n)
	}
	// only suspend; repeat is 409
	u := ts.URL + "/api/v1/admin/accounts/" + idStr(accountIDBase+100) + "/action"
	if r := call(t, "POST", u, tok, url.Values{"type": {"silence"}}); r.status != 400 && r.status != 422 {
		t.Errorf("silence: %d", r.status)
	}
	a := s.st.accountByID[accountIDBase+100]
	s.mu.Lock()
	a.suspended = false
	s.mu.Unlock()
	wantStatus(t, call(t, "POST", u, tok, url.Values{"type": {"suspend"}}), 200)
	wantStatus(t, call(t, "POST", u, tok, url.Values{"type": {"suspend"}}), 409)
}

func TestGoToSocialInstanceAndRules(t *testing.T) {
	s, ts := newServer(t, Options{Flavour: FlavourGoToSocial}, SeedSpec{})
	v2 := decode[map[string]any](t, call(t, "GET", ts.URL+"/api/v2/instance", "", nil))
	if v2["version"] != "0.17.3 git-abc123" || v2["source_url"] != "https://github.com/superseriousbusiness/gotosocial" {
		t.Errorf("instance %v %v", v2["version"], v2["source_url"])
	}
	tok := mustToken(t, s, "admin", "admin:read", "admin:write")
	u := ts.URL + "/api/v1/admin/instance/rules"
	rules := decode[[]ruleJSON](t, call(t, "GET", u, tok, nil))
	r := decode[ruleJSON](t, call(t, "POST", u, tok, url.Values{"text": {"Be kind"}}))
	if r.Text != "Be kind" {
		t.Fatal(r)
	}
	r = decode[ruleJSON](t, call(t, "PATCH", u+"/"+r.ID, tok, url.Values{"text": {"Be very kind"}}))
	if r.Text != "Be very kind" {
		t.Fatal(r)
	}
	wantStatus(t, call(t, "DELETE", u+"/"+r.ID, tok, nil), 200)
	if n := len(decode[[]ruleJSON](t, call(t, "GET", ts.URL+"/api/v1/instance/rules", "", nil))); n != len(rules) {
		t.Errorf("after delete %d rules, want %d", n, len(rules))
	}
	wantStatus(t, call(t, "GET", u+"/"+r.ID, tok, nil), 404)
	// domain blocks: duplicate returns existing
	b1 := decode[map[string]any](t, call(t, "POST", ts.URL+"/api/v1/admin/domain_blocks", tok, url.Values{"domain": {"bad.example"}}))
	b2 := decode[map[string]any](t, call(t, "POST", ts.URL+"/api/v1/admin/domain_blocks", tok, url.Values{"domain": {"bad.example"}}))
	if b1["id"] != b2["id"] || b1["severity"] != nil {
		t.Errorf("blocks %v %v", b1, b2)
	}
}

func TestMastodonInstanceAndBlocks(t *testing.T) {
	s, ts := newServer(t, Options{Domain: "city.example"}, SeedSpec{Seed: 1, Accounts: 30, Reports: 30})
	v1 := decode[map[string]any](t, call(t, "GET", ts.URL+"/api/v1/instance", "", nil))
	if v1["uri"] != "city.example" || v1["version"] != "4.3.2" {
		t.Errorf("v1 %v", v1)
	}
	v2 := decode[map[string]any](t, call(t, "GET", ts.URL+"/api/v2/instance", "", nil))
	if v2["domain"] != "city.example" {
		t.Errorf("v2 %v", v2)
	}
	if n := len(decode[[]ruleJSON](t, call(t, "GET", ts.URL+"/api/v1/instance/rules", "", nil))); n < 5 {
		t.Errorf("rules %d", n)
	}
	tok := mustToken(t, s, "admin", "admin:read", "admin:write")
	u := ts.URL + "/api/v1/admin/domain_blocks"
	b := decode[map[string]any](t, call(t, "POST", u, tok, url.Values{"domain": {"bad.example"}, "severity": {"suspend"}, "reject_media": {"true"}}))
	if b["severity"] != "suspend" || b["reject_media"] != true {
		t.Errorf("block %v", b)
	}
	wantStatus(t, call(t, "POST", u, tok, url.Values{"domain": {"bad.example"}}), 422)
	wantStatus(t, call(t, "POST", u, tok, url.Values{"domain": {"x.example"}, "severity": {"nuke"}}), 422)
	id := b["id"].(string)
	b = decode[map[string]any](t, call(t, "PUT", u+"/"+id, tok, url.Values{"severity": {"silence"}}))
	if b["severity"] != "silence" {
		t.Errorf("update %v", b)
	}
	if n := len(decode[[]idOnly](t, call(t, "GET", u, tok, nil))); n != 1 {
		t.Errorf("list %d", n)
	}
	wantStatus(t, call(t, "DELETE", u+"/"+id, tok, nil), 200)
	wantStatus(t, call(t, "GET", u+"/"+id, tok, nil), 404)
	ip := decode[map[string]any](t, call(t, "POST", ts.URL+"/api/v1/admin/ip_blocks", tok, url.Values{"ip": {"203.0.113.7/24"}, "severity": {"no_access"}}))
	if ip["ip"] != "203.0.113.0/24" {
		t.Errorf("ip block %v", ip)
	}
	wantStatus(t, call(t, "POST", ts.URL+"/api/v1/admin/email_domain_blocks", tok, url.Values{"domain": {"spam.example"}}), 200)
	wantStatus(t, call(t, "POST", ts.URL+"/api/v1/admin/domain_allows", tok, url.Values{"domain": {"good.example"}}), 200)
	m := decode[[]measureJSON](t, call(t, "POST", ts.URL+"/api/v1/admin/measures", tok,
		url.Values{"keys[]": {"opened_reports", "new_users"}, "start_at": {"2020-01-01"}, "end_at": {"2020-01-31"}}))
	if len(m) != 2 || len(m[0].Data) != 31 {
		t.Errorf("measures %+v", m)
	}
}
