package mastosim

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

func (s *Sim) routesInstance(mux *http.ServeMux) {
	s.api(mux, "GET /api/v1/instance", "", 0, s.instanceV1)
	s.api(mux, "GET /api/v2/instance", "", 0, s.instanceV2)
	s.api(mux, "GET /api/v1/instance/rules", "", 0, s.instanceRules)
	if s.gts() {
		p := permManageRules
		s.api(mux, "GET /api/v1/admin/instance/rules", "admin:read", p, s.instanceRules)
		s.api(mux, "GET /api/v1/admin/instance/rules/{id}", "admin:read", p, s.getRule)
		s.api(mux, "POST /api/v1/admin/instance/rules", "admin:write", p, s.createRule)
		s.api(mux, "PATCH /api/v1/admin/instance/rules/{id}", "admin:write", p, s.updateRule)
		s.api(mux, "DELETE /api/v1/admin/instance/rules/{id}", "admin:write", p, s.deleteRule)
	}
}

func (s *Sim) activeRules() []ruleJSON {
	out := []ruleJSON{}
	for _, r := range s.st.rules {
		if !r.deleted {
			out = append(out, s.renderRule(r))
		}
	}
	return out
}

func (s *Sim) instanceRules(c *reqCtx) (int, any) { return http.StatusOK, s.activeRules() }

func (s *Sim) counts() (users, localStatuses, domains int) {
	seen := map[string]struct{}{}
	for _, a := range s.st.accounts {
		if a.deleted {
			continue
		}
		if a.local() {
			users++
			localStatuses += a.statuses
		} else {
			seen[a.domain] = struct{}{}
		}
	}
	return users, localStatuses, len(seen)
}

func (s *Sim) contactAccount() *accountJSON {
	a := s.st.accountByID[adminID]
	if a == nil {
		return nil
	}
	out := s.renderAccount(a)
	return &out
}

func (s *Sim) instanceV1(c *reqCtx) (int, any) {
	users, statuses, domains := s.counts()
	short := stripTags(s.opts.Description)
	return http.StatusOK, map[string]any{
		"uri": s.opts.Domain, "title": s.opts.Title, "short_description": short,
		"description": s.opts.Description, "email": "admin@" + s.opts.Domain, "version": s.opts.Version,
		"urls":      map[string]any{"streaming_api": "wss://" + s.opts.Domain},
		"stats":     map[string]int{"user_count": users, "status_count": statuses, "domain_count": domains},
		"thumbnail": "https://" + s.opts.Domain + "/packs/media/images/preview.png",
		"languages": []string{"en", "de", "fr"}, "registrations": true, "approval_required": true,
		"invites_enabled": true,
		"configuration": map[string]any{
			"statuses": map[string]int{"max_characters": 500, "max_media_attachments": 4, "characters_reserved_per_url": 23},
		},
		"contact_account": s.contactAccount(), "rules": s.activeRules(),
	}
}

func (s *Sim) instanceV2(c *reqCtx) (int, any) {
	users, _, _ := s.counts()
	src := "https://github.com/mastodon/mastodon"
	if s.gts() {
		src = "https://github.com/superseriousbusiness/gotosocial"
	}
	return http.StatusOK, map[string]any{
		"domain": s.opts.Domain, "title": s.opts.Title, "version": s.opts.Version, "source_url": src,
		"description": stripTags(s.opts.Description),
		"usage":       map[string]any{"users": map[string]int{"active_month": users}},
		"thumbnail":   map[string]any{"url": "https://" + s.opts.Domain + "/packs/media/images/preview.png"},
		"languages":   []string{"en", "de", "fr"},
		"configuration": map[string]any{
			"urls":        map[string]any{"streaming": "wss://" + s.opts.Domain, "status": nil},
			"accounts":    map[string]int{"max_featured_tags": 10, "max_pinned_statuses": 5},
			"statuses":    map[string]int{"max_characters": 500, "max_media_attachments": 4, "characters_reserved_per_url": 23},
			"translation": map[string]bool{"enabled": false},
		},
		"registrations": map[string]any{"enabled": true, "approval_required": true, "message": nil},
		"api_versions":  map[string]int{"mastodon": 2},
		"contact":       map[string]any{"email": "admin@" + s.opts.Domain, "account": s.contactAccount()},
		"rules":         s.activeRules(),
	}
}

func (s *Sim) ruleByPath(c *reqCtx) *rule {
	id, err := strconv.ParseInt(c.r.PathValue("id"), 10, 64)
	if err != nil {
		return nil
	}
	return s.findRule(id)
}

func (s *Sim) getRule(c *reqCtx) (int, any) {
	r := s.ruleByPath(c)
	if r == nil {
		return notFound()
	}
	return http.StatusOK, s.renderRule(r)
}

func (s *Sim) createRule(c *reqCtx) (int, any) {
	text := strings.TrimSpace(c.p.get("text"))
	if text == "" {
		return http.StatusBadRequest, errBody("Bad Request: text should not be empty")
	}
	r := &rule{id: s.newID(), text: text, hint: c.p.get("hint"), createdAt: s.now()}
	s.st.rules = append(s.st.rules, r)
	return http.StatusOK, s.renderRule(r)
}

func (s *Sim) updateRule(c *reqCtx) (int, any) {
	r := s.ruleByPath(c)
	if r == nil {
		return notFound()
	}
	if c.p.has("text") {
		text := strings.TrimSpace(c.p.get("text"))
		if text == "" {
			return http.StatusBadRequest, errBody("Bad Request: text should not be empty")
		}
		r.text = text
	}
	if c.p.has("hint") {
		r.hint = c.p.get("hint")
	}
	return http.StatusOK, s.renderRule(r)
}

func (s *Sim) deleteRule(c *reqCtx) (int, any) {
	r := s.ruleByPath(c)
	if r == nil {
		return notFound()
	}
	r.deleted = true
	return http.StatusOK, s.renderRule(r)
}

type measureJSON struct {
	Key           string         `json:"key"`
	Unit          *string        `json:"unit"`
	Total         string         `json:"total"`
	HumanValue    string         `json:"human_value,omitempty"`
	PreviousTotal string         `json:"previous_total"`
	Data          []measurePoint `json:"data"`
}

type measurePoint struct {
	Date  string `json:"date"`
	Value string `json:"value"`
}

var measureKeys = map[string]bool{"active_users": true, "new_users": true, "interactions": true,
	"opened_reports": true, "resolved_reports": true}

func parseDay(v string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, timeLayout} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC().Truncate(24 * time.Hour), true
		}
	}
	return time.Time{}, false
}

func (s *Sim) measures(c *reqCtx) (int, any) {
	start, ok1 := parseDay(c.p.get("start_at"))
	end, ok2 := parseDay(c.p.get("end_at"))
	if !ok1 || !ok2 || end.Before(start) {
		return http.StatusBadRequest, errBody("start_at and end_at must be dates (YYYY-MM-DD), start_at before end_at")
	}
	days := int(end.Sub(start)/(24*time.Hour)) + 1
	if days > 400 {
		return http.StatusBadRequest, errBody("date range too long")
	}
	out := []measureJSON{}
	for _, key := range c.p.all("keys") {
		if !measureKeys[key] {
			continue
		}
		cur := s.measureSeries(key, start, days)
		prev := s.measureSeries(key, start.Add(-time.Duration(days)*24*time.Hour), days)
		m := measureJSON{Key: key, Data: make([]measurePoint, days)}
		var tot, ptot int
		for i := 0; i < days; i++ {
			m.Data[i] = measurePoint{Date: fmtTime(start.Add(time.Duration(i) * 24 * time.Hour)), Value: strconv.Itoa(cur[i])}
			tot += cur[i]
			ptot += prev[i]
		}
		m.Total, m.PreviousTotal, m.HumanValue = strconv.Itoa(tot), strconv.Itoa(ptot), strconv.Itoa(tot)
		out = append(out, m)
	}
	return http.StatusOK, out
}

func (s *Sim) measureSeries(key string, start time.Time, days int) []int {
	v := make([]int, days)
	bump := func(t time.Time) {
		if t.IsZero() || t.Before(start) {
			return
		}
		if d := int(t.Sub(start) / (24 * time.Hour)); d < days {
			v[d]++
		}
	}
	switch key {
	case "opened_reports":
		for _, r := range s.st.reports {
			bump(r.createdAt)
		}
	case "resolved_reports":
		for _, r := range s.st.reports {
			bump(r.actionTakenAt)
		}
	case "new_users":
		for _, a := range s.st.accounts {
			if a.local() {
				bump(a.createdAt)
			}
		}
	default: // active_users, interactions: a plausible deterministic curve
		users, _, _ := s.counts()
		for i := range v {
			day := start.Add(time.Duration(i)*24*time.Hour).Unix() / 86400
			v[i] = users/3 + int(day%7)*users/40
			if key == "interactions" {
				v[i] *= 4
			}
		}
	}
	return v
}
