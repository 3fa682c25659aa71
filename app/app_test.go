package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/jobs"
	"steward/internal/servers"
)

type fakeServers struct {
	list  []servers.Status
	err   error
	syncs int
}

func (f *fakeServers) List() ([]servers.Status, error)     { return f.list, f.err }
func (f *fakeServers) SyncAllInBackground(context.Context) { f.syncs++ }
func (f *fakeServers) Sync(context.Context, string) error  { f.syncs++; return f.err }
func (f *fakeServers) Remove(context.Context, string) (servers.RemoveResult, error) {
	return servers.RemoveResult{Revoked: true}, f.err
}
func (f *fakeServers) Onboard(ctx context.Context, c servers.Connector, req servers.ConnectRequest, progress func(string)) (string, error) {
	conn, err := c.Connect(ctx, req.Input, progress)
	if err != nil {
		return "", err
	}
	return conn.Domain, nil
}

func TestServersListMapsStates(t *testing.T) {
	last := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	f := &fakeServers{list: []servers.Status{
		{Server: servers.Server{ID: "a", Name: "A", Hosting: servers.SelfRun}, Software: "mastodon", Version: "4.3.2", OpenReports: 7, Synced: true, LastSync: last},
		{Server: servers.Server{ID: "b", Hosting: servers.Managed, Provider: "P"}, Syncing: true},
		{Server: servers.Server{ID: "c"}, ErrorKind: "unavailable", ErrorDetail: "html_page", Synced: true, LastSync: last},
		{Server: servers.Server{ID: "d"}},
	}}
	got, err := NewServers(context.Background(), f, jobs.New(nil), nil).List()
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ state, software, lastSync string }{
		{"idle", "mastodon", "2026-11-25T10:00:00Z"},
		{"syncing", "unknown", ""},
		{"error", "unknown", "2026-11-25T10:00:00Z"},
		{"never", "unknown", ""},
	}
	for i, w := range want {
		if got[i].State != w.state || got[i].Software != w.software || got[i].LastSync != w.lastSync {
			t.Errorf("row %d = %+v, want %+v", i, got[i], w)
		}
	}
	if got[0].OpenReports != 7 || got[1].Hosting != "managed" || got[1].Provider != "P" || got[2].ErrorDetail != "html_page" {
		t.Errorf("fields not carried over: %+v", got)
	}
}

func TestServersListPassesErrorsThrough(t *testing.T) {
	f := &fakeServers{err: apperr.E("store: count", apperr.Internal, errors.New("disk"))}
	if _, err := NewServers(context.Background(), f, jobs.New(nil), nil).List(); !apperr.Is(err, apperr.Internal) {
		t.Fatalf("err = %v", err)
	}
}

func TestRefreshStartsSync(t *testing.T) {
	f := &fakeServers{}
	if err := NewServers(context.Background(), f, jobs.New(nil), nil).Refresh(); err != nil || f.syncs != 1 {
		t.Fatalf("err %v syncs %d", err, f.syncs)
	}
}

func TestFormatErrorGivesKindsNotMessages(t *testing.T) {
	cause := &apperr.Error{Op: "mastoapi: list reports", Kind: apperr.Unavailable, Extra: "bad_json", Err: errors.New("unexpected EOF")}
	wrapped := fmt.Errorf("sync: server a: %w", cause)
	got, ok := FormatError(wrapped).(ErrorPayload)
	if !ok || got.Kind != "unavailable" || got.Detail != "bad_json" || got.Op != "mastoapi: list reports" {
		t.Fatalf("FormatError = %#v", got)
	}
	plain, _ := FormatError(errors.New("boom")).(ErrorPayload)
	if plain.Kind != "internal" {
		t.Fatalf("an untyped error must be internal, got %#v", plain)
	}
	if FormatError(nil) != nil {
		t.Fatal("nil stays nil")
	}
}

func TestAboutInfo(t *testing.T) {
	info, err := NewAbout(AppInfo{Version: "1", Demo: true}).Info()
	if err != nil || !info.Demo || info.Version != "1" {
		t.Fatalf("%+v %v", info, err)
	}
}

type connectorFunc func(ctx context.Context, input string, progress func(string)) (servers.Connection, error)

func (f connectorFunc) Connect(ctx context.Context, input string, progress func(string)) (servers.Connection, error) {
	return f(ctx, input, progress)
}

func TestConnectRunsAsAJob(t *testing.T) {
	jm := jobs.New(nil)
	c := connectorFunc(func(ctx context.Context, input string, progress func(string)) (servers.Connection, error) {
		progress("waiting_for_browser")
		if input == "deny.example" {
			return servers.Connection{}, &apperr.Error{Op: "oauth", Kind: apperr.Forbidden, Extra: "denied", Err: errors.New("denied")}
		}
		return servers.Connection{Domain: input}, nil
	})
	s := NewServers(context.Background(), &fakeServers{}, jm, c)
	id, err := s.Connect(ConnectRequest{Input: "ok.example", Hosting: "managed"})
	if err != nil {
		t.Fatal(err)
	}
	p := jm.Wait(id)
	if p.State != "done" || p.Result != "ok.example" {
		t.Fatalf("%+v", p)
	}
	id, _ = s.Connect(ConnectRequest{Input: "deny.example"})
	view, _ := NewJobs(jm).Get(id)
	jm.Wait(id)
	view, _ = NewJobs(jm).Get(id)
	if view.State != "failed" || view.ErrorKind != "forbidden" || view.ErrorDetail != "denied" {
		t.Fatalf("%+v", view)
	}
	if _, err := s.Connect(ConnectRequest{Input: "  "}); apperr.DetailOf(err) != "empty" {
		t.Fatal(err)
	}
	demo := NewServers(context.Background(), &fakeServers{}, jm, nil)
	if _, err := demo.Connect(ConnectRequest{Input: "x.example"}); apperr.DetailOf(err) != "demo_mode" {
		t.Fatal(err)
	}
}

func TestReauthState(t *testing.T) {
	f := &fakeServers{list: []servers.Status{{Server: servers.Server{ID: "a"}, ErrorKind: "unauthorized", Synced: true}}}
	got, _ := NewServers(context.Background(), f, jobs.New(nil), nil).List()
	if got[0].State != "reauth" {
		t.Fatalf("%+v", got[0])
	}
}

func TestMarkIsSanitisedAndTimed(t *testing.T) {
	var buf strings.Builder
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := NewAboutWithMarks(AppInfo{}, start, &buf)
	a.now = func() time.Time { return start.Add(1500 * time.Millisecond) }
	if err := a.Mark("Queue-Painted\n<script>"); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "steward: mark queue-paintedscript 1500 ms\n" {
		t.Fatalf("%q", got)
	}
}
