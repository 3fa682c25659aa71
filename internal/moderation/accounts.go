package moderation

import (
	"slices"

	"steward/internal/apperr"
	"steward/internal/outbox"
)

// AccountActionRequest is a moderation action on an account. SendEmail is
// a pointer on purpose: nil means "not asked", which is sent as false —
// Mastodon would otherwise e-mail the user by default.
type AccountActionRequest struct {
	AccountID       string `json:"accountId"`
	Type            string `json:"type"` // none, sensitive, disable, silence, suspend
	ReportID        string `json:"reportId"`
	Text            string `json:"text"`
	WarningPresetID string `json:"warningPresetId"`
	SendEmail       *bool  `json:"sendEmail"`
}

// Effects describe an account action's side effects for the confirmation dialog.
type Effects struct {
	Type            string   `json:"type"`
	Supported       bool     `json:"supported"`
	ResolvesReports int      `json:"resolvesReports"` // open reports on the account the server will resolve
	ReportIDs       []string `json:"reportIds"`
	EmailsUser      bool     `json:"emailsUser"` // only when the moderator opts in
	Irreversible    bool     `json:"irreversible"`
	UndoWith        string   `json:"undoWith"` // e.g. "unsuspend"; "" when there is none
}

var undoOf = map[string]string{"sensitive": "unsensitive", "disable": "enable", "silence": "unsilence", "suspend": "unsuspend"}

// DescribeAccountAction tells what an action would do, from the cache: any
// type but "none" resolves every open report on the account.
func (q *Queue) DescribeAccountAction(server, accountID, typ string) (Effects, error) {
	const op = "moderation: describe account action"
	cfg, err := q.server(op, server)
	if err != nil {
		return Effects{}, err
	}
	e := Effects{Type: typ, Supported: slices.Contains(cfg.Caps.AccountActions, typ), ReportIDs: []string{}}
	if typ != "none" {
		ix := q.snapshot()
		for i := range ix.hot {
			h := &ix.hot[i]
			if ix.servers[h.server] == server && h.flags&fResolved == 0 && ix.cold[i].src.targetID == accountID {
				e.ReportIDs = append(e.ReportIDs, ix.cold[i].src.id)
			}
		}
		e.ResolvesReports = len(e.ReportIDs)
	}
	if u := undoOf[typ]; u != "" && slices.Contains(cfg.Caps.AccountUndo, u) {
		e.UndoWith = u
	}
	e.Irreversible = typ == "suspend" && (cfg.Caps.IrreversibleSuspend || e.UndoWith == "")
	return e, nil
}

// AccountAction validates and queues an account action. Without an explicit
// SendEmail the user is not e-mailed.
func (q *Queue) AccountAction(server string, req AccountActionRequest) (outbox.Action, error) {
	const op = "moderation: account action"
	cfg, err := q.server(op, server)
	if err != nil {
		return outbox.Action{}, err
	}
	if req.AccountID == "" {
		return outbox.Action{}, apperr.Errorf(op, apperr.Invalid, "no account id")
	}
	if _, known := undoOf[req.Type]; !known && req.Type != "none" {
		return outbox.Action{}, &apperr.Error{Op: op, Kind: apperr.Invalid, Extra: "bad_action_type",
			Err: apperr.Errorf(op, apperr.Invalid, "unknown action type %q", req.Type)}
	}
	if !slices.Contains(cfg.Caps.AccountActions, req.Type) {
		return outbox.Action{}, unsupported(op, "the account action "+req.Type)
	}
	send := req.SendEmail != nil && *req.SendEmail
	a := outbox.Action{ServerID: server, Kind: outbox.KindAccountAction, AccountID: req.AccountID, ReportID: req.ReportID,
		Acct: q.acctOf(server, req.AccountID), Params: outbox.Params{ActionType: req.Type, Text: req.Text,
			WarningPresetID: req.WarningPresetID, SendEmail: send}}
	return q.enqueue(op, a)
}

var undoKinds = map[string]outbox.Kind{"approve": outbox.KindApprove, "reject": outbox.KindReject,
	"enable": outbox.KindEnable, "unsilence": outbox.KindUnsilence, "unsuspend": outbox.KindUnsuspend,
	"unsensitive": outbox.KindUnsensitive}

// AccountOp queues approve, reject, enable, unsilence, unsuspend or unsensitive.
func (q *Queue) AccountOp(server, accountID, opName string) (outbox.Action, error) {
	const op = "moderation: account op"
	cfg, err := q.server(op, server)
	if err != nil {
		return outbox.Action{}, err
	}
	k, ok := undoKinds[opName]
	if !ok {
		return outbox.Action{}, apperr.Errorf(op, apperr.Invalid, "unknown account operation %q", opName)
	}
	if !slices.Contains(cfg.Caps.AccountUndo, opName) {
		return outbox.Action{}, unsupported(op, opName)
	}
	return q.enqueue(op, outbox.Action{ServerID: server, Kind: k, AccountID: accountID, Acct: q.acctOf(server, accountID)})
}

func (q *Queue) acctOf(server, accountID string) string {
	ix := q.snapshot()
	for i := range ix.hot {
		if s := ix.cold[i].src; s.targetID == accountID && ix.servers[ix.hot[i].server] == server {
			return s.targetAcct
		}
	}
	return ""
}
