package mastoapi

import (
	"context"
	"net/http"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastosim"
)

func TestPermissionBits(t *testing.T) {
	// Mastodon's UserRole::FLAGS.
	bits := map[Permissions]uint64{
		PermAdministrator: 0x1, PermViewDevops: 0x2, PermViewAuditLog: 0x4, PermViewDashboard: 0x8,
		PermManageReports: 0x10, PermManageFederation: 0x20, PermManageSettings: 0x40, PermManageBlocks: 0x80,
		PermManageTaxonomies: 0x100, PermManageAppeals: 0x200, PermManageUsers: 0x400, PermManageInvites: 0x800,
		PermManageRules: 0x1000, PermManageAnnouncements: 0x2000, PermManageCustomEmojis: 0x4000,
		PermManageWebhooks: 0x8000, PermInviteUsers: 0x10000, PermManageRoles: 0x20000,
		PermManageUserAccess: 0x40000, PermDeleteUserData: 0x80000, PermViewFeeds: 0x100000,
	}
	var all Permissions
	for p, v := range bits {
		if uint64(p) != v {
			t.Errorf("%x != %x", uint64(p), v)
		}
		all |= p
	}
	if all != PermAll {
		t.Errorf("PermAll = %x, want %x", uint64(PermAll), uint64(all))
	}
	if !PermAdministrator.Has(PermManageReports|PermDeleteUserData) || !PermAdministrator.IsStaff() {
		t.Error("administrator implies everything")
	}
	mod := PermManageReports | PermManageUsers
	if !mod.Has(PermManageReports) || mod.Has(PermManageReports|PermManageFederation) || !mod.IsStaff() {
		t.Error("moderator")
	}
	if Permissions(PermInviteUsers).IsStaff() || Permissions(0).IsStaff() || Permissions(0).Has(PermManageReports) {
		t.Error("plain users are not staff")
	}
}

func TestParsePermissions(t *testing.T) {
	cases := []struct {
		mask, name string
		want       Permissions
	}{
		{"1048575", "Owner", 1<<20 - 1},
		{"1", "", PermAll & 1},
		{"0", "admin", 0}, // a bitmask wins over the name
		{"", "admin", PermAll},
		{"", "Moderator", PermManageReports | PermManageUsers},
		{"", "user", 0},
		{"", "", 0},
		{"garbage", "user", 0},
	}
	for _, tc := range cases {
		if got := ParsePermissions(tc.mask, tc.name); got != tc.want {
			t.Errorf("ParsePermissions(%q, %q) = %x, want %x", tc.mask, tc.name, uint64(got), uint64(tc.want))
		}
	}
}

func TestVerifyCredentialsSim(t *testing.T) {
	for _, fl := range []mastosim.Flavour{mastosim.FlavourMastodon, mastosim.FlavourGoToSocial} {
		sim, _ := simClient(t, fl, "")
		srvURL, err := sim.Start()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = sim.Close() })
		for _, tc := range []struct {
			user  string
			staff bool
			perm  Permissions
		}{{"admin", true, PermDeleteUserData}, {"moderator", true, PermManageReports}, {"user", false, 0}} {
			tok, err := sim.IssueToken(tc.user, "read:accounts")
			if err != nil {
				t.Fatal(err)
			}
			c, _ := New(srvURL, tok, Options{Timeout: 5 * time.Second})
			a, err := c.VerifyCredentials(context.Background())
			if err != nil {
				t.Fatalf("%s %s: %v", fl, tc.user, err)
			}
			if a.Username != tc.user || a.ID == "" || a.Acct == "" || a.Role.Permissions.IsStaff() != tc.staff {
				t.Errorf("%s %s: %+v", fl, tc.user, a)
			}
			if tc.perm != 0 && !a.Role.Permissions.Has(tc.perm) {
				t.Errorf("%s %s lacks %x: %+v", fl, tc.user, uint64(tc.perm), a.Role)
			}
		}
		c, _ := New(srvURL, "revoked", Options{Timeout: 5 * time.Second})
		if _, err := c.VerifyCredentials(context.Background()); !apperr.Is(err, apperr.Unauthorized) {
			t.Errorf("bad token: %v", err)
		}
	}
}

func TestVerifyCredentialsGoToSocialRoleNames(t *testing.T) {
	for name, want := range map[string]Permissions{"admin": PermAll, "moderator": PermManageReports | PermManageUsers, "user": 0} {
		c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"id":"01F8MH1H7YV1Z7D2C8K2730QBF","username":"x","acct":"x","display_name":"X","url":"https://gts.example/@x",
				"avatar":"https://gts.example/a.png","role":{"name":"` + name + `"}}`))
		})
		a, err := c.VerifyCredentials(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if a.Role.Name != name || a.Role.Permissions != want || a.URL == "" || a.Avatar == "" || a.DisplayName != "X" {
			t.Errorf("%s: %+v", name, a)
		}
	}
	// Numeric ids and permissions (forks) decode too.
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":42,"username":"y","acct":"y","role":{"id":3,"name":"Owner","permissions":1}}`))
	})
	a, err := c.VerifyCredentials(context.Background())
	if err != nil || a.ID != "42" || a.Role.ID != "3" || !a.Role.Permissions.Has(PermManageUsers) {
		t.Fatalf("%+v %v", a, err)
	}
}
