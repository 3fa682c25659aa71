package oauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	"steward/internal/apperr"
)

// registeredApp is the answer of POST /api/v1/apps.
type registeredApp struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
}

// tokenAnswer is the answer of POST /oauth/token.
type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	Scope       string `json:"scope"`
	CreatedAt   int64  `json:"created_at"`
}

// oauthError is an OAuth error body (RFC 6749 §5.2) or a Mastodon error.
type oauthError struct {
	Error string `json:"error"`
}

// HTTPError is the cause of an error answer from an OAuth endpoint. Message
// is the server's error code ("invalid_grant"), never a secret.
type HTTPError struct {
	Status  int
	Message string
}

func (e *HTTPError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.Status, e.Message) }

// register registers Steward as an application with exactly one redirect
// URI, sent as a plain form string (GoToSocial refuses a JSON array).
func (f *Flow) register(ctx context.Context, endpoint, redirectURI string, scopes []string) (registeredApp, error) {
	form := url.Values{
		"client_name":   {f.cfg.ClientName},
		"redirect_uris": {redirectURI},
		"scopes":        {strings.Join(scopes, " ")},
	}
	if f.cfg.Website != "" {
		form.Set("website", f.cfg.Website)
	}
	var app registeredApp
	if err := postForm(ctx, f.hc, "oauth: register app", endpoint, form, &app); err != nil {
		return registeredApp{}, err
	}
	if app.ClientID == "" || app.ClientSecret == "" {
		return registeredApp{}, &apperr.Error{Op: "oauth: register app", Kind: apperr.Unavailable, Extra: DetailBadResponse,
			Err: errors.New("the server returned no client credentials")}
	}
	return app, nil
}

// exchange trades the code for an access token.
func (f *Flow) exchange(ctx context.Context, endpoint string, app registeredApp, code, redirectURI, verifier string) (tokenAnswer, error) {
	form := url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"client_id":     {app.ClientID},
		"client_secret": {app.ClientSecret},
		"redirect_uri":  {redirectURI},
		"code_verifier": {verifier},
	}
	var tok tokenAnswer
	if err := postForm(ctx, f.hc, "oauth: token", endpoint, form, &tok); err != nil {
		return tokenAnswer{}, err
	}
	if tok.AccessToken == "" {
		return tokenAnswer{}, &apperr.Error{Op: "oauth: token", Kind: apperr.Unavailable, Extra: DetailBadResponse,
			Err: errors.New("the server returned no access token")}
	}
	return tok, nil
}

// Revoke revokes an access token (POST /oauth/revoke). It is idempotent: a
// token the server no longer knows (400/401/403) counts as revoked. Network
// failures are Unavailable. hc may be nil.
func Revoke(ctx context.Context, hc *http.Client, server *url.URL, clientID, clientSecret, token string) error {
	const op = "oauth: revoke token"
	if server == nil || server.Host == "" {
		return apperr.Errorf(op, apperr.Invalid, "no server URL")
	}
	if hc == nil {
		hc = DefaultHTTPClient(nil)
	}
	endpoint := endpointsFor(server, nil).revoke
	form := url.Values{"token": {token}, "client_id": {clientID}, "client_secret": {clientSecret}}
	err := postForm(ctx, hc, op, endpoint, form, nil)
	var he *HTTPError
	if errors.As(err, &he) {
		switch he.Status {
		case http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden:
			return nil
		}
	}
	return err
}

// postForm POSTs a form and decodes a JSON answer into out (unless nil),
// under a deadline. Errors are typed; they carry no form values.
func postForm(ctx context.Context, hc *http.Client, op, endpoint string, form url.Values, out any) error {
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return apperr.E(op, apperr.Internal, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return transportError(op, ctx, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return transportError(op, ctx, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return statusError(op, resp.StatusCode, raw)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailBadResponse, Err: errors.New("the answer is not the expected JSON")}
	}
	return nil
}

func statusError(op string, status int, raw []byte) error {
	var body oauthError
	_ = json.Unmarshal(raw, &body)
	msg := sanitizeCode(body.Error)
	if msg == "" {
		msg = http.StatusText(status)
	}
	e := &apperr.Error{Op: op, Err: &HTTPError{Status: status, Message: msg}}
	switch {
	case body.Error == "invalid_grant":
		e.Kind, e.Extra = apperr.Invalid, DetailInvalidGrant
	case status == http.StatusUnauthorized:
		e.Kind = apperr.Unauthorized
	case status == http.StatusForbidden:
		e.Kind = apperr.Forbidden
	case status == http.StatusNotFound, status == http.StatusMethodNotAllowed, status == http.StatusGone:
		e.Kind = apperr.NotFound
	case status == http.StatusTooManyRequests:
		e.Kind = apperr.RateLimited
	case status == http.StatusBadRequest, status == http.StatusUnprocessableEntity:
		e.Kind = apperr.Invalid
	case status >= 500:
		e.Kind, e.Extra = apperr.Unavailable, DetailServerError
	case status >= 300 && status < 400:
		e.Kind, e.Extra = apperr.Unavailable, DetailBadResponse // redirects are never followed
	default:
		e.Kind = apperr.Internal
	}
	return e
}

func transportError(op string, ctx context.Context, err error) error {
	// *url.Error carries the endpoint URL, never the form: safe to wrap.
	if errors.Is(ctx.Err(), context.Canceled) {
		return &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailCancelled, Err: err}
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailTimeout, Err: err}
	}
	return &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailUnreachable, Err: err}
}
