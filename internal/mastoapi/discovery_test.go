package mastoapi

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastosim"
)

func TestNormalizeServerURL(t *testing.T) {
	ok := []struct{ in, want string }{
		{"social.example.org", "https://social.example.org"},
		{"  social.example.org  ", "https://social.example.org"},
		{"\tsocial.example.org\n", "https://social.example.org"},
		{"https://social.example.org/", "https://social.example.org"},
		{"https://social.example.org/about?x=1#top", "https://social.example.org"},
		{"HTTPS://Social.Example.ORG", "https://social.example.org"},
		{"social.example.org.", "https://social.example.org"},
		{"social.example.org:8443", "https://social.example.org:8443"},
		{"https://social.example.org:443/", "https://social.example.org"},
		{"münchen.example", "https://xn--mnchen-3ya.example"},
		{"https://Bücher.Example/x", "https://xn--bcher-kva.example"},
		{"http://127.0.0.1:3000", "http://127.0.0.1:3000"},
		{"http://127.1.2.3:3000/", "http://127.1.2.3:3000"},
		{"http://localhost:3000", "http://localhost:3000"},
		{"http://[::1]:3000", "http://[::1]:3000"},
		{"localhost:3000", "https://localhost:3000"},
		{"https://[2001:db8::1]", "https://[2001:db8::1]"},
		{"https://192.0.2.7:8443", "https://192.0.2.7:8443"},
	}
	for _, tc := range ok {
		u, err := NormalizeServerURL(tc.in)
		if err != nil {
			t.Errorf("NormalizeServerURL(%q): %v", tc.in, err)
			continue
		}
		if u.String() != tc.want {
			t.Errorf("NormalizeServerURL(%q) = %q, want %q", tc.in, u, tc.want)
		}
	}
	bad := []struct{ in, detail string }{
		{"", DetailEmpty},
		{"   ", DetailEmpty},
		{"not a url", DetailMalformedURL},
		{"social.example .org", DetailMalformedURL},
		{"http://", DetailMalformedURL},
		{"https://", DetailMalformedURL},
		{"javascript:alert(1)", DetailMalformedURL},
		{"mailto:admin@social.example.org", DetailNotAHost},
		{"://social.example.org", DetailMalformedURL},
		{"https://social.example.org:99999", DetailMalformedURL},
		{"https://social.example.org:0", DetailMalformedURL},
		{"http://social.example.org", DetailNotHTTPS},
		{"http://192.0.2.7", DetailNotHTTPS},
		{"ftp://social.example.org", DetailNotHTTPS},
		{"ws://social.example.org", DetailNotHTTPS},
		{"https://alice:secret@social.example.org", DetailCredentialsInURL},
		{"https://alice@social.example.org", DetailCredentialsInURL},
		{"@alice@social.example.org", DetailNotAHost},
		{"alice@social.example.org", DetailNotAHost},
		{"social", DetailNotAHost},
		{"https://social_example.org", DetailNotAHost},
		{"https://-bad.example.org", DetailNotAHost},
		{"https://social..example.org", DetailNotAHost},
		{"https://127.1", DetailNotAHost},
		{"https://" + strings.Repeat("a", 64) + ".example", DetailNotAHost},
		{"https://exa\u200bmple.org", DetailMalformedURL},
		{"social\u00a0example.org", DetailMalformedURL},
		{"social.example.org\x00", DetailMalformedURL},
	}
	for _, tc := range bad {
		u, err := NormalizeServerURL(tc.in)
		if err == nil {
			t.Errorf("NormalizeServerURL(%q) = %v, want error %s", tc.in, u, tc.detail)
			continue
		}
		if apperr.KindOf(err) != apperr.Invalid || apperr.DetailOf(err) != tc.detail {
			t.Errorf("NormalizeServerURL(%q): %s/%s, want invalid/%s (%v)", tc.in, apperr.KindOf(err), apperr.DetailOf(err), tc.detail, err)
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("error echoes the password: %v", err)
		}
	}
}

func simClient(t *testing.T, flavour mastosim.Flavour, version string) (*mastosim.Sim, *Client) {
	t.Helper()
	sim := mastosim.New(mastosim.Options{Flavour: flavour, Version: version, RateLimit: mastosim.RateLimit{Limit: -1}})
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(srv.Close)
	c, err := New(srv.URL, "", Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return sim, c
}

func TestDiscoverMastodon(t *testing.T) {
	_, c := simClient(t, mastosim.FlavourMastodon, "")
	d, err := Discover(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if d.Instance.Software != SoftwareMastodon || d.Instance.Domain != "social.example.org" || !d.HasMetadata {
		t.Fatalf("%+v", d)
	}
	m := d.Metadata
	if m.AuthorizationEndpoint != c.BaseURL()+"/oauth/authorize" || m.TokenEndpoint != c.BaseURL()+"/oauth/token" ||
		m.RevocationEndpoint == "" || m.AppRegistrationEndpoint == "" || !m.SupportsS256() || len(m.ScopesSupported) == 0 {
		t.Errorf("metadata %+v", m)
	}
	caps := d.Capabilities
	if !caps.PKCE || !caps.AuthServerMetadata || caps.ReportsPageMax != 200 || caps.RulesAPI || caps.Version.String() != "4.3.2" {
		t.Errorf("caps %+v", caps)
	}
}

func TestDiscoverGoToSocial(t *testing.T) {
	_, c := simClient(t, mastosim.FlavourGoToSocial, "")
	d, err := Discover(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if d.Instance.Software != SoftwareGoToSocial || d.HasMetadata || d.Capabilities.AuthServerMetadata {
		t.Fatalf("%+v", d)
	}
	if !d.Capabilities.RulesEditable || d.Capabilities.ReportsPageDefault != 20 || d.Capabilities.Version.String() != "0.17.3" {
		t.Errorf("caps %+v", d.Capabilities)
	}
}

func TestDiscoverRefusesNonMastodon(t *testing.T) {
	cases := map[string]http.HandlerFunc{
		"html page for everything": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte("<!DOCTYPE html><html><body>Welcome to our city portal</body></html>"))
		},
		"404 html": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(404)
			_, _ = w.Write([]byte("<html><body>Not Found</body></html>"))
		},
		"v2 404, v1 html 200": func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/v2/instance" {
				http.NotFound(w, r)
				return
			}
			_, _ = w.Write([]byte("<html>hello</html>"))
		},
		"json without version": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"name":"some other API"}`))
		},
		"json array": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`[1,2,3]`))
		},
	}
	for name, h := range cases {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(h)
			defer srv.Close()
			c, _ := New(srv.URL, "", Options{Timeout: 5 * time.Second})
			_, err := Discover(context.Background(), c)
			if apperr.KindOf(err) != apperr.Invalid || apperr.DetailOf(err) != DetailNotMastodon {
				t.Fatalf("got %s/%s: %v", apperr.KindOf(err), apperr.DetailOf(err), err)
			}
		})
	}
}

func TestDiscoverUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, _ := New("http://"+addr, "", Options{Timeout: 2 * time.Second})
	_, err = Discover(context.Background(), c)
	if apperr.KindOf(err) != apperr.Unavailable || apperr.DetailOf(err) != DetailUnreachable {
		t.Fatalf("got %s/%s: %v", apperr.KindOf(err), apperr.DetailOf(err), err)
	}
}

func TestAuthServerMetadataDropsForeignEndpoints(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		base := "http://" + r.Host
		_, _ = w.Write([]byte(`{"issuer":"` + base + `/","authorization_endpoint":"` + base + `/oauth/authorize",
			"token_endpoint":"https://evil.example/oauth/token","revocation_endpoint":"http://user@` + r.Host + `/oauth/revoke",
			"code_challenge_methods_supported":["S256"]}`))
	}))
	defer srv.Close()
	c, _ := New(srv.URL, "", Options{Timeout: 5 * time.Second})
	m, ok, err := c.AuthServerMetadata(context.Background())
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if m.AuthorizationEndpoint == "" || m.TokenEndpoint != "" || m.RevocationEndpoint != "" {
		t.Errorf("%+v", m)
	}

	// 404 and HTML mean "no metadata", not an error.
	for _, h := range []http.HandlerFunc{http.NotFound, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html></html>"))
	}} {
		s := httptest.NewServer(h)
		c, _ := New(s.URL, "", Options{Timeout: 5 * time.Second})
		if _, ok, err := c.AuthServerMetadata(context.Background()); ok || err != nil {
			t.Errorf("ok=%v err=%v", ok, err)
		}
		s.Close()
	}
}
