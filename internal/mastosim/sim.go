// Package mastosim is a Mastodon-API server simulator.
//
// A Sim behaves like a Mastodon 4.3 server (or, with FlavourGoToSocial, like a
// GoToSocial server) for the parts of the API that Steward uses: OAuth with
// PKCE, instance metadata, verify_credentials, the admin API for reports,
// accounts, domain/e-mail/IP blocks, measures and (GoToSocial) rules. It
// enforces scopes, role permissions and rate limits, paginates with Link
// headers, and can inject faults (latency, error statuses, HTML error pages,
// truncated JSON, slow bodies, an unreachable server).
//
// Data is seeded deterministically from a SeedSpec (same seed and clock give
// byte-identical JSON), can be made hostile with an XSS payload corpus, and is
// held in id-sorted slices so that 100,000 reports page quickly. Everything is
// safe for concurrent use. Tests use Handler with httptest.NewServer; the demo
// mode and end-to-end tests use Start and the /_sim/* control endpoints.
package mastosim

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Sim is a simulated Mastodon or GoToSocial server. Create it with New.
type Sim struct {
	opts Options

	mu sync.RWMutex // guards all data below
	st *state

	limiter limiter

	faultsMu sync.Mutex
	faults   Faults
	faultRng faultRand

	requests    atomic.Int64
	rateLimited atomic.Int64
	pathMu      sync.Mutex
	byPath      map[string]int64

	handler http.Handler
	stream  streamHub // streaming.go

	srvMu sync.Mutex
	srv   *http.Server
	url   string
}

// state is everything a seed replaces.
type state struct {
	epoch        time.Time
	accounts     []*account // ascending id
	accountByID  map[int64]*account
	statuses     []*status // ascending id
	reports      []*report // ascending id
	rules        []*rule
	domainBlocks []*domainBlock
	domainAllows []*domainAllow
	emailBlocks  []*domainAllow
	ipBlocks     []*ipBlock
	apps         map[string]*app // by client_id
	tokens       map[string]*token
	codes        map[string]*authCode
	actions      []ActionRecord
	nextID       int64 // for blocks, apps, rules
	nextAccount  int64
	nextStatus   int64
	adminID      int64
	moderatorID  int64
	userID       int64
}

// Stats counts requests served by the API (not the /_sim control endpoints).
type Stats struct {
	Requests    int64            `json:"requests"`
	RateLimited int64            `json:"rate_limited"`
	ByPath      map[string]int64 `json:"by_path"` // keyed by "METHOD /route/pattern"
}

// New builds a simulator with the staff accounts and server rules in place
// but no other seeded data.
func New(opts Options) *Sim {
	s := &Sim{opts: opts.withDefaults(), byPath: map[string]int64{}}
	s.faultRng.seed(1)
	s.limiter.init()
	if err := s.Seed(SeedSpec{}); err != nil {
		panic("mastosim: empty seed failed: " + err.Error())
	}
	s.handler = s.buildHandler()
	return s
}

func (s *Sim) gts() bool { return s.opts.Flavour == FlavourGoToSocial }

func (s *Sim) now() time.Time { return s.opts.Now().UTC() }

// Handler returns the whole API (and the /_sim control endpoints).
func (s *Sim) Handler() http.Handler { return s.handler }

// Start listens on 127.0.0.1 on a free port and serves the API in a goroutine.
func (s *Sim) Start() (string, error) {
	s.srvMu.Lock()
	defer s.srvMu.Unlock()
	if s.srv != nil {
		return s.url, nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	s.srv = srv
	s.url = "http://" + ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	return s.url, nil
}

// URL returns the base URL once Start has succeeded, "" otherwise.
func (s *Sim) URL() string {
	s.srvMu.Lock()
	defer s.srvMu.Unlock()
	return s.url
}

// Close stops listening. It is idempotent.
func (s *Sim) Close() error {
	s.srvMu.Lock()
	srv := s.srv
	s.srv, s.url = nil, ""
	s.srvMu.Unlock()
	if srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return srv.Close()
	}
	return nil
}

// Stats returns a snapshot of the request counters.
func (s *Sim) Stats() Stats {
	s.pathMu.Lock()
	defer s.pathMu.Unlock()
	m := make(map[string]int64, len(s.byPath))
	for k, v := range s.byPath {
		m[k] = v
	}
	return Stats{Requests: s.requests.Load(), RateLimited: s.rateLimited.Load(), ByPath: m}
}

func (s *Sim) countPath(pattern string) {
	s.pathMu.Lock()
	s.byPath[pattern]++
	s.pathMu.Unlock()
}

// Actions returns every account action taken so far, oldest first.
func (s *Sim) Actions() []ActionRecord {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]ActionRecord(nil), s.st.actions...)
}

func (s *Sim) buildHandler() http.Handler {
	api := http.NewServeMux()
	s.routesOAuth(api)
	s.routesInstance(api)
	s.routesReports(api)
	s.routesAccounts(api)
	s.routesBlocks(api)
	s.routesStreaming(api)
	api.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.countPath(r.Method + " (unmatched)")
		writeJSON(w, http.StatusNotFound, errBody("Record not found"))
	})
	wrapped := s.faultMiddleware(s.rateLimitMiddleware(api))

	root := http.NewServeMux()
	s.routesControl(root)
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		wrapped.ServeHTTP(w, r)
	})
	return root
}

// reqCtx is what an API handler sees.
type reqCtx struct {
	s   *Sim
	r   *http.Request
	p   params
	tok *token
	me  *account // nil for app-only tokens and unauthenticated requests
	hdr http.Header
}

type apiFunc func(c *reqCtx) (int, any)

// api registers a JSON endpoint. scope is the scope the token needs ("" means
// no token needed), perm the role permission the user needs (0 none).
func (s *Sim) api(mux *http.ServeMux, pattern, scope string, perm uint64, h apiFunc) {
	write := !strings.HasPrefix(pattern, "GET ")
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		s.countPath(pattern)
		p, err := parseParams(r)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, errBody(err.Error()))
			return
		}
		c := &reqCtx{s: s, r: r, p: p, hdr: http.Header{}}
		if write {
			s.mu.Lock()
		} else {
			s.mu.RLock()
		}
		status, body := s.authorize(c, scope, perm)
		if status == 0 {
			status, body = h(c)
		}
		data, merr := json.Marshal(body)
		if write {
			s.mu.Unlock()
		} else {
			s.mu.RUnlock()
		}
		if merr != nil {
			status, data = http.StatusInternalServerError, []byte(`{"error":"internal error"}`)
		}
		for k, v := range c.hdr {
			w.Header()[k] = v
		}
		writeRaw(w, status, data)
	})
}

func writeRaw(w http.ResponseWriter, status int, data []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		status, data = http.StatusInternalServerError, []byte(`{"error":"internal error"}`)
	}
	writeRaw(w, status, data)
}

type errorJSON struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description,omitempty"`
}

func errBody(msg string) errorJSON { return errorJSON{Error: msg} }

func notFound() (int, any) { return http.StatusNotFound, errBody("Record not found") }

func unprocessable(msg string) (int, any) {
	return http.StatusUnprocessableEntity, errBody("Validation failed: " + msg)
}

func forbidden() (int, any) { return http.StatusForbidden, errBody("This action is not allowed") }

func (s *Sim) newID() int64 {
	s.st.nextID++
	return s.st.nextID
}

// baseURL is the scheme and host the client used to reach us.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
