package mastoapi

import (
	"context"
	"net/url"
	"strconv"

	"steward/internal/apperr"
)

// getPage fetches one page of a list at rawURL (the first page's URL or a
// Link the server gave) and returns its items and the links to its neighbours.
func getPage[T any](ctx context.Context, c *Client, op, rawURL string) ([]T, Links, error) {
	var out []T
	resp, err := c.doJSON(ctx, op, "GET", rawURL, nil, &out)
	if err != nil {
		return nil, Links{}, err
	}
	return out, parseLinks(resp.Header.Get("Link")), nil
}

// setPaging adds the cursor and page-size parameters every admin list takes.
func setPaging(v url.Values, maxID, sinceID, minID string, limit int) {
	for k, val := range map[string]string{"max_id": maxID, "since_id": sinceID, "min_id": minID} {
		if val != "" {
			v.Set(k, val)
		}
	}
	if limit > 0 {
		v.Set("limit", strconv.Itoa(limit))
	}
}

// walkPages is the one page walker behind every Each* call: it calls fn per
// page, follows the rel="next" link exactly as the server gave it
// (GoToSocial's cursors are not ids), and stops at the first error, when fn
// returns an error, on an empty page, on a repeated link (a server that
// loops its cursors) or when ctx ends.
func walkPages[P any](ctx context.Context, op string, first func() (P, error), at func(link string) (P, error),
	size func(P) int, links func(P) Links, fn func(P) error) error {
	page, err := first()
	seen := map[string]bool{}
	for {
		if err != nil {
			return err
		}
		if size(page) == 0 {
			return nil
		}
		if err := fn(page); err != nil {
			return err
		}
		next := links(page).Next
		if next == "" || seen[next] {
			return nil
		}
		seen[next] = true
		if ctx.Err() != nil {
			return apperr.E(op, apperr.Unavailable, ctx.Err())
		}
		page, err = at(next)
	}
}
