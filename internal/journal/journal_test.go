package journal

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"steward/internal/store"
)

func openJournal(t *testing.T) (*Journal, *time.Time) {
	t.Helper()
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return New(db, func() time.Time { return clock }), &clock
}

func TestAppendOnlyAndQuery(t *testing.T) {
	j, clock := openJournal(t)
	add := func(server, action, acct, result string) Entry {
		*clock = clock.Add(time.Minute)
		e, err := j.Append(Entry{OSUser: "ana", ServerID: server, ServerDomain: server + ".example", ActorAccount: "admin",
			Target: Target{ReportID: "1", AccountID: "10", Acct: acct}, Action: action, Result: Result{State: result}})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	first := add("a", "resolve", "spammer@x.example", ResultQueued)
	add("a", "resolve", "spammer@x.example", ResultDone)
	add("b", "account_action", "troll", ResultFailed)
	last := add("a", "assign", "Other@y.example", ResultConflict)
	if first.ID >= last.ID {
		t.Fatalf("ids not increasing: %s %s", first.ID, last.ID)
	}
	// The same second twice still gets distinct, ordered keys.
	e1, _ := j.Append(Entry{ServerID: "a", Action: "x", Time: *clock})
	e2, _ := j.Append(Entry{ServerID: "a", Action: "x", Time: *clock})
	if e1.ID >= e2.ID {
		t.Fatalf("same-time ids %s %s", e1.ID, e2.ID)
	}
	cases := []struct {
		name string
		f    Filter
		want int
	}{
		{"all", Filter{}, 6},
		{"server b", Filter{Servers: []string{"b"}}, 1},
		{"action", Filter{Actions: []string{"resolve"}}, 2},
		{"account acct case-insensitive", Filter{Account: "other@Y.example"}, 1},
		{"account id", Filter{Account: "10"}, 4},
		{"since", Filter{Since: first.Time.Add(time.Second)}, 5},
		{"until", Filter{Until: first.Time.Add(time.Second)}, 1},
		{"text", Filter{Text: "TROLL"}, 1},
		{"result", Filter{Results: []string{ResultDone, ResultFailed}}, 2},
	}
	for _, tc := range cases {
		p, err := j.Query(tc.f)
		if err != nil || p.Total != tc.want {
			t.Errorf("%s: total %d (%v), want %d", tc.name, p.Total, err, tc.want)
		}
	}
	p, _ := j.Query(Filter{Offset: 1, Limit: 2})
	if p.Total != 6 || len(p.Entries) != 2 || p.Entries[0].ID != e1.ID || p.Entries[1].ID != last.ID {
		t.Fatalf("newest-first paging: %+v", p)
	}
}

func TestCSVEscapingAndFormulaInjection(t *testing.T) {
	j, _ := openJournal(t)
	hostile := []string{"=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)", "a,b", "line\nbreak", `say "hi"`}
	for _, h := range hostile {
		if _, err := j.Append(Entry{ServerID: "a", Action: "account_action", Target: Target{Acct: h},
			Params: Params{Text: h, SendEmail: true}, Result: Result{State: ResultDone}}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := j.ExportCSV(&buf, Filter{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\r\n") {
		t.Fatal("RFC 4180 wants CRLF")
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(hostile)+1 || rows[0][0] != "time" {
		t.Fatalf("rows %d", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, h := range hostile { // newest first
		row := rows[len(hostile)-i]
		want := h
		if strings.ContainsAny(h[:1], "=+-@") {
			want = "'" + h
		}
		if row[col["target_acct"]] != want || row[col["text"]] != want || row[col["send_email"]] != "true" {
			t.Errorf("cell for %q: %q", h, row[col["target_acct"]])
		}
	}
}

func TestJSONExportRoundTrip(t *testing.T) {
	j, _ := openJournal(t)
	in, _ := j.Append(Entry{OSUser: "ana", ServerID: "a", ActorAccount: "admin", Action: "update_report",
		Target: Target{ReportID: "5"}, Params: Params{Category: "violation", RuleIDs: []string{"1", "3"}},
		Result: Result{State: ResultFailed, ErrorKind: "invalid", ErrorMessage: "Validation failed"}})
	var buf bytes.Buffer
	if err := j.ExportJSON(&buf, Filter{}); err != nil {
		t.Fatal(err)
	}
	var out []Entry
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].ID != in.ID || !out[0].Time.Equal(in.Time) || out[0].Params.RuleIDs[1] != "3" || out[0].Result != in.Result {
		t.Fatalf("round trip %+v vs %+v", out, in)
	}
	buf.Reset()
	_ = j.ExportJSON(&buf, Filter{Servers: []string{"none"}})
	if strings.TrimSpace(buf.String()) != "[]" {
		t.Fatalf("empty export %q", buf.String())
	}
}
