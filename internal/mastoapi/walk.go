package mastoapi

import (
	"context"

	"steward/internal/apperr"
)

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
