package app

// QueueQuery is the queue's filter, sort and window.
type QueueQuery struct {
	Servers        []string `json:"servers"`
	Status         string   `json:"status"`   // open (default), resolved, all
	Assigned       string   `json:"assigned"` // "", me, unassigned, others
	Categories     []string `json:"categories"`
	RuleID         string   `json:"ruleId"`
	ReporterOrigin string   `json:"reporterOrigin"` // "", local, remote
	TargetOrigin   string   `json:"targetOrigin"`
	TargetDomain   string   `json:"targetDomain"`
	OlderThanHours int      `json:"olderThanHours"`
	NewerThanHours int      `json:"newerThanHours"`
	Text           string   `json:"text"`
	Sort           string   `json:"sort"` // newest, oldest, group_size
	Grouped        bool     `json:"grouped"`
	Offset         int      `json:"offset"`
	Limit          int      `json:"limit"`
}

// QueueRow is one line of the queue: a report, or a group against one account.
type QueueRow struct {
	Server            string   `json:"server"`
	ReportID          string   `json:"reportId"`
	TargetAccountID   string   `json:"targetAccountId"`
	TargetAcct        string   `json:"targetAcct"`
	ReporterAcct      string   `json:"reporterAcct"`
	Category          string   `json:"category"`
	Comment           string   `json:"comment"`
	CreatedAt         string   `json:"createdAt"`
	Resolved          bool     `json:"resolved"`
	AssignedToMe      bool     `json:"assignedToMe"`
	Assigned          bool     `json:"assigned"`
	Count             int      `json:"count"`
	OpenAgainstTarget int      `json:"openAgainstTarget"`
	ReportIDs         []string `json:"reportIds"`
}

// FacetCount is the number of matches for one filter value.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// QueueFacets are the counts shown beside the filters.
type QueueFacets struct {
	Server         []FacetCount `json:"server"`
	Category       []FacetCount `json:"category"`
	Status         []FacetCount `json:"status"`
	Assigned       []FacetCount `json:"assigned"`
	ReporterOrigin []FacetCount `json:"reporterOrigin"`
	TargetOrigin   []FacetCount `json:"targetOrigin"`
}

// QueuePage is one window of the queue.
type QueuePage struct {
	Total   int         `json:"total"`
	Reports int         `json:"reports"`
	Offset  int         `json:"offset"`
	Rows    []QueueRow  `json:"rows"`
	Facets  QueueFacets `json:"facets"`
}

// AccountView is an account as the report screen shows it. DisplayName and
// Note come from the server and are attacker-controlled: the UI renders
// DisplayName as text and Note only through its sanitizer.
type AccountView struct {
	ID          string `json:"id"`
	Acct        string `json:"acct"`
	Username    string `json:"username"`
	Domain      string `json:"domain"` // "" for local accounts
	Local       bool   `json:"local"`
	DisplayName string `json:"displayName"`
	Note        string `json:"note"`
	Avatar      string `json:"avatar"`
	URL         string `json:"url"`
	CreatedAt   string `json:"createdAt"`
	Followers   int    `json:"followers"`
	Statuses    int    `json:"statuses"`
	Silenced    bool   `json:"silenced"`
	Suspended   bool   `json:"suspended"`
	Sensitized  bool   `json:"sensitized"`
	Disabled    bool   `json:"disabled"`
}

// StatusView is a reported post. Content is raw server HTML: the UI must
// sanitize it before it reaches the DOM.
type StatusView struct {
	ID          string `json:"id"`
	CreatedAt   string `json:"createdAt"`
	Content     string `json:"content"`
	SpoilerText string `json:"spoilerText"`
	Sensitive   bool   `json:"sensitive"`
	URL         string `json:"url"`
}

// RuleView is a server rule.
type RuleView struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// ReportView is one report with its context.
type ReportView struct {
	Server       string       `json:"server"`
	ID           string       `json:"id"`
	Category     string       `json:"category"`
	Comment      string       `json:"comment"`
	Forwarded    bool         `json:"forwarded"`
	CreatedAt    string       `json:"createdAt"`
	Resolved     bool         `json:"resolved"`
	ResolvedAt   string       `json:"resolvedAt"`
	ResolvedBy   string       `json:"resolvedBy"`
	AssignedTo   string       `json:"assignedTo"`
	Reporter     AccountView  `json:"reporter"`
	Target       AccountView  `json:"target"`
	Statuses     []StatusView `json:"statuses"`
	Rules        []RuleView   `json:"rules"`
	WebAdminURL  string       `json:"webAdminUrl"`
	OpenAgainst  int          `json:"openAgainstTarget"`
	Related      []QueueRow   `json:"related"`
	Capabilities []Capability `json:"capabilities"`
}

// AccountActionInput is an account action as the dialog submits it.
// SendEmail must be chosen explicitly: the server's own default is to e-mail.
type AccountActionInput struct {
	AccountID       string `json:"accountId"`
	Type            string `json:"type"`
	ReportID        string `json:"reportId"`
	Text            string `json:"text"`
	WarningPresetID string `json:"warningPresetId"`
	SendEmail       bool   `json:"sendEmail"`
}

// EffectsView tells the confirmation dialog what an account action does.
type EffectsView struct {
	Type            string   `json:"type"`
	Supported       bool     `json:"supported"`
	ResolvesReports int      `json:"resolvesReports"`
	ReportIDs       []string `json:"reportIds"`
	Irreversible    bool     `json:"irreversible"`
	UndoWith        string   `json:"undoWith"`
}

// ReportRef names one report.
type ReportRef struct {
	Server   string `json:"server"`
	ReportID string `json:"reportId"`
}

// ActionView is a queued moderation action and its state.
type ActionView struct {
	ID            string `json:"id"`
	Server        string `json:"server"`
	Kind          string `json:"kind"`
	ReportID      string `json:"reportId"`
	AccountID     string `json:"accountId"`
	Acct          string `json:"acct"`
	State         string `json:"state"` // pending, applying, done, failed, conflict, discarded
	CreatedAt     string `json:"createdAt"`
	UpdatedAt     string `json:"updatedAt"`
	Attempts      int    `json:"attempts"`
	JobID         string `json:"jobId"`
	ErrorKind     string `json:"errorKind"`
	ErrorDetail   string `json:"errorDetail"`
	ServerMessage string `json:"serverMessage"`
	ConflictWhy   string `json:"conflictReason"`
	ConflictBy    string `json:"conflictBy"`
	ConflictAt    string `json:"conflictAt"`
	ActionType    string `json:"actionType"`
	SendEmail     bool   `json:"sendEmail"`
}

// JournalQuery filters the journal.
type JournalQuery struct {
	Servers []string `json:"servers"`
	Account string   `json:"account"`
	Actions []string `json:"actions"`
	Results []string `json:"results"`
	Since   string   `json:"since"` // RFC 3339 or ""
	Until   string   `json:"until"`
	Text    string   `json:"text"`
	Offset  int      `json:"offset"`
	Limit   int      `json:"limit"`
}

// JournalEntryView is one journal line.
type JournalEntryView struct {
	Time          string `json:"time"`
	OSUser        string `json:"osUser"`
	Server        string `json:"server"`
	ServerDomain  string `json:"serverDomain"`
	Actor         string `json:"actor"`
	Target        string `json:"target"`
	Action        string `json:"action"`
	Params        string `json:"params"`
	Result        string `json:"result"`
	ErrorKind     string `json:"errorKind"`
	ServerMessage string `json:"serverMessage"`
}

// JournalPage is one page of the journal.
type JournalPage struct {
	Total   int                `json:"total"`
	Entries []JournalEntryView `json:"entries"`
}
