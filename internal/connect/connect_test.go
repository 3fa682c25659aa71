package connect

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/mastosim"
	"steward/internal/oauth"
	"steward/internal/oauth/oauthtest"
)

func startSim(t *testing.T, flavour mastosim.Flavour) (*mastosim.Sim, string) {
	t.Helper()
	sim := mastosim.New(mastosim.Options{Flavour: flavour, RateLimit: mastosim.RateLimit{Limit: -1}})
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(srv.Close)
	return sim, srv.URL
}

type steps struct {
	mu  sync.Mutex
	got []string
}

func (s *steps) add(step string) { s.mu.Lock(); s.got = append(s.got, step); s.mu.Unlock() }
func (s *steps) String() string  { s.mu.Lock(); defer s.mu.Unlock(); return strings.Join(s.got, ",") }

func newConnector(b *oauthtest.Browser, st *steps) *Connector {
	flow := oauth.New(oauth.Config{OpenBrowser: b.Open, Timeout: 10 * time.Second})
	return New(flow, nil, 5*time.Second, WithProgress(st.add))
}

func wantErr(t *testing.T, err error, kind apperr.Kind, detail string) {
	t.Helper()
	if apperr.KindOf(err) != kind || apperr.DetailOf(err) != detail {
		t.Fatalf("want %s/%s, got %s/%s: %v", kind, detail, apperr.KindOf(err), apperr.DetailOf(err), err)
	}
}

func TestConnectHappyPath(t *testing.T) {
	for _, tc := range []struct {
		flavour  mastosim.Flavour
		software mastoapi.Software
		login    string
	}{
		{mastosim.FlavourMastodon, mastoapi.SoftwareMastodon, ""},
		{mastosim.FlavourMastodon, mastoapi.SoftwareMastodon, "moderator"},
		{mastosim.FlavourGoToSocial, mastoapi.SoftwareGoToSocial, ""},
	} {
		t.Run(string(tc.flavour)+"/"+tc.login, func(t *testing.T) {
			_, base := startSim(t, tc.flavour)
			st := &steps{}
			b := &oauthtest.Browser{Login: tc.login}
			got, err := newConnector(b, st).Connect(context.Background(), Request{Input: "  " + base + "/about  "})
			if err != nil {
				t.Fatal(err)
			}
			if got.URL != base || got.Domain != "social.example.org" || got.Title == "" || got.Software != tc.software ||
				got.Version == "" || got.Capabilities.Software != tc.software {
				t.Errorf("connected %+v", got)
			}
			wantUser := tc.login
			if wantUser == "" {
				wantUser = "admin"
			}
			if got.Account.Username != wantUser || !got.Account.Role.Permissions.Has(mastoapi.PermManageReports) {
				t.Errorf("account %+v", got.Account)
			}
			if got.Token.AccessToken == "" || got.Token.ClientSecret == "" {
				t.Errorf("token %+v", got.Token)
			}
			if st.String() != "discovering,waiting_for_browser,exchanging,verifying" {
				t.Errorf("steps %s", st)
			}
			// The token works for the admin API.
			c, _ := mastoapi.New(got.URL, got.Token.AccessToken, mastoapi.Options{Timeout: 5 * time.Second})
			if _, err := c.Reports(context.Background(), mastoapi.ReportQuery{}); err != nil {
				t.Errorf("reports with the new token: %v", err)
			}
		})
	}
}

// TestConnectPlainUserIsRefusedAndRevoked signs in as a user without any
// staff permission: Connect refuses with not_staff and the token it was
// given (seen through a spying transport) no longer works.
func TestConnectPlainUserIsRefusedAndRevoked(t *testing.T) {
	for _, fl := range []mastosim.Flavour{mastosim.FlavourMastodon, mastosim.FlavourGoToSocial} {
		t.Run(string(fl), func(t *testing.T) {
			sim, base := startSim(t, fl)
			spy := &tokenSpy{base: http.DefaultTransport}
			flow := oauth.New(oauth.Config{OpenBrowser: (&oauthtest.Browser{Login: "user"}).Open, Timeout: 10 * time.Second,
				HTTPClient: oauth.DefaultHTTPClient(spy)})
			_, err := New(flow, nil, 5*time.Second).Connect(context.Background(), Request{Input: base})
			wantErr(t, err, apperr.Forbidden, DetailNotStaff)
			if n := sim.Stats().ByPath["POST /oauth/revoke"]; n != 1 {
				t.Errorf("revoke calls = %d", n)
			}
			tok := spy.token()
			if tok == "" {
				t.Fatal("no token seen")
			}
			c, _ := mastoapi.New(base, tok, mastoapi.Options{Timeout: 5 * time.Second})
			_, err = c.VerifyCredentials(context.Background())
			wantErr(t, err, apperr.Unauthorized, mastoapi.DetailTokenRevoked)
		})
	}
}

// tokenSpy remembers the access token the token endpoint hands out.
type tokenSpy struct {
	base http.RoundTripper
	mu   sync.Mutex
	tok  string
}

func (s *tokenSpy) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := s.base.RoundTrip(r)
	if err != nil || r.URL.Path != "/oauth/token" {
		return resp, err
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var body struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.Unmarshal(raw, &body)
	s.mu.Lock()
	s.tok = body.AccessToken
	s.mu.Unlock()
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	return resp, nil
}

func (s *tokenSpy) token() string { s.mu.Lock(); defer s.mu.Unlock(); return s.tok }

func TestConnectNotMastodon(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>City of Example</title></head><body>Welcome</body></html>"))
	}))
	defer srv.Close()
	b := &oauthtest.Browser{}
	_, err := newConnector(b, &steps{}).Connect(context.Background(), Request{Input: srv.URL})
	wantErr(t, err, apperr.Invalid, mastoapi.DetailNotMastodon)
	if b.AuthorizeURL() != "" {
		t.Error("no browser for a server that is not Mastodon")
	}
}

func TestConnectUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = newConnector(&oauthtest.Browser{}, &steps{}).Connect(context.Background(), Request{Input: "http://" + addr})
	wantErr(t, err, apperr.Unavailable, mastoapi.DetailUnreachable)
}

func TestConnectBadInput(t *testing.T) {
	for in, detail := range map[string]string{
		"":                           mastoapi.DetailEmpty,
		"@alice@social.example.org":  mastoapi.DetailNotAHost,
		"http://social.example.org":  mastoapi.DetailNotHTTPS,
		"https://a:b@social.example": mastoapi.DetailCredentialsInURL,
	} {
		_, err := newConnector(&oauthtest.Browser{}, &steps{}).Connect(context.Background(), Request{Input: in})
		wantErr(t, err, apperr.Invalid, detail)
	}
}

func TestConnectDenied(t *testing.T) {
	_, base := startSim(t, mastosim.FlavourMastodon)
	_, err := newConnector(&oauthtest.Browser{Deny: true}, &steps{}).Connect(context.Background(), Request{Input: base})
	wantErr(t, err, apperr.Forbidden, oauth.DetailDenied)
}
