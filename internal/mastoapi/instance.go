package mastoapi

import (
	"context"
	"strings"

	"steward/internal/apperr"
)

// Software names the server implementation.
type Software string

// Known implementations.
const (
	SoftwareMastodon   Software = "mastodon"
	SoftwareGlitch     Software = "glitch-soc"
	SoftwareGoToSocial Software = "gotosocial"
	SoftwareUnknown    Software = "unknown"
)

// Instance is what Steward needs to know of a server's /api/v{1,2}/instance.
type Instance struct {
	Domain      string
	Title       string
	Description string
	Version     string // the version as the server reports it
	Software    Software
	SourceURL   string
	Rules       []Rule
	Approval    bool // registrations require approval
}

// Rule is a server rule.
type Rule struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	Hint string `json:"hint"`
}

type instanceV2 struct {
	Domain        string `json:"domain"`
	Title         string `json:"title"`
	Version       string `json:"version"`
	SourceURL     string `json:"source_url"`
	Description   string `json:"description"`
	Rules         []Rule `json:"rules"`
	Registrations struct {
		ApprovalRequired bool `json:"approval_required"`
	} `json:"registrations"`
}

// Instance reads /api/v2/instance and falls back to v1 (through go-mastodon)
// on servers that do not have v2.
func (c *Client) Instance(ctx context.Context) (Instance, error) {
	const op = "mastoapi: get instance"
	var v2 instanceV2
	_, err := c.getJSON(ctx, op, "/api/v2/instance", nil, &v2)
	if err == nil {
		if v2.Version == "" && v2.Domain == "" {
			return Instance{}, apperr.Errorf(op, apperr.Invalid, "not a Mastodon API server: instance has no version")
		}
		return Instance{
			Domain: v2.Domain, Title: v2.Title, Description: v2.Description, Version: v2.Version,
			Software: DetectSoftware(v2.Version, v2.SourceURL), SourceURL: v2.SourceURL, Rules: v2.Rules,
			Approval: v2.Registrations.ApprovalRequired,
		}, nil
	}
	if !apperr.Is(err, apperr.NotFound) {
		return Instance{}, err
	}
	return c.instanceV1(ctx)
}

func (c *Client) instanceV1(ctx context.Context) (Instance, error) {
	const op = "mastoapi: get instance (v1)"
	ctx, cancel := c.withDeadline(ctx)
	defer cancel()
	in, err := c.mc.GetInstance(ctx)
	if err != nil {
		return Instance{}, classifyTransport(op, ctx, err)
	}
	if in.Version == "" {
		return Instance{}, apperr.Errorf(op, apperr.Invalid, "not a Mastodon API server: instance has no version")
	}
	domain := strings.TrimPrefix(strings.TrimPrefix(in.URI, "https://"), "http://")
	return Instance{
		Domain: domain, Title: in.Title, Description: in.Description, Version: in.Version,
		Software: DetectSoftware(in.Version, ""),
	}, nil
}

// DetectSoftware tells the implementation from the version string and source URL.
func DetectSoftware(version, sourceURL string) Software {
	v := strings.ToLower(version)
	src := strings.ToLower(sourceURL)
	switch {
	case strings.Contains(src, "gotosocial") || strings.Contains(v, "gotosocial"):
		return SoftwareGoToSocial
	case strings.Contains(v, "glitch"):
		return SoftwareGlitch
	case strings.Contains(v, "git-") && !strings.Contains(src, "mastodon"):
		return SoftwareGoToSocial
	case v != "" && v[0] >= '0' && v[0] <= '9':
		return SoftwareMastodon
	}
	return SoftwareUnknown
}
