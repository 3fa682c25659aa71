package mastoapi

import (
	"context"
	"net/url"
	"strconv"
	"time"
)

// Report is an admin report as Steward stores it. Nested accounts and
// statuses are kept as ids and a few display fields; the sync layer fetches
// more where a screen needs it.
type Report struct {
	ID              string        `json:"id"`
	ActionTaken     bool          `json:"action_taken"`
	ActionTakenAt   *time.Time    `json:"action_taken_at"`
	Category        string        `json:"category"`
	Comment         string        `json:"comment"`
	Forwarded       bool          `json:"forwarded"`
	CreatedAt       time.Time     `json:"created_at"`
	UpdatedAt       time.Time     `json:"updated_at"`
	Account         AdminAccount  `json:"account"`
	TargetAccount   AdminAccount  `json:"target_account"`
	AssignedAccount *AdminAccount `json:"assigned_account"`
	ActionTakenBy   *AdminAccount `json:"action_taken_by_account"`
	Statuses        []Status      `json:"statuses"`
	Rules           []Rule        `json:"rules"`
}

// AdminAccount is the Admin::Account entity (the fields Steward uses).
type AdminAccount struct {
	ID         string    `json:"id"`
	Username   string    `json:"username"`
	Domain     *string   `json:"domain"`
	CreatedAt  time.Time `json:"created_at"`
	Email      string    `json:"email"`
	Confirmed  bool      `json:"confirmed"`
	Approved   bool      `json:"approved"`
	Disabled   bool      `json:"disabled"`
	Silenced   bool      `json:"silenced"`
	Suspended  bool      `json:"suspended"`
	Sensitized bool      `json:"sensitized"`
	Account    Account   `json:"account"`
}

// Account is the public Account entity (the fields Steward uses).
type Account struct {
	ID             string    `json:"id"`
	Username       string    `json:"username"`
	Acct           string    `json:"acct"`
	DisplayName    string    `json:"display_name"`
	Note           string    `json:"note"`
	URL            string    `json:"url"`
	Avatar         string    `json:"avatar"`
	CreatedAt      time.Time `json:"created_at"`
	FollowersCount int       `json:"followers_count"`
	StatusesCount  int       `json:"statuses_count"`
}

// Status is the Status entity (the fields Steward uses).
type Status struct {
	ID          string    `json:"id"`
	CreatedAt   time.Time `json:"created_at"`
	Content     string    `json:"content"`
	SpoilerText string    `json:"spoiler_text"`
	Sensitive   bool      `json:"sensitive"`
	URL         string    `json:"url"`
}

// ReportQuery filters GET /api/v1/admin/reports. Resolved is always sent:
// GoToSocial returns resolved and open reports alike when it is missing.
type ReportQuery struct {
	Resolved              bool
	AccountID             string
	TargetAccountID       string
	Limit                 int // 0: the server's default
	MaxID, SinceID, MinID string
}

func (q ReportQuery) values() url.Values {
	v := url.Values{}
	v.Set("resolved", strconv.FormatBool(q.Resolved))
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("account_id", q.AccountID)
	set("target_account_id", q.TargetAccountID)
	setPaging(v, q.MaxID, q.SinceID, q.MinID, q.Limit)
	return v
}

// ReportPage is one page of reports and the links to its neighbours.
type ReportPage struct {
	Reports []Report
	Links   Links
}

// Reports fetches the first page for q.
func (c *Client) Reports(ctx context.Context, q ReportQuery) (ReportPage, error) {
	return c.reportPage(ctx, c.resolve("/api/v1/admin/reports", q.values()))
}

// ReportsAt fetches the page a Link header pointed at.
func (c *Client) ReportsAt(ctx context.Context, link string) (ReportPage, error) {
	return c.reportPage(ctx, link)
}

func (c *Client) reportPage(ctx context.Context, rawURL string) (ReportPage, error) {
	out, links, err := getPage[Report](ctx, c, "mastoapi: list reports", rawURL)
	return ReportPage{Reports: out, Links: links}, err
}

// EachReport walks every page of q, following the Link header as given, and
// calls fn per page. It stops at the first error, when fn returns an error, on
// an empty page, or when a page repeats (a server that loops its cursors).
func (c *Client) EachReport(ctx context.Context, q ReportQuery, fn func(ReportPage) error) error {
	return walkPages(ctx, "mastoapi: list reports",
		func() (ReportPage, error) { return c.Reports(ctx, q) },
		func(link string) (ReportPage, error) { return c.ReportsAt(ctx, link) },
		func(p ReportPage) int { return len(p.Reports) }, func(p ReportPage) Links { return p.Links }, fn)
}
