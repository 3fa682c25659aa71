package mastosim

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// knownScopes are the scopes an application may request (Mastodon 4.3).
var knownScopes = map[string]bool{
	"read": true, "write": true, "follow": true, "push": true, "profile": true,
	"admin:read": true, "admin:write": true,
}

var scopeFamilies = []string{"read:", "write:", "admin:read:", "admin:write:"}

func validScope(sc string) bool {
	if knownScopes[sc] {
		return true
	}
	for _, f := range scopeFamilies {
		if strings.HasPrefix(sc, f) && len(sc) > len(f) && !strings.Contains(sc[len(f):], ":") {
			return true
		}
	}
	return false
}

// scopeCovers reports whether a granted scope includes the required one: a
// parent scope grants its children ("admin:read" ⊃ "admin:read:reports").
func scopeCovers(granted, required string) bool {
	return granted == required || strings.HasPrefix(required, granted+":")
}

func hasScope(granted []string, required string) bool {
	for _, g := range granted {
		if scopeCovers(g, required) {
			return true
		}
	}
	return false
}

func splitScopes(s string) []string {
	return strings.Fields(strings.ReplaceAll(s, "+", " "))
}

// bearer extracts the access token from the request.
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return r.URL.Query().Get("access_token")
}

// authorize checks token, scope and role permission. It returns status 0 when
// the request may proceed. Must be called with s.mu held.
func (s *Sim) authorize(c *reqCtx, scope string, perm uint64) (int, any) {
	if tv := bearer(c.r); tv != "" {
		if t := s.st.tokens[tv]; t != nil {
			c.tok = t
			if t.accountID != 0 {
				c.me = s.st.accountByID[t.accountID]
			}
		}
	}
	if scope == "" {
		return 0, nil
	}
	if c.tok == nil || (c.tok.accountID != 0 && (c.me == nil || c.me.deleted)) {
		return http.StatusUnauthorized, errBody("The access token is invalid")
	}
	if !hasScope(c.tok.scopes, scope) {
		return http.StatusForbidden, errBody("This action is outside the authorized scopes")
	}
	if perm != 0 {
		if c.me == nil {
			return http.StatusUnprocessableEntity, errBody("This method requires an authenticated user")
		}
		if !c.me.role.can(perm) {
			return forbidden()
		}
	}
	return 0, nil
}

// params merges the query string, form body and JSON body. Keys ending in
// "[]" are stored without the suffix.
type params struct {
	v          url.Values
	jsonArrays map[string]bool
}

func (p params) get(k string) string       { return p.v.Get(k) }
func (p params) all(k string) []string     { return p.v[k] }
func (p params) has(k string) bool         { _, ok := p.v[k]; return ok }
func (p params) isJSONArray(k string) bool { return p.jsonArrays[k] }

func normKey(k string) string { return strings.TrimSuffix(k, "[]") }

func parseParams(r *http.Request) (params, error) {
	p := params{v: url.Values{}, jsonArrays: map[string]bool{}}
	for k, vs := range r.URL.Query() {
		p.v[normKey(k)] = append(p.v[normKey(k)], vs...)
	}
	if r.Body == nil || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return p, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		data, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			return p, err
		}
		if strings.TrimSpace(string(data)) == "" {
			return p, nil
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			return p, fmt.Errorf("malformed JSON body: %v", err)
		}
		for k, val := range m {
			nk := normKey(k)
			if arr, ok := val.([]any); ok {
				p.jsonArrays[nk] = true
				for _, e := range arr {
					if s, ok := scalarString(e); ok {
						p.v.Add(nk, s)
					}
				}
				continue
			}
			if s, ok := scalarString(val); ok {
				p.v.Add(nk, s)
			}
		}
	case "application/x-www-form-urlencoded", "multipart/form-data":
		if ct == "multipart/form-data" {
			if err := r.ParseMultipartForm(1 << 20); err != nil {
				return p, errors.New("malformed multipart body")
			}
		} else if err := r.ParseForm(); err != nil {
			return p, errors.New("malformed form body")
		}
		for k, vs := range r.PostForm {
			p.v[normKey(k)] = append(p.v[normKey(k)], vs...)
		}
	}
	return p, nil
}

func scalarString(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(t), true
	}
	return "", false
}

// boolParam parses Rails-style booleans. ok is false when absent or empty.
func (p params) boolParam(k string) (val, ok bool) {
	s := strings.ToLower(strings.TrimSpace(p.get(k)))
	switch s {
	case "":
		return false, false
	case "false", "0", "f", "off", "no", "n":
		return false, true
	}
	return true, true
}

func (p params) truthy(k string) bool {
	v, ok := p.boolParam(k)
	return ok && v
}
