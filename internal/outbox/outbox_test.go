package outbox

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/journal"
	"steward/internal/mastosim"
)

func TestOrderPerServerAndIndependentServers(t *testing.T) {
	a, b := newServer(t, "a", mastosim.FlavourMastodon, 30), newServer(t, "b", mastosim.FlavourMastodon, 30)
	e := openEnv(t, t.TempDir(), a, b)
	var mu sync.Mutex
	applied := map[string][]string{}
	e.ob.Subscribe(func(x Action) {
		if x.State == StateDone {
			mu.Lock()
			applied[x.ServerID] = append(applied[x.ServerID], x.ID)
			mu.Unlock()
		}
	})
	b.sim.SetFaults(mastosim.Faults{Down: true}) // b is down; a must not wait for it
	var ids []string
	for _, k := range []Kind{KindAssign, KindResolve, KindReopen, KindUnassign} {
		ids = append(ids, mustEnqueue(t, e.ob, Action{ServerID: "a", Kind: k, ReportID: "3"}).ID)
		mustEnqueue(t, e.ob, Action{ServerID: "b", Kind: k, ReportID: "3"})
	}
	upd := mustEnqueue(t, e.ob, Action{ServerID: "a", Kind: KindUpdateReport, ReportID: "3",
		Params: Params{Category: "violation", RuleIDs: []string{"1", "2"}}})
	ids = append(ids, upd.ID)
	done := e.waitState(t, upd.ID, StateDone)
	// Subscribers hear of an end state just after Get shows it.
	var got []string
	waitFor(t, "the subscriber to hear of all five", 5*time.Second, func() bool {
		mu.Lock()
		defer mu.Unlock()
		got = slices.Clone(applied["a"])
		return len(got) == len(ids)
	})
	if !slices.Equal(got, ids) {
		t.Fatalf("server a applied %v, want %v in order", got, ids)
	}
	if r := done.Result.Report; r == nil || r.Category != "violation" || len(r.Rules) != 2 || r.ActionTaken || r.AssignedAccount != nil {
		t.Fatalf("final report state %+v", done.Result.Report)
	}
	if n := len(e.ob.List(Filter{ServerID: "b", States: []State{StatePending}})); n != 4 {
		t.Fatalf("server b pending = %d, want 4", n)
	}
	b.sim.SetFaults(mastosim.Faults{})
	e.ob.Kick()
	waitFor(t, "server b to drain", 10*time.Second, func() bool {
		return len(e.ob.List(Filter{ServerID: "b", States: []State{StateDone}})) == 4
	})
}

// A crash between send and acknowledgement: the resolve reached the server
// but the action is still "applying" on disk. The restarted outbox reads the
// report, sees it resolved by us, and does not send again.
func TestIdempotentReplayAfterCrash(t *testing.T) {
	srv := newServer(t, "s", mastosim.FlavourMastodon, 20)
	dir := t.TempDir()
	e := openEnv(t, dir, srv)
	e.ob.Stop()
	e.ob.mu.Lock()
	a, err := e.ob.prepareLocked(Action{ServerID: "s", Kind: KindResolve, ReportID: "4"}, "")
	e.ob.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	a.State, a.Attempts = StateApplying, 1
	if err := e.ob.col.PutDurable(key(a), *a); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.client(t).Resolve(context.Background(), "4", ""); err != nil { // the request that got through
		t.Fatal(err)
	}
	e.close()

	e2 := openEnv(t, dir, srv)
	got := e2.waitState(t, a.ID, StateDone)
	if got.Result == nil || got.Result.Note != "already_applied" {
		t.Fatalf("result %+v, want already_applied", got.Result)
	}
	if n := srv.sim.Stats().ByPath[resolvePath]; n != 1 {
		t.Fatalf("resolve POSTs = %d, want exactly 1", n)
	}
}

func TestConflictOverwriteAndDiscard(t *testing.T) {
	srv := newServer(t, "s", mastosim.FlavourMastodon, 20)
	e := openEnv(t, t.TempDir(), srv)
	srv.sim.SetFaults(mastosim.Faults{Down: true})
	a1 := mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindResolve, ReportID: "5"})
	a2 := mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindResolve, ReportID: "6"})
	later := mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindUnassign, ReportID: "5"})
	for _, id := range []string{"5", "6"} {
		if err := srv.sim.ResolveReport(id); err != nil { // another moderator is faster
			t.Fatal(err)
		}
	}
	srv.sim.SetFaults(mastosim.Faults{})
	e.ob.Kick()
	c1 := e.waitState(t, a1.ID, StateConflict)
	e.waitState(t, a2.ID, StateConflict)
	if c1.Conflict == nil || c1.Conflict.Reason != "resolved_by_other" || c1.Conflict.ByAcct != "moderator" || c1.Conflict.At.IsZero() {
		t.Fatalf("conflict info %+v", c1.Conflict)
	}
	// The later action on the same report waits behind the conflict.
	time.Sleep(100 * time.Millisecond)
	if x, _ := e.ob.Get(later.ID); x.State != StatePending {
		t.Fatalf("action behind a conflict is %s, want pending", x.State)
	}
	if _, err := e.ob.ResolveConflict(a1.ID, Overwrite); err != nil {
		t.Fatal(err)
	}
	e.waitState(t, a1.ID, StateDone)
	if r := srv.report(t, "5"); r.ActionTakenBy == nil || r.ActionTakenBy.Username != "admin" {
		t.Fatalf("overwrite: report 5 taken by %+v, want admin", r.ActionTakenBy)
	}
	e.waitState(t, later.ID, StateDone)
	if _, err := e.ob.ResolveConflict(a2.ID, Drop); err != nil {
		t.Fatal(err)
	}
	e.waitState(t, a2.ID, StateDiscarded)
	if r := srv.report(t, "6"); r.ActionTakenBy == nil || r.ActionTakenBy.Username != "moderator" {
		t.Fatalf("discard: report 6 taken by %+v, want moderator", r.ActionTakenBy)
	}
	if n := srv.sim.Stats().ByPath[resolvePath]; n != 1 {
		t.Fatalf("resolve POSTs = %d, want 1 (the overwrite)", n)
	}
	if _, err := e.ob.ResolveConflict(a2.ID, Overwrite); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("resolving a discarded action: %v, want conflict kind", err)
	}
}

func TestOfflineThenBack(t *testing.T) {
	srv := newServer(t, "s", mastosim.FlavourMastodon, 20)
	e := openEnv(t, t.TempDir(), srv)
	srv.sim.SetFaults(mastosim.Faults{Down: true})
	var ids []string
	for _, r := range []string{"7", "8", "9"} {
		ids = append(ids, mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindResolve, ReportID: r}).ID)
	}
	time.Sleep(300 * time.Millisecond)
	for i, id := range ids {
		a, _ := e.ob.Get(id)
		if a.State != StatePending {
			t.Fatalf("while down: %+v", a)
		}
		// The server waits as a whole: the head action carries the error.
		if i == 0 && (a.LastError == nil || a.LastError.Kind != string(apperr.Unavailable) || a.NextTry.IsZero()) {
			t.Fatalf("head action while down: %+v", a)
		}
	}
	srv.sim.SetFaults(mastosim.Faults{})
	for _, id := range ids {
		e.waitState(t, id, StateDone)
	}
	if n := srv.sim.Stats().ByPath[resolvePath]; n != 3 {
		t.Fatalf("resolve POSTs = %d, want 3", n)
	}
}

func TestFailuresRetryDiscardAndBlocking(t *testing.T) {
	srv := newServer(t, "s", mastosim.FlavourMastodon, 20)
	ro := newServer(t, "ro", mastosim.FlavourMastodon, 20, "read", "admin:read")
	e := openEnv(t, t.TempDir(), srv, ro)

	forbidden := mustEnqueue(t, e.ob, Action{ServerID: "ro", Kind: KindResolve, ReportID: "2"})
	missing := mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindResolve, ReportID: "99999"})
	invalid := mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindUpdateReport, ReportID: "10", Params: Params{Category: "bogus"}})
	behind := mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindResolve, ReportID: "10"})
	other := mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindResolve, ReportID: "11"})
	cases := []struct {
		id     string
		kind   apperr.Kind
		status int
	}{{forbidden.ID, apperr.Forbidden, 403}, {missing.ID, apperr.NotFound, 404}, {invalid.ID, apperr.Invalid, 422}}
	for _, c := range cases {
		a := e.waitState(t, c.id, StateFailed)
		if a.LastError == nil || a.LastError.Kind != string(c.kind) || a.LastError.Status != c.status || a.LastError.ServerMessage == "" {
			t.Fatalf("failed action %s: %+v", c.id, a.LastError)
		}
	}
	e.waitState(t, other.ID, StateDone) // another report proceeds
	if a, _ := e.ob.Get(behind.ID); a.State != StatePending {
		t.Fatalf("action behind a failure: %s", a.State)
	}
	if _, err := e.ob.Discard(invalid.ID); err != nil {
		t.Fatal(err)
	}
	e.waitState(t, behind.ID, StateDone) // unblocked
	if _, err := e.ob.Retry(missing.ID); err != nil {
		t.Fatal(err)
	}
	e.waitState(t, missing.ID, StateFailed)
	// Retry after the token was fixed.
	tok, _ := ro.sim.IssueToken("admin", "read", "write", "admin:read", "admin:write")
	ro.token = tok
	if _, err := e.ob.Retry(forbidden.ID); err != nil {
		t.Fatal(err)
	}
	e.waitState(t, forbidden.ID, StateDone)
	if _, err := e.ob.Discard(forbidden.ID); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("discarding a done action: %v", err)
	}
	var entries journal.Page
	var err error
	waitFor(t, "the failures in the journal", 5*time.Second, func() bool {
		entries, err = e.j.Query(journal.Filter{Servers: []string{"s"}, Results: []string{journal.ResultFailed}})
		return err == nil && entries.Total >= 3
	})
	if err != nil || entries.Total < 3 {
		t.Fatalf("journal failed entries %d, %v", entries.Total, err)
	}
}

func TestServerErrorsFailAfterRetries(t *testing.T) {
	srv := newServer(t, "s", mastosim.FlavourMastodon, 20)
	e := openEnv(t, t.TempDir(), srv)
	srv.sim.SetFaults(mastosim.Faults{ErrorRate: 1, Status: 503})
	a := mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindResolve, ReportID: "3"})
	got := e.waitState(t, a.ID, StateFailed)
	if got.LastError.Kind != string(apperr.Unavailable) || got.Attempts < 2 {
		t.Fatalf("after 5xx: %+v attempts %d", got.LastError, got.Attempts)
	}
}

func TestSendEmailOnlyWhenAsked(t *testing.T) {
	srv := newServer(t, "s", mastosim.FlavourMastodon, 20)
	e := openEnv(t, t.TempDir(), srv)
	r := srv.report(t, "12")
	acc := r.TargetAccount.ID
	a := mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindAccountAction, AccountID: acc, ReportID: "12",
		Params: Params{ActionType: "none", Text: "first warning"}})
	e.waitState(t, a.ID, StateDone)
	b := mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindAccountAction, AccountID: acc,
		Params: Params{ActionType: "silence", SendEmail: true}})
	e.waitState(t, b.ID, StateDone)
	// Silencing again is already applied: no second POST.
	c := mustEnqueue(t, e.ob, Action{ServerID: "s", Kind: KindAccountAction, AccountID: acc, Params: Params{ActionType: "silence"}})
	if got := e.waitState(t, c.ID, StateDone); got.Result.Note != "already_applied" {
		t.Fatalf("repeat silence: %+v", got.Result)
	}
	acts := srv.sim.Actions()
	if len(acts) != 2 || acts[0].SendEmail || acts[0].Type != "none" || !acts[1].SendEmail || acts[1].Type != "silence" {
		t.Fatalf("simulator recorded %+v", acts)
	}
	// The journal entry of an end state is written just after the state
	// becomes visible through Get (subscribers hear of it only after).
	var ents journal.Page
	waitFor(t, "three journal entries", 5*time.Second, func() bool {
		ents, _ = e.j.Query(journal.Filter{Actions: []string{"account_action"}, Results: []string{"done"}})
		return ents.Total == 3
	})
	if ents.Total != 3 || ents.Entries[1].Params.SendEmail != true || ents.Entries[2].Params.SendEmail {
		t.Fatalf("journal %+v", ents)
	}
}

func TestGoToSocialRepeatSuspend(t *testing.T) {
	srv := newServer(t, "g", mastosim.FlavourGoToSocial, 20)
	e := openEnv(t, t.TempDir(), srv)
	acc := srv.report(t, "3").TargetAccount.ID
	a := mustEnqueue(t, e.ob, Action{ServerID: "g", Kind: KindAccountAction, AccountID: acc, Params: Params{ActionType: "suspend"}})
	b := mustEnqueue(t, e.ob, Action{ServerID: "g", Kind: KindAccountAction, AccountID: acc, Params: Params{ActionType: "suspend"}})
	e.waitState(t, a.ID, StateDone)
	e.waitState(t, b.ID, StateDone)
	if n := len(srv.sim.Actions()); n != 1 {
		t.Fatalf("suspends recorded %d, want 1", n)
	}
	if err := srv.sim.ResolveReport("3"); err != nil {
		t.Fatal(err)
	}
	un := mustEnqueue(t, e.ob, Action{ServerID: "g", Kind: KindReopen, ReportID: "3"})
	if got := e.waitState(t, un.ID, StateFailed); got.LastError.Kind != string(apperr.NotFound) {
		t.Fatalf("reopen on GoToSocial: %+v", got.LastError)
	}
}

func TestBulkJobProgressAndCancel(t *testing.T) {
	srv := newServer(t, "s", mastosim.FlavourMastodon, 60)
	e := openEnv(t, t.TempDir(), srv)
	var mu sync.Mutex
	var last JobProgress
	var batch []Action
	for i := 1; i <= 20; i++ {
		batch = append(batch, Action{ServerID: "s", Kind: KindResolve, ReportID: itoa(i)})
	}
	job, err := e.ob.EnqueueBulk(batch, func(p JobProgress) { mu.Lock(); last = p; mu.Unlock() })
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "job to finish", 10*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return last.Finished })
	if last.Total != 20 || last.Done+last.Conflict != 20 {
		t.Fatalf("progress %+v", last)
	}
	srv.sim.SetFaults(mastosim.Faults{Down: true})
	batch = batch[:0]
	for i := 21; i <= 40; i++ {
		batch = append(batch, Action{ServerID: "s", Kind: KindResolve, ReportID: itoa(i)})
	}
	job2, err := e.ob.EnqueueBulk(batch, nil)
	if err != nil {
		t.Fatal(err)
	}
	n, err := e.ob.CancelJob(job2)
	if err != nil || n != 20 {
		t.Fatalf("cancel discarded %d, %v", n, err)
	}
	p, _ := e.ob.Job(job2)
	if !p.Finished || p.Discarded != 20 {
		t.Fatalf("cancelled job %+v", p)
	}
	if _, ok := e.ob.Job(job); !ok {
		t.Fatal("first job lost")
	}
}

func itoa(i int) string { return string(appendInt(nil, i)) }

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}
