package store

import "steward/internal/mastoapi"

// ReplaceRules stores the complete list of a server's rules.
func (s *SyncStore) ReplaceRules(server string, rules []mastoapi.Rule) error {
	m := make(map[string]mastoapi.Rule, len(rules))
	for _, r := range rules {
		m[itemKey(server, r.ID)] = r
	}
	return replaceServerSet(s.rules, server, m)
}

// Rules returns a server's cached rules in id order.
func (s *SyncStore) Rules(server string) ([]mastoapi.Rule, error) {
	out := []mastoapi.Rule{}
	err := s.rules.Each(server+"/", func(_ string, r mastoapi.Rule) error { out = append(out, r); return nil })
	return out, err
}

// ReplaceDomainBlocks stores the complete list of a server's domain blocks.
func (s *SyncStore) ReplaceDomainBlocks(server string, blocks []mastoapi.DomainBlock) error {
	m := make(map[string]mastoapi.DomainBlock, len(blocks))
	for _, b := range blocks {
		m[itemKey(server, b.ID)] = b
	}
	return replaceServerSet(s.blocks, server, m)
}

// DomainBlocks returns a server's cached domain blocks in id order.
func (s *SyncStore) DomainBlocks(server string) ([]mastoapi.DomainBlock, error) {
	out := []mastoapi.DomainBlock{}
	err := s.blocks.Each(server+"/", func(_ string, b mastoapi.DomainBlock) error { out = append(out, b); return nil })
	return out, err
}
