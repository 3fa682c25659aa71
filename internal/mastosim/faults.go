package mastosim

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Faults are injected into every /api/*, /oauth/* and /.well-known/* request.
type Faults struct {
	Latency       time.Duration // added before answering each API request
	ErrorRate     float64       // probability 0..1 that a request gets Status instead of its answer
	Status        int           // status used by ErrorRate (default 500)
	HTMLErrorPage bool          // failing requests answer Mastodon's text/html 500 page instead of JSON
	TruncateJSON  bool          // successful JSON bodies are cut in half
	SlowBody      time.Duration // body bytes are trickled over this duration
	Down          bool          // every API request fails: the connection is closed without an answer
}

type faultRand struct{ r *rand.Rand }

func (f *faultRand) seed(n uint64) { f.r = rand.New(rand.NewPCG(n, n^0x9e3779b97f4a7c15)) }

// SetFaults replaces the active faults.
func (s *Sim) SetFaults(f Faults) {
	s.faultsMu.Lock()
	s.faults = f
	s.faultsMu.Unlock()
}

// Faults returns the active faults.
func (s *Sim) Faults() Faults {
	s.faultsMu.Lock()
	defer s.faultsMu.Unlock()
	return s.faults
}

const mastodonErrorPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta content="width=device-width,initial-scale=1" name="viewport">
<title>We're sorry, but something went wrong</title>
</head>
<body class="error">
<div class="dialog">
<div class="dialog__illustration"></div>
<div class="dialog__message">
<h1>We&#39;re sorry, but something went wrong on our end.</h1>
</div>
</div>
</body>
</html>
`

func faultedPath(p string) bool {
	return strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/oauth/") || strings.HasPrefix(p, "/.well-known/")
}

func (s *Sim) faultMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !faultedPath(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		s.faultsMu.Lock()
		f := s.faults
		fail := f.ErrorRate > 0 && s.faultRng.r.Float64() < f.ErrorRate
		s.faultsMu.Unlock()

		if f.Down {
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					_ = conn.Close()
					return
				}
			}
			panic(http.ErrAbortHandler)
		}
		if f.Latency > 0 {
			t := time.NewTimer(f.Latency)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		if fail {
			status := f.Status
			if status == 0 {
				status = http.StatusInternalServerError
			}
			if f.HTMLErrorPage {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(status)
				_, _ = w.Write([]byte(mastodonErrorPage))
				return
			}
			writeJSON(w, status, errBody(http.StatusText(status)))
			return
		}
		if !f.TruncateJSON && f.SlowBody <= 0 {
			next.ServeHTTP(w, r)
			return
		}
		bw := &bufWriter{h: w.Header()}
		next.ServeHTTP(bw, r)
		if bw.status == 0 {
			bw.status = http.StatusOK
		}
		body := bw.buf.Bytes()
		if f.TruncateJSON && bw.status < 300 && strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
			body = body[:len(body)/2]
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(bw.status)
		if f.SlowBody <= 0 || len(body) == 0 {
			_, _ = w.Write(body)
			return
		}
		const chunks = 10
		step := (len(body) + chunks - 1) / chunks
		pause := f.SlowBody / chunks
		fl, _ := w.(http.Flusher)
		for i := 0; i < len(body); i += step {
			end := min(i+step, len(body))
			if _, err := w.Write(body[i:end]); err != nil {
				return
			}
			if fl != nil {
				fl.Flush()
			}
			select {
			case <-time.After(pause):
			case <-r.Context().Done():
				return
			}
		}
	})
}

type bufWriter struct {
	h      http.Header
	status int
	buf    bytes.Buffer
}

func (b *bufWriter) Header() http.Header { return b.h }
func (b *bufWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
func (b *bufWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.buf.Write(p)
}
