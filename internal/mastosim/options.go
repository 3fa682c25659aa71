package mastosim

import "time"

// Flavour selects which server implementation the simulator imitates.
type Flavour string

// The supported flavours.
const (
	FlavourMastodon   Flavour = "mastodon"
	FlavourGoToSocial Flavour = "gotosocial"
)

// RateLimit configures the per-token (per-IP when unauthenticated, and always
// per-IP for GoToSocial) request budget. The zero value means Mastodon's
// defaults; Limit -1 disables rate limiting entirely.
type RateLimit struct {
	Limit           int           // requests per Window per token (Mastodon: 300)
	Window          time.Duration // Mastodon: 5 min
	PaginatedLimit  int           // paginated requests (with max_id/since_id/min_id) per PaginatedWindow (Mastodon: 300)
	PaginatedWindow time.Duration // Mastodon: 15 min
}

func (r RateLimit) disabled() bool { return r.Limit < 0 }

func (r RateLimit) withDefaults() RateLimit {
	if r.Limit == 0 {
		r.Limit = 300
	}
	if r.Window <= 0 {
		r.Window = 5 * time.Minute
	}
	if r.PaginatedLimit == 0 {
		r.PaginatedLimit = 300
	}
	if r.PaginatedWindow <= 0 {
		r.PaginatedWindow = 15 * time.Minute
	}
	return r
}

// Options configure a simulator.
type Options struct {
	Flavour     Flavour
	Domain      string // e.g. "social.example.org"; used in account acct/uri/url and instance domain
	Title       string
	Description string
	Version     string // default "4.3.2" (mastodon) or "0.17.3 git-abc123" (gotosocial)
	RateLimit   RateLimit
	Now         func() time.Time // default time.Now
}

func (o Options) withDefaults() Options {
	if o.Flavour == "" {
		o.Flavour = FlavourMastodon
	}
	if o.Domain == "" {
		o.Domain = "social.example.org"
	}
	if o.Title == "" {
		if o.Flavour == FlavourGoToSocial {
			o.Title = "GoToSocial Example Instance"
		} else {
			o.Title = "Example Social"
		}
	}
	if o.Description == "" {
		o.Description = "<p>A friendly, moderated community server run by the Example Institution.</p>"
	}
	if o.Version == "" {
		if o.Flavour == FlavourGoToSocial {
			o.Version = "0.17.3 git-abc123"
		} else {
			o.Version = "4.3.2"
		}
	}
	o.RateLimit = o.RateLimit.withDefaults()
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
