package platform

import "testing"

func TestRecorder(t *testing.T) {
	var r Recorder
	r.Emit("servers:changed")
	r.Emit("job:progress:1", 50)
	if r.Count("servers:changed") != 1 || len(r.Events()) != 2 || r.Events()[1].Data[0] != 50 {
		t.Fatalf("%+v", r.Events())
	}
}

func TestWailsEmitterDropsEventsWhenDetached(t *testing.T) {
	w := NewWails()
	w.Emit("servers:changed") // must not reach the Wails runtime without its context
	w.Detach()
	w.Emit("servers:changed")
}

var _ Events = (*Wails)(nil)
var _ Events = (*Recorder)(nil)

func TestOpenURLWithoutWindowFails(t *testing.T) {
	if err := NewWails().OpenURL("https://x.example"); err == nil {
		t.Fatal("must fail without a window")
	}
	var r Recorder
	_ = r.OpenURL("https://x.example")
	if r.Count("browser:open") != 1 {
		t.Fatal("recorded")
	}
}

var _ Browser = (*Wails)(nil)
var _ Browser = (*Recorder)(nil)
