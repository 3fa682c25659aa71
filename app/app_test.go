package app

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/servers"
)

type fakeServers struct {
	list  []servers.Status
	err   error
	syncs int
}

func (f *fakeServers) List() ([]servers.Status, error)     { return f.list, f.err }
func (f *fakeServers) SyncAllInBackground(context.Context) { f.syncs++ }

func TestServersListMapsStates(t *testing.T) {
	last := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	f := &fakeServers{list: []servers.Status{
		{Server: servers.Server{ID: "a", Name: "A", Hosting: servers.SelfRun}, Software: "mastodon", Version: "4.3.2", OpenReports: 7, Synced: true, LastSync: last},
		{Server: servers.Server{ID: "b", Hosting: servers.Managed, Provider: "P"}, Syncing: true},
		{Server: servers.Server{ID: "c"}, ErrorKind: "unavailable", ErrorDetail: "html_page", Synced: true, LastSync: last},
		{Server: servers.Server{ID: "d"}},
	}}
	got, err := NewServers(context.Background(), f).List()
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
	if _, err := NewServers(context.Background(), f).List(); !apperr.Is(err, apperr.Internal) {
		t.Fatalf("err = %v", err)
	}
}

func TestRefreshStartsSync(t *testing.T) {
	f := &fakeServers{}
	if err := NewServers(context.Background(), f).Refresh(); err != nil || f.syncs != 1 {
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
