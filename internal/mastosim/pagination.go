package mastosim

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

type pageReq struct {
	maxID, sinceID, minID    int64
	hasMax, hasSince, hasMin bool
	limit                    int
}

// limits returns the default and maximum page size for admin lists.
func (s *Sim) limits() (def, maxLimit int) {
	if s.gts() {
		return 20, 100
	}
	return 100, 200
}

func (s *Sim) pageParams(p params) pageReq {
	def, mx := s.limits()
	q := pageReq{limit: def}
	if n, err := strconv.Atoi(p.get("limit")); err == nil && n > 0 {
		q.limit = min(n, mx)
	}
	parse := func(k string) (int64, bool) {
		v, err := strconv.ParseInt(strings.TrimSpace(p.get(k)), 10, 64)
		return v, err == nil
	}
	q.maxID, q.hasMax = parse("max_id")
	q.sinceID, q.hasSince = parse("since_id")
	q.minID, q.hasMin = parse("min_id")
	return q
}

// pageByID returns one page of items (sorted ascending by id) that satisfy
// keep, newest first, following Mastodon's max_id/since_id/min_id semantics:
// min_id yields the oldest page above min_id, still sorted newest first.
func pageByID[T any](items []T, id func(T) int64, keep func(T) bool, q pageReq) []T {
	out := make([]T, 0, min(q.limit, 256))
	if q.hasMin {
		i := sort.Search(len(items), func(i int) bool { return id(items[i]) > q.minID })
		for ; i < len(items) && len(out) < q.limit; i++ {
			it := items[i]
			if q.hasMax && id(it) >= q.maxID {
				break
			}
			if keep(it) {
				out = append(out, it)
			}
		}
		for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
			out[a], out[b] = out[b], out[a]
		}
		return out
	}
	hi := len(items)
	if q.hasMax {
		hi = sort.Search(len(items), func(i int) bool { return id(items[i]) >= q.maxID })
	}
	for i := hi - 1; i >= 0 && len(out) < q.limit; i-- {
		it := items[i]
		if q.hasSince && id(it) <= q.sinceID {
			break
		}
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// pageURL is the request's absolute URL with the paging cursors replaced.
func pageURL(r *http.Request, key, val string) string {
	q := url.Values{}
	for k, vs := range r.URL.Query() {
		if k == "max_id" || k == "since_id" || k == "min_id" {
			continue
		}
		q[k] = vs
	}
	q.Set(key, val)
	return baseURL(r) + r.URL.Path + "?" + q.Encode()
}

// setLink sets the Link header for a page whose first and last cursors are
// given. Mastodon emits next only for a full page; GoToSocial always does.
func (c *reqCtx) setLink(n, limit int, first, last string) {
	if n == 0 {
		return
	}
	var parts []string
	if n >= limit || c.s.gts() {
		parts = append(parts, "<"+pageURL(c.r, "max_id", last)+`>; rel="next"`)
	}
	parts = append(parts, "<"+pageURL(c.r, "min_id", first)+`>; rel="prev"`)
	c.hdr.Set("Link", strings.Join(parts, ", "))
}
