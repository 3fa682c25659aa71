package platform

import (
	"github.com/godbus/dbus/v5"
)

// DesktopNotifier sends notifications through the freedesktop
// org.freedesktop.Notifications service on the session bus.
type DesktopNotifier struct {
	AppName string
}

// Notify shows one notification; it fails quietly where no notification
// daemon runs (the caller falls back to the in-app badge).
func (n DesktopNotifier) Notify(title, body string) error {
	conn, err := dbus.SessionBus()
	if err != nil {
		return ErrNoNotifications
	}
	obj := conn.Object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
	call := obj.Call("org.freedesktop.Notifications.Notify", 0,
		n.AppName, uint32(0), "steward", title, body, []string{}, map[string]dbus.Variant{}, int32(10000))
	if call.Err != nil {
		return ErrNoNotifications
	}
	return nil
}
