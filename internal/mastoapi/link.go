package mastoapi

import (
	"strings"
)

// Links holds the rel="next" and rel="prev" URLs of a Link header.
type Links struct {
	Next string
	Prev string
}

// parseLinks reads a Link header such as
// `<https://host/api/v1/admin/reports?max_id=9>; rel="next", <…>; rel="prev"`.
// URLs are kept exactly as given: GoToSocial's cursors are not ids.
func parseLinks(header string) Links {
	var l Links
	for _, part := range splitLinkHeader(header) {
		part = strings.TrimSpace(part)
		end := strings.Index(part, ">")
		if !strings.HasPrefix(part, "<") || end < 0 {
			continue
		}
		target := part[1:end]
		for _, param := range strings.Split(part[end+1:], ";") {
			param = strings.TrimSpace(param)
			name, value, ok := strings.Cut(param, "=")
			if !ok || strings.TrimSpace(name) != "rel" {
				continue
			}
			for _, rel := range strings.Fields(strings.Trim(value, `"`)) {
				switch rel {
				case "next":
					l.Next = target
				case "prev":
					l.Prev = target
				}
			}
		}
	}
	return l
}

// splitLinkHeader splits on commas outside <…>.
func splitLinkHeader(h string) []string {
	var parts []string
	depth, start := 0, 0
	for i, r := range h {
		switch r {
		case '<':
			depth++
		case '>':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth == 0 {
				parts = append(parts, h[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, h[start:])
}
