// Package oauth signs Steward in to one Mastodon or GoToSocial server the
// way RFC 8252 asks native apps to: the app is registered with a loopback
// redirect URI (http://127.0.0.1:PORT/callback, the exact port we listen on,
// so that GoToSocial's exact-match rule holds), the authorization request
// opens in the system browser with a random state and a PKCE S256 challenge,
// exactly one callback is accepted, and the code is exchanged for a token.
//
// Nothing here logs or puts into an error message the token, the code, the
// PKCE verifier or the client secret. Every wait has a deadline and the
// loopback listener is always closed when SignIn returns.
package oauth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
)

// DefaultScopes is the narrowest set of scopes Steward's features need:
//
//   - read:accounts — verify_credentials (who signed in, their role)
//   - read:notifications — admin.report notifications on the user stream
//   - admin:read — every admin list (reports, accounts, blocks, allows, IP and
//     e-mail blocks) AND the dashboard measures, which Mastodon only grants to
//     the whole admin:read scope (it has no admin:read:measures)
//   - admin:write:reports — assign, resolve, reopen, update reports
//   - admin:write:accounts — account actions, approve/reject and undo
//   - admin:write:domain_blocks, admin:write:domain_allows — federation policy
//   - admin:write:email_domain_blocks, admin:write:ip_blocks,
//     admin:write:canonical_email_blocks — sign-up and access blocks
//
// No read, write, follow or push: Steward never posts or reads timelines.
// The whole admin:write scope is only asked for where the server lets rules be
// edited through the API (GoToSocial), see ScopesFor.
var DefaultScopes = []string{
	"read:accounts", "read:notifications", "admin:read",
	"admin:write:reports", "admin:write:accounts",
	"admin:write:domain_blocks", "admin:write:domain_allows",
	"admin:write:email_domain_blocks", "admin:write:ip_blocks", "admin:write:canonical_email_blocks",
}

// ScopesFor returns base (DefaultScopes when empty) plus what the server's
// capabilities additionally need: admin:write when rules are editable
// (GoToSocial guards its rules API with the whole admin:write scope).
func ScopesFor(base []string, caps mastoapi.Capabilities) []string {
	if len(base) == 0 {
		base = DefaultScopes
	}
	out := append([]string(nil), base...)
	if caps.RulesEditable && !slices.Contains(out, "admin:write") {
		out = append(out, "admin:write")
	}
	return out
}

// Details of the errors SignIn and Revoke return (apperr.Error.Extra).
const (
	DetailDenied          = "denied"           // the user refused (Forbidden)
	DetailStateMismatch   = "state_mismatch"   // the callback's state was wrong or missing (Invalid)
	DetailTimeout         = "timeout"          // nobody came back from the browser in time (Unavailable)
	DetailCancelled       = "cancelled"        // the caller cancelled (Unavailable)
	DetailPortUnavailable = "port_unavailable" // no loopback port to listen on (Unavailable)
	DetailBrowser         = "browser"          // the browser could not be opened (Unavailable)
	DetailInvalidGrant    = "invalid_grant"    // the code was refused at the token endpoint (Invalid)
	DetailServerError     = "server_error"     // the callback carried another OAuth error (Unavailable)
	DetailBadResponse     = "bad_response"     // the server's answer lacked what OAuth requires
	DetailUnreachable     = "unreachable"      // the server could not be reached (Unavailable)
)

// Progress steps reported by SignInSteps.
const (
	StepWaitingForBrowser = "waiting_for_browser"
	StepExchanging        = "exchanging"
)

// Config configures a Flow.
type Config struct {
	ClientName  string        // shown on the consent page; default "Steward"
	Website     string        // optional
	Scopes      []string      // default: ScopesFor(DefaultScopes, caps)
	Timeout     time.Duration // how long to wait for the browser; default 5 minutes
	OpenBrowser func(url string) error
	HTTPClient  *http.Client // nil: a client with sane timeouts that never follows redirects
	Now         func() time.Time
}

// Result is what a successful sign-in yields. The caller keeps it in the keychain.
type Result struct {
	ClientID     string
	ClientSecret string
	AccessToken  string
	Scope        string
	RedirectURI  string
	CreatedAt    time.Time
}

// Flow signs in to servers. It is safe for concurrent use; each SignIn has its
// own listener, state and verifier.
type Flow struct {
	cfg Config
	hc  *http.Client

	// tamperVerifier lets tests send a wrong PKCE verifier.
	tamperVerifier func(string) string
}

// DefaultTimeout is how long SignIn waits for the browser by default.
const DefaultTimeout = 5 * time.Minute

// requestTimeout bounds one request to the server (registration, exchange, revoke).
const requestTimeout = 30 * time.Second

// New returns a Flow.
func New(cfg Config) *Flow {
	if cfg.ClientName == "" {
		cfg.ClientName = "Steward"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = DefaultHTTPClient(nil)
	}
	return &Flow{cfg: cfg, hc: hc}
}

// DefaultHTTPClient returns a client over transport (nil: the default) with a
// request timeout that does not follow redirects, so that client secrets and
// codes are never re-posted to another URL.
func DefaultHTTPClient(transport http.RoundTripper) *http.Client {
	return &http.Client{
		Transport:     transport,
		Timeout:       requestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// SignIn runs the whole browser sign-in against server (a normalized base
// URL). meta may be nil; its endpoints are used when present.
func (f *Flow) SignIn(ctx context.Context, server *url.URL, caps mastoapi.Capabilities, meta *mastoapi.AuthMetadata) (Result, error) {
	return f.SignInSteps(ctx, server, caps, meta, nil)
}

// SignInSteps is SignIn with a progress callback (may be nil) that receives
// StepWaitingForBrowser and StepExchanging.
func (f *Flow) SignInSteps(ctx context.Context, server *url.URL, caps mastoapi.Capabilities, meta *mastoapi.AuthMetadata, progress func(step string)) (Result, error) {
	const op = "oauth: sign in"
	if progress == nil {
		progress = func(string) {}
	}
	if server == nil || server.Host == "" {
		return Result{}, apperr.Errorf(op, apperr.Invalid, "no server URL")
	}
	if f.cfg.OpenBrowser == nil {
		return Result{}, &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailBrowser, Err: errors.New("no way to open a browser")}
	}
	if err := ctx.Err(); err != nil {
		return Result{}, waitError(op, ctx, err)
	}

	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return Result{}, &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailPortUnavailable, Err: err}
	}
	defer ln.Close() // also closed by the server; closing twice is harmless
	redirectURI := fmt.Sprintf("http://127.0.0.1:%d/callback", ln.Addr().(*net.TCPAddr).Port)

	ep := endpointsFor(server, meta)
	scopes := f.cfg.Scopes
	if len(scopes) == 0 {
		scopes = ScopesFor(nil, caps)
	}
	app, err := f.register(ctx, ep.register, redirectURI, scopes)
	if err != nil {
		return Result{}, fmt.Errorf("oauth: register app: %w", err)
	}

	state, err := randomString(32)
	if err != nil {
		return Result{}, apperr.E(op, apperr.Internal, err)
	}
	verifier, err := randomVerifier()
	if err != nil {
		return Result{}, apperr.E(op, apperr.Internal, err)
	}
	sum := sha256.Sum256([]byte(verifier))
	challenge := base64.RawURLEncoding.EncodeToString(sum[:])

	q := url.Values{
		"response_type": {"code"}, "client_id": {app.ClientID}, "redirect_uri": {redirectURI},
		"scope": {strings.Join(scopes, " ")}, "state": {state},
		"code_challenge": {challenge}, "code_challenge_method": {"S256"},
	}
	authURL := ep.authorize + "?" + q.Encode()

	cb := newCallback(state)
	srv := &http.Server{Handler: cb, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: 30 * time.Second}
	go func() { _ = srv.Serve(ln) }()

	waitCtx, cancelWait := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancelWait()
	progress(StepWaitingForBrowser)
	browserErr := make(chan error, 1)
	browserExited := make(chan struct{})
	go func() {
		defer close(browserExited)
		err := errors.New("the browser opener panicked")
		defer func() { _ = recover(); browserErr <- err }()
		err = f.cfg.OpenBrowser(authURL)
	}()
	defer func() {
		// Let a synchronous browser opener finish (it may still be loading
		// the callback page), then stop serving. Both waits are bounded.
		select {
		case <-browserExited:
		case <-time.After(2 * time.Second):
		}
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if srv.Shutdown(sctx) != nil {
			_ = srv.Close()
		}
	}()

	var got callbackResult
	for waiting := true; waiting; {
		select {
		case got = <-cb.result:
			waiting = false
		case berr := <-browserErr:
			if berr != nil {
				return Result{}, &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailBrowser, Err: berr}
			}
			browserErr = nil // opened: wait for the callback only
		case <-waitCtx.Done():
			return Result{}, waitError(op, ctx, waitCtx.Err())
		}
	}
	if got.err != nil {
		return Result{}, got.err
	}

	progress(StepExchanging)
	if f.tamperVerifier != nil {
		verifier = f.tamperVerifier(verifier)
	}
	tok, err := f.exchange(ctx, ep.token, app, got.code, redirectURI, verifier)
	if err != nil {
		return Result{}, fmt.Errorf("oauth: exchange code: %w", err)
	}
	created := f.cfg.Now()
	if tok.CreatedAt > 0 {
		created = time.Unix(tok.CreatedAt, 0)
	}
	scope := tok.Scope
	if scope == "" {
		scope = strings.Join(scopes, " ")
	}
	return Result{ClientID: app.ClientID, ClientSecret: app.ClientSecret, AccessToken: tok.AccessToken,
		Scope: scope, RedirectURI: redirectURI, CreatedAt: created.UTC()}, nil
}

// waitError maps the end of a wait to timeout or cancelled.
func waitError(op string, parent context.Context, err error) error {
	if errors.Is(parent.Err(), context.Canceled) {
		return &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailCancelled, Err: parent.Err()}
	}
	return &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailTimeout,
		Err: fmt.Errorf("no answer from the browser in time: %w", err)}
}

// endpoints are the absolute URLs of the OAuth endpoints of one server.
type endpoints struct{ register, authorize, token, revoke string }

func endpointsFor(server *url.URL, meta *mastoapi.AuthMetadata) endpoints {
	base := strings.TrimRight((&url.URL{Scheme: server.Scheme, Host: server.Host, Path: server.Path}).String(), "/")
	ep := endpoints{register: base + "/api/v1/apps", authorize: base + "/oauth/authorize",
		token: base + "/oauth/token", revoke: base + "/oauth/revoke"}
	if meta == nil {
		return ep
	}
	// mastoapi.AuthServerMetadata already dropped cross-origin endpoints;
	// check again for metadata that came from elsewhere.
	pick := func(dst *string, v string) {
		if u, err := url.Parse(v); err == nil && u.Scheme == server.Scheme && u.Host == server.Host && u.User == nil {
			*dst = v
		}
	}
	pick(&ep.register, meta.AppRegistrationEndpoint)
	pick(&ep.authorize, meta.AuthorizationEndpoint)
	pick(&ep.token, meta.TokenEndpoint)
	pick(&ep.revoke, meta.RevocationEndpoint)
	return ep
}

// randomString returns n random bytes, base64url without padding.
func randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// randomVerifier returns a 64-character PKCE code verifier (RFC 7636: 43–128
// characters of [A-Za-z0-9-._~]); 48 random bytes are 64 base64url characters.
func randomVerifier() (string, error) { return randomString(48) }
