package mastosim

import (
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
)

func TestScopesAndRoles(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{Seed: 1, Accounts: 10, Reports: 5})
	u := ts.URL + "/api/v1/admin/reports"
	r := call(t, "GET", u, "", nil)
	wantStatus(t, r, 401)
	if string(r.body) != `{"error":"The access token is invalid"}` {
		t.Errorf("body %s", r.body)
	}
	wantStatus(t, call(t, "GET", u, "nonsense", nil), 401)
	tok := mustToken(t, s, "admin", "admin:read:reports")
	wantStatus(t, call(t, "GET", u, tok, nil), 200)
	s.RevokeToken(tok)
	wantStatus(t, call(t, "GET", u, tok, nil), 401)

	readOnly := mustToken(t, s, "admin", "read")
	r = call(t, "GET", u, readOnly, nil)
	wantStatus(t, r, 403)
	if !strings.Contains(string(r.body), "outside the authorized scopes") {
		t.Errorf("body %s", r.body)
	}
	wantStatus(t, call(t, "GET", ts.URL+"/api/v1/admin/accounts", mustToken(t, s, "admin", "admin:read:reports"), nil), 403)
	wantStatus(t, call(t, "POST", u+"/1/resolve", mustToken(t, s, "admin", "admin:read"), nil), 403)

	plain := mustToken(t, s, "user", "admin:read", "read")
	r = call(t, "GET", u, plain, nil)
	wantStatus(t, r, 403)
	if string(r.body) != `{"error":"This action is not allowed"}` {
		t.Errorf("body %s", r.body)
	}
	// moderator may read reports but not domain blocks
	mod := mustToken(t, s, "moderator", "admin:read")
	wantStatus(t, call(t, "GET", u, mod, nil), 200)
	wantStatus(t, call(t, "GET", ts.URL+"/api/v1/admin/domain_blocks", mod, nil), 403)

	// verify_credentials: read ⊃ read:accounts; role exposed
	vc := decode[accountJSON](t, call(t, "GET", ts.URL+"/api/v1/accounts/verify_credentials", readOnly, nil))
	if vc.Username != "admin" || vc.Role == nil || vc.Role.Permissions != "1048575" || vc.Source == nil {
		t.Errorf("verify_credentials %+v", vc)
	}
	vc = decode[accountJSON](t, call(t, "GET", ts.URL+"/api/v1/accounts/verify_credentials", plain, nil))
	if vc.Role == nil || vc.Role.Permissions != "0" {
		t.Errorf("user role %+v", vc.Role)
	}
	wantStatus(t, call(t, "GET", ts.URL+"/api/v1/accounts/verify_credentials", mustToken(t, s, "admin", "write"), nil), 403)
	if _, err := s.IssueToken("nobody", "read"); err == nil {
		t.Error("IssueToken for unknown user succeeded")
	}
}

type oauthApp struct {
	ClientID     string   `json:"client_id"`
	ClientSecret string   `json:"client_secret"`
	RedirectURIs []string `json:"redirect_uris"`
}

func registerApp(t *testing.T, base, redirect, scopes string) oauthApp {
	t.Helper()
	r := call(t, "POST", base+"/api/v1/apps", "", url.Values{"client_name": {"Steward"}, "redirect_uris": {redirect}, "scopes": {scopes}})
	wantStatus(t, r, 200)
	a := decode[oauthApp](t, r)
	if a.ClientID == "" || a.ClientSecret == "" {
		t.Fatalf("app %s", r.body)
	}
	return a
}

func pkce(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// authorize runs the consent step and returns the redirect Location.
func authorize(t *testing.T, base string, a oauthApp, redirect, challenge, decision string) (int, *url.URL) {
	t.Helper()
	q := url.Values{"response_type": {"code"}, "client_id": {a.ClientID}, "redirect_uri": {redirect},
		"scope": {"read admin:read"}, "state": {"st<8>"}, "code_challenge": {challenge}, "code_challenge_method": {"S256"}}
	page := call(t, "GET", base+"/oauth/authorize?"+q.Encode(), "", nil)
	if page.status != 200 {
		return page.status, nil
	}
	body := string(page.body)
	if !strings.Contains(body, `name="decision" value="approve"`) || !strings.Contains(body, `value="st&lt;8&gt;"`) {
		t.Fatalf("consent page: %s", body)
	}
	q.Set("decision", decision)
	r := call(t, "POST", base+"/oauth/authorize", "", q)
	wantStatus(t, r, 302)
	loc, err := url.Parse(r.header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return 302, loc
}

func TestOAuthFlowPKCE(t *testing.T) {
	_, ts := newServer(t, Options{}, SeedSpec{})
	redirect := "http://127.0.0.1:4000/callback"
	a := registerApp(t, ts.URL, redirect, "read admin:read admin:write")
	verifier := "a-very-long-code-verifier-string-of-at-least-43-characters-0123"
	_, loc := authorize(t, ts.URL, a, redirect, pkce(verifier), "approve")
	code := loc.Query().Get("code")
	if code == "" || loc.Query().Get("state") != "st<8>" || loc.Host != "127.0.0.1:4000" {
		t.Fatalf("redirect %s", loc)
	}
	exchange := func(code, verifier, secret string) resp {
		return call(t, "POST", ts.URL+"/oauth/token", "", url.Values{"grant_type": {"authorization_code"}, "code": {code},
			"client_id": {a.ClientID}, "client_secret": {secret}, "redirect_uri": {redirect}, "code_verifier": {verifier}})
	}
	wantStatus(t, exchange(code, verifier, "wrong"), 401)
	r := exchange(code, "bad-verifier", a.ClientSecret)
	wantStatus(t, r, 400)
	if decode[errorJSON](t, r).Error != "invalid_grant" {
		t.Errorf("body %s", r.body)
	}
	wantStatus(t, exchange(code, "", a.ClientSecret), 400)
	r = exchange(code, verifier, a.ClientSecret)
	wantStatus(t, r, 200)
	tok := decode[map[string]any](t, r)
	if tok["token_type"] != "Bearer" || tok["scope"] != "read admin:read" {
		t.Errorf("token %v", tok)
	}
	access := tok["access_token"].(string)
	wantStatus(t, call(t, "GET", ts.URL+"/api/v1/admin/reports", access, nil), 200)
	wantStatus(t, exchange(code, verifier, a.ClientSecret), 400) // single use

	// loopback port variance is accepted on Mastodon
	other := "http://127.0.0.1:5123/callback"
	st, loc := authorize(t, ts.URL, a, other, pkce(verifier), "approve")
	if st != 302 || loc.Host != "127.0.0.1:5123" {
		t.Fatalf("port variance: %d %v", st, loc)
	}
	// deny
	_, loc = authorize(t, ts.URL, a, redirect, pkce(verifier), "deny")
	if loc.Query().Get("error") != "access_denied" || loc.Query().Get("state") != "st<8>" || loc.Query().Get("code") != "" {
		t.Errorf("deny %s", loc)
	}
	// unknown client, unregistered redirect: 400 HTML, no redirect
	if st, _ := authorize(t, ts.URL, oauthApp{ClientID: "nope"}, redirect, "", "approve"); st != 400 {
		t.Errorf("unknown client %d", st)
	}
	if st, _ := authorize(t, ts.URL, a, "http://evil.example/cb", "", "approve"); st != 400 {
		t.Errorf("bad redirect %d", st)
	}
	// revoke
	wantStatus(t, call(t, "POST", ts.URL+"/oauth/revoke", "", url.Values{"token": {access}, "client_id": {a.ClientID}, "client_secret": {a.ClientSecret}}), 200)
	wantStatus(t, call(t, "GET", ts.URL+"/api/v1/admin/reports", access, nil), 401)
	// discovery
	wk := decode[map[string]any](t, call(t, "GET", ts.URL+"/.well-known/oauth-authorization-server", "", nil))
	if wk["token_endpoint"] != ts.URL+"/oauth/token" {
		t.Errorf("well-known %v", wk)
	}
	// client credentials
	r = call(t, "POST", ts.URL+"/oauth/token", "", url.Values{"grant_type": {"client_credentials"}, "client_id": {a.ClientID}, "client_secret": {a.ClientSecret}, "scope": {"read"}})
	wantStatus(t, r, 200)
}

func TestOAuthGoToSocial(t *testing.T) {
	_, ts := newServer(t, Options{Flavour: FlavourGoToSocial}, SeedSpec{})
	redirect := "http://127.0.0.1:4000/callback"
	r := callJSON(t, "POST", ts.URL+"/api/v1/apps", "", map[string]any{"client_name": "x", "redirect_uris": []string{redirect}, "scopes": "read"})
	wantStatus(t, r, 422)
	a := registerApp(t, ts.URL, redirect+"\nurn:ietf:wg:oauth:2.0:oob", "read admin:read")
	if len(a.RedirectURIs) != 2 {
		t.Errorf("redirect uris %v", a.RedirectURIs)
	}
	if st, _ := authorize(t, ts.URL, a, "http://127.0.0.1:5123/callback", "", "approve"); st != 400 {
		t.Errorf("GoToSocial accepted a different loopback port: %d", st)
	}
	_, loc := authorize(t, ts.URL, a, redirect, pkce("verifier-verifier-verifier-verifier-verifier"), "approve")
	r = call(t, "POST", ts.URL+"/oauth/token", "", url.Values{"grant_type": {"authorization_code"}, "code": {loc.Query().Get("code")},
		"client_id": {a.ClientID}, "client_secret": {a.ClientSecret}, "redirect_uri": {redirect}, "code_verifier": {"wrong"}})
	wantStatus(t, r, 200) // PKCE not checked
	wantStatus(t, call(t, "GET", ts.URL+"/.well-known/oauth-authorization-server", "", nil), 404)
}
