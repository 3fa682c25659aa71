// Package outbox is Steward's durable queue of moderation actions.
//
// An action is written to Badger and synced to disk before Enqueue returns:
// that write is the acknowledgement the UI may show as "queued". One worker
// per server applies the server's actions in id order; servers are
// independent of each other.
//
// Life of an action:
//
//	pending ──► applying ──► done
//	   ▲            │  └────► failed ──(Retry)──► pending
//	   │            └───────► conflict ──(ResolveConflict Overwrite)──► pending
//	   └── server unreachable / 429 / 5xx: stays pending, retried with backoff
//	pending | failed | conflict ──(Discard, job cancel)──► discarded
//
// Exactly once: before an action is sent — and always before one that was
// "applying" when the process died is looked at again — the worker reads the
// target's current state from the server. If the desired end state already
// holds and we caused it (action_taken_by is our account), the action is done
// without a second request; if another moderator caused it, the action goes
// to "conflict" with what the server shows, for the user to decide. Account
// actions compare the account's flags (suspended, silenced, …). An action
// whose effect cannot be read back (a warning, type "none") that was
// "applying" at a crash is never re-sent blindly: it becomes a conflict with
// detail "unverifiable_after_crash".
//
// Ordering: a worker takes the lowest-id runnable action of its server.
// While the server is unreachable or rate limited the whole server waits
// (later actions would fail the same way). An action that failed or is in
// conflict blocks later actions on the same subject — the same report for
// report actions, the same account (and its report, if given) for account
// actions — until it is retried, resolved or discarded; actions on other
// subjects proceed.
package outbox

import (
	"fmt"
	"strconv"
	"time"

	"steward/internal/mastoapi"
)

// Kind is what an action does.
type Kind string

// The action kinds.
const (
	KindAssign        Kind = "assign"
	KindUnassign      Kind = "unassign"
	KindResolve       Kind = "resolve"
	KindReopen        Kind = "reopen"
	KindUpdateReport  Kind = "update_report"
	KindAccountAction Kind = "account_action"
	KindApprove       Kind = "approve"
	KindReject        Kind = "reject"
	KindEnable        Kind = "enable"
	KindUnsilence     Kind = "unsilence"
	KindUnsuspend     Kind = "unsuspend"
	KindUnsensitive   Kind = "unsensitive"
)

// IsReportKind reports whether k acts on a report (ReportID required).
func (k Kind) IsReportKind() bool {
	switch k {
	case KindAssign, KindUnassign, KindResolve, KindReopen, KindUpdateReport:
		return true
	}
	return false
}

// IsAccountKind reports whether k acts on an account (AccountID required).
func (k Kind) IsAccountKind() bool {
	switch k {
	case KindAccountAction, KindApprove, KindReject, KindEnable, KindUnsilence, KindUnsuspend, KindUnsensitive:
		return true
	}
	return false
}

// State is where an action is in its life.
type State string

// The states.
const (
	StatePending   State = "pending"
	StateApplying  State = "applying"
	StateDone      State = "done"
	StateFailed    State = "failed"
	StateConflict  State = "conflict"
	StateDiscarded State = "discarded"
)

// Final reports whether s is an end state.
func (s State) Final() bool { return s == StateDone || s == StateDiscarded }

// Params are the kind-specific parameters.
type Params struct {
	Category        string   `json:"category,omitempty"`          // update_report
	RuleIDs         []string `json:"rule_ids,omitempty"`          // update_report
	ActionType      string   `json:"action_type,omitempty"`       // account_action: none|sensitive|disable|silence|suspend
	Text            string   `json:"text,omitempty"`              // account_action
	WarningPresetID string   `json:"warning_preset_id,omitempty"` // account_action
	Comment         string   `json:"comment,omitempty"`           // resolve: action_taken_comment
	SendEmail       bool     `json:"send_email"`                  // account_action: always sent explicitly
}

// ErrorInfo is the last error an action met.
type ErrorInfo struct {
	Kind          string    `json:"kind"`   // apperr.Kind
	Detail        string    `json:"detail"` // machine-readable detail
	ServerMessage string    `json:"server_message,omitempty"`
	Status        int       `json:"status,omitempty"` // HTTP status, when the server answered
	At            time.Time `json:"at"`
}

// ConflictInfo is what the server showed when an action met a conflict.
type ConflictInfo struct {
	Reason  string    `json:"reason"` // resolved_by_other, assigned_to_other, unverifiable_after_crash
	ByID    string    `json:"by_id,omitempty"`
	ByAcct  string    `json:"by_acct,omitempty"`
	At      time.Time `json:"at,omitzero"`
	Current string    `json:"current,omitempty"` // a short description of the server state
}

// Result is what an applied action produced.
type Result struct {
	Note    string                 `json:"note,omitempty"` // e.g. "already_applied"
	Report  *mastoapi.Report       `json:"report,omitempty"`
	Account *mastoapi.AdminAccount `json:"account,omitempty"`
}

// Action is one queued moderation action.
type Action struct {
	ID        string        `json:"id"` // 20 digits, monotonic: byte order is creation order
	ServerID  string        `json:"server_id"`
	Kind      Kind          `json:"kind"`
	ReportID  string        `json:"report_id,omitempty"`
	AccountID string        `json:"account_id,omitempty"`
	Acct      string        `json:"acct,omitempty"` // target acct, for display and the journal
	Params    Params        `json:"params"`
	JobID     string        `json:"job_id,omitempty"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
	Actor     string        `json:"actor"` // OS user
	State     State         `json:"state"`
	Attempts  int           `json:"attempts"`
	Force     bool          `json:"force,omitempty"` // set by ResolveConflict(Overwrite)
	NextTry   time.Time     `json:"next_try,omitzero"`
	LastError *ErrorInfo    `json:"last_error,omitempty"`
	Conflict  *ConflictInfo `json:"conflict,omitempty"`
	Result    *Result       `json:"result,omitempty"`
}

// subjects are the keys an action is ordered by (see the package doc).
func (a *Action) subjects() []string {
	if a.Kind.IsReportKind() {
		return []string{"r/" + a.ReportID}
	}
	s := []string{"a/" + a.AccountID}
	if a.ReportID != "" {
		s = append(s, "r/"+a.ReportID)
	}
	return s
}

func (a *Action) validate() error {
	if a.ServerID == "" {
		return fmt.Errorf("no server id")
	}
	switch {
	case a.Kind.IsReportKind():
		if a.ReportID == "" {
			return fmt.Errorf("%s needs a report id", a.Kind)
		}
	case a.Kind.IsAccountKind():
		if a.AccountID == "" {
			return fmt.Errorf("%s needs an account id", a.Kind)
		}
		if a.Kind == KindAccountAction && a.Params.ActionType == "" {
			return fmt.Errorf("account_action needs an action type")
		}
	default:
		return fmt.Errorf("unknown action kind %q", a.Kind)
	}
	return nil
}

// padded formats a sequence number as a 20-digit id.
func padded(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for len(s) < 20 {
		s = "0" + s
	}
	return s
}
