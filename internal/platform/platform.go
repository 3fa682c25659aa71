// Package platform is, besides main.go, the only place that imports the Wails
// runtime. Everything else talks to the Events interface, which has a test
// double (Recorder) that needs no window.
package platform

import (
	"context"
	"errors"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Events sends named events to the frontend.
type Events interface {
	Emit(name string, data ...any)
}

// Wails emits through the Wails runtime once the window's context is known.
// Before Attach (or after Detach) events are dropped: calling the runtime
// with any other context would end the process.
type Wails struct {
	mu  sync.RWMutex
	ctx context.Context
}

// NewWails returns an unattached emitter.
func NewWails() *Wails { return &Wails{} }

// Attach stores the context Wails passed to OnStartup.
func (w *Wails) Attach(ctx context.Context) {
	w.mu.Lock()
	w.ctx = ctx
	w.mu.Unlock()
}

// Detach forgets the context (OnShutdown).
func (w *Wails) Detach() {
	w.mu.Lock()
	w.ctx = nil
	w.mu.Unlock()
}

// Emit sends an event when attached.
func (w *Wails) Emit(name string, data ...any) {
	w.mu.RLock()
	ctx := w.ctx
	w.mu.RUnlock()
	if ctx == nil {
		return
	}
	runtime.EventsEmit(ctx, name, data...)
}

// Browser opens URLs in the system browser.
type Browser interface {
	OpenURL(url string) error
}

// OpenURL opens the system browser (the OAuth sign-in page). Without a
// window context it fails rather than calling the runtime.
func (w *Wails) OpenURL(url string) error {
	w.mu.RLock()
	ctx := w.ctx
	w.mu.RUnlock()
	if ctx == nil {
		return errNotAttached
	}
	runtime.BrowserOpenURL(ctx, url)
	return nil
}

var errNotAttached = errors.New("platform: the window is not up yet")

// Files asks the user where to save a file.
type Files interface {
	// SaveFile returns the chosen path, "" when the user cancelled.
	SaveFile(title, defaultName string) (string, error)
}

// SaveFile shows the native save dialog.
func (w *Wails) SaveFile(title, defaultName string) (string, error) {
	w.mu.RLock()
	ctx := w.ctx
	w.mu.RUnlock()
	if ctx == nil {
		return "", errNotAttached
	}
	return runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: defaultName})
}

// Recorder is the test double: it keeps every event.
type Recorder struct {
	mu     sync.Mutex
	events []Event
	// SavePath is what SaveFile answers ("" = the user cancelled).
	SavePath string
}

// Event is one recorded emission.
type Event struct {
	Name string
	Data []any
}

// Emit records the event.
func (r *Recorder) Emit(name string, data ...any) {
	r.mu.Lock()
	r.events = append(r.events, Event{Name: name, Data: data})
	r.mu.Unlock()
}

// Events returns a copy of what was recorded.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

// Count counts recorded events with the given name.
func (r *Recorder) Count(name string) int {
	n := 0
	for _, e := range r.Events() {
		if e.Name == name {
			n++
		}
	}
	return n
}

// OpenURL records the URL as an event named "browser:open".
func (r *Recorder) OpenURL(url string) error {
	r.Emit("browser:open", url)
	return nil
}

// SaveFile records the request and answers SavePath.
func (r *Recorder) SaveFile(title, defaultName string) (string, error) {
	r.Emit("dialog:save", defaultName)
	return r.SavePath, nil
}
