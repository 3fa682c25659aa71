package mastoapi

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/idna"

	"steward/internal/apperr"
)

// Details of the errors NormalizeServerURL and Discover return (apperr.Error.Extra).
// The UI translates them.
const (
	DetailEmpty            = "empty"              // nothing was typed
	DetailMalformedURL     = "malformed_url"      // not a URL or a host name at all
	DetailNotHTTPS         = "not_https"          // a scheme other than https (http only for loopback)
	DetailCredentialsInURL = "credentials_in_url" // user:password@ in the URL
	DetailNotAHost         = "not_a_host"         // a handle (@alice@host) or an invalid host name
	DetailNotMastodon      = "not_mastodon"       // the server does not speak the Mastodon API
)

const opNormalize = "mastoapi: normalize server URL"

func invalidURL(detail, msg string) error {
	return &apperr.Error{Op: opNormalize, Kind: apperr.Invalid, Extra: detail, Err: errors.New(msg)}
}

// NormalizeServerURL turns what a user typed ("social.example.org",
// "https://Social.Example.org/about") into the server's base URL: scheme and
// lower-case (punycode) host, with an optional non-default port, no path,
// query or fragment. Only https is accepted, except plain http for loopback
// hosts (127.0.0.0/8, ::1, localhost). Errors are apperr.Invalid with one of
// the Detail* values above; they never echo the input (it may hold a password).
func NormalizeServerURL(input string) (*url.URL, error) {
	s := strings.TrimSpace(input)
	if s == "" {
		return nil, invalidURL(DetailEmpty, "no server address given")
	}
	if strings.ContainsFunc(s, func(r rune) bool {
		return r <= ' ' || r == 0x7f || unicode.IsSpace(r) || unicode.In(r, unicode.Cc, unicode.Cf)
	}) {
		return nil, invalidURL(DetailMalformedURL, "the address contains spaces or invisible characters")
	}
	if !strings.Contains(s, "://") {
		if strings.Contains(s, "@") {
			return nil, invalidURL(DetailNotAHost, "this looks like an account handle, not a server address")
		}
		if hasOpaqueScheme(s) {
			return nil, invalidURL(DetailMalformedURL, "not a server address")
		}
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, invalidURL(DetailMalformedURL, "not a server address")
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "https" && scheme != "http" {
		return nil, invalidURL(DetailNotHTTPS, "only https:// server addresses are supported")
	}
	if u.User != nil {
		return nil, invalidURL(DetailCredentialsInURL, "the address must not contain a user name or password")
	}
	if u.Opaque != "" || u.Host == "" || u.Hostname() == "" {
		return nil, invalidURL(DetailMalformedURL, "the address has no host")
	}
	host, err := normalizeHost(u.Hostname())
	if err != nil {
		return nil, err
	}
	port := u.Port()
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return nil, invalidURL(DetailMalformedURL, "the port is out of range")
		}
		if (scheme == "https" && n == 443) || (scheme == "http" && n == 80) {
			port = ""
		}
	}
	if scheme == "http" && !isLoopbackHost(host) {
		return nil, invalidURL(DetailNotHTTPS, "plain http is only allowed for servers on this computer")
	}
	hostport := host
	if strings.Contains(host, ":") { // IPv6 literal
		hostport = "[" + host + "]"
	}
	if port != "" {
		hostport = net.JoinHostPort(host, port)
	}
	return &url.URL{Scheme: scheme, Host: hostport}, nil
}

// hasOpaqueScheme reports whether s starts with "scheme:" that is not a
// host:port ("javascript:alert(1)", "mailto:x").
func hasOpaqueScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return false
	}
	for j, r := range s[:i] {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')
		if !ok {
			return false
		}
	}
	rest := s[i+1:]
	return rest == "" || rest[0] < '0' || rest[0] > '9'
}

// normalizeHost lower-cases a host, converts an IDN to punycode and checks
// that it is an IP literal, "localhost" or a dotted DNS name.
func normalizeHost(h string) (string, error) {
	if ip := net.ParseIP(h); ip != nil {
		return ip.String(), nil
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	ascii, err := idna.Lookup.ToASCII(h)
	if err != nil || ascii == "" || len(ascii) > 253 {
		return "", invalidURL(DetailNotAHost, "not a valid host name")
	}
	if ascii == "localhost" {
		return ascii, nil
	}
	labels := strings.Split(ascii, ".")
	if len(labels) < 2 {
		return "", invalidURL(DetailNotAHost, "the host name needs a domain (e.g. social.example.org)")
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return "", invalidURL(DetailNotAHost, "not a valid host name")
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return "", invalidURL(DetailNotAHost, "not a valid host name")
			}
		}
	}
	if tld := labels[len(labels)-1]; strings.Trim(tld, "0123456789") == "" {
		return "", invalidURL(DetailNotAHost, "not a valid host name")
	}
	return ascii, nil
}

func isLoopbackHost(h string) bool {
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// AuthMetadata is the OAuth authorization server metadata (RFC 8414) that
// Mastodon 4.3+ publishes at /.well-known/oauth-authorization-server.
type AuthMetadata struct {
	Issuer                        string   `json:"issuer"`
	AuthorizationEndpoint         string   `json:"authorization_endpoint"`
	TokenEndpoint                 string   `json:"token_endpoint"`
	RevocationEndpoint            string   `json:"revocation_endpoint"`
	AppRegistrationEndpoint       string   `json:"app_registration_endpoint"`
	ScopesSupported               []string `json:"scopes_supported"`
	CodeChallengeMethodsSupported []string `json:"code_challenge_methods_supported"`
}

// SupportsS256 reports whether the metadata announces PKCE with S256.
func (m *AuthMetadata) SupportsS256() bool {
	if m == nil {
		return false
	}
	return slices.Contains(m.CodeChallengeMethodsSupported, "S256")
}

// AuthServerMetadata reads /.well-known/oauth-authorization-server. A server
// without it (404, or an HTML page) gives ok=false and no error. Endpoints
// that point to another origin than the server are dropped (callers then use
// the default paths), so that metadata cannot redirect secrets elsewhere.
func (c *Client) AuthServerMetadata(ctx context.Context) (AuthMetadata, bool, error) {
	const op = "mastoapi: get auth server metadata"
	var m AuthMetadata
	_, err := c.getJSON(ctx, op, "/.well-known/oauth-authorization-server", nil, &m)
	switch {
	case err == nil:
	case apperr.Is(err, apperr.NotFound), apperr.Is(err, apperr.Unauthorized), apperr.Is(err, apperr.Forbidden):
		return AuthMetadata{}, false, nil
	case apperr.DetailOf(err) == DetailHTMLPage || apperr.DetailOf(err) == DetailBadJSON:
		return AuthMetadata{}, false, nil
	default:
		return AuthMetadata{}, false, err
	}
	if m.AuthorizationEndpoint == "" && m.TokenEndpoint == "" && m.Issuer == "" {
		return AuthMetadata{}, false, nil
	}
	for _, ep := range []*string{&m.AuthorizationEndpoint, &m.TokenEndpoint, &m.RevocationEndpoint, &m.AppRegistrationEndpoint} {
		if !c.sameOrigin(*ep) {
			*ep = ""
		}
	}
	return m, true, nil
}

func (c *Client) sameOrigin(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.User == nil && strings.EqualFold(u.Scheme, c.base.Scheme) && strings.EqualFold(u.Host, c.base.Host)
}

// Discovery is what Steward learns of a server before signing in.
type Discovery struct {
	Instance     Instance
	Metadata     AuthMetadata
	HasMetadata  bool
	Capabilities Capabilities
}

// Discover reads the instance (v2, falling back to v1) and the optional OAuth
// metadata, and derives the capabilities. A server whose instance endpoint is
// missing or is not Mastodon-API JSON is refused with apperr.Invalid and
// DetailNotMastodon; network failures keep their Unavailable kind.
func Discover(ctx context.Context, c *Client) (Discovery, error) {
	const op = "mastoapi: discover"
	in, err := c.Instance(ctx)
	if err != nil {
		if notMastodon(err) {
			return Discovery{}, &apperr.Error{Op: op, Kind: apperr.Invalid, Extra: DetailNotMastodon, Err: err}
		}
		return Discovery{}, apperr.E(op, apperr.KindOf(err), err)
	}
	if in.Software == SoftwareUnknown && in.Version == "" {
		return Discovery{}, &apperr.Error{Op: op, Kind: apperr.Invalid, Extra: DetailNotMastodon,
			Err: errors.New("the instance answer names no version")}
	}
	d := Discovery{Instance: in}
	meta, ok, err := c.AuthServerMetadata(ctx)
	if err != nil && ctx.Err() != nil {
		return Discovery{}, apperr.E(op, apperr.KindOf(err), err)
	}
	// Any other metadata failure is not fatal: the metadata is optional.
	if err == nil && ok {
		d.Metadata, d.HasMetadata = meta, true
		d.Capabilities = DeriveCapabilities(in, &d.Metadata)
	} else {
		d.Capabilities = DeriveCapabilities(in, nil)
	}
	return d, nil
}

// notMastodon tells "this is no Mastodon API" from "the server is down".
func notMastodon(err error) bool {
	switch apperr.KindOf(err) {
	case apperr.NotFound, apperr.Invalid:
		return true
	}
	switch apperr.DetailOf(err) {
	case DetailHTMLPage, DetailBadJSON:
		return true
	}
	// go-mastodon (the v1 fallback) decodes itself: a JSON error means the
	// server answered 200 with something that is not the expected JSON.
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	return errors.As(err, &syn) || errors.As(err, &typ)
}
