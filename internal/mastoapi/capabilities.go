package mastoapi

import (
	"slices"
	"strconv"
	"strings"
)

// SoftwareVersion is a parsed "major.minor.patch" version. Known is false
// when the server's version string did not start with a number.
type SoftwareVersion struct {
	Major, Minor, Patch int
	Raw                 string
	Known               bool
}

// ParseVersion reads the leading "major.minor.patch" of a version string such
// as "4.3.2", "4.2.10+glitch", "4.3.0-beta.1" or "0.17.3 git-abc123".
func ParseVersion(s string) SoftwareVersion {
	v := SoftwareVersion{Raw: s}
	s = strings.TrimSpace(s)
	end := strings.IndexFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '.') })
	if end >= 0 {
		s = s[:end]
	}
	parts := strings.SplitN(s, ".", 4)
	nums := []*int{&v.Major, &v.Minor, &v.Patch}
	for i := 0; i < len(parts) && i < 3; i++ {
		n, err := strconv.Atoi(parts[i])
		if err != nil {
			break
		}
		*nums[i] = n
		if i == 0 {
			v.Known = true
		}
	}
	return v
}

// AtLeast reports whether v ≥ major.minor. An unknown version is never "at least".
func (v SoftwareVersion) AtLeast(major, minor int) bool {
	if !v.Known {
		return false
	}
	return v.Major > major || v.Major == major && v.Minor >= minor
}

// String returns "major.minor.patch" ("" when unknown).
func (v SoftwareVersion) String() string {
	if !v.Known {
		return ""
	}
	return strconv.Itoa(v.Major) + "." + strconv.Itoa(v.Minor) + "." + strconv.Itoa(v.Patch)
}

// Account action types for POST /api/v1/admin/accounts/:id/action.
const (
	ActionNone      = "none"
	ActionSensitive = "sensitive"
	ActionDisable   = "disable"
	ActionSilence   = "silence"
	ActionSuspend   = "suspend"
)

// Capabilities is what a server can do, derived once from its instance and
// OAuth metadata. The rest of Steward consults it instead of sniffing
// software names and versions.
type Capabilities struct {
	Software Software
	Version  SoftwareVersion

	// Reports
	ReportsPageDefault int  // admin list page size without limit (Mastodon 100, GoToSocial 20)
	ReportsPageMax     int  // largest limit honoured (Mastodon 200, GoToSocial 100)
	ReportAssign       bool // assign_to_self / unassign
	ReportReopen       bool // reopen
	ReportUpdate       bool // PUT category / rule_ids

	// Accounts
	AdminAccountsV2            bool     // GET /api/v2/admin/accounts
	AccountActions             []string // types accepted by …/action
	AccountUndo                []string // approve, reject, enable, unsilence, unsuspend, unsensitive
	SendEmailNotificationParam bool     // …/action honours send_email_notification

	// Federation and blocks
	DomainBlockSeverity   bool // severity, reject_media, reject_reports, obfuscate
	DomainBlocksPaginated bool // domain block lists page with Link headers
	EmailDomainBlocks     bool
	IPBlocks              bool
	CanonicalEmailBlocks  bool

	// Dashboard and rules
	Measures      bool // POST /api/v1/admin/measures
	RulesAPI      bool // /api/v1/admin/instance/rules exists
	RulesEditable bool // rules can be created/edited through the API

	// OAuth and streaming
	PKCE                   bool // the server verifies PKCE S256
	AuthServerMetadata     bool // /.well-known/oauth-authorization-server exists
	LoopbackPortMayVary    bool // a loopback redirect URI matches any port (RFC 8252 §7.3)
	RedirectURIsAsArray    bool // POST /api/v1/apps accepts redirect_uris as a JSON array
	StreamingNotifications bool // admin.report notifications on the user:notification stream
}

// CanAccountAction reports whether the account action type is supported.
func (c Capabilities) CanAccountAction(typ string) bool {
	return slices.Contains(c.AccountActions, typ)
}

// CanUndo reports whether the reversal (e.g. "unsuspend") is supported.
func (c Capabilities) CanUndo(op string) bool { return slices.Contains(c.AccountUndo, op) }

// DeriveCapabilities computes the capabilities of a server from its instance
// and its OAuth metadata (nil when the server has none).
func DeriveCapabilities(in Instance, meta *AuthMetadata) Capabilities {
	v := ParseVersion(in.Version)
	c := Capabilities{Software: in.Software, Version: v, AuthServerMetadata: meta != nil}
	switch in.Software {
	case SoftwareMastodon, SoftwareGlitch:
		// Mastodon's version is assumed to be current when it cannot be parsed.
		at := func(major, minor int) bool { return !v.Known || v.AtLeast(major, minor) }
		c.ReportsPageDefault, c.ReportsPageMax = 100, 200
		c.ReportAssign, c.ReportReopen = true, true
		c.ReportUpdate = at(3, 5)
		c.AdminAccountsV2 = at(3, 5)
		c.AccountActions = []string{ActionNone, ActionSensitive, ActionDisable, ActionSilence, ActionSuspend}
		c.AccountUndo = []string{"approve", "reject", "enable", "unsilence", "unsuspend", "unsensitive"}
		c.SendEmailNotificationParam = true
		c.DomainBlockSeverity, c.DomainBlocksPaginated = true, true
		c.EmailDomainBlocks, c.IPBlocks, c.CanonicalEmailBlocks = at(4, 0), at(4, 0), at(4, 0)
		c.Measures = at(3, 5)
		c.PKCE = at(4, 3) || meta.SupportsS256()
		c.LoopbackPortMayVary = true
		c.RedirectURIsAsArray = at(4, 3)
		c.StreamingNotifications = true
	case SoftwareGoToSocial:
		c.ReportsPageDefault, c.ReportsPageMax = 20, 100
		c.AdminAccountsV2 = true
		c.AccountActions = []string{ActionSuspend}
		c.AccountUndo = []string{"approve", "reject"}
		c.RulesAPI, c.RulesEditable = true, true
		// GoToSocial accepts PKCE parameters but does not check them.
		c.PKCE = meta.SupportsS256()
	default:
		// Unknown software: only what every Mastodon-API server must have.
		c.ReportsPageDefault, c.ReportsPageMax = 20, 100
		c.PKCE = meta.SupportsS256()
	}
	return c
}
