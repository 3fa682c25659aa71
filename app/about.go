package app

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// About is the facade that describes the running application.
type About struct {
	info    AppInfo
	started time.Time
	log     io.Writer
	now     func() time.Time
}

// NewAbout returns the facade; started is the process start, log receives
// the start-up marks (stderr in the app).
func NewAbout(info AppInfo) *About { return &About{info: info, started: time.Now(), now: time.Now} }

// NewAboutWithMarks returns the facade that writes start-up marks to log,
// timed from started (a function, not a method: every exported method of a
// bound struct becomes callable from JavaScript).
func NewAboutWithMarks(info AppInfo, started time.Time, log io.Writer) *About {
	return &About{info: info, started: started, log: log, now: time.Now}
}

// Info returns what the UI needs to know about the app (demo mode, version).
func (a *About) Info() (AppInfo, error) { return a.info, nil }

// Mark records a start-up milestone the UI reached (e.g. "queue-painted")
// with the time since the process started; bench/startup.sh reads these.
func (a *About) Mark(name string) error {
	if a.log == nil {
		return nil
	}
	clean := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return -1
	}, strings.ToLower(name))
	if len(clean) > 40 {
		clean = clean[:40]
	}
	_, err := fmt.Fprintf(a.log, "steward: mark %s %d ms\n", clean, a.now().Sub(a.started).Milliseconds())
	return err
}
