//go:build !linux

package platform

// DesktopNotifier has no channel on this system yet (Wails v2 offers no
// notification API on Windows and macOS); the in-app badge is the signal.
type DesktopNotifier struct {
	AppName string
}

// Notify reports that there is no channel.
func (DesktopNotifier) Notify(title, body string) error { return ErrNoNotifications }
