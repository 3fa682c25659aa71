package mastoapi

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"steward/internal/apperr"
)

// Report moderation: GET /api/v1/admin/reports/:id and the write endpoints
// assign_to_self, unassign, resolve, reopen and PUT (category, rule_ids).
// GoToSocial answers 404/405 for everything but GET and resolve; both map to
// NotFound. Every call returns the report as the server now holds it.

func reportPath(id string, suffix string) (string, error) {
	if id == "" || strings.ContainsAny(id, "/?#") {
		return "", apperr.Errorf("mastoapi: report", apperr.Invalid, "bad report id %q", id)
	}
	p := "/api/v1/admin/reports/" + url.PathEscape(id)
	if suffix != "" {
		p += "/" + suffix
	}
	return p, nil
}

func (c *Client) reportCall(ctx context.Context, op, method, id, suffix string, form url.Values) (Report, error) {
	p, err := reportPath(id, suffix)
	if err != nil {
		return Report{}, apperr.E(op, apperr.Invalid, err)
	}
	if form == nil && method != http.MethodGet {
		form = url.Values{}
	}
	var out Report
	if _, err := c.doJSON(ctx, op, method, c.resolve(p, nil), form, &out); err != nil {
		return Report{}, err
	}
	return out, nil
}

// Report fetches one report.
func (c *Client) Report(ctx context.Context, id string) (Report, error) {
	return c.reportCall(ctx, "mastoapi: get report", http.MethodGet, id, "", nil)
}

// AssignToSelf assigns the report to the signed-in moderator.
func (c *Client) AssignToSelf(ctx context.Context, id string) (Report, error) {
	return c.reportCall(ctx, "mastoapi: assign report", http.MethodPost, id, "assign_to_self", nil)
}

// Unassign removes the report's assignee.
func (c *Client) Unassign(ctx context.Context, id string) (Report, error) {
	return c.reportCall(ctx, "mastoapi: unassign report", http.MethodPost, id, "unassign", nil)
}

// Resolve marks the report resolved. The comment is sent as
// action_taken_comment (GoToSocial shows it; Mastodon ignores it).
func (c *Client) Resolve(ctx context.Context, id, comment string) (Report, error) {
	form := url.Values{}
	if comment != "" {
		form.Set("action_taken_comment", comment)
	}
	return c.reportCall(ctx, "mastoapi: resolve report", http.MethodPost, id, "resolve", form)
}

// Reopen marks a resolved report unresolved again.
func (c *Client) Reopen(ctx context.Context, id string) (Report, error) {
	return c.reportCall(ctx, "mastoapi: reopen report", http.MethodPost, id, "reopen", nil)
}

// UpdateReport changes the category and the violated rules
// (PUT with category and rule_ids[]). An empty category leaves it unchanged;
// a nil ruleIDs leaves the rules unchanged, an empty non-nil one clears them.
func (c *Client) UpdateReport(ctx context.Context, id, category string, ruleIDs []string) (Report, error) {
	form := url.Values{}
	if category != "" {
		form.Set("category", category)
	}
	if ruleIDs != nil {
		if len(ruleIDs) == 0 {
			form["rule_ids[]"] = []string{""}
		} else {
			form["rule_ids[]"] = append([]string(nil), ruleIDs...)
		}
	}
	return c.reportCall(ctx, "mastoapi: update report", http.MethodPut, id, "", form)
}
