package mastoapi

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"steward/internal/apperr"
)

func newTestClient(t *testing.T, h http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(srv.URL, "tok", Options{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewRejectsGarbageURLs(t *testing.T) {
	for _, in := range []string{"", "not a url", "ftp://x.example", "https://", "://x"} {
		if _, err := New(in, "", Options{}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("New(%q) = %v, want kind invalid", in, err)
		}
	}
}

func TestErrorAnswersAreTyped(t *testing.T) {
	cases := []struct {
		name       string
		handler    http.HandlerFunc
		wantKind   apperr.Kind
		wantDetail string
	}{
		{"html 500 page", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(500)
			w.Write([]byte("<!DOCTYPE html><html><body>We're sorry, but something went wrong.</body></html>"))
		}, apperr.Unavailable, DetailHTMLPage},
		{"json 503", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(503)
			w.Write([]byte(`{"error":"down for maintenance"}`))
		}, apperr.Unavailable, DetailServerError},
		{"html with 200", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body>Welcome to nginx!</body></html>"))
		}, apperr.Unavailable, DetailHTMLPage},
		{"truncated json", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"domain":"x.example","version":"4.3`))
		}, apperr.Unavailable, DetailBadJSON},
		{"revoked token", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(401)
			w.Write([]byte(`{"error":"The access token was revoked"}`))
		}, apperr.Unauthorized, DetailTokenRevoked},
		{"outside scopes", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(403)
			w.Write([]byte(`{"error":"This action is outside the authorized scopes"}`))
		}, apperr.Forbidden, ""},
		{"rate limited", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-RateLimit-Limit", "300")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", time.Now().Add(time.Minute).UTC().Format(time.RFC3339))
			w.WriteHeader(429)
			w.Write([]byte(`{"error":"Too many requests"}`))
		}, apperr.RateLimited, ""},
		{"unprocessable", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(422)
			w.Write([]byte(`{"error":"Validation failed"}`))
		}, apperr.Invalid, ""},
		{"slow server", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		}, apperr.Unavailable, DetailTimeout},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestClient(t, tc.handler)
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			_, err := c.Reports(ctx, ReportQuery{})
			if got := apperr.KindOf(err); got != tc.wantKind {
				t.Fatalf("kind = %q, want %q (err %v)", got, tc.wantKind, err)
			}
			if got := apperr.DetailOf(err); got != tc.wantDetail {
				t.Fatalf("detail = %q, want %q (err %v)", got, tc.wantDetail, err)
			}
		})
	}
}

func TestUnreachableServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	c, err := New("http://"+addr, "", Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Instance(context.Background())
	if apperr.KindOf(err) != apperr.Unavailable || apperr.DetailOf(err) != DetailUnreachable {
		t.Fatalf("err = %v, want unavailable/unreachable", err)
	}
}

func TestRateLimitIsNotRetried(t *testing.T) {
	calls := 0
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("X-RateLimit-Limit", "300")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", "2026-11-25T12:05:00.000Z")
		w.WriteHeader(429)
	})
	// v1 goes through go-mastodon, whose own loop would retry a 429 for hours.
	start := time.Now()
	_, err := c.instanceV1(context.Background())
	if !apperr.Is(err, apperr.RateLimited) {
		t.Fatalf("err = %v, want rate limited", err)
	}
	if calls != 1 || time.Since(start) > time.Second {
		t.Fatalf("calls = %d after %v: a 429 must end the request at once", calls, time.Since(start))
	}
	snap := c.Budget().Snapshot()
	if !snap.Known || snap.Limit != 300 || snap.Remaining != 0 || snap.Reset.IsZero() {
		t.Fatalf("budget = %+v", snap)
	}
}

func TestGoToSocialHeaderSpellingIsRead(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["X-Ratelimit-Limit"] = []string{"300"}
		h["X-Ratelimit-Remaining"] = []string{"299"}
		h["X-Ratelimit-Reset"] = []string{"2026-11-25T12:05:00Z"}
		w.Write([]byte(`[]`))
	})
	if _, err := c.Reports(context.Background(), ReportQuery{}); err != nil {
		t.Fatal(err)
	}
	if snap := c.Budget().Snapshot(); snap.Remaining != 299 || snap.Limit != 300 {
		t.Fatalf("budget = %+v", snap)
	}
}

func TestResolvedIsAlwaysSent(t *testing.T) {
	var got string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.Query().Get("resolved")
		w.Write([]byte(`[]`))
	})
	if _, err := c.Reports(context.Background(), ReportQuery{}); err != nil {
		t.Fatal(err)
	}
	if got != "false" {
		t.Fatalf("resolved = %q, want false sent explicitly", got)
	}
}

func TestFollowingALinkToAnotherHostIsRefused(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`[]`)) })
	_, err := c.ReportsAt(context.Background(), "https://evil.example/api/v1/admin/reports?max_id=1")
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("err = %v, want invalid", err)
	}
}

func TestDetectSoftware(t *testing.T) {
	cases := map[[2]string]Software{
		{"4.3.2", ""}:         SoftwareMastodon,
		{"4.2.10+glitch", ""}: SoftwareGlitch,
		{"0.17.3 git-abc123", "https://github.com/superseriousbusiness/gotosocial"}: SoftwareGoToSocial,
		{"0.17.3 git-abc123", ""}: SoftwareGoToSocial,
		{"", ""}:                  SoftwareUnknown,
		{"Pleroma", ""}:           SoftwareUnknown,
	}
	for in, want := range cases {
		if got := DetectSoftware(in[0], in[1]); got != want {
			t.Errorf("DetectSoftware(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}
