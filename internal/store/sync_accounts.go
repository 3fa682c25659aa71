package store

import "steward/internal/mastoapi"

// PutAccounts writes (or refreshes) accounts of a server, e.g. the ones
// embedded in reports. Accounts without an id are skipped.
func (s *SyncStore) PutAccounts(server string, accounts []mastoapi.AdminAccount) error {
	if err := checkServerID("store: put accounts", server); err != nil {
		return err
	}
	m := make(map[string]mastoapi.AdminAccount, len(accounts))
	for _, a := range accounts {
		if a.ID != "" {
			m[itemKey(server, a.ID)] = a
		}
	}
	return putChunked(s.accounts, m)
}

// ReplaceAccountDirectory stores a complete walk of a server's account
// directory: accounts no longer listed are removed.
func (s *SyncStore) ReplaceAccountDirectory(server string, accounts []mastoapi.AdminAccount) error {
	m := make(map[string]mastoapi.AdminAccount, len(accounts))
	for _, a := range accounts {
		if a.ID != "" {
			m[itemKey(server, a.ID)] = a
		}
	}
	return replaceServerSet(s.accounts, server, m)
}

// ReplacePending stores the complete list of accounts awaiting approval:
// each is written to the accounts too, and accounts no longer pending
// (approved or rejected) leave the pending set.
func (s *SyncStore) ReplacePending(server string, pending []mastoapi.AdminAccount) error {
	if err := s.PutAccounts(server, pending); err != nil {
		return err
	}
	m := make(map[string]mastoapi.AdminAccount, len(pending))
	for _, a := range pending {
		if a.ID != "" {
			m[itemKey(server, a.ID)] = a
		}
	}
	return replaceServerSet(s.pending, server, m)
}

// Account reads one cached account.
func (s *SyncStore) Account(server, id string) (mastoapi.AdminAccount, bool, error) {
	return s.accounts.Get(itemKey(server, id))
}

// EachAccount calls fn for each cached account of a server in id order.
func (s *SyncStore) EachAccount(server string, fn func(mastoapi.AdminAccount) error) error {
	return s.accounts.Each(server+"/", func(_ string, a mastoapi.AdminAccount) error { return fn(a) })
}

// CountAccounts counts a server's cached accounts.
func (s *SyncStore) CountAccounts(server string) (int, error) { return s.accounts.Count(server + "/") }

// EachPending calls fn for each account awaiting approval.
func (s *SyncStore) EachPending(server string, fn func(mastoapi.AdminAccount) error) error {
	return s.pending.Each(server+"/", func(_ string, a mastoapi.AdminAccount) error { return fn(a) })
}

// CountPending counts a server's accounts awaiting approval.
func (s *SyncStore) CountPending(server string) (int, error) { return s.pending.Count(server + "/") }
