package mastoapi

// Flags flattens the capability table into named flags for the UI and the
// cache (e.g. "report_assign", "account_action_suspend").
func (c Capabilities) Flags() map[string]bool {
	m := map[string]bool{
		"report_assign":          c.ReportAssign,
		"report_reopen":          c.ReportReopen,
		"report_update":          c.ReportUpdate,
		"admin_accounts_v2":      c.AdminAccountsV2,
		"send_email_param":       c.SendEmailNotificationParam,
		"domain_block_severity":  c.DomainBlockSeverity,
		"email_domain_blocks":    c.EmailDomainBlocks,
		"ip_blocks":              c.IPBlocks,
		"canonical_email_blocks": c.CanonicalEmailBlocks,
		"measures":               c.Measures,
		"rules_api":              c.RulesAPI,
		"rules_editable":         c.RulesEditable,
		"pkce":                   c.PKCE,
		"streaming":              c.StreamingNotifications,
	}
	for _, a := range []string{ActionNone, ActionSensitive, ActionDisable, ActionSilence, ActionSuspend} {
		m["account_action_"+a] = c.CanAccountAction(a)
	}
	return m
}
