package mastoapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"steward/internal/apperr"
)

// AccountAction is a moderation action on an account
// (POST /api/v1/admin/accounts/:id/action). Type is one of none, sensitive,
// disable, silence, suspend. SendEmail is ALWAYS sent as
// send_email_notification: the server's default is true, and Steward never
// e-mails a user without the moderator's explicit consent.
type AccountAction struct {
	Type            string
	ReportID        string
	WarningPresetID string
	Text            string
	SendEmail       bool
}

func (a AccountAction) form() url.Values {
	v := url.Values{}
	v.Set("type", a.Type)
	if a.ReportID != "" {
		v.Set("report_id", a.ReportID)
	}
	if a.WarningPresetID != "" {
		v.Set("warning_preset_id", a.WarningPresetID)
	}
	if a.Text != "" {
		v.Set("text", a.Text)
	}
	v.Set("send_email_notification", strconv.FormatBool(a.SendEmail))
	return v
}

func accountPath(op, id, suffix string) (string, error) {
	if id == "" || strings.ContainsAny(id, "/?#") {
		return "", apperr.Errorf(op, apperr.Invalid, "bad account id %q", id)
	}
	p := "/api/v1/admin/accounts/" + url.PathEscape(id)
	if suffix != "" {
		p += "/" + suffix
	}
	return p, nil
}

// AdminAccount fetches one account with its moderation flags.
func (c *Client) AdminAccount(ctx context.Context, id string) (AdminAccount, error) {
	const op = "mastoapi: get admin account"
	p, err := accountPath(op, id, "")
	if err != nil {
		return AdminAccount{}, err
	}
	var out AdminAccount
	if _, err := c.doJSON(ctx, op, http.MethodGet, c.resolve(p, nil), nil, &out); err != nil {
		return AdminAccount{}, err
	}
	return out, nil
}

// AccountAction performs a moderation action on the account.
func (c *Client) AccountAction(ctx context.Context, id string, a AccountAction) error {
	const op = "mastoapi: account action"
	if a.Type == "" {
		return apperr.Errorf(op, apperr.Invalid, "no action type")
	}
	p, err := accountPath(op, id, "action")
	if err != nil {
		return err
	}
	_, err = c.doJSON(ctx, op, http.MethodPost, c.resolve(p, nil), a.form(), nil)
	return err
}

func (c *Client) accountOp(ctx context.Context, name, id string) (AdminAccount, error) {
	op := "mastoapi: " + name + " account"
	p, err := accountPath(op, id, name)
	if err != nil {
		return AdminAccount{}, err
	}
	var out AdminAccount
	if _, err := c.doJSON(ctx, op, http.MethodPost, c.resolve(p, nil), url.Values{}, &out); err != nil {
		return AdminAccount{}, err
	}
	return out, nil
}

// Approve approves a pending local account.
func (c *Client) Approve(ctx context.Context, id string) (AdminAccount, error) {
	return c.accountOp(ctx, "approve", id)
}

// Reject rejects (deletes) a pending local account.
func (c *Client) Reject(ctx context.Context, id string) (AdminAccount, error) {
	return c.accountOp(ctx, "reject", id)
}

// Enable re-enables a disabled local account.
func (c *Client) Enable(ctx context.Context, id string) (AdminAccount, error) {
	return c.accountOp(ctx, "enable", id)
}

// Unsilence lifts a silence.
func (c *Client) Unsilence(ctx context.Context, id string) (AdminAccount, error) {
	return c.accountOp(ctx, "unsilence", id)
}

// Unsuspend lifts a suspension.
func (c *Client) Unsuspend(ctx context.Context, id string) (AdminAccount, error) {
	return c.accountOp(ctx, "unsuspend", id)
}

// Unsensitive lifts a forced-sensitive mark.
func (c *Client) Unsensitive(ctx context.Context, id string) (AdminAccount, error) {
	return c.accountOp(ctx, "unsensitive", id)
}
