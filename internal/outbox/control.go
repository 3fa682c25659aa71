package outbox

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"steward/internal/apperr"
	"steward/internal/journal"
)

func parseID(id string) (uint64, error) { return strconv.ParseUint(id, 10, 64) }

// setLocked moves a to state s (mutate may change more fields), writes it
// (synced when durable) and keeps queues and job counters in step. o.mu must
// be held. It returns a copy for journal and subscribers.
func (o *Outbox) setLocked(a *Action, s State, durable bool, mutate func(*Action)) (Action, error) {
	prev := *a
	a.State = s
	a.UpdatedAt = o.opts.Now().UTC()
	if mutate != nil {
		mutate(a)
	}
	var err error
	if durable {
		err = o.col.PutDurable(key(a), *a)
	} else {
		err = o.col.Put(key(a), *a)
	}
	if err != nil {
		*a = prev
		return prev, fmt.Errorf("outbox: save action %s: %w", a.ID, err)
	}
	if s.Final() && !prev.State.Final() {
		q := o.queues[a.ServerID]
		if i := slices.Index(q, a.ID); i >= 0 {
			o.queues[a.ServerID] = slices.Delete(q, i, i+1)
		}
	}
	if a.JobID != "" && prev.State != s {
		o.jobFor(a.JobID, nil).move(prev.State, s)
	}
	return *a, nil
}

// after journals an end state and tells subscribers and job watchers.
func (o *Outbox) after(a Action) {
	switch a.State {
	case StateDone, StateFailed, StateConflict, StateDiscarded:
		o.record(a, string(a.State))
	}
	o.emit(a)
	if a.JobID != "" {
		o.notifyJob(a.JobID)
	}
}

func (o *Outbox) change(id, op string, allowed []State, s State, mutate func(*Action)) (Action, error) {
	o.mu.Lock()
	a, ok := o.actions[id]
	if !ok {
		o.mu.Unlock()
		return Action{}, apperr.E(op, apperr.NotFound, fmt.Errorf("action %s: %w", id, errNotFound))
	}
	if !slices.Contains(allowed, a.State) {
		st := a.State
		o.mu.Unlock()
		return Action{}, &apperr.Error{Op: op, Kind: apperr.Conflict, Extra: "state_" + string(st),
			Err: fmt.Errorf("action %s is %s", id, st)}
	}
	out, err := o.setLocked(a, s, true, mutate)
	if err == nil { // a discard may unblock later actions on the same subject
		o.ensureWorker(a.ServerID)
		if w := o.workers[a.ServerID]; w != nil {
			w.signal()
		}
	}
	o.mu.Unlock()
	if err != nil {
		return Action{}, err
	}
	o.after(out)
	return out, nil
}

// Retry puts a failed or conflicted action back in the queue.
func (o *Outbox) Retry(id string) (Action, error) {
	return o.change(id, "outbox: retry", []State{StateFailed, StateConflict}, StatePending, func(a *Action) {
		a.Attempts, a.LastError, a.Conflict, a.NextTry = 0, nil, nil, time.Time{}
	})
}

// Discard drops a pending, failed or conflicted action without sending it.
func (o *Outbox) Discard(id string) (Action, error) {
	return o.change(id, "outbox: discard", []State{StatePending, StateFailed, StateConflict}, StateDiscarded, nil)
}

// Resolution is the user's decision on a conflict.
type Resolution string

// The resolutions.
const (
	Overwrite Resolution = "overwrite" // apply our action anyway
	Drop      Resolution = "discard"   // keep what the server shows
)

// ResolveConflict settles a conflict: Overwrite re-queues the action so that
// it is applied even though another moderator acted (it is still not sent
// twice if we already applied it); Drop discards it.
func (o *Outbox) ResolveConflict(id string, r Resolution) (Action, error) {
	const op = "outbox: resolve conflict"
	switch r {
	case Overwrite:
		return o.change(id, op, []State{StateConflict}, StatePending, func(a *Action) {
			a.Force, a.Conflict, a.LastError = true, nil, nil
		})
	case Drop:
		return o.change(id, op, []State{StateConflict}, StateDiscarded, nil)
	}
	return Action{}, apperr.Errorf(op, apperr.Invalid, "unknown resolution %q", r)
}

// record writes a journal entry for a.
func (o *Outbox) record(a Action, result string) {
	if o.opts.Journal == nil {
		return
	}
	o.mu.Lock()
	id := o.idents[a.ServerID]
	o.mu.Unlock()
	e := journal.Entry{Time: a.UpdatedAt, OSUser: a.Actor, ServerID: a.ServerID, ServerDomain: id.Domain,
		ActorAccount: id.Acct, Action: string(a.Kind), ActionID: a.ID,
		Target: journal.Target{ReportID: a.ReportID, AccountID: a.AccountID, Acct: a.Acct},
		Params: journal.Params{Category: a.Params.Category, RuleIDs: a.Params.RuleIDs, Type: a.Params.ActionType,
			Text: a.Params.Text, WarningPresetID: a.Params.WarningPresetID, Comment: a.Params.Comment,
			SendEmail: a.Params.SendEmail},
		Result: journal.Result{State: result}}
	if a.LastError != nil && result != journal.ResultDone {
		e.Result.ErrorKind, e.Result.ErrorMessage = a.LastError.Kind, a.LastError.ServerMessage
		if e.Result.ErrorMessage == "" {
			e.Result.ErrorMessage = a.LastError.Detail
		}
	}
	if a.Conflict != nil {
		e.Result.ErrorKind = string(apperr.Conflict)
		e.Result.ErrorMessage = a.Conflict.Reason
		if a.Conflict.ByAcct != "" {
			e.Result.ErrorMessage += " by " + a.Conflict.ByAcct
		}
	}
	// A journal failure must not lose the action; the outbox itself is durable.
	_, _ = o.opts.Journal.Append(e)
}
