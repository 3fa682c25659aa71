// Package journal is the append-only local record of every action taken
// through Steward: who (OS user and server account) did what to which report
// or account on which server, with which parameters (including whether the
// user was e-mailed), and how it ended.
//
// Entries live in the Badger collection "journal" under keys
// "<unix nanos, 20 digits>-<sequence, 10 digits>", so byte order is time
// order. There is no update or delete: a state change (queued → done) is a
// new entry. Keys do not start with a server id, so removing a server
// (store.PurgeServer) keeps its journal: it is an audit record.
package journal

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"steward/internal/apperr"
	"steward/internal/store"
)

// Result values an entry may carry.
const (
	ResultQueued    = "queued"
	ResultDone      = "done"
	ResultFailed    = "failed"
	ResultConflict  = "conflict"
	ResultDiscarded = "discarded"
)

// Target is what an action was aimed at.
type Target struct {
	ReportID  string `json:"report_id,omitempty"`
	AccountID string `json:"account_id,omitempty"`
	Acct      string `json:"acct,omitempty"`
}

// Params are the parameters of an action as the journal keeps them.
type Params struct {
	Category        string   `json:"category,omitempty"`
	RuleIDs         []string `json:"rule_ids,omitempty"`
	Type            string   `json:"type,omitempty"` // account action type
	Text            string   `json:"text,omitempty"`
	WarningPresetID string   `json:"warning_preset_id,omitempty"`
	Comment         string   `json:"comment,omitempty"`
	SendEmail       bool     `json:"send_email"`
}

// Result is how an action ended (or "queued").
type Result struct {
	State        string `json:"state"`
	ErrorKind    string `json:"error_kind,omitempty"`
	ErrorMessage string `json:"error_message,omitempty"`
}

// Entry is one journal line.
type Entry struct {
	ID           string    `json:"id"` // the key, assigned by Append
	Time         time.Time `json:"time"`
	OSUser       string    `json:"os_user"`
	ServerID     string    `json:"server_id"`
	ServerDomain string    `json:"server_domain"`
	ActorAccount string    `json:"actor_account"` // the acct that acted on the server
	Target       Target    `json:"target"`
	Action       string    `json:"action"`
	ActionID     string    `json:"action_id,omitempty"` // the outbox action it records
	Params       Params    `json:"params"`
	Result       Result    `json:"result"`
}

// Journal appends and queries entries. It is safe for concurrent use.
type Journal struct {
	col store.Collection[Entry]
	now func() time.Time

	mu      sync.Mutex
	lastKey string
	seq     uint32
}

// New returns the journal stored in db; now may be nil (time.Now).
func New(db *store.DB, now func() time.Time) *Journal {
	if now == nil {
		now = time.Now
	}
	return &Journal{col: store.NewCollection[Entry](db, "journal"), now: now}
}

// Append records e and returns it with its ID (and Time, when it was zero).
// The entry is written once and never changed.
func (j *Journal) Append(e Entry) (Entry, error) {
	j.mu.Lock()
	if e.Time.IsZero() {
		e.Time = j.now()
	}
	e.Time = e.Time.UTC()
	stamp := fmt.Sprintf("%020d", e.Time.UnixNano())
	j.seq++
	e.ID = fmt.Sprintf("%s-%010d", stamp, j.seq)
	if e.ID <= j.lastKey { // a clock step back: keep keys increasing
		e.ID = j.lastKey[:20] + fmt.Sprintf("-%010d", j.seq)
	}
	j.lastKey = e.ID
	j.mu.Unlock()
	if err := j.col.Put(e.ID, e); err != nil {
		return e, fmt.Errorf("journal: append: %w", err)
	}
	return e, nil
}

// Filter selects entries. Zero fields match everything.
type Filter struct {
	Servers []string  // server ids
	Account string    // target account id or acct (case-insensitive)
	Actions []string  // action names
	Results []string  // result states
	Since   time.Time // inclusive
	Until   time.Time // exclusive
	Text    string    // case-insensitive substring of target, actor, params text, error
	Offset  int
	Limit   int // 0: 100; at most 1000
}

// Page is one page of entries, newest first.
type Page struct {
	Total   int     `json:"total"`
	Entries []Entry `json:"entries"`
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func (f Filter) match(e *Entry, text string) bool {
	if len(f.Servers) > 0 && !contains(f.Servers, e.ServerID) {
		return false
	}
	if len(f.Actions) > 0 && !contains(f.Actions, e.Action) {
		return false
	}
	if len(f.Results) > 0 && !contains(f.Results, e.Result.State) {
		return false
	}
	if !f.Since.IsZero() && e.Time.Before(f.Since) {
		return false
	}
	if !f.Until.IsZero() && !e.Time.Before(f.Until) {
		return false
	}
	if f.Account != "" && e.Target.AccountID != f.Account && !strings.EqualFold(e.Target.Acct, f.Account) {
		return false
	}
	if text != "" {
		hay := strings.ToLower(strings.Join([]string{e.Target.ReportID, e.Target.AccountID, e.Target.Acct,
			e.ActorAccount, e.OSUser, e.ServerDomain, e.Action, e.Params.Text, e.Params.Comment,
			e.Params.Category, e.Params.Type, e.Result.ErrorMessage}, "\n"))
		if !strings.Contains(hay, text) {
			return false
		}
	}
	return true
}

// all returns every matching entry, newest first.
func (j *Journal) all(f Filter) ([]Entry, error) {
	text := strings.ToLower(strings.TrimSpace(f.Text))
	var out []Entry
	err := j.col.Each("", func(_ string, e Entry) error {
		if f.match(&e, text) {
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("journal: query: %w", err)
	}
	for i, k := 0, len(out)-1; i < k; i, k = i+1, k-1 {
		out[i], out[k] = out[k], out[i]
	}
	return out, nil
}

// Query returns one page of matching entries, newest first.
func (j *Journal) Query(f Filter) (Page, error) {
	if f.Offset < 0 {
		return Page{}, apperr.Errorf("journal: query", apperr.Invalid, "negative offset")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	all, err := j.all(f)
	if err != nil {
		return Page{}, err
	}
	p := Page{Total: len(all), Entries: []Entry{}}
	if f.Offset < len(all) {
		p.Entries = all[f.Offset:min(len(all), f.Offset+limit)]
	}
	return p, nil
}
