package platform

import "errors"

// Notifier shows OS notifications (new reports). On systems where Steward
// has no notification channel yet, Notify returns ErrNoNotifications and the
// UI's badge is the only signal.
type Notifier interface {
	Notify(title, body string) error
}

// ErrNoNotifications means this system has no notification channel.
var ErrNoNotifications = errors.New("platform: no OS notifications on this system")

// Notify records the notification as a "notify" event.
func (r *Recorder) Notify(title, body string) error {
	r.Emit("notify", title, body)
	return nil
}
