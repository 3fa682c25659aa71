package mastoapi

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strings"

	mastodon "github.com/mattn/go-mastodon"

	"steward/internal/apperr"
)

// Machine-readable details attached to errors (apperr.Error.Extra).
const (
	DetailHTMLPage     = "html_page"
	DetailBadJSON      = "bad_json"
	DetailTimeout      = "timeout"
	DetailUnreachable  = "unreachable"
	DetailServerError  = "server_error"
	DetailTokenRevoked = "token_invalid"
)

var (
	errHTMLPage = errors.New("the server answered with an HTML page instead of JSON")
	errBadJSON  = errors.New("the server's JSON answer is malformed or truncated")
)

func detailFor(err error) string {
	switch {
	case errors.Is(err, errHTMLPage):
		return DetailHTMLPage
	case errors.Is(err, errBadJSON):
		return DetailBadJSON
	}
	return ""
}

// ServerMessage is the "error" field of a Mastodon error body, when there was one.
type ServerMessage struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// statusError turns a non-2xx answer into a typed error.
func statusError(op string, resp *http.Response, raw []byte, budget *Budget) error {
	var msg ServerMessage
	_ = json.Unmarshal(raw, &msg)
	text := msg.Error
	if msg.ErrorDescription != "" {
		text += ": " + msg.ErrorDescription
	}
	if text == "" {
		text = http.StatusText(resp.StatusCode)
	}
	cause := &HTTPError{Status: resp.StatusCode, Message: text}
	e := &apperr.Error{Op: op, Err: cause}
	switch code := resp.StatusCode; {
	case code == http.StatusUnauthorized:
		e.Kind, e.Extra = apperr.Unauthorized, DetailTokenRevoked
	case code == http.StatusForbidden:
		e.Kind = apperr.Forbidden
	case code == http.StatusNotFound, code == http.StatusGone, code == http.StatusMethodNotAllowed:
		e.Kind = apperr.NotFound
	case code == http.StatusConflict:
		e.Kind = apperr.Conflict
	case code == http.StatusTooManyRequests:
		e.Kind = apperr.RateLimited
		cause.RetryAt = budget.RetryAt(resp.Header)
	case code == http.StatusUnprocessableEntity, code == http.StatusBadRequest:
		e.Kind = apperr.Invalid
	case code >= 500:
		e.Kind, e.Extra = apperr.Unavailable, DetailServerError
		if looksLikeHTML(resp.Header.Get("Content-Type"), raw) {
			e.Extra = DetailHTMLPage
		}
	default:
		e.Kind = apperr.Internal
	}
	return e
}

// classifyTransport maps network failures to Unavailable with a detail.
func classifyTransport(op string, ctx context.Context, err error) error {
	var rl *rateLimitedError
	if errors.As(err, &rl) {
		return &apperr.Error{Op: op, Kind: apperr.RateLimited, Err: &HTTPError{Status: http.StatusTooManyRequests, Message: "rate limited", RetryAt: rl.retryAt}}
	}
	var apiErr *mastodon.APIError
	if errors.As(err, &apiErr) {
		return statusError(op, &http.Response{StatusCode: apiErr.StatusCode, Header: http.Header{}}, []byte(`{"error":`+quote(apiErr.Message)+`}`), nil)
	}
	if errors.Is(err, context.Canceled) && ctx.Err() == context.Canceled {
		return &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: "cancelled", Err: err}
	}
	var netErr net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()) {
		return &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailTimeout, Err: err}
	}
	return &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailUnreachable, Err: err}
}

func quote(s string) string {
	b, _ := json.Marshal(strings.TrimSpace(s))
	return string(b)
}
