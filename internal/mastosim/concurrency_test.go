package mastosim

import (
	"sync"
	"testing"
)

func TestConcurrentUse(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{Seed: 4, Accounts: 50, Reports: 300})
	tok := mustToken(t, s, "admin", "admin:read", "admin:write")
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				r := call(t, "GET", ts.URL+"/api/v1/admin/reports?limit=50", tok, nil)
				if r.status != 200 {
					t.Errorf("status %d", r.status)
				}
				call(t, "POST", ts.URL+"/api/v1/admin/reports/"+idStr(int64(i*10+j+1))+"/resolve", tok, nil)
				_ = s.ResolveReport(idStr(int64(100 + i*10 + j)))
				_, _ = s.AddReport(idStr(accountIDBase+100), "x")
				_ = s.Stats()
				_ = s.OpenReportCount()
			}
		}(i)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = s.Seed(SeedSpec{Seed: 5, Accounts: 50, Reports: 300})
		s.SetFaults(Faults{})
	}()
	wg.Wait()
}

func TestMastodonAcceptsJSONArrayRedirects(t *testing.T) {
	_, ts := newServer(t, Options{}, SeedSpec{})
	r := callJSON(t, "POST", ts.URL+"/api/v1/apps", "", map[string]any{"client_name": "x",
		"redirect_uris": []string{"http://127.0.0.1:1/cb", "urn:ietf:wg:oauth:2.0:oob"}, "scopes": "read admin:read"})
	wantStatus(t, r, 200)
	a := decode[oauthApp](t, r)
	if len(a.RedirectURIs) != 2 || a.ClientSecret == "" {
		t.Errorf("app %s", r.body)
	}
	wantStatus(t, callJSON(t, "POST", ts.URL+"/api/v1/apps", "", map[string]any{"client_name": "x", "redirect_uris": "http://x/cb", "scopes": "bogus"}), 422)
}
