package mastosim

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

type bucket struct {
	start time.Time
	count int
}

type limiter struct {
	mu  sync.Mutex
	gen map[string]*bucket
	pag map[string]*bucket
}

func (l *limiter) init() {
	l.gen = map[string]*bucket{}
	l.pag = map[string]*bucket{}
}

type budget struct {
	limit, remaining int
	reset            time.Time
	ok               bool
}

func take(m map[string]*bucket, key string, now time.Time, limit int, window time.Duration) budget {
	b := m[key]
	if b == nil || !now.Before(b.start.Add(window)) || now.Before(b.start) {
		b = &bucket{start: now}
		m[key] = b
	}
	b.count++
	rem := limit - b.count
	out := budget{limit: limit, remaining: rem, reset: b.start.Add(window), ok: rem >= 0}
	if out.remaining < 0 {
		out.remaining = 0
	}
	return out
}

// take charges one request to key; paginated requests are also charged to
// the paginated budget, whose numbers are reported when it is the tighter one.
func (l *limiter) take(key string, paginated bool, now time.Time, rl RateLimit) budget {
	l.mu.Lock()
	defer l.mu.Unlock()
	g := take(l.gen, key, now, rl.Limit, rl.Window)
	if !paginated {
		return g
	}
	p := take(l.pag, key, now, rl.PaginatedLimit, rl.PaginatedWindow)
	if !p.ok || (g.ok && p.remaining < g.remaining) {
		if !g.ok {
			return g
		}
		return p
	}
	return g
}

func isPaginated(r *http.Request) bool {
	q := r.URL.Query()
	return q.Has("max_id") || q.Has("since_id") || q.Has("min_id")
}

func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Sim) rateLimitMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rl := s.opts.RateLimit
		if rl.disabled() {
			next.ServeHTTP(w, r)
			return
		}
		key := "ip:" + remoteIP(r)
		if !s.gts() {
			if tv := bearer(r); tv != "" {
				s.mu.RLock()
				if _, ok := s.st.tokens[tv]; ok {
					key = "token:" + tv
				}
				s.mu.RUnlock()
			}
		}
		b := s.limiter.take(key, isPaginated(r), s.now(), rl)
		h := w.Header()
		lim, rem, rst := "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"
		if s.gts() {
			lim, rem, rst = "X-Ratelimit-Limit", "X-Ratelimit-Remaining", "X-Ratelimit-Reset"
		}
		h[lim] = []string{strconv.Itoa(b.limit)}
		h[rem] = []string{strconv.Itoa(b.remaining)}
		h[rst] = []string{fmtTime(b.reset)}
		if !b.ok {
			s.rateLimited.Add(1)
			writeJSON(w, http.StatusTooManyRequests, errBody("Too many requests"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
