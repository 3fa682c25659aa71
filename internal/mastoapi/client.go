// Package mastoapi is Steward's thin Mastodon API client.
//
// It is built on github.com/mattn/go-mastodon: a mastodon.Client carries the
// server configuration and the http.Client. What go-mastodon lacks — response
// headers (Link pagination, X-RateLimit-*), the admin filters, typed errors and
// a 429 policy that never blocks — is added here. Every request runs under a
// context with a deadline, and a 429 is returned at once as a RateLimited error
// carrying the reset time, never retried in a loop.
package mastoapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	mastodon "github.com/mattn/go-mastodon"

	"steward/internal/apperr"
)

// DefaultTimeout bounds one request when the caller's context has no deadline.
const DefaultTimeout = 20 * time.Second

// maxBody caps a response body; a Mastodon page of 200 reports is well below.
const maxBody = 32 << 20

// Options configure a Client.
type Options struct {
	// Transport is the base round tripper (default http.DefaultTransport).
	Transport http.RoundTripper
	// Timeout for one request when the context carries no deadline.
	Timeout time.Duration
	// UserAgent sent with every request.
	UserAgent string
	// Now is the clock used for rate-limit bookkeeping (default time.Now).
	Now func() time.Time
}

// Client talks to one server with one token.
type Client struct {
	base    *url.URL
	mc      *mastodon.Client
	budget  *Budget
	timeout time.Duration
	ua      string
}

// New returns a client for the server at baseURL (scheme and host, e.g.
// "https://social.example.org") using the access token (may be empty for
// public endpoints).
func New(baseURL, token string, opts Options) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, apperr.Errorf("mastoapi: new client", apperr.Invalid, "not a server URL: %q", baseURL)
	}
	if opts.Transport == nil {
		opts.Transport = http.DefaultTransport
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "Steward/dev"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	budget := NewBudget(opts.Now)
	mc := mastodon.NewClient(&mastodon.Config{Server: u.String(), AccessToken: token})
	mc.UserAgent = opts.UserAgent
	mc.Client = http.Client{
		Transport: &guardTransport{base: opts.Transport, budget: budget},
		Timeout:   0, // deadlines come from contexts
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			return nil
		},
	}
	return &Client{base: u, mc: mc, budget: budget, timeout: opts.Timeout, ua: opts.UserAgent}, nil
}

// BaseURL returns the server's base URL.
func (c *Client) BaseURL() string { return c.base.String() }

// Budget returns the rate budget learnt from this client's responses.
func (c *Client) Budget() *Budget { return c.budget }

// withDeadline gives ctx a deadline when it has none.
func (c *Client) withDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, c.timeout)
}

// response is a decoded answer with the headers callers need.
type response struct {
	Header http.Header
	Status int
}

// getJSON performs GET path?query and decodes the JSON body into out.
func (c *Client) getJSON(ctx context.Context, op, path string, query url.Values, out any) (*response, error) {
	return c.doJSON(ctx, op, http.MethodGet, c.resolve(path, query), nil, out)
}

func (c *Client) resolve(path string, query url.Values) string {
	u := *c.base
	u.Path = strings.TrimRight(c.base.Path, "/") + path
	u.RawQuery = ""
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	return u.String()
}

// doJSON sends a request to an absolute URL on this server and decodes the
// JSON answer into out (when out is not nil).
func (c *Client) doJSON(ctx context.Context, op, method, rawURL string, body url.Values, out any) (*response, error) {
	ctx, cancel := c.withDeadline(ctx)
	defer cancel()

	target, err := url.Parse(rawURL)
	if err != nil || target.Host != c.base.Host {
		return nil, apperr.Errorf(op, apperr.Invalid, "refusing to follow a URL on another host: %q", rawURL)
	}
	var rdr io.Reader
	if body != nil {
		rdr = strings.NewReader(body.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, target.String(), rdr)
	if err != nil {
		return nil, apperr.E(op, apperr.Internal, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.ua)
	if tok := c.mc.Config.AccessToken; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := c.mc.Client.Do(req)
	if err != nil {
		return nil, classifyTransport(op, ctx, err)
	}
	defer resp.Body.Close()
	raw, readErr := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if readErr != nil {
		return nil, classifyTransport(op, ctx, readErr)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, statusError(op, resp, raw, c.budget)
	}
	if out != nil {
		if err := decodeJSON(resp.Header.Get("Content-Type"), raw, out); err != nil {
			return nil, &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: detailFor(err), Err: err}
		}
	}
	return &response{Header: resp.Header, Status: resp.StatusCode}, nil
}

// decodeJSON refuses HTML pages and truncated or malformed JSON.
func decodeJSON(contentType string, raw []byte, out any) error {
	if looksLikeHTML(contentType, raw) {
		return errHTMLPage
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%w: %v", errBadJSON, err)
	}
	return nil
}

func looksLikeHTML(contentType string, raw []byte) bool {
	if strings.HasPrefix(strings.ToLower(contentType), "text/html") {
		return true
	}
	trimmed := strings.TrimSpace(string(raw[:min(len(raw), 64)]))
	return strings.HasPrefix(trimmed, "<")
}
