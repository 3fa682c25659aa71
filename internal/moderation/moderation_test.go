package moderation

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/outbox"
	"steward/internal/store"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func acc(id, domain string) mastoapi.AdminAccount {
	a := mastoapi.AdminAccount{ID: id, Username: "u" + id}
	a.Account.Acct = "u" + id
	if domain != "" {
		a.Domain = &domain
		a.Account.Acct += "@" + domain
	}
	return a
}

type spec struct {
	id, cat, target, tdom, rdom, assigned, comment, post string
	age                                                  time.Duration
	rules                                                []string
}

func (s spec) report() mastoapi.Report {
	r := mastoapi.Report{ID: s.id, Category: s.cat, Comment: s.comment, CreatedAt: now.Add(-s.age),
		TargetAccount: acc(s.target, s.tdom), Account: acc("50"+s.id, s.rdom)}
	if s.assigned != "" {
		a := acc(s.assigned, "")
		r.AssignedAccount = &a
	}
	for _, id := range s.rules {
		r.Rules = append(r.Rules, mastoapi.Rule{ID: id})
	}
	if s.post != "" {
		r.Statuses = []mastoapi.Status{{ID: "9" + s.id, Content: s.post}}
	}
	return r
}

var serverA = []spec{
	{id: "1", cat: "spam", target: "10", tdom: "spam.example.net", comment: "Buy cheap <b>pills</b>", age: time.Hour},
	{id: "2", cat: "spam", target: "10", tdom: "spam.example.net", rdom: "x.example", assigned: "1", age: 2 * time.Hour},
	{id: "3", cat: "spam", target: "10", tdom: "spam.example.net", age: 72 * time.Hour},
	{id: "4", cat: "violation", target: "11", assigned: "2", post: "<p>I hate &amp; <em>threaten</em></p>", age: 5 * time.Hour, rules: []string{"2"}},
	{id: "5", cat: "legal", target: "12", tdom: "fedi.example.com", age: 240 * time.Hour},
}

var serverB = []spec{
	{id: "6", cat: "other", target: "10", tdom: "spam.example.net", age: 30 * time.Minute},
	{id: "7", cat: "other", target: "20", comment: "Harassment in DMs", age: 480 * time.Hour},
}

func fixedServers() []ServerConfig {
	return []ServerConfig{
		{ID: "a", Domain: "a.example", SelfAccountID: "1", Caps: ServerCaps{Assign: true, Reopen: true, Update: true,
			AccountActions: []string{"none", "sensitive", "disable", "silence", "suspend"},
			AccountUndo:    []string{"approve", "reject", "enable", "unsilence", "unsuspend", "unsensitive"}}},
		{ID: "b", Domain: "b.example", SelfAccountID: "1", Caps: ServerCaps{AccountActions: []string{"suspend"},
			AccountUndo: []string{"approve", "reject"}, IrreversibleSuspend: true}},
	}
}

type fakeOutbox struct{ got []outbox.Action }

func (f *fakeOutbox) Enqueue(a outbox.Action) (outbox.Action, error) {
	a.ID, a.State = strconv.Itoa(len(f.got)+1), outbox.StatePending
	f.got = append(f.got, a)
	return a, nil
}

func (f *fakeOutbox) EnqueueBulk(as []outbox.Action, _ func(outbox.JobProgress)) (string, error) {
	for _, a := range as {
		f.Enqueue(a)
	}
	return "job-1", nil
}

func fixture(t *testing.T) (*Queue, *fakeOutbox) {
	t.Helper()
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	put := func(server string, specs []spec, resolved ...string) {
		var all, open []mastoapi.Report
		for _, s := range specs {
			all = append(all, s.report())
			if !slices.Contains(resolved, s.id) {
				open = append(open, s.report())
			}
		}
		if err := db.ReplaceOpenReports(server, all); err != nil {
			t.Fatal(err)
		}
		if err := db.ReplaceOpenReports(server, open); err != nil {
			t.Fatal(err)
		}
	}
	put("a", serverA, "3")
	put("b", serverB)
	ob := &fakeOutbox{}
	q := New(db, ob, fixedServers(), func() time.Time { return now })
	if err := q.Load(); err != nil {
		t.Fatal(err)
	}
	return q, ob
}

func ids(rows []Row) []string {
	out := []string{}
	for _, r := range rows {
		out = append(out, r.ReportID)
	}
	return out
}

func TestQueryFiltersAndSorts(t *testing.T) {
	q, _ := fixture(t)
	cases := []struct {
		name string
		q    Query
		want []string
	}{
		{"default open newest", Query{}, []string{"6", "1", "2", "4", "5", "7"}},
		{"server a", Query{Servers: []string{"a"}}, []string{"1", "2", "4", "5"}},
		{"resolved", Query{Status: "resolved"}, []string{"3"}},
		{"all", Query{Status: "all", Servers: []string{"a"}}, []string{"1", "2", "4", "3", "5"}},
		{"assigned to me", Query{Assigned: "me"}, []string{"2"}},
		{"unassigned", Query{Assigned: "unassigned"}, []string{"6", "1", "5", "7"}},
		{"others", Query{Assigned: "others"}, []string{"4"}},
		{"spam", Query{Categories: []string{"spam"}}, []string{"1", "2"}},
		{"violation or legal", Query{Categories: []string{"violation", "legal"}}, []string{"4", "5"}},
		{"rule 2", Query{RuleID: "2"}, []string{"4"}},
		{"unknown rule", Query{RuleID: "77"}, []string{}},
		{"reporter remote", Query{ReporterOrigin: "remote"}, []string{"2"}},
		{"target local", Query{TargetOrigin: "local"}, []string{"4", "7"}},
		{"target remote", Query{TargetOrigin: "remote"}, []string{"6", "1", "2", "5"}},
		{"target domain", Query{TargetDomain: "SPAM.example.net"}, []string{"6", "1", "2"}},
		{"local domain", Query{TargetDomain: "a.example"}, []string{"4"}},
		{"older than a day", Query{OlderThan: 24 * time.Hour}, []string{"5", "7"}},
		{"newer than 3h", Query{NewerThan: 3 * time.Hour}, []string{"6", "1", "2"}},
		{"text in comment", Query{Text: "PILLS"}, []string{"1"}},
		{"text in post, html stripped", Query{Text: "hate & threaten"}, []string{"4"}},
		{"text no tags", Query{Text: "<em>"}, []string{}},
		{"text case", Query{Text: "harassment"}, []string{"7"}},
		{"oldest", Query{Sort: "oldest"}, []string{"7", "5", "4", "2", "1", "6"}},
		{"group size", Query{Sort: "group_size"}, []string{"1", "2", "6", "4", "5", "7"}},
		{"combined", Query{Servers: []string{"a"}, Categories: []string{"spam"}, Assigned: "unassigned", Text: "cheap"}, []string{"1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := q.Query(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(res.Rows); !slices.Equal(got, tc.want) || res.Total != len(tc.want) {
				t.Fatalf("got %v (total %d), want %v", got, res.Total, tc.want)
			}
		})
	}
	for _, bad := range []Query{{Categories: []string{"nope"}}, {Status: "x"}, {Sort: "x"}, {Assigned: "x"}, {TargetOrigin: "x"}} {
		if _, err := q.Query(bad); err == nil {
			t.Errorf("query %+v accepted", bad)
		}
	}
}

func TestGroupingFacetsWindow(t *testing.T) {
	q, _ := fixture(t)
	res, _ := q.Query(Query{Grouped: true})
	if res.Total != 5 || res.Reports != 6 {
		t.Fatalf("grouped total %d reports %d", res.Total, res.Reports)
	}
	spam := res.Rows[1]
	if spam.Server != "a" || spam.TargetAccountID != "10" || spam.Count != 2 || !slices.Equal(spam.ReportIDs, []string{"1", "2"}) || spam.OpenAgainstTarget != 2 {
		t.Fatalf("spam group row %+v", spam)
	}
	all, _ := q.Query(Query{Grouped: true, Status: "all", Servers: []string{"a"}, Sort: "group_size"})
	if all.Rows[0].Count != 3 || len(all.Rows[0].ReportIDs) != 3 {
		t.Fatalf("grouped all: %+v", all.Rows[0])
	}
	win, _ := q.Query(Query{Grouped: true, Offset: 3, Limit: 1})
	if win.Total != 5 || len(win.Rows) != 1 || win.Rows[0].ReportID != "5" {
		t.Fatalf("grouped window %+v", win)
	}
	page, _ := q.Query(Query{Offset: 2, Limit: 2})
	if page.Total != 6 || !slices.Equal(ids(page.Rows), []string{"2", "4"}) {
		t.Fatalf("window %v total %d", ids(page.Rows), page.Total)
	}
	past, _ := q.Query(Query{Offset: 100})
	if past.Total != 6 || len(past.Rows) != 0 {
		t.Fatalf("past the end %+v", past)
	}
	// Facets count with every filter but their own.
	f, _ := q.Query(Query{Categories: []string{"spam"}})
	want := map[string]int{"spam": 2, "violation": 1, "legal": 1, "other": 2}
	for _, c := range f.Facets.Category {
		if want[c.Value] != c.Count {
			t.Fatalf("category facets %+v", f.Facets.Category)
		}
	}
	if f.Facets.Server[0] != (FacetCount{"a", 2}) || f.Facets.Server[1] != (FacetCount{"b", 0}) {
		t.Fatalf("server facets %+v", f.Facets.Server)
	}
	if f.Facets.Status[1] != (FacetCount{"resolved", 1}) || f.Facets.Assigned[1] != (FacetCount{"me", 1}) {
		t.Fatalf("status/assigned facets %+v %+v", f.Facets.Status, f.Facets.Assigned)
	}
}

func TestDetailApplyAndAccountEffects(t *testing.T) {
	q, _ := fixture(t)
	d, err := q.Report("a", "1")
	if err != nil {
		t.Fatal(err)
	}
	if d.Report.Comment != "Buy cheap <b>pills</b>" || d.OpenAgainstTarget != 2 || !slices.Equal(ids(d.Related), []string{"2", "3"}) {
		t.Fatalf("detail %+v", d)
	}
	if _, err := q.Report("a", "404"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("missing report: %v", err)
	}
	e, _ := q.DescribeAccountAction("a", "10", "suspend")
	if e.ResolvesReports != 2 || !e.Supported || e.Irreversible || e.UndoWith != "unsuspend" || e.EmailsUser {
		t.Fatalf("effects %+v", e)
	}
	if e, _ := q.DescribeAccountAction("b", "10", "suspend"); e.ResolvesReports != 1 || !e.Irreversible {
		t.Fatalf("gts effects %+v", e)
	}
	if e, _ := q.DescribeAccountAction("a", "10", "none"); e.ResolvesReports != 0 {
		t.Fatalf("warning effects %+v", e)
	}
	r := serverA[0].report()
	r.ActionTaken = true
	q.Apply("a", r)
	if res, _ := q.Query(Query{Servers: []string{"a"}}); !slices.Equal(ids(res.Rows), []string{"2", "4", "5"}) {
		t.Fatalf("after apply %v", ids(res.Rows))
	}
	q.OnAction(outbox.Action{ServerID: "a", Kind: outbox.KindAccountAction, AccountID: "11", State: outbox.StateDone,
		Params: outbox.Params{ActionType: "silence"}, Result: &outbox.Result{Note: "applied"}})
	if res, _ := q.Query(Query{Servers: []string{"a"}}); !slices.Equal(ids(res.Rows), []string{"2", "5"}) {
		t.Fatalf("after account action %v", ids(res.Rows))
	}
}

func TestTriageValidatesCapabilities(t *testing.T) {
	q, ob := fixture(t)
	for name, call := range map[string]func() (outbox.Action, error){
		"reopen": func() (outbox.Action, error) { return q.Reopen("b", "6") },
		"assign": func() (outbox.Action, error) { return q.Assign("b", "6") },
		"update": func() (outbox.Action, error) { return q.UpdateReport("b", "6", "spam", nil) },
		"silence": func() (outbox.Action, error) {
			return q.AccountAction("b", AccountActionRequest{AccountID: "20", Type: "silence"})
		},
		"unsuspend": func() (outbox.Action, error) { return q.AccountOp("b", "20", "unsuspend") },
	} {
		_, err := call()
		if !apperr.Is(err, apperr.Invalid) || apperr.DetailOf(err) != DetailUnsupported {
			t.Errorf("%s on GoToSocial: %v", name, err)
		}
	}
	if _, err := q.UpdateReport("a", "1", "spam", []string{"2"}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("rules without violation: %v", err)
	}
	if _, err := q.Resolve("zz", "1", ""); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("unknown server: %v", err)
	}
	if _, err := q.Assign("a", "1"); err != nil {
		t.Fatal(err)
	}
	if _, err := q.AccountAction("a", AccountActionRequest{AccountID: "10", Type: "suspend", ReportID: "1"}); err != nil {
		t.Fatal(err)
	}
	yes := true
	if _, err := q.AccountAction("a", AccountActionRequest{AccountID: "10", Type: "silence", SendEmail: &yes}); err != nil {
		t.Fatal(err)
	}
	if _, err := q.ResolveMany([]Ref{{"a", "1"}, {"a", "2"}}, "spam wave", nil); err != nil {
		t.Fatal(err)
	}
	if len(ob.got) != 5 || ob.got[0].Kind != outbox.KindAssign || ob.got[0].Acct != "u10@spam.example.net" {
		t.Fatalf("queued %+v", ob.got)
	}
	if ob.got[1].Params.SendEmail || !ob.got[2].Params.SendEmail || ob.got[1].Acct != "u10@spam.example.net" {
		t.Fatalf("send_email defaults: %+v / %+v", ob.got[1].Params, ob.got[2].Params)
	}
}
