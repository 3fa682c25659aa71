package mastosim

import (
	"sort"
	"time"
)

// Role permission bits, as in Mastodon's UserRole::FLAGS.
const (
	permAdministrator      uint64 = 1 << 0
	permViewDevops         uint64 = 1 << 1
	permViewAuditLog       uint64 = 1 << 2
	permViewDashboard      uint64 = 1 << 3
	permManageReports      uint64 = 1 << 4
	permManageFederation   uint64 = 1 << 5
	permManageSettings     uint64 = 1 << 6
	permManageBlocks       uint64 = 1 << 7
	permManageTaxonomies   uint64 = 1 << 8
	permManageAppeals      uint64 = 1 << 9
	permManageUsers        uint64 = 1 << 10
	permManageInvites      uint64 = 1 << 11
	permManageRules        uint64 = 1 << 12
	permManageAnnouncement uint64 = 1 << 13
	permManageEmojis       uint64 = 1 << 14
	permManageWebhooks     uint64 = 1 << 15
	permInviteUsers        uint64 = 1 << 16
	permManageRoles        uint64 = 1 << 17
	permManageUserAccess   uint64 = 1 << 18
	permDeleteUserData     uint64 = 1 << 19
	permAll                uint64 = 1<<20 - 1
)

type role struct {
	id          string
	name        string
	color       string
	perms       uint64
	highlighted bool
}

var (
	roleOwner     = &role{id: "3", name: "Owner", color: "#ff3838", perms: permAll, highlighted: true}
	roleModerator = &role{id: "1", name: "Moderator", color: "#3b82f6", highlighted: true,
		perms: permViewAuditLog | permViewDashboard | permManageReports | permManageTaxonomies |
			permManageAppeals | permManageUsers | permInviteUsers}
	roleEveryone = &role{id: "-99", name: "", color: "", perms: 0}
)

func (r *role) can(p uint64) bool {
	if r == nil {
		return false
	}
	return r.perms&permAdministrator != 0 || r.perms&p == p
}

type account struct {
	id            int64
	username      string
	domain        string // "" for local accounts
	displayName   string
	note          string // HTML
	email         string
	ip            string
	locale        string
	inviteRequest string
	createdAt     time.Time
	lastStatusAt  time.Time
	role          *role // nil for remote accounts
	confirmed     bool
	approved      bool
	disabled      bool
	silenced      bool
	suspended     bool
	sensitized    bool
	bot           bool
	locked        bool
	followers     int
	following     int
	statuses      int
	deleted       bool
	instanceActor bool
}

func (a *account) local() bool { return a.domain == "" }

const (
	visPublic uint8 = iota
	visUnlisted
	visPrivate
	visDirect
)

var visibilityNames = [...]string{"public", "unlisted", "private", "direct"}

// status is stored compactly; its HTML content is generated on request from
// its seed so that 100,000 reports do not hold megabytes of prose.
type status struct {
	id         int64
	accountID  int64
	createdAt  time.Time
	seed       uint64
	hostile    int16 // index into the hostile corpus for the content, -1 none
	cwHostile  int16 // hostile spoiler_text, -1 none
	mdHostile  int16 // hostile media description, -1 none
	spoiler    int8  // index into contentWarnings, -1 none
	media      uint8
	sensitive  bool
	visibility uint8
	lang       uint8
	mentionID  int64 // account mentioned, 0 none
	replyToAcc int64
}

type report struct {
	id            int64
	reporterID    int64
	targetID      int64
	category      string
	comment       string
	forwarded     bool
	createdAt     time.Time
	updatedAt     time.Time
	actionTaken   bool
	actionTakenAt time.Time
	actionTakenBy int64
	assignedID    int64
	statusIDs     []int64
	ruleIDs       []int64
	actionComment string
}

type rule struct {
	id        int64
	text      string
	hint      string
	createdAt time.Time
	deleted   bool
}

type domainBlock struct {
	id             int64
	domain         string
	severity       string
	rejectMedia    bool
	rejectReports  bool
	privateComment string
	publicComment  string
	obfuscate      bool
	createdAt      time.Time
	createdBy      int64
}

type domainAllow struct {
	id        int64
	domain    string
	createdAt time.Time
}

type ipBlock struct {
	id        int64
	ip        string
	severity  string
	comment   string
	createdAt time.Time
	expiresAt time.Time // zero: never
}

type app struct {
	id           int64
	name         string
	website      string
	clientID     string
	clientSecret string
	redirectURIs []string
	scopes       []string
}

type token struct {
	value     string
	clientID  string
	accountID int64 // 0 for client_credentials tokens
	scopes    []string
	createdAt time.Time
}

type authCode struct {
	code        string
	clientID    string
	redirectURI string
	scopes      []string
	challenge   string
	method      string
	accountID   int64
	createdAt   time.Time
}

// ActionRecord is one moderation action taken through POST /api/v1/admin/accounts/:id/action.
type ActionRecord struct {
	AccountID string
	Type      string
	ReportID  string
	Text      string
	SendEmail bool // whether Mastodon would have e-mailed the user (send_email_notification defaults to true)
	At        time.Time
}

// searchByID finds x in a slice sorted ascending by id.
func searchByID[T any](items []T, id func(T) int64, want int64) (T, bool) {
	i := sort.Search(len(items), func(i int) bool { return id(items[i]) >= want })
	if i < len(items) && id(items[i]) == want {
		return items[i], true
	}
	var zero T
	return zero, false
}

func reportID(r *report) int64   { return r.id }
func statusID(s *status) int64   { return s.id }
func accountID(a *account) int64 { return a.id }
