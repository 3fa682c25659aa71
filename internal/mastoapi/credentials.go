package mastoapi

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
)

// Permissions is a Mastodon role's permission bitmask (UserRole::FLAGS).
type Permissions uint64

// Mastodon's role permission flags.
const (
	PermAdministrator       Permissions = 1 << 0 // implies every other permission
	PermViewDevops          Permissions = 1 << 1
	PermViewAuditLog        Permissions = 1 << 2
	PermViewDashboard       Permissions = 1 << 3
	PermManageReports       Permissions = 1 << 4
	PermManageFederation    Permissions = 1 << 5
	PermManageSettings      Permissions = 1 << 6
	PermManageBlocks        Permissions = 1 << 7
	PermManageTaxonomies    Permissions = 1 << 8
	PermManageAppeals       Permissions = 1 << 9
	PermManageUsers         Permissions = 1 << 10
	PermManageInvites       Permissions = 1 << 11
	PermManageRules         Permissions = 1 << 12
	PermManageAnnouncements Permissions = 1 << 13
	PermManageCustomEmojis  Permissions = 1 << 14
	PermManageWebhooks      Permissions = 1 << 15
	PermInviteUsers         Permissions = 1 << 16
	PermManageRoles         Permissions = 1 << 17
	PermManageUserAccess    Permissions = 1 << 18
	PermDeleteUserData      Permissions = 1 << 19
	PermViewFeeds           Permissions = 1 << 20 // Mastodon 4.4

	// PermAll is every flag above.
	PermAll Permissions = 1<<21 - 1

	// PermStaff are the permissions that make an account useful in Steward
	// (moderation, accounts, federation, blocks, rules, dashboard). Holding
	// none of them means the account is not staff. invite_users and the like
	// are deliberately absent: ordinary users often hold them.
	PermStaff = PermAdministrator | PermManageReports | PermManageUsers | PermManageFederation |
		PermManageBlocks | PermManageRules | PermViewDashboard | PermManageUserAccess | PermManageAppeals
)

// Has reports whether p grants all of q. Administrator grants everything.
func (p Permissions) Has(q Permissions) bool {
	return p&PermAdministrator != 0 || p&q == q
}

// IsStaff reports whether p holds at least one permission in PermStaff.
func (p Permissions) IsStaff() bool { return p&PermStaff != 0 }

// CredentialRole is the role of the signed-in account.
type CredentialRole struct {
	ID          string
	Name        string
	Permissions Permissions
}

// CredentialAccount is the signed-in account (verify_credentials).
type CredentialAccount struct {
	ID          string
	Username    string
	Acct        string
	DisplayName string
	URL         string
	Avatar      string
	Role        CredentialRole
}

// flexString accepts a JSON string or number (role ids and permissions are
// strings on Mastodon, numbers on some forks).
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*f = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*f = flexString(n.String())
	return nil
}

type credentialJSON struct {
	ID          flexString `json:"id"`
	Username    string     `json:"username"`
	Acct        string     `json:"acct"`
	DisplayName string     `json:"display_name"`
	URL         string     `json:"url"`
	Avatar      string     `json:"avatar"`
	Role        *struct {
		ID          flexString `json:"id"`
		Name        string     `json:"name"`
		Permissions flexString `json:"permissions"`
	} `json:"role"`
}

// VerifyCredentials reads the signed-in account with its role
// (GET /api/v1/accounts/verify_credentials, scope read:accounts).
func (c *Client) VerifyCredentials(ctx context.Context) (CredentialAccount, error) {
	const op = "mastoapi: verify credentials"
	var raw credentialJSON
	if _, err := c.getJSON(ctx, op, "/api/v1/accounts/verify_credentials", nil, &raw); err != nil {
		return CredentialAccount{}, err
	}
	out := CredentialAccount{ID: string(raw.ID), Username: raw.Username, Acct: raw.Acct,
		DisplayName: raw.DisplayName, URL: raw.URL, Avatar: raw.Avatar}
	if raw.Role != nil {
		out.Role = CredentialRole{ID: string(raw.Role.ID), Name: raw.Role.Name,
			Permissions: ParsePermissions(string(raw.Role.Permissions), raw.Role.Name)}
	}
	return out, nil
}

// ParsePermissions reads a role's permission bitmask. When there is none
// (GoToSocial names its roles admin, moderator or user without a bitmask),
// the role name decides: admin → everything, moderator → reports and users,
// anything else → nothing.
func ParsePermissions(bitmask, roleName string) Permissions {
	if bitmask = strings.TrimSpace(bitmask); bitmask != "" {
		if n, err := strconv.ParseUint(bitmask, 10, 64); err == nil {
			return Permissions(n)
		}
	}
	switch strings.ToLower(strings.TrimSpace(roleName)) {
	case "admin", "administrator", "owner":
		return PermAll
	case "moderator":
		return PermManageReports | PermManageUsers
	}
	return 0
}
