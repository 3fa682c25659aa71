package mastosim

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

const timeLayout = "2006-01-02T15:04:05.000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func fmtTimePtr(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := fmtTime(t)
	return &s
}

func idStr(id int64) string { return strconv.FormatInt(id, 10) }

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

type emptyList []struct{}

type fieldJSON struct {
	Name       string  `json:"name"`
	Value      string  `json:"value"`
	VerifiedAt *string `json:"verified_at"`
}

type roleJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Color       string `json:"color"`
	Permissions string `json:"permissions"`
	Highlighted bool   `json:"highlighted"`
}

type sourceJSON struct {
	Privacy             string      `json:"privacy"`
	Sensitive           bool        `json:"sensitive"`
	Language            string      `json:"language"`
	Note                string      `json:"note"`
	Fields              []fieldJSON `json:"fields"`
	FollowRequestsCount int         `json:"follow_requests_count"`
}

type accountJSON struct {
	ID             string      `json:"id"`
	Username       string      `json:"username"`
	Acct           string      `json:"acct"`
	DisplayName    string      `json:"display_name"`
	Locked         bool        `json:"locked"`
	Bot            bool        `json:"bot"`
	Discoverable   bool        `json:"discoverable"`
	Group          bool        `json:"group"`
	CreatedAt      string      `json:"created_at"`
	Note           string      `json:"note"`
	URL            string      `json:"url"`
	URI            string      `json:"uri"`
	Avatar         string      `json:"avatar"`
	AvatarStatic   string      `json:"avatar_static"`
	Header         string      `json:"header"`
	HeaderStatic   string      `json:"header_static"`
	FollowersCount int         `json:"followers_count"`
	FollowingCount int         `json:"following_count"`
	StatusesCount  int         `json:"statuses_count"`
	LastStatusAt   *string     `json:"last_status_at"`
	Emojis         emptyList   `json:"emojis"`
	Fields         []fieldJSON `json:"fields"`
	Suspended      bool        `json:"suspended,omitempty"`
	Limited        bool        `json:"limited,omitempty"`
	Source         *sourceJSON `json:"source,omitempty"`
	Role           *roleJSON   `json:"role,omitempty"`
}

func (s *Sim) acctDomain(a *account) string {
	if a.local() {
		return s.opts.Domain
	}
	return a.domain
}

func (s *Sim) renderAccount(a *account) accountJSON {
	dom := s.acctDomain(a)
	acct := a.username
	if !a.local() {
		acct += "@" + a.domain
	}
	avatar := "https://" + s.opts.Domain + "/avatars/original/missing.png"
	header := "https://" + s.opts.Domain + "/headers/original/missing.png"
	if a.id%3 != 0 {
		avatar = "https://files." + s.opts.Domain + "/cache/accounts/avatars/" + idStr(a.id) + "/original.png"
	}
	var last *string
	if !a.lastStatusAt.IsZero() {
		d := a.lastStatusAt.UTC().Format("2006-01-02")
		last = &d
	}
	fields := []fieldJSON{}
	if a.id%4 == 1 {
		fields = append(fields, fieldJSON{Name: "Website", Value: `<a href="https://` + dom + `/" rel="nofollow noopener" target="_blank">` + dom + `</a>`})
	}
	return accountJSON{
		ID: idStr(a.id), Username: a.username, Acct: acct, DisplayName: a.displayName,
		Locked: a.locked, Bot: a.bot || a.instanceActor, Discoverable: !a.bot,
		CreatedAt: fmtTime(a.createdAt.Truncate(24 * time.Hour)), Note: a.note,
		URL: "https://" + dom + "/@" + a.username, URI: "https://" + dom + "/users/" + a.username,
		Avatar: avatar, AvatarStatic: avatar, Header: header, HeaderStatic: header,
		FollowersCount: a.followers, FollowingCount: a.following, StatusesCount: a.statuses,
		LastStatusAt: last, Emojis: emptyList{}, Fields: fields, Suspended: a.suspended, Limited: a.silenced,
	}
}

func renderRole(r *role) roleJSON {
	if r == nil {
		r = roleEveryone
	}
	return roleJSON{ID: r.id, Name: r.name, Color: r.color, Permissions: strconv.FormatUint(r.perms, 10), Highlighted: r.highlighted}
}

type ipJSON struct {
	IP     string `json:"ip"`
	UsedAt string `json:"used_at"`
}

type adminAccountJSON struct {
	ID                     string      `json:"id"`
	Username               string      `json:"username"`
	Domain                 *string     `json:"domain"`
	CreatedAt              string      `json:"created_at"`
	Email                  *string     `json:"email"`
	IP                     *string     `json:"ip"`
	IPs                    []ipJSON    `json:"ips"`
	Locale                 *string     `json:"locale"`
	InviteRequest          *string     `json:"invite_request"`
	Role                   *roleJSON   `json:"role"`
	Confirmed              bool        `json:"confirmed"`
	Approved               bool        `json:"approved"`
	Disabled               bool        `json:"disabled"`
	Silenced               bool        `json:"silenced"`
	Suspended              bool        `json:"suspended"`
	Sensitized             bool        `json:"sensitized"`
	Account                accountJSON `json:"account"`
	CreatedByApplicationID *string     `json:"created_by_application_id"`
	InvitedByAccountID     *string     `json:"invited_by_account_id"`
}

func (s *Sim) renderAdminAccount(a *account) adminAccountJSON {
	out := adminAccountJSON{
		ID: idStr(a.id), Username: a.username, CreatedAt: fmtTime(a.createdAt), IPs: []ipJSON{},
		Confirmed: a.confirmed, Approved: a.approved, Disabled: a.disabled, Silenced: a.silenced,
		Suspended: a.suspended, Sensitized: a.sensitized, Account: s.renderAccount(a),
	}
	if a.local() {
		out.Email = strPtr(a.email)
		if !s.gts() {
			out.IP = strPtr(a.ip)
			if a.ip != "" {
				out.IPs = append(out.IPs, ipJSON{IP: a.ip, UsedAt: fmtTime(a.createdAt)})
			}
		}
		out.Locale = strPtr(a.locale)
		out.InviteRequest = strPtr(a.inviteRequest)
		r := renderRole(a.role)
		out.Role = &r
	} else {
		out.Domain = &a.domain
		out.Confirmed, out.Approved = true, true
	}
	return out
}

func (s *Sim) renderRule(r *rule) ruleJSON {
	return ruleJSON{ID: idStr(r.id), Text: r.text, Hint: r.hint}
}

type ruleJSON struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	Hint string `json:"hint"`
}

type mediaJSON struct {
	ID          string  `json:"id"`
	Type        string  `json:"type"`
	URL         string  `json:"url"`
	PreviewURL  string  `json:"preview_url"`
	RemoteURL   *string `json:"remote_url"`
	Description *string `json:"description"`
	Blurhash    string  `json:"blurhash"`
}

type mentionJSON struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	URL      string `json:"url"`
	Acct     string `json:"acct"`
}

type tagJSON struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type statusJSON struct {
	ID                 string        `json:"id"`
	CreatedAt          string        `json:"created_at"`
	InReplyToID        *string       `json:"in_reply_to_id"`
	InReplyToAccountID *string       `json:"in_reply_to_account_id"`
	Sensitive          bool          `json:"sensitive"`
	SpoilerText        string        `json:"spoiler_text"`
	Visibility         string        `json:"visibility"`
	Language           string        `json:"language"`
	URI                string        `json:"uri"`
	URL                string        `json:"url"`
	RepliesCount       int           `json:"replies_count"`
	ReblogsCount       int           `json:"reblogs_count"`
	FavouritesCount    int           `json:"favourites_count"`
	Content            string        `json:"content"`
	Reblog             *struct{}     `json:"reblog"`
	Account            accountJSON   `json:"account"`
	MediaAttachments   []mediaJSON   `json:"media_attachments"`
	Mentions           []mentionJSON `json:"mentions"`
	Tags               []tagJSON     `json:"tags"`
	Emojis             emptyList     `json:"emojis"`
	Card               *struct{}     `json:"card"`
	Poll               *struct{}     `json:"poll"`
}

func (s *Sim) renderStatus(st *status) statusJSON {
	a := s.st.accountByID[st.accountID]
	dom := s.acctDomain(a)
	c := s.statusContent(st, a)
	out := statusJSON{
		ID: idStr(st.id), CreatedAt: fmtTime(st.createdAt), Sensitive: st.sensitive || st.spoiler >= 0,
		SpoilerText: c.spoiler, Visibility: visibilityNames[st.visibility], Language: languages[st.lang],
		URI:     "https://" + dom + "/users/" + a.username + "/statuses/" + idStr(st.id),
		URL:     "https://" + dom + "/@" + a.username + "/" + idStr(st.id),
		Content: c.html, Account: s.renderAccount(a), MediaAttachments: []mediaJSON{},
		Mentions: []mentionJSON{}, Tags: []tagJSON{}, Emojis: emptyList{},
		RepliesCount: int(st.seed % 7), ReblogsCount: int(st.seed % 13), FavouritesCount: int(st.seed % 31),
	}
	if st.replyToAcc != 0 {
		out.InReplyToAccountID = strPtr(idStr(st.replyToAcc))
	}
	for i := 0; i < int(st.media); i++ {
		mid := idStr(st.id*10 + int64(i))
		u := "https://files." + s.opts.Domain + "/media_attachments/files/" + mid + "/original/image.png"
		d := c.mediaDescs[i]
		var desc *string
		if d != "" {
			desc = &d
		}
		out.MediaAttachments = append(out.MediaAttachments, mediaJSON{
			ID: mid, Type: "image", URL: u, PreviewURL: strings.Replace(u, "/original/", "/small/", 1),
			Description: desc, Blurhash: blurhashes[(st.id+int64(i))%int64(len(blurhashes))],
		})
	}
	if st.mentionID != 0 {
		if m := s.st.accountByID[st.mentionID]; m != nil {
			acct := m.username
			if !m.local() {
				acct += "@" + m.domain
			}
			out.Mentions = append(out.Mentions, mentionJSON{ID: idStr(m.id), Username: m.username, Acct: acct,
				URL: "https://" + s.acctDomain(m) + "/@" + m.username})
		}
	}
	for _, t := range c.tags {
		out.Tags = append(out.Tags, tagJSON{Name: t, URL: "https://" + s.opts.Domain + "/tags/" + t})
	}
	return out
}

type reportJSON struct {
	ID                   string            `json:"id"`
	ActionTaken          bool              `json:"action_taken"`
	ActionTakenAt        *string           `json:"action_taken_at"`
	ActionTakenComment   *string           `json:"action_taken_comment,omitempty"`
	Category             string            `json:"category"`
	Comment              string            `json:"comment"`
	Forwarded            bool              `json:"forwarded"`
	CreatedAt            string            `json:"created_at"`
	UpdatedAt            string            `json:"updated_at"`
	Account              adminAccountJSON  `json:"account"`
	TargetAccount        adminAccountJSON  `json:"target_account"`
	AssignedAccount      *adminAccountJSON `json:"assigned_account"`
	ActionTakenByAccount *adminAccountJSON `json:"action_taken_by_account"`
	Statuses             []statusJSON      `json:"statuses"`
	Rules                []ruleJSON        `json:"rules"`
}

func (s *Sim) adminAccountPtr(id int64) *adminAccountJSON {
	if id == 0 {
		return nil
	}
	a := s.st.accountByID[id]
	if a == nil {
		return nil
	}
	out := s.renderAdminAccount(a)
	return &out
}

func (s *Sim) renderReport(r *report) reportJSON {
	out := reportJSON{
		ID: idStr(r.id), ActionTaken: r.actionTaken, ActionTakenAt: fmtTimePtr(r.actionTakenAt),
		Category: r.category, Comment: r.comment, Forwarded: r.forwarded,
		CreatedAt: fmtTime(r.createdAt), UpdatedAt: fmtTime(r.updatedAt),
		Account:              s.renderAdminAccount(s.st.accountByID[r.reporterID]),
		TargetAccount:        s.renderAdminAccount(s.st.accountByID[r.targetID]),
		AssignedAccount:      s.adminAccountPtr(r.assignedID),
		ActionTakenByAccount: s.adminAccountPtr(r.actionTakenBy),
		Statuses:             make([]statusJSON, 0, len(r.statusIDs)),
		Rules:                make([]ruleJSON, 0, len(r.ruleIDs)),
	}
	if s.gts() {
		out.Category = "other"
		if r.actionTaken {
			c := r.actionComment
			out.ActionTakenComment = &c
		}
	}
	for _, sid := range r.statusIDs {
		if st, ok := searchByID(s.st.statuses, statusID, sid); ok {
			out.Statuses = append(out.Statuses, s.renderStatus(st))
		}
	}
	for _, rid := range r.ruleIDs {
		if ru := s.findRule(rid); ru != nil {
			out.Rules = append(out.Rules, s.renderRule(ru))
		}
	}
	return out
}

func (s *Sim) findRule(id int64) *rule {
	for _, r := range s.st.rules {
		if r.id == id && !r.deleted {
			return r
		}
	}
	return nil
}

func digest(domain string) string {
	sum := sha256.Sum256([]byte(domain))
	return hex.EncodeToString(sum[:])
}
