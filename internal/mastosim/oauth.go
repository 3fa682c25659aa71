package mastosim

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"steward/internal/apperr"
)

func (s *Sim) routesOAuth(mux *http.ServeMux) {
	s.api(mux, "POST /api/v1/apps", "", 0, s.createApp)
	mux.HandleFunc("GET /oauth/authorize", s.raw("GET /oauth/authorize", s.authorizeGet))
	mux.HandleFunc("POST /oauth/authorize", s.raw("POST /oauth/authorize", s.authorizePost))
	s.api(mux, "POST /oauth/token", "", 0, s.tokenEndpoint)
	s.api(mux, "POST /oauth/revoke", "", 0, s.revokeEndpoint)
	if !s.gts() {
		s.api(mux, "GET /.well-known/oauth-authorization-server", "", 0, s.wellKnown)
	}
}

// raw registers a non-JSON handler that runs under the write lock.
func (s *Sim) raw(pattern string, h func(w http.ResponseWriter, r *http.Request, p params)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.countPath(pattern)
		p, err := parseParams(r)
		if err != nil {
			htmlError(w, http.StatusBadRequest, err.Error())
			return
		}
		h(w, r, p)
	}
}

func randToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *Sim) createApp(c *reqCtx) (int, any) {
	name := strings.TrimSpace(c.p.get("client_name"))
	if name == "" {
		return unprocessable("Name can't be blank")
	}
	if s.gts() && c.p.isJSONArray("redirect_uris") {
		return http.StatusUnprocessableEntity, errBody("Unprocessable Entity: redirect_uris must be a newline-separated string")
	}
	var uris []string
	for _, v := range c.p.all("redirect_uris") {
		for _, u := range strings.Split(v, "\n") {
			if u = strings.TrimSpace(u); u != "" {
				uris = append(uris, u)
			}
		}
	}
	if len(uris) == 0 {
		return unprocessable("Redirect URI can't be blank")
	}
	for _, u := range uris {
		if u == "urn:ietf:wg:oauth:2.0:oob" {
			continue
		}
		pu, err := url.Parse(u)
		if err != nil || pu.Scheme == "" || pu.Fragment != "" {
			return unprocessable("Redirect URI must be an absolute URI.")
		}
	}
	scopes := splitScopes(c.p.get("scopes"))
	if len(scopes) == 0 {
		scopes = []string{"read"}
	}
	for _, sc := range scopes {
		if !validScope(sc) {
			return unprocessable("Scopes are invalid")
		}
	}
	a := &app{id: s.newID(), name: name, website: c.p.get("website"), clientID: randToken(), clientSecret: randToken(),
		redirectURIs: uris, scopes: scopes}
	s.st.apps[a.clientID] = a
	return http.StatusOK, s.renderApp(a)
}

func (s *Sim) renderApp(a *app) map[string]any {
	return map[string]any{"id": idStr(a.id), "name": a.name, "website": strPtr(a.website),
		"scopes": a.scopes, "redirect_uri": strings.Join(a.redirectURIs, "\n"), "redirect_uris": a.redirectURIs,
		"client_id": a.clientID, "client_secret": a.clientSecret, "client_secret_expires_at": 0,
		"vapid_key": "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M="}
}

func isLoopbackLiteral(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// redirectAllowed applies Mastodon's rules (loopback IP literals may use any
// port, RFC 8252 §7.3) or GoToSocial's (exact match only).
func (s *Sim) redirectAllowed(a *app, uri string) bool {
	if slices.Contains(a.redirectURIs, uri) {
		return true
	}
	if s.gts() {
		return false
	}
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "http" || !isLoopbackLiteral(u.Hostname()) {
		return false
	}
	for _, reg := range a.redirectURIs {
		ru, err := url.Parse(reg)
		if err != nil || ru.Scheme != "http" || ru.Hostname() != u.Hostname() {
			continue
		}
		if ru.Path == u.Path && ru.RawQuery == u.RawQuery {
			return true
		}
	}
	return false
}

var authFields = []string{"response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "login"}

var consentTmpl = template.Must(template.New("consent").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Authorization required</title></head>
<body>
<h1>Authorization required</h1>
<p><strong id="app-name">{{.App}}</strong> would like permission to access your account <strong id="login">@{{.User}}</strong> on {{.Domain}}.</p>
<p>Requested scopes: <code id="scopes">{{.Scope}}</code></p>
<form method="post" action="/oauth/authorize" id="approve-form">
{{range .Hidden}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<input type="hidden" name="decision" value="approve">
<button type="submit" id="approve">Authorize</button>
</form>
<form method="post" action="/oauth/authorize" id="deny-form">
{{range .Hidden}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<input type="hidden" name="decision" value="deny">
<button type="submit" id="deny">Deny</button>
</form>
</body></html>
`))

var errorTmpl = template.Must(template.New("err").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>An error has occurred</title></head>
<body><h1>An error has occurred</h1><p id="error">{{.}}</p></body></html>
`))

func htmlError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = errorTmpl.Execute(w, msg)
}

type hiddenField struct{ Name, Value string }

// checkAuthorize validates an authorization request. On failure it answers
// (an HTML page or an error redirect) and returns ok=false.
func (s *Sim) checkAuthorize(w http.ResponseWriter, r *http.Request, p params) (a *app, user *account, scopes []string, ok bool) {
	a = s.st.apps[p.get("client_id")]
	if a == nil {
		htmlError(w, http.StatusBadRequest, "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.")
		return nil, nil, nil, false
	}
	redirect := p.get("redirect_uri")
	if redirect == "" && len(a.redirectURIs) == 1 {
		redirect = a.redirectURIs[0]
	}
	if !s.redirectAllowed(a, redirect) {
		htmlError(w, http.StatusBadRequest, "The redirect uri included is not valid.")
		return nil, nil, nil, false
	}
	fail := func(code, desc string) {
		redirectWith(w, r, redirect, url.Values{"error": {code}, "error_description": {desc}}, p.get("state"))
	}
	if p.get("response_type") != "code" {
		fail("unsupported_response_type", "The authorization server does not support this response type.")
		return nil, nil, nil, false
	}
	scopes = splitScopes(p.get("scope"))
	if len(scopes) == 0 {
		scopes = []string{"read"}
	}
	for _, sc := range scopes {
		if !slices.Contains(a.scopes, sc) {
			fail("invalid_scope", "The requested scope is invalid, unknown, or malformed.")
			return nil, nil, nil, false
		}
	}
	if p.get("code_challenge") != "" && p.get("code_challenge_method") != "S256" && !s.gts() {
		fail("invalid_request", "The code_challenge_method must be S256.")
		return nil, nil, nil, false
	}
	login := p.get("login")
	if login == "" {
		login = "admin"
	}
	user = s.localUser(login)
	if user == nil {
		htmlError(w, http.StatusBadRequest, "Unknown user "+login)
		return nil, nil, nil, false
	}
	return a, user, scopes, true
}

func (s *Sim) localUser(username string) *account {
	for _, a := range s.st.accounts {
		if a.local() && !a.deleted && a.username == username {
			return a
		}
	}
	return nil
}

func redirectWith(w http.ResponseWriter, r *http.Request, target string, q url.Values, state string) {
	if state != "" {
		q.Set("state", state)
	}
	if target == "urn:ietf:wg:oauth:2.0:oob" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_ = errorTmpl.Execute(w, "Copy this code: "+q.Get("code")+q.Get("error"))
		return
	}
	u, _ := url.Parse(target)
	existing := u.Query()
	for k, vs := range q {
		existing[k] = vs
	}
	u.RawQuery = existing.Encode()
	http.Redirect(w, r, u.String(), http.StatusFound)
}

func (s *Sim) authorizeGet(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, user, scopes, ok := s.checkAuthorize(w, r, p)
	if !ok {
		return
	}
	var hidden []hiddenField
	for _, f := range authFields {
		if f == "login" && p.get(f) == "" {
			continue
		}
		hidden = append(hidden, hiddenField{f, p.get(f)})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; form-action 'self'")
	_ = consentTmpl.Execute(w, map[string]any{"App": a.name, "User": user.username, "Domain": s.opts.Domain,
		"Scope": strings.Join(scopes, " "), "Hidden": hidden})
}

func (s *Sim) authorizePost(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, user, scopes, ok := s.checkAuthorize(w, r, p)
	if !ok {
		return
	}
	redirect := p.get("redirect_uri")
	if redirect == "" {
		redirect = a.redirectURIs[0]
	}
	if p.get("decision") != "approve" {
		redirectWith(w, r, redirect, url.Values{"error": {"access_denied"},
			"error_description": {"The resource owner or authorization server denied the request."}}, p.get("state"))
		return
	}
	code := &authCode{code: randToken(), clientID: a.clientID, redirectURI: redirect, scopes: scopes,
		challenge: p.get("code_challenge"), method: p.get("code_challenge_method"), accountID: user.id, createdAt: s.now()}
	s.st.codes[code.code] = code
	redirectWith(w, r, redirect, url.Values{"code": {code.code}}, p.get("state"))
}

func oauthErr(status int, code, desc string) (int, any) {
	return status, errorJSON{Error: code, ErrorDescription: desc}
}

const invalidGrant = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."

func (s *Sim) clientAuth(c *reqCtx) *app {
	id, secret := c.p.get("client_id"), c.p.get("client_secret")
	if u, pw, ok := c.r.BasicAuth(); ok {
		id, secret = u, pw
	}
	a := s.st.apps[id]
	if a == nil || subtle.ConstantTimeCompare([]byte(a.clientSecret), []byte(secret)) != 1 {
		return nil
	}
	return a
}

func (s *Sim) tokenEndpoint(c *reqCtx) (int, any) {
	a := s.clientAuth(c)
	if a == nil {
		return oauthErr(http.StatusUnauthorized, "invalid_client", "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.")
	}
	var t *token
	switch c.p.get("grant_type") {
	case "authorization_code":
		code := s.st.codes[c.p.get("code")]
		if code == nil || code.clientID != a.clientID || code.redirectURI != c.p.get("redirect_uri") {
			return oauthErr(http.StatusBadRequest, "invalid_grant", invalidGrant)
		}
		if code.challenge != "" && !s.gts() {
			v := c.p.get("code_verifier")
			sum := sha256.Sum256([]byte(v))
			if v == "" || base64.RawURLEncoding.EncodeToString(sum[:]) != code.challenge {
				return oauthErr(http.StatusBadRequest, "invalid_grant", invalidGrant)
			}
		}
		delete(s.st.codes, code.code)
		t = &token{value: randToken(), clientID: a.clientID, accountID: code.accountID, scopes: code.scopes, createdAt: s.now()}
	case "client_credentials":
		scopes := splitScopes(c.p.get("scope"))
		if len(scopes) == 0 {
			scopes = []string{"read"}
		}
		for _, sc := range scopes {
			if !slices.Contains(a.scopes, sc) {
				return oauthErr(http.StatusBadRequest, "invalid_scope", "The requested scope is invalid, unknown, or malformed.")
			}
		}
		t = &token{value: randToken(), clientID: a.clientID, scopes: scopes, createdAt: s.now()}
	default:
		return oauthErr(http.StatusBadRequest, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.")
	}
	s.st.tokens[t.value] = t
	return http.StatusOK, map[string]any{"access_token": t.value, "token_type": "Bearer",
		"scope": strings.Join(t.scopes, " "), "created_at": t.createdAt.Unix()}
}

func (s *Sim) revokeEndpoint(c *reqCtx) (int, any) {
	a := s.clientAuth(c)
	if a == nil {
		return oauthErr(http.StatusUnauthorized, "invalid_client", "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.")
	}
	if t := s.st.tokens[c.p.get("token")]; t != nil && t.clientID == a.clientID {
		delete(s.st.tokens, t.value)
	}
	return http.StatusOK, struct{}{}
}

func (s *Sim) wellKnown(c *reqCtx) (int, any) {
	base := baseURL(c.r)
	scopes := []string{"read", "write", "write:accounts", "write:blocks", "write:bookmarks", "write:conversations",
		"write:favourites", "write:filters", "write:follows", "write:lists", "write:media", "write:mutes",
		"write:notifications", "write:reports", "write:statuses", "read:accounts", "read:blocks", "read:bookmarks",
		"read:favourites", "read:filters", "read:follows", "read:lists", "read:mutes", "read:notifications",
		"read:search", "read:statuses", "follow", "push", "profile", "admin:read", "admin:read:accounts",
		"admin:read:reports", "admin:read:domain_allows", "admin:read:domain_blocks", "admin:read:ip_blocks",
		"admin:read:email_domain_blocks", "admin:read:canonical_email_blocks", "admin:write", "admin:write:accounts",
		"admin:write:reports", "admin:write:domain_allows", "admin:write:domain_blocks", "admin:write:ip_blocks",
		"admin:write:email_domain_blocks", "admin:write:canonical_email_blocks"}
	return http.StatusOK, map[string]any{
		"issuer": base + "/", "service_documentation": "https://docs.joinmastodon.org/",
		"authorization_endpoint": base + "/oauth/authorize", "token_endpoint": base + "/oauth/token",
		"revocation_endpoint": base + "/oauth/revoke", "app_registration_endpoint": base + "/api/v1/apps",
		"scopes_supported": scopes, "response_types_supported": []string{"code"},
		"response_modes_supported":              []string{"query", "fragment", "form_post"},
		"code_challenge_methods_supported":      []string{"S256"},
		"grant_types_supported":                 []string{"authorization_code", "client_credentials"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
	}
}

// IssueToken registers an internal app and returns an access token for the
// local account username with the given scopes (default "read").
func (s *Sim) IssueToken(username string, scopes ...string) (string, error) {
	if len(scopes) == 0 {
		scopes = []string{"read"}
	}
	for _, sc := range scopes {
		if !validScope(sc) {
			return "", apperr.Errorf("mastosim: issue token", apperr.Invalid, "unknown scope %q", sc)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.localUser(username)
	if u == nil {
		return "", apperr.Errorf("mastosim: issue token", apperr.NotFound, "no local account %q", username)
	}
	a := &app{id: s.newID(), name: "mastosim test app", clientID: randToken(), clientSecret: randToken(),
		redirectURIs: []string{"urn:ietf:wg:oauth:2.0:oob"}, scopes: append([]string(nil), scopes...)}
	s.st.apps[a.clientID] = a
	t := &token{value: hex.EncodeToString([]byte(strconv.FormatInt(a.id, 10))) + "." + randToken(), clientID: a.clientID,
		accountID: u.id, scopes: a.scopes, createdAt: s.now()}
	s.st.tokens[t.value] = t
	return t.value, nil
}

// RevokeToken invalidates an access token (unknown tokens are ignored).
func (s *Sim) RevokeToken(tok string) {
	s.mu.Lock()
	delete(s.st.tokens, tok)
	s.mu.Unlock()
}
