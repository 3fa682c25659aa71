package oauth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"steward/internal/apperr"
)

func TestCallbackPageLanguagesAndEscaping(t *testing.T) {
	for lang, want := range map[string]string{"de-DE,de;q=0.9": "Sie können diesen Tab schließen", "fr": "Vous pouvez fermer cet onglet", "es, en;q=0.5": "You can close this tab"} {
		r := httptest.NewRequest(http.MethodGet, "/callback?state=s&code=c", nil)
		r.Header.Set("Accept-Language", lang)
		w := httptest.NewRecorder()
		newCallback("s").ServeHTTP(w, r)
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("%s: %s", lang, w.Body.String())
		}
	}
	// An attacker-chosen error code never reaches the page.
	cb2 := newCallback("s")
	w := httptest.NewRecorder()
	cb2.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/callback?state=s&error=%3Cscript%3Ealert(1)%3C/script%3E", nil))
	if strings.Contains(w.Body.String(), "<script") || strings.Contains(w.Body.String(), "alert") {
		t.Errorf("page echoes input: %s", w.Body.String())
	}
	res := <-cb2.result
	wantErr(t, res.err, apperr.Unavailable, DetailServerError)
	// Other paths and methods do not count as the callback.
	cb3 := newCallback("s")
	for _, r := range []*http.Request{httptest.NewRequest(http.MethodGet, "/favicon.ico", nil), httptest.NewRequest(http.MethodPost, "/callback", nil)} {
		w := httptest.NewRecorder()
		cb3.ServeHTTP(w, r)
		if w.Code < 400 {
			t.Errorf("%s %s: %d", r.Method, r.URL.Path, w.Code)
		}
	}
	if cb3.done {
		t.Error("a stray request consumed the callback")
	}
}
