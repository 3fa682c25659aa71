package servers

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"steward/internal/apperr"
	"steward/internal/secrets"
)

// Credentials are what signing in produced; they go to the keychain only.
type Credentials struct {
	AccessToken  string
	ClientSecret string
}

// Add records a newly connected server: the credentials go to the keychain,
// the server (without secrets) to the registry. The id is derived from the
// server's host and made unique. If the registry write fails, the keychain
// entries are removed again.
func (s *Service) Add(srv Server, cred Credentials) (Server, error) {
	srv, err := s.register(srv, cred)
	if err != nil {
		return Server{}, err
	}
	s.startRunner(srv)
	s.cfg.Changed()
	return srv, nil
}

// register does Add's work but for starting the server's scheduler.
func (s *Service) register(srv Server, cred Credentials) (Server, error) {
	const op = "servers: add"
	if cred.AccessToken == "" {
		return Server{}, apperr.Errorf(op, apperr.Invalid, "no access token")
	}
	list, err := s.cfg.Registry.Servers()
	if err != nil {
		return Server{}, err
	}
	for _, have := range list {
		if sameServer(have.URL, srv.URL) {
			return Server{}, &apperr.Error{Op: op, Kind: apperr.Conflict, Extra: "already_connected", Err: errors.New(srv.URL)}
		}
	}
	srv.ID = uniqueID(idFromURL(srv.URL), list)
	if srv.Hosting == "" {
		srv.Hosting = SelfRun
	}
	if err := s.cfg.Secrets.Set(secrets.TokenKey(srv.ID), cred.AccessToken); err != nil {
		return Server{}, err
	}
	if cred.ClientSecret != "" {
		if err := s.cfg.Secrets.Set(secrets.ClientSecretKey(srv.ID), cred.ClientSecret); err != nil {
			_ = s.cfg.Secrets.Delete(secrets.TokenKey(srv.ID))
			return Server{}, err
		}
	}
	if err := s.cfg.Registry.Add(srv); err != nil {
		_ = s.cfg.Secrets.Delete(secrets.TokenKey(srv.ID))
		_ = s.cfg.Secrets.Delete(secrets.ClientSecretKey(srv.ID))
		return Server{}, err
	}
	return srv, nil
}

// RemoveResult tells what removing a server achieved.
type RemoveResult struct {
	// Revoked is false when the server could not be reached to revoke the
	// token; the local copy is gone all the same.
	Revoked     bool
	RevokeError error
}

// Remove revokes the server's token (best effort, bounded), deletes its
// keychain entries, purges its cache and drops it from the registry.
func (s *Service) Remove(ctx context.Context, id string) (RemoveResult, error) {
	srv, err := s.find(id)
	if err != nil {
		return RemoveResult{}, err
	}
	var res RemoveResult
	token, terr := s.cfg.Secrets.Get(secrets.TokenKey(id))
	secret, _ := s.cfg.Secrets.Get(secrets.ClientSecretKey(id))
	switch {
	case s.cfg.Revoke == nil || terr != nil:
		res.Revoked = s.cfg.Revoke == nil
	default:
		rctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		res.RevokeError = s.cfg.Revoke(rctx, srv.URL, srv.ClientID, secret, token)
		cancel()
		res.Revoked = res.RevokeError == nil
	}
	s.stopRunner(id)
	if err := s.cfg.Registry.Remove(id); err != nil {
		return res, err
	}
	var errs []error
	errs = append(errs, s.cfg.Secrets.Delete(secrets.TokenKey(id)), s.cfg.Secrets.Delete(secrets.ClientSecretKey(id)))
	errs = append(errs, s.cfg.DB.PurgeServer(id))
	s.cfg.Changed()
	return res, errors.Join(errs...)
}

// idFromURL makes a key-safe id from the server's host (and port).
func idFromURL(raw string) string {
	u, err := url.Parse(raw)
	host := raw
	if err == nil && u.Host != "" {
		host = u.Host
	}
	var b strings.Builder
	for _, r := range strings.ToLower(host) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-':
			b.WriteRune(r)
		default:
			b.WriteRune('-')
		}
	}
	if b.Len() == 0 {
		return "server"
	}
	return b.String()
}

func uniqueID(base string, list []Server) string {
	taken := map[string]bool{}
	for _, s := range list {
		taken[s.ID] = true
	}
	id := base
	for n := 2; taken[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}

func sameServer(a, b string) bool {
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	if errA != nil || errB != nil {
		return a == b
	}
	return strings.EqualFold(ua.Host, ub.Host)
}
