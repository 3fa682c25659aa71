package mastosim

import (
	"net/url"
	"testing"
)

type adminAcct struct {
	ID        string  `json:"id"`
	Username  string  `json:"username"`
	Domain    *string `json:"domain"`
	Email     *string `json:"email"`
	IP        *string `json:"ip"`
	Approved  bool    `json:"approved"`
	Suspended bool    `json:"suspended"`
	Silenced  bool    `json:"silenced"`
}

func TestAccountActionResolvesReports(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{Seed: 9, Accounts: 50, Reports: 200})
	tok := mustToken(t, s, "moderator", "admin:read", "admin:write")
	reports := decode[[]reportJSON](t, call(t, "GET", ts.URL+"/api/v1/admin/reports?limit=200", tok, nil))
	target := reports[0].TargetAccount.ID
	open := func() int {
		return len(decode[[]idOnly](t, call(t, "GET", ts.URL+"/api/v1/admin/reports?resolved=false&limit=200&target_account_id="+target, tok, nil)))
	}
	if open() == 0 {
		t.Fatal("no open reports on target")
	}
	u := ts.URL + "/api/v1/admin/accounts/" + target + "/action"
	wantStatus(t, call(t, "POST", u, tok, url.Values{"type": {"none"}, "text": {"warning"}}), 200)
	if open() == 0 {
		t.Fatal("type none resolved reports")
	}
	wantStatus(t, call(t, "POST", u, tok, url.Values{"type": {"suspend"}, "report_id": {reports[0].ID}}), 200)
	if n := open(); n != 0 {
		t.Fatalf("%d reports still open after suspend", n)
	}
	wantStatus(t, call(t, "POST", u, tok, url.Values{"type": {"silence"}, "send_email_notification": {"false"}}), 200)
	wantStatus(t, call(t, "POST", u, tok, url.Values{"type": {"explode"}}), 422)
	acts := s.Actions()
	if len(acts) != 3 || !acts[0].SendEmail || !acts[1].SendEmail || acts[2].SendEmail || acts[1].ReportID != reports[0].ID {
		t.Fatalf("actions %+v", acts)
	}
	a := decode[adminAcct](t, call(t, "GET", ts.URL+"/api/v1/admin/accounts/"+target, tok, nil))
	if !a.Suspended || !a.Silenced {
		t.Errorf("account %+v", a)
	}
	wantStatus(t, call(t, "POST", ts.URL+"/api/v1/admin/accounts/"+target+"/unsuspend", tok, nil), 200)
	wantStatus(t, call(t, "POST", ts.URL+"/api/v1/admin/accounts/999/action", tok, url.Values{"type": {"none"}}), 404)
}

func TestAccountLists(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{Seed: 9, Accounts: 120, PendingAccounts: 4})
	tok := mustToken(t, s, "admin", "admin:read", "admin:write")
	pending := decode[[]adminAcct](t, call(t, "GET", ts.URL+"/api/v2/admin/accounts?status=pending&origin=local", tok, nil))
	if len(pending) != 4 {
		t.Fatalf("pending %d", len(pending))
	}
	v1 := decode[[]adminAcct](t, call(t, "GET", ts.URL+"/api/v1/admin/accounts?pending=true", tok, nil))
	if len(v1) != 4 {
		t.Fatalf("v1 pending %d", len(v1))
	}
	wantStatus(t, call(t, "POST", ts.URL+"/api/v1/admin/accounts/"+pending[0].ID+"/approve", tok, nil), 200)
	wantStatus(t, call(t, "POST", ts.URL+"/api/v1/admin/accounts/"+pending[0].ID+"/approve", tok, nil), 403)
	remote := decode[[]adminAcct](t, call(t, "GET", ts.URL+"/api/v2/admin/accounts?origin=remote&limit=200", tok, nil))
	for _, a := range remote {
		if a.Domain == nil || a.Email != nil {
			t.Fatalf("remote account %+v", a)
		}
	}
	staff := decode[[]adminAcct](t, call(t, "GET", ts.URL+"/api/v2/admin/accounts?permissions=staff", tok, nil))
	if len(staff) != 2 {
		t.Errorf("staff %d", len(staff))
	}
	local := decode[[]adminAcct](t, call(t, "GET", ts.URL+"/api/v1/admin/accounts?local=true&ip=198.51.100.1", tok, nil))
	if len(local) == 0 || *local[len(local)-1].IP != "198.51.100.1" {
		t.Errorf("ip filter %+v", local)
	}
	// walk all v2 pages
	seen := map[string]bool{}
	next := ts.URL + "/api/v2/admin/accounts?limit=50"
	for next != "" {
		r := call(t, "GET", next, tok, nil)
		for _, a := range decode[[]adminAcct](t, r) {
			seen[a.ID] = true
		}
		next = links(r.header)["next"]
	}
	if len(seen) != 120+4+3 {
		t.Errorf("walked %d accounts", len(seen))
	}
	// delete requires a suspended account
	wantStatus(t, call(t, "DELETE", ts.URL+"/api/v1/admin/accounts/"+pending[1].ID, tok, nil), 403)
	if err := s.DeleteAccount(pending[1].ID); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, call(t, "GET", ts.URL+"/api/v1/admin/accounts/"+pending[1].ID, tok, nil), 404)
	if err := s.DeleteAccount("1"); err == nil {
		t.Error("want NotFound")
	}
}
