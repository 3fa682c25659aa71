package mastoapi

import (
	"context"
	"net/url"

	"steward/internal/apperr"
)

// AccountQuery filters GET /api/v2/admin/accounts (Mastodon 4.x, GoToSocial).
// Servers without v2 are asked /api/v1/admin/accounts with the equivalent
// boolean filters. Paging cursors are opaque: GoToSocial pages by
// "domain/@username" strings, so callers follow Links as given.
type AccountQuery struct {
	Origin      string // "local", "remote" or ""
	Status      string // "active", "pending", "disabled", "silenced", "suspended" or ""
	Permissions string // "staff" or ""
	ByDomain    string
	Username    string
	DisplayName string
	Email       string
	IP          string
	Limit       int // 0: the server's default
	MaxID       string
	SinceID     string
	MinID       string
}

func (q AccountQuery) values(v1 bool) url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	if v1 {
		if q.Origin != "" {
			v.Set(q.Origin, "true")
		}
		if q.Status != "" {
			v.Set(q.Status, "true")
		}
		if q.Permissions == "staff" {
			v.Set("staff", "true")
		}
	} else {
		set("origin", q.Origin)
		set("status", q.Status)
		set("permissions", q.Permissions)
	}
	set("by_domain", q.ByDomain)
	set("username", q.Username)
	set("display_name", q.DisplayName)
	set("email", q.Email)
	set("ip", q.IP)
	setPaging(v, q.MaxID, q.SinceID, q.MinID, q.Limit)
	return v
}

// AccountPage is one page of admin accounts and the links to its neighbours.
type AccountPage struct {
	Accounts []AdminAccount
	Links    Links
}

// AdminAccounts fetches the first page for q from /api/v2/admin/accounts,
// falling back to /api/v1/admin/accounts when the server has no v2 list.
func (c *Client) AdminAccounts(ctx context.Context, q AccountQuery) (AccountPage, error) {
	page, err := c.AdminAccountsAt(ctx, c.resolve("/api/v2/admin/accounts", q.values(false)))
	if apperr.Is(err, apperr.NotFound) {
		return c.AdminAccountsAt(ctx, c.resolve("/api/v1/admin/accounts", q.values(true)))
	}
	return page, err
}

// AdminAccountsAt fetches the page a Link header pointed at.
func (c *Client) AdminAccountsAt(ctx context.Context, link string) (AccountPage, error) {
	out, links, err := getPage[AdminAccount](ctx, c, "mastoapi: list admin accounts", link)
	return AccountPage{Accounts: out, Links: links}, err
}

// EachAdminAccount walks every page of q, following the Link header as
// given, and calls fn per page. It stops at the first error, when fn returns
// an error, on an empty page, or when a page link repeats.
func (c *Client) EachAdminAccount(ctx context.Context, q AccountQuery, fn func(AccountPage) error) error {
	return walkPages(ctx, "mastoapi: list admin accounts",
		func() (AccountPage, error) { return c.AdminAccounts(ctx, q) },
		func(link string) (AccountPage, error) { return c.AdminAccountsAt(ctx, link) },
		func(p AccountPage) int { return len(p.Accounts) }, func(p AccountPage) Links { return p.Links }, fn)
}
