package mastoapi_test

import (
	"context"
	"testing"
	"time"

	"steward/internal/mastoapi"
	"steward/internal/mastosim"
)

func TestStreamNotifications(t *testing.T) {
	sim, c, _ := simClient(t, mastosim.Options{}, mastosim.SeedSpec{Seed: 1, Accounts: 10, Reports: 3})
	sim.SetStreamHeartbeat(50 * time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan mastoapi.Notification, 4)
	connected := make(chan struct{}, 4)
	done := make(chan error, 1)
	go func() {
		done <- c.StreamNotifications(ctx, mastoapi.StreamOptions{Heartbeat: 50 * time.Millisecond, MinBackoff: 20 * time.Millisecond,
			OnEvent: func(n mastoapi.Notification) { got <- n },
			OnState: func(s mastoapi.StreamState, _ error) {
				if s == mastoapi.StreamConnected {
					connected <- struct{}{}
				}
			}})
	}()
	<-connected
	time.Sleep(200 * time.Millisecond) // heartbeats keep it alive: no reconnect
	if len(connected) != 0 {
		t.Fatal("a heartbeating stream was reconnected")
	}
	if err := sim.PublishNotification(mastoapi.NotificationAdminReport, "2"); err != nil {
		t.Fatal(err)
	}
	n := <-got
	if n.Type != mastoapi.NotificationAdminReport || n.Report == nil || n.Report.ID != "2" {
		t.Fatalf("notification %+v", n)
	}
	sim.DropStreams()
	select {
	case <-connected:
	case <-time.After(2 * time.Second):
		t.Fatal("no reconnect after a drop")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("stream ended with %v", err)
	}
}

func TestStreamRefusals(t *testing.T) {
	sim, c, _ := simClient(t, mastosim.Options{}, mastosim.SeedSpec{Seed: 1})
	sim.SetStreamEnabled(false)
	err := c.StreamNotifications(context.Background(), mastoapi.StreamOptions{})
	if err == nil || !isKind(err, "not_found") {
		t.Fatalf("disabled stream: %v", err)
	}
	_, c2, _ := simClient(t, mastosim.Options{}, mastosim.SeedSpec{Seed: 1}, "admin:read")
	if err := c2.StreamNotifications(context.Background(), mastoapi.StreamOptions{}); !isKind(err, "forbidden") {
		t.Fatalf("no read scope: %v", err)
	}
}
