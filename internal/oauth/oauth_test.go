package oauth

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/mastosim"
	"steward/internal/oauth/oauthtest"
)

// recorder wraps the simulator and keeps what POST /api/v1/apps received and answered.
type recorder struct {
	h  http.Handler
	mu sync.Mutex

	appContentType string
	appForm        url.Values
	appAnswer      string
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && r.URL.Path == "/api/v1/apps" {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		r.Body = io.NopCloser(bytes.NewReader(body))
		rw := httptest.NewRecorder()
		rec.h.ServeHTTP(rw, r)
		rec.mu.Lock()
		rec.appContentType, rec.appForm, rec.appAnswer = r.Header.Get("Content-Type"), form, rw.Body.String()
		rec.mu.Unlock()
		for k, v := range rw.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rw.Code)
		_, _ = w.Write(rw.Body.Bytes())
		return
	}
	rec.h.ServeHTTP(w, r)
}

type env struct {
	sim  *mastosim.Sim
	url  *url.URL
	rec  *recorder
	caps mastoapi.Capabilities
	meta *mastoapi.AuthMetadata
}

func newEnv(t *testing.T, flavour mastosim.Flavour) *env {
	t.Helper()
	sim := mastosim.New(mastosim.Options{Flavour: flavour, RateLimit: mastosim.RateLimit{Limit: -1}})
	rec := &recorder{h: sim.Handler()}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	u, err := mastoapi.NormalizeServerURL(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	c, err := mastoapi.New(u.String(), "", mastoapi.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	d, err := mastoapi.Discover(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{sim: sim, url: u, rec: rec, caps: d.Capabilities}
	if d.HasMetadata {
		e.meta = &d.Metadata
	}
	return e
}

func (e *env) flow(b *oauthtest.Browser, timeout time.Duration) *Flow {
	return New(Config{ClientName: "Steward test", Website: "https://steward.example", OpenBrowser: b.Open, Timeout: timeout})
}

func wantErr(t *testing.T, err error, kind apperr.Kind, detail string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want %s/%s, got nil", kind, detail)
	}
	if apperr.KindOf(err) != kind || apperr.DetailOf(err) != detail {
		t.Fatalf("want %s/%s, got %s/%s: %v", kind, detail, apperr.KindOf(err), apperr.DetailOf(err), err)
	}
}

func (e *env) tokenPosts() int64 { return e.sim.Stats().ByPath["POST /oauth/token"] }

func TestSignInMastodon(t *testing.T) {
	e := newEnv(t, mastosim.FlavourMastodon)
	if !e.caps.PKCE || e.meta == nil {
		t.Fatalf("simulated Mastodon 4.3 should have PKCE and metadata: %+v", e.caps)
	}
	b := &oauthtest.Browser{}
	var steps []string
	res, err := e.flow(b, 10*time.Second).SignInSteps(context.Background(), e.url, e.caps, e.meta, func(s string) { steps = append(steps, s) })
	if err != nil {
		t.Fatal(err)
	}
	if res.AccessToken == "" || res.ClientID == "" || res.ClientSecret == "" || res.CreatedAt.IsZero() {
		t.Fatalf("incomplete result: %+v", res)
	}
	if strings.Join(steps, ",") != StepWaitingForBrowser+","+StepExchanging {
		t.Errorf("steps = %v", steps)
	}
	if !strings.HasPrefix(res.RedirectURI, "http://127.0.0.1:") || !strings.HasSuffix(res.RedirectURI, "/callback") {
		t.Errorf("redirect URI %q", res.RedirectURI)
	}
	// The app was registered with exactly that redirect URI, as a plain form string.
	e.rec.mu.Lock()
	ct, form, answer := e.rec.appContentType, e.rec.appForm, e.rec.appAnswer
	e.rec.mu.Unlock()
	if !strings.HasPrefix(ct, "application/x-www-form-urlencoded") || form.Get("redirect_uris") != res.RedirectURI || len(form["redirect_uris"]) != 1 {
		t.Errorf("registration: content type %q, form %v", ct, form)
	}
	if form.Get("scopes") != strings.Join(DefaultScopes, " ") {
		t.Errorf("scopes %q", form.Get("scopes"))
	}
	if !strings.Contains(answer, `"redirect_uris":["`+res.RedirectURI+`"]`) {
		t.Errorf("simulator's app: %s", answer)
	}
	// PKCE S256 went to the authorize endpoint; the simulator verified it.
	q, _ := url.Parse(b.AuthorizeURL())
	if q.Query().Get("code_challenge_method") != "S256" || len(q.Query().Get("code_challenge")) != 43 || len(q.Query().Get("state")) < 43 {
		t.Errorf("authorize URL lacks PKCE/state: %s", q.RawQuery)
	}
	// The token works.
	c, _ := mastoapi.New(e.url.String(), res.AccessToken, mastoapi.Options{Timeout: 5 * time.Second})
	acct, err := c.VerifyCredentials(context.Background())
	if err != nil || acct.Username != "admin" || !acct.Role.Permissions.Has(mastoapi.PermManageReports) {
		t.Fatalf("verify credentials: %+v %v", acct, err)
	}
	// The callback page is friendly, script-free, and under a strict CSP.
	pages := b.Pages()
	if len(pages) != 1 || pages[0].Status != 200 || !strings.Contains(pages[0].Body, "You can close this tab and return to Steward") {
		t.Fatalf("pages %+v", pages)
	}
	if csp := pages[0].Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(pages[0].Body, "<script") {
		t.Errorf("CSP %q", csp)
	}
	assertClosed(t, res.RedirectURI)
}

func TestSignInGoToSocialExactRedirect(t *testing.T) {
	e := newEnv(t, mastosim.FlavourGoToSocial)
	if e.meta != nil || e.caps.LoopbackPortMayVary {
		t.Fatal("GoToSocial has no metadata and exact redirect URIs")
	}
	res, err := e.flow(&oauthtest.Browser{}, 10*time.Second).SignIn(context.Background(), e.url, e.caps, e.meta)
	if err != nil {
		t.Fatal(err)
	}
	e.rec.mu.Lock()
	registered := strings.Fields(e.rec.appForm.Get("scopes"))
	e.rec.mu.Unlock()
	if !slices.Contains(strings.Fields(res.Scope), "admin:write") || !slices.Contains(registered, "admin:write") {
		t.Errorf("GoToSocial rules need admin:write: %q", res.Scope)
	}
	c, _ := mastoapi.New(e.url.String(), res.AccessToken, mastoapi.Options{Timeout: 5 * time.Second})
	if _, err := c.VerifyCredentials(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestGoToSocialRefusesAnotherPort(t *testing.T) {
	e := newEnv(t, mastosim.FlavourGoToSocial)
	// A browser that tampers the authorize request's port never gets a consent page.
	b := &oauthtest.Browser{}
	f := New(Config{OpenBrowser: func(raw string) error {
		u, _ := url.Parse(raw)
		q := u.Query()
		q.Set("redirect_uri", "http://127.0.0.1:1/callback")
		u.RawQuery = q.Encode()
		return b.Open(u.String())
	}, Timeout: 5 * time.Second})
	_, err := f.SignIn(context.Background(), e.url, e.caps, nil)
	wantErr(t, err, apperr.Unavailable, DetailBrowser)
	if !strings.Contains(err.Error(), "HTTP 400") {
		t.Errorf("want the simulator's refusal, got %v", err)
	}
}

func TestDenied(t *testing.T) {
	e := newEnv(t, mastosim.FlavourMastodon)
	b := &oauthtest.Browser{Deny: true}
	_, err := e.flow(b, 10*time.Second).SignIn(context.Background(), e.url, e.caps, e.meta)
	wantErr(t, err, apperr.Forbidden, DetailDenied)
	if e.tokenPosts() != 0 {
		t.Error("no token exchange after a denial")
	}
	if p := b.Pages(); len(p) != 1 || !strings.Contains(p[0].Body, "refused") {
		t.Errorf("pages %+v", p)
	}
}

func TestStateMismatchIsNotExchanged(t *testing.T) {
	for name, tamper := range map[string]func(u *url.URL){
		"wrong": func(u *url.URL) {
			q := u.Query()
			q.Set("state", "forged")
			u.RawQuery = q.Encode()
		},
		"missing": func(u *url.URL) {
			q := u.Query()
			q.Del("state")
			u.RawQuery = q.Encode()
		},
	} {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, mastosim.FlavourMastodon)
			b := &oauthtest.Browser{TamperCallback: tamper, Callbacks: 2}
			_, err := e.flow(b, 10*time.Second).SignIn(context.Background(), e.url, e.caps, e.meta)
			wantErr(t, err, apperr.Invalid, DetailStateMismatch)
			if e.tokenPosts() != 0 {
				t.Error("the code must not be exchanged")
			}
			p := b.Pages()
			if len(p) != 2 || p[0].Status != http.StatusBadRequest || !strings.Contains(p[1].Body, "already finished") {
				t.Errorf("pages %+v", p)
			}
		})
	}
}

func TestSecondCallbackGetsFinishedPage(t *testing.T) {
	e := newEnv(t, mastosim.FlavourMastodon)
	b := &oauthtest.Browser{Callbacks: 2}
	if _, err := e.flow(b, 10*time.Second).SignIn(context.Background(), e.url, e.caps, e.meta); err != nil {
		t.Fatal(err)
	}
	p := b.Pages()
	if len(p) != 2 || !strings.Contains(p[0].Body, "You can close this tab") || !strings.Contains(p[1].Body, "This sign-in has already finished") {
		t.Fatalf("pages %+v", p)
	}
	if e.tokenPosts() != 1 {
		t.Errorf("token posts = %d", e.tokenPosts())
	}
}

func TestTimeoutClosesListener(t *testing.T) {
	e := newEnv(t, mastosim.FlavourMastodon)
	b := &oauthtest.Browser{DoNothing: true}
	start := time.Now()
	_, err := e.flow(b, 300*time.Millisecond).SignIn(context.Background(), e.url, e.caps, e.meta)
	wantErr(t, err, apperr.Unavailable, DetailTimeout)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	assertClosed(t, b.RedirectURI())
}

func TestCancel(t *testing.T) {
	e := newEnv(t, mastosim.FlavourMastodon)
	ctx, cancel := context.WithCancel(context.Background())
	b := &oauthtest.Browser{DoNothing: true}
	f := New(Config{OpenBrowser: func(u string) error {
		_ = b.Open(u)
		time.AfterFunc(50*time.Millisecond, cancel)
		return nil
	}, Timeout: 10 * time.Second})
	_, err := f.SignIn(ctx, e.url, e.caps, e.meta)
	wantErr(t, err, apperr.Unavailable, DetailCancelled)
	assertClosed(t, b.RedirectURI())

	// Already cancelled: nothing is registered.
	_, err = f.SignIn(ctx, e.url, e.caps, e.meta)
	wantErr(t, err, apperr.Unavailable, DetailCancelled)
}

func TestBrowserError(t *testing.T) {
	e := newEnv(t, mastosim.FlavourMastodon)
	var redirect string
	f := New(Config{OpenBrowser: func(u string) error {
		pu, _ := url.Parse(u)
		redirect = pu.Query().Get("redirect_uri")
		return io.ErrClosedPipe
	}, Timeout: 10 * time.Second})
	_, err := f.SignIn(context.Background(), e.url, e.caps, e.meta)
	wantErr(t, err, apperr.Unavailable, DetailBrowser)
	assertClosed(t, redirect)

	_, err = New(Config{}).SignIn(context.Background(), e.url, e.caps, e.meta)
	wantErr(t, err, apperr.Unavailable, DetailBrowser)
}

func TestBrowserPanicIsAnError(t *testing.T) {
	e := newEnv(t, mastosim.FlavourMastodon)
	f := New(Config{OpenBrowser: func(string) error { panic("boom") }, Timeout: 10 * time.Second})
	_, err := f.SignIn(context.Background(), e.url, e.caps, e.meta)
	wantErr(t, err, apperr.Unavailable, DetailBrowser)
}

func TestBadPKCEVerifier(t *testing.T) {
	e := newEnv(t, mastosim.FlavourMastodon)
	f := e.flow(&oauthtest.Browser{}, 10*time.Second)
	var original string
	f.tamperVerifier = func(v string) string { original = v; return strings.Repeat("x", len(v)) }
	_, err := f.SignIn(context.Background(), e.url, e.caps, e.meta)
	wantErr(t, err, apperr.Invalid, DetailInvalidGrant)
	if len(original) != 64 || strings.Contains(err.Error(), original) || strings.Contains(err.Error(), "xxxx") {
		t.Errorf("verifier %d chars; error %q must not carry it", len(original), err)
	}
	if e.tokenPosts() != 1 {
		t.Errorf("token posts = %d", e.tokenPosts())
	}
	if !strings.HasPrefix(err.Error(), "oauth: exchange code: ") {
		t.Errorf("error %q", err)
	}
}

func TestRegistrationFailure(t *testing.T) {
	e := newEnv(t, mastosim.FlavourMastodon)
	e.sim.SetFaults(mastosim.Faults{ErrorRate: 1, Status: http.StatusServiceUnavailable})
	b := &oauthtest.Browser{}
	_, err := e.flow(b, 10*time.Second).SignIn(context.Background(), e.url, e.caps, e.meta)
	wantErr(t, err, apperr.Unavailable, DetailServerError)
	if b.AuthorizeURL() != "" {
		t.Error("no browser when the app could not be registered")
	}
	if !strings.HasPrefix(err.Error(), "oauth: register app: ") {
		t.Errorf("error %q", err)
	}
}

func TestRevokeIsIdempotent(t *testing.T) {
	e := newEnv(t, mastosim.FlavourMastodon)
	res, err := e.flow(&oauthtest.Browser{}, 10*time.Second).SignIn(context.Background(), e.url, e.caps, e.meta)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if err := Revoke(context.Background(), nil, e.url, res.ClientID, res.ClientSecret, res.AccessToken); err != nil {
			t.Fatalf("revoke %d: %v", i, err)
		}
	}
	c, _ := mastoapi.New(e.url.String(), res.AccessToken, mastoapi.Options{Timeout: 5 * time.Second})
	if _, err := c.VerifyCredentials(context.Background()); !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("revoked token still works: %v", err)
	}
	// Unknown client (401 invalid_client) also counts as done.
	if err := Revoke(context.Background(), nil, e.url, "nope", "nope", res.AccessToken); err != nil {
		t.Fatal(err)
	}
	// A server that is gone is Unavailable.
	dead := deadURL(t)
	err = Revoke(context.Background(), nil, dead, "a", "b", "c")
	wantErr(t, err, apperr.Unavailable, DetailUnreachable)
}

func TestScopesFor(t *testing.T) {
	if got := ScopesFor(nil, mastoapi.Capabilities{}); strings.Join(got, " ") != strings.Join(DefaultScopes, " ") {
		t.Errorf("%v", got)
	}
	got := ScopesFor([]string{"read:accounts"}, mastoapi.Capabilities{RulesEditable: true})
	if strings.Join(got, " ") != "read:accounts admin:write" {
		t.Errorf("%v", got)
	}
}

func assertClosed(t *testing.T, redirectURI string) {
	t.Helper()
	u, err := url.Parse(redirectURI)
	if err != nil || u.Host == "" {
		t.Fatalf("no redirect URI %q", redirectURI)
	}
	conn, err := net.DialTimeout("tcp", u.Host, time.Second)
	if err == nil {
		conn.Close()
		t.Fatalf("listener %s still open", u.Host)
	}
}

func deadURL(t *testing.T) *url.URL {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return &url.URL{Scheme: "http", Host: addr}
}
