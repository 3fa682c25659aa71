package outbox

import (
	"context"
	"slices"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
)

// verifiable reports whether an action's effect can be read back from the
// server (so that a crash in flight never needs a blind resend).
func verifiable(k Kind, actionType string) bool {
	return !(k == KindAccountAction && actionType == "none")
}

func done(note string, r *mastoapi.Report, acc *mastoapi.AdminAccount) checkResult {
	return checkResult{verdict: already, result: &Result{Note: note, Report: r, Account: acc}}
}

func conflict(reason string, by *mastoapi.AdminAccount, r *mastoapi.Report, current string) checkResult {
	ci := &ConflictInfo{Reason: reason, Current: current}
	if by != nil {
		ci.ByID, ci.ByAcct = by.ID, by.Account.Acct
		if ci.ByAcct == "" {
			ci.ByAcct = by.Username
		}
	}
	if r != nil {
		ci.At = r.UpdatedAt
		if r.ActionTakenAt != nil && reason == "resolved_by_other" {
			ci.At = *r.ActionTakenAt
		}
	}
	return checkResult{verdict: conflicted, conflict: ci}
}

// check reads the target's state and decides whether a must be sent.
func check(ctx context.Context, c *mastoapi.Client, me Identity, a *Action, recovered bool) (checkResult, error) {
	if a.Kind.IsReportKind() {
		r, err := c.Report(ctx, a.ReportID)
		if err != nil {
			return checkResult{}, err
		}
		return checkReport(me, a, &r), nil
	}
	acc, err := c.AdminAccount(ctx, a.AccountID)
	if err != nil {
		if a.Kind == KindReject && apperr.Is(err, apperr.NotFound) {
			return done("already_applied", nil, nil), nil // a rejected account is gone
		}
		return checkResult{}, err
	}
	return checkAccount(a, &acc, recovered), nil
}

func checkReport(me Identity, a *Action, r *mastoapi.Report) checkResult {
	switch a.Kind {
	case KindResolve:
		if !r.ActionTaken {
			return checkResult{verdict: proceed}
		}
		if by := r.ActionTakenBy; by != nil && by.ID == me.AccountID {
			return done("already_applied", r, nil)
		}
		if a.Force {
			return checkResult{verdict: proceed}
		}
		return conflict("resolved_by_other", r.ActionTakenBy, r, "resolved")
	case KindReopen:
		if !r.ActionTaken {
			return done("already_open", r, nil)
		}
	case KindAssign:
		as := r.AssignedAccount
		if as == nil {
			return checkResult{verdict: proceed}
		}
		if as.ID == me.AccountID {
			return done("already_applied", r, nil)
		}
		if !a.Force {
			return conflict("assigned_to_other", as, r, "assigned")
		}
	case KindUnassign:
		if r.AssignedAccount == nil {
			return done("already_applied", r, nil)
		}
	case KindUpdateReport:
		if sameReportFields(a, r) {
			return done("already_applied", r, nil)
		}
	}
	return checkResult{verdict: proceed}
}

func sameReportFields(a *Action, r *mastoapi.Report) bool {
	if a.Params.Category != "" && a.Params.Category != r.Category {
		return false
	}
	if a.Params.RuleIDs == nil {
		return true
	}
	have := make([]string, 0, len(r.Rules))
	for _, ru := range r.Rules {
		have = append(have, ru.ID)
	}
	want := slices.Clone(a.Params.RuleIDs)
	slices.Sort(have)
	slices.Sort(want)
	return slices.Equal(have, want)
}

func checkAccount(a *Action, acc *mastoapi.AdminAccount, recovered bool) checkResult {
	var holds bool
	switch a.Kind {
	case KindAccountAction:
		switch a.Params.ActionType {
		case "suspend":
			holds = acc.Suspended
		case "silence":
			holds = acc.Silenced
		case "disable":
			holds = acc.Disabled
		case "sensitive":
			holds = acc.Sensitized
		case "none":
			if recovered {
				return conflict("unverifiable_after_crash", nil, nil, "a warning may or may not have been sent")
			}
		}
	case KindApprove:
		holds = acc.Approved
	case KindReject:
		holds = false
	case KindEnable:
		holds = !acc.Disabled
	case KindUnsilence:
		holds = !acc.Silenced
	case KindUnsuspend:
		holds = !acc.Suspended
	case KindUnsensitive:
		holds = !acc.Sensitized
	}
	if holds {
		return done("already_applied", nil, acc)
	}
	return checkResult{verdict: proceed}
}

// apply sends the action.
func apply(ctx context.Context, c *mastoapi.Client, a *Action) (*Result, error) {
	var (
		r   mastoapi.Report
		acc mastoapi.AdminAccount
		err error
	)
	switch a.Kind {
	case KindAssign:
		r, err = c.AssignToSelf(ctx, a.ReportID)
	case KindUnassign:
		r, err = c.Unassign(ctx, a.ReportID)
	case KindResolve:
		r, err = c.Resolve(ctx, a.ReportID, a.Params.Comment)
	case KindReopen:
		r, err = c.Reopen(ctx, a.ReportID)
	case KindUpdateReport:
		r, err = c.UpdateReport(ctx, a.ReportID, a.Params.Category, a.Params.RuleIDs)
	case KindAccountAction:
		err = c.AccountAction(ctx, a.AccountID, mastoapi.AccountAction{Type: a.Params.ActionType,
			ReportID: a.ReportID, WarningPresetID: a.Params.WarningPresetID, Text: a.Params.Text,
			SendEmail: a.Params.SendEmail})
		if err != nil {
			return nil, err
		}
		return &Result{Note: "applied"}, nil
	case KindApprove:
		acc, err = c.Approve(ctx, a.AccountID)
	case KindReject:
		acc, err = c.Reject(ctx, a.AccountID)
	case KindEnable:
		acc, err = c.Enable(ctx, a.AccountID)
	case KindUnsilence:
		acc, err = c.Unsilence(ctx, a.AccountID)
	case KindUnsuspend:
		acc, err = c.Unsuspend(ctx, a.AccountID)
	case KindUnsensitive:
		acc, err = c.Unsensitive(ctx, a.AccountID)
	default:
		return nil, apperr.Errorf("outbox: apply", apperr.Invalid, "unknown kind %q", a.Kind)
	}
	if err != nil {
		return nil, err
	}
	if a.Kind.IsReportKind() {
		return &Result{Note: "applied", Report: &r}, nil
	}
	return &Result{Note: "applied", Account: &acc}, nil
}
