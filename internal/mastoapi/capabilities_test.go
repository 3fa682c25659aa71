package mastoapi

import (
	"fmt"
	"slices"
	"testing"
)

func TestParseVersion(t *testing.T) {
	cases := []struct {
		in                  string
		major, minor, patch int
		known               bool
	}{
		{"4.3.2", 4, 3, 2, true},
		{"4.2.10+glitch", 4, 2, 10, true},
		{"4.3.0-beta.1", 4, 3, 0, true},
		{"0.17.3 git-abc123", 0, 17, 3, true},
		{"4", 4, 0, 0, true},
		{"", 0, 0, 0, false},
		{"v4.3.0", 0, 0, 0, false},
	}
	for _, tc := range cases {
		v := ParseVersion(tc.in)
		if v.Major != tc.major || v.Minor != tc.minor || v.Patch != tc.patch || v.Known != tc.known || v.Raw != tc.in {
			t.Errorf("ParseVersion(%q) = %+v", tc.in, v)
		}
	}
	if !ParseVersion("4.3.0").AtLeast(4, 3) || ParseVersion("4.2.9").AtLeast(4, 3) || !ParseVersion("5.0.0").AtLeast(4, 3) || ParseVersion("x").AtLeast(0, 0) {
		t.Error("AtLeast")
	}
}

func TestDeriveCapabilities(t *testing.T) {
	s256 := &AuthMetadata{CodeChallengeMethodsSupported: []string{"S256"}}
	type want struct {
		pageDefault, pageMax                                 int
		assign, reopen, update, v2, severity, paginated      bool
		emailBlocks, ipBlocks, canonical, measures           bool
		rulesAPI, rulesEditable, pkce, metadata, portMayVary bool
		array, streaming, sendEmail                          bool
		actions, undo                                        []string
	}
	mastodonActions := []string{"none", "sensitive", "disable", "silence", "suspend"}
	mastodonUndo := []string{"approve", "reject", "enable", "unsilence", "unsuspend", "unsensitive"}
	cases := []struct {
		name string
		in   Instance
		meta *AuthMetadata
		want want
	}{
		{"mastodon 4.2", Instance{Version: "4.2.13", Software: SoftwareMastodon}, nil, want{
			100, 200, true, true, true, true, true, true, true, true, true, true,
			false, false, false, false, true, false, true, true, mastodonActions, mastodonUndo}},
		{"mastodon 4.3", Instance{Version: "4.3.2", Software: SoftwareMastodon}, s256, want{
			100, 200, true, true, true, true, true, true, true, true, true, true,
			false, false, true, true, true, true, true, true, mastodonActions, mastodonUndo}},
		{"mastodon 3.4 (old)", Instance{Version: "3.4.6", Software: SoftwareMastodon}, nil, want{
			100, 200, true, true, false, false, true, true, false, false, false, false,
			false, false, false, false, true, false, true, true, mastodonActions, mastodonUndo}},
		{"glitch-soc 4.2", Instance{Version: "4.2.10+glitch", Software: SoftwareGlitch}, nil, want{
			100, 200, true, true, true, true, true, true, true, true, true, true,
			false, false, false, false, true, false, true, true, mastodonActions, mastodonUndo}},
		{"glitch-soc 4.2 with metadata", Instance{Version: "4.2.10+glitch", Software: SoftwareGlitch}, s256, want{
			100, 200, true, true, true, true, true, true, true, true, true, true,
			false, false, true, true, true, false, true, true, mastodonActions, mastodonUndo}},
		{"gotosocial 0.17", Instance{Version: "0.17.3 git-abc123", Software: SoftwareGoToSocial}, nil, want{
			20, 100, false, false, false, true, false, false, false, false, false, false,
			true, true, false, false, false, false, false, false, []string{"suspend"}, []string{"approve", "reject"}}},
		{"unknown", Instance{Version: "2.7.2 (compatible; Pleroma 2.5.0)", Software: SoftwareUnknown}, nil, want{
			20, 100, false, false, false, false, false, false, false, false, false, false,
			false, false, false, false, false, false, false, false, nil, nil}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := DeriveCapabilities(tc.in, tc.meta)
			w := tc.want
			got := want{c.ReportsPageDefault, c.ReportsPageMax, c.ReportAssign, c.ReportReopen, c.ReportUpdate, c.AdminAccountsV2,
				c.DomainBlockSeverity, c.DomainBlocksPaginated, c.EmailDomainBlocks, c.IPBlocks, c.CanonicalEmailBlocks, c.Measures,
				c.RulesAPI, c.RulesEditable, c.PKCE, c.AuthServerMetadata, c.LoopbackPortMayVary, c.RedirectURIsAsArray,
				c.StreamingNotifications, c.SendEmailNotificationParam, c.AccountActions, c.AccountUndo}
			if !slices.Equal(got.actions, w.actions) || !slices.Equal(got.undo, w.undo) {
				t.Errorf("actions %v undo %v, want %v %v", got.actions, got.undo, w.actions, w.undo)
			}
			got.actions, got.undo, w.actions, w.undo = nil, nil, nil, nil
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", w) {
				t.Errorf("\n got %+v\nwant %+v", got, w)
			}
			if c.Software != tc.in.Software || c.Version.Raw != tc.in.Version {
				t.Errorf("software/version %v %+v", c.Software, c.Version)
			}
		})
	}
	gts := DeriveCapabilities(Instance{Version: "0.17.3", Software: SoftwareGoToSocial}, nil)
	if !gts.CanAccountAction("suspend") || gts.CanAccountAction("silence") || gts.CanUndo("unsuspend") {
		t.Error("GoToSocial can only suspend")
	}
}
