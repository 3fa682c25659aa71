// Package connect is the whole "connect a server" flow, headless: it
// normalizes what the user typed, discovers the server (refusing anything
// that is not a Mastodon-API server), signs in through the system browser,
// checks who signed in and that they are staff, and hands back everything
// the caller needs to store (the token goes to the keychain, the rest to the
// server list). It persists nothing itself and knows nothing of Wails.
package connect

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/oauth"
)

// Progress steps, in order. The UI translates them.
const (
	StepDiscovering       = "discovering"
	StepWaitingForBrowser = oauth.StepWaitingForBrowser
	StepExchanging        = oauth.StepExchanging
	StepVerifying         = "verifying"
)

// DetailNotStaff is the detail of the Forbidden error for an account without
// any moderation or administration permission.
const DetailNotStaff = "not_staff"

// Request is what the user asked for.
type Request struct {
	Input string // what the user typed: "social.example.org", a URL, …
}

// Connected is a server Steward is now signed in to.
type Connected struct {
	URL          string // normalized base URL, e.g. "https://social.example.org"
	Domain       string // the instance's domain (may differ from the URL's host)
	Title        string
	Software     mastoapi.Software
	Version      string
	Capabilities mastoapi.Capabilities
	Account      mastoapi.CredentialAccount // who signed in, with role and permissions
	Token        oauth.Result               // access token and client credentials: for the keychain
}

// Option configures a Connector.
type Option func(*Connector)

// WithProgress sets a callback that receives each step (may be called from
// the goroutine that runs Connect).
func WithProgress(fn func(step string)) Option {
	return func(c *Connector) { c.progress = fn }
}

// Connector connects servers.
type Connector struct {
	flow      *oauth.Flow
	transport http.RoundTripper
	timeout   time.Duration
	progress  func(step string)
}

// revokeTimeout bounds the clean-up revoke, which runs even when the
// caller's context is already cancelled.
const revokeTimeout = 10 * time.Second

// New returns a Connector. transport may be nil (http.DefaultTransport);
// timeout bounds each API request (0: mastoapi.DefaultTimeout).
func New(flow *oauth.Flow, transport http.RoundTripper, timeout time.Duration, opts ...Option) *Connector {
	c := &Connector{flow: flow, transport: transport, timeout: timeout}
	for _, o := range opts {
		o(c)
	}
	if c.progress == nil {
		c.progress = func(string) {}
	}
	return c
}

func (c *Connector) client(base *url.URL, token string) (*mastoapi.Client, error) {
	return mastoapi.New(base.String(), token, mastoapi.Options{Transport: c.transport, Timeout: c.timeout})
}

// Connect runs the whole flow. Errors carry a kind and a detail:
// Invalid with mastoapi's URL details or "not_mastodon"; Unavailable with
// "unreachable", "timeout", "server_error", or oauth's browser details;
// Forbidden with "denied" or "not_staff".
func (c *Connector) Connect(ctx context.Context, req Request) (Connected, error) {
	if c.flow == nil {
		return Connected{}, apperr.Errorf("connect", apperr.Internal, "no sign-in flow configured")
	}
	base, err := mastoapi.NormalizeServerURL(req.Input)
	if err != nil {
		return Connected{}, fmt.Errorf("connect: %w", err)
	}
	anon, err := c.client(base, "")
	if err != nil {
		return Connected{}, fmt.Errorf("connect: %w", err)
	}

	c.progress(StepDiscovering)
	d, err := mastoapi.Discover(ctx, anon)
	if err != nil {
		return Connected{}, fmt.Errorf("connect: discover %s: %w", base.Host, err)
	}
	var meta *mastoapi.AuthMetadata
	if d.HasMetadata {
		meta = &d.Metadata
	}

	tok, err := c.flow.SignInSteps(ctx, base, d.Capabilities, meta, c.progress)
	if err != nil {
		return Connected{}, fmt.Errorf("connect: sign in to %s: %w", base.Host, err)
	}

	c.progress(StepVerifying)
	authed, err := c.client(base, tok.AccessToken)
	if err != nil {
		return Connected{}, errors.Join(fmt.Errorf("connect: %w", err), c.revoke(ctx, base, tok))
	}
	acct, err := authed.VerifyCredentials(ctx)
	if err != nil {
		// The token is of no use to us: do not leave it behind.
		return Connected{}, errors.Join(fmt.Errorf("connect: verify credentials on %s: %w", base.Host, err), c.revoke(ctx, base, tok))
	}
	if !acct.Role.Permissions.IsStaff() {
		notStaff := &apperr.Error{Op: "connect: check role", Kind: apperr.Forbidden, Extra: DetailNotStaff,
			Err: fmt.Errorf("@%s has no moderation or administration permission on %s", acct.Username, base.Host)}
		if rerr := c.revoke(ctx, base, tok); rerr != nil {
			notStaff.Err = errors.Join(notStaff.Err, rerr)
		}
		return Connected{}, notStaff
	}

	domain := d.Instance.Domain
	if domain == "" {
		domain = base.Hostname()
	}
	return Connected{
		URL: base.String(), Domain: domain, Title: d.Instance.Title, Software: d.Instance.Software,
		Version: d.Instance.Version, Capabilities: d.Capabilities, Account: acct, Token: tok,
	}, nil
}

// revoke revokes a token we will not keep, even if ctx is already cancelled.
func (c *Connector) revoke(ctx context.Context, base *url.URL, tok oauth.Result) error {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), revokeTimeout)
	defer cancel()
	err := oauth.Revoke(rctx, oauth.DefaultHTTPClient(c.transport), base, tok.ClientID, tok.ClientSecret, tok.AccessToken)
	if err != nil {
		return fmt.Errorf("connect: revoke the unused token: %w", err)
	}
	return nil
}
