package app

// ServerView is one connected server as the server list shows it.
type ServerView struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Domain      string `json:"domain"`
	URL         string `json:"url"`
	Software    string `json:"software"` // mastodon, glitch-soc, gotosocial, unknown
	Version     string `json:"version"`
	Hosting     string `json:"hosting"` // self or managed
	Provider    string `json:"provider"`
	OpenReports int    `json:"openReports"`
	// State is idle, syncing, error or never (not synced yet).
	State string `json:"state"`
	// ErrorKind is the apperr kind of the last sync failure, "" when none.
	ErrorKind string `json:"errorKind"`
	// ErrorDetail is a machine-readable detail (e.g. html_page, bad_json).
	ErrorDetail string `json:"errorDetail"`
	// LastSync is RFC 3339, "" when never synced.
	LastSync string `json:"lastSync"`
}

// AppInfo describes the running application.
type AppInfo struct {
	Version  string `json:"version"`
	Demo     bool   `json:"demo"`
	OS       string `json:"os"`
	DataDir  string `json:"dataDir"`
	Language string `json:"language"`
}

// ErrorPayload is what a bound method's error becomes in JavaScript: the UI
// reads the kind and shows its own translated message.
type ErrorPayload struct {
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
	// Op names the operation for logs and bug reports; never shown as the message.
	Op string `json:"op"`
}
