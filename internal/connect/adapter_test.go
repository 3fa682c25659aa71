package connect

import (
	"testing"

	"steward/internal/mastoapi"
)

func TestPermissionNames(t *testing.T) {
	got := PermissionNames(mastoapi.PermManageReports | mastoapi.PermManageUsers)
	if len(got) != 2 || got[0] != "manage_reports" || got[1] != "manage_users" {
		t.Fatal(got)
	}
	if n := len(PermissionNames(mastoapi.PermAdministrator)); n != len(permissionNames) {
		t.Fatalf("administrator implies all: %d", n)
	}
}

func TestCapabilityFlagsFollowTheSoftware(t *testing.T) {
	gts := CapabilityFlags(mastoapi.DeriveCapabilities(mastoapi.Instance{Version: "0.17.3 git-abc", Software: mastoapi.SoftwareGoToSocial}, nil))
	if gts["report_assign"] || gts["account_action_silence"] || !gts["account_action_suspend"] || !gts["rules_api"] {
		t.Fatalf("gotosocial: %v", gts)
	}
	masto := CapabilityFlags(mastoapi.DeriveCapabilities(mastoapi.Instance{Version: "4.3.2", Software: mastoapi.SoftwareMastodon}, nil))
	if !masto["report_assign"] || !masto["account_action_silence"] || masto["rules_api"] {
		t.Fatalf("mastodon: %v", masto)
	}
}
