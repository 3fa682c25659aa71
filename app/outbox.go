package app

import (
	"steward/internal/outbox"
)

// OutboxService is what the Outbox facade needs from internal/outbox.
type OutboxService interface {
	List(f outbox.Filter) []outbox.Action
	Retry(id string) (outbox.Action, error)
	Discard(id string) (outbox.Action, error)
	ResolveConflict(id string, r outbox.Resolution) (outbox.Action, error)
	Kick()
}

// Outbox is the facade of the queued moderation actions.
type Outbox struct {
	o OutboxService
}

// NewOutbox returns the facade.
func NewOutbox(o OutboxService) *Outbox { return &Outbox{o: o} }

// List returns queued actions: states may be empty for all; limit 0 for all.
func (f *Outbox) List(server string, states []string, limit int) ([]ActionView, error) {
	flt := outbox.Filter{ServerID: server, Limit: limit}
	for _, s := range states {
		flt.States = append(flt.States, outbox.State(s))
	}
	list := f.o.List(flt)
	out := make([]ActionView, 0, len(list))
	for _, a := range list {
		out = append(out, ToActionView(a))
	}
	return out, nil
}

// Retry puts a failed action back in the queue.
func (f *Outbox) Retry(id string) (ActionView, error) { return actionResult(f.o.Retry(id)) }

// Discard drops a pending, failed or conflicted action.
func (f *Outbox) Discard(id string) (ActionView, error) { return actionResult(f.o.Discard(id)) }

// Overwrite applies a conflicted action anyway.
func (f *Outbox) Overwrite(id string) (ActionView, error) {
	return actionResult(f.o.ResolveConflict(id, outbox.Overwrite))
}

// RetryNow retries every waiting action at once (e.g. after the network is back).
func (f *Outbox) RetryNow() error {
	f.o.Kick()
	return nil
}

// ToActionView converts an action for the UI (and for outbox:changed events).
func ToActionView(a outbox.Action) ActionView {
	v := ActionView{ID: a.ID, Server: a.ServerID, Kind: string(a.Kind), ReportID: a.ReportID, AccountID: a.AccountID,
		Acct: a.Acct, State: string(a.State), CreatedAt: stamp(a.CreatedAt), UpdatedAt: stamp(a.UpdatedAt),
		Attempts: a.Attempts, JobID: a.JobID, ActionType: a.Params.ActionType, SendEmail: a.Params.SendEmail}
	if e := a.LastError; e != nil {
		v.ErrorKind, v.ErrorDetail, v.ServerMessage = e.Kind, e.Detail, e.ServerMessage
	}
	if c := a.Conflict; c != nil {
		v.ConflictWhy, v.ConflictBy, v.ConflictAt = c.Reason, c.ByAcct, stamp(c.At)
	}
	return v
}
