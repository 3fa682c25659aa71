package oauth

import (
	"crypto/subtle"
	"errors"
	"html/template"
	"net/http"
	"strings"
	"sync"

	"steward/internal/apperr"
)

// callbackResult is what the one accepted callback carried.
type callbackResult struct {
	code string
	err  error
}

// callback serves the loopback redirect. It accepts exactly one request on
// /callback; every later one gets the "already finished" page.
type callback struct {
	state  string
	result chan callbackResult // buffered 1; receives exactly one value

	mu   sync.Mutex
	done bool
}

func newCallback(state string) *callback {
	return &callback{state: state, result: make(chan callbackResult, 1)}
}

// page kinds; each has a text in every supported language.
type pageKind int

const (
	pageSuccess pageKind = iota
	pageDenied
	pageStateMismatch
	pageServerError
	pageFinished
	pageNotFound
)

type pageText struct{ Title, Body string }

var pageTexts = map[string]map[pageKind]pageText{
	"en": {
		pageSuccess:       {"Signed in", "You can close this tab and return to Steward."},
		pageDenied:        {"Sign-in refused", "The sign-in was refused on the server. You can close this tab and return to Steward."},
		pageStateMismatch: {"Sign-in not accepted", "This answer does not belong to the sign-in Steward started, so it was ignored. You can close this tab and try again in Steward."},
		pageServerError:   {"Sign-in failed", "The server could not complete the sign-in. You can close this tab and try again in Steward."},
		pageFinished:      {"Sign-in already finished", "This sign-in has already finished. You can close this tab and return to Steward."},
		pageNotFound:      {"Not found", "There is nothing here. You can close this tab and return to Steward."},
	},
	"de": {
		pageSuccess:       {"Angemeldet", "Sie können diesen Tab schließen und zu Steward zurückkehren."},
		pageDenied:        {"Anmeldung abgelehnt", "Die Anmeldung wurde auf dem Server abgelehnt. Sie können diesen Tab schließen und zu Steward zurückkehren."},
		pageStateMismatch: {"Anmeldung nicht angenommen", "Diese Antwort gehört nicht zu der Anmeldung, die Steward begonnen hat, und wurde ignoriert. Sie können diesen Tab schließen und es in Steward erneut versuchen."},
		pageServerError:   {"Anmeldung fehlgeschlagen", "Der Server konnte die Anmeldung nicht abschließen. Sie können diesen Tab schließen und es in Steward erneut versuchen."},
		pageFinished:      {"Anmeldung bereits abgeschlossen", "Diese Anmeldung ist bereits abgeschlossen. Sie können diesen Tab schließen und zu Steward zurückkehren."},
		pageNotFound:      {"Nicht gefunden", "Hier gibt es nichts. Sie können diesen Tab schließen und zu Steward zurückkehren."},
	},
	"fr": {
		pageSuccess:       {"Connexion réussie", "Vous pouvez fermer cet onglet et revenir à Steward."},
		pageDenied:        {"Connexion refusée", "La connexion a été refusée sur le serveur. Vous pouvez fermer cet onglet et revenir à Steward."},
		pageStateMismatch: {"Connexion non acceptée", "Cette réponse ne correspond pas à la connexion lancée par Steward ; elle a été ignorée. Vous pouvez fermer cet onglet et réessayer dans Steward."},
		pageServerError:   {"Échec de la connexion", "Le serveur n’a pas pu terminer la connexion. Vous pouvez fermer cet onglet et réessayer dans Steward."},
		pageFinished:      {"Connexion déjà terminée", "Cette connexion est déjà terminée. Vous pouvez fermer cet onglet et revenir à Steward."},
		pageNotFound:      {"Introuvable", "Il n’y a rien ici. Vous pouvez fermer cet onglet et revenir à Steward."},
	},
}

// The page has no scripts, styles, images or links; the CSP forbids them all.
var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<title>{{.Title}} – Steward</title></head>
<body><main><h1>{{.Title}}</h1><p>{{.Body}}</p></main></body></html>
`))

const pageCSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// language picks en, de or fr from Accept-Language (first supported wins).
func language(r *http.Request) string {
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		base := strings.SplitN(tag, "-", 2)[0]
		if _, ok := pageTexts[base]; ok {
			return base
		}
	}
	return "en"
}

func writePage(w http.ResponseWriter, r *http.Request, status int, kind pageKind) {
	lang := language(r)
	t := pageTexts[lang][kind]
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = pageTmpl.Execute(w, map[string]string{"Lang": lang, "Title": t.Title, "Body": t.Body})
}

func (c *callback) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/callback" {
		writePage(w, r, http.StatusNotFound, pageNotFound)
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writePage(w, r, http.StatusMethodNotAllowed, pageNotFound)
		return
	}
	c.mu.Lock()
	first := !c.done
	c.done = true
	c.mu.Unlock()
	if !first {
		writePage(w, r, http.StatusOK, pageFinished)
		return
	}
	res, kind, status := c.judge(r)
	c.result <- res // buffered: never blocks, and only the first request gets here
	writePage(w, r, status, kind)
}

// judge decides what the first callback means. The state is checked first:
// nothing else in a callback with a wrong state is trusted.
func (c *callback) judge(r *http.Request) (callbackResult, pageKind, int) {
	const op = "oauth: callback"
	q := r.URL.Query()
	got := q.Get("state")
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(c.state)) != 1 {
		return callbackResult{err: &apperr.Error{Op: op, Kind: apperr.Invalid, Extra: DetailStateMismatch,
			Err: errors.New("the callback's state does not match the request's")}}, pageStateMismatch, http.StatusBadRequest
	}
	if e := q.Get("error"); e != "" {
		if e == "access_denied" {
			return callbackResult{err: &apperr.Error{Op: op, Kind: apperr.Forbidden, Extra: DetailDenied,
				Err: errors.New("the user denied the authorization request")}}, pageDenied, http.StatusOK
		}
		return callbackResult{err: &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailServerError,
			Err: errors.New("authorization failed: " + sanitizeCode(e))}}, pageServerError, http.StatusOK
	}
	code := q.Get("code")
	if code == "" {
		return callbackResult{err: &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailBadResponse,
			Err: errors.New("the callback carries neither a code nor an error")}}, pageServerError, http.StatusBadRequest
	}
	return callbackResult{code: code}, pageSuccess, http.StatusOK
}

// sanitizeCode keeps an OAuth error code printable and short (it comes from
// the URL and ends up in an error message).
func sanitizeCode(s string) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= 64 {
			break
		}
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
