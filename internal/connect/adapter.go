package connect

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"steward/internal/mastoapi"
	"steward/internal/oauth"
	"steward/internal/servers"
)

// ServerConnector adapts the connect flow to what internal/servers needs to
// onboard a server: one Connect call per sign-in, with its own progress.
type ServerConnector struct {
	Flow      *oauth.Flow
	Transport http.RoundTripper
	Timeout   time.Duration
}

// Connect signs in and flattens the result for the server registry.
func (s ServerConnector) Connect(ctx context.Context, input string, progress func(step string)) (servers.Connection, error) {
	c := New(s.Flow, s.Transport, s.Timeout, WithProgress(progress))
	got, err := c.Connect(ctx, Request{Input: input})
	if err != nil {
		return servers.Connection{}, err
	}
	return servers.Connection{
		URL: got.URL, Domain: got.Domain, Title: got.Title, Software: string(got.Software), Version: got.Version,
		ClientID: got.Token.ClientID, ClientSecret: got.Token.ClientSecret, AccessToken: got.Token.AccessToken,
		Account: got.Account.Acct, AccountID: got.Account.ID, RoleName: got.Account.Role.Name,
		Permissions:  PermissionNames(got.Account.Role.Permissions),
		Capabilities: CapabilityFlags(got.Capabilities),
	}, nil
}

// Revoke adapts oauth.Revoke to servers.RevokeFunc.
func Revoke(transport http.RoundTripper) servers.RevokeFunc {
	return func(ctx context.Context, serverURL, clientID, clientSecret, token string) error {
		u, err := url.Parse(serverURL)
		if err != nil {
			return err
		}
		return oauth.Revoke(ctx, oauth.DefaultHTTPClient(transport), u, clientID, clientSecret, token)
	}
}

var permissionNames = []struct {
	p    mastoapi.Permissions
	name string
}{
	{mastoapi.PermAdministrator, "administrator"}, {mastoapi.PermViewDevops, "view_devops"},
	{mastoapi.PermViewAuditLog, "view_audit_log"}, {mastoapi.PermViewDashboard, "view_dashboard"},
	{mastoapi.PermManageReports, "manage_reports"}, {mastoapi.PermManageFederation, "manage_federation"},
	{mastoapi.PermManageSettings, "manage_settings"}, {mastoapi.PermManageBlocks, "manage_blocks"},
	{mastoapi.PermManageTaxonomies, "manage_taxonomies"}, {mastoapi.PermManageAppeals, "manage_appeals"},
	{mastoapi.PermManageUsers, "manage_users"}, {mastoapi.PermManageInvites, "manage_invites"},
	{mastoapi.PermManageRules, "manage_rules"}, {mastoapi.PermManageAnnouncements, "manage_announcements"},
	{mastoapi.PermManageCustomEmojis, "manage_custom_emojis"}, {mastoapi.PermManageWebhooks, "manage_webhooks"},
	{mastoapi.PermInviteUsers, "invite_users"}, {mastoapi.PermManageRoles, "manage_roles"},
	{mastoapi.PermManageUserAccess, "manage_user_access"}, {mastoapi.PermDeleteUserData, "delete_user_data"},
	{mastoapi.PermViewFeeds, "view_feeds"},
}

// PermissionNames lists the Mastodon permission names p grants.
func PermissionNames(p mastoapi.Permissions) []string {
	var out []string
	for _, pn := range permissionNames {
		if p.Has(pn.p) {
			out = append(out, pn.name)
		}
	}
	return out
}

// CapabilityFlags flattens the capability table for the UI and the cache.
func CapabilityFlags(c mastoapi.Capabilities) map[string]bool { return c.Flags() }
