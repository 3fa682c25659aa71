package servers

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/mastosim"
	"steward/internal/secrets"
	"steward/internal/settings"
	"steward/internal/store"
)

// revokeOverHTTP is a minimal RFC 7009 revoke for the test (the app uses oauth.Revoke).
func revokeOverHTTP(ctx context.Context, serverURL, clientID, clientSecret, token string) error {
	form := url.Values{"token": {token}, "client_id": {clientID}, "client_secret": {clientSecret}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, serverURL+"/oauth/revoke", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return errors.New(resp.Status)
	}
	return nil
}

func TestAddSyncRemoveWithSettingsAndRevoke(t *testing.T) {
	sim := mastosim.New(mastosim.Options{Domain: "city.example", RateLimit: mastosim.RateLimit{Limit: -1}})
	if err := sim.Seed(mastosim.SeedSpec{Seed: 1, Accounts: 30, Reports: 20}); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(sim.Handler())
	defer hs.Close()
	token, err := sim.IssueToken("admin", "read", "admin:read")
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	file := settings.Open(filepath.Join(t.TempDir(), "settings.json"))
	keychain := secrets.NewMemory()
	var revoked []string
	revoke := func(ctx context.Context, serverURL, clientID, clientSecret, tok string) error {
		revoked = append(revoked, serverURL, clientID, clientSecret, tok)
		sim.RevokeToken(tok) // what POST /oauth/revoke does with the app's own credentials
		return nil
	}
	svc := New(Config{Registry: NewSettingsRegistry(file), DB: db, Secrets: keychain, Revoke: revoke})

	srv, err := svc.Add(Server{Name: "City", URL: hs.URL, Hosting: Managed, Provider: "P", ContractRef: "C-7", ClientID: "cid"}, Credentials{AccessToken: token, ClientSecret: "cs"})
	if err != nil {
		t.Fatal(err)
	}
	if srv.ID == "" || strings.ContainsAny(srv.ID, "/:") {
		t.Fatalf("id %q", srv.ID)
	}
	if _, err := svc.Add(Server{URL: hs.URL}, Credentials{AccessToken: "x"}); apperr.DetailOf(err) != "already_connected" {
		t.Fatalf("second add: %v", err)
	}
	if v, _ := keychain.Get(secrets.TokenKey(srv.ID)); v != token {
		t.Fatal("token not in the keychain")
	}
	s, _ := file.Load()
	if len(s.Servers) != 1 || s.Servers[0].ContractRef != "C-7" {
		t.Fatalf("settings: %+v", s)
	}
	if err := svc.Sync(context.Background(), srv.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.CountOpenReports(srv.ID); n == 0 {
		t.Fatal("nothing cached")
	}

	res, err := svc.Remove(context.Background(), srv.ID)
	if err != nil || !res.Revoked {
		t.Fatalf("remove: %+v %v", res, err)
	}
	if strings.Join(revoked, " ") != hs.URL+" cid cs "+token {
		t.Fatalf("revoke called with %q", revoked)
	}
	c, _ := mastoapi.New(hs.URL, token, mastoapi.Options{})
	if _, err := c.Reports(context.Background(), mastoapi.ReportQuery{}); !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("the token must be revoked on the server: %v", err)
	}
	if _, err := keychain.Get(secrets.TokenKey(srv.ID)); !apperr.Is(err, apperr.NotFound) {
		t.Fatal("token left in the keychain")
	}
	if _, err := keychain.Get(secrets.ClientSecretKey(srv.ID)); !apperr.Is(err, apperr.NotFound) {
		t.Fatal("client secret left in the keychain")
	}
	if n, _ := db.CountOpenReports(srv.ID); n != 0 {
		t.Fatal("cache not purged")
	}
	if list, _ := svc.List(); len(list) != 0 {
		t.Fatalf("still listed: %+v", list)
	}
}

func TestRemoveAnUnreachableServerStillRemovesLocally(t *testing.T) {
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	keychain := secrets.NewMemory()
	svc := New(Config{Registry: NewMemoryRegistry(nil), DB: db, Secrets: keychain, Revoke: revokeOverHTTP})
	srv, err := svc.Add(Server{URL: "http://127.0.0.1:1"}, Credentials{AccessToken: "t"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := svc.Remove(context.Background(), srv.ID)
	if err != nil || res.Revoked || res.RevokeError == nil {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := keychain.Get(secrets.TokenKey(srv.ID)); !apperr.Is(err, apperr.NotFound) {
		t.Fatal("token left behind")
	}
	if _, err := svc.Remove(context.Background(), srv.ID); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("second remove: %v", err)
	}
}

func TestIDsAreKeySafeAndUnique(t *testing.T) {
	list := []Server{{ID: "social.example"}}
	if got := uniqueID(idFromURL("https://Social.Example"), list); got != "social.example-2" {
		t.Fatal(got)
	}
	if got := idFromURL("http://127.0.0.1:8080"); got != "127.0.0.1-8080" {
		t.Fatal(got)
	}
}
