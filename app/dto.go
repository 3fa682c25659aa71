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
	// Account is the signed-in staff account, RoleName its role.
	Account  string `json:"account"`
	RoleName string `json:"roleName"`
	// ContractRef is the support contract of a managed server.
	ContractRef string `json:"contractRef"`
	// Permissions the account holds (Mastodon role permission names).
	Permissions []string `json:"permissions"`
	// Capabilities lists what the server supports, in a stable order.
	Capabilities []Capability `json:"capabilities"`
	// The sync scheduler: next planned sync (RFC 3339 or ""), live stream
	// state (off, connecting, connected, retrying, unavailable), the token's
	// rate budget and the running sync's progress.
	NextSync        string `json:"nextSync"`
	Stream          string `json:"stream"`
	BudgetLimit     int    `json:"budgetLimit"`
	BudgetRemaining int    `json:"budgetRemaining"`
	BudgetReset     string `json:"budgetReset"`
	ProgressDone    int    `json:"progressDone"`
	ProgressTotal   int    `json:"progressTotal"`
	ProgressStep    string `json:"progressStep"`
}

// Capability is one feature of a server and whether it is supported.
type Capability struct {
	Key       string `json:"key"`
	Supported bool   `json:"supported"`
}

// ConnectRequest is the "connect a server" form.
type ConnectRequest struct {
	Input       string `json:"input"`
	Name        string `json:"name"`
	Hosting     string `json:"hosting"` // self or managed
	Provider    string `json:"provider"`
	ContractRef string `json:"contractRef"`
}

// RemoveResult tells the UI what removing a server achieved.
type RemoveResult struct {
	// Revoked is false when the server could not be reached to revoke the token.
	Revoked bool `json:"revoked"`
}

// JobView is a background job's progress (also the payload of job:progress:<id>).
type JobView struct {
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	State       string `json:"state"` // running, done, failed, cancelled
	Done        int    `json:"done"`
	Total       int    `json:"total"`
	Step        string `json:"step"`
	ErrorKind   string `json:"errorKind"`
	ErrorDetail string `json:"errorDetail"`
	Result      string `json:"result"`
}

// AppInfo describes the running application.
type AppInfo struct {
	Version  string `json:"version"`
	Demo     bool   `json:"demo"`
	OS       string `json:"os"`
	DataDir  string `json:"dataDir"`
	Language string `json:"language"`
	// StartupErrorKind is set when Steward could not open its saved data
	// (e.g. no keychain) and runs on an empty, temporary state instead.
	StartupErrorKind   string `json:"startupErrorKind"`
	StartupErrorDetail string `json:"startupErrorDetail"`
}

// ErrorPayload is what a bound method's error becomes in JavaScript: the UI
// reads the kind and shows its own translated message.
type ErrorPayload struct {
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
	// Op names the operation for logs and bug reports; never shown as the message.
	Op string `json:"op"`
}
