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
